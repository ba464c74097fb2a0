"""User decisions about topics: recorded, applied now, and re-applied after every regroup."""
from __future__ import annotations

from ..store import Store


def _refresh_state(store: Store, topic_ids, config=None) -> None:
    from .grouping import rebuild_profiles

    rebuild_profiles(store, topic_ids, config)


def rename(store: Store, topic_id: int, label: str) -> None:
    with store.transaction():
        store.add_curation("rename", {"topic": topic_id, "label": label})
        store.set_topic_flags(topic_id, user_label=label)


def set_flag(store: Store, topic_id: int, action: str) -> None:
    """pin / unpin / watch / unwatch."""
    flag = action.removeprefix("un")
    value = not action.startswith("un")
    with store.transaction():
        if flag == "watch" and value:
            from ..watch import start_watching

            start_watching(store)
        store.add_curation(flag, {"topic": topic_id, "value": value})
        store.set_topic_flags(topic_id, **{"pinned" if flag == "pin" else "watched": value})


def merge(store: Store, source: int, target: int, config=None) -> None:
    with store.transaction():
        store.add_curation("merge", {"source": source, "target": target})
        _apply_merge(store, source, target)
        _refresh_state(store, [source, target], config)


def move(store: Store, item_uid: str, topic_id: int, config=None) -> None:
    with store.transaction():
        old = store.item(item_uid)
        store.add_curation("move", {"item": item_uid, "topic": topic_id})
        store.assign([(item_uid, topic_id)])
        store.delete_empty_topics()
        _refresh_state(store, [topic_id] + ([old.topic_id] if old and old.topic_id else []), config)


def split(store: Store, item_uids: list[str], label: str | None = None, config=None) -> int:
    with store.transaction():
        old = {it.topic_id for u in item_uids if (it := store.item(u)) and it.topic_id}
        tid = store.create_topic(label or "")
        store.add_curation("split", {"items": item_uids, "topic": tid, "label": label})
        store.assign([(u, tid) for u in item_uids])
        if label:
            store.set_topic_flags(tid, user_label=label)
        store.delete_empty_topics()
        _refresh_state(store, [tid, *old], config)
    return tid


def _apply_merge(store: Store, source: int, target: int) -> None:
    store.db.execute("UPDATE items SET topic_id=? WHERE topic_id=?", (target, source))
    src = store.db.execute("SELECT pinned, watched FROM topics WHERE id=?", (source,)).fetchone()
    if src is not None:
        store.set_topic_flags(target, pinned=bool(src["pinned"]) or None,
                              watched=bool(src["watched"]) or None)
        store.db.execute("DELETE FROM topics WHERE id=?", (source,))


def reapply(store: Store, config=None) -> None:
    """Replay every recorded decision, in order, over freshly grouped topics."""
    merged: dict[int, int] = {}
    touched: set[int] = set()

    def final(t: int) -> int:
        while t in merged:
            t = merged[t]
        return t

    with store.transaction():
        for action, data in store.curations():
            if action == "merge":
                src, dst = final(data["source"]), final(data["target"])
                if src != dst:
                    if not store.topic_exists(dst):
                        store.create_topic("", dst)
                    _apply_merge(store, src, dst)
                    merged[src] = dst
                    touched |= {src, dst}
            elif action in ("move", "split"):
                tid = final(data["topic"])
                if not store.topic_exists(tid):
                    store.create_topic("", tid)
                uids = data.get("items") or [data["item"]]
                touched |= {it.topic_id for u in uids if (it := store.item(u)) and it.topic_id}
                touched.add(tid)
                store.assign([(u, tid) for u in uids])
                if action == "split" and data.get("label"):
                    store.set_topic_flags(tid, user_label=data["label"])
            elif action == "rename":
                tid = final(data["topic"])
                if store.topic_exists(tid):
                    store.set_topic_flags(tid, user_label=data["label"])
            elif action in ("pin", "watch"):
                tid = final(data["topic"])
                if store.topic_exists(tid):
                    store.set_topic_flags(tid, **{"pinned" if action == "pin" else "watched": data["value"]})
        if touched:
            store.delete_empty_topics()
            _refresh_state(store, touched, config)
