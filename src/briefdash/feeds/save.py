"""Split a parsed feed's new or changed entries into items and store them: the step every kind
of source ends in (`library` for feeds and pages, `feeds.index` for index pages)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Entry, FeedConfig, FetchResult
from ..transcripts.segment import segment_entry
from .parse import ParsedFeed

if TYPE_CHECKING:
    from ..store import Store


def segment_changed(parsed: ParsedFeed, states: dict[str, str],
                    fulltext: dict[str, str] | None = None) -> list[tuple[Entry, list]]:
    """Pure step (safe in a worker thread): split new or changed entries into items."""
    out = []
    for entry in parsed.entries:
        if states.get(entry.key) == "unchanged":
            continue
        if fulltext and entry.key in fulltext:
            entry.content = fulltext[entry.key]
        out.append((entry, segment_entry(entry)))
    return out


def save_segmented(store: Store, feed: FeedConfig, segmented: list[tuple[Entry, list]],
                   states: dict[str, str]) -> FetchResult:
    """Write one feed's entries and items in one transaction."""
    result = FetchResult(name=feed.name, url=feed.url, status="ok")
    result.unchanged = sum(1 for v in states.values() if v == "unchanged")
    with store.transaction():
        for entry, items in segmented:
            outcome = store.save_entry(entry, items)
            if outcome == "unchanged":  # the same entry twice in one feed
                result.unchanged += 1
                continue
            result.items += len(items)
            if outcome == "new":
                result.new += 1
            else:
                result.updated += 1
    return result
