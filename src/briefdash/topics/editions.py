"""The two editions of one press conference (Chinese and English), statement by statement.

A ministry that publishes a conference in two languages (the China MFA: Chinese first, then a
shorter English edition) gives two briefings of one ministry on one day. Their statements follow
the same order, and the English edition leaves some exchanges out. Each statement is linked to
its counterpart by a monotonic alignment (a small dynamic programme over the two sequences) that
scores a pair by what both sides name: Latin words and numbers the Chinese text carries as they
are, and names and key words through a table of pairs (`name_pairs`, the spokespersons' table),
each weighted by how rare it is in that conference; plus how near the two are in relative order.

`link_editions` runs after every ingest or fetch (before grouping): speakers and ministries get
their canonical names, and every conference holding a new statement is aligned again.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..lazy_regex import lazy_compile
from ..models import QAItem
from ..transcripts.spokespersons import Identities
from . import marks
from .name_pairs import NAME_PAIRS

CJK = lazy_compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b", re.I)
ALIGNED_KINDS = ("qa", "statement")  # procedural lines and reports are left out
STATE_MARK = "editions_mark"  # the highest item number whose conference was aligned
STATE_NAMES = "editions_names"  # which spokespersons table gave the stored names
STATE_SETTLED = "editions_settled"  # the statements' mark (`marks`) when all names were canonical


def is_chinese(text: str) -> bool:
    """Mostly Chinese characters (a Latin name or two inside Chinese text does not count)."""
    cjk = len(CJK.findall(text))
    return cjk > 0 and cjk * 3 >= len(LATIN_LETTER.findall(text))


def _text(it: QAItem) -> str:
    """What a statement says, with who asked (an outlet is named in both editions)."""
    return f"{it.asker or ''}\n{it.question}\n{it.answer}"


def _literal_head(expression: str) -> str:
    """The plain letters an English expression always starts with ("viet ?nam" → "viet")."""
    head = ""
    for ch in expression:
        if ch in "\\.?*+[](){}|^$":
            if ch in "?*{" and head:
                head = head[:-1]
            break
        head += ch
    return head


def _numbers(text: str) -> set[str]:
    out = set()
    for m in NUMBER.finditer(text):
        digits = m.group().replace(",", "")
        out.add(digits.lstrip("0") or "0")
    return out


@dataclass
class Anchors:
    """What a statement names that its other edition names too: anchor ids per language."""

    pairs: list[tuple[str, str]] = field(default_factory=list)  # extra (native, Latin) names

    @cached_property
    def _patterns(self) -> list[tuple[str, list[str], list[tuple[str, re.Pattern[str]]]]]:
        """Per pair: its anchor id, the Chinese words (literal), and each English alternative
        as (a literal it starts with, its expression): a substring test skips most expressions."""
        table = list(NAME_PAIRS) + [(re.escape(zh), re.escape(en.lower()))
                                    for zh, en in self.pairs if CJK.search(zh)]
        out = []
        for k, (zh, en) in enumerate(table):
            words = [w.replace("\\", "") for w in zh.split("|")]
            alts = [(_literal_head(a), re.compile(r"(?<![a-z])(?:" + a + ")")) for a in en.split("|")]
            out.append((f"p{k}", words, alts))
        return out

    def _named_zh(self, text: str) -> set[str]:
        return {a for a, words, _ in self._patterns if any(w in text for w in words)}

    def _named_en(self, low: str) -> set[str]:
        return {a for a, _, alts in self._patterns
                if any(head in low and rx.search(low) for head, rx in alts)}

    def of_chinese(self, text: str) -> set[str]:
        out = self._named_zh(text)
        out |= {f"n{n}" for n in _numbers(text)}
        out |= {f"w{w.lower()}" for w in LATIN_WORD.findall(text) if len(w) > 1}
        return out

    def of_english(self, text: str) -> set[str]:
        out = self._named_en(text.lower())
        dated = MONTH_DAY.sub(lambda m: f"{MONTHS.index(m.group(1).lower()) + 1} {m.group(2)}", text)
        out |= {f"n{n}" for n in _numbers(dated)}
        out |= {f"w{w.lower()}" for w in LATIN_WORD.findall(text) if len(w) > 1}
        return out


@dataclass
class AlignParams:
    """The alignment's weights (measured on the 2018–2019 MFA editions: benchmarks/eval_editions.py)."""

    order_weight: float = 0.1  # how much being at the same relative place counts
    kind_penalty: float = 0.3  # an opening statement against a question, or the reverse
    threshold: float = 0.15  # a pair scoring below this is never linked (unless a gap's)
    max_gap: int = 2  # equal runs of unlinked statements up to this long are linked in order


