"""The labelled-transcript engine shared by every Q&A style.

A style (see `styles/`) says which speaker labels ask, answer, follow up or moderate; the engine
turns paragraphs into items:

* junk paragraphs (time/place lines, "END", "###", timestamps, site footers, "(The briefing was
  concluded at …)") are dropped; "(Similar question from …)" goes to the current item's notes;
* paragraphs before the first question are opening statements, one item per announcement group
  (a new group starts at a speaker label, after a heading, or — per style — at every paragraph
  or at an announcement opener such as "Also," / "At the invitation of");
* a question label opens an item; unlabelled paragraphs continue whatever is being collected;
* an answer label switches to the answer; several answering officials become "A; B";
* "Follow-up:" / "追问：" (or, for anonymous questions, "And …" after a short answer) sets
  `follows` to the index of the item it continues.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from re import Pattern

from ..lazy_regex import lazy_compile
from ..models import QAItem
from .clean import normalize_space

# ---------------------------------------------------------------------------------------------
# Labels

_Q_ANON = re.compile(r"^Q(?:[\u00a0 \t]*[:\uff1a][\u00a0 \t]*|[\u00a0 \t]+)(?=\S)(?P<rest>.*)$", re.S)
# A question whose asker's name the page lost (": Several delegations are visiting …").
_EMPTY_LABEL = re.compile(r"^[:\uff1a][\u00a0 \t]*(?=\S)(?P<rest>.*)$", re.S)
_WORD = r"(?:[A-Z\u00c0-\u00de(][\w.'\u2019&()/\u00c0-\u024f-]*|of|the|de|and|for|du|al|el|von|van|der|la|le|da|from|at|in|on|with|to|des|di)"
_LATIN = re.compile(
    rf"^(?P<label>{_WORD}(?:(?:\s|,\s?){_WORD}){{0,7}})[\u00a0 \t]*[:\uff1a](?P<rest>(?:[\s\u00a0].*)?|(?=[\u00a0 \t]*$))$",
    re.S,
)
# "华春莹：", "新华社记者：", "《环球时报》记者：", "总台CGTN记者 ：" (full- or half-width colon)
# "Hua Chunying:China opposes …" — a name of two to five words glued to its text (a page glitch)
_LATIN_TIGHT = re.compile(rf"^(?P<label>[A-Z][\w'\u2019-]*(?: {_WORD}){{1,4}})[:\uff1a](?P<rest>[A-Z\u201c\"].*)$", re.S)
_CJK = re.compile(
    r"^(?P<label>[\u4e00-\u9fff\u00b7A-Za-z0-9\uff08\uff09()\u300a\u300b\u3008\u3009]{1,20}?)[ \t\u00a0\u3000]*[\uff1a:]"
    r"(?P<rest>.*)$",
    re.S,
)
# Questions put after the briefing: "会后有记者问及：", "会后，有记者问及：", "会后有媒体问到："
_AFTER_BRIEFING_ZH = re.compile(
    r"^(?P<label>会后[，,]?[ \u3000]*有?(?:记者|媒体)(?:问及|问到|提问|询问|追问|问)[\u4e00-\u9fff]{0,8}?)[ \t\u00a0\u3000]*[\uff1a:]"
    r"(?P<rest>.*)$",
    re.S,
)
_LOWER_CONNECTORS = {"of", "the", "de", "and", "for", "du", "al", "el", "von", "van", "der", "la", "le",
                     "da", "from", "at", "in", "on", "with", "to", "des", "di"}
# Labels that are page furniture, not speakers.
_NON_SPEAKER = re.compile(
    r"^(?:links?|copyright|source|sources|photo|photos|caption|published|updated|posted|tags?|"
    r"related|share|print|note|notes|editor'?s note|read more|see also|disclaimer|category|"
    r"categories|location|date|time|subject|title|keywords|topics?|by|via|attachments?|"
    r"watch|listen|download|contact|email|tel|phone|fax|http|https|www|"
    r"来源|责任编辑|链接|相关链接|编辑)$",
    re.I,
)


@dataclass
class Label:
    label: str  # as written, whitespace-normalised ("Q" for the anonymous White House marker)
    rest: str  # the paragraph text after the label


def parse_label(para: str) -> Label | None:
    """Split a leading speaker label off `para` ("Reuters: …", "MS. PSAKI: …", "Q\\xa0\\xa0…")."""
    m = _Q_ANON.match(para)
    if m:
        return Label("Q", m.group("rest").strip())
    m = _EMPTY_LABEL.match(para)
    if m:
        return Label("Q", m.group("rest").strip())
    if ":" in para[:90] or "\uff1a" in para[:40]:
        m = _AFTER_BRIEFING_ZH.match(para)
        if m:
            return Label(re.sub(r"[，,\s]", "", m.group("label")), m.group("rest").strip())
        m = _LATIN.match(para)
        if m:
            label = normalize_space(m.group("label"))
            last = label.split()[-1].lower()
            if last not in _LOWER_CONNECTORS and len(label) <= 80 and not _NON_SPEAKER.match(label):
                return Label(label, m.group("rest").strip())
        m = _LATIN_TIGHT.match(para)
        if m and m.group("label").split()[-1].lower() not in _LOWER_CONNECTORS and not _NON_SPEAKER.match(m.group("label")):
            return Label(m.group("label"), m.group("rest").strip())
        m = _CJK.match(para)
        if m:
            label = normalize_space(m.group("label"))
            # digits and 《》 only inside Chinese labels ("总台CGTN记者"): "10:30" is not a label
            plain = not _CJK_CHAR.search(label)
            if not _NON_SPEAKER.match(label) and not (plain and re.search(r"[\d\u300a\u300b\u3008\u3009]", label)):
                return Label(label, m.group("rest").strip())
    return None


# ---------------------------------------------------------------------------------------------
# Junk, notes, headings

_JUNK = re.compile(
    r"""^(?:
      \(?\[?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s*m\.?)?\s*(?:[A-Z]{2,5}|local\ time|hrs)?\.?\]?\)?   # time lines
    | (?:END|ENDS|\#\#\#|\*\*\*|-+\s*END\s*-+|—\s*END\s*—|\(END\)|\[END\]|-\s*\d+\s*-|FIN|完|（完）|\(完\))\.?
    | (?:links?|copyright|©|all\ rights\ reserved|back\ to\ top|print\ this|share\ this|follow\ us|
         subscribe|related\ (?:stories|articles|content)|tags?:|published:|updated:|posted:|
         source:|editor:|责任编辑|来源：|打印|关闭窗口|【打印】|\[print\]|\[close\])\b.*
    | \(?(?:the\ )?(?:press\ )?(?:briefing|conference|press\ conference|meeting|call|gaggle)
        \ (?:was\ |is\ )?(?:concluded|ended|adjourned|closed|over)\b.*
    | \(?(?:end\ of\ (?:transcript|briefing|the\ briefing))\)?\.?
    | \(?(?:transcript|video|audio)\ (?:begins|ends)\)?\.?
    | \[?\(?\d{1,2}:\d{2}:\d{2}\)?\]?
    | \#(?:\s*\#){2,}
    | \(?(?:concludes|concluded|ends|applause|laughter|crosstalk)\)?\.?
    | (?:highlights\ of\ the\ (?:noon\ )?briefing|the\ following\ is\ a\ near[- ]verbatim\ transcript|
         for\ information\ media|not\ an\ official\ record)\b.*
    | [(（]?(?:记者会结束|发布会结束)[^)）]{0,20}[)）]?
    )$""",
    re.I | re.X,
)
_WEEKDAY_LINE = re.compile(
    r"^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    r"(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})(?:\s*[,\u2013-]\s*\d{1,2}:\d{2}.*)?$",
    re.I,
)
_NOTE = re.compile(
    r"^[(\[（](?:similar|same|related)\s+questions?\s+(?:from|by|were|was)\b.*[)\]）]$"
    r"|^[(\[（](?:同类问题|类似问题|同样问题).*[)\]）]$",
    re.I,
)
_TIMESTAMP_PREFIX = re.compile(
    r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?\s?[Mm]\.?(?:\s+[A-Z]{2,4}\b)?)?[\])]?\s+(?=\S)")
_SECTION_HEADINGS = re.compile(
    r"^(?:questions?\s+and\s+answers?|q\s*&\s*a|answers? to (?:media )?questions?:?|"
    r"(?:opening|introductory) (?:remarks|statement)s?|briefing highlights|highlights|"
    r"答记者问|记者提问)[.:]?$",
    re.I,
)
_SENTENCE_END = lazy_compile(r"[.!?\u3002\uff01\uff1f:\uff1a…][\"\u201d\u2019')\]\uff09]*$")


def is_junk(para: str) -> bool:
    p = para.strip()
    if not p:
        return True
    if len(p) <= 160 and _JUNK.match(p):
        return True
    if len(p) <= 60 and _WEEKDAY_LINE.match(p):
        return True
    return False


def is_note(para: str) -> bool:
    return len(para) <= 300 and _NOTE.match(para.strip()) is not None


def is_heading(para: str) -> bool:
    """A short line without closing punctuation: a title, a place line or a topic heading."""
    p = para.strip()
    if len(p) > 120 or not p:
        return False
    if _SENTENCE_END.search(p):
        return False
    return len(p.split()) <= 16 or sum(1 for c in p if "\u4e00" <= c <= "\u9fff") <= 40


# Opening-statement pleasantries, stripped from the start of a statement.
_PLEASANTRY_SENT = lazy_compile(
    r"^(?:(?:okay|ok|all right|alright|so|well),?\s+)?(?:good (?:morning|afternoon|evening)\b[^.!?]{0,60}|"
    r"hi(?:,? (?:everyone|everybody|all))?|hello(?:,? (?:everyone|everybody|all))?|"
    r"hey,? (?:everyone|everybody)|welcome[^.!?]{0,60}|thank you[^.!?]{0,30}|thanks[^.!?]{0,30}|"
    r"i(?:'|’)?(?:ve| have)(?: got)? (?:\w+ ){0,3}(?:announcements?|items?|things?|updates?|statements?)[^.!?]{0,50}|"
    r"(?:let me|i(?:'|’)d like to|i will|i(?:'|’)ll) (?:start|begin)(?: with| by)?[^.!?]{0,50}|"
    r"(?:now,? )?(?:the floor is (?:now )?open[^.!?]{0,40}|i(?:'|’)m (?:now )?(?:happy|ready) to take (?:your )?questions)|"
    r"(?:now,? )?i(?:'|’)?(?:d| would| will|ll)? (?:be happy to |now )?take (?:your )?questions|"
    r"下午好|上午好|大家好|今天我(?:有|先)?[^。]{0,12}(?:消息|发布)[^。]{0,10}|现在(?:，)?(?:我)?(?:愿意)?(?:回答|请)[^。]{0,12}提问|以下是[^。]{0,12})"
    r"[.!?\u3002\uff01\uff1f]*$",
    re.I,
)
_SENT_SPLIT = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])[\"'\u201d\u2019]?\s*")


def strip_pleasantries(text: str) -> str:
    """Drop leading greeting/"I have two announcements" sentences from a statement paragraph."""
    rest = text.strip()
    for _ in range(6):
        parts = _SENT_SPLIT.split(rest, maxsplit=1)
        first = parts[0].strip()
        if first and len(first) <= 120 and _PLEASANTRY_SENT.match(first):
            rest = parts[1].strip() if len(parts) > 1 else ""
            if not rest:
                return ""
        else:
            break
    return rest


def is_pleasantry(text: str) -> bool:
    return not strip_pleasantries(text)


# ---------------------------------------------------------------------------------------------
# Styles

Role = str  # "q" | "fu" | "a" | "mod" | "junk"


def speaker_in_title(pattern: re.Pattern[str]) -> Callable[[str], str | None]:
    """A style's `title_speaker`: the first group of `pattern` found in the title, or None."""
    def title_speaker(title: str) -> str | None:
        m = pattern.search(title)
        return m.group(1) if m else None
    return title_speaker


