"""Watched topics, and the analyst's storylines: what arrived on them since the user last
looked."""
from __future__ import annotations

from dataclasses import dataclass, field

from .store import Store


@dataclass
class WatchNews:
    per_topic: list[tuple[int, str, int]] = field(default_factory=list)  # (id, label, new count)
    # every accepted storyline is followed: (name, new count)
    per_storyline: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(n for _, _, n in self.per_topic)

    def lines(self) -> list[str]:
        out = []
        if self.per_topic:
            out += [f"{self.total} new statements on watched topics:"]
            out += [f"  {label} (topic {tid}): {n} new" for tid, label, n in self.per_topic]
        if self.per_storyline:
            total = sum(n for _, n in self.per_storyline)
            out += [f"{total} new statements on your storylines:"]
            out += [f"  {name} (storyline): {n} new" for name, n in self.per_storyline]
        return out


def watched_news(store: Store, *, mark_seen: bool = True, key: str = "watch_seen") -> WatchNews:
    """Items on watched topics stored since the last call with the same `key`.

    Items are numbered as they are stored, so "since" is the highest number seen last time.
    """
    stored = store.get_state(key)
    if stored is None:  # first call: nothing has been seen yet, so nothing is "new" either
        top = store.max_item_number()
        if mark_seen:
            store.set_state(key, str(top))
        return WatchNews([])
    since = int(stored)
    rows = store.watched_topic_counts_since(since)
    stories = store.storyline_counts_since(since)
    if mark_seen:
        top = store.max_item_number()
        store.set_state(key, str(top))
    return WatchNews(rows, stories)


CLI_WATCH_KEY = "watch_seen"  # `briefdash fetch` / `ingest`
TUI_WATCH_KEY = "tui_watch_seen"  # the dashboard's refresh


def start_watching(store: Store) -> None:
    """Before the first watched topic: "new" starts from what the store holds now, for the CLI's
    and the dashboard's marks alike (so nothing already read is announced as new)."""
    top = str(store.max_item_number())
    for key in (CLI_WATCH_KEY, TUI_WATCH_KEY):
        if store.get_state(key) is None:
            store.set_state(key, top)