def _weighted_sets(zh: list[set[str]], en: list[set[str]]) -> list[dict[str, float]]:
    """Each anchor both editions carry somewhere, weighted by its rarity in the conference
    (an English word the Chinese edition never shows cannot tell anything)."""
    shared = set().union(*zh) & set().union(*en)
    df: Counter[str] = Counter()
    for s in (*zh, *en):
        df.update(s & shared)
    n = len(zh) + len(en)
    return [{a: math.log(1 + n / df[a]) for a in s & shared} for s in (*zh, *en)]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    shared = sum(min(a[k], b[k]) ** 2 for k in a.keys() & b.keys())
    return shared / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def pair_scores(zh_items: list[QAItem], en_items: list[QAItem], anchors: Anchors,
                params: AlignParams | None = None) -> list[list[float]]:
    """score[i][j]: how likely Chinese statement i and English statement j are one exchange."""
    params = params or AlignParams()
    zs = [anchors.of_chinese(_text(it)) for it in zh_items]
    es = [anchors.of_english(_text(it)) for it in en_items]
    weighted = _weighted_sets(zs, es)
    wz, we = weighted[:len(zs)], weighted[len(zs):]
    m, n = len(zh_items), len(en_items)
    out = []
    for i in range(m):
        row = []
        for j in range(n):
            place = abs((i + 0.5) / m - (j + 0.5) / n)
            s = _cosine(wz[i], we[j]) + params.order_weight * (1 - 4 * place)
            if (zh_items[i].kind == "statement") != (en_items[j].kind == "statement"):
                s -= params.kind_penalty
            row.append(s)
        out.append(row)
    return out


def align(zh_items: list[QAItem], en_items: list[QAItem], anchors: Anchors,
          params: AlignParams | None = None) -> list[tuple[int, int, float]]:
    """The best monotonic one-to-one links (i, j, score) between the two sequences: the pairs
    that maximise the summed score above the threshold, in order on both sides."""
    params = params or AlignParams()
    m, n = len(zh_items), len(en_items)
    if not m or not n:
        return []
    score = pair_scores(zh_items, en_items, anchors, params)
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    move = [[0] * (n + 1) for _ in range(m + 1)]  # 0: skip Chinese, 1: skip English, 2: link
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            gain = score[i - 1][j - 1] - params.threshold
            options = [(best[i - 1][j], 0), (best[i][j - 1], 1)]
            if gain > 0:
                options.append((best[i - 1][j - 1] + gain, 2))
            best[i][j], move[i][j] = max(options)
    links = []
    i, j = m, n
    while i > 0 and j > 0:
        step = move[i][j]
        if step == 2:
            links.append((i - 1, j - 1, score[i - 1][j - 1]))
            i, j = i - 1, j - 1
        elif step == 0:
            i -= 1
        else:
            j -= 1
    return _fill_gaps(links[::-1], zh_items, en_items, score, params)


def _fill_gaps(links: list[tuple[int, int, float]], zh_items: list[QAItem], en_items: list[QAItem],
               score: list[list[float]], params: AlignParams) -> list[tuple[int, int, float]]:
    """Between two links (or a link and an end), as many unlinked statements on each side, at
    most `params.max_gap`: linked pairwise when their kinds agree. A short follow-up ("Did they
    discuss it?") names nothing, but its place between two sure links tells where it belongs."""
    bounds = [(-1, -1), *[(i, j) for i, j, _ in links], (len(zh_items), len(en_items))]
    out = list(links)
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        gap = i1 - i0 - 1
        if gap < 1 or gap != j1 - j0 - 1 or gap > params.max_gap:
            continue
        if (i0, j0) == (-1, -1) and (i1, j1) == bounds[-1]:
            continue  # nothing linked at all: no place to start from
        pairs = [(i0 + k, j0 + k) for k in range(1, gap + 1)]
        if all((zh_items[i].kind == "statement") == (en_items[j].kind == "statement") for i, j in pairs):
            out += [(i, j, score[i][j]) for i, j in pairs]
    return sorted(out)