@dataclass
class Style:
    name: str
    # Regexes over the normalised label (full match, case-insensitive unless compiled otherwise).
    q_labels: Pattern[str] | None = None
    fu_labels: Pattern[str] | None = None
    a_labels: Pattern[str] | None = None
    mod_labels: Pattern[str] | None = None
    # What an unrecognised label is: "a" (officials), "q" (outlets) or "auto".
    unknown: str = "auto"
    anon_answer: Pattern[str] | None = None  # "A", "Answer", "答": speaker taken from the title
    statement_per_paragraph: bool = False
    merge_consecutive_questions: bool = False
    title_speaker: Callable[[str], str | None] | None = None
    speaker_name: Callable[[str], str] | None = None  # label → display name
    asker_from: Callable[[str, str], str | None] | None = None  # (label, question) → asker
    known_officials: frozenset[str] = field(default_factory=frozenset)
    aside_labels: Pattern[str] | None = None  # journalists' remarks ("Correspondent:"): no new item unless a question
    topic_headings: bool = False  # headings before the questions are topics: note them on statements
    # labels not fixed by the patterns above must look like this to be a speaker ("MS. PSAKI"),
    # else the paragraph is text ("On Russia: we …", "Inflation: …")
    speaker_label: Pattern[str] | None = None
    # a reporter's words inside an exchange ("记者：", "Journalist:", "记者澄清："): when the label
    # is also a question label, only after the spokesperson asked something back
    reply_labels: Pattern[str] | None = None
    # an unlabelled paragraph after a question that ends in a question mark is the answer
    # (the "答：" / "A:" label the page left out)
    unlabelled_answers: bool = False
    detect: Callable[[Evidence], float] | None = None


