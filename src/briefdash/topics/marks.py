"""Marks of how far a step has read a store, and whether since then statements and entries were
only added (nothing removed, replaced or renumbered): what lets a later process read only what
is new and still get what a full reading would.

A mark is JSON-ready: [count, highest number or id, stamp of that last row]. A replaced entry
changes its content hash, which the stamps carry, so a replacement of the newest briefing (whose
statements take their old numbers again) is seen too.
"""
from __future__ import annotations

from typing import Any


def items_mark(store) -> list[Any]:
    """The mark of the store's statements as they are now."""
    count, top = store.items_mark()
    stamp = store.item_stamp(top)
    return [count, top, list(stamp) if stamp else None]


def entries_mark(store) -> list[Any]:
    """The mark of the store's entries as they are now."""
    count, top = store.entries_mark()
    stamp = store.entry_stamp(top)
    return [count, top, list(stamp) if stamp else None]


def items_only_added(store, was: Any, now: list[Any]) -> bool:
    """True when the statements of mark `was` are all still there as they were, and those of
    mark `now` are they plus the statements numbered beyond them."""
    return _only_added(was, now, store.item_stamp, store.item_count_since)


def entries_only_added(store, was: Any, now: list[Any]) -> bool:
    """`items_only_added` for entries (an entry replaced in place, without statements before
    and after, goes unseen: its content hash is read for the last entry only)."""
    return _only_added(was, now, store.entry_stamp, store.entry_count_since)


def _only_added(was: Any, now: list[Any], stamp_of, count_since) -> bool:
    if not _well_formed(was):
        return False
    count, top, stamp = was
    now_stamp = stamp_of(top)
    return stamp == (list(now_stamp) if now_stamp else None) and now[0] == count + count_since(top)


def _well_formed(mark: Any) -> bool:
    return isinstance(mark, list) and len(mark) == 3 and isinstance(mark[0], int) and \
        isinstance(mark[1], int)
