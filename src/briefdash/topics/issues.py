"""Issues: topics (tight threads) rolled up into the storylines an analyst follows.

A topic joins the issue whose profile (the sum of its topics' unit-length profiles) is most like
its own, above a threshold; otherwise it starts an issue. Candidates come from an inverted index
of the issues' strongest terms, so the cost is a few posting lists per topic. Big topics are
placed first, so an issue is seeded by its main thread and small threads attach to it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class IssueParams:
    threshold: float = 0.15  # cosine of a topic to an issue's profile needed to join it
    profile_cap: int = 120  # terms kept per issue profile
    query_terms: int = 12  # topic terms used to find candidate issues
    max_candidates: int = 10
    declared_min: float = 0.15  # weight of a declared issue's terms in a topic that puts it there


def unit(profile: dict[str, float], cap: int | None = None) -> dict[str, float]:
    """The profile scaled to length 1 (its strongest `cap` terms)."""
    items = sorted(profile.items(), key=lambda kv: (-kv[1], kv[0]))
    if cap:
        items = items[:cap]
    n = math.sqrt(sum(w * w for _, w in items)) or 1.0
    return {t: w / n for t, w in items if w > 0}


def summed_profile(topic_profiles, cap: int) -> dict[str, float]:
    """An issue's profile: the sum of its topics' unit-length profiles, its strongest `cap` terms."""
    prof: dict[str, float] = {}
    for topic_profile in topic_profiles:
        for t, w in unit(topic_profile, cap).items():
            prof[t] = prof.get(t, 0.0) + w
    return dict(sorted(prof.items(), key=lambda kv: (-kv[1], kv[0]))[:cap])


class IssueIndex:
    """Issue profiles and the term → issues index, in memory."""

    def __init__(self, params: IssueParams | None = None):
        self.p = params or IssueParams()
        self.profiles: dict[int, dict[str, float]] = {}
        self.norm2: dict[int, float] = {}
        self.postings: dict[str, dict[int, float]] = {}
        self._next = 1

    def add(self, iid: int, vec: dict[str, float]) -> None:
        prof = self.profiles.setdefault(iid, {})
        for t, w in vec.items():
            prof[t] = prof.get(t, 0.0) + w
        cap = self.p.profile_cap
        if len(prof) > 2 * cap:
            keep = dict(sorted(prof.items(), key=lambda kv: (-kv[1], kv[0]))[:cap])
            for t in prof.keys() - keep.keys():
                self.postings.get(t, {}).pop(iid, None)
            prof.clear()
            prof.update(keep)
        for t, w in prof.items():
            self.postings.setdefault(t, {})[iid] = w
        self.norm2[iid] = sum(w * w for w in prof.values())

    def best(self, vec: dict[str, float]) -> tuple[int | None, float]:
        acc: dict[int, float] = {}
        query = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[: self.p.query_terms]
        for t, w in query:
            for iid, pw in self.postings.get(t, {}).items():
                acc[iid] = acc.get(iid, 0.0) + w * pw
        ranked = sorted(acc, key=lambda i: (-acc[i] / math.sqrt(self.norm2[i] or 1.0), i))
        best, best_sim = None, -1.0
        for iid in ranked[: self.p.max_candidates]:
            prof = self.profiles[iid]
            sim = sum(w * prof.get(t, 0.0) for t, w in vec.items()) / math.sqrt(self.norm2[iid] or 1.0)
            if sim > best_sim:
                best, best_sim = iid, sim
        return best, best_sim

    def place(self, vec: dict[str, float], new_issue=None,
              declared: dict[int, set[str]] | None = None) -> int:
        """The issue a topic with profile `vec` (unit length) belongs to; updates the index.

        A topic that names a declared issue's terms goes there first."""
        target = declared_match(vec, declared or {}, self.p.declared_min)
        if target is not None:
            self.add(target, vec)
            return target
        iid, sim = self.best(vec)
        if iid is None or sim < self.p.threshold:
            iid = new_issue() if new_issue is not None else self._next
            self._next = max(self._next, iid + 1)
        self.add(iid, vec)
        return iid


def declared_terms(issues: dict[str, list[str]], extractor) -> dict[str, set[str]]:
    """Each declared issue's terms as grouping sees them ("Kyiv" → "ukraine")."""
    out: dict[str, set[str]] = {}
    for name, terms in issues.items():
        keys: set[str] = set()
        for text in terms:
            keys |= {t for t, _ in extractor.terms(text)}
            keys.add(" ".join(text.lower().split()))
        out[name] = keys
    return out


def declared_match(vec: dict[str, float], declared: dict[int, set[str]],
                   minimum: float) -> int | None:
    """The declared issue whose terms weigh most in `vec` (unit length), if they weigh enough."""
    best, best_w = None, minimum
    for iid, terms in sorted(declared.items()):
        w = sum(vec.get(t, 0.0) for t in terms)
        if w >= best_w:
            best, best_w = iid, w
    return best


def _seed(index: IssueIndex, declared: dict[int, set[str]]) -> None:
    """Each declared issue without a profile starts from its terms."""
    for iid, terms in declared.items():
        if not index.profiles.get(iid) and terms:
            index.add(iid, {t: 1.0 / len(terms) for t in terms})
        index._next = max(index._next, iid + 1)