@dataclass
class Evidence:
    """What style detection looks at: labels counted over the paragraphs, plus the title."""

    title: str
    paragraphs: list[str]
    labels: list[Label | None]
    counts: dict[str, int]
    text_sample: str

    def count(self, rx: Pattern[str]) -> int:
        return sum(n for lab, n in self.counts.items() if rx.fullmatch(lab))


# a label on its own: "新华社记者", "《环球时报》记者", "Hua Chunying", "Xinhua News Agency"
_LABEL_ALONE = lazy_compile(
    r"^(?:[\u4e00-\u9fff\u00b7A-Za-z0-9\u300a\u300b\uff08\uff09]{1,20}"
    r"|[A-Z][\w.'\u2019&-]*(?: (?:[A-Z][\w.'\u2019&-]*|of|the|and)){0,5})$"
)


def join_split_labels(paragraphs: list[str]) -> list[str]:
    """Rejoin a speaker label the page split from its colon ("新华社记者" / "：据报道…")."""
    out: list[str] = []
    for para in paragraphs:
        stripped = para.lstrip(" \t\u00a0\u3000")
        if out and stripped[:1] in (":", "\uff1a") and _LABEL_ALONE.match(out[-1].strip()):
            out[-1] = out[-1].strip() + stripped
        else:
            out.append(para)
    return out


