"""Key terms of an item: normalised words, names, acronyms and Chinese words, with aliases.

Terms are what grouping compares. Names (capitalised sequences, acronyms) are marked so they can
weigh more; generic briefing words are dropped; "U.S."/"US"/"United States", "DPRK"/"North
Korea", "PRC"/"China" and plurals are folded together; users add their own aliases in config.
Runs of Chinese characters are cut into words by `terms_zh` (jieba, loaded only when Chinese
text is met).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .terms_zh import terms as chinese_terms

DEFAULT_ALIASES = {
    "u.s.": "united states", "us": "united states", "usa": "united states", "u.s.a.": "united states",
    "america": "united states", "american": "united states", "americans": "united states",
    "united states of america": "united states",
    "dprk": "north korea", "democratic people's republic of korea": "north korea",
    "prc": "china", "people's republic of china": "china", "chinese": "china", "beijing": "china",
    "rok": "south korea", "republic of korea": "south korea",
    "uk": "united kingdom", "u.k.": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "british": "united kingdom",
    "eu": "european union", "e.u.": "european union",
    "un": "united nations", "u.n.": "united nations",
    "russian": "russia", "russians": "russia", "moscow": "russia", "kremlin": "russia",
    "ukrainian": "ukraine", "ukrainians": "ukraine", "kyiv": "ukraine", "kiev": "ukraine",
    "iranian": "iran", "tehran": "iran", "israeli": "israel", "israelis": "israel",
    "japanese": "japan", "indian": "india", "taiwanese": "taiwan", "saudi": "saudi arabia",
    "saudis": "saudi arabia", "mexican": "mexico", "french": "france", "german": "germany",
    "who": "world health organization",  # "WHO" (an acronym: the word "who" is a stopword)
    "covid-19": "covid", "covid19": "covid", "coronavirus": "covid",
}

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
don't down during each either else even ever every few for from further get gets getting go goes
going gone got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its
itself just let let's like made make makes many may me might more most much must mustn't my myself
never no nor not now of off on once one only or other others otherwise ought our ours ourselves out
over own per perhaps quite rather really said same say says see seen shall shan't she she'd she'll
she's should shouldn't since so some still such than that that's the their theirs them themselves
then there there's these they they'd they'll they're they've this those though through thus to too
toward towards under until up upon us very via was wasn't we we'd we'll we're we've were weren't
what what's whatever when when's where where's whether which while who who's whom whose why why's
will with within without won't would wouldn't yes yet you you'd you'll you're you've your yours
yourself yourselves ok okay oh um uh well yeah sure thank thanks please mr ms mrs sir ma'am hi hello
ahead sorry quick quickly add adding remind inaudible crosstalk laughter que apologize go went
anyway basically exactly totally absolutely somebody whoever wait guys folks everybody
""".split())

