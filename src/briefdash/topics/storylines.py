"""Storylines: every statement that names a storyline (a name or one of its aliases), plus the
follow-ups in the same briefing that continue it without naming it.

A storyline never changes topics or issues; a statement may be in several. The analyst's
storylines live in config.toml `[storylines]` (declared issues, `[issues]`, are storylines too);
the store keeps who is in each (`Store.storyline_*`), updated briefing by briefing at ingest.

Naming: word-bounded, case-insensitive (acronyms such as "US" case-sensitive), plural and
possessive forms included ("Kyiv", "Kyiv's"); a Chinese alias matches anywhere (no spaces).
Continuing: the next statement (up to three in a row) of the same briefing whose question
opens as a follow-up ("And…", "Follow-up:", "On that…", "追问"), unless it announces another
subject; the transcript's own follow-up marks and pronoun openings are optional rules.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .terms import GENERIC, STOPWORDS, strip_courtesies

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_EDGE = r"A-Za-z0-9\u00c0-\u024f"  # letters a Latin name may not touch on either side

# a question that opens as a continuation of the one before it: follow-up words…
_CONTINUES = re.compile(
    r"^[\s\"“'‘(—–-]*(?:and|also|but|so|then|just (?:to )?follow|(?:a |one |quick |just a )?"
    r"follow[- ]?up|following up|to follow|on (?:that|this|the same|those|these)\b|"
    r"(?:on |about )?the same (?:topic|subject|thing|issue)|same (?:topic|subject|issue)|"
    r"追问|另外|还有|那么)\b",
    re.I)
# …or a pronoun standing for what the last question named
_PRONOUN_START = re.compile(
    r"^[\s\"“'‘(—–-]*(?:he|she|it|they|that|this|those|these|his|her|its|their|them|him)\b", re.I)
# a question that announces a change of subject never continues anything
_SWITCH = re.compile(r"\b(?:(?:different|another|separate|unrelated|new|other) (?:topic|subject|"
                     r"issue|matter|question)|switch(?:ing)? (?:gears|topics)|change (?:of )?"
                     r"(?:subject|topics|gears))", re.I)

ACCEPTED, SUGGESTED = "accepted", "suggested"


@dataclass
class Storyline:
    """A storyline: its name, its aliases, and (once matched) the statements it holds."""

    name: str
    aliases: list[str] = field(default_factory=list)
    status: str = ACCEPTED
    items: list[str] = field(default_factory=list)  # statement ids, in briefing order

    @property
    def names(self) -> list[str]:
        """The name and its aliases, each once (case-insensitively), the name first."""
        seen: set[str] = set()
        out = []
        for t in (self.name, *self.aliases):
            t = " ".join(t.split())
            if t and t.lower() not in seen:
                seen.add(t.lower())
                out.append(t)
        return out

    @property
    def signature(self) -> str:
        """What decides its members: a change here means matching the store again."""
        return json.dumps(sorted(n.lower() for n in self.names) + [RULES_VERSION],
                          ensure_ascii=False)

    def as_json(self) -> dict:
        return {"name": self.name, "aliases": list(self.aliases), "status": self.status,
                "count": len(self.items), "items": list(self.items)}


RULES_VERSION = "naming+follow-up words v2"


# ---- naming ----------------------------------------------------------------------------------
def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 5 and word.isupper() and word.isalpha()


def alias_pattern(alias: str) -> str:
    """A regular expression for one alias: word-bounded and plural-aware for Latin script,
    a plain substring for Chinese."""
    alias = " ".join(alias.split())
    if _CJK.search(alias):
        return re.escape(alias)
    words = re.split(r"[\s\-‐]+", alias)
    body = r"[\s\-‐]+".join(re.escape(w).replace("'", "['’]") for w in words)
    if _is_acronym(alias):  # "US" must not match "us"
        return rf"(?<![{_EDGE}])(?-i:{body})s?(?![{_EDGE}])"
    plural = "(?:es|s)?" if not alias.lower().endswith("s") else ""
    return rf"(?<![{_EDGE}]){body}{plural}(?:['’]s?)?(?![{_EDGE}])"


def compile_names(names: Iterable[str]) -> re.Pattern[str] | None:
    """One compiled regular expression matching any of `names` (None when there are none)."""
    parts = [alias_pattern(n) for n in sorted({" ".join(n.split()) for n in names if n.strip()},
                                              key=lambda n: (-len(n), n))]
    return re.compile("|".join(parts), re.I) if parts else None


def fts_words(names: Iterable[str]) -> list[list[str]]:
    """The Latin names as word lists (for a full-text prefilter); Chinese names are left out."""
    return [re.findall(r"\w+", n.lower()) for n in names if n.strip() and not _CJK.search(n)]


def cjk_names(names: Iterable[str]) -> list[str]:
    return [n.strip() for n in names if _CJK.search(n)]


# ---- continuing -------------------------------------------------------------------------------
@dataclass
class Row:
    """What matching reads of one statement."""

    n: int  # the store's item number
    uid: str
    entry: int | str  # its briefing
    index: int
    kind: str
    question: str
    answer: str = ""
    follows: int | None = None


@dataclass
class FollowRules:
    """When an unnamed statement continues the storyline of the statement before it."""

    # measured on the labelled WH 2022 and MFA 2026 sets (benchmarks/eval_storylines.py):
    # follow-up words alone lift WH recall (Russia–Ukraine 0.85 → 0.87) for the least
    # precision; the segmenter's same-asker marks and pronoun openings cost MFA precision
    marker: bool = False  # the transcript marks it as a follow-up of that statement
    opener: bool = True  # its question opens as a continuation ("And…", "Follow-up:")
    pronoun: bool = False  # or with a pronoun ("Does he…", "Is that…")
    max_chain: int = 3  # unnamed statements in a row that may continue one named statement


def continues(row: Row, rules: FollowRules) -> bool:
    """Whether `row` (the next statement of a briefing) continues the statement before it."""
    if not (rules.marker or rules.opener or rules.pronoun):
        return False
    q = strip_courtesies(" ".join(row.question.split()))
    if not q or _SWITCH.search(q[:200]):
        return False
    if rules.marker and row.follows is not None:
        return True
    return (rules.opener and bool(_CONTINUES.match(q))) or \
        (rules.pronoun and bool(_PRONOUN_START.match(q)))


def members(rows: Sequence[Row], named: Iterable[int],
            rules: FollowRules | None = None) -> dict[int, bool]:
    """Item number → whether it names the storyline, for the named rows (numbers in `named`)
    and the unnamed follow-ups after them. `rows` are whole briefings in briefing order."""
    rules = rules or FollowRules()
    named = set(named)
    out: dict[int, bool] = {}
    prev_entry: int | str | None = None
    prev_index = -2
    chain = -1  # unnamed statements since the last member (-1: the last one was no member)
    for row in rows:
        if row.entry != prev_entry or row.index != prev_index + 1:
            chain = -1  # another briefing, or statements between that were not read
        prev_entry, prev_index = row.entry, row.index
        if row.kind == "procedural":
            # runs the room: neither a member nor a break
            continue
        if row.n in named:
            out[row.n] = True
            chain = 0
        elif 0 <= chain < rules.max_chain and continues(row, rules):
            out[row.n] = False
            chain += 1
        else:
            chain = -1
    return out


def named_rows(rows: Iterable[Row], pattern: re.Pattern[str] | None) -> set[int]:
    """Numbers of the substantive rows whose question or answer names the pattern."""
    if pattern is None:
        return set()
    return {r.n for r in rows if r.kind != "procedural" and
            (pattern.search(r.question) or pattern.search(r.answer))}


def match_rows(rows: Sequence[Row], storylines: Sequence[Storyline],
               rules: FollowRules | None = None) -> dict[str, dict[int, bool]]:
    """For each storyline: item number → named? over `rows` (whole briefings, in order)."""
    out = {}
    for s in storylines:
        out[s.name] = members(rows, named_rows(rows, compile_names(s.names)), rules)
    return out


# ---- keeping the store in step ----------------------------------------------------------------
def accepted(config, store=None) -> list[Storyline]:
    """The analyst's storylines: `[storylines]`, and the issues declared under `[issues]`. On a
    desk's shared store, also those the other analysts declared (the store keeps them)."""
    table: dict[str, list[str]] = {}
    shared = store.shared_storylines() if store is not None and store.pushes_changes else {}
    for source in (shared, getattr(config, "issues", None) or {},
                   getattr(config, "storylines", None) or {}):
        for name, aliases in source.items():
            table[name] = list(aliases)
    removed = store.removed_storylines() if store is not None and store.pushes_changes else set()
    return [Storyline(name, [a for a in aliases if a.strip().lower() != name.lower()])
            for name, aliases in table.items() if name not in removed]


