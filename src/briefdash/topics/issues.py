"""Issues: topics (tight threads) rolled up into the storylines an analyst follows.

Precision first: a topic joins an issue only on strong evidence. Its profile must be like the
issue's (cosine of the topic's unit-length profile with the sum of the issue's), and it must
share one of the issue's *key names*: a name or phrase that is distinctive in the store (written
as a name in most of the items that hold it on its own: "Taiwan", "Title 42", never "test",
"price" or "speaker"; not an official's or a reporter's name), that weighs in the profiles of
topics holding at least half of the issue's statements (so one small topic's words never pull
others in) and that is the topic's own strongest term (a name it only mentions does not pull it
in). A topic of another ministry than the issue's, or more than a year away from it, joins only
when that name is also among the issue's strongest terms.
Candidates come from an inverted index of the issues' strongest terms, so the cost is a few
posting lists per topic. Big topics are placed first, so an issue is seeded by its main thread
and small threads attach to it.
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class IssueParams:
    # cosine of a topic to an issue's profile needed to join it (0.15 before the evidence rule)
    threshold: float = 0.20
    profile_cap: int = 120  # terms kept per issue profile
    query_terms: int = 12  # topic terms used to find candidate issues
    max_candidates: int = 10
    declared_min: float = 0.15  # weight of a declared issue's terms in a topic that puts it there
    # a distinctive name this heavy in a topic's unit-length profile is one of its key names
    # (0.15: issue precision WH 0.77, MFA 0.79; 0.25: 0.81 / 0.87)
    key_weight: float = 0.25
    key_share: float = 0.5  # an issue's key names: keys of topics holding this share of it
    name_share: float = 0.5  # a term is a name when written as one in this share of its items
    max_df_share: float = 0.25  # …and is in at most this share of the store's items
    apart_days: int = 365  # topics further apart than this are of different times
    # the shared name is the topic's strongest term (1): a name it only mentions does not pull
    # it in (WH issue precision 0.83 → 0.85, MFA 0.87 → 0.89; None: any key name)
    near_top: int | None = 1
    # across ministries or times, the shared name is also among the issue's strongest terms
    apart_top: int = 3
    cjk_max_df_share: float = 0.02  # a CJK term (no capitals) is distinctive when this rare
    # besides the shared name, the topic must be this alike to the issue (cosine without the
    # shared names): "FDA" alone does not join the baby-formula shortage to FDA vacancies
    # (0.05: WH issue P 0.853 → 0.866, MFA 0.886 → 0.884; 0.1: 0.866 / 0.891, MFA F1
    # 0.699 → 0.683; 0.15: 0.869 / 0.895, MFA F1 0.676)
    residual: float = 0.10
    # the same when the shared name is Chinese: a Chinese topic's jieba words overlap less
    # beyond its names, and the check bought no precision there (Chinese dev set, 170 labelled
    # statements: P 0.943 at 0, 0.05 and 0.10; F1 0.712 at 0.05, 0.702 at 0.10)
    residual_cjk: float = 0.05


@dataclass
class TopicFacts:
    """What the roll-up knows of a topic besides its profile (date ordinals)."""

    size: int = 0
    source: str = ""
    first: int = 0
    last: int = 0


@dataclass
class IssueFacts:
    """What the roll-up knows of an issue: its size, sources, span, and per key name the
    statements of its topics holding it."""

    size: int = 0
    sources: set[str] = field(default_factory=set)
    first: int = 0
    last: int = 0
    keys: dict[str, int] = field(default_factory=dict)


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def name_test(state, params: IssueParams | None = None,
              people: set[str] | frozenset[str] = frozenset()) -> Callable[[str], bool]:
    """term → whether it is a distinctive name in the store `state` counts (grouping's State;
    in SQLite mode the terms asked about must be loaded: `load_terms`, `load_names`). The names
    of the officials who answer and the reporters who ask (words in `people`) never are."""
    p = params or IssueParams()

    def distinctive(term: str) -> bool:
        if people and any(w in people for w in term.split(" ")):
            return False
        df = state.df.get(term, 0)
        n = max(state.n_docs, 1)
        if not df:
            return False
        if _CJK.match(term):
            return df <= p.cjk_max_df_share * n
        return state.name_share(term) >= p.name_share and df <= p.max_df_share * n
    return distinctive


def key_names(vec: dict[str, float], distinctive: Callable[[str], bool] | None,
              minimum: float) -> list[str]:
    """The topic's key names: distinctive names weighing at least `minimum` in its unit-length
    profile `vec`, strongest first (every heavy term when `distinctive` is None)."""
    heavy = sorted(((t, w) for t, w in vec.items() if w >= minimum), key=lambda kv: (-kv[1], kv[0]))
    return [t for t, _ in heavy if distinctive is None or distinctive(t)]


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
    """Issue profiles, facts and the term → issues index, in memory."""

    def __init__(self, params: IssueParams | None = None,
                 distinctive: Callable[[str], bool] | None = None):
        self.p = params or IssueParams()
        self.distinctive = distinctive
        self.profiles: dict[int, dict[str, float]] = {}
        self.norm2: dict[int, float] = {}
        self.postings: dict[str, dict[int, float]] = {}
        self.facts: dict[int, IssueFacts] = {}
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

    def issue_facts(self, iids: list[int], keys: list[str]) -> dict[int, IssueFacts]:
        """The facts of `iids` (their key-name counts for `keys` at least)."""
        return {i: self.facts.get(i) or IssueFacts() for i in iids}

    def record(self, iid: int, tid: int | None, facts: TopicFacts, keys: list[str]) -> None:
        """Topic `tid` (with `facts` and key names `keys`) is now in issue `iid`."""
        f = self.facts.setdefault(iid, IssueFacts())
        _grow(f, facts, keys)

    def candidates(self, vec: dict[str, float]) -> list[tuple[int, float]]:
        """The likeliest issues for a topic with profile `vec`, each with its cosine."""
        acc: dict[int, float] = {}
        query = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[: self.p.query_terms]
        for t, w in query:
            for iid, pw in self.postings.get(t, {}).items():
                acc[iid] = acc.get(iid, 0.0) + w * pw
        ranked = sorted(acc, key=lambda i: (-acc[i] / math.sqrt(self.norm2[i] or 1.0), i))
        out = []
        for iid in ranked[: self.p.max_candidates]:
            prof = self.profiles[iid]
            sim = sum(w * prof.get(t, 0.0) for t, w in vec.items()) / math.sqrt(self.norm2[iid] or 1.0)
            out.append((iid, sim))
        return sorted(out, key=lambda kv: (-kv[1], kv[0]))

    def best(self, vec: dict[str, float], facts: TopicFacts | None = None,
             keys: list[str] | None = None) -> tuple[int | None, float]:
        """The most alike issue the topic may join (see the module's rule), with its cosine."""
        cands = [(i, s) for i, s in self.candidates(vec) if s >= self.p.threshold]
        if not cands:
            return None, -1.0
        if keys is None:
            keys = key_names(vec, self.distinctive, self.p.key_weight)
        facts = facts or TopicFacts()
        known = self.issue_facts([i for i, _ in cands], keys)
        ranked = [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))]
        near = set(ranked[: self.p.near_top]) if self.p.near_top else set(keys)
        for iid, sim in cands:
            f = known[iid]
            shared = [k for k in keys if f.keys.get(k, 0) >= self.p.key_share * max(f.size, 1)]
            strong = near & set(shared)
            if not strong:
                continue
            least = self.p.residual_cjk if any(_CJK.search(t) for t in strong) else self.p.residual
            if least and _residual(vec, self.profiles[iid], strong) < least:
                continue
            if self._apart(facts, f) and not strong & self._strongest(iid):
                continue
            return iid, sim
        return None, -1.0

    def _strongest(self, iid: int) -> set[str]:
        prof = self.profiles.get(iid, {})
        return {t for t, _ in sorted(prof.items(), key=lambda kv: (-kv[1], kv[0]))[: self.p.apart_top]}

    def _apart(self, t: TopicFacts, f: IssueFacts) -> bool:
        """Of another ministry than the issue's, or more than `apart_days` from its span."""
        if t.source and f.sources and t.source not in f.sources:
            return True
        if t.first and f.first:
            gap = max(t.first - f.last, f.first - t.last, 0)
            return gap > self.p.apart_days
        return False

    def place(self, vec: dict[str, float], new_issue=None,
              declared: dict[int, set[str]] | None = None, tid: int | None = None,
              facts: TopicFacts | None = None) -> int:
        """The issue a topic with profile `vec` (unit length) belongs to; updates the index.

        A topic that names a declared issue's terms goes there first."""
        facts = facts or TopicFacts()
        keys = key_names(vec, self.distinctive, self.p.key_weight)
        target = declared_match(vec, declared or {}, self.p.declared_min)
        if target is not None:
            self.add(target, vec)
            self.record(target, tid, facts, keys)
            return target
        iid, _ = self.best(vec, facts, keys)
        if iid is None:
            iid = new_issue() if new_issue is not None else self._next
            self._next = max(self._next, iid + 1)
        self.add(iid, vec)
        self.record(iid, tid, facts, keys)
        return iid


