"""The dashboard in a real browser: `briefdash serve` opened by chromium through Playwright.

Marked `browser` (select with `-m browser`). Where no browser can be had (no playwright package,
no chromium) every test here is skipped, saying why; .ci/run installs chromium so CI runs them,
and sets BRIEFDASH_REQUIRE_BROWSER=1 so that a missing browser fails there instead of skipping.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC

import pytest

from briefdash.store import Store
from helpers_browser import (
    Served,
    browser,
    browser_unavailable,
    children,
    open_dashboard,
    wait_for_quiet,
    wait_for_text,
)
from helpers_feeds import Item, feed, make_library, rss, transcript_html
from helpers_library import build_tiny_library

pytestmark = pytest.mark.browser

WHY_NOT = browser_unavailable()


@pytest.fixture(scope="module")
def chromium():
    if WHY_NOT:
        if os.environ.get("BRIEFDASH_REQUIRE_BROWSER"):
            pytest.fail(f"BRIEFDASH_REQUIRE_BROWSER is set but {WHY_NOT}")
        pytest.skip(f"no browser here: {WHY_NOT}")
    with browser() as b:
        yield b


def _press(page, *keys: str) -> None:
    for k in keys:
        page.keyboard.press(k)
        time.sleep(0.05)


def test_dashboard_in_the_browser_answers_keys(tmp_path, chromium):
    d = build_tiny_library(tmp_path / "lib")
    with Served(d) as srv:
        page = open_dashboard(chromium, srv.url)  # through the landing page's Start button
        text = wait_for_text(page, "Kestrel Strait drills", "Trade talks", "6 statements")
        assert "Timeline" in text and str(d) in text  # the same store as --data-dir
        before = page.screenshot(path=str(tmp_path / "before.png"))
        _press(page, "/")
        wait_for_text(page, "Search every question and answer")
        page.keyboard.type("candid", delay=30)
        text = wait_for_text(page, "1 result for “candid”", "The talks were candid and constructive")
        after = page.screenshot(path=str(tmp_path / "after.png"))
        assert before != after
        _press(page, "Enter")  # to the results
        wait_for_text(page, "⏎ Open")
        _press(page, "Enter")  # jumps to the statement in its topic
        wait_for_text(page, "Trade talks", "Q: CCTV: Can you give an update on the trade talks?")
        kids = children(srv.proc.pid)
        assert len(kids) == 1  # this page's dashboard process
        assert srv.stop() == 0
        for pid in kids:
            assert not os.path.exists(f"/proc/{pid}") or _zombie(pid)
        # the page says the session ended
        page.wait_for_selector("body.-closed", timeout=10000)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def _briefing(guid: str, tag: str, day: int, n: int = 2) -> Item:
    from datetime import datetime

    return Item(guid=guid, title=f"Briefing {guid}", link=f"http://example.test/b/{guid}",
                body=transcript_html(n, topic=f"the {tag} accord", tag=tag),
                date=datetime(2024, 3, day, 8, 0, tzinfo=UTC))


def _cli(d, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefdash", "--data-dir", str(d), *args],
                          capture_output=True, text=True, timeout=120)


def _search_count(d, word: str) -> int:
    out = _cli(d, "search", word, "--json", "--limit", "1000")
    assert out.returncode == 0, out.stderr
    return len(json.loads(out.stdout)["results"])


def test_two_browsers_and_a_cron_fetch_share_one_store(tmp_path, chromium):
    feed_file = tmp_path / "feed.xml"
    items = [_briefing("a", "alphaword", 1)]
    feed_file.write_bytes(rss(items))
    d = tmp_path / "lib"
    lib = make_library(d, [feed(str(feed_file), name="Local MFA")])
    lib.close()
    assert _cli(d, "fetch").returncode == 0
    with Served(d) as srv:
        pages = [open_dashboard(chromium, srv.url) for _ in range(2)]
        for p in pages:
            wait_for_text(p, "alphaword")
        assert len(children(srv.proc.pid)) == 2  # a dashboard process per browser

        # round 1: cron's `briefdash fetch` and both dashboards' own refresh (r) at once
        items += [_briefing("b", "quokkaone", 2, 3), _briefing("c", "quokkaone", 3, 2)]
        feed_file.write_bytes(rss(items))
        cron = subprocess.Popen([sys.executable, "-m", "briefdash", "--data-dir", str(d), "fetch"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for p in pages:
            _press(p, "r")
        out, err = cron.communicate(timeout=120)
        assert cron.returncode == 0, err
        for p in pages:
            wait_for_text(p, "Refreshed 1 feed")

        # round 2: cron alone adds a briefing; each dashboard shows it after its refresh
        items.append(_briefing("d", "quokkatwo", 4, 4))
        feed_file.write_bytes(rss(items))
        assert _cli(d, "fetch").returncode == 0
        store = Store(d / "briefdash.sqlite3")
        total = store.item_count()
        store.close()
        for p in pages:
            wait_for_quiet(p)
            _press(p, "r")
            wait_for_text(p, f"{total} statements")
        for p in pages:
            _press(p, "/")
            wait_for_text(p, "Search every question and answer")
            p.keyboard.type("quokkatwo", delay=30)
            wait_for_text(p, "4 results for “quokkatwo”")
            _press(p, "Escape")
            wait_for_text(p, "Timeline")  # back on the main screen (ESC is read after a pause)
            _press(p, "/")
            wait_for_text(p, "Search every question and answer")
            p.keyboard.type("quokkaone", delay=30)
            wait_for_text(p, "5 results for “quokkaone”")
            _press(p, "Escape")
            wait_for_text(p, "Timeline")
        assert srv.stop() == 0

    # nothing lost, nothing duplicated
    store = Store(d / "briefdash.sqlite3")
    try:
        assert store.entry_count() == 4
        keys = [r["key"] for r in store.entries()]
        assert len(keys) == len(set(keys)) == 4
        uids = [it.id for it in store.items_in_order()]
        assert len(uids) == len(set(uids)) == total
    finally:
        store.close()
    assert _search_count(d, "alphaword") == 2
    assert _search_count(d, "quokkaone") == 5
    assert _search_count(d, "quokkatwo") == 4

