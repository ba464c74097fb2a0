"""Grouping Q&A items into topics: incremental, candidate-blocked, stable, and curated.

Each item becomes a sparse vector of key terms (names and content words from its question and
answer) weighted by inverse document frequency learnt from everything seen before it. A topic
keeps a profile: the sum of its members' vectors, trimmed to its strongest terms. A new item is
compared only with topics that share one of its distinctive terms (an inverted index), scored by
cosine similarity plus rapidfuzz agreement of key terms, a bonus for the topic of the previous
item in the same briefing, and recency. Above the threshold it joins the best topic; a follow-up
that names no issue of its own joins what it follows; otherwise it starts a topic.

The same `Grouper` runs over an in-memory state (a full regroup) or over state kept in SQLite
(adding a briefing to a large store touches only the terms and topics it needs), so both give
the same result when items arrive in date order.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from ..models import QAItem
from ..transcripts.procedural import without_the_room
from .terms import TermExtractor, strip_courtesies, strip_stage, strip_vocative

if TYPE_CHECKING:
    from ..store import Store

# Generic briefing cues (not topic words): a questioner announcing a change of subject, and bare
# openers that only introduce the question that follows.
_SWITCH = re.compile(r"\b(?:(?:different|another|separate|unrelated|new|other) (?:topic|subject|issue|"
                     r"matter|question)|switch(?:ing)? (?:gears|topics)|change (?:of )?(?:subject|"
                     r"topics|gears))", re.I)
_OPENER = re.compile(r"^(?:(?:i have |just )?(?:two|three|a couple|one|a few) (?:quick )?(?:more )?"
                     r"(?:questions?|things|ones?)\b|(?:and )?(?:then )?(?:just )?one (?:more|last)|"
                     r"(?:in )?the back|to the back|all the way back|yes —|good (?:morning|afternoon))",
                     re.I)


@dataclass
class Params:
    answer_weight: float = 0.75  # answer terms count this much relative to question terms
    name_boost: float = 2.0  # names and acronyms weigh more than plain words
    top_terms: int = 30  # terms kept per item vector
    profile_cap: int = 80  # terms kept per topic profile (trimmed at twice that)
    query_terms: int = 10  # item terms used to find candidate topics
    max_posting: int = 4000  # a term in more topic profiles than this finds no candidates
    # combined score needed to join a topic: 0.40 keeps topics tight threads (precision against
    # the issue labels 0.88 WH year-long, 0.90 MFA, against 0.76 and 0.72 at 0.25); issues above
    # them give the recall back
    threshold: float = 0.40
    context_bonus: float = 0.20  # topic of the previous item in the same briefing
    continue_threshold: float = 0.10  # score that keeps an item in the previous item's topic
    follow_override: float = 0.55  # a follow-up leaves what it follows only above this
    recency_days: float = 45.0
    recency_bonus: float = 0.05
    fuzzy_weight: float = 0.15
    weak_terms: int = 2  # an item with fewer distinctive question terms leans on its context
    idf_smooth: float = 20.0
    max_chars: int = 1200  # characters of a question or answer read for terms
    max_candidates: int = 8  # topics fully scored per item, best partial scores first
    merge_threshold: float = 0.5  # two topics whose profiles are this similar become one
    briefing_merge_threshold: float = 0.35  # the same, checked for every topic a briefing touched
    defer_openers: bool = True  # a bare opener takes the topic of the question it introduces
    cont_sticky: bool = True  # a question resumed after an interruption ("— with …") continues
    turn_context_bonus: float = 0.12  # context bonus when a new questioner's turn starts
    # merge threshold for topics sharing a top name; off: on real MFA briefings the ministry's own
    # country is every topic's top name and glued unrelated issues (MFA issue F1 0.716 → 0.728,
    # mixed store 0.651 → 0.706, WH topic precision 0.61 → 0.76)
    named_merge_threshold: float | None = None
    named_top: int = 12  # profile terms looked at for shared names
    sandwich_threshold: float | None = 0.07  # see Grouper._merge_sandwiched
    # a topic the user shaped (merged, moved into, renamed…) holds several threads by their
    # decision: a new item joins it at the looser bar of what resembles any part of it
    curated_threshold: float = 0.25
    # items in Chinese, compared by jieba words: on the labelled Chinese MFA dev set (171 items)
    # 0.45 gives topic P 0.94 / issue F1 0.74; the old 0.25 (made for character bigrams) 0.82 /
    # 0.77, and 0.40 (the English bar) 0.93 / 0.73 (benchmarks/GROUPING_NOTES.md)
    cjk_threshold: float = 0.45
    source_prior: float = 30.0  # items' worth of store-wide counts blended into a source's own


_CJK_TERM = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _head(text: str, limit: int) -> str:
    """The first `limit` characters, cut at a space so that no word is cut ("criti…")."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def source_of(item: QAItem) -> str:
    """The source whose own word counts weigh an item's terms: its ministry, and for an item in
    Chinese its ministry's Chinese edition (the two editions share no vocabulary: counted as one,
    each language's words look twice as rare as they are)."""
    ministry = (item.ministry or "").strip().lower()
    head = (item.answer or item.question or "")[:80]
    if _CJK_CHAR.search(head) and 2 * len(_CJK_CHAR.findall(head)) > len(head.strip()):
        return f"{ministry} (zh)"
    return ministry