def roll_up(profiles: dict[int, dict[str, float]], sizes: dict[int, int],
            params: IssueParams | None = None,
            declared: dict[int, set[str]] | None = None) -> dict[int, int]:
    """Topic → issue for every topic, from scratch (biggest topics first); a topic whose profile
    names a declared issue's terms goes to that issue first."""
    index = IssueIndex(params)
    declared = declared or {}
    _seed(index, declared)
    out: dict[int, int] = {}
    for tid in sorted(profiles, key=lambda t: (-sizes.get(t, 0), t)):
        out[tid] = index.place(unit(profiles[tid], index.p.profile_cap), declared=declared)
    return out


class StoredIssueIndex(IssueIndex):
    """The same index over the issue profiles kept in the store, loaded as needed."""

    def __init__(self, store, params: IssueParams | None = None):
        super().__init__(params)
        self.store = store
        self._loaded: set[int] = set()
        self._dirty: set[int] = set()

    def _load(self, iids) -> None:
        want = [i for i in iids if i not in self._loaded]
        for iid, prof in self.store.issue_profiles(want).items():
            self.profiles[iid] = prof
            self.norm2[iid] = sum(w * w for w in prof.values())
        for iid in want:
            self._loaded.add(iid)
            self.profiles.setdefault(iid, {})
            self.norm2.setdefault(iid, 0.0)

    def _load_postings(self, terms) -> None:
        """The posting lists of those `terms` not loaded yet (one query), and the profiles of
        the issues they name: an issue in a posting list always has its profile and norm."""
        missing = [t for t in terms if t not in self.postings]
        if missing:
            self.postings.update(self.store.issue_postings(missing))
            self._load({iid for t in missing for iid in self.postings[t]})

    def best(self, vec):
        query = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[: self.p.query_terms]
        self._load_postings([t for t, _ in query])
        return super().best(vec)

    def add(self, iid: int, vec) -> None:
        self._load([iid])
        self._load_postings(list(vec))
        super().add(iid, vec)
        self._dirty.add(iid)

    def flush(self) -> None:
        self.store.save_issue_profiles({iid: self.profiles[iid] for iid in self._dirty})
        self._dirty.clear()


def declared_ids(store, config, extractor) -> dict[int, set[str]]:
    """The declared issues of `config` in the store (created as needed): id → terms."""
    issues = dict(getattr(config, "issues", None) or {})
    ids = store.sync_declared_issues(list(issues))
    terms = declared_terms(issues, extractor)
    return {ids[name]: terms[name] for name in issues}


def assign_new_topics(store, topic_profiles: dict[int, dict[str, float]],
                      sizes: dict[int, int], params: IssueParams | None = None,
                      declared: dict[int, set[str]] | None = None) -> dict[int, int]:
    """Give each topic that has no issue yet the issue it belongs to (incremental)."""
    todo = store.topics_without_issue(list(topic_profiles))
    if not todo:
        return {}
    index = StoredIssueIndex(store, params)
    declared = declared or {}
    index._load(list(declared))
    _seed(index, declared)
    out: dict[int, int] = {}
    for tid in sorted(todo, key=lambda t: (-sizes.get(t, 0), t)):
        out[tid] = index.place(unit(topic_profiles[tid], index.p.profile_cap),
                               new_issue=lambda: store.create_issue(""), declared=declared)
    store.set_topic_issues(out.items())
    index.flush()
    return out


def match_by_overlap(pairs) -> dict[int, int]:
    """Each new group → the old id it shares most members with, each old id used once (the
    largest overlaps first; ties by ids). `pairs`: (new group, old id or None) per member."""
    overlap: dict[tuple[int, int], int] = {}
    for new, o in pairs:
        if o is not None:
            overlap[(new, o)] = overlap.get((new, o), 0) + 1
    mapping: dict[int, int] = {}
    used: set[int] = set()
    for (new, o), _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if new not in mapping and o not in used:
            mapping[new] = o
            used.add(o)
    return mapping


def map_to_old_ids(assignment: dict[int, int], old: dict[int, int | None], store) -> dict[int, int]:
    """New issue → the old issue id sharing most of its topics (each old id used once)."""
    mapping = match_by_overlap((new, old.get(tid)) for tid, new in assignment.items())
    for new in sorted(set(assignment.values())):
        if new not in mapping:
            mapping[new] = store.create_issue("")
    return mapping


def rebuild_all(store, topic_profiles: dict[int, dict[str, float]], sizes: dict[int, int],
                params: IssueParams | None = None,
                declared: dict[int, set[str]] | None = None) -> dict[int, int]:
    """Roll every topic up from scratch; issue ids kept where their topics stay together."""
    declared = declared or {}
    fresh = roll_up(topic_profiles, sizes, params, declared)
    old = {t: i for t, i in store.topic_issue_ids().items() if i not in declared}
    mapping = map_to_old_ids({t: i for t, i in fresh.items() if i not in declared}, old, store)
    mapping.update({iid: iid for iid in declared})
    final = {tid: mapping[iid] for tid, iid in fresh.items()}
    store.set_topic_issues(final.items())
    members: dict[int, list[int]] = {}
    for tid, iid in final.items():
        members.setdefault(iid, []).append(tid)
    cap = (params or IssueParams()).profile_cap
    store.replace_issue_profiles({iid: summed_profile((topic_profiles[t] for t in tids), cap)
                                  for iid, tids in members.items()})
    store.delete_empty_issues()
    return final
