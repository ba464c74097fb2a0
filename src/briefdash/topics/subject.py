"""What a timeline is about: the words its reporters asked about far more than the store at large.

A statement is often a long answer that speaks of several matters (a topper on the week's
schedule, "and on your other question…"). Its wording on the other matters did not move on this
topic: `positions.build_timeline(subject=…)` shows new wording only in paragraphs that speak of
the subject. The subject is read from the questions (what reporters asked about on this topic),
weighed against how many statements of the whole store use each word (`g_df`, the grouping's
document frequencies): a word asked about in SUBJECT_MIN_QUESTIONS questions and at least
SUBJECT_LIFT times as often as the store uses it. Measured on the White House 2022 store
(benchmarks/TIMELINES_NOTES.md).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from ..models import QAItem, Topic
from .positions import Timeline, build_timeline, is_content_word, plain_words, room_names, stem
from .terms import DEFAULT_ALIASES, GENERIC, STOPWORDS, normalise_word

SUBJECT_MIN_QUESTIONS = 2  # a word asked about once is no subject
SUBJECT_LIFT = 10.0  # asked about this many times more often than the store uses the word


def _term(word: str) -> str:
    """The grouping's term for a word ("u.s." → "united states"), as `g_df` counts it."""
    t = normalise_word(word)
    return DEFAULT_ALIASES.get(t, DEFAULT_ALIASES.get(word, t))


def question_stems(items: list[QAItem], names: frozenset[str]
                   ) -> tuple[int, Counter[str], dict[str, set[str]]]:
    """(questions read, in how many questions each content stem is, the terms behind each stem)."""
    counts: Counter[str] = Counter()
    terms: dict[str, set[str]] = defaultdict(set)
    asked = 0
    for it in items:
        if not it.question:
            continue
        asked += 1
        here = set()
        for w in plain_words(it.question):
            if is_content_word(w) and w not in names:
                st = stem(w)
                here.add(st)
                terms[st].add(_term(w))
        counts.update(here)
    return asked, counts, terms


def timeline_subject(store, items: list[QAItem]) -> frozenset[str] | None:
    """The stems of what `items` are about; None when the store cannot say (no grouping counts)
    or the questions name no subject, and new wording is then not kept to one."""
    n_docs, _ = store.grouping_doc_counts()
    asked, counts, terms = question_stems(items, room_names(items, called_out=False))
    if not n_docs or not asked:
        return None
    candidates = [st for st, n in counts.items() if n >= SUBJECT_MIN_QUESTIONS
                  and not any(t in STOPWORDS or t in GENERIC for t in terms[st])]
    wanted = sorted({t for st in candidates for t in terms[st]})
    df = {t: d for t, d, _ in store.term_doc_frequencies(wanted)}
    out = set()
    for st in candidates:
        used = max((df.get(t, 0) for t in terms[st]), default=0)
        if used and (counts[st] / asked) / (used / n_docs) >= SUBJECT_LIFT:
            out.add(st)
    return frozenset(out) or None


def timeline_in(store, topic: Topic, items: list[QAItem]) -> Timeline:
    """`build_timeline` of `items`, its new wording kept to their subject in `store`."""
    return build_timeline(topic, items, subject=timeline_subject(store, items))