_CJK = re.compile("[\u3400-\u9fff]")


def _residual(vec: dict[str, float], prof: dict[str, float], names: set[str]) -> float:
    """The cosine of a topic's profile `vec` and an issue's `prof` with `names` left out of both:
    how alike they are besides the names they share."""
    dot = sum(w * prof.get(t, 0.0) for t, w in vec.items() if t not in names)
    a = sum(w * w for t, w in vec.items() if t not in names)
    b = sum(w * w for t, w in prof.items() if t not in names)
    return dot / math.sqrt(a * b) if a > 0 and b > 0 else 0.0


def _grow(f: IssueFacts, facts: TopicFacts, keys: list[str]) -> None:
    """`f` with one more topic (its facts and key names)."""
    size = max(facts.size, 1)
    f.size += size
    if facts.source:
        f.sources.add(facts.source)
    if facts.first:
        f.first = min(f.first, facts.first) if f.first else facts.first
        f.last = max(f.last, facts.last)
    for k in keys:
        f.keys[k] = f.keys.get(k, 0) + size


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
            declared: dict[int, set[str]] | None = None,
            facts: dict[int, TopicFacts] | None = None,
            distinctive: Callable[[str], bool] | None = None) -> dict[int, int]:
    """Topic → issue for every topic, from scratch (biggest topics first); a topic whose profile
    names a declared issue's terms goes to that issue first. `facts`: each topic's source and
    span; `distinctive`: which terms are distinctive names (every term when None)."""
    index = IssueIndex(params, distinctive)
    declared = declared or {}
    _seed(index, declared)
    facts = facts or {}
    out: dict[int, int] = {}
    for tid in sorted(profiles, key=lambda t: (-sizes.get(t, 0), t)):
        f = dataclasses.replace(facts.get(tid) or TopicFacts(), size=sizes.get(tid, 0))
        out[tid] = index.place(unit(profiles[tid], index.p.profile_cap), declared=declared,
                               tid=tid, facts=f)
    return out


