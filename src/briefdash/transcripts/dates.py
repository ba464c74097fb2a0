"""Dates named in briefing titles and report texts."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

__all__ = ["date_from_text", "resolve_weekday", "briefing_date", "date_from_link",
           "date_from_dateline", "local_day", "WEEKDAYS", "MONTHS"]

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
_MONTH_RX = "|".join(sorted(MONTHS, key=len, reverse=True))
_MDY = re.compile(rf"\b({_MONTH_RX})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RX})\.?,?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ZH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def date_from_text(text: str) -> date | None:
    """The first calendar date written in `text` ("July 28, 2026", "28 July 2026", ISO, 年月日)."""
    if not text:
        return None
    best: tuple[int, date] | None = None
    for rx, conv in (
        (_MDY, lambda g: (int(g[2]), MONTHS[g[0].lower()], int(g[1]))),
        (_DMY, lambda g: (int(g[2]), MONTHS[g[1].lower()], int(g[0]))),
        (_ISO, lambda g: (int(g[0]), int(g[1]), int(g[2]))),
        (_ZH, lambda g: (int(g[0]), int(g[1]), int(g[2]))),
    ):
        m = rx.search(text)
        if m:
            d = _mk(*conv(m.groups()))
            if d and (best is None or m.start() < best[0]):
                best = (m.start(), d)
    return best[1] if best else None


def resolve_weekday(weekday: str, reference: date | datetime) -> date:
    """The most recent `weekday` on or before `reference`."""
    if isinstance(reference, datetime):
        reference = reference.date()
    target = WEEKDAYS[weekday.lower()]
    return reference - timedelta(days=(reference.weekday() - target) % 7)


# ---- the briefing's own calendar day --------------------------------------------------------
# "/2022/01/04/" (White House, State), "/202607/t20260713_" (China MFA), "/20260713/" or
# "2026-07-13" in a path.
_LINK_YMD = re.compile(r"/((?:19|20)\d{2})/(\d{2})/(\d{2})(?=/|$|[-_.])")
_LINK_MFA = re.compile(r"/((?:19|20)\d{2})(\d{2})/t((?:19|20)\d{2})(\d{2})(\d{2})_")
_LINK_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=/|$|[-_.])")
_LINK_ISO = re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?=/|$|[-_.])")
_DATELINE_MAX = 120  # a dateline is a short line, not a sentence that mentions a date
_DATELINE_PARAS = 6
_LABELLED = re.compile(r"^[^:\uff1a]{1,40}[:\uff1a]\s")  # "Q:", "MS. PSAKI: …" — speech, not a dateline


def date_from_link(link: str | None) -> date | None:
    """The day a briefing's address states: `/2022/01/04/`, MFA's `/202607/t20260713_`, …"""
    if not link:
        return None
    from urllib.parse import urlsplit

    try:
        path = urlsplit(link).path
    except ValueError:
        return None
    m = _LINK_MFA.search(path)
    if m:
        return _mk(int(m.group(3)), int(m.group(4)), int(m.group(5)))
    for rx in (_LINK_YMD, _LINK_ISO, _LINK_COMPACT):
        m = rx.search(path)
        if m:
            d = _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if d:
                return d
    return None


def date_from_dateline(paragraphs: list[str]) -> date | None:
    """A date on one of the transcript's first short lines ("January 4, 2022", a place line)."""
    for para in paragraphs[:_DATELINE_PARAS]:
        p = para.strip()
        if not p or len(p) > _DATELINE_MAX or p.endswith("?") or _LABELLED.match(p):
            continue
        d = date_from_text(p)
        if d:
            return d
    return None


def local_day(published: date | datetime | None) -> date | None:
    """The calendar day of a timestamp read in its own UTC offset (never converted first)."""
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    return published


def briefing_date(title: str = "", link: str | None = None, paragraphs: list[str] | None = None,
                  published: date | datetime | None = None) -> date | None:
    """The calendar day of a briefing.

    The date the transcript states wins — its title, a dateline among its first lines, or its
    address (`/2022/01/04/`, `/202607/t20260713_`); else the feed's timestamp read in the
    offset the feed gave it (an evening briefing at 20:00 -05:00 stays on its own day).
    """
    return (date_from_text(title or "") or date_from_dateline(paragraphs or [])
            or date_from_link(link) or local_day(published))
