"""Grouping items into topics (simple placeholder: follow-ups join what they follow)."""
from __future__ import annotations

from ..store import Store


def group_new_items(store: Store, config) -> int:
    items = store.unassigned_items()
    by_entry: dict[tuple[str, int], int] = {}
    with store.transaction():
        for it in items:
            tid = by_entry.get((it.entry_key, it.follows)) if it.follows is not None else None
            if tid is None:
                tid = store.create_topic(" ".join((it.question or it.answer).split()[:6]))
            by_entry[(it.entry_key, it.index)] = tid
            store.assign([(it.id, tid)])
    return len(items)


def regroup_all(store: Store, config) -> int:
    with store.transaction():
        store.db.execute("UPDATE items SET topic_id = NULL")
        store.delete_empty_topics()
    return group_new_items(store, config)