def _day(text: str | None) -> int:
    try:
        return date.fromisoformat((text or "")[:10]).toordinal()
    except ValueError:
        return 0


def source_rows(rows) -> dict[int, IssueFacts]:
    """Facts from (id, ministry, statements, first date, last date) rows (see the store's
    `issue_sources`): sources as grouping names them, spans as date ordinals."""
    out: dict[int, IssueFacts] = {}
    for gid, ministry, n, first, last in rows:
        f = out.setdefault(gid, IssueFacts())
        src = (ministry or "").strip().lower()
        f.size += n
        if src:
            f.sources.add(src)
        d1, d2 = _day(first), _day(last)
        if d1:
            f.first = min(f.first, d1) if f.first else d1
            f.last = max(f.last, d2)
    return out


def topic_facts(rows) -> dict[int, TopicFacts]:
    """Each topic's facts (its main source: the ministry of most of its statements)."""
    out: dict[int, TopicFacts] = {}
    best: dict[int, tuple[int, str]] = {}
    for tid, ministry, n, first, last in rows:
        f = out.setdefault(tid, TopicFacts())
        f.size += n
        src = (ministry or "").strip().lower()
        if (n, src) > best.get(tid, (0, "")):
            best[tid] = (n, src)
            f.source = src
        d1, d2 = _day(first), _day(last)
        if d1:
            f.first = min(f.first, d1) if f.first else d1
            f.last = max(f.last, d2)
    return out