def forget(store, name: str) -> bool:
    """A storyline removed from the store (on a desk's shared store, for everyone); True when
    the store held it."""
    held = name in store.storyline_signatures() or name in store.shared_storylines()
    with store.transaction():
        store.unshare_storyline(name)
        store.delete_storyline(name)
    return held


def update_cues(store) -> None:
    """Note, for the statements stored since the last time, which continue the statement
    before them in their briefing (by the default rules): suggestions read only these marks."""
    rules = FollowRules()
    made_by = f"{RULES_VERSION} {rules}"
    if store.get_state("storyline_cues_rules") != made_by:  # other rules: mark everything again
        with store.transaction():
            store.clear_continuing()
            store.set_state("storyline_cues_upto", "0")
            store.set_state("storyline_cues_rules", made_by)
    upto = int(store.get_state("storyline_cues_upto") or 0)
    if store.max_item_number() <= upto:
        return
    rows = [Row(**r) for r in store.questions_after(upto)]
    with store.transaction():
        store.add_continuing(r.n for r in rows if r.index > 0 and continues(r, rules))
        store.set_state("storyline_cues_upto", str(max(r.n for r in rows)))


def sync(store, config, rules: FollowRules | None = None) -> list[str]:
    """Make the store's storylines those of `config`: new or edited ones are matched against
    the whole store, removed ones forgotten; returns the names matched again."""
    update_cues(store)
    wanted = {s.name: s for s in accepted(config, store)}
    have = store.storyline_signatures()
    redo = [s for name, s in wanted.items() if have.get(name) != s.signature]
    gone = [name for name in have if name not in wanted]
    if not redo and not gone:
        return []
    with store.transaction():
        if store.pushes_changes:  # the desk's: what this config declares, for everyone
            for st in accepted(config):
                if st.name in wanted:  # (not one another analyst removed)
                    store.share_storyline(st.name, st.aliases)
        for name in gone:
            store.delete_storyline(name)
        for s in redo:
            store.replace_storyline(s.name, s.signature, _match_store(store, s, rules))
        store.set_state("storylines_upto", str(store.max_item_number()))
    return [s.name for s in redo]


