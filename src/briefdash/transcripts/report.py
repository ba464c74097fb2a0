"""News reports of a briefing: no Q&A markers, the spokesperson named, the question paraphrased.

`looks_like_report(paragraphs)` scores the evidence; `segment_report(...)` returns ONE item of
kind "report": question = the paraphrased "when asked …" clause (else the lede), answer = the
article paragraphs after the lede that carry the spokesperson's remarks (headline, section line,
"Published:" lines and photo captions removed), speaker = the spokesperson's full name, date =
the briefing day the text names ("on Thursday" → the most recent Thursday on or before
publication), source = the outlet.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlparse

from ..models import QAItem
from .clean import normalize_space
from .dates import WEEKDAYS, date_from_text, resolve_weekday

__all__ = ["looks_like_report", "segment_report", "report_score"]

_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}"
_SPOKES = r"(?:chief\s+|deputy\s+|official\s+|a\s+|the\s+)?spokes(?:person|man|woman)"
_SPEAKER_PATTERNS = [
    # "Zhao Lijian, a spokesperson of the Chinese Foreign Ministry"
    re.compile(rf"(?P<name>{_NAME}),\s+(?:a|the|deputy|chief)?\s*(?:[\w-]+\s+){{0,5}}?spokes(?:person|man|woman)\b"),
    # "Foreign Ministry spokesperson Zhao Lijian said"
    re.compile(rf"[Ss]pokes(?:person|man|woman)\s+(?P<name>{_NAME})(?=[\s,.]|$)"),
    # "Spokesperson: Zhao Lijian"
    re.compile(rf"[Ss]pokes(?:person|man|woman):\s+(?P<name>{_NAME})"),
]
_MINISTRY = re.compile(
    r"(?:spokes(?:person|man|woman)\s+(?:of|for|at)\s+(?:the\s+)?(?P<a>[A-Z][\w ]*?(?:Ministry|Department|Office)(?: of [A-Z][\w ]*?)?)(?=[,.;]|\s+(?:said|made|told|on|at|when)\b))"
    r"|(?P<b>(?:[A-Z][\w-]+\s+){0,3}(?:Foreign\s+)?Ministry(?:\s+of\s+(?:[A-Z][\w-]+\s?)+)?)\s+spokes",
)
_CUES = [
    (re.compile(r"\b(?:said|told reporters|noted|stressed|remarked|made the remarks)\s+(?:at|during)\s+a\s+(?:routine|regular|daily|weekly|press)?\s*(?:press conference|press briefing|news conference|briefing)", re.I), 3),
    (re.compile(r"\bat\s+(?:a|the|Thursday's|Monday's|Tuesday's|Wednesday's|Friday's|the \w+day)\s+(?:routine |regular |daily |weekly )?(?:press conference|press briefing|news briefing|news conference|briefing)", re.I), 2),
    (re.compile(r"\bwhen asked (?:about|for|to|whether|if|on|how|what|why)\b|\bin response to (?:a )?(?:question|questions|query|a reporter)", re.I), 3),
    (re.compile(r"\bspokes(?:person|man|woman)\b", re.I), 2),
    (re.compile(r"\b(?:said|noted|stressed|added|urged|told)\b", re.I), 1),
]
_HEADLINE_JUNK = re.compile(
    r"^(?:published|updated|posted|source|editor|by|photo|file photo|\(?photo)\b|"
    r"^[A-Z][A-Z /&-]{2,40}$|"  # section line "CHINA / SOCIETY"
    r"\bphoto:\s|\bphoto by\b|\bphoto/|\(photo|\bfile photo\b|\bcredit:\s|\bimage:\s|\bvideo:\s",
    re.I,
)
_FOOTER = re.compile(r"^(?:links?|copyright|©|all rights reserved|related|share|tags?)\b", re.I)
_WHEN_ASKED = re.compile(
    r"(?:when|after being|while|upon being)\s+asked\s+(?P<q>(?:about|for (?:a )?(?:comment|response|reaction)s?\s+(?:on|to|about)|to comment on|to respond to|whether|if|how|what|why|on)\b[^.]*?)(?:\.\s|\.$|$)"
    r"|in response to (?:a |the )?(?:question|questions|query|queries)\s+(?P<q2>(?:about|on|regarding|over)\b[^.]*?)(?:\.\s|\.$|$)",
    re.I,
)
_STRIP_LEAD = re.compile(
    r"^(?:about|on|regarding|over|for (?:a )?(?:comment|response|reaction)s?\s+(?:on|to|about)|to comment on|to respond to)\s+",
    re.I,
)
_WEEKDAY_RX = "|".join(w.capitalize() for w in WEEKDAYS)
_BRIEFING_DAY = [
    re.compile(rf"\b(?:the|a|on)\s+({_WEEKDAY_RX})(?:['’]s)?\s+(?:routine |regular |daily |weekly )?(?:press conference|press briefing|news conference|briefing)"),
    re.compile(rf"\b({_WEEKDAY_RX})(?:['’]s)\s+(?:routine |regular |daily |weekly )?(?:press conference|press briefing|news conference|briefing)"),
    re.compile(rf"(?:press conference|press briefing|news conference|briefing)\s+on\s+({_WEEKDAY_RX})\b"),
    re.compile(rf"\b(?:said|told|stated|noted|stressed|urged|called|warned|slammed|said)\s+on\s+({_WEEKDAY_RX})\b"),
]
_ON_WEEKDAY = re.compile(rf"\bon\s+({_WEEKDAY_RX})\b")
_PUBLISHED = re.compile(r"(?:Published|Updated|Posted)\s*:?\s*(.+)", re.I)
_ATTRIB_VERBS = r"(?:said|says|noted|stressed|added|urged|told|pointed out|emphasized|emphasised|stated|warned|called|explained|remarked|reiterated|believed|expressed)"


def report_score(paragraphs: list[str], n_labels: int) -> float:
    if n_labels >= 3:
        return 0.0
    text = " ".join(paragraphs[:12])
    score = 0.0
    for rx, w in _CUES:
        if rx.search(text):
            score += w
    return score


def looks_like_report(paragraphs: list[str], n_labels: int = 0) -> bool:
    return report_score(paragraphs, n_labels) >= 5


def _find_speaker(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for rx in _SPEAKER_PATTERNS:
        for m in rx.finditer(text):
            name = m.group("name")
            words = name.split()
            # drop leading role words caught by the capitalised-run pattern
            while words and words[0] in ("Foreign", "Ministry", "Chinese", "The", "Spokesperson", "Deputy", "Chief", "Official"):
                words = words[1:]
            if len(words) < 2:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), " ".join(words))
            break
    return best[1] if best else None


def _published_from_text(paragraphs: list[str]) -> date | None:
    for p in paragraphs[:6]:
        m = _PUBLISHED.match(p.strip())
        if m:
            d = date_from_text(m.group(1))
            if d:
                return d
    return None


def _briefing_date(paras: list[str], lede_idx: int | None, published: date | None) -> date | None:
    body = " ".join(paras)
    for rx in _BRIEFING_DAY:
        m = rx.search(body)
        if m and published:
            return resolve_weekday(m.group(1), published)
    if lede_idx is not None and published:
        m = _ON_WEEKDAY.search(paras[lede_idx])
        if m:
            return resolve_weekday(m.group(1), published)
    return published


def _is_caption(p: str, headline: str | None) -> bool:
    s = p.strip()
    if headline and s == headline:
        return True
    if _HEADLINE_JUNK.search(s) and len(s) < 200:
        return True
    return False


def _body_paragraphs(paras: list[str], headline: str | None) -> list[str]:
    """The report's own paragraphs: repeated captions, the headline, section, footer and
    published lines and a trailing outlet signature left out."""
    seen: set[str] = set()
    body: list[str] = []
    for i, p in enumerate(paras):
        if p in seen:
            continue
        seen.add(p)
        if _FOOTER.match(p) and len(p) < 200:
            continue
        if _is_caption(p, headline):
            continue
        # a short first line without final punctuation is the headline
        if not body and len(p) < 200 and not re.search(r"[.!?”\"]$", p):
            continue
        # trailing outlet signature ("Global Times")
        if len(p) < 40 and not re.search(r"[.!?]$", p) and i == len(paras) - 1:
            continue
        body.append(p)
    return body


def _surname_candidates(speaker: str | None) -> set[str]:
    """The words a report may call the spokesperson by: the first and the last of the name
    (Chinese names are written family name first: "Zhao Lijian" → "Zhao")."""
    if not speaker:
        return set()
    parts = speaker.split()
    return {parts[0], parts[-1]}


def _find_question(body: list[str]) -> tuple[str, int | None]:
    """The question: the "when asked …" clause and its paragraph's index, else the lede."""
    for i, p in enumerate(body):
        m = _WHEN_ASKED.search(p)
        if m:
            q = (m.group("q") or m.group("q2") or "").strip().rstrip(",;")
            q = _STRIP_LEAD.sub("", q)
            # an empty clause falls back to the lede too
            return (q[:1].upper() + q[1:] if q else body[0]), i
    return (body[0] if body else ""), None