def _names(speaker: str | None) -> set[str]:
    """The words of the answering officials' names ("Karine Jean-Pierre; Mr. Kirby")."""
    return set(re.findall(r"[\w’'-]+", speaker)) if speaker else set()


class State:
    """Document frequencies, topic profiles and the term → topics index.

    With `store` None everything lives in these dicts (a full regroup). With a `Store`, what is
    missing is loaded on demand and `flush()` writes back what changed.
    """

    def __init__(self, store: Store | None = None):
        self.store = store
        self.n_docs = 0
        self.df: dict[str, int] = {}
        self.kind: dict[str, int] = {}  # 0 word, 1 name, 2 acronym
        # per term, the items writing it as a name on its own ("Taiwan" mid-sentence) and those
        # holding it only inside a longer name ("Act" of "Inflation Reduction Act"): see
        # `name_share`
        self.name_df: dict[str, tuple[int, int]] = {}
        self._name_delta: dict[str, tuple[int, int]] = {}  # SQLite mode: since the last flush
        # Per source (the ministry): how many of its items hold a term. A ministry's own name and
        # its spokespeople's are in most of its items and weigh almost nothing in them.
        self.source_docs: dict[str, int] = {}
        self.source_df: dict[tuple[str, str], int] = {}
        self._dirty_sdf: set[tuple[str, str]] = set()
        self._dirty_sources: set[str] = set()
        self.profiles: dict[int, dict[str, float]] = {}
        self.norm2: dict[int, float] = {}
        self.last: dict[int, int] = {}  # topic → last date ordinal
        self.count: dict[int, int] = {}
        self.postings: dict[str, dict[int, float]] = {}
        self._dirty_df: set[str] = set()
        self._dirty_topics: set[int] = set()
        self.merged: dict[int, int] = {}  # topic merged away → the topic it joined
        self.protected: set[int] = set()  # topics the user curated: never merged automatically
        self._pending_merges: list[tuple[int, int]] = []
        self.profile_cap = Params.profile_cap  # the grouper sets its own parameters here
        self.max_posting = Params.max_posting
        if store is not None:
            self.n_docs, self.source_docs = store.grouping_doc_counts()

    # -- loading (SQLite mode) --
    def load_terms(self, terms) -> None:
        if self.store is None:
            return
        missing = [t for t in terms if t not in self.df]
        for t, df, kind in self.store.term_doc_frequencies(missing):
            self.df[t] = df
            self.kind[t] = kind
        for t in missing:
            self.df.setdefault(t, 0)

    def load_names(self, terms) -> None:
        """How many items write each of `terms` as a name (SQLite mode: from the store)."""
        if self.store is None:
            return
        missing = [t for t in terms if t not in self.name_df]
        if self._name_delta:
            self.flush_names()
        for t, n, inside in self.store.term_name_counts(missing):
            self.name_df[t] = (n, inside)
        for t in missing:
            self.name_df.setdefault(t, (0, 0))

    def flush_names(self) -> None:
        if self.store is not None and self._name_delta:
            self.store.add_term_name_counts([(t, n, i) for t, (n, i) in
                                             sorted(self._name_delta.items())])
            self._name_delta.clear()

    def load_source_terms(self, source: str, terms) -> None:
        if self.store is None:
            return
        missing = [t for t in terms if (source, t) not in self.source_df]
        for t, df in self.store.source_term_doc_frequencies(source, missing):
            self.source_df[(source, t)] = df
        for t in missing:
            self.source_df.setdefault((source, t), 0)

    def posting(self, term: str) -> dict[int, float] | None:
        """topic → weight of `term`, for the topics whose profile holds it (the inverted index).

        None when the term is in too many profiles to tell topics apart.
        """
        p = self._post(term)
        return None if len(p) > self.max_posting else p

    def norms(self, tids) -> dict[int, float]:
        """Squared profile norms of `tids` (loaded in bulk from SQLite when needed)."""
        if self.store is not None:
            missing = [t for t in tids if t not in self.norm2]
            for tid, n2, last, count in self.store.topic_profile_stats(missing):
                self.norm2[tid] = n2
                self.last.setdefault(tid, last)
                self.count.setdefault(tid, count)
        return self.norm2

    def profile(self, tid: int) -> dict[str, float]:
        prof = self.profiles.get(tid)
        if prof is None and self.store is not None:
            prof, stats = self.store.topic_profile(tid)
            self.profiles[tid] = prof
            self.norm2[tid], self.last[tid], self.count[tid] = stats if stats else (
                sum(w * w for w in prof.values()), 0, 0)
        return prof if prof is not None else {}

    def idf(self, term: str, smooth: float = Params.idf_smooth) -> float:
        """How distinctive `term` is over every item in the store (the labels' weight too)."""
        return math.log((self.n_docs + smooth) / (self.df.get(term, 0) + 1))

    # -- updates --
    def add_document(self, term_kinds: dict[str, int], source: str = "") -> None:
        self.n_docs += 1
        self.source_docs[source] = self.source_docs.get(source, 0) + 1
        self._dirty_sources.add(source)
        # a word counts as a name where it stands alone ("Taiwan"), not inside a longer name
        # ("Act" of "Inflation Reduction Act", "Court" of "Supreme Court")
        inside = {w for t in term_kinds if " " in t for w in t.split(" ")}
        for t, k in term_kinds.items():
            self.df[t] = self.df.get(t, 0) + 1
            if k > self.kind.get(t, 0):
                self.kind[t] = k
            if t in inside:
                self._count_name(t, 0, 1)
            elif k:
                self._count_name(t, 1, 0)
            self._dirty_df.add(t)
            key = (source, t)
            self.source_df[key] = self.source_df.get(key, 0) + 1
            self._dirty_sdf.add(key)

    def _count_name(self, term: str, name: int, inside: int) -> None:
        if self.store is None:
            n, i = self.name_df.get(term, (0, 0))
            self.name_df[term] = (n + name, i + inside)
        else:
            n, i = self._name_delta.get(term, (0, 0))
            self._name_delta[term] = (n + name, i + inside)
            self.name_df.pop(term, None)  # read again after the flush

    def name_share(self, term: str) -> float:
        """The share of the items holding `term` outside a longer name that write it as a
        name: "Taiwan" ~1, "act" (a name only in "… Act") ~0, "test" small."""
        n, inside = self.name_df.get(term, (0, 0))
        return n / max(self.df.get(term, 0) - inside, 1)

    def add_to_topic(self, tid: int, vec: dict[str, float], day: int, members: int = 1) -> None:
        prof = self.profile(tid) if tid in self.profiles or self.store is not None else {}
        self.profiles[tid] = prof
        post = self._post
        norm2 = self.norm2.get(tid, 0.0)
        for t, w in vec.items():
            old = prof.get(t, 0.0)
            new = old + w
            prof[t] = new
            post(t)[tid] = new
            norm2 += new * new - old * old
        cap = self.profile_cap
        if len(prof) > 2 * cap:
            keep = sorted(prof.items(), key=lambda kv: (-kv[1], kv[0]))[:cap]
            for t in prof.keys() - {t for t, _ in keep}:
                post(t).pop(tid, None)
            prof.clear()
            prof.update(keep)
            norm2 = sum(w * w for w in prof.values())
        self.norm2[tid] = norm2
        self.last[tid] = max(self.last.get(tid, 0), day)
        self.count[tid] = self.count.get(tid, 0) + members
        self._dirty_topics.add(tid)

    def resolve(self, tid: int) -> int:
        while tid in self.merged:
            tid = self.merged[tid]
        return tid

    def merge(self, src: int, dst: int) -> None:
        """Fold topic `src` into `dst` (profiles added, index updated)."""
        prof_src = self.profile(src)
        self.profile(dst)
        for t in prof_src:
            self._post(t).pop(src, None)
        self.add_to_topic(dst, prof_src, self.last.get(src, 0), members=self.count.get(src, 0))
        self.profiles.pop(src, None)
        self.norm2.pop(src, None)
        self.last.pop(src, None)
        self.count.pop(src, None)
        self._dirty_topics.discard(src)
        self.merged[src] = dst
        self._pending_merges.append((src, dst))

    def similarity(self, a: int, b: int) -> float:
        """Cosine of two topic profiles."""
        pa, pb = self.profile(a), self.profile(b)
        if len(pb) < len(pa):
            pa, pb = pb, pa
        dot = sum(w * pb.get(t, 0.0) for t, w in pa.items())
        return dot / math.sqrt((self.norm2.get(a) or 1.0) * (self.norm2.get(b) or 1.0))

    def _post(self, term: str) -> dict[int, float]:
        p = self.postings.get(term)
        if p is None:
            p = self.store.term_posting(term, self.max_posting + 1) if self.store is not None \
                else {}
            self.postings[term] = p
        return p

    def flush(self) -> None:
        """Write what changed (SQLite mode), or everything (after an in-memory regroup)."""
        if self.store is None:
            return
        store = self.store
        for src, dst in self._pending_merges:
            store.fold_topic_into(src, self.resolve(dst))
        self._pending_merges.clear()
        store.save_term_doc_frequencies(
            [(t, self.df[t], self.kind.get(t, 0)) for t in self._dirty_df])
        for tid in self._dirty_topics:
            store.save_topic_profile(tid, self.profiles[tid], self.norm2[tid],
                                     self.last.get(tid, 0), self.count.get(tid, 0))
        store.save_grouping_doc_count(self.n_docs)
        self.flush_names()
        store.save_source_term_doc_frequencies(
            [(src, t, self.source_df[(src, t)]) for src, t in self._dirty_sdf])
        store.save_source_doc_counts({src: self.source_docs[src] for src in self._dirty_sources})
        self._dirty_df.clear()
        self._dirty_topics.clear()
        self._dirty_sdf.clear()
        self._dirty_sources.clear()

    def write_all(self, store: Store) -> None:
        """Replace the stored state with this (in-memory) one."""
        store.replace_grouping_state(
            [(t, d, self.kind.get(t, 0)) for t, d in self.df.items()],
            [(tid, t, w) for tid, prof in self.profiles.items() for t, w in prof.items()],
            [(tid, self.norm2.get(tid, 0.0), self.last.get(tid, 0), self.count.get(tid, 0))
             for tid in self.profiles],
            self.n_docs,
            [(src, t, d) for (src, t), d in self.source_df.items()],
            self.source_docs)
        store.replace_term_name_counts([(t, n, i) for t, (n, i) in sorted(self.name_df.items())])


