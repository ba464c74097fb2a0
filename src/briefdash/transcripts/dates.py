"""Dates named in briefing titles and report texts."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

__all__ = ["date_from_text", "resolve_weekday", "WEEKDAYS", "MONTHS"]

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