def gather_evidence(title: str, paragraphs: list[str]) -> Evidence:
    paragraphs = join_split_labels(paragraphs)
    labels = [parse_label(p) for p in paragraphs]
    counts: dict[str, int] = {}
    for lab in labels:
        if lab is not None:
            counts[lab.label] = counts.get(lab.label, 0) + 1
    sample = " ".join(paragraphs[:8])[:3000]
    return Evidence(title or "", paragraphs, labels, counts, sample)


_ROLE_PREFIX = re.compile(
    r"^(?:(?:Deputy |Chief |Official |Foreign Ministry |Department )?Spokes(?:person|man|woman)|Press Secretary|"
    r"(?:Foreign )?Minister|Ambassador|Secretary|Director)\s*,?\s+(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})$"
)


_KEEP_CAPS = frozenset({"OF", "AND", "THE"})  # joiners inside a name are lower case
_HONORIFICS = frozenset({"MR", "MS", "MRS", "DR"})
_VOWEL = re.compile(r"[AEIOUY]")


def default_speaker_name(label: str) -> str:
    """'MS. JEAN-PIERRE' → 'Ms. Jean-Pierre'; names already in mixed case are kept."""
    label = normalize_space(label)
    m = _ROLE_PREFIX.match(label)
    if m and len(m.group("name").split()) >= 2:
        label = m.group("name")
    if label.isupper() and any(c.isalpha() for c in label):
        words: list[str] = []
        for w in label.split(" "):
            if w in _KEEP_CAPS and words:
                words.append(w.lower())
            elif len(w) <= 3 and w.isalpha() and not _VOWEL.search(w) and w not in _HONORIFICS:
                words.append(w)  # an acronym or initials said as letters: "BTS", "RM"
            else:
                words.append("-".join(part[:1] + part[1:].lower() for part in w.split("-")))
        label = " ".join(words)
        label = re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), label)
        label = re.sub(r"([’'])([a-z])", lambda m: m.group(1) + m.group(2).upper(), label)
    return label


