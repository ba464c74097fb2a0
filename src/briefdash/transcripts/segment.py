"""Split an entry's transcript into Q&A items.

`segment_entry(entry)` is the interface the rest of briefdash calls: HTML/text → paragraphs
(`clean.html_to_paragraphs`) → style (the entry's hint, else detection from speaker labels) →
items (`base.segment_paragraphs`, or `report.segment_report` for news reports) → date, ministry,
source and position filled in.
"""
from __future__ import annotations

from ..models import Entry, QAItem
from .base import gather_evidence, segment_paragraphs
from .clean import html_to_paragraphs
from .dates import briefing_date
from .names import clean_speaker, resolve_full_names
from .position import extract_position
from .procedural import is_procedural, is_procedural_statement
from .styles import STYLES

__all__ = ["segment_entry", "segment_text", "detect_style", "STYLE_NAMES"]

STYLE_NAMES = tuple(STYLES) + ("report",)
_HINT_ALIASES = {
    "china": "china_mfa", "mfa": "china_mfa", "china_mfa_en": "china_mfa", "china_old": "china_mfa_old",
    "china_zh": "china_mfa_zh", "state": "state_dept", "us_state": "state_dept", "wh": "white_house",
    "whitehouse": "white_house", "un": "un_noon", "russia": "russia_mfa", "japan": "japan_mofa",
    "india": "india_mea", "news": "report", "article": "report",
}


def _normalise_hint(hint: str | None) -> str | None:
    if not hint:
        return None
    h = hint.strip().lower().replace("-", "_").replace(" ", "_")
    h = _HINT_ALIASES.get(h, h)
    return h if h in STYLE_NAMES else None


def detect_style(paragraphs: list[str], title: str = "", hint: str | None = None) -> str:
    """The style name for these paragraphs: the hint when valid, else the best evidence."""
    h = _normalise_hint(hint)
    if h:
        return h
    ev = gather_evidence(title, paragraphs)
    return _detect(ev)


def _detect(ev) -> str:
    n_labels = sum(ev.counts.values())
    best_name, best = "generic", 0.0
    for name, style in STYLES.items():
        if style.detect is None:
            continue
        s = style.detect(ev)
        if s > best:
            best_name, best = name, s
    if n_labels >= 3:
        return best_name
    from .report import report_score  # read only for a page with few labels: a news report?

    rs = report_score(ev.paragraphs, n_labels)
    if rs >= 5:
        return "report"
    if best <= 0.5 and n_labels < 2:
        return "report" if rs >= 3 else "generic"
    return best_name


def segment_text(
    content: str,
    *,
    title: str = "",
    style: str | None = None,
    ministry: str | None = None,
    published=None,
    feed_title: str = "",
    link: str | None = None,
) -> list[QAItem]:
    """Like `segment_entry`, from loose arguments."""
    paragraphs = html_to_paragraphs(content or "")
    if not paragraphs:
        return []
    hint = _normalise_hint(style)
    ev = gather_evidence(title, paragraphs)
    name = hint or _detect(ev)
    if name == "report":
        from .report import segment_report

        items = segment_report(
            paragraphs, title=title, published=published, feed_title=feed_title, link=link,
            ministry=ministry,
        )
        for it in items:
            it.speaker = clean_speaker(it.speaker)
        return items
    items = segment_paragraphs(STYLES[name], paragraphs, title=title, evidence=ev)
    _clean_speakers(items, title, paragraphs)
    d = briefing_date(title or "", link, paragraphs, published)
    for it in items:
        it.date = d
        it.ministry = ministry
        if it.kind == "qa" and is_procedural(it.question, it.answer):
            it.kind = "procedural"  # kept for context and search, never grouped
        elif it.kind == "statement" and is_procedural_statement(it.answer):
            it.kind = "procedural"  # a call's ground rules, thanks, "over to you"
        it.position = extract_position(it.answer, it.question)
    return items


def _clean_speakers(items: list[QAItem], title: str, paragraphs: list[str]) -> None:
    """Speakers without title debris; "Mr. Kirby" → "John Kirby" when the transcript says so."""
    for it in items:
        it.speaker = clean_speaker(it.speaker)
    full = resolve_full_names([it.speaker for it in items], [title, "\n".join(paragraphs)])
    if full:
        for it in items:
            if it.speaker:
                it.speaker = clean_speaker("; ".join(full.get(s, s) for s in it.speaker.split("; ")))


def segment_entry(entry: Entry) -> list[QAItem]:
    """Return the entry's items in order (index 0-based)."""
    return segment_text(
        entry.content,
        title=entry.title or "",
        style=entry.style,
        ministry=entry.ministry,
        published=entry.published,
        feed_title=entry.feed_title or "",
        link=entry.link,
    )
