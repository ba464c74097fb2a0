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
        if flag == "pin":
            store.set_topic_flags(topic_id, pinned=value)
        else:
            store.set_topic_flags(topic_id, watched=value)


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
    store.merge_topic_into(source, target)


def reapply(store: Store, config=None) -> None:
    """Replay every recorded decision, in order, over freshly grouped topics."""
    merged: dict[int, int] = {}
    touched: set[int] = set()

    def final(t: int) -> int:
        while t in merged:
            t = merged[t]
        return t

    with store.transaction():
        for action, data, who, _ in store.curation_log():
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
            elif action == "pin":
                tid = final(data["topic"])
                if store.topic_exists(tid):
                    store.set_topic_flags(tid, pinned=data["value"])
            elif action == "watch":  # each analyst's own watch (on a shared store)
                tid = final(data["topic"])
                if store.topic_exists(tid):
                    store.set_watched("topic", tid, data["value"], analyst=who)
        if touched:
            store.delete_empty_topics()
            _refresh_state(store, touched, config)


# ---- issues -----------------------------------------------------------------------------------
def _refresh_issues(store: Store, issue_ids) -> None:
    """Recompute these issues' profiles and labels from the topics they now hold."""
    from . import labels
    from .grouping import State
    from .issues import IssueParams, summed_profile

    state = State(store)
    cap = IssueParams().profile_cap
    profiles = {iid: summed_profile((state.profile(tid) for tid in store.issue_topic_ids(iid)), cap)
                for iid in sorted(set(issue_ids)) if store.issue_exists(iid)}
    store.save_issue_profiles(profiles)
    store.delete_empty_issues()
    labels.relabel_issues(store, state, profiles)


def rename_issue(store: Store, issue_id: int, label: str) -> None:
    with store.transaction():
        store.add_curation("issue_rename", {"issue": issue_id, "label": label})
        store.set_issue_flags(issue_id, user_label=label)


def set_issue_flag(store: Store, issue_id: int, action: str) -> None:
    """pin / unpin / watch / unwatch an issue."""
    flag = action.removeprefix("un")
    value = not action.startswith("un")
    with store.transaction():
        if flag == "watch" and value:
            from ..watch import start_watching

            start_watching(store)
        store.add_curation(f"issue_{flag}", {"issue": issue_id, "value": value})
        if flag == "pin":
            store.set_issue_flags(issue_id, pinned=value)
        else:
            store.set_issue_flags(issue_id, watched=value)


def merge_issues(store: Store, source: int, target: int) -> None:
    """Every topic of issue `source` into issue `target`."""
    with store.transaction():
        store.add_curation("issue_merge", {"source": source, "target": target})
        store.set_topic_issues((t, target) for t in store.issue_topic_ids(source))
        _refresh_issues(store, [source, target])


def move_topic_to_issue(store: Store, topic_id: int, issue_id: int | None) -> int:
    """Put a topic into another issue (a new one of its own when `issue_id` is None)."""
    with store.transaction():
        old = store.topic_issue(topic_id)
        if issue_id is None:
            issue_id = store.create_issue("")
        store.add_curation("issue_move", {"topic": topic_id, "issue": issue_id})
        store.set_topic_issues([(topic_id, issue_id)])
        _refresh_issues(store, [issue_id] + ([old] if old else []))
    return issue_id


def reapply_issues(store: Store) -> None:
    """Replay every recorded decision about issues over freshly rolled-up issues."""
    merged: dict[int, int] = {}
    touched: set[int] = set()

    def final(i: int) -> int:
        while i in merged:
            i = merged[i]
        return i

    for action, data, who, _ in store.curation_log():
        if not action.startswith("issue_"):
            continue
        if action == "issue_merge":
            src, dst = final(data["source"]), final(data["target"])
            if src != dst:
                if not store.issue_exists(dst):
                    store.create_issue("", dst)
                store.set_topic_issues((t, dst) for t in store.issue_topic_ids(src))
                merged[src] = dst
                touched |= {src, dst}
        elif action == "issue_move":
            iid = final(data["issue"])
            if store.topic_exists(data["topic"]):
                if not store.issue_exists(iid):
                    store.create_issue("", iid)
                old = store.topic_issue(data["topic"])
                store.set_topic_issues([(data["topic"], iid)])
                touched |= {iid} | ({old} if old else set())
        elif action == "issue_rename":
            iid = final(data["issue"])
            if store.issue_exists(iid):
                store.set_issue_flags(iid, user_label=data["label"])
        elif action == "issue_pin":
            iid = final(data["issue"])
            if store.issue_exists(iid):
                store.set_issue_flags(iid, pinned=data["value"])
        elif action == "issue_watch":  # each analyst's own watch (on a shared store)
            iid = final(data["issue"])
            if store.issue_exists(iid):
                store.set_watched("issue", iid, data["value"], analyst=who)
    if touched:
        _refresh_issues(store, touched)


_VERBS = {"rename": "renamed", "pin": "pinned", "watch": "watched", "merge": "merged",
          "move": "moved a statement", "split": "split"}


def who_curated(store: Store, analyst: str | None = None) -> dict[tuple[str, int], str]:
    """("topic" | "issue", id) → what another analyst of the desk last did to it, in words
    ("renamed by ana, 3 Dec"); the `analyst`'s own curation is left out."""
    from datetime import date

    out: dict[tuple[str, int], str] = {}
    for action, data, who, when in store.curation_log():
        if not who or who == analyst:
            continue
        kind, verb = ("issue", action[len("issue_"):]) if action.startswith("issue_") else ("topic", action)
        target = data.get("target") if verb == "merge" else data.get(kind, data.get("topic"))
        if not isinstance(target, int):
            continue
        words = _VERBS.get(verb, verb)
        if verb in ("pin", "watch") and not data.get("value", True):
            words = "un" + words
        try:
            day = date.fromisoformat((when or "")[:10])
            words += f" by {who}, {day.day} {day:%b}"
        except ValueError:
            words += f" by {who}"
        out[(kind, target)] = words
    return out

