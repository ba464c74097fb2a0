"""Periods as an analyst types them for `d`: a month or a year is all its days, a range two
dates joined by "..", "to" or a dash, a single day no range at all."""
from __future__ import annotations

from datetime import date

import pytest

from briefdash.topics.dates import parse_period


@pytest.mark.parametrize(("typed", "want"), [
    ("2022-02", (date(2022, 2, 1), date(2022, 2, 28))),
    ("March 2022", (date(2022, 3, 1), date(2022, 3, 31))),
    ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
    ("2022-03-15", (date(2022, 3, 15), None)),
    ("2022-03-01..2022-03-20", (date(2022, 3, 1), date(2022, 3, 20))),
    ("March 2022 to May 2022", (date(2022, 3, 1), date(2022, 5, 31))),
    ("1 March 2022 – 2022-04", (date(2022, 3, 1), date(2022, 4, 30))),
])
def test_periods(typed, want):
    assert parse_period(typed) == want


def test_a_range_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends before"):
        parse_period("2022-05..2022-03")
