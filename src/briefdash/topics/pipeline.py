"""Grouping a user's store: new items placed, everything regrouped, issues rolled up again.

These steps drive `grouping.Grouper` over the store's state and re-apply the user's curation
after each; they live apart from grouping.py so that `curation` (which rebuilds profiles with
grouping's State) and the steps that re-apply it do not import each other.
"""
from __future__ import annotations

from . import curation, issues, labels
from .grouping import Grouper, State, _aliases, group_in_memory
from .terms import TermExtractor


def group_new_items(store, config) -> int:
    """Place items that have no topic yet (in date order) into existing or new topics."""
    if store.get_state("needs_regroup") == "1":  # a store made before source-aware weights
        n = regroup_all(store, config)
        with store.transaction():
            store.set_state("needs_regroup", "0")
        return n
    if not store.unassigned_items():
        return 0
    with store.transaction():
        # read again inside: another writer (a second `fetch` on a shared store) may have
        # placed them meanwhile, and placing them twice would count them twice
        items = store.unassigned_items()
        if not items:
            return 0
        state = State(store)
        state.protected = curated_topics(store)
        g = Grouper(state, TermExtractor(_aliases(config)),
                    new_topic=lambda: store.create_topic(""))
        placed = list(zip([it.id for it in items], g.place_items(items), strict=True))
        g.finish_briefing()
        pairs = [(uid, state.resolve(t)) for uid, t in placed]
        store.assign(pairs)
        state.flush()
        touched = {t for _, t in pairs}
        labels.relabel(store, state, touched)
        placed_issues = issues.assign_new_topics(
            store, {t: state.profile(t) for t in touched}, state.count,
            declared=issues.declared_ids(store, config, g.terms), state=state,
            people=labels.people_in_store(store))
        store.delete_empty_issues()
        labels.relabel_issues(store, state, placed_issues.values())
    return len(items)


def curated_topics(store) -> set[int]:
    """Topics the user renamed, pinned, watched or curated: never merged automatically."""
    ids = store.user_touched_topic_ids()
    for action, data in store.curations():
        if action.startswith("issue_"):
            continue
        for k in ("topic", "source", "target"):
            if isinstance(data.get(k), int):
                ids.add(data[k])
    return ids


def regroup_all(store, config) -> int:
    """Rebuild every topic from scratch; ids are kept by overlap; curation is re-applied. Two
    regroups of one shared store never interleave (`store.regrouping()`)."""
    with store.regrouping():
        return _regroup_all(store, config)


def _regroup_all(store, config) -> int:
    items = [it for it in store.items_in_order() if it.kind != "procedural"]  # never grouped
    assignment, state = group_in_memory(items, _aliases(config))
    with store.transaction():
        old = {it.id: it.topic_id for it in items}
        assignment = _keep_user_merges(items, assignment, old, curated_topics(store), state)
        mapping = _map_to_old_ids(items, assignment, old, store)
        # rename the state's topics to the stable ids
        state.profiles = {mapping[t]: p for t, p in state.profiles.items()}
        state.norm2 = {mapping[t]: v for t, v in state.norm2.items()}
        state.last = {mapping[t]: v for t, v in state.last.items()}
        state.count = {mapping[t]: v for t, v in state.count.items()}
        for tid in set(mapping.values()):
            if not store.topic_exists(tid):
                store.create_topic("", tid)
        store.assign([(it.id, mapping[t]) for it, t in zip(items, assignment, strict=True)])
        store.delete_empty_topics()
        state.write_all(store)
        labels.relabel(store, state, set(mapping.values()))
        curation.reapply(store, config)
        store.delete_empty_topics()
        alive = set(store.topic_issue_ids())
        profiles = {t: state.profile(t) for t in alive if t in state.profiles}
        _roll_up_all(store, config, state, profiles)
    return len(items)


def _roll_up_all(store, config, state: State, profiles: dict[int, dict[str, float]]) -> dict[int, int]:
    """Every topic rolled up into issues from scratch, the user's issue curation replayed, the
    automatic issue labels made again; topic → issue."""
    declared = issues.declared_ids(store, config, TermExtractor(_aliases(config)))
    placed = issues.rebuild_all(store, profiles, state.count, declared=declared, state=state,
                                people=labels.people_in_store(store))
    curation.reapply_issues(store)
    store.delete_empty_issues()
    labels.relabel_issues(store, state, set(placed.values()) - set(declared))
    return placed


def _keep_user_merges(items, assignment, old, curated: set[int], state: State) -> list[int]:
    """New clusters made mostly of one curated topic's items become one again: the user said
    those items are one story (a merge, a move), and a regroup from scratch cannot know it."""
    counts: dict[int, dict[int, int]] = {}
    for it, new in zip(items, assignment, strict=True):
        o = old.get(it.id)
        per = counts.setdefault(new, {})
        per[o] = per.get(o, 0) + 1
    by_old: dict[int, list[int]] = {}
    for new, per in counts.items():
        o, n = max(per.items(), key=lambda kv: (kv[1], -(kv[0] or 0)))
        if o in curated and 2 * n >= sum(per.values()):
            by_old.setdefault(o, []).append(new)
    for group in by_old.values():
        keep = min(group)
        for gone in sorted(group):
            if gone != keep:
                state.merge(gone, keep)
    return [state.resolve(t) for t in assignment]


def _map_to_old_ids(items, assignment, old, store) -> dict[int, int]:
    """New cluster → the old topic id holding most of its items (each old id used once)."""
    mapping = issues.match_by_overlap((new, old.get(it.id)) for it, new in zip(items, assignment, strict=True))
    nxt = max([store.highest_topic_id(), *mapping.values(), 0]) + 1
    for new in sorted(set(assignment)):
        if new not in mapping:
            mapping[new] = nxt
            nxt += 1
    return mapping



def reroll_issues(store, config) -> int:
    """Roll every topic up into issues again (after the declared issues changed); topics stay."""
    with store.transaction():
        state = State(store)
        tids = list(store.topic_issue_ids())
        profiles = {t: state.profile(t) for t in tids}
        placed = _roll_up_all(store, config, state, profiles)
    return len(set(placed.values()))
