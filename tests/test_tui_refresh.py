"""Refresh in the background: one feed fails, one succeeds, the user keeps navigating."""
from __future__ import annotations

import re
import threading

from briefdash.models import FeedConfig
from briefdash.topics import curation
from helpers_library import SMALL_FEED, build_tiny_library
from helpers_tui import SIZE, main, make_app, settle


async def wait_for_refresh(pilot, app) -> None:
    """Let a background refresh finish (at most five seconds)."""
    for _ in range(50):
        await pilot.pause(0.1)
        if not app.refreshing:
            break


async def test_refresh_one_fails_one_succeeds_while_navigating(tmp_path, httpserver):
    gate = threading.Event()

    def slow_feed(request):
        from werkzeug import Response

        gate.wait(10)  # hold the good feed until the user has navigated
        return Response(SMALL_FEED, content_type="application/rss+xml")

    httpserver.expect_request("/good.xml").respond_with_handler(slow_feed)
    feeds = [FeedConfig(name="Good feed", url=httpserver.url_for("/good.xml"), style="china_mfa_old",
                        ministry="Ministry of Foreign Affairs of the Republic of Veloria"),
             FeedConfig(name="Bad feed", url="http://127.0.0.1:9/feed.xml")]
    d = build_tiny_library(tmp_path / "lib", feeds=feeds)
    app = make_app(d, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        # watch a topic so the watch summary has something to say (the new items land in new topics
        # via grouping; watch every topic to be sure)
        for t in app.lib.store.topics():
            curation.set_flag(app.lib.store, t.id, "watch")
        await pilot.press("j")  # select the second topic
        await settle(pilot)
        selected = m.current_topic.id
        await pilot.press("tab")
        await pilot.press("r")
        await pilot.pause(0.3)
        assert app.refreshing
        assert m.query_one("#progress").display
        # the UI stays usable while the refresh runs
        await pilot.press("shift+tab", "k", "j")
        await pilot.pause()
        assert m.current_topic.id == selected
        await pilot.press("slash", *"candid")
        await pilot.pause(0.3)
        await pilot.press("escape")
        assert app.screen is m
        offset = m.topics_list.cursor_screen_offset
        gate.set()
        await wait_for_refresh(pilot, app)
        await settle(pilot)
        assert not app.refreshing
        assert not m.query_one("#progress").display
        messages = [n.message for n in app._notifications]
        assert any(msg.startswith("Bad feed:") for msg in messages), messages
        assert any(msg.startswith("Good feed:") and "1 new" in msg for msg in messages), messages
        assert any("Refreshed 2 feeds" in msg and "1 failed" in msg for msg in messages), messages
        # the selection did not jump
        assert m.current_topic.id == selected
        assert m.topics_list.cursor_screen_offset == offset
        # the new statements are in the library and marked as new
        assert app.lib.store.item_count() > 6
        assert app.new_ids
        new_topic_id = app.lib.store.item(next(iter(app.new_ids))).topic_id
        m.show_topics(keep_id=new_topic_id)  # an issue's topic: its issue opens, or holds it alone
        idx = next(i for i, r in enumerate(m.topics_list.rows) if new_topic_id in r.topic_ids)
        m.topics_list.move_to(idx)
        await settle(pilot)
        assert m.timeline_list.render_line(0).text.startswith("●")
        assert "new" in str(m.query_one("#timeline-title").render())
        statuses = app.lib.store.all_feed_status()
        assert statuses[feeds[1].url]["status"] == "error"
        assert statuses[feeds[0].url]["status"] == "ok"


async def test_watched_topics_news_after_refresh(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(SMALL_FEED)
    d = build_tiny_library(tmp_path / "lib", feeds=[FeedConfig(name="Local", url=str(feed),
                                                              style="china_mfa_old")])
    app = make_app(d, tmp_path)
    # items on a watched topic: pre-create the watch on whatever topic the grouping picks by
    # marking every topic watched after the refresh's regroup is impossible — so watch all now and
    # let grouping attach the new items to existing topics or new ones; assert the summary's shape.
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await wait_for_refresh(pilot, app)
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("Refreshed 1 feed: 2 new statements" in m for m in messages), messages  # plurals right
        # now watch the topic that received a new statement, add a second briefing, refresh again
        new_uid = next(iter(app.new_ids))
        tid = app.lib.store.item(new_uid).topic_id
        curation.set_flag(app.lib.store, tid, "watch")
        from briefdash.store import Store

        s = Store(app.lib.paths.database)
        s.set_state("tui_watch_seen", "0")  # everything on the watched topic counts as news
        s.close()
        feed.write_text(SMALL_FEED.replace("pc-2025-05-06", "pc-2025-05-07"))
        await pilot.press("r")
        await wait_for_refresh(pilot, app)
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(re.search(r"\d+ new statements? on watched topics", m) for m in messages), messages