# Words that every briefing uses: they say nothing about which issue is discussed.
GENERIC = frozenset("""
question questions answer answers comment comments comments report reports reported reporting press
briefing briefings conference spokesperson spokesman spokeswoman today yesterday tomorrow week weeks
year years month months day days time times morning afternoon evening president minister ministry
foreign secretary government administration official officials statement statements country
countries people thing things way lot kind sort part point position view views issue issues matter
matters situation relevant information details detail update updates anything something nothing
everything everyone anyone someone know think want wanted need needs look looking looked work
working worked talk talking talked speak spoke spoken told tell telling ask asked asking call called
calls take taking took give given gives come coming came new first last next right left back
follow following followed regard regarding respect concerned concern concerns side sides party
parties relations relation relationship cooperation international national state states world
support supports supported make important clear continue continues continued believe hope hoped
refer referring competent authorities authority mean means sure able already again well going
also said saying says note noted noting aware seen see share shared first second third one two three
many much more certain certainly obviously actually really just again fact course end still good
great big long little able public american chinese foreign thank thanks follow-up department office united
white house podium room
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())

# Names every briefing of a venue uses (the venue itself), said as one name.
GENERIC_PHRASES = frozenset({"white house", "briefing room", "press briefing", "west wing",
                             "press secretary", "the white house"})

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_B = rf"(?:\b|(?<=[{_CJK}]))"  # a word's start: Chinese next to Latin is a boundary ("WHO对此")
_E = rf"(?:\b|(?=[{_CJK}]))"  # a word's end
# (the word start is said once for the three kinds that need it: each Chinese class costs ~2 ms
# of compiling at every start)
_TOKEN = re.compile(
    rf"{_B}(?:(?P<code>[A-Z]{{1,4}}-?\d{{1,4}}{_E}|\d{{1,2}}[A-Z]{{1,2}}{_E})"  # G20, F-16, 5G
    rf"|(?P<acro>(?:[A-Z]\.){{2,}}|[A-Z]{{2,6}}s?{_E})"  # acronyms: U.S., DPRK, NGOs
    rf"|(?P<num>\d{{1,4}}{_E}))"  # a number, kept only inside a name: Title 42, Section 230
    rf"|(?P<word>[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z])"
    rf"|(?P<cjk>[{_CJK}]+)"
    rf"|(?P<brk>[.!?;:,()\"“”\n—–]|\s-\s)"
)
_CAP_JOINERS = frozenset({"of", "the", "for", "on", "de", "du", "al"})
_TITLES = frozenset("""mr ms mrs dr prime deputy vice chief general senator governor ambassador
spokesperson spokeswoman spokesman secretary minister president king queen prince princess
chairman chairwoman director envoy representative leader premier chancellor""".split())
_SENTENCE_STARTERS = frozenset(w.capitalize() for w in STOPWORDS | GENERIC)


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """Lower-case, fold apostrophes and possessives, and singularise plurals crudely."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "xes", "zzes", "ches", "shes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


_COURTESY = re.compile(
    r"^(?:\s*(?i:thank you|thanks|hi|hello|okay|ok|yes|yeah|sure|great|all right|alright|sorry|"
    r"good (?:morning|afternoon))(?i: so much| very much)?(?:,? (?:[A-Z][a-z’'-]+)(?: [A-Z][a-z’'-]+)?)?"
    r"\s*[.!,—–-]+\s*)+")


def strip_courtesies(question: str) -> str:
    """Drop leading 'Thanks, Jen.' / 'Okay.' / 'Hi, everyone.' from a question."""
    return _COURTESY.sub("", question, count=1)


_VOCATIVE = re.compile(r"^([A-Z][\w’'-]+)\s*(?:[,?]|[—–]|-(?=\s|$))\s*")
_STAGE = re.compile(r"\((?:inaudible|laughter|laughs|cross-?talk|applause|audio|no audio|off-?mic)"
                    r"[^()]*\)", re.I)


def strip_vocative(question: str, names=()) -> str:
    """Drop a leading form of address to the spokesperson: "Karine, on Boris Johnson?" →
    "on Boris Johnson?". Only the official's own names (and Sir/Madam) count, so that
    "Iran, …" keeps its subject."""
    m = _VOCATIVE.match(question)
    if m and (m.group(1) in names or m.group(1) in ("Sir", "Madam", "Ma'am", "Ma’am")):
        return question[m.end():]
    return question


def strip_stage(text: str) -> str:
    """Drop transcript stage directions: "(Laughter.)", "(Cross-talk by reporters.)"."""
    return _STAGE.sub(" ", text) if "(" in text else text


class TermExtractor:
    """Turns text into (term, is_name) pairs, with the alias table applied."""

    def __init__(self, aliases: dict[str, str] | None = None):
        table = dict(DEFAULT_ALIASES)
        for k, v in (aliases or {}).items():
            table[k.lower().strip()] = v.lower().strip()
        self.aliases = table
        self.max_alias_words = max(len(k.split()) for k in table)

    def alias(self, term: str) -> str:
        return self.aliases.get(term, term)

    def _name_term(self, run: list[str]) -> tuple[str, bool] | None:
        """A run of capitalised words as a name term, titles and generic words at its edges
        left out ("Foreign Minister Teodor Bortor" → "Teodor Bortor"); None when under two
        words are left or they make a generic phrase."""
        words = list(run)
        while words and (words[0].lower() in _CAP_JOINERS or words[0].lower() in GENERIC
                         or words[0].lower() in _TITLES):
            words.pop(0)
        while words and (words[-1].lower() in _CAP_JOINERS or words[-1].lower() in GENERIC):
            words.pop()
        if len(words) < 2 or " ".join(w.lower() for w in words) in GENERIC_PHRASES:
            return None
        phrase = " ".join(normalise_word(w) if i == len(words) - 1 else w.lower()
                          for i, w in enumerate(words))
        return (self.aliases.get(" ".join(w.lower() for w in words)) or self.alias(phrase), True)

    def _acronym_term(self, tok: str) -> tuple[str, bool | int] | None:
        """An acronym's term, flagged 2 (shown in capitals) or True where an alias makes it a
        name (PRC → china); None for a stopword."""
        t = tok.lower()
        if tok.endswith("s") and len(t) > 2:  # "NGOs" → "ngo"; "HHS" and "IRS" stay whole
            t = t[:-1]
        plain = t.replace(".", "")
        t = self.aliases.get(t) or self.alias(plain)
        if t in STOPWORDS:
            return None
        return (t, 2 if t == plain else True)

    def terms(self, text: str) -> list[tuple[str, bool | int]]:
        """Terms of `text` in order: content words, names (multiword) and Chinese words.

        The flag is False for a word, True for a name, 2 for an acronym shown in capitals."""
        out: list[tuple[str, bool | int]] = []
        run: list[str] = []  # current capitalised run (surface words)
        sentence_start = True

        def flush() -> None:
            if not run:
                return
            name = self._name_term(run)
            if name is not None:
                out.append(name)
            run.clear()

        for m in _TOKEN.finditer(text):
            kind = m.lastgroup
            tok = m.group()
            if kind == "brk":
                flush()
                if tok in ".!?;:\n":
                    sentence_start = True
                continue
            if kind == "cjk":
                flush()
                out.extend((self.alias(w), name) for w, name in chinese_terms(tok))
                sentence_start = False
                continue
            if kind == "num":
                if run:
                    run.append(tok)
                continue
            if kind == "code":
                flush()
                out.append((self.alias(tok.lower()), 2))
                sentence_start = False
                continue
            if kind == "acro":
                flush()
                acronym = self._acronym_term(tok)
                if acronym is not None:
                    out.append(acronym)
                sentence_start = False
                continue
            # a word
            low = tok.lower().replace("’", "'")
            # A capitalised word may start a name ("Korsa Strait" at a sentence start), but on its
            # own it counts as a name only where capitals are not just the sentence's start.
            starts_run = tok[0].isupper() and not (sentence_start and tok in _SENTENCE_STARTERS)
            is_name = tok[0].isupper() and not sentence_start
            if starts_run or run and low in _CAP_JOINERS:
                run.append(tok)
            else:
                flush()
            sentence_start = False
            if low in STOPWORDS or len(low) < 3:
                continue
            w = low.replace("’", "'").removesuffix("'s") if is_name else normalise_word(low)
            if w in GENERIC or low in GENERIC or w in STOPWORDS:
                continue
            out.append((self.alias(w), is_name))
        flush()
        return out