_ASKED_BY = re.compile(r"\s*\((?:Question|Q|Asked) (?:by|from) [^()]{2,80}\)(?=\s*(?:\n|$))")
_FOLLOW_START = re.compile(
    r"^(?:and\b|but\b|so\b|just (?:to )?follow|(?:a |one |quick |just a )?follow[- ]?up|"
    r"following up|to follow|on that\b|sorry,? (?:just|but|to)|also\b)",
    re.I,
)


@dataclass
class _Builder:
    kind: str
    question: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    askers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    follows: int | None = None
    answering: bool = False
    pos: int = -1  # position in the builder list (identity, not equality)


def _role(style: Style, label: str, answer_set: set[str]) -> Role:
    if style.fu_labels is not None and style.fu_labels.fullmatch(label):
        return "fu"
    if style.q_labels is not None and style.q_labels.fullmatch(label):
        return "q"
    if style.mod_labels is not None and style.mod_labels.fullmatch(label):
        return "mod"
    if style.aside_labels is not None and style.aside_labels.fullmatch(label):
        return "aside"
    if style.a_labels is not None and style.a_labels.fullmatch(label):
        return "a"
    if style.anon_answer is not None and style.anon_answer.fullmatch(label):
        return "a"
    if label in answer_set:
        return "a"
    if style.unknown == "q":
        return "q"
    return "a" if style.unknown == "a" else "q"


def resolve_answer_labels(style: Style, ev: Evidence, title_name: str | None) -> set[str]:
    """For styles whose unknown labels are outlets: which labels are the officials?"""
    answer: set[str] = set()
    known = {k.lower() for k in style.known_officials}
    tn = (title_name or "").lower()
    for lab in ev.counts:
        low = lab.lower()
        if low in known or (tn and (low == tn or low in tn.split() or tn in low)):
            answer.add(lab)
    if style.unknown == "auto":
        has_q_words = style.q_labels is not None and ev.count(style.q_labels) > 0
        if has_q_words:
            # "Q"/"Question" labels present: every other label is an official
            for lab in ev.counts:
                if not _role_fixed(style, lab):
                    answer.add(lab)
        elif not answer and ev.counts:
            candidates = [
                (n, lab) for lab, n in ev.counts.items() if not _role_fixed(style, lab)
            ]
            if candidates:
                n, lab = max(candidates)
                if n >= 2 or len(candidates) == 1:
                    answer.add(lab)
    return answer


def _role_fixed(style: Style, label: str) -> bool:
    for rx in (style.fu_labels, style.q_labels, style.mod_labels, style.a_labels, style.anon_answer, style.aside_labels):
        if rx is not None and rx.fullmatch(label):
            return True
    return False


_STATEMENT_OPENER = lazy_compile(
    r"^(?:also\b|next\b|finally\b|lastly\b|and (?:lastly|finally|one more|also|then)\b|"
    r"(?:first|second|third|fourth|fifth)(?:ly)?\b|one more\b|another\b|"
    r"at the invitation of|i (?:also )?(?:want|wanted|would like|'d like|’d like) to\b|"
    r"i have (?:one|another|a)\b|on (?:a|another) (?:different|separate) (?:note|topic)|"
    r"as agreed (?:by|between)\b|(?:starting |beginning )?from today\b|"
    r"[一二三四五六七八九十]{1,3}[、．.]|"
    r"应[^。]{1,30}邀请|经[^。]{0,10}商定)",
    re.I,
)

_MOD_ASKER = lazy_compile(
    r"(?:go(?:es)? to|turn to|next (?:question )?(?:is )?(?:from|to)|question (?:is )?from|"
    r"line of|hear from|call on|one more,? from|from)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})"
    r"(?:\s*(?:,|of|from|with|at)\s+(?:the\s+)?(?P<outlet>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}))?",
)