class StoredIssueIndex(IssueIndex):
    """The same index over the issue profiles kept in the store, loaded as needed; an issue's
    facts are read from the store each time (a placed topic is written at once)."""

    def __init__(self, store, params: IssueParams | None = None,
                 distinctive: Callable[[str], bool] | None = None):
        super().__init__(params, distinctive)
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

    def candidates(self, vec):
        query = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[: self.p.query_terms]
        self._load_postings([t for t, _ in query])
        return super().candidates(vec)

    def issue_facts(self, iids: list[int], keys: list[str]) -> dict[int, IssueFacts]:
        facts = source_rows(self.store.issue_sources(iids))
        out = {i: facts.get(i) or IssueFacts() for i in iids}
        for f in out.values():
            f.keys = {}
        for iid, term, n in self.store.issue_key_counts(iids, keys, self.p.key_weight):
            out[iid].keys[term] = n
        return out

    def record(self, iid: int, tid: int | None, facts: TopicFacts, keys: list[str]) -> None:
        if tid is not None:
            self.store.set_topic_issues([(tid, iid)])

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


def names_of(state, vecs, params: IssueParams | None = None,
             people: set[str] | frozenset[str] = frozenset()) -> Callable[[str], bool] | None:
    """The distinctive-name test over grouping's `state` (None without one), the counts of the
    heavy terms of the unit-length profiles `vecs` loaded first (SQLite mode)."""
    if state is None:
        return None
    p = params or IssueParams()
    heavy = sorted({t for vec in vecs for t, w in vec.items() if w >= p.key_weight})
    state.load_terms(heavy)
    state.load_names(heavy)
    return name_test(state, p, people)


def assign_new_topics(store, topic_profiles: dict[int, dict[str, float]],
                      sizes: dict[int, int], params: IssueParams | None = None,
                      declared: dict[int, set[str]] | None = None, state=None,
                      people: set[str] | frozenset[str] = frozenset()) -> dict[int, int]:
    """Give each topic that has no issue yet the issue it belongs to (incremental); `state`:
    grouping's State, whose counts tell distinctive names (every heavy term counts without)."""
    todo = store.topics_without_issue(list(topic_profiles))
    if not todo:
        return {}
    p = params or IssueParams()
    vecs = {t: unit(topic_profiles[t], p.profile_cap) for t in todo}
    index = StoredIssueIndex(store, p, names_of(state, vecs.values(), p, people))
    declared = declared or {}
    index._load(list(declared))
    _seed(index, declared)
    facts = topic_facts(store.topic_sources(todo))
    out: dict[int, int] = {}
    for tid in sorted(todo, key=lambda t: (-sizes.get(t, 0), t)):
        f = dataclasses.replace(facts.get(tid) or TopicFacts(), size=sizes.get(tid, 0))
        out[tid] = index.place(vecs[tid], new_issue=lambda: store.create_issue(""),
                               declared=declared, tid=tid, facts=f)
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
                declared: dict[int, set[str]] | None = None, state=None,
                people: set[str] | frozenset[str] = frozenset()) -> dict[int, int]:
    """Roll every topic up from scratch; issue ids kept where their topics stay together.
    `state`: grouping's State, whose counts tell distinctive names."""
    declared = declared or {}
    p = params or IssueParams()
    names = names_of(state, (unit(v, p.profile_cap) for v in topic_profiles.values()), p, people)
    facts = topic_facts(store.all_topic_sources())
    fresh = roll_up(topic_profiles, sizes, p, declared, facts, names)
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
