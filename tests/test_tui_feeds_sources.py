"""The feeds screen (`F`) with the new source kinds: each row says its kind and last result;
`a` takes a feed, an index page (`URL --index`), a command, and finds a web page's feeds."""
from __future__ import annotations

from briefdash.config import load_config
from briefdash.library import Library
from briefdash.models import FeedConfig
from briefdash.store import Store
from briefdash.tui.app import BriefdashApp
from helpers_feeds import no_internet, server  # noqa: F401
from helpers_library import build_tiny_library
from helpers_sites import TWO, serve_home
from helpers_tui import SIZE, settle


def rows_text(app) -> list[str]:
    lst = app.screen.query_one("#feed-list")
    return [lst.render_line(y).text for y in range(lst.size.height)]


async def test_rows_show_kind_and_last_result(tmp_path):
    feeds = [FeedConfig(name="Veloria MFA", url="https://mfa.veloria.example/eng/briefings/", index=True),
             FeedConfig(name="Archive", url="exec:python3 archive_to_rss.py")]
    d = build_tiny_library(tmp_path / "lib", feeds=feeds)
    store = Store(d / "briefdash.sqlite3")
    store.record_feed_status(feeds[0].url, feeds[0].name, status="ok", new=3,
                             result="index: 3 new briefings of 20 links (41 Q&A items)")
    store.close()
    app = BriefdashApp(Library.open(str(d)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        text = rows_text(app)
        assert "Veloria MFA" in text[0] and "3 new" in text[0]
        assert text[1].strip().startswith("index: 3 new briefings of 20 links (41 Q&A items) · https://mfa")
        assert "Archive" in text[2] and "never fetched" in text[2]
        assert text[3].strip().startswith("exec · exec:python3 archive_to_rss.py")


async def test_add_an_index_page_and_a_command(tmp_path):
    d = build_tiny_library(tmp_path / "lib")
    app = BriefdashApp(Library.open(str(d)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F", "a")
        await pilot.press(*"https://mfa.veloria.example/eng/briefings/ --index --max 5", "enter")
        await pilot.press(*"MFA", "enter")
        await settle(pilot)
        await pilot.press("a")
        await pilot.press(*"exec:python3 make_feed.py", "enter", "enter")
        await settle(pilot)
        await pilot.press("a")
        await pilot.press(*"https://x.example/ --match", "enter")  # a one-line error, no crash
        await settle(pilot)
        cfg = load_config(app.lib.paths.config_file)
        assert [(f.name, f.kind, f.max_links) for f in cfg.feeds] == [
            ("MFA", "index", 5), ("exec:python3 make_feed.py", "exec", None)]


async def test_a_web_page_offers_the_feeds_it_names(tmp_path, server, no_internet):
    serve_home(server, TWO)
    d = build_tiny_library(tmp_path / "lib")
    app = BriefdashApp(Library.open(str(d)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F", "a")
        await pilot.press(*server.url_for("/"), "enter")
        await settle(pilot)
        assert "names 2 feeds" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("backspace", "2", "enter")
        await settle(pilot)
        await pilot.press(*"News", "enter")
        await settle(pilot)
        cfg = load_config(app.lib.paths.config_file)
        assert [(f.name, f.url) for f in cfg.feeds] == [("News", "https://mfa.veloria.example/feeds/news.atom")]
