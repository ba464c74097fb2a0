"""The briefing's own calendar day: stated dates first, else the feed's timestamp in its own offset;
old stores are corrected on upgrade."""
from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

from briefdash.cli import main
from briefdash.feeds.parse import in_own_offset, parse_feed, stated_offset
from briefdash.models import FeedConfig
from briefdash.store import SCHEMA_VERSION, Store
from briefdash.transcripts.dates import briefing_date, date_from_dateline, date_from_link, local_day
from briefdash.transcripts.segment import segment_entry
from helpers_library import database_at_version

EST = timezone(timedelta(hours=-5))


def test_link_paths_state_the_day():
    assert date_from_link("https://example.gov/briefing-room/2023/03/07/gaggle-aboard/") == date(2023, 3, 7)
    assert date_from_link("https://example.cn/eng/xw/202511/t20251130_1234567.html") == date(2025, 11, 30)
    assert date_from_link("https://example.org/press/2024-02-29-noon-briefing") == date(2024, 2, 29)
    assert date_from_link("https://example.org/press/20240229/briefing.html") == date(2024, 2, 29)
    assert date_from_link("https://example.org/news/12345") is None
    assert date_from_link("https://example.org/2024/13/45/") is None  # not a day
    assert date_from_link(None) is None


def test_dateline_is_a_short_line_not_speech():
    assert date_from_dateline(["Aboard the Presidential Aircraft", "March 7, 2023", "MS. LUND: Hi."]) == date(2023, 3, 7)
    # a speaker's sentence that mentions a date is not a dateline
    assert date_from_dateline(["MS. LUND: We met on March 1, 2023 with the mayors."]) is None
    assert date_from_dateline(["Q: Was the deal signed on May 2, 2022?"]) is None


def test_stated_date_wins_over_the_timestamp():
    evening_utc = datetime(2023, 3, 8, 1, 30, tzinfo=UTC)  # 20:30 EST on March 7
    assert briefing_date("Press Gaggle by Press Secretary Ana Lund, March 7, 2023", None, [],
                         evening_utc) == date(2023, 3, 7)
    assert briefing_date("Press Gaggle en route Dayton", "https://example.gov/2023/03/07/gaggle/", [],
                         evening_utc) == date(2023, 3, 7)
    # no stated date: the timestamp's own day in the offset the feed gave
    assert briefing_date("Press Gaggle", None, [], evening_utc.astimezone(EST)) == date(2023, 3, 7)
    assert briefing_date("Press Gaggle", None, [], None) is None
    assert local_day(date(2023, 3, 7)) == date(2023, 3, 7)


def test_feed_offsets_are_kept():
    assert stated_offset("Tue, 07 Mar 2023 20:30:00 -0500") == timedelta(hours=-5)
    assert stated_offset("2023-03-07T20:30:00+08:00") == timedelta(hours=8)
    assert stated_offset("2023-03-07T20:30:00Z") == timedelta(0)
    assert stated_offset("Tue, 07 Mar 2023 20:30:00 EST") == timedelta(hours=-5)
    assert stated_offset("Tue, 07 Mar 2023 20:30:00") is None
    assert stated_offset(None) is None
    utc = datetime(2023, 3, 8, 1, 30, tzinfo=UTC)
    assert in_own_offset(utc, "Tue, 07 Mar 2023 20:30:00 -0500").date() == date(2023, 3, 7)
    assert in_own_offset(utc, None) == utc


FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Office: Press Briefings</title><link>https://example.test/briefings/</link>
<item><title>Evening press gaggle</title><link>https://example.test/briefings/gaggle-1</link>
<guid>g1</guid><pubDate>Tue, 07 Mar 2023 20:30:00 -0500</pubDate>
<content:encoded><![CDATA[<p>MS. LUND: Good evening.</p>
<p>Q Will the President sign the river compact this week?</p>
<p>MS. LUND: He intends to sign the compact on Friday with the three governors.</p>]]></content:encoded></item>
<item><title>Noon briefing</title><link>https://example.test/2023/03/09/noon-briefing/</link>
<guid>g2</guid><pubDate>Fri, 10 Mar 2023 03:10:00 +0000</pubDate>
<content:encoded><![CDATA[<p>MS. LUND: Hello.</p>
<p>Q Is the compact still on schedule for this afternoon?</p>
<p>MS. LUND: The signing remains on schedule and the governors have arrived.</p>]]></content:encoded></item>
</channel></rss>"""


def test_evening_briefing_keeps_its_own_day(tmp_path):
    parsed = parse_feed(FEED.encode(), str(tmp_path / "f.xml"), FeedConfig(name="f", url="f.xml"))
    first, second = parsed.entries
    assert first.published.utcoffset() == timedelta(hours=-5)
    assert {it.date for it in segment_entry(first)} == {date(2023, 3, 7)}
    # the link's /2023/03/09/ beats a timestamp posted after midnight UTC
    assert {it.date for it in segment_entry(second)} == {date(2023, 3, 9)}


def test_cli_dates_are_the_briefing_day(tmp_path, capsys):
    feed = tmp_path / "f.xml"
    feed.write_text(FEED)
    d = str(tmp_path / "d")
    assert main(["--data-dir", d, "ingest", str(feed)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "topics", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    days = sorted({i["date"] for t in data["topics"] for i in t["items"]})
    assert days == ["2023-03-07", "2023-03-09"]


# ---- upgrading a store written by an earlier version ---------------------------------------
OLD_CONTENT = ("<p>Aboard the Presidential Aircraft</p>"
               "<p>MS. LUND: Hi, everyone.</p>"
               "<p>Q Thanks, Ana.</p><p>MS. LUND: Go ahead.</p>"
               "<p>Q What does the President expect from the river compact talks?</p>"
               "<p>MR. OSTROW: We expect the three states to agree on water sharing by the spring.</p>"
               "<p>Q Will Admiral Ostrow stay on?</p>"
               "<p>MR. OSTROW: I intend to serve through the end of the talks, as Admiral Petra Ostrow has said before.</p>")


def _old_store(path):
    """A store as version 3 wrote it: UTC dates, no procedural kind, raw feed title as ministry."""
    db = database_at_version(path, 3, isolation_level=None)
    db.execute("INSERT INTO topics(id, label) VALUES (1, 'compact'), (2, 'thanks')")
    db.execute(
        "INSERT INTO entries(id, key, feed_url, feed_title, title, link, published, ministry, content,"
        " content_hash) VALUES (1, 'k1', '/feeds/office.xml', 'Example Office: Press Briefings (2023)',"
        " 'Press Gaggle by Press Secretary Ana Lund En Route Dayton',"
        " 'https://example.test/briefings/gaggle', '2023-03-08T01:30:00+00:00',"
        " 'Example Office: Press Briefings (2023)', ?, 'h1')", (OLD_CONTENT,))
    rows = [
        (0, "qa", "Thanks, Ana.", "Go ahead.", "Ana Lund En", 2),
        (1, "qa", "What does the President expect from the river compact talks?",
         "We expect the three states to agree on water sharing by the spring.", "Mr. Ostrow", 1),
        (2, "qa", "Will Admiral Ostrow stay on?",
         "I intend to serve through the end of the talks, as Admiral Petra Ostrow has said before.",
         "Mr. Ostrow", 1),
    ]
    for idx, kind, q, a, speaker, topic in rows:
        db.execute("INSERT INTO items(uid, entry_id, idx, kind, date, ministry, speaker, question,"
                   " answer, position, topic_id) VALUES (?, 1, ?, ?, '2023-03-08',"
                   " 'Example Office: Press Briefings (2023)', ?, ?, ?, ?, ?)",
                   (f"u{idx}", idx, kind, speaker, q, a, a if idx else "Go ahead.", topic))
    db.close()


def test_migration_rederives_days_kinds_positions_and_names(tmp_path):
    path = tmp_path / "old.db"
    _old_store(str(path))
    store = Store(path)
    assert store.schema_version == SCHEMA_VERSION
    items = {it.id: it for it in store.items_in_order()}
    # the link and title state no date; the UTC timestamp is all there is → unchanged day
    assert {it.date for it in items.values()} == {date(2023, 3, 8)}
    assert items["u0"].kind == "procedural" and items["u0"].topic_id is None
    assert items["u0"].position == ""
    assert items["u1"].kind == "qa" and items["u1"].topic_id == 1
    assert items["u0"].speaker == "Ana Lund"
    assert items["u1"].speaker == "Petra Ostrow"
    assert {it.ministry for it in items.values()} == {"Example Office"}
    assert [t.id for t in store.topics()] == [1]  # the procedural item's topic is gone
    # search still finds the procedural item, under its cleaned speaker too
    assert any(it.id == "u0" for it, _ in store.search("Go ahead"))
    assert any(it.id == "u1" for it, _ in store.search("Petra"))
    store.close()


def test_migration_uses_the_stated_day(tmp_path):
    path = tmp_path / "old.db"
    _old_store(str(path))
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("UPDATE entries SET link='https://example.test/2023/03/07/gaggle/'")
    db.close()
    store = Store(path)
    assert {it.date for it in store.items_in_order()} == {date(2023, 3, 7)}
    assert store.topic_activity(date(2023, 3, 1)) == {1: [(date(2023, 3, 7), 2)]}
    store.close()
