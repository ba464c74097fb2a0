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
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_BREAK = re.compile(r"[.!?;:](?=\s|$)|\n")
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
    key: str = ""  # the phrase normalised (lower case), for matching


@dataclass
class Timeline:
    topic: Topic
    entries: list[TimelineEntry]
    stock_phrases: list[StockPhrase]


class Tokens:
    """An answer's words (lower-cased), sentence by sentence, and its trigrams.

    Trigrams that cross a sentence boundary are None: a phrase lives within one sentence.
    Character spans (for cutting phrases verbatim) are found only when asked for.
    """

    __slots__ = ("text", "words", "grams", "_norm", "_spans")

    def __init__(self, text: str):
        self.text = text
        norm = text.lower().replace("’", "'")
        exotic = len(norm) != len(text)  # e.g. "İ" lower-cases to two characters
        base = text if exotic else norm  # words and spans are both taken from `base`
        self._norm = base
        words: list[str] = []
        sents: list[int] = []
        for sid, chunk in enumerate(_BREAK.split(base)):
            found = _WORD.findall(chunk)
            if exotic:
                found = [w.lower().replace("’", "'") for w in found]
            words += found
            sents += [sid] * len(found)
        self.words = words
        self.grams = [(a, b, c) if s1 == s3 else None for a, b, c, s1, s3
                      in zip(words, words[1:], words[2:], sents, sents[2:])]
        self._spans = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = [m.span() for m in _WORD.finditer(self._norm)]
        return self._spans

    def gram_set(self) -> set[tuple[str, ...]]:
        out = set(self.grams)
        out.discard(None)
        return out


def _content(gram: tuple[str, ...]) -> bool:
    return sum(1 for w in gram if w not in STOPWORDS and not w.isdigit()) >= 1


