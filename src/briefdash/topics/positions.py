"""How a position moves: novel and dropped wording, restatements, stock phrases.

Phrases are word n-grams. For each statement, the *new* phrases are the maximal runs of words
whose trigrams that ministry never used before in this topic, cut verbatim from the answer; the
*dropped* phrases are stance wording of the ministry's previous statement that this one no
longer uses. A statement that repeats the previous one almost word for word is a restatement.
Stock phrases are n-grams a ministry repeats across briefings in the topic.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from ..models import QAItem, Topic

N = 3  # trigram novelty
RESTATEMENT_RATIO = 90.0
STOCK_MIN_BRIEFINGS = 3
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
STOPWORDS = frozenset("""
a an the and or but of to in on at by for with from as is are was were be been being this that these
those it its it's we our us you your i my me he she they them their his her not no do does did has
have had will would shall should can could may might must also very so such than then there here
what which who whom whose when where why how all any some more most other into over about as if
just only out up down again further once both each few own same too s t don now
""".split())


@dataclass
class TimelineEntry:
    item: QAItem
    new_phrases: list[str] = field(default_factory=list)
    dropped_phrases: list[str] = field(default_factory=list)
    restatement: bool = False
    first_formulas: list[str] = field(default_factory=list)  # stock phrases first used here


@dataclass
class StockPhrase:
    phrase: str
    ministry: str
    count: int
    first_seen: date | None
    last_seen: date | None
    score: float = 0.0


@dataclass
class Timeline:
    topic: Topic
    entries: list[TimelineEntry]
    stock_phrases: list[StockPhrase]


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _WORD.finditer(text)]


def _grams(words: list[str], n: int = N) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def _content(gram: tuple[str, ...]) -> bool:
    return sum(1 for w in gram if w not in STOPWORDS and not w.isdigit()) >= 1


def novel_spans(text: str, seen: set[tuple[str, ...]], *, min_words: int = N) -> list[str]:
    """Maximal runs of `text` covered by trigrams not in `seen`, cut verbatim from `text`."""
    ws = words_with_spans(text)
    words = [w for w, _, _ in ws]
    grams = _grams(words)
    novel = [g not in seen for g in grams]
    spans: list[str] = []
    i = 0
    while i < len(grams):
        if not novel[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(grams) and novel[j + 1]:
            j += 1
        start, end = ws[i][1], ws[j + N - 1][2]
        run_words = words[i:j + N]
        if len(run_words) >= min_words and _content(tuple(run_words)):
            spans.append(text[start:end])
        i = j + 1
    return spans


def _restates(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return fuzz.ratio(" ".join(a.lower().split()), " ".join(b.lower().split())) >= RESTATEMENT_RATIO


def stock_phrases(items: list[QAItem], *, top: int = 12, min_briefings: int = STOCK_MIN_BRIEFINGS,
                  max_n: int = 6) -> list[StockPhrase]:
    """Recurring formulas per ministry: n-grams (3..max_n words) in ≥ min_briefings briefings."""
    out: list[StockPhrase] = []
    by_ministry: dict[str, list[QAItem]] = defaultdict(list)
    for it in items:
        if it.answer:
            by_ministry[it.ministry or ""].append(it)
    for ministry, its in by_ministry.items():
        if len({it.entry_key for it in its}) < min_briefings:
            continue
        # gram -> (briefings, first date, last date, count)
        seen_in: dict[tuple[str, ...], set[str]] = defaultdict(set)
        first: dict[tuple[str, ...], date | None] = {}
        last: dict[tuple[str, ...], date | None] = {}
        count: dict[tuple[str, ...], int] = defaultdict(int)
        for it in its:
            words = [w for w, _, _ in words_with_spans(it.answer)]
            grams_here = set()
            for n in range(3, max_n + 1):
                grams_here.update(_grams(words, n))
            for g in grams_here:
                if not _content(g) or g[0] in STOPWORDS and g[-1] in STOPWORDS:
                    continue
                seen_in[g].add(it.entry_key)
                count[g] += 1
                if g not in first:
                    first[g] = it.date
                last[g] = it.date
        frequent = {g: len(b) for g, b in seen_in.items() if len(b) >= min_briefings}
        # keep maximal phrases: drop a gram that a one-word-longer frequent gram covers as often
        best_ext: dict[tuple[str, ...], int] = defaultdict(int)
        for h, nh in frequent.items():
            if len(h) > 3:
                for part in (h[1:], h[:-1]):
                    best_ext[part] = max(best_ext[part], nh)
        maximal = [g for g, nb in frequent.items() if best_ext.get(g, 0) < nb]
        scored = sorted(maximal, key=lambda g: (-frequent[g] * (1 + 0.25 * len(g)), first[g] or date.min, g))
        for g in scored[:top]:
            out.append(StockPhrase(" ".join(g), ministry, count[g], first[g], last[g],
                                   score=frequent[g] * (1 + 0.25 * len(g))))
    out.sort(key=lambda s: (-s.score, s.ministry, s.phrase))
    return out


def build_timeline(topic: Topic, items: list[QAItem], *, with_stock: bool = True) -> Timeline:
    """The topic's statements in date order, each with its novel/dropped wording."""
    items = sorted(items, key=lambda it: (it.date or date.min, it.entry_key, it.index))
    seen: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    previous: dict[str, QAItem] = {}
    entries: list[TimelineEntry] = []
    for it in items:
        ministry = it.ministry or ""
        e = TimelineEntry(item=it)
        prev = previous.get(ministry)
        if it.answer:
            if prev is not None:
                e.new_phrases = novel_spans(it.answer, seen[ministry])
                e.restatement = _restates(it.answer, prev.answer)
                cur = set(_grams([w for w, _, _ in words_with_spans(it.answer)]))
                e.dropped_phrases = novel_spans(prev.position or "", cur)
            seen[ministry].update(_grams([w for w, _, _ in words_with_spans(it.answer)]))
            previous[ministry] = it
        entries.append(e)
    stock = stock_phrases(items) if with_stock else []
    if stock:
        firsts: dict[tuple[str, str], TimelineEntry] = {}
        for e in entries:
            low = " ".join(w for w, _, _ in words_with_spans(e.item.answer))
            for s in stock:
                k = (s.ministry, s.phrase)
                if k not in firsts and (e.item.ministry or "") == s.ministry and \
                        f" {s.phrase} " in f" {low} ":
                    firsts[k] = e
                    e.first_formulas.append(s.phrase)
    return Timeline(topic=topic, entries=entries, stock_phrases=stock)
