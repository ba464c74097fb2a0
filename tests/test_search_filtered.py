"""A search with filters (period, ministry, spokesperson) is filtered by the store: every kept
match is found and paged through once, however many matches the filter leaves out."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from briefdash.models import Entry, QAItem
from briefdash.store import Store
from briefdash.topics import filters
from briefdash.topics.filters import StatementFilter, search_count_kept, search_kept, search_page

VEL = "Ministry of Foreign Affairs of the Republic of Veloria"
NOR = "Department of Foreign Affairs of the Federation of Norvania"


@pytest.fixture
def store(store_target):
    """40 briefings mentioning tariffs: Norvania's five in January 2022 stored first (the
    oldest matches), then Veloria's 35 in March and April. On both engines."""
    s = _filled(Store(store_target))
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path):
    s = _filled(Store(tmp_path / "briefdash.sqlite3"))
    yield s
    s.close()


def _filled(s: Store) -> Store:
    briefings = [(f"nor-{k}", date(2022, 1, 3 + k), NOR, "Mr Halversen") for k in range(5)]
    briefings += [(f"vel-{k}", date(2022, 3, 1) + (date(2022, 1, 2) - date(2022, 1, 1)) * k, VEL,
                   "Mei Tassen" if k % 2 else "Ana Rook") for k in range(35)]
    with s.transaction():
        for key, day, ministry, speaker in briefings:
            entry = Entry(key=key, title=f"Briefing of {day:%B %d, %Y}", link=f"https://b.example/{key}",
                          ministry=ministry, content=key,
                          published=datetime(day.year, day.month, day.day, tzinfo=UTC),
                          feed_url="t.xml", feed_title="t")
            s.save_entry(entry, [QAItem(
                index=0, kind="qa", question="Q: Will the tariffs on solar panels stay?",
                answer=f"The tariffs on solar panels are under review, {speaker} said on {key}.",
                date=day, ministry=ministry, speaker=speaker)])
    return s


def _ids(hits) -> list[str]:
    return [it.id for it, _ in hits]


def test_the_oldest_matches_are_found_by_a_filter_that_keeps_only_them(store, monkeypatch):
    keep = StatementFilter(ministry="Norvania")
    monkeypatch.setattr(filters, "SEARCH_SCAN", 10)  # fewer than the matches before them
    hits = search_kept(store, "tariffs", keep, page=5)
    assert len(hits) == 5 and {it.ministry for it, _ in hits} == {NOR}
    assert search_count_kept(store, "tariffs", keep) == 5


@pytest.mark.parametrize("order", ["relevance", "date"])
def test_filtered_pages_cover_every_kept_match_once(store, monkeypatch, order):
    monkeypatch.setattr(Store, "FILTERED_WINDOW", 4)  # several relevance blocks
    keep = StatementFilter(since=date(2022, 3, 10), until=date(2022, 3, 31), speaker="Tassen")
    pages = [search_page(store, "tariffs panels", keep, order=order, limit=3, offset=k)
             for k in range(0, 30, 3)]
    got = [h for page in pages for h in page]
    expected = [it for it, _ in store.search("tariffs panels", limit=100) if keep.keeps(it)]
    assert sorted(_ids(got)) == sorted(it.id for it in expected)
    assert len(set(_ids(got))) == len(got) == search_count_kept(store, "tariffs panels", keep)
    if order == "date":
        days = [it.date for it, _ in got if it.date is not None]
        assert len(days) == len(got) and days == sorted(days, reverse=True)


def test_a_filter_naming_no_stored_ministry_or_period_finds_nothing(store):
    assert search_page(store, "tariffs", StatementFilter(ministry="Astrand")) == []
    assert search_page(store, "tariffs", StatementFilter(since=date(2023, 1, 1))) == []
    assert search_count_kept(store, "tariffs", StatementFilter(until=date(2021, 12, 31))) == 0


@pytest.mark.parametrize("order", ["relevance", "date"])
def test_the_portable_default_keeps_the_same_statements(store, order):
    """An engine without its own filtered search (the interface's default: paging `search`)
    keeps the same statements as SQLite's filter in the query, when they are few."""
    from briefdash.store.base import Store as Interface

    since, ministries, speakers = date(2022, 3, 10), [VEL], ["Mei Tassen"]
    own = store.search_filtered("tariffs", order=order, limit=50, since=since,
                                ministries=ministries, speakers=speakers)
    default = Interface.search_filtered(store, "tariffs", order=order, limit=50, since=since,
                                        ministries=ministries, speakers=speakers)
    assert sorted(_ids(own)) == sorted(_ids(default)) and own
    assert Interface.search_filtered_count(store, "tariffs", since=since, ministries=ministries,
                                           speakers=speakers) == len(own)


def test_interrupt_stops_a_query_running_in_another_thread(sqlite_store):
    """What the search screen does to a search the user has typed past."""
    import sqlite3
    import threading
    import time

    store = sqlite_store
    failed: list[Exception] = []

    def endless() -> None:
        try:
            store.db.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                             "SELECT count(*) FROM c").fetchone()
        except sqlite3.OperationalError as exc:
            failed.append(exc)

    worker = threading.Thread(target=endless)
    worker.start()
    time.sleep(0.1)
    store.interrupt()
    worker.join(timeout=5)
    assert not worker.is_alive() and failed and "interrupt" in str(failed[0])