@dataclass
class ItemCues:
    """What `Grouper.analyse` reads from one item: its vector, term kinds and turn cues."""

    tf: dict[str, float]
    kinds: dict[str, int]
    vec: dict[str, float]
    q_terms: int
    weak: bool  # names too little of its own to start or reshape a topic
    new_turn: bool  # a new questioner's turn: "Thanks, Karine." / "Jen —" / "Hi. Two questions."
    switch: bool  # an explicit change of subject
    cont: bool  # an interrupted question picked up again: "— with the Saudi military …"
    # Chinese text is compared by words (jieba): it has its own join bar, measured on the
    # Chinese MFA dev set
    cjk: bool
    opener: bool  # a courtesy that introduces the next question


class Grouper:
    """Places items, one at a time in date order, into topics."""

    def __init__(self, state: State, extractor: TermExtractor | None = None,
                 params: Params | None = None, new_topic=None):
        self.state = state
        self.terms = extractor or TermExtractor()
        self.p = params or Params()
        state.profile_cap, state.max_posting = self.p.profile_cap, self.p.max_posting
        self._next = max(state.profiles, default=0) + 1
        self._new_topic = new_topic
        self._fuzzy_cache: dict[int, tuple] = {}
        self._created: set[int] = set()  # topics started in the current briefing
        # per briefing: item index → (topic, vector)
        self._briefing_key: str | None = None
        self._in_briefing: dict[int, int] = {}
        self._last_tid: int | None = None
        self._last_asker: str | None = None

    def new_topic(self) -> int:
        if self._new_topic is not None:
            return self._new_topic()
        tid = self._next
        self._next += 1
        return tid

    def idf(self, term: str, source: str | None = None) -> float:
        """How distinctive `term` is, in the items of `source` when given.

        The source's own IDF is blended with the whole store's (the store's weighs as much as
        `source_prior` items), so a new ministry's first briefings lean on everyone's counts and
        an established one's on its own: "China" in the MFA's briefings weighs almost nothing, in other ministries'
        what its rarity there says.
        """
        st = self.state
        smooth = self.p.idf_smooth
        overall = st.idf(term, smooth)
        if source is None or not self.p.source_prior:
            return overall
        n_s = st.source_docs.get(source, 0)
        own = math.log((n_s + smooth) / (st.source_df.get((source, term), 0) + 1))
        lam = n_s / (n_s + self.p.source_prior)
        return lam * own + (1 - lam) * overall

    def term_kinds(self, item: QAItem) -> tuple[dict[str, float], dict[str, int], int]:
        """Raw weighted term frequencies, term kinds, and distinctive question terms."""
        tf: dict[str, float] = {}
        kinds: dict[str, int] = {}
        q_terms = 0
        # Long answers say what the issue is early; the rest costs time and adds boilerplate.
        question = strip_stage(strip_vocative(strip_courtesies(item.question or ""),
                                              _names(item.speaker)))
        answer = item.answer or ""
        if not item.question and answer:  # a statement: its ground rules and thanks say nothing
            answer = without_the_room(_head(answer, 2 * self.p.max_chars))
        for text, weight in ((_head(question, self.p.max_chars), 1.0),
                             (strip_stage(_head(answer, self.p.max_chars)),
                              self.p.answer_weight)):
            if not text:
                continue
            for term, is_name in self.terms.terms(text):
                w = weight * (self.p.name_boost if is_name else 1.0)
                tf[term] = tf.get(term, 0.0) + w
                k = int(is_name)
                if k > kinds.get(term, -1):
                    kinds[term] = k
                if weight == 1.0:
                    q_terms += 1
        if not item.question:  # statements and reports: the answer is the text
            q_terms = len(tf)
        return tf, kinds, q_terms

    def vector(self, tf: dict[str, float], source: str | None = None) -> dict[str, float]:
        self.state.load_terms(tf.keys())
        if source is not None and self.p.source_prior:
            self.state.load_source_terms(source, tf.keys())
        scored = {t: math.sqrt(f) * self.idf(t, source) for t, f in tf.items()}
        top = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[: self.p.top_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {t: w / norm for t, w in top if w > 0}

    def _top_string(self, vec: dict[str, float]) -> str:
        return " ".join(t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:12])

    def _fuzzy(self, item_terms: str, tid: int) -> float:
        """rapidfuzz agreement of the item's strongest terms with the topic's (cached per size)."""
        st = self.state
        key = (tid, st.count.get(tid, 0), len(st.profile(tid)))
        cached = self._fuzzy_cache.get(tid)
        if cached is None or cached[0] != key:
            cached = (key, self._top_string(st.profile(tid)))
            self._fuzzy_cache[tid] = cached
        b = cached[1]
        return fuzz.token_set_ratio(item_terms, b) / 100.0 if item_terms and b else 0.0

    def score(self, vec: dict[str, float], tid: int, day: int, item_terms: str = "") -> float:
        prof = self.state.profile(tid)
        n2 = self.state.norm2.get(tid) or 1.0
        cos = sum(w * prof.get(t, 0.0) for t, w in vec.items()) / math.sqrt(n2)
        s = cos
        if cos > 0.05 and self.p.fuzzy_weight:
            s += self.p.fuzzy_weight * self._fuzzy(item_terms or self._top_string(vec), tid)
        last = self.state.last.get(tid, 0)
        if last and day:
            gap = abs(day - last)
            if gap < self.p.recency_days:
                s += self.p.recency_bonus * (1 - gap / self.p.recency_days)
        return s

    def candidates(self, vec: dict[str, float], limit: int | None = None) -> list[int]:
        """Topics sharing the item's strongest terms, best partial cosine first (at most `limit`).

        Scores accumulate over the inverted index, so the cost is the length of a few posting
        lists, never the number of topics.
        """
        st = self.state
        acc: dict[int, float] = {}
        query = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[: self.p.query_terms]
        for t, w in query:
            weights = st.posting(t)
            if not weights:
                continue
            for tid, pw in weights.items():
                acc[tid] = acc.get(tid, 0.0) + w * pw
        norms = st.norms(acc)
        ranked = sorted(acc, key=lambda tid: (-acc[tid] / math.sqrt(norms.get(tid) or 1.0), tid))
        return ranked[: limit or self.p.max_candidates]

    def analyse(self, item: QAItem) -> ItemCues:
        """Vector, term kinds and turn cues of one item (nothing is updated)."""
        tf, kinds, q_terms = self.term_kinds(item)
        q = (item.question or "").strip()
        stripped = strip_courtesies(q)
        body = strip_vocative(stripped, _names(item.speaker))
        weak = q_terms < self.p.weak_terms
        return ItemCues(
            tf=tf, kinds=kinds, vec=self.vector(tf, source_of(item)), q_terms=q_terms,
            weak=weak or not tf,
            new_turn=bool(q) and (stripped != q or body != stripped),
            switch=bool(_SWITCH.search(q[:160])),
            cont=bool(q) and (q[0] in "—–-…" or q[0].islower()),
            cjk=sum(1 for t in tf if _CJK_TERM.match(t)) * 2 > len(tf) > 0,
            opener=bool(q) and weak and (stripped != q or body != stripped
                                         or bool(_OPENER.match(body))),
        )

    def place(self, item: QAItem) -> int:
        """Decide the topic of one item and update the state."""
        return self.place_items([item])[0]

    def place_items(self, items: list[QAItem]) -> list[int]:
        """Place items in order; an opener ("Thanks, Karine.") joins the question it introduces."""
        out: list[int] = []
        pending: list[tuple[int, QAItem, ItemCues]] = []
        for pos, item in enumerate(items):
            if item.entry_key != self._briefing_key:
                self._flush_pending(pending, out, None)
                self.finish_briefing()
                self._briefing_key = item.entry_key
            info = self.analyse(item)
            nxt = items[pos + 1] if pos + 1 < len(items) else None
            if self.p.defer_openers and info.opener and nxt is not None and \
                    nxt.entry_key == item.entry_key and item.follows is None:
                out.append(-1)
                pending.append((pos, item, info))
                continue
            if pending or (item.asker and item.asker != self._last_asker):
                info.new_turn = True
            self._last_asker = item.asker
            out.append(self._place(item, info))
            self._flush_pending(pending, out, out[-1])
        self._flush_pending(pending, out, None)
        return out

    def _flush_pending(self, pending, out, tid) -> None:
        for pos, item, info in pending:
            out[pos] = self._place(item, info, forced=tid)
        pending.clear()

    def _place(self, item: QAItem, info: ItemCues, forced: int | None = None) -> int:
        day = item.date.toordinal() if item.date else 0
        tf, kinds, vec, weak = info.tf, info.kinds, info.vec, info.weak
        prev = self._last_tid
        if forced is not None:
            tid = self.state.resolve(forced)
        else:
            tid = self._decide(item, info, vec, weak, prev, day)
        # A weak item (a follow-up naming nothing of its own) joins without reshaping the topic.
        self.state.add_to_topic(tid, vec if not (weak and tid in self.state.count) else {}, day)
        self.state.add_document({t: kinds.get(t, 0) for t in tf}, source_of(item))
        tid = self._maybe_merge(tid)
        self._in_briefing[item.index] = tid
        self._last_tid = tid
        return tid

    def _decide(self, item, info, vec, weak, prev, day) -> int:
        p = self.p
        followed = self._in_briefing.get(item.follows) if item.follows is not None else None
        if prev is not None:
            prev = self.state.resolve(prev)
        if followed is not None:
            followed = self.state.resolve(followed)
        if prev is not None and (weak or (info.cont and p.cont_sticky)) and \
                (followed is None or followed == prev):
            return prev
        cands = set(self.candidates(vec))
        cands.discard(prev)
        item_terms = self._top_string(vec)
        best, best_score = None, -1.0
        for tid in sorted(cands):
            sc = self.score(vec, tid, day, item_terms)
            if sc > best_score:
                best, best_score = tid, sc
        prev_score = self.score(vec, prev, day, item_terms) if prev is not None else -1.0
        if followed is not None and followed != prev:
            followed_score = self.score(vec, followed, day, item_terms)
            if not (best_score >= p.follow_override and best_score > followed_score):
                best, best_score = followed, max(best_score, followed_score, p.threshold)
        bonus = p.context_bonus
        turn_break = info.new_turn or info.switch
        if turn_break:
            bonus = p.turn_context_bonus
        if prev is not None and (followed is None or followed == prev) and \
                prev_score + bonus >= best_score and \
                (prev_score >= p.continue_threshold or weak):
            return prev
        need = p.threshold
        if best in self.state.protected:
            need = p.curated_threshold
        elif info.cjk:
            need = p.cjk_threshold
        if best is not None and best_score >= need:
            return best
        if prev is not None and weak:
            return prev
        tid = self.new_topic()
        self._created.add(tid)
        return tid

    def finish_briefing(self) -> None:
        """After a briefing: each topic it touched may turn out to be an older topic's twin."""
        if self.p.sandwich_threshold is not None:
            self._merge_sandwiched(self.p.sandwich_threshold)
        for tid in sorted({self.state.resolve(t) for t in self._in_briefing.values()
                           if t in self._created}):
            tid = self.state.resolve(tid)
            if tid in self.state.profiles or self.state.store is not None:
                self._merge_check(tid, self.p.briefing_merge_threshold)
        self._in_briefing = {}
        self._created = set()
        self._last_tid = None

    def _merge_sandwiched(self, threshold: float) -> None:
        """A topic born in this briefing whose questions all sit inside the stretch of the
        briefing spent on another topic is usually an aspect of it (the families of Uvalde
        within the gun-law questions): fold it in when the two resemble each other at all."""
        st = self.state
        span: dict[int, list[int]] = {}
        for idx, t in sorted(self._in_briefing.items()):
            t = st.resolve(t)
            lo_hi = span.setdefault(t, [idx, idx, 0])
            lo_hi[1] = idx
            lo_hi[2] += 1
        for small in sorted(span, key=lambda t: span[t][2]):
            small_r = st.resolve(small)
            if small not in self._created or small_r != small or small in st.protected:
                continue
            lo, hi, n = span[small]
            hosts = [t for t, (a, b, m) in span.items()
                     if t != small and st.resolve(t) == t and a < lo and hi < b and m > n]
            best, best_sim = None, threshold
            for host in sorted(hosts):
                sim = st.similarity(small, host)
                if sim >= best_sim:
                    best, best_sim = host, sim
            if best is not None:
                keep, gone = min(small, best), max(small, best)
                st.merge(gone, keep)
                for k, v in self._in_briefing.items():
                    if v == gone:
                        self._in_briefing[k] = keep

    def _top_names(self, tid: int) -> set[str]:
        """The strongest names and acronyms of a topic's profile."""
        kind = self.state.kind
        ranked = sorted(self.state.profile(tid).items(), key=lambda kv: (-kv[1], kv[0]))
        return {t for t, _ in ranked[: self.p.named_top] if kind.get(t, 0) >= 1}

    def _maybe_merge(self, tid: int) -> int:
        """At sizes 2, 4, 8, … compare the topic with its neighbours and fold near-duplicates."""
        n = self.state.count.get(tid, 0)
        if n < 2 or n & (n - 1):
            return tid
        return self._merge_check(tid, self.p.merge_threshold)

    def _merge_check(self, tid: int, threshold: float) -> int:
        st = self.state
        if tid in st.protected:
            return tid
        prof = st.profile(tid)
        n = math.sqrt(st.norm2.get(tid) or 1.0)
        cands = [c for c in self.candidates({t: w / n for t, w in prof.items()}, 5) if c != tid]
        best, best_sim = None, -1.0
        named = self.p.named_merge_threshold
        names = self._top_names(tid) if named is not None and named < threshold else None
        for other in sorted(set(cands) - st.protected):
            sim = st.similarity(tid, other)
            need = threshold
            if names and named is not None and sim >= named and names & self._top_names(other):
                need = named  # the two share a leading name: a weaker resemblance suffices
            if sim >= need and sim > best_sim:
                best, best_sim = other, sim
        if best is None:
            return tid
        keep, gone = min(tid, best), max(tid, best)
        st.merge(gone, keep)
        for k, v in self._in_briefing.items():
            if v == gone:
                self._in_briefing[k] = keep
        return keep


