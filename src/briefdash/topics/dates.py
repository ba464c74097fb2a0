"""Dates as an analyst types them: "2022-03", "2022-03-15", "March 2022", "15 March 2022",
"March 15, 2022", "Mar 2022", "2022". A month or a year stands for its first day."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {m: i for i, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for m in names}

_ISO = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"([a-z]+)\.?,?\s+(\d{4})")


def _month(name: str) -> int:
    if name not in MONTHS:
        raise ValueError(f"'{name}' is not a month")
    return MONTHS[name]


def parse_when(text: str) -> date:
    """The first day `text` names; ValueError (saying what is accepted) when it names none."""
    t = " ".join(text.strip().casefold().split())
    try:
        if m := _ISO.fullmatch(t):
            return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
        if m := _DAY_MONTH_YEAR.fullmatch(t):
            return date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        if m := _MONTH_DAY_YEAR.fullmatch(t):
            return date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
        if m := _MONTH_YEAR.fullmatch(t):
            return date(int(m.group(2)), _month(m.group(1)), 1)
    except ValueError as exc:
        raise ValueError(f"'{text.strip()}' is not a date ({exc})") from None
    raise ValueError(f"'{text.strip()}' is not a date: write 2022-03-15, 2022-03, 15 March 2022 "
                     "or March 2022")