def _attribution(surnames: set[str]) -> re.Pattern[str] | None:
    """A paragraph attributing remarks to the spokesperson ("Zhao said", "he noted")."""
    if not surnames:
        return None
    names = "|".join(re.escape(s) for s in surnames)
    return re.compile(
        rf"\b(?:{names}|the spokes(?:person|man|woman)|(?:s)?he)\b[^.]{{0,80}}?\b{_ATTRIB_VERBS}\b|\b{_ATTRIB_VERBS}\s+(?:{names})\b",
        re.I,
    )


def _only_sets_up_question(p: str) -> bool:
    """A paragraph that only says the remarks answered a question, quoting none of them."""
    return bool(re.search(r"made the remarks|when asked|in response to", p, re.I)
                and not re.search(r"\bsaid that\b", p))


def _answer_paragraphs(body: list[str], surnames: set[str], q_idx: int | None) -> list[str]:
    """The answer: paragraphs after the lede, up to the last one attributing remarks to the
    spokesperson; the paragraph that only sets up the question is left out."""
    if not body:
        return []
    start = 1 if len(body) > 1 else 0
    attrib = _attribution(surnames)
    last = None
    for i in range(start, len(body)):
        if attrib is not None and attrib.search(body[i]):
            last = i
    end = (last + 1) if last is not None else len(body)
    answer = [body[i] for i in range(start, end)
              if not (i == q_idx and _only_sets_up_question(body[i]))]
    return answer or body[:1]


