"""The domain helpers behind the dashboard's #23 features: dates as typed, filters in a search
query, ministries' short names."""
from __future__ import annotations

from datetime import date

import pytest

from briefdash.topics.dates import parse_when
from briefdash.topics.filters import name_matches, split_query
from briefdash.topics.ministries import MinistryNames, names_for


@pytest.mark.parametrize(("typed", "day"), [
    ("2022-03", date(2022, 3, 1)), ("2022-03-15", date(2022, 3, 15)), ("March 2022", date(2022, 3, 1)),
    ("15 March 2022", date(2022, 3, 15)), ("March 15, 2022", date(2022, 3, 15)),
    ("  sept 2022 ", date(2022, 9, 1)), ("2022", date(2022, 1, 1)),
])
def test_dates_as_an_analyst_types_them(typed, day):
    assert parse_when(typed) == day


@pytest.mark.parametrize("typed", ["Marsh 2022", "2022-13", "31 February 2022", "yesterday", ""])
def test_what_is_not_a_date_says_so(typed):
    with pytest.raises(ValueError, match="not a"):
        parse_when(typed)


def test_filters_come_out_of_a_search_query():
    q = split_query('sanctions ministry:"white house" since:2022-03 until:2022-04 speaker:Psaki')
    assert q.words == "sanctions"
    assert q.keep.ministry == "white house" and q.keep.speaker == "Psaki"
    assert (q.keep.since, q.keep.until) == (date(2022, 3, 1), date(2022, 4, 30))  # all of April
    assert split_query("visa").keep.active is False
    with pytest.raises(ValueError, match="since"):
        split_query("visa since:2022-13")
    with pytest.raises(ValueError, match="after"):
        split_query("visa since:2022-05 until:2022-04")


def test_known_ministries_have_the_names_a_desk_uses():
    names = MinistryNames()
    assert (names.short("The White House"), names.abbreviation("The White House")) == ("White House", "WH")
    assert names.short("Ministry of Foreign Affairs of the PRC") == "China MFA"
    assert names.short("U.S. Department of State") == "State"
    assert names.short("Ministry of External Affairs") == "India MEA"
    # unknown ones are shortened as before
    assert names.short("Ministry of Foreign Affairs of the Republic of Veloria") == "Veloria"
    # and a filter names them so too
    assert name_matches("Ministry of Foreign Affairs of the PRC", "China")
    assert name_matches("Ministry of Foreign Affairs of the PRC", "CN")
    assert not name_matches("The White House", "China")


def test_a_feeds_short_name_wins():
    from briefdash.models import FeedConfig

    feeds = [FeedConfig(name="a", url="a.xml", ministry="The White House", short_name="POTUS"),
             FeedConfig(name="b", url="b.xml", short_name="Nor")]
    names = names_for(feeds, lambda: {"b.xml": {"Department of Foreign Affairs of Norvania"}})
    assert names.short("The White House") == "POTUS"
    assert names.short("Department of Foreign Affairs of Norvania") == "Nor"
    asked: list[int] = []

    def read_store() -> dict[str, set[str]]:
        asked.append(1)
        return {}

    names_for([FeedConfig(name="a", url="a.xml")], read_store)
    assert not asked  # the store is read only when a feed needs it