def _runs(tok: Tokens, marked: list[bool], min_words: int) -> list[tuple[int, int]]:
    """Word ranges of maximal runs of marked trigrams, stopwords trimmed at both ends."""
    words, out, i, n = tok.words, [], 0, len(marked)
    while i < n:
        if not marked[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and marked[j + 1]:
            j += 1
        a, b = i, j + N - 1
        while a <= b and words[a] in STOPWORDS:
            a += 1
        while b >= a and words[b] in STOPWORDS:
            b -= 1
        if b - a + 1 >= min_words and _content(tuple(words[a:b + 1])):
            out.append((a, b))
        i = j + 1
    return out


def novel_spans(text: str | Tokens, seen: set[tuple[str, ...]], *, min_words: int = 2) -> list[str]:
    """Maximal runs of `text` covered by trigrams not in `seen`, cut verbatim from `text`.

    Runs stay within a sentence and lose stopwords at their edges ("firmly opposes the naval
    patrols", not "firmly opposes the naval patrols in the").
    """
    tok = text if isinstance(text, Tokens) else Tokens(text)
    marked = [g is not None and g not in seen for g in tok.grams]
    runs = _runs(tok, marked, min_words)
    if not runs:
        return []
    spans = tok.spans
    if len(spans) != len(tok.words):  # exotic case folding: fall back to the words themselves
        return [" ".join(tok.words[a:b + 1]) for a, b in runs]
    return [tok.text[spans[a][0]:spans[b][1]] for a, b in runs]


def _restates(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return fuzz.ratio(" ".join(a.lower().split()), " ".join(b.lower().split())) >= RESTATEMENT_RATIO


def stock_phrases(items: list[QAItem], *, top: int = 12, min_briefings: int = STOCK_MIN_BRIEFINGS,
                  tokens: dict[str, Tokens] | None = None) -> list[StockPhrase]:
    """Recurring formulas per ministry, ranked by how many briefings use them and their length.

    Trigrams used in at least `min_briefings` of a ministry's briefings mark the words they
    cover; each maximal marked run within a sentence, without stopwords at its edges, is a
    candidate formula, kept when it too recurs in `min_briefings` briefings.
    """
    tokens = tokens if tokens is not None else {}
    out: list[StockPhrase] = []
    by_ministry: dict[str, list[QAItem]] = defaultdict(list)
    for it in items:
        if it.answer:
            by_ministry[it.ministry or ""].append(it)
    for ministry, its in by_ministry.items():
        if len({it.entry_key for it in its}) < min_briefings:
            continue
        toks = [tokens.get(it.id) or Tokens(it.answer) for it in its]
        tri_briefings: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for it, tok in zip(its, toks):
            for g in tok.gram_set():
                tri_briefings[g].add(it.entry_key)
        frequent = {g for g, b in tri_briefings.items() if len(b) >= min_briefings}
        if not frequent:
            continue
        phrase_briefings: dict[str, set[str]] = defaultdict(set)
        surface: dict[str, str] = {}  # first wording as written
        count: dict[str, int] = defaultdict(int)
        first: dict[str, date | None] = {}
        last: dict[str, date | None] = {}
        for it, tok in zip(its, toks):
            marked = [g in frequent for g in tok.grams]
            if not any(marked):
                continue
            for a, b in _runs(tok, marked, N):
                phrase = " ".join(tok.words[a:b + 1])
                if phrase not in surface:
                    spans = tok.spans
                    surface[phrase] = (tok.text[spans[a][0]:spans[b][1]]
                                       if len(spans) == len(tok.words) else phrase)
                if it.entry_key in phrase_briefings[phrase]:
                    continue
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
                scored.append(StockPhrase(surface[phrase], ministry, count[phrase], first[phrase],
                                          last[phrase], score=score, key=phrase))
        scored.sort(key=lambda sp: (-sp.score, sp.first_seen or date.min, sp.phrase))
        out.extend(scored[:top])
    out.sort(key=lambda sp: (-sp.score, sp.ministry, sp.phrase))
    return out


class Cancelled(Exception):
    """The caller no longer wants this timeline (see `build_timeline(cancelled=…)`)."""


def build_timeline(topic: Topic, items: list[QAItem], *, with_stock: bool = True,
                   cancelled=None) -> Timeline:
    """The topic's statements in date order, each with its novel/dropped wording.

    `cancelled`, a function polled every 100 statements, lets an interactive caller stop a
    long analysis it no longer needs (raises `Cancelled`).
    """
    items = sorted(items, key=lambda it: (it.date or date.min, it.entry_key, it.index))
    tokens: dict[str, Tokens] = {}  # filled as the loop goes (so that cancelling is prompt)
    seen: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    previous: dict[str, QAItem] = {}
    entries: list[TimelineEntry] = []
    for k, it in enumerate(items):
        if cancelled is not None and k % 100 == 0 and cancelled():
            raise Cancelled
        ministry = it.ministry or ""
        e = TimelineEntry(item=it)
        prev = previous.get(ministry)
        if it.answer:
            tok = tokens[it.id] = Tokens(it.answer)
            grams = tok.gram_set()
            if prev is not None:
                e.new_phrases = novel_spans(tok, seen[ministry])
                e.restatement = _restates(it.answer, prev.answer)
                e.dropped_phrases = novel_spans(prev.position or "", grams)
            seen[ministry] |= grams
            previous[ministry] = it
        entries.append(e)
    stock = stock_phrases(items, tokens=tokens) if with_stock else []
    if stock:
        firsts: set[tuple[str, str]] = set()
        for e in entries:
            tok = tokens.get(e.item.id)
            if tok is None:
                continue
            low = f" {' '.join(tok.words)} "
            for sp in stock:
                k = (sp.ministry, sp.key)
                if k not in firsts and (e.item.ministry or "") == sp.ministry and \
                        f" {sp.key} " in low:
                    firsts.add(k)
                    e.first_formulas.append(sp.phrase)
    return Timeline(topic=topic, entries=entries, stock_phrases=stock)
