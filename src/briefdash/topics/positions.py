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
_SENTENCE_BREAK = re.compile(r"[.!?;:]\s|[.!?;:]$|\n")
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


def _sentence_ids(text: str, ws: list[tuple[str, int, int]]) -> list[int]:
    ids, sid, prev_end = [], 0, 0
    for _, start, end in ws:
        if _SENTENCE_BREAK.search(text, prev_end, start):
            sid += 1
        ids.append(sid)
        prev_end = end
    return ids


def novel_spans(text: str, seen: set[tuple[str, ...]], *, min_words: int = 2) -> list[str]:
    """Maximal runs of `text` covered by trigrams not in `seen`, cut verbatim from `text`.

    Runs stay within a sentence and lose stopwords at their edges ("firmly opposes the naval
    patrols", not "firmly opposes the naval patrols in the").
    """
    ws = words_with_spans(text)
    words = [w for w, _, _ in ws]
    sent = _sentence_ids(text, ws)
    grams = _grams(words)
    novel = [g not in seen and sent[i] == sent[i + N - 1] for i, g in enumerate(grams)]
    spans: list[str] = []
    i = 0
    while i < len(grams):
        if not novel[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(grams) and novel[j + 1]:
            j += 1
        a, b = i, j + N - 1  # word range of the run
        while a <= b and words[a] in STOPWORDS:
            a += 1
        while b >= a and words[b] in STOPWORDS:
            b -= 1
        if b - a + 1 >= min_words and _content(tuple(words[a:b + 1])):
            spans.append(text[ws[a][1]:ws[b][2]])
        i = j + 1
    return spans


def _restates(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return fuzz.ratio(" ".join(a.lower().split()), " ".join(b.lower().split())) >= RESTATEMENT_RATIO


def stock_phrases(items: list[QAItem], *, top: int = 12,
                  min_briefings: int = STOCK_MIN_BRIEFINGS) -> list[StockPhrase]:
    """Recurring formulas per ministry, ranked by how many briefings use them and their length.

    Trigrams used in at least `min_briefings` of a ministry's briefings mark the words they
    cover; each maximal marked run within a sentence, without stopwords at its edges, is a
    candidate formula, kept when it too recurs in `min_briefings` briefings.
    """
    out: list[StockPhrase] = []
    by_ministry: dict[str, list[QAItem]] = defaultdict(list)
    for it in items:
        if it.answer:
            by_ministry[it.ministry or ""].append(it)
    for ministry, its in by_ministry.items():
        if len({it.entry_key for it in its}) < min_briefings:
            continue
        parsed = []
        tri_briefings: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for it in its:
            ws = words_with_spans(it.answer)
            words = [w for w, _, _ in ws]
            sent = _sentence_ids(it.answer, ws)
            grams = [(g if sent[i] == sent[i + N - 1] else None) for i, g in enumerate(_grams(words))]
            parsed.append((it, words, grams))
            for g in set(grams):
                if g is not None:
                    tri_briefings[g].add(it.entry_key)
        frequent = {g for g, b in tri_briefings.items() if len(b) >= min_briefings}
        phrase_briefings: dict[str, set[str]] = defaultdict(set)
        count: dict[str, int] = defaultdict(int)
        first: dict[str, date | None] = {}
        last: dict[str, date | None] = {}
        for it, words, grams in parsed:
            found = set()
            i = 0
            while i < len(grams):
                if grams[i] not in frequent:
                    i += 1
                    continue
                j = i
                while j + 1 < len(grams) and grams[j + 1] in frequent:
                    j += 1
                a, b = i, j + N - 1
                while a <= b and words[a] in STOPWORDS:
                    a += 1
                while b >= a and words[b] in STOPWORDS:
                    b -= 1
                if b - a + 1 >= N and _content(tuple(words[a:b + 1])):
                    found.add(" ".join(words[a:b + 1]))
                i = j + 1
            for phrase in found:
                phrase_briefings[phrase].add(it.entry_key)
                count[phrase] += 1
                if phrase not in first or (it.date and first[phrase] and it.date < first[phrase]):
                    first[phrase] = it.date
                if it.date and (last.get(phrase) is None or it.date > last[phrase]):
                    last[phrase] = it.date
        scored = []
        for phrase, briefings in phrase_briefings.items():
            if len(briefings) >= min_briefings:
                score = len(briefings) * (1 + 0.25 * len(phrase.split()))
                scored.append(StockPhrase(phrase, ministry, count[phrase], first[phrase],
                                          last[phrase], score=score))
        scored.sort(key=lambda sp: (-sp.score, sp.first_seen or date.min, sp.phrase))
        out.extend(scored[:top])
    out.sort(key=lambda sp: (-sp.score, sp.ministry, sp.phrase))
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
