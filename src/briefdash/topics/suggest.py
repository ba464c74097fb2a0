"""“Did you mean …?”: the store's own words closest to a search word it does not know.

A misspelt name (“Khashogi”, “Grinner”) finds nothing; the nearest words of the store's
vocabulary that begin with the same letter, by edit similarity and then by how many statements
hold them, are offered instead. Words the store knows well are left as typed.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable

from rapidfuzz import fuzz, process

# a word holding this many statements is known: it is not corrected
KNOWN_DOCS = 3
# the least edit similarity (0–100) for a correction
MIN_SIMILARITY = 80.0

VocabularyNear = Callable[[str], list[tuple[str, int]]]


def correct_word(word: str, vocabulary_near: VocabularyNear) -> str | None:
    """The store's word closest to `word` (same first letter), or None when `word` is known,
    too short, or nothing is close enough."""
    low = word.casefold()
    if len(low) < 4 or not low.isalpha() or not low.isascii():
        return None
    near = vocabulary_near(low[0])
    docs = dict(near)
    if docs.get(low, 0) >= KNOWN_DOCS:
        return None
    known = {w: n for w, n in docs.items() if n >= 1 and w != low and abs(len(w) - len(low)) <= 3}
    if not known:
        return None
    best = process.extract(low, list(known), scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY,
                           limit=8)
    if not best:
        return None
    # similarity first; among near-equals (within 3 points) the word more statements hold
    top = best[0][1]
    pick = max((b for b in best if b[1] >= top - 3), key=lambda b: (math.log1p(known[b[0]]), b[1]))
    if known[pick[0]] <= docs.get(low, 0):
        return None
    return pick[0]


def did_you_mean(query: str, vocabulary_near: VocabularyNear) -> str | None:
    """`query` with each unknown word replaced by its closest known word, or None when no
    word was corrected."""
    changed = False

    def fix(m: re.Match) -> str:
        nonlocal changed
        better = correct_word(m.group(0), vocabulary_near)
        if better is None:
            return m.group(0)
        changed = True
        return better.capitalize() if m.group(0)[:1].isupper() else better

    out = re.sub(r"\w+", fix, query)
    return out if changed else None