def _candidate_rows(store, names: list[str], after: int = 0) -> list[Row]:
    """Whole briefings holding a statement the full-text index finds for `names`."""
    entries = store.entries_naming(fts_words(names), cjk_names(names), after)
    return [Row(**r) for r in store.storyline_rows(entries)] if entries else []


def _match_store(store, s: Storyline, rules: FollowRules | None) -> dict[int, bool]:
    rows = _candidate_rows(store, s.names)
    return members(rows, named_rows(rows, compile_names(s.names)), rules)


def update_new(store, config, rules: FollowRules | None = None) -> int:
    """The statements stored since the last update join their storylines (whole new
    briefings, one pass each); returns how many memberships were added."""
    sync(store, config, rules)
    upto = int(store.get_state("storylines_upto") or 0)
    top = store.max_item_number()
    if top <= upto:
        return 0
    stories = accepted(config, store)
    added = 0
    with store.transaction():
        if stories:
            rows = [Row(**r) for r in store.storyline_rows(store.entries_with_items_after(upto))]
            for name, found in match_rows(rows, stories, rules).items():
                store.add_storyline_members(name, found.items())
                added += len(found)
        store.set_state("storylines_upto", str(top))
    return added


# ---- suggesting ------------------------------------------------------------------------------
@dataclass
class SuggestParams:
    candidates: int = 250  # names considered, by how many statements name them
    pool: int = 1500  # terms read to find them (most are common words, dropped by name_share)
    name_share: float = 0.5  # a term is a name when written as one in this share of its uses
    pair_share: float = 0.5  # two names that share this much of each other's statements are
    # one storyline ("Russia" and "Ukraine"); one-sided co-occurrence ("NATO") is not
    pair_min: int = 20  # …and each name this many (a few statements pair by chance)
    issue_cover: float = 0.5  # an issue's subject term is named by this share of the issue
    issue_focus: float = 0.15  # a lower-case subject word has this share of its uses in the issue
    min_df: int = 3  # a name fewer statements use is no storyline
    max_share: float = 0.25  # a name in more of a source's statements is that venue's own
    alias_share: float = 0.7  # a rarer name is an alias when this share of its statements
    alias_lift: float = 3.0  # name the storyline, this many times more often than all do
    alias_like: float = 90.0  # or when its spelling is this alike (rapidfuzz ratio)
    alias_size: float = 0.35  # a co-occurring name this big (share of the storyline's own
    # statements) is a storyline of its own, never an alias: "Taiwan" is not "Japan", "Kyiv" is
    # "Ukraine"
    part_share: float = 0.5  # a word mostly said inside longer names is no name of its own
    lower_share: float = 0.2  # a word written in lower case this often is a common word
    sample: int = 12  # statements read to see how a word is written
    from_issues: int = 40  # the largest issues' strongest rare terms suggested too
    issue_terms: int = 1  # terms taken from each issue's profile
    issue_max_share: float = 0.03  # a term in more of the store's statements is too general
    limit: int = 25  # suggestions made


