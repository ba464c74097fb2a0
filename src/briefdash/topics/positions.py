"""How a position moves: novel and dropped wording, restatements, stock phrases.

Phrases are word n-grams. For each statement, the *new* phrases are the wording whose trigrams
that ministry never used before in this topic, cut verbatim from the answer; the *dropped*
phrases are stance wording of the ministry's previous statement that this one no longer uses. A
statement that repeats the previous one almost word for word is a restatement. Stock phrases are
wording a ministry repeats across briefings in the topic.

What an analyst can quote is a whole phrase of substance, so every phrase, new or stock, is
cleaned the same way (`_clean`): it stays within one clause (punctuation ends it), loses function
words and discourse markers at its edges ("Look, the", "first, let", "Well, I think"), and is
dropped when it is conversation rather than a government's wording — first or second person
("I don't have anything", "take your last"), questions, moderation of the room — or has fewer
than two words of substance ("point in time", "briefing room"), or is only a name ("Secretary of
State"). New wording that covers most of its clause is widened to the whole clause; a run
that stops inside a phrase ("under further | verification") takes up to three more words to
finish it, or else falls back to its last function word, so that a new phrase is not cut
mid-phrase. Every phrase is still cut verbatim from its answer.

Chinese answers are compared the same way, word by word: a run of Chinese characters is cut
into words by `terms_zh` (jieba), a sentence ends at 。！？；：and a clause at ，、（）, function
words (的, 了, 我们, 有关…) are glue at a phrase's edge, a clause in the first or second person
(我, 你) is the speaker talking, and a formula such as 坚决反对 or 一个中国原则 is found as a run
of recurring word trigrams, cut verbatim from the answer.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from ..models import QAItem, Topic
from . import terms_zh

N = 3  # trigram novelty
RESTATEMENT_RATIO = 90.0
STOCK_MIN_BRIEFINGS = 3
MIN_CONTENT = 2  # words of substance a phrase needs
WHOLE_CLAUSE_SHARE = 0.5  # new wording covering this share of a clause's substance takes the clause
MAX_EXTEND = 3  # words a run may take to finish the phrase it stops inside

# Dotted abbreviations ("U.S.", "U.N.") are one word; otherwise letters/digits with apostrophes.
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_GAP = re.compile(r"[.!?;:][\"'”’)\]]*\s|\n|[。！？；：]")
# A clause ends at a comma, dash, bracket, ellipsis or slash; not at a quotation mark, which
# wraps a term the clause is about ("use the word “inflation” tomorrow").
_CLAUSE_GAP = re.compile(r"[,()\[\]—–…/，、（）【】]|\s-+\s|--")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A word the speaker broke off: a hyphen straight after it, then a space, a dash or the end
# ("with hi- — with him", "the Pres-—"); not "self-driving".
_CUT_WORD = re.compile(r"-+(?:\s|[—–])")
_CLOSING_QUOTE = re.compile(r"[.,;:!?]?[”\"]")
_INITIAL = re.compile(r"[A-Z]")
_ABBREVIATIONS = frozenset("mr mrs ms dr st gen sen rep gov lt col sgt prof amb no vs jr sr".split())

STOPWORDS = frozenset("""
a an the and or but of to in on at by for with from as is are was were be been being this that these
those it its it's we our us you your i my me he she they them their his her not no do does did has
have had will would shall should can could may might must also very so such than then there here
what which who whom whose when where why how all any some more most other into over about as if
just only out up down again further once both each few own same too s t don now
""".split())

# Discourse markers and conversational glue: never the first or last word of a phrase.
DISCOURSE = frozenset("""
look well so first second third firstly secondly thirdly lastly finally let let's okay ok yeah yes
oh um uh hey now again also actually obviously frankly basically really just sure right anyway
plus meanwhile however therefore and but because though although thank thanks please sorry
listen course mean know think guess like said say says saying kind sort see i'm i've i'd i'll
you're you've you'd you'll we're we've we'd we'll it's that's there's here's what's don't
doesn't didn't won't can't isn't aren't wasn't weren't haven't hasn't wouldn't couldn't
shouldn't even still already certainly clearly indeed yet whether either nor he's she's
they're they've they'd they'll he'd he'll she'd she'll who's
""".split())

# Openings that announce the speaker's framing, not a statement ("in terms of …").
_FRAME_OPENINGS = (("in", "terms", "of"), ("in", "a", "position", "to"), ("when", "it", "comes", "to"),
                   ("as", "it", "relates", "to"), ("at", "least"), ("in", "the", "sense", "that"),
                   ("with", "respect", "to"), ("with", "regard", "to"))

# Words that carry no substance on their own: conversation, time of the briefing, vague verbs.
VAGUE = frozenset("""
going gonna get gets got getting go goes went gone come comes came coming take takes took taking
want wants wanted need needs thing things lot lots way ways time times point points question
questions answer answers briefing briefings podium room today yesterday tomorrow tonight morning
afternoon evening week weeks day days minute minutes moment moments second seconds something
anything nothing everything someone anyone somebody anybody everyone everybody people folks guys
back ahead last next talk talks talked talking speak speaks spoke speaking tell tells told ask
asks asked asking make makes made making put puts give gives gave given keep keeps kept continue
continues continued continuing comment comments share shares shared update updates detail details
information relevant aware happy glad great good fair true couple bit little many much one two
three able done doing else ever mentioned mention note noted noting refer referring referred
reference stuff whatever sir ma'am madam hi hello inaudible crosstalk laughter colleague punt
colleagues reporter reporters press conference remarks stated said saying sure fact facts
specific specifically particular particularly certain already new different same clear
hear heard hearing watch watched announce announced announcement announcements piece pieces past
several recent recently relates relate related members member world country nation president
issue issues topic topics matter matters case cases approach result results beginning
hour hours o'clock a.m. p.m. month months year years january february march april june july
august september october november december monday tuesday wednesday thursday friday saturday
sunday
""".split())

# Prepositions: glue at a phrase's edge, and no substance.
PREPOSITIONS = frozenset("""
against between through during without within among across toward towards upon under above below
via per since until around despite behind beyond including regarding like along amid onto
""".split())

# Prepositions that head a phrase: kept at its start ("on the ground every day", not "ground
# every day"), though never at its end.
HEADING_PREPOSITIONS = frozenset("""
on in at during for with from under across against between through within without among toward
towards into onto upon
""".split())

# Words a phrase cannot stop before when they were cut off its end: what follows completes it.
_NEEDS_COMPLEMENT = frozenset("to of a an the is are was were be been has have had will would can "
                              "could should must".split())
# Pronouns, particles and prepositions a verb takes at the end of a clause ("to do exactly
# that", "speed things up", "that we are working on,"): kept when they end it.
_CLOSING_WORDS = frozenset("that this it them those these up out off down over back away on in "
                           "about with for".split())
_CLAUSE_END = re.compile(r"[.!?,;]+[”\"’')]*(?:\s|$)")
# Indefinite pronouns: never the last word of a phrase ("ruled in a way that certainly anyone").
_INDEFINITE = frozenset("anyone anybody someone somebody everyone everybody something anything".split())

# Words that open a subordinate clause: a phrase does not end a few words after one.
SUBORDINATORS = frozenset("as that which who whom whose because if when while whereas since".split())

# Quantities whose "of" leads to the real head: "a range of issues", "a lot of the bill".
QUANTITIES = frozenset("""
lot lots number range couple bit variety series host majority minority part parts kind kinds sort
sorts type types set handful piece pieces amount
""".split())

# Openers that only say a phrase is coming ("going to hurt …", "trying to keep …").
LEAD_GLUE = frozenset("""
going gonna trying try want wants wanted terms something anything nothing everything seen saw need
needs able probably least done doing while whereas unless
""".split())

# First and second person: the speaker and the room talking, not the government's wording.
PERSONAL = frozenset("""
i i'm i've i'd i'll me my mine myself you you're you've you'd you'll your yours yourself
yourselves
""".split())

# Chinese function words and the vocabulary of every answer: glue at a phrase's edge, no substance.
ZH_GLUE = frozenset("""
的 地 得 了 着 过 在 是 和 与 及 以及 同 跟 对 就 也 都 将 把 被 从 向 给 为 以 而 但 并 又 还 或 或者 等 等等
这 那 其 之 于 中 上 下 里 个 所 让 使 由 要 会 能 可 已 所以 因为 但是 而且 并且 如果 虽然 同时 此外 另外
首先 其次 第一 第二 第三 我们 他们 她们 它们 这个 那个 这些 那些 这样 那样 一个 一些 有关 相关 问题 情况
方面 表示 认为 希望 已经 一直 目前 当前 今天 刚才 关于 对于 根据 通过 指出 强调 重申 可以 能够 应该 需要
没有 不是 就是 也是 还是 什么 怎么 是否 如何 能否 进行 作出 做出 一下 这里 那里 其中 之间 非常 十分 有所
""".split())
# Chinese words with no substance of their own (the room, the news, titles): a phrase needs
# others ("注意到有关报道", "中方将继续", "王毅国务委员兼外长" are no formulas).
ZH_VAGUE = frozenset("""
中方 注意到 继续 以来 一段时间 一段时间以来 时间 报道 有关报道 相关报道 消息 介绍 看到 了解 掌握
询问 回答 提问 国务委员 外长 外交部长 外交部 发言人 部长 兼 记者 媒体 今年 去年 近期 日前 近日
""".split())
# First and second person in Chinese: the spokesperson and the room talking.
ZH_PERSONAL = frozenset("我 你 您 你们 我想 我刚才".split())

_EDGE = STOPWORDS | DISCOURSE | PREPOSITIONS | ZH_GLUE
_LEAD = _EDGE | LEAD_GLUE
PERSONAL = PERSONAL | ZH_PERSONAL
_NOT_CONTENT = _EDGE | VAGUE | PERSONAL | ZH_VAGUE


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
class Formula:
    """A formula of the topic with the day it was first said and the day it was last said;
    `dropped` when the ministry spoke in DROPPED_AFTER later briefings of the topic without it,
    where at the rate it was used it would have come back at least twice."""

    phrase: str
    ministry: str
    first_seen: date | None
    last_seen: date | None
    dropped: bool = False


DROPPED_AFTER = 3


@dataclass
class Timeline:
    topic: Topic
    entries: list[TimelineEntry]
    stock_phrases: list[StockPhrase]
    formulas: list[Formula] = field(default_factory=list)  # first said / dropped, by first day


def plain_words(text: str) -> list[str]:
    """The words of `text`, lower-cased, as `Tokens` reads them (without its spans, sentences
    and clauses: for counting words over many texts)."""
    out: list[str] = []
    for w in _WORD.findall(text.lower().replace("’", "'")):
        if _CJK.search(w):
            out.extend(p.lower() for p in terms_zh.words(w))
        else:
            out.append(w)
    return out


class Tokens:
    """An answer's words (lower-cased) with their character spans, sentences and clauses.

    A sentence ends at . ! ? ; : followed by a space (not after "Mr." and the like) or at a line
    break; a clause also ends at a comma, dash, bracket or quotation mark. Trigrams that cross a
    sentence boundary are None: a phrase lives within one sentence.
    """

    __slots__ = ("text", "words", "spans", "sents", "clauses", "questions", "grams", "cut_words")

    def __init__(self, text: str):
        self.text = text
        norm = text.lower().replace("’", "'")
        exotic = len(norm) != len(text)  # e.g. "İ" lower-cases to two characters
        base = text if exotic else norm  # spans index `base`, which is as long as `text`
        words: list[str] = []
        spans: list[tuple[int, int]] = []
        for m in _WORD.finditer(base):
            w = m.group()
            if _CJK.search(w):  # a run of Chinese: its words, as jieba cuts them
                pos = m.start()
                for piece in terms_zh.words(w):
                    at = base.find(piece, pos, m.end())
                    if at < 0:
                        continue
                    words.append(piece.lower())
                    spans.append((at, at + len(piece)))
                    pos = at + len(piece)
                continue
            words.append(w.lower().replace("’", "'") if exotic else w)
            spans.append(m.span())
        sents: list[int] = []
        clauses: list[int] = []
        questions: set[int] = set()
        cut_words: set[int] = set()
        s = c = 0
        for k in range(len(words)):
            if k:
                gap = base[spans[k - 1][1]:spans[k][0]]
                if gap == " ":  # most gaps: no break, no regex
                    pass
                elif _CUT_WORD.match(gap):  # "the Pres- — President": a word broken off
                    cut_words.add(k - 1)
                    c += 1
                elif _SENTENCE_GAP.search(gap) and not (
                        (words[k - 1] in _ABBREVIATIONS or _INITIAL.fullmatch(text[spans[k - 1][0]:spans[k - 1][1]]))
                        and gap.strip() == "." and (words[k - 1] != "no" or words[k][:1].isdigit())):
                    # "Mr. Varo", "George W. Bush", "No. 10" (but "… in time, no. Astrand …")
                    if "?" in gap or "？" in gap:
                        questions.add(s)
                    s += 1
                    c += 1
                elif _CLAUSE_GAP.search(gap) and not (
                        gap == "," and words[k - 1].isdigit() and words[k].isdigit()):
                    c += 1
            sents.append(s)
            clauses.append(c)
        if words and ("?" in base[spans[-1][1]:] or "？" in base[spans[-1][1]:]):
            questions.add(s)
        if words and _CUT_WORD.match(base[spans[-1][1]:] + " "):
            cut_words.add(len(words) - 1)
        self.cut_words = cut_words
        self.words, self.spans, self.sents, self.clauses = words, spans, sents, clauses
        self.questions = questions
        self.grams = [(a, b, c) if s1 == s3 else None for a, b, c, s1, s3
                      in zip(words, words[1:], words[2:], sents, sents[2:], strict=False)]

    def gram_set(self) -> set[tuple[str, ...]]:
        return {g for g in self.grams if g is not None}

    def cut(self, a: int, b: int) -> str:
        """Words a..b as written in the text, with the quotation mark that closes (or opens) a
        quote they leave open: “family glitch”, not “family glitch."""
        text, start, end = self.text, self.spans[a][0], self.spans[b][1]
        part = text[start:end]
        opened = part.count("“") - part.count("”")
        close = _CLOSING_QUOTE.match(text, end)  # ”, or .” and the like
        if close and ((opened > 0 and close.group().endswith("”")) or
                      (part.count('"') % 2 and close.group().endswith('"')
                       and text[start - 1:start] != '"')):
            end = close.end()
        elif (opened < 0 and text[start - 1:start] == "“") or \
                (part.count('"') % 2 and text[start - 1:start] == '"'):
            start -= 1
        return text[start:end]

    def clause_bounds(self, k: int) -> tuple[int, int]:
        return self._bounds(self.clauses, k)

    def sentence_bounds(self, k: int) -> tuple[int, int]:
        return self._bounds(self.sents, k)

    def _bounds(self, groups: list[int], k: int) -> tuple[int, int]:
        """The first and last word of the group (clause, sentence) word k is in."""
        g, a, b = groups[k], k, k
        while a > 0 and groups[a - 1] == g:
            a -= 1
        while b + 1 < len(self.words) and groups[b + 1] == g:
            b += 1
        return a, b


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _is_content(w: str) -> bool:
    return w not in _NOT_CONTENT and not w.isdigit() and len(w) > 1 and not _ORDINAL.fullmatch(w)


is_content_word = _is_content  # a word of substance (lower-cased): not glue, vague or personal


def _covered(tok: Tokens, marked: list[bool]) -> list[bool]:
    """Words covered by a marked trigram: a word is old only when every trigram around it is."""
    out = [False] * len(tok.words)
    for i, m in enumerate(marked):
        if m:
            out[i] = out[i + 1] = out[i + 2] = True
    return out


def _pieces(tok: Tokens, covered: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of covered words within one clause."""
    out, i, n, clauses = [], 0, len(covered), tok.clauses
    while i < n:
        if not covered[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and covered[j + 1] and clauses[j + 1] == clauses[i]:
            j += 1
        out.append((i, j))
        i = j + 1
    return out


def _trim_start(words: list[str], a: int, b: int, keep_preposition: bool = True) -> int:
    """Skip glue at the start of a..b, but keep a preposition that heads what follows.

    A quantity that lost its article ("[a] range of", "[a] lot of") goes too: the phrase starts
    at what is counted ("security considerations", not "range of security considerations")."""
    while a <= b:
        frame = next((f for f in _FRAME_OPENINGS if tuple(words[a:a + len(f)]) == f), None)
        if frame:  # "just in terms of the …", "with respect to SWIFT"
            a += len(frame)
            continue
        if words[a] in _LEAD:
            if keep_preposition and words[a] in HEADING_PREPOSITIONS and \
                    any(_is_content(w) for w in words[a + 1:b + 1]):
                break
            a += 1
        elif words[a] in QUANTITIES and a + 1 <= b and words[a + 1] == "of":
            a += 2
        else:
            break
    return a


def _clean(tok: Tokens, a: int, b: int, *, min_words: int = 2, min_content: int = MIN_CONTENT,
           keep_preposition: bool = True, said: bool = True) -> tuple[int, int] | None:
    """Words a..b without edge glue, or None when they are no wording of substance.

    New wording keeps a heading preposition ("on the same page with our allies"); a formula
    does not need one ("allies and partners", not "with allies and partners"). New wording
    (`said`) must also read as something said: a short piece needs a verb, a pair it opens
    ("both …") must close; a formula may be a noun phrase ("one-China principle")."""
    words = tok.words
    if tok.sents[a] in tok.questions:
        return None
    cut = tok.cut_words
    while a <= b and a in cut:  # a word the speaker broke off is never part of a phrase
        a += 1
    a = _trim_start(words, a, b, keep_preposition)
    end = b
    while b >= a and (words[b] in _EDGE or b in cut or words[b] in QUANTITIES
                      or words[b] in _INDEFINITE or (
            # "in 10 | years", "provided a range | of": no number or quantity left hanging
            words[b].isdigit() and b + 1 < len(words) and tok.clauses[b + 1] == tok.clauses[b]
            and not (b > a and tok.text[tok.spans[b - 1][0]].isupper()))):  # but "Title 42" is a name
        b -= 1
    if end > b >= a and words[b + 1] in _NEEDS_COMPLEMENT and tok.clauses[b + 1] == tok.clauses[b]:
        return None  # "because we knew there needed | to be a gap": cut before what it needs
    if end == b + 1 and words[end] in _CLOSING_WORDS and tok.clauses[end] == tok.clauses[b] and \
            _CLAUSE_END.match(tok.text, tok.spans[end][1]):
        b = end  # "to do exactly that", "to speed things up", "that we are working on."
    # "… with him as he always [is]": when the end was cut, no subordinate clause left hanging
    # ("for as long as it takes" is whole and stays)
    while end > b >= a:
        k = next((k for k in range(b, max(a, b - 3), -1) if words[k] in SUBORDINATORS), None)
        if k is None:
            break
        b = k - 1
        while b >= a and words[b] in _EDGE:
            b -= 1
    if a > b:
        return None
    # "I can tell you that the United States …": the frame goes, the statement stays; but
    # "I think it's hard to argue" is the speaker talking, even when only "hard to argue" is new
    ca = a
    while ca > 0 and tok.clauses[ca - 1] == tok.clauses[a]:
        ca -= 1
    personal = [k for k in range(ca, b + 1) if words[k] in PERSONAL]
    if personal:
        p = personal[-1]
        that = next((k for k in range(p + 1, min(p + 5, b + 1)) if words[k] == "that"), None)
        if that is None or any(w in ("not", "no", "never") or w.endswith("n't")
                               for w in words[ca:that]):
            return None  # no frame, or one that turns the statement round ("I don't think that")
        a = _trim_start(words, max(a, that + 1), b, keep_preposition)
        if a > b:
            return None
    if b - a + 1 < min_words:
        return None
    content = [k for k in range(a, b + 1) if _is_content(words[k])]
    if len(content) < min_content:
        return None
    # a short piece with no verb is a list item or a label ("powder versus liquid", "at Catholic
    # churches"), not something said; Chinese is not read this way
    if said and len(content) < SHORT_CONTENT and not _has_verb(words, a, b) and \
            not _CJK.search(words[a]):
        return None
    # a name alone ("Secretary of State", "President Yoon", "Mohammed bin Zayed") is no wording
    if all(tok.text[tok.spans[k][0]].isupper() or words[k] in _NAME_PARTICLES for k in content):
        return None
    # "a misunderstanding of both the complexity": a pair left open is a phrase cut short
    if said and any(words[k] in _PAIRED and _PAIRED[words[k]] not in words[k + 1:b + 1] and
                    (words[k] != "only" or (k > a and words[k - 1] == "not"))
                    for k in range(a, b + 1)):
        return None
    return _whole_compounds(tok, a, b)


SHORT_CONTENT = 5  # a phrase with fewer words of substance must say something: it needs a verb
# Auxiliaries, common verbs and irregular participles: a phrase holding one says something (with
# any word ending in -ed or -ing). A cheap test, not a parser: it only has to tell "phone
# interview has been scheduled" from "powder versus liquid".
_VERBS = frozenset("""
is are was were be been being has have had having do does did will would can could should must
may might shall it's that's there's here's what's he's she's we're they're you're i'm we've
they've i've we'll they'll he'll she'll isn't aren't wasn't weren't hasn't haven't hadn't don't
doesn't didn't won't wouldn't can't couldn't shouldn't flown done gone made taken given seen known
shown grown held met said told sent spent built brought bought thought taught caught left kept
lost won paid put set cut hit let run begun broken chosen driven fallen forgotten frozen hidden
risen spoken stolen sworn torn worn written agree agrees support supports oppose opposes urge
urges call calls remain remains believe believes hope hopes expect expects want wants need needs
take takes make makes give gives work works continue continues stand stands welcome welcomes
reject rejects condemn condemns include includes require requires mean means seem seems become
becomes keep keeps allow allows help helps bring brings study studies reflect reflects
""".split())


def _has_verb(words: list[str], a: int, b: int) -> bool:
    """A verb among words a..b: a known one, -ed or -ing, or an -s word before an article or
    a possessive ("recalls its envoy", "closes the border")."""
    for k in range(a, b + 1):
        w = words[k]
        if w in _VERBS or (len(w) > 4 and w.endswith(("ed", "ing"))):
            return True
        if k < b and len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and \
                words[k + 1] in _DETERMINERS:
            return True
    return False


_DETERMINERS = frozenset("the a an its their his her our your this that these those to".split())


_NAME_PARTICLES = frozenset("bin bint ibn al el de del della der di du da dos van von la le".split())
_PAIRED = {"both": "and", "either": "or", "neither": "nor", "between": "and", "only": "but"}


def _whole_compounds(tok: Tokens, a: int, b: int) -> tuple[int, int]:
    """Widen a..b to whole hyphenated words: "inflation head-on", never "inflation head"."""
    spans, text = tok.spans, tok.text
    while b + 1 < len(spans) and text[spans[b][1]:spans[b + 1][0]] in ("-", "‑"):
        b += 1
    while a > 0 and text[spans[a - 1][1]:spans[a][0]] in ("-", "‑"):
        a -= 1
    return a, b


def _finish(words: list[str], a: int, b: int, ca: int, cb: int) -> tuple[int, int]:
    """Widen a..b (within the clause ca..cb) so that it neither starts nor stops inside a phrase.

    A run that stops between two words of substance takes up to MAX_EXTEND more of them when
    that reaches a function word or the clause's end ("address Putin's price | hike"); when it
    cannot, it falls back to its last function word. Likewise at the start.
    """
    inside = lambda k: _is_content(words[k]) and _is_content(words[k + 1])  # noqa: E731
    if b < cb and inside(b):
        j = b
        while j < cb and j - b < MAX_EXTEND and _is_content(words[j + 1]):
            j += 1
        if j == cb or not _is_content(words[j + 1]):
            b = j
        else:
            while b > a and inside(b):
                b -= 1
    if a > ca and inside(a - 1):
        j = a
        while j > ca and a - j < MAX_EXTEND and _is_content(words[j - 1]):
            j -= 1
        if j == ca or not _is_content(words[j - 1]):
            a = j
        else:
            while a < b and inside(a - 1):
                a += 1
    return a, b


def _novel_ranges(tok: Tokens, seen: set[tuple[str, ...]], min_words: int) -> list[tuple[int, int]]:
    marked = [g is not None and g not in seen for g in tok.grams]
    if not any(marked):
        return []
    covered = _covered(tok, marked)
    words = tok.words
    out: list[tuple[int, int]] = []
    for a, b in _pieces(tok, covered):
        ca, cb = tok.clause_bounds(a)
        substance = [k for k in range(ca, cb + 1) if _is_content(words[k])]
        fresh = sum(1 for k in substance if covered[k])
        whole = bool(substance) and fresh / len(substance) >= WHOLE_CLAUSE_SHARE
        if whole:
            a, b = ca, cb  # mostly new: the whole clause
        else:  # finish a phrase the run stops inside ("took | place", "open | door policy")
            a, b = _finish(words, a, b, ca, cb)
        # a part of a clause must say more than a whole one to stand alone
        r = _clean(tok, a, b, min_words=min_words,
                   min_content=MIN_CONTENT if whole else MIN_CONTENT + 1)
        if r and not (out and r[0] <= out[-1][1]):
            out.append(r)
    return out


# ---- new in substance ----------------------------------------------------------------------
PAIR_WINDOW = 6  # content words this close (in a sentence) make a pair, whatever their order
NEW_PAIR_SHARE = 0.5  # share of a phrase's pairs never said before for the phrase to be new
# Content words (stems) never said before on the topic that a new phrase needs. Measured on the
# five largest WH 2022 issues: 1 → 51.9 % of statements flagged, 2 → 28.2 % (TIMELINES_NOTES.md).
NEW_STEMS = 2

# A greeting or a remark to the room inside an answer: never new wording.
_GREETING = re.compile(
    r"\b(?:nice|good|great|wonderful|lovely) to (?:see|be with|have you)\b|\b(?:beautiful|smiling|happy|shining|familiar|friendly) faces\b|\bfaces in the room\b|\bhappy (?:monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|holidays?|new year|birthday|thanksgiving|"
    r"weekend)\b|\bgood (?:morning|afternoon|evening)\b|\bthank you\b|\b(?:great|good) question\b|"
    r"\bholiday weekend\b", re.I)
_STEM_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem, enough that inflection is not new wording: "interactions" and
    "interaction", "supported" and "supports", "policies" and "policy" meet."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3 or _CJK.search(w):
        return w
    for suffix, repl in _STEM_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (
                suffix == "s" and w.endswith(("ss", "us", "is"))):
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":  # "stopped" → "stopp" → "stop"
        w = w[:-1]
    return w.rstrip("e") if len(w) > 4 else w


class Vocabulary:
    """What a ministry has said on a topic, as content-word stems and unordered pairs of stems
    that stood close together in a sentence: wording is new only when its words, or the way it
    puts them together, are (reordering and inflection are not new)."""

    __slots__ = ("stems", "pairs")

    def __init__(self) -> None:
        self.stems: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()

    def add(self, tok: Tokens, names: frozenset[str] = frozenset()) -> None:
        for _, seq in _content_runs(tok, 0, len(tok.words) - 1, names, by="sents"):
            self.stems.update(seq)
            self.pairs.update(_pairs(seq))

    def is_new(self, tok: Tokens, a: int, b: int, names: frozenset[str] = frozenset()) -> bool:
        """Words a..b say something this vocabulary has not: NEW_STEMS content words never said
        before, and most of the pairs of their content words never said before either."""
        seq = [st for _, run in _content_runs(tok, a, b, names, by="sents") for st in run]
        if len(set(seq)) < MIN_CONTENT:
            return False
        if len({st for st in seq if st not in self.stems}) < NEW_STEMS:
            return False
        pairs = _pairs(seq)
        if not pairs:
            return False
        fresh = sum(1 for p in pairs if p not in self.pairs)
        return fresh / len(pairs) >= NEW_PAIR_SHARE


def _pairs(seq: list[str]) -> set[tuple[str, str]]:
    out = set()
    for i, x in enumerate(seq):
        for y in seq[i + 1:i + 1 + PAIR_WINDOW]:
            if x != y:
                out.add((x, y) if x < y else (y, x))
    return out


def _content_runs(tok: Tokens, a: int, b: int, names: frozenset[str], by: str):
    """(sentence, content stems in order) for words a..b, one run per sentence."""
    groups = tok.sents
    out: list[tuple[int, list[str]]] = []
    for k in range(a, b + 1):
        w = tok.words[k]
        if not _is_content(w) or w in names or k in tok.cut_words:
            continue
        if not out or out[-1][0] != groups[k]:
            out.append((groups[k], []))
        out[-1][1].append(stem(w))
    return out


def _sentence_text(tok: Tokens, k: int) -> str:
    a, b = tok.sentence_bounds(k)
    return tok.text[tok.spans[a][0]:tok.spans[b][1]]


def _room_talk(tok: Tokens, a: int, b: int, names: frozenset[str]) -> bool:
    """Courtesy, greetings and the people of the room: "nice to see everybody's faces",
    "thanks, Kristen", a phrase that names a reporter."""
    if _GREETING.search(tok.text, tok.spans[a][0], tok.spans[b][1]):
        return True
    if any(tok.words[k] in names for k in range(a, b + 1)):
        return True
    from ..transcripts.procedural import is_courtesy_or_moderation
    return is_courtesy_or_moderation(_sentence_text(tok, a))


_DASH_GAP = re.compile(r"\s*(?:[—–]|--)")


def _stutters(tok: Tokens, a: int, b: int) -> bool:
    """Words a..b say two words twice over ("at stake for the for the United States")."""
    w = tok.words
    return any(w[k:k + 2] == w[k + 2:k + 4] for k in range(a, b - 2))


def room_names(items: list[QAItem], *, called_out: bool = True) -> frozenset[str]:
    """Names of the people in the room, lower-cased: the speakers and askers the statements
    carry, and (`called_out`, a read of every answer) the names a spokesperson calls out ("Go
    ahead, Kristen." / "— Kristen, that …": a capitalised word that is a clause of its own)."""
    out: set[str] = set()
    for it in items:
        for who in (it.speaker, it.asker):
            for w in _WORD.findall(who or ""):
                if w[:1].isupper() and w.lower() not in _NOT_CONTENT:
                    out.add(w.lower())
        text = it.answer or ""
        if not called_out or _CJK.search(text):
            continue
        for m in _VOCATIVE.finditer(text):
            w = m.group(1)
            if w.lower() not in _NOT_CONTENT and w.lower() not in _NOT_A_NAME:
                out.add(w.lower())
    return frozenset(out)


# "Go ahead, Kristen." / "Thanks, Kristen." / ", Kristen," / "— Kristen, that": a name called out.
_VOCATIVE = re.compile(
    r"(?:(?:go ahead|thanks|thank you|yeah|yes|sure|okay|please|hey|hi|sorry|look|well)[,.]?\s+|"
    r"[—–]\s*|^)([A-Z][a-z]{2,})(?=[,.?!]?\s*(?:[—–]|$)|,\s+(?:go ahead|please|thanks|you|I|that|what|it))",
    re.M)
_NOT_A_NAME = frozenset("""
thanks sure yeah okay well look please sorry again listen again yes look absolutely right
china russia ukraine america europe congress but and so now then first second third
""".split())


def novel_spans(text: str | Tokens, seen: set[tuple[str, ...]], *, min_words: int = 3,
                vocab: Vocabulary | None = None,
                names: frozenset[str] = frozenset(),
                subject: frozenset[str] | None = None) -> list[str]:
    """The sentences of `text` that hold wording made of trigrams not in `seen`, verbatim.

    The new wording is found as phrases within a clause, without glue at their edges and of
    substance (see `_clean`); each is given as the whole sentence that holds it, when that
    sentence reads whole (`_whole_sentence`), and not at all otherwise. A greeting, a remark to
    the room or a sentence naming someone in the room (`names`) is never new; with `vocab`
    (what was said before), wording is new only when its content words or their pairings are
    (`Vocabulary.is_new`); with `subject`, only in a paragraph on it (`_on_subject`).
    """
    tok = text if isinstance(text, Tokens) else Tokens(text)
    out: list[str] = []
    for a, b in _novel_ranges(tok, seen, min_words):
        whole = _whole_sentence(tok, a, b, names)
        if whole is None:  # a part of a long or broken sentence: too often cut mid-thought
            continue
        if vocab is not None and not vocab.is_new(tok, a, b, names):
            continue
        if subject is not None and not _on_subject(tok, a, subject):
            continue
        if _room_talk(tok, *whole, names):  # the dearest test last
            continue
        phrase = tok.cut(*whole)
        if phrase not in out:
            out.append(phrase)
    return out


# New wording is given as the whole sentence that holds it, when that sentence reads whole on its
# own and has at most this many words. A part of a sentence, however carefully cut, too often
# stopped mid-thought on spoken transcripts (benchmarks/TIMELINES_NOTES.md: 82-88 % substantive
# as parts, 96 % as whole sentences).
SENTENCE_WORDS = 45
# Words that open a sentence without saying anything: left off a sentence given as new wording.
_SENTENCE_OPENERS = frozenset("""
so and but look well now also again okay ok yeah yes oh um uh anyway plus meanwhile however
therefore listen actually obviously frankly basically really just sure right
""".split())


def _whole_sentence(tok: Tokens, a: int, b: int, names: frozenset[str]) -> tuple[int, int] | None:
    """The sentence around words a..b, when it reads whole on its own: at most SENTENCE_WORDS
    words, no question, no speech broken off or picked up at a dash, no word broken off, no
    stutter, no one in the room named, and the speaker's own frame left off ("I can tell you
    that …")."""
    sa, sb = tok.sentence_bounds(a)
    if sb - sa + 1 > SENTENCE_WORDS or tok.sents[a] in tok.questions:
        return None
    words = tok.words
    for k in range(sa, sb + 1):
        if k in tok.cut_words or words[k] in names:
            return None
        if k < sb and _DASH_GAP.match(tok.text, tok.spans[k][1]):
            return None
    if _stutters(tok, sa, sb):
        return None
    framed = _without_the_speaker(tok, sa, sb)
    if framed is None or framed[1] < a or framed[0] > b:
        return None  # the speaker talking, or the new words were all in the speaker's frame
    sa, sb = framed
    while sa < sb and words[sa] in _SENTENCE_OPENERS:  # "So, …", "And look, …"
        sa += 1
    while sb > sa and words[sb] in DISCOURSE:  # "…, and, well, [take your last question]"
        sb -= 1
    return sa, sb


def _without_the_speaker(tok: Tokens, sa: int, sb: int) -> tuple[int, int] | None:
    """Sentence sa..sb without the speaker's frame: "I can tell you that …" and "As I said
    yesterday, …" go, and so does a last clause to the room ("…, and take your last question");
    None when the speaker is what the sentence is about ("I think it is hard to argue", "I don't
    think that …")."""
    words, clauses = tok.words, tok.clauses
    mine = [k for k in range(sa, sb + 1) if words[k] in PERSONAL]
    while mine and clauses[mine[0]] == clauses[sa]:
        upto = range(mine[0] + 1, min(mine[0] + 6, sb + 1))
        that = next((k for k in upto if words[k] == "that" and clauses[k] == clauses[sa]), None)
        frame = words[sa:(that if that is not None else mine[0]) + 1]
        if any(w in _NEGATIONS or w in ("no", "not") or w.endswith("n't") for w in frame):
            return None  # "I don't think that …" turns what follows round
        if that is not None:
            sa = that + 1
        else:
            end = tok.clause_bounds(sa)[1]
            if end >= sb or tok.text[tok.spans[end][1]:tok.spans[end][1] + 1] != ",":
                return None  # "I think it is hard to argue otherwise."
            sa = end + 1  # "As I said yesterday, | …"
        mine = [k for k in mine if k >= sa]
    while mine and clauses[mine[-1]] == clauses[sb]:
        start = tok.clause_bounds(sb)[0]
        if start <= sa:
            return None
        sb = start - 1  # "…, and, well, | take your last question"
        mine = [k for k in mine if k <= sb]
    return None if mine or sa > sb else (sa, sb)


def _on_subject(tok: Tokens, a: int, subject: frozenset[str]) -> bool:
    """The paragraph of word a speaks of the subject: one of its content words is a subject
    stem. (Its own sentence only, or the question asked, were measured and kept less: see
    benchmarks/TIMELINES_NOTES.md.)"""
    start = tok.text.rfind("\n", 0, tok.spans[a][0]) + 1
    end = tok.text.find("\n", tok.spans[a][1])
    if end < 0:
        end = len(tok.text)
    return any(start <= tok.spans[k][0] < end and _is_content(w) and stem(w) in subject
               for k, w in enumerate(tok.words))


def _restates(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return fuzz.ratio(" ".join(a.lower().split()), " ".join(b.lower().split())) >= RESTATEMENT_RATIO


def stock_phrases(items: list[QAItem], *, top: int = 12, min_briefings: int = STOCK_MIN_BRIEFINGS,
                  tokens: dict[str, Tokens] | None = None) -> list[StockPhrase]:
    """Recurring formulas per ministry, most used first.

    Trigrams used in at least `min_briefings` of a ministry's briefings mark the words they
    cover; each maximal marked run within a clause, cleaned like new wording (no glue at the
    edges, no conversation, at least two words of substance), is a candidate formula, kept
    when it too recurs in `min_briefings` briefings. A ministry's best `top` formulas (by
    briefings and length) are kept, a shorter one dropped when a longer kept one contains it.
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
        for it, tok in zip(its, toks, strict=True):
            for g in tok.gram_set():
                tri_briefings[g].add(it.entry_key)
        frequent = {g for g, b in tri_briefings.items() if len(b) >= min_briefings}
        if not frequent:
            continue
        phrase_briefings: dict[str, set[str]] = defaultdict(set)
        surface: dict[str, str] = {}  # first wording as written
        first: dict[str, date | None] = {}
        last: dict[str, date | None] = {}
        for key, n_occ in _formula_candidates(its, toks, frequent, min_briefings).items():
            for i, _k, a, b in n_occ:
                it, tok = its[i], toks[i]
                if key not in surface:
                    surface[key] = tok.cut(a, b)
                if it.entry_key in phrase_briefings[key]:
                    continue
                phrase_briefings[key].add(it.entry_key)
                seen_first, seen_last = first.get(key), last.get(key)
                if key not in first or (it.date and seen_first and it.date < seen_first):
                    first[key] = it.date
                if it.date and (seen_last is None or it.date > seen_last):
                    last[key] = it.date
        _fold_reorderings(phrase_briefings, surface, first, last)
        scored = []
        for phrase, briefings in phrase_briefings.items():
            if len(briefings) >= min_briefings:
                score = len(briefings) * (1 + 0.25 * len(phrase.split()))
                scored.append(StockPhrase(surface[phrase], ministry, len(briefings), first[phrase],
                                          last[phrase], score=score, key=phrase))
        scored.sort(key=lambda sp: (-sp.score, sp.first_seen or date.min, sp.phrase))
        kept: list[StockPhrase] = []
        for sp in scored:
            if len(kept) >= top:
                break
            if any(f" {sp.key} " in f" {k.key} " or f" {k.key} " in f" {sp.key} " for k in kept):
                continue  # "memorandum of understanding" and a longer formula holding it: one
            kept.append(sp)
        out.extend(kept)
    out.sort(key=lambda sp: (-sp.count, -len(sp.key.split()), sp.ministry, sp.phrase))
    return out
def _fold_reorderings(briefings: dict[str, set[str]], surface: dict[str, str],
                      first: dict[str, date | None], last: dict[str, date | None]) -> None:
    """One formula for its reorderings and inflections ("allies and partners" / "partners and
    ally"): the same content stems, the same number of words. The most used wording stays."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for key in briefings:
        words = key.split()
        groups[(len(words), tuple(sorted(stem(w) for w in words if _is_content(w))))].append(key)
    for keys in groups.values():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: (-len(briefings[k]), k))
        head = keys[0]
        for k in keys[1:]:
            briefings[head] |= briefings.pop(k)
            for src, pick in ((first, min), (last, max)):
                days = [d for d in (src.get(head), src.pop(k, None)) if d is not None]
                src[head] = pick(days) if days else None
            surface.pop(k, None)


MAX_FORMULA_WORDS = 16
MOSTLY_INSIDE = 0.7  # an n-gram said this often inside one longer formula is part of it


def _clause_gram(tok: Tokens, i: int, n: int) -> tuple[str, ...] | None:
    if i + n > len(tok.words) or tok.clauses[i] != tok.clauses[i + n - 1]:
        return None
    return tuple(tok.words[i:i + n])


def _formula_candidates(its: list[QAItem], toks: list[Tokens], frequent: set[tuple[str, ...]],
                        min_briefings: int) -> dict[str, list[tuple[int, int, int, int]]]:
    """Recurring formulas: word n-grams within one clause said in `min_briefings` briefings,
    grown from the frequent trigrams one word at a time, kept at their longest (an n-gram
    mostly said inside a longer one is part of it), cleaned like new wording and never cut
    inside a phrase (a formula that is usually followed, or preceded, by a word of substance
    is a fragment of a longer wording: "includes conducting standard air | patrols").

    Returns phrase key → occurrences (statement, n-gram start, phrase start, phrase end)."""
    level: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for i, tok in enumerate(toks):
        for k in range(len(tok.words) - 2):
            g = _clause_gram(tok, k, 3)
            if g is not None and g in frequent:
                level[g].append((i, k))
    levels = [level]
    n = 3
    while level and n < MAX_FORMULA_WORDS:
        n += 1
        grown: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
        for occ in level.values():
            for i, k in occ:
                g2 = _clause_gram(toks[i], k, n)
                if g2 is not None and g2[1:] in level:
                    grown[g2].append((i, k))
        level = {g: occ for g, occ in grown.items()
                 if len({its[i].entry_key for i, _ in occ}) >= min_briefings}
        levels.append(level)

    def briefings(occ) -> int:
        return len({its[i].entry_key for i, _ in occ})

    out: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
    for depth, grams in enumerate(levels):
        longer = levels[depth + 1] if depth + 1 < len(levels) else {}
        inside: dict[tuple[str, ...], int] = defaultdict(int)
        for g2, occ in longer.items():
            c = briefings(occ)
            for part in (g2[:-1], g2[1:]):
                inside[part] = max(inside[part], c)
        for g, occ in grams.items():
            count = briefings(occ)
            if inside.get(g, 0) >= MOSTLY_INSIDE * count:
                continue  # part of a longer formula
            i0, k0 = occ[0]
            r = _formula_span(toks[i0], k0, k0 + len(g) - 1)
            if r is None:
                continue
            da, db = r[0] - k0, k0 + len(g) - 1 - r[1]
            spans = [(i, k, k + da, k + len(g) - 1 - db) for i, k in occ]
            if _cut_inside_a_phrase(toks, spans):
                continue
            key = " ".join(toks[i0].words[r[0]:r[1] + 1])
            out[key].extend(spans)
    return out


def _cut_inside_a_phrase(toks: list[Tokens], spans: list[tuple[int, int, int, int]]) -> bool:
    """Whether the formula usually runs on into a word of substance (or follows one) within its
    clause: then it is a piece of a longer wording, not a formula of its own."""
    after = before = 0
    for i, _, a, b in spans:
        tok, words = toks[i], toks[i].words
        same = b + 1 < len(words) and tok.clauses[b + 1] == tok.clauses[b]
        if same and _is_content(words[b]) and (_is_content(words[b + 1]) or (
                # "standard air | and maritime transits": the left half of a pair
                words[b + 1] in ("and", "or") and b + 2 < len(words)
                and tok.clauses[b + 2] == tok.clauses[b] and _is_content(words[b + 2]))):
            after += 1
        if a > 0 and tok.clauses[a - 1] == tok.clauses[a] and \
                _is_content(words[a]) and _is_content(words[a - 1]):
            before += 1
    return max(after, before) * 2 > len(spans)


# The spokesperson's own formula opens with the speaker ("I'm not going to go beyond what the
# President said"): the subject goes, the formula stays.
_SPEAKER_SUBJECT = frozenset("i i'm i'll i've i'd we we're we'll we've we'd am are will".split())
_NEGATIONS = frozenset("not never won't don't can't wouldn't cannot".split())


def _formula_span(tok: Tokens, a: int, b: int) -> tuple[int, int] | None:
    """Words a..b as a formula: cleaned like new wording; or, for the speaker's own recurring
    line, from its negation on ("not going to get ahead of the Secretary of State"), when it
    names someone or something and is no courtesy."""
    r = _clean(tok, a, b, min_words=N, keep_preposition=False, said=False)
    if r is not None:
        # "the decision that OPEC-Plus | made": a clause opened and left at its subject
        if any(tok.words[k] in SUBORDINATORS for k in range(max(r[0] + 1, r[1] - 2), r[1])):
            return None
        return r
    words = tok.words
    if tok.sents[a] in tok.questions:
        return None
    k = a
    while k <= b and (words[k] in _SPEAKER_SUBJECT or words[k] in DISCOURSE - _NEGATIONS):
        k += 1
    if k > b or words[k] not in _NEGATIONS or k == a and a > 0 and tok.clauses[a - 1] == tok.clauses[a]:
        return None
    end = b
    while end > k and (words[end] in _EDGE - {"said", "says"} or end in tok.cut_words):
        end -= 1
    if end - k + 1 < 5:
        return None
    named = any(tok.text[tok.spans[j][0]].isupper() for j in range(k + 1, end + 1))
    if not named and not any(_is_content(words[j]) for j in range(k, end + 1)):
        return None  # "don't have anything for you": nothing named, nothing said
    text = tok.text[tok.spans[k][0]:tok.spans[end][1]]
    if _GREETING.search(text):
        return None
    return k, end


class Cancelled(Exception):
    """The caller no longer wants this timeline (see `build_timeline(cancelled=…)`)."""


def build_timeline(topic: Topic, items: list[QAItem], *, with_stock: bool = True,
                   cancelled=None, subject: frozenset[str] | None = None) -> Timeline:
    """The topic's statements in date order, each with its novel/dropped wording.

    `cancelled`, a function polled every 100 statements, lets an interactive caller stop a
    long analysis it no longer needs (raises `Cancelled`). `subject` (`topics.subject`: the
    stems of what the timeline is about) keeps new wording to the paragraphs that speak of it:
    a long answer's wording on other matters did not move on this one.
    """
    items = sorted(items, key=lambda it: (it.date or date.min, it.entry_key, it.index))
    tokens: dict[str, Tokens] = {}  # filled as the loop goes (so that cancelling is prompt)
    seen: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    vocab: dict[str, Vocabulary] = defaultdict(Vocabulary)
    names = room_names(items)
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
            if prev is not None and it.kind != "procedural":
                e.new_phrases = novel_spans(tok, seen[ministry], vocab=vocab[ministry], names=names,
                                            subject=subject)
                e.restatement = _restates(it.answer, prev.answer)
                if prev.position:
                    now = Vocabulary()
                    now.add(tok, names)
                    e.dropped_phrases = novel_spans(prev.position, grams, vocab=now, names=names)
            seen[ministry] |= grams
            vocab[ministry].add(tok, names)
            previous[ministry] = it
        entries.append(e)
    stock = stock_phrases(items, tokens=tokens) if with_stock else []
    if stock:
        firsts: set[tuple[str, str]] = set()
        for e in entries:
            entry_tok = tokens.get(e.item.id)
            if entry_tok is None:
                continue
            low = f" {' '.join(entry_tok.words)} "
            for sp in stock:
                first_key = (sp.ministry, sp.key)
                if first_key not in firsts and (e.item.ministry or "") == sp.ministry and \
                        f" {sp.key} " in low:
                    firsts.add(first_key)
                    e.first_formulas.append(sp.phrase)
    return Timeline(topic=topic, entries=entries, stock_phrases=stock,
                    formulas=first_said(items, stock))


def first_said(items: list[QAItem], stock: list[StockPhrase]) -> list[Formula]:
    """The formulas with the day each was first and last said, in the order they appeared; a
    formula is dropped when its ministry held DROPPED_AFTER later briefings on the topic
    without it."""
    days: dict[str, set[tuple[date, str]]] = defaultdict(set)
    for it in items:
        if it.date and it.kind != "procedural":
            days[it.ministry or ""].add((it.date, it.entry_key))
    out = []
    for sp in stock:
        mine = days[sp.ministry]
        later = sum(1 for d, _ in mine if sp.last_seen and d > sp.last_seen)
        during = sum(1 for d, _ in mine if sp.first_seen and sp.last_seen
                     and sp.first_seen <= d <= sp.last_seen)
        # as often as it was used while in use, it would have come back at least twice since
        expected = sp.count * later / max(during, 1)
        out.append(Formula(sp.phrase, sp.ministry, sp.first_seen, sp.last_seen,
                           dropped=later >= DROPPED_AFTER and expected >= 2))
    out.sort(key=lambda f: (f.first_seen or date.min, f.ministry, f.phrase))
    return out
