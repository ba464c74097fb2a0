"""The store: schema versioning, entry identity, updates, transactions, search.

Tests taking `store_target` run on both engines (SQLite, then PostgreSQL)."""
import sqlite3
from datetime import UTC, datetime

import pytest

from briefdash.errors import StoreError
from briefdash.models import Entry, QAItem
from briefdash.store import SCHEMA_VERSION, Store
from helpers_library import database_at_version


def _entry(key="g1", content="<p>Q: x</p>", link="https://m.example/1", title="Briefing"):
    return Entry(key=key, title=title, link=link, content=content, feed_url="feed",
                 published=datetime(2026, 7, 28, tzinfo=UTC))


def _items(n=2, text="q"):
    return [QAItem(index=i, kind="qa", question=f"{text} {i}", answer=f"answer {i}") for i in range(n)]


def test_fresh_database_is_at_current_schema_with_wal(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    assert s.schema_version == SCHEMA_VERSION
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_newer_schema_is_refused_with_clear_message(tmp_path):
    path = tmp_path / "db.sqlite3"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(StoreError, match="newer briefdash"):
        Store(path)


def test_same_entry_twice_is_stored_once(store_target):
    s = Store(store_target)
    assert s.save_entry(_entry(), _items()) == "new"
    assert s.save_entry(_entry(), _items()) == "unchanged"
    assert s.entry_count() == 1 and s.item_count() == 2


def test_updated_entry_replaces_old_version_and_keeps_topics(store_target):
    s = Store(store_target)
    s.save_entry(_entry(), _items(2))
    tid = s.create_topic("x")
    first = s.items_in_order()[0]
    s.assign([(first.id, tid)])
    assert s.save_entry(_entry(content="<p>changed</p>"), _items(3, "new")) == "updated"
    items = s.items_in_order()
    assert [i.question for i in items] == ["new 0", "new 1", "new 2"]
    assert items[0].id == first.id and items[0].topic_id == tid
    assert s.entry_count() == 1


def test_entry_with_new_guid_but_same_link_in_same_feed_is_not_duplicated(store_target):
    s = Store(store_target)
    s.save_entry(_entry(key="a"), _items())
    assert s.save_entry(_entry(key="b"), _items()) == "unchanged"
    assert s.entry_count() == 1


def test_failed_transaction_leaves_nothing(store_target):
    s = Store(store_target)
    with pytest.raises(RuntimeError), s.transaction():
        s.save_entry(_entry(), _items())
        raise RuntimeError("boom")
    assert s.entry_count() == 0 and s.item_count() == 0


def test_search_finds_items_and_marks_hits(store_target):
    s = Store(store_target)
    s.save_entry(_entry(), [QAItem(index=0, kind="qa", question="About the Korsa Strait?",
                                   answer="We firmly oppose the blockade.")])
    hits = s.search("blockade")
    assert len(hits) == 1
    assert "\x01blockade\x02" in hits[0][1]
    assert s.search('"; DROP TABLE items; --') == []
    assert s.item_count() == 1


def test_older_database_is_migrated_in_order_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    con = database_at_version(path, 1)
    con.execute("INSERT INTO entries(key, title, content, content_hash) VALUES('k', 't', 'c', 'h')")
    con.commit()
    con.close()
    s = Store(path)
    assert s.schema_version == SCHEMA_VERSION
    assert s.entry_count() == 1
    names = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master")}
    assert {"g_df", "g_profile", "items_topic_cover"} <= names


def test_search_of_a_very_common_word_ranks_block_by_block_latest_first(store_target, monkeypatch):
    s = Store(store_target)
    for k in range(6):
        s.save_entry(_entry(key=f"g{k}", link=f"https://m.example/{k}", content=f"c{k}"),
                     [QAItem(index=0, kind="qa", question=f"Restraint question {k}?",
                             answer="restraint " * (k + 1))])
    monkeypatch.setattr(Store, "SEARCH_WINDOW", 3)
    hits = s.search("restraint")
    assert len(hits) == 6
    # the latest three stored, ranked among themselves; then the older three, ranked
    assert [it.question for it, _ in hits] == [f"Restraint question {k}?" for k in (5, 4, 3, 2, 1, 0)]
    assert [it.question for it, _ in s.search("restraint", limit=2, offset=2)] == \
        ["Restraint question 3?", "Restraint question 2?"]
    monkeypatch.setattr(Store, "SEARCH_WINDOW", 100)
    assert len(s.search("restraint")) == 6


def _dated_store(store_target: str) -> Store:
    """Seven briefings stored out of date order, each saying 'accord' once or more."""
    from datetime import date

    s = Store(store_target)
    for k, day in enumerate([5, 1, 7, 3, 2, 6, 4]):
        s.save_entry(_entry(key=f"d{k}", link=f"https://m.example/d{k}", content=f"d{k}"),
                     [QAItem(index=i, kind="qa", date=date(2026, 3, day), question=f"Q{day}.{i}",
                             answer="accord " * (1 + (k + i) % 3) + "end") for i in range(2)])
    return s


def test_search_pages_with_offset_and_counts_every_match(store_target, monkeypatch):
    s = _dated_store(store_target)
    assert s.search_count("accord") == 14 and s.search_count("acc") == 14
    assert s.search_count("nothing") == 0 and s.search_count("  ") == 0
    for order in ("relevance", "date"):
        whole = [it.id for it, _ in s.search("accord", order=order)]
        assert len(whole) == len(set(whole)) == 14
        pages = [it.id for off in range(0, 16, 4)
                 for it, _ in s.search("accord", limit=4, offset=off, order=order)]
        assert pages == whole, order
        assert s.search("accord", limit=4, offset=14, order=order) == []
    monkeypatch.setattr(Store, "SEARCH_WINDOW", 5)  # paging crosses the blocks
    pages = [it.id for off in range(0, 16, 3) for it, _ in s.search("accord", limit=3, offset=off)]
    assert len(pages) == len(set(pages)) == 14


def test_search_by_date_is_newest_first_with_snippets(store_target):
    s = _dated_store(store_target)
    hits = s.search("accord", order="date")
    assert [it.question for it, _ in hits][:4] == ["Q7.0", "Q7.1", "Q6.0", "Q6.1"]
    days = [str(it.date) for it, _ in hits]
    assert days == sorted(days, reverse=True)
    assert all("\x01accord\x02" in snip for _, snip in hits)
    assert [it.question for it, _ in s.search("accord", limit=3, offset=3, order="date")] == \
        ["Q6.1", "Q5.0", "Q5.1"]
    with pytest.raises(ValueError):
        s.search("accord", order="alphabetical")


def test_latest_items_of_a_topic(store_target):
    s = Store(store_target)
    s.save_entry(_entry(), _items(5))
    tid = s.create_topic("t")
    s.assign([(it.id, tid) for it in s.items_in_order()])
    assert [it.index for it in s.topic_items(tid, latest=2)] == [3, 4]