def _display(term: str, kind: int) -> str:
    if kind == 2:
        return term.upper()
    return " ".join(w if w in ("of", "and", "the", "for", "on", "de") else
                    w[:1].upper() + w[1:] for w in term.split())


# a speaker's or asker's name with one of these words is an outlet, not a person: its place
# words ("Islamic Republic of Iran Broadcasting", "China Daily", "TV Tokyo") stay names
_OUTLET = re.compile(r"\b(?:news|agency|daily|times|tv|broadcasting|press|media|service|company|"
                     r"review|shimbun|group|post|journal|radio|network|channel|paper|of)\b", re.I)


def _person_words(store) -> set[str]:
    words: set[str] = set()
    for name in store.person_names():
        for part in re.split(r"[;,]", name):
            if not _OUTLET.search(part):
                words |= {w.lower() for w in re.findall(r"[\w'’-]+", part)}
    return words


def _surfaces(term: str, aliases: dict[str, str]) -> list[str]:
    """The words that fold into `term` in the term extractor's alias table ("ukraine" ←
    "kyiv", "ukrainian"), the term itself first; short acronyms ("us") left out."""
    return [term] + sorted(k for k, v in aliases.items() if v == term and k != term
                           and "." not in k and len(k) > 3 and k not in STOPWORDS)


# words that head a name without being one ("Vice President", "Prime Minister", "Title 42")
_NOT_NAMES = frozenset("""mr ms mrs dr prime deputy vice chief general senator governor ambassador
spokesperson spokeswoman spokesman secretary minister president king queen prince princess speaker
chairman chairwoman director envoy representative leader premier chancellor advisor adviser justice
title council committee act bill south north east west new hey okay yes thank""".split())

# a name ending in one of these is somebody's office ("National Security Advisor")
_TITLES = frozenset("""advisor adviser secretary minister spokesperson spokeswoman spokesman director
envoy ambassador chairman chairwoman premier chancellor president senator governor""".split())

_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(—–]\s*|\n)$")


_NAME_WORD = re.compile(r"[A-Z][\w'’-]*")
# a term led by a possessive ("China's Taiwan", "What's China") is a name said of another
_POSSESSIVE = re.compile(r"^\S+['’]s ")


def word_usage(word: str, texts: Iterable[str], acronym: bool = False) -> tuple[float, float]:
    """How `word` (or its plural) is written: the share of its uses in lower case where a
    capital would not be the sentence's (for an acronym: not all in capitals), and the share of
    its capitalised uses inside one same longer name ("Federal Reserve", "Jake Sullivan"; a
    name said in many longer ones, "Taiwan Strait", "China's Taiwan", is a name of its own)."""
    plural = "" if acronym or word.endswith("s") else "(?:e?s)?"
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}{plural}(?![\w-])", re.I)
    lower = upper = 0
    beside: dict[str, int] = {}  # the name word next to it → capitalised uses beside it
    for text in texts:
        for m in pattern.finditer(text):
            start = not acronym and _SENTENCE_START.search(text[max(0, m.start() - 3):m.start()])
            if (not m.group().isupper()) if acronym else m.group()[0].islower():
                lower += 0 if start else 1
                continue
            upper += 1
            before = text[max(0, m.start() - 30):m.start()].split()
            after = text[m.end():m.end() + 30].split()
            joined = after[1:2] if after[:1] in (["of"], ["de"]) else after[:1]  # "Kingdom of X"
            near = set()
            if before and not start and _NAME_WORD.fullmatch(before[-1].strip(",.;:")) and \
                    before[-1].strip(",.;:").lower() not in _NOT_NAMES:  # "President X": a title
                near.add("<" + before[-1].strip(",.;:").lower())
            if joined and _NAME_WORD.fullmatch(joined[0].strip(",.;:?!")):
                near.add(">" + joined[0].strip(",.;:?!").lower())
            for k in near:
                beside[k] = beside.get(k, 0) + 1
    counted = lower + upper
    inside = max(beside.values(), default=0)
    return (lower / counted if counted else 0.0), (inside / upper if upper else 0.0)