# "********" between the questions and the closing notices (holiday schedule, next briefing)
_CLOSING_RULE = re.compile(r"^[*\uff0a\u203b]{3,}$")
# a line that announces questions put after the briefing ("The following question was raised
# after the press conference:"); the questions follow with their own labels
_AFTER_BRIEFING_LINE = lazy_compile(
    r"^(?:the following questions? (?:was|were) (?:raised|asked|put) |(?:questions? )?(?:raised|asked) )"
    r"(?:by [\w ]{1,30} )?after the (?:regular )?(?:press )?(?:conference|briefing)[.:]?$"
    r"|^after the (?:regular )?(?:press )?(?:conference|briefing),? (?:the following questions? (?:was|were) "
    r"(?:raised|asked)|(?:a|some) (?:journalists?|reporters?) asked(?: the following)?)[.:]?$"
    r"|^会后[，,]?有?(?:记者|媒体)(?:问及|问到|提问)(?:以下|如下)问题[。：:]?$",
    re.I,
)
# a question put back to the reporter ends the answer so far: "你看到了吗？（路透社记者……）"
_ASKS_BACK = re.compile(r"[?\uff1f][\"'\u201d\u2019\u300d]*(?:\s*[(\uff08][^()\uff08\uff09]{0,40}[)\uff09])?\s*$")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
# a notice about the next briefings after the last answer ("因工作安排原因，…例行记者会提前至14:30举行")
_SCHEDULE_NOTICE = re.compile(
    r"^(?:因[^。，]{0,10}安排(?:原因)?|根据[^。，]{0,20}安排|due to (?:scheduling|schedule) reasons?|"
    r"according to the [\w ]{0,40}holiday (?:schedule|arrangements?))[,，]"
    r"(?=.{0,80}(?:例行记者会|记者会|press conference))",
    re.I,
)


def word_count(text: str) -> int:
    """Words in `text`, a Chinese character counting as half a word (no spaces to split on)."""
    cjk = len(_CJK_CHAR.findall(text))
    return len(_CJK_CHAR.sub(" ", text).split()) + (cjk + 1) // 2


def segment_paragraphs(
    style: Style,
    paragraphs: list[str],
    *,
    title: str = "",
    evidence: Evidence | None = None,
) -> list[QAItem]:
    """Turn a transcript's paragraphs into items (index, kind, text, speaker, asker, follows)."""
    ev = evidence or gather_evidence(title, paragraphs)
    seg = _Segmenter(style, ev, title)
    for para, lab in zip(ev.paragraphs, ev.labels, strict=True):
        seg.feed(para, lab)
    return seg.items()