def _ministry_in(text: str) -> str | None:
    """The ministry the report names, if any."""
    m = _MINISTRY.search(text)
    if not m:
        return None
    return normalize_space(m.group("a") or m.group("b") or "") or None


def segment_report(
    paragraphs: list[str],
    *,
    title: str = "",
    published: datetime | date | None = None,
    feed_title: str = "",
    link: str | None = None,
    ministry: str | None = None,
) -> list[QAItem]:
    """A news report of a briefing as one item: the question it answers, the spokesperson's
    remarks as the answer, the briefing's date, speaker, ministry and source."""
    paras = [normalize_space(p) for p in paragraphs if p and p.strip()]
    body = _body_paragraphs(paras, normalize_space(title) if title else None)

    pub: date | None
    pub = published.date() if isinstance(published, datetime) else published
    if pub is None:
        pub = _published_from_text(paras) or date_from_text(title or "")

    full = " ".join(body)
    speaker = _find_speaker(full)
    lede_idx = 0 if body else None
    question, q_idx = _find_question(body)
    answer = "\n\n".join(_answer_paragraphs(body, _surname_candidates(speaker), q_idx))
    if ministry is None:
        ministry = _ministry_in(full)
    source = feed_title or (urlparse(link).netloc.removeprefix("www.") if link else "") or None

    from .position import extract_position

    item = QAItem(
        index=0,
        kind="report",
        question=question,
        answer=answer,
        date=_briefing_date(body, lede_idx, pub),
        ministry=ministry,
        speaker=speaker,
        asker=None,
        position=extract_position(answer),
        source=source,
    )
    return [item] if (item.answer or item.question) else []