def _written_as_names(store, top: list[tuple[str, int, int]], p: SuggestParams):
    """The terms of `top` the grouping counted as written mostly as names (capitalised
    mid-sentence in `name_share` of the statements holding them outside a longer name): common
    words ("partner", "resource", "thousand") are no storyline. A store without those counts
    keeps every term."""
    counts = {t: (n, inside) for t, n, inside in store.term_name_counts([t for t, _d, _k in top])}
    if not counts:
        return top
    return [(t, df, k) for t, df, k in top
            if counts.get(t, (0, 0))[0] >= p.name_share * max(df - counts.get(t, (0, 0))[1], 1)]


@dataclass
class _Candidate:
    term: str
    kind: int
    hits: set[int]
    surfaces: list[str]


def _candidates(store, config, p: SuggestParams, n_docs: int,
                people: set[str] | None = None,
                procedural: set[int] | None = None) -> list[_Candidate]:
    """Frequent distinctive names: not the venue's own, not a person, not a common word."""
    from .terms import DEFAULT_ALIASES

    per_source = store.grouping_doc_counts()[1]
    house = {t for src, n in per_source.items() if n >= 20
             for t in store.frequent_source_terms(src, int(p.max_share * n) + 1)}
    people = _person_words(store) if people is None else people
    table = dict(DEFAULT_ALIASES)
    table.update({k.lower(): v.lower() for k, v in (getattr(config, "aliases", None) or {}).items()})
    procedural = store.procedural_numbers() if procedural is None else procedural
    top = _written_as_names(store, store.top_name_terms(p.pool, p.min_df), p)[: p.candidates]
    longer: dict[str, int] = {}  # word → statements of the most frequent longer name holding it
    for t, df, _k in top:
        if " " in t and not _POSSESSIVE.match(t):  # "China's Taiwan" is no longer name
            for w in set(t.split()):
                longer[w] = max(longer.get(w, 0), df)
    terms = [(t, df, k) for t, df, k in top
             if not (t in house or df > p.max_share * n_docs or t in STOPWORDS or t in GENERIC
                     or t in _NOT_NAMES or len(t) < 3 or re.search(r"\d", t) or _POSSESSIVE.match(t)
                     or t.split()[-1] in _TITLES
                     or all(w in people or w in STOPWORDS or w in _NOT_NAMES for w in t.split()))]
    out = []
    for t, df, k in terms:
        if " " not in t and longer.get(t, 0) >= p.part_share * df:
            continue  # "East" of "Middle East" (not "Taiwan" of "Taiwan Strait", "China's Taiwan"…)
        surfaces = _surfaces(t, table)
        hits = store.statements_naming(fts_words(surfaces)) - procedural
        if len(hits) < p.min_df:
            continue
        if " " not in t:
            sample = sorted(hits)[:: max(1, len(hits) // p.sample)][: p.sample]
            lower, inside = word_usage(t, store.statement_texts(sample), k == 2)
            if lower > p.lower_share or inside > p.part_share:
                continue  # "Security", "STEP": common words; "Reserve": a part of names
        out.append(_Candidate(t, k, hits, surfaces))
    out.sort(key=lambda c: (-len(c.hits), c.term))
    return out


def suggest(store, config=None, params: SuggestParams | None = None,
            rules: FollowRules | None = None) -> list[Storyline]:
    """The store's main storylines: frequent distinctive names, each with the rarer names that
    mostly occur with it (far more than with anything) or are spelled alike as aliases;
    accepted and dismissed ones left out.

    Reads the grouping's term statistics and the full-text index, never every statement."""
    from rapidfuzz import fuzz

    p = params or SuggestParams()
    taken = {s.lower() for st in accepted(config, store) for s in st.names} if config else set()
    dismissed = {d.lower() for d in (getattr(config, "dismissed_storylines", None) or [])}
    n_docs = store.grouping_doc_counts()[0]
    if not n_docs:
        return []
    heads: list[tuple[_Candidate, set[int], list[str]]] = []  # head, its statements, aliases
    people = _person_words(store)
    procedural = store.procedural_numbers()
    for c in _candidates(store, config, p, n_docs, people, procedural):
        home = None
        for i, (h, _all, _al) in enumerate(heads):
            shared = len(c.hits & h.hits) / len(c.hits)
            lift = shared / (len(h.hits) / n_docs)
            if (shared >= p.alias_share and lift >= p.alias_lift
                    and len(c.hits) <= p.alias_size * len(h.hits)) or \
                    fuzz.ratio(c.term, h.term) >= p.alias_like:
                home = i
                break
        if home is None:
            if len(heads) < 4 * p.limit:
                heads.append((c, set(c.hits), c.surfaces[1:]))
        else:
            h, every, al = heads[home]
            heads[home] = (h, every | c.hits, al + c.surfaces)
    out: list[Storyline] = []
    named: dict[str, set[int]] = {}
    for h, every, aliases in heads:
        name = _display(h.term, h.kind)
        if name.lower() in taken or name.lower() in dismissed:
            continue
        shown = [_display(a, 1) for a in dict.fromkeys(aliases)]
        out.append(Storyline(name, [a for a in dict.fromkeys(shown) if a.lower() != name.lower()],
                             SUGGESTED))
        named[name] = every
        if len(out) >= p.limit:
            break
    _add_pairs(heads[: len(out)], out, named, taken | dismissed, p)
    if p.from_issues:
        _add_issue_storylines(store, p, n_docs, out, named, taken | dismissed, people,
                              procedural)
    _add_follow_ups(store, out, named, rules, procedural)
    out.sort(key=lambda s: (-len(s.items), s.name))
    return out


def _add_pairs(heads: list[tuple[_Candidate, set[int], list[str]]], out: list[Storyline],
               named: dict[str, set[int]], skip: set[str], p: SuggestParams) -> None:
    """Two suggested names that each share `pair_share` of the other's own statements are
    also suggested as one storyline ("Russia · Ukraine": most statements naming either name
    both), beside each alone; a name mostly said beside a larger one that is not mostly said
    beside it ("NATO", "Europe" beside "Russia") pairs with nothing."""
    shown = {s.name.lower(): s for s in out}
    for i, (a, a_all, _x) in enumerate(heads):
        for b, b_all, _y in heads[i + 1:]:
            both = len(a.hits & b.hits)
            if min(len(a.hits), len(b.hits)) < p.pair_min or \
                    both < p.pair_share * len(a.hits) or both < p.pair_share * len(b.hits):
                continue
            first, second = shown.get(_display(a.term, a.kind).lower()), \
                shown.get(_display(b.term, b.kind).lower())
            if first is None or second is None:
                continue
            if len(a_all | b_all) <= 1.05 * max(len(a_all), len(b_all)):
                continue  # one holds the other: nothing to add ("Pacific", "Indo-Pacific")
            name = f"{first.name} · {second.name}"
            if name.lower() in skip:
                continue
            aliases = [n for n in (*first.names, *second.names) if n != name]
            out.append(Storyline(name, list(dict.fromkeys(aliases)), SUGGESTED))
            named[name] = a_all | b_all


def _add_issue_storylines(store, p: SuggestParams, n_docs: int, out: list[Storyline],
                          named: dict[str, set[int]], skip: set[str],
                          people: set[str] | None = None,
                          procedural: set[int] | None = None) -> None:
    """A storyline from each of the largest issues: its strongest term that few statements
    hold ("abortion", "Roe"), for storylines about a subject rather than a name. The term must
    stand for the issue (most of its statements name it), never be a person's name ("Jake"),
    and a word written in lower case must be the issue's own (a good share of its uses there:
    "gun", not "testing", "guidance" or "investigation", said everywhere)."""
    issues = store.issues()[: p.from_issues]
    profiles = store.issue_profiles([i["id"] for i in issues])
    procedural = store.procedural_numbers() if procedural is None else procedural
    people = _person_words(store) if people is None else people
    for issue in issues:
        prof = profiles.get(issue["id"], {})
        ranked = sorted(prof, key=lambda t: (-prof[t], t))[:30]
        stats = store.term_doc_frequencies(ranked)
        df = {t: d for t, d, _k in stats}
        kind = {t: k for t, _d, k in stats}
        terms = [t for t in ranked if 3 <= df.get(t, 0) <= p.issue_max_share * n_docs
                 and t not in STOPWORDS and t not in GENERIC and t not in _NOT_NAMES
                 and not any(w in people for w in t.split())
                 and not _CJK.search(t) and len(t) > 2][: p.issue_terms]
        if not terms:
            continue
        hits = store.statements_naming(fts_words(terms)) - procedural
        if len(hits) < p.min_df or any(len(hits & h) > 0.6 * len(hits) for h in named.values()):
            continue
        mine = store.issue_statement_numbers([issue["id"]])[issue["id"]] - procedural
        if len(hits & mine) < p.issue_cover * max(len(mine), 1):
            continue  # a term of one corner of the issue ("Europe" of a Ukraine issue)
        lower = 0.0 if kind[terms[0]] else 1.0
        if " " not in terms[0]:
            sample = sorted(hits)[:: max(1, len(hits) // p.sample)][: p.sample]
            lower, inside = word_usage(terms[0], store.statement_texts(sample), kind[terms[0]] == 2)
            if kind[terms[0]] == 1 and inside > p.part_share:
                continue  # "Kingdom" of "Kingdom of Envel"
        common = lower > p.lower_share or not kind[terms[0]]
        if common and len(hits & mine) < p.issue_focus * len(hits):
            continue  # a common word the issue happens to lead with
        name = terms[0] if common else _display(terms[0], kind[terms[0]])
        if name.lower() in skip or name in named:
            continue
        out.append(Storyline(name, terms[1:], SUGGESTED))
        named[name] = hits


def _add_follow_ups(store, stories: list[Storyline], named: dict[str, set[int]],
                    rules: FollowRules | None, procedural: set[int] | None = None) -> None:
    """Each storyline's statements: the named ones and their follow-ups. With the default
    rules, reads only the marks `update_cues` keeps (a briefing's statements are numbered in
    its order); with others, the questions after each named statement."""
    if not named:
        return
    if rules is not None and rules != FollowRules():
        _add_follow_ups_by_rows(store, stories, named, rules)
        return
    rules = FollowRules()
    update_cues(store)
    cues = store.continuing()
    procedural = store.procedural_numbers() if procedural is None else procedural
    order = store.statement_order()
    place = {n: k for k, (n, _uid) in enumerate(order)}
    for s in stories:
        hits = named[s.name]
        found = set(hits)
        for n in hits:
            k, chain = n + 1, 0
            while chain < rules.max_chain and k not in hits:
                if k in procedural:
                    k += 1
                    continue
                if k not in cues:
                    break
                found.add(k)
                chain += 1
                k += 1
        ranked = sorted(place[n] for n in found if n in place)
        s.items = [order[k][1] for k in ranked]


def _add_follow_ups_by_rows(store, stories: list[Storyline], named: dict[str, set[int]],
                            rules: FollowRules) -> None:
    every = set().union(*named.values())
    reach = rules.max_chain + 2 if (rules.marker or rules.opener or rules.pronoun) else 0
    wanted = {n + k for n in every for k in range(reach + 1)} if reach else every
    rows = store.storyline_rows_of(sorted(wanted))
    by_n = {r["n"]: Row(**r) for r in rows}
    place = {r["n"]: k for k, r in enumerate(rows)}  # briefing order
    for s in stories:
        hits = named[s.name]
        near = {n + k for n in hits for k in range(reach + 1)} if reach else hits
        mine = [by_n[n] for n in sorted(near) if n in by_n]  # numbers follow briefing order
        found = members(mine, hits, rules)
        s.items = [by_n[n].uid for n in sorted(found, key=place.__getitem__)]