def editions_of(items: list[QAItem]) -> tuple[list[QAItem], list[QAItem]] | None:
    """One conference's items (one ministry, one day) as its Chinese and English editions (the
    largest briefing of each language), or None when both are not there."""
    by_entry: dict[str, list[QAItem]] = {}
    for it in items:
        if it.kind in ALIGNED_KINDS:
            by_entry.setdefault(it.entry_key, []).append(it)
    if len(by_entry) < 2:  # one briefing that day (the usual case): nothing to pair
        return None
    zh: list[list[QAItem]] = []
    en: list[list[QAItem]] = []
    for group in by_entry.values():
        sample = " ".join(_text(it)[:400] for it in group[:8])  # the language, from a sample
        (zh if is_chinese(sample) else en).append(group)
    if not zh or not en:
        return None
    return max(zh, key=len), max(en, key=len)


def canonical_names(store, identities: Identities, since: int = 0, *, settled: bool = False) -> int:
    """Give every speaker and ministry stored (of the items numbered above `since`) its
    canonical name; returns the items changed. With `settled` (every item up to `since` has its
    canonical name by these tables already) only the items above `since` are rewritten: the same
    result, without reading every item of the store."""
    changed = 0
    for column, canon in _canons(identities):
        mapping = {}
        for name in store.distinct_names(column, since):
            new = canon(name)
            if new and new != name:
                mapping[name] = new
        if mapping:
            changed += (store.rename_names_since(column, mapping, since) if settled
                        else store.rename_names(column, mapping))
    return changed


def _canons(identities: Identities):
    return (("ministry", identities.ministry), ("speaker", identities.person))


def _names_settled(store, identities: Identities, mark: int, now: list) -> bool:
    """True when every item up to `mark` has its canonical name by `identities`: the last run
    made them so with the same tables, renaming twice changes nothing, no migration ran since
    and items were only added since (`marks`)."""
    try:
        saved = json.loads(store.get_state(STATE_SETTLED) or "null")
    except ValueError:
        return False
    return (isinstance(saved, dict) and saved.get("identities") == identities.signature()
            and saved.get("schema") == store.schema_version and identities.settled()
            and isinstance(saved.get("items"), list) and saved["items"][1:2] == [mark]
            and marks.items_only_added(store, saved["items"], now))


def link_editions(store, spokespersons: Mapping[str, str] | None = None, *,
                  everything: bool = False, params: AlignParams | None = None) -> int:
    """Canonical names, then the counterparts of every conference holding a statement stored
    since the last run (all of them with `everything`); returns the links stored."""
    identities = Identities(dict(spokespersons or {}))
    anchors = Anchors(identities.pairs())
    mark = 0 if everything else int(store.get_state(STATE_MARK) or 0)
    table = json.dumps(sorted(identities.pairs()), ensure_ascii=False)
    table_key = hashlib.sha1(table.encode()).hexdigest()
    total = 0
    with store.transaction():
        # names of the new items only, unless the table changed (a spokesperson added in config)
        same_table = store.get_state(STATE_NAMES) == table_key
        now = marks.items_mark(store)  # renaming leaves it as it is
        settled = same_table and not everything and _names_settled(store, identities, mark, now)
        canonical_names(store, identities, mark if same_table else 0, settled=settled)
        store.set_state(STATE_NAMES, table_key)
        if everything:
            store.clear_edition_links()
        for ministry, day in store.conferences_since(mark):
            items = store.conference_items(ministry, day)
            pair = editions_of(items)
            links = []
            if pair is not None:
                zh, en = pair
                links = [(zh[i].id, en[j].id, round(s, 4)) for i, j, s in align(zh, en, anchors, params)]
            store.replace_edition_links([it.id for it in items], links)
            total += len(links)
        store.set_state(STATE_MARK, str(store.max_item_number()))
        _note_settled(store, identities, now, checked=settled or not same_table or everything)
    return total


def _note_settled(store, identities: Identities, now: list, *, checked: bool) -> None:
    """Note the items' mark `now` when every item has its canonical name: `checked` when this run
    made sure of it (all names read, or only new ones after a settled run), else every name is
    read to see (once after an upgrade, or after an entry was replaced)."""
    canonical = identities.settled() and (checked or all(
        not (new := canon(name)) or new == name
        for column, canon in _canons(identities) for name in store.distinct_names(column)))
    store.set_state(STATE_SETTLED, json.dumps({
        "identities": identities.signature(), "schema": store.schema_version,
        "items": now}, ensure_ascii=False) if canonical else "null")


def link_all(store, spokespersons: Mapping[str, str] | None = None,
             params: AlignParams | None = None) -> int:
    """Every conference aligned again (a regroup, a changed spokespersons table)."""
    return link_editions(store, spokespersons, everything=True, params=params)


def counterpart_map(store, items: Iterable[QAItem]) -> dict[str, QAItem]:
    """Item id → its counterpart in the other edition, for the items that have one."""
    return store.counterparts([it.id for it in items])
