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


_RANGE_SPLIT = re.compile(r"\s*(?:\.\.|–|—|\bto\b|\buntil\b)\s*|\s+-\s+")


def _last_day(text: str, first: date) -> date:
    """The last day of what `text` names: the day itself, or the end of its month or year."""
    from calendar import monthrange

    t = " ".join(text.strip().casefold().split())
    if re.fullmatch(r"\d{4}", t):
        return date(first.year, 12, 31)
    if re.fullmatch(r"\d{4}[-/.]\d{1,2}", t) or _MONTH_YEAR.fullmatch(t):
        return date(first.year, first.month, monthrange(first.year, first.month)[1])
    return first


def parse_period(text: str) -> tuple[date, date | None]:
    """(first day, last day) of a period as an analyst types it: a month ("2022-03", "March
    2022") or a year ("2022") stands for all its days, a range is two dates joined by "..",
    "to" or a dash ("2022-03-01..2022-03-20", "March 2022 to May 2022"); a single day gives
    (the day, None). ValueError as `parse_when`, or when the range ends before it starts."""
    halves = [h for h in _RANGE_SPLIT.split(text.strip(), maxsplit=1) if h.strip()]
    if len(halves) == 2:
        start = parse_when(halves[0])
        end = _last_day(halves[1], parse_when(halves[1]))
        if end < start:
            raise ValueError(f"'{text.strip()}' ends before it starts")
        return start, end
    start = parse_when(text)
    end = _last_day(text, start)
    return start, (end if end != start else None)