class _Segmenter:
    """The state of one transcript's segmentation, with one handler per paragraph role."""

    def __init__(self, style: Style, ev: Evidence, title: str):
        self.style = style
        self.title_name = style.title_speaker(title) if (style.title_speaker and title) else None
        self.answer_set = resolve_answer_labels(style, ev, self.title_name)
        self.roles: dict[str, Role] = {lab: _role(style, lab, self.answer_set) for lab in ev.counts}
        self.name_of = style.speaker_name or default_speaker_name
        self.title_tokens = {t.lower() for t in re.findall(r"[\w'’-]{3,}", self.title_name or "")}
        self.builders: list[_Builder] = []
        self.cur: _Builder | None = None
        self.in_qa = False
        self.seen_content = False
        self.pending_heading: str | None = None
        self.pending_asker: str | None = None
        self.last_statement_speaker: str | None = self.title_name

    def speaker_for(self, label: str) -> str:
        style, title_name = self.style, self.title_name
        if style.anon_answer is not None and style.anon_answer.fullmatch(label):
            return title_name or self.name_of(label)
        name = self.name_of(label)
        if self.title_tokens:
            toks = [t.lower() for t in re.findall(r"[\w'’-]{3,}", name)]
            if toks and toks[-1] in self.title_tokens and title_name:  # (title_tokens come from it)
                return title_name  # "Press Secretary ONO" → "Ono Hikariko", "MS. JEAN-PIERRE" → full name
        return name

    def new_statement(self, speaker: str | None) -> _Builder:
        b = _Builder(kind="statement")
        if speaker:
            b.speakers.append(speaker)
        if self.pending_heading and self.style.topic_headings:
            b.notes.append(self.pending_heading)
        self.pending_heading = None
        b.pos = len(self.builders)
        self.builders.append(b)
        return b

    # -- one paragraph ------------------------------------------------------------------------
    def feed(self, para: str, lab: Label | None) -> None:
        style = self.style
        para = para.strip()
        if _CLOSING_RULE.match(para):
            if self.in_qa:  # what follows are closing notices, not part of the last answer
                self.in_qa = False
                self.cur = None
                self.last_statement_speaker = self.title_name
            return
        if lab is None and _AFTER_BRIEFING_LINE.match(para):
            return
        if is_junk(para):
            return
        if lab is None:
            m = _TIMESTAMP_PREFIX.match(para)
            if m:
                para = para[m.end():]
                lab = parse_label(para)
        if is_junk(para):
            return
        if is_note(para):
            target = self.cur if self.cur is not None else (self.builders[-1] if self.builders else None)
            if target is not None:
                target.notes.append(normalize_space(para))
            return
        if (lab is not None and style.speaker_label is not None and not _role_fixed(style, lab.label)
                and not style.speaker_label.search(lab.label)
                and not (style.reply_labels is not None and style.reply_labels.fullmatch(lab.label))):
            lab = None
        role = self.roles.get(lab.label) if lab is not None else None
        if lab is not None and role is None:
            role = _role(style, lab.label, self.answer_set)
        if lab is None and _SECTION_HEADINGS.match(para):
            return
        if lab is None and (is_heading(para) or (not self.seen_content and word_count(para) <= 4)):
            if not self.in_qa:
                if style.topic_headings:
                    self.pending_heading = normalize_space(para)
                if self.seen_content:
                    self.cur = None
                return
            if self.cur is not None and not self.cur.answering and not self.cur.question:
                return
            # a short unpunctuated line inside Q&A: keep it as text
        text = normalize_space(lab.rest if lab is not None else para)
        label = lab.label if lab is not None else ""  # roles "q" and "a" always have a label

        if role == "aside":
            role = self.aside(text)
            if role is None:
                return
        if lab is not None and self.reply(role, label, text):
            return
        if role in ("q", "fu"):
            self.question(role, label, text)
        elif role == "mod":
            self.moderator(text)
        elif role == "a":
            self.answer(label, text)
        else:
            self.unlabelled(para, text)

    def aside(self, text: str) -> Role | None:
        """An aside ("crosstalk", an inaudible): part of a question, a follow-up, or nothing."""
        cur = self.cur
        if is_pleasantry(text) or not self.in_qa:
            return None
        if cur is not None and not cur.answering:
            cur.question.append(text)
            return None
        return "fu" if text.rstrip().endswith("?") else None

    def reply(self, role: Role | None, label: str, text: str) -> bool:
        """A reporter's words inside the exchange ("记者：我看到有报道这样说。" after the spokesperson
        asked back, "记者澄清：是的。"): kept with the question; True when taken."""
        style, cur = self.style, self.cur
        if style.reply_labels is None or not style.reply_labels.fullmatch(label):
            return False
        if cur is None or cur.kind != "qa" or not cur.answering or not cur.answer:
            return False
        last = cur.answer[-1]
        if role in ("q", "fu") and not (_ASKS_BACK.search(last) and word_count(last) <= 30):
            return False  # a new question (a long answer that ends in a rhetorical question asks nothing back)
        if text:
            cur.question.append(text)
        return True

    def question(self, role: Role, label: str, text: str) -> None:
        style, builders, cur = self.style, self.builders, self.cur
        self.in_qa = True
        self.seen_content = True
        asker = None
        if role == "q" and label not in ("Q",):
            asker = style.asker_from(label, text) if style.asker_from else None
        elif role == "q" and style.asker_from:
            asker = style.asker_from(label, text)
        if role == "q" and asker is None and self.pending_asker:
            asker = self.pending_asker
        self.pending_asker = None
        prev = next((b for b in reversed(builders) if b.kind == "qa"), None)
        if (
            style.merge_consecutive_questions
            and cur is not None
            and cur.kind == "qa"
            and not cur.answering
            and role == "q"
        ):
            if text:
                cur.question.append(text)
            if asker and asker not in cur.askers:
                cur.askers.append(asker)
            return
        b = _Builder(kind="qa")
        if role == "fu":
            # "法新社记者追问：" names who follows up; a bare "追问：" / "Follow-up:" is the previous asker
            own = style.asker_from(label, text) if style.asker_from else None
            if own and style.fu_labels is not None and not style.fu_labels.fullmatch(own):
                b.askers = [own]
            if prev is not None:
                b.follows = prev.pos
                if prev.askers and not b.askers:
                    b.askers = list(prev.askers)
        else:
            if asker:
                b.askers.append(asker)
            if prev is not None and prev.answering:
                same_asker = asker is not None and prev.askers == [asker]
                short = sum(len(a) for a in prev.answer) < 400
                if same_asker or (asker is None and not prev.askers and short and _FOLLOW_START.match(text)):
                    b.follows = prev.pos
        if text:
            b.question.append(text)
        b.pos = len(builders)
        builders.append(b)
        self.cur = b

    def moderator(self, text: str) -> None:
        m = _MOD_ASKER.search(text)
        if m:
            name, outlet = m.group("name"), m.group("outlet")
            outlet = outlet.rstrip(".,;:") if outlet else outlet
            self.pending_asker = f"{name}, {outlet}" if outlet else name

    def answer(self, label: str, text: str) -> None:
        spk = self.speaker_for(label)
        self.seen_content = True
        cur = self.cur
        if not self.in_qa and len(text.split()) <= 3 and text.endswith("?"):
            return  # "Spokesperson: Edie?" — giving the floor
        if self.in_qa and cur is not None and cur.answer and is_pleasantry(text):
            return  # "Thanks, John." from a second official adds nothing
        if not self.in_qa:
            self.last_statement_speaker = spk
            body = strip_pleasantries(text)
            if body:
                self.cur = self.new_statement(spk)
                self.cur.answer.append(body)
            else:
                self.cur = None
            return
        if cur is None:
            return
        cur.answering = True
        if spk not in cur.speakers:
            cur.speakers.append(spk)
        if text:
            cur.answer.append(text)

    def unlabelled(self, para: str, text: str) -> None:
        style, cur = self.style, self.cur
        if not self.in_qa:
            if not self.seen_content and is_heading(para):
                return
            self.seen_content = True
            body = strip_pleasantries(text) if (cur is None or style.statement_per_paragraph) else text
            if not body:
                return
            starts_new = (
                cur is None
                or style.statement_per_paragraph
                or _STATEMENT_OPENER.match(body) is not None
            )
            if starts_new or cur is None:  # (cur is None makes starts_new true)
                cur = self.cur = self.new_statement(self.last_statement_speaker)
            cur.answer.append(body)
            return
        if cur is None:
            return
        if cur.kind == "qa" and cur.answering and _SCHEDULE_NOTICE.match(text):
            self.cur = self.new_statement(self.title_name)  # a closing notice, not the answer
            self.cur.answer.append(text)
            return
        if (style.unlabelled_answers and cur.kind == "qa" and not cur.answering and cur.question
                and _ASKS_BACK.search(cur.question[-1]) and not re.search(r"[?\uff1f]", text)):
            cur.answering = True  # "追问：…吗？" answered without an "答：" label
        if cur.answering or cur.kind == "statement":
            cur.answer.append(text)
        else:
            cur.question.append(text)

    # -- the result -----------------------------------------------------------------------------
    def items(self) -> list[QAItem]:
        builders, title_name = self.builders, self.title_name
        # trailing "Thank you, everyone." on the last answer is not part of the answer
        if builders and builders[-1].answer and len(builders[-1].answer) > 1 and is_pleasantry(builders[-1].answer[-1]):
            builders[-1].answer.pop()

        items: list[QAItem] = []
        remap: dict[int, int] = {}
        for i, b in enumerate(builders):
            question = _ASKED_BY.sub("", "\n\n".join(b.question)).strip()
            answer = "\n\n".join(b.answer).strip()
            if not question and not answer:
                continue
            speakers = b.speakers or ([title_name] if title_name and b.kind in ("qa", "statement") and b.answer else [])
            remap[i] = len(items)
            items.append(
                QAItem(
                    index=len(items),
                    kind=b.kind,
                    question=question if b.kind == "qa" else "",
                    answer=answer,
                    speaker="; ".join(speakers) if speakers else None,
                    asker="; ".join(b.askers) if b.askers else None,
                    follows=b.follows,
                    notes=list(b.notes),
                )
            )
        for it in items:
            if it.follows is not None:
                it.follows = remap.get(it.follows)
        return items
