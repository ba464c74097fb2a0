"""Chinese (and Japanese) text for the full-text index: search inside words.

FTS5's unicode61 tokenizer keeps a run of Han characters as one token ("涉港国安立法"), so a
query for a word inside it ("国安立法") finds nothing. Statements holding CJK characters are
therefore indexed a second time with every CJK run written as its overlapping character bigrams
followed by its last character alone ("国安立法" → "国安 安立 立法 法"); Latin words stay as they
are. A query run of two or more characters becomes the phrase of its bigrams, which matches
exactly where the run occurs as a substring: the lone last character closing every run keeps a
phrase from spanning two runs (query ABCD never matches "AB…", "CD" apart). One character is a
prefix term (bigrams starting with it, or a run's last character).

Plain Python, no SQL: the store registers `index_text` as an SQL function and builds queries
with `match_query`; `snippet` marks the hits in a statement as FTS5's snippet() does.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .lazy_regex import lazy_compile

# Han (with 々 and 〇), hiragana and katakana letters: the scripts written without spaces.
CJK_RANGES = ("\u3005\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
           "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f")
CJK_RUN = re.compile(f"[{CJK_RANGES}]+")
_WORD = re.compile(r"\w+")
# a Latin (non-CJK) token as unicode61 sees it: letters and digits, not "_"
_TOKEN = lazy_compile(f"(?:(?![{CJK_RANGES}])[^\\W_])+")
SNIPPET_CELLS = 150  # about what FTS5's 24-token snippet of English prose spans


def has_cjk(text: str | None) -> bool:
    return bool(text) and CJK_RUN.search(text or "") is not None


def run_grams(run: str) -> list[str]:
    """A CJK run as index tokens: its overlapping bigrams, then its last character alone."""
    return [run[k:k + 2] for k in range(len(run) - 1)] + [run[-1]]


def index_text(text: str | None) -> str:
    """`text` as the second index reads it: each CJK run replaced by its bigram tokens."""
    if not text:
        return ""
    return CJK_RUN.sub(lambda m: " " + " ".join(run_grams(m.group(0))) + " ", text)


def query_parts(text: str) -> list[tuple[str, bool]]:
    """What a user typed as (piece, is_cjk): CJK runs and the Latin pieces between them."""
    parts: list[tuple[str, bool]] = []
    for word in _WORD.findall(text):
        pos = 0
        for m in CJK_RUN.finditer(word):
            if m.start() > pos:
                parts.append((word[pos:m.start()], False))
            parts.append((m.group(0), True))
            pos = m.end()
        if pos < len(word):
            parts.append((word[pos:], False))
    return parts


def match_query(text: str) -> str | None:
    """The FTS5 query for the second index, or None when `text` has no CJK character (then the
    first index answers, exactly as before). Latin pieces are quoted prefix terms as there."""
    parts = query_parts(text)
    if not any(cjk for _, cjk in parts):
        return None
    terms = []
    for piece, cjk in parts:
        if cjk and len(piece) > 1:
            terms.append('"' + " ".join(run_grams(piece)[:-1]) + '"')
        else:  # one CJK character, or a Latin piece: a prefix term
            terms.append(f'"{piece}"*')
    return " ".join(terms)


def _fold(text: str) -> str:
    """Case and diacritics folded, roughly as unicode61 remove_diacritics 2 compares tokens."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def hits(text: str, parts: Sequence[tuple[str, bool]]) -> list[tuple[int, int, int]]:
    """Where the query's pieces occur in `text`: (start, end, piece number), in order. A CJK
    piece is found as a substring; a Latin piece as the prefix of a whole token."""
    found: list[tuple[int, int, int]] = []
    latin = [(k, _fold(p)) for k, (p, cjk) in enumerate(parts) if not cjk]
    for k, (piece, cjk) in enumerate(parts):
        if not cjk:
            continue
        at = text.find(piece)
        while at >= 0:
            found.append((at, at + len(piece), k))
            at = text.find(piece, at + len(piece))
    if latin:
        for m in _TOKEN.finditer(text):
            token = m.group(0)
            token = token.lower() if token.isascii() else _fold(token)
            for k, p in latin:
                if token.startswith(p):
                    found.append((m.start(), m.end(), k))
                    break
    found.sort()
    out: list[tuple[int, int, int]] = []
    for h in found:  # overlapping hits (a CJK piece inside another's match): keep the first
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


# wide characters (two terminal cells): CJK, Hangul, fullwidth forms and punctuation
_WIDE = lazy_compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                   "\uffe0-\uffe6\U00020000-\U0003fffd]")


def _chars_for(text: str, width: int) -> int:
    """About how many characters of `text` fill `width` terminal cells."""
    wide = len(_WIDE.findall(text))
    return max(1, round(width * len(text) / (len(text) + wide))) if text else width


def snippet(columns: Sequence[str | None], query: str, width: int = SNIPPET_CELLS) -> str:
    """The best column's excerpt around the query's hits, hits wrapped in \\x01…\\x02 and cuts
    marked '…' (what FTS5's snippet() gives for the first index). The best column holds the
    most distinct pieces, then the most hits; the excerpt the most hits within `width` cells."""
    parts = query_parts(query)
    best: tuple[int, int, int] | None = None
    best_hits: list[tuple[int, int, int]] = []
    for c, text in enumerate(columns):
        found = hits(text or "", parts)
        if not found:
            continue
        score = (len({k for *_, k in found}), len(found), -c)
        if best is None or score > best:
            best, best_hits = score, found
    if best is None:
        return ""
    text = columns[-best[2]] or ""
    start, end = _window(text, best_hits, width)
    out = ["…" if start > 0 else ""]
    pos = start
    for a, b, _ in best_hits:
        if a < start or b > end:
            continue
        out += [text[pos:a], "\x01", text[a:b], "\x02"]
        pos = b
    out += [text[pos:end], "…" if end < len(text) else ""]
    return "".join(out)


def _latin(ch: str) -> bool:
    return ch.isalnum() and CJK_RUN.match(ch) is None


def _window(text: str, found: list[tuple[int, int, int]], width: int) -> tuple[int, int]:
    """The span of `text` (about `width` cells) that holds the most hits, starting a little
    before its first one and never inside a Latin word."""
    span = _chars_for(text, width)
    best: tuple[tuple[int, int], int, int, int] = ((-1, 0), 0, len(text), 0)
    for a, _, _ in found[:50]:
        start = max(0, a - span // 5)  # some context before the hit
        end = min(len(text), start + span)
        inside = [k for x, y, k in found if x >= start and y <= end]
        count = (len(set(inside)), len(inside))
        if count > best[0]:
            best = (count, start, end, a)
    _, start, end, anchor = best
    while 0 < start < anchor and _latin(text[start - 1]):  # begin at a word's start
        start += 1
    while start < end < len(text) and _latin(text[end]) and _latin(text[end - 1]):
        end -= 1  # and end at a word's end
    return start, end