def group_in_memory(items: list[QAItem], aliases: dict[str, str] | None = None,
                    params: Params | None = None) -> tuple[list[int], State]:
    """Group `items` (already in date order) from scratch; returns one topic per item."""
    state = State()
    g = Grouper(state, TermExtractor(aliases), params)
    placed = g.place_items(items)
    g.finish_briefing()
    return [state.resolve(t) for t in placed], state


# ---- store integration ------------------------------------------------------------------------
# (the steps that drive a whole store, and re-apply the user's curation, are in pipeline.py)
def _aliases(config) -> dict[str, str]:
    return dict(getattr(config, "aliases", None) or {})


def rebuild_profiles(store, topic_ids, config=None) -> None:
    """After a user decision: recompute these topics' profiles from the items they now hold.

    Topics that no longer exist lose their profile, so new items can never be matched to them.
    """
    from . import issues, labels

    state = State(store)
    g = Grouper(state, TermExtractor(_aliases(config)))
    alive = []
    for tid in sorted(set(topic_ids)):
        if not store.topic_exists(tid):
            store.drop_topic_profile(tid)
            continue
        state.profiles[tid] = {}
        state.norm2[tid], state.last[tid], state.count[tid] = 0.0, 0, 0
        for it in store.topic_items(tid):
            tf, _, _ = g.term_kinds(it)
            state.add_to_topic(tid, g.vector(tf, source_of(it)), it.date.toordinal() if it.date else 0)
        state._dirty_topics.add(tid)
        alive.append(tid)
    state.flush()
    labels.relabel(store, state, alive)
    placed = issues.assign_new_topics(store, {t: state.profile(t) for t in alive}, state.count,
                                      declared=issues.declared_ids(store, config, g.terms),
                                      state=state, people=labels.people_in_store(store))
    store.delete_empty_issues()
    labels.relabel_issues(store, state, placed.values())
