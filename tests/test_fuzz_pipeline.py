"""Fuzz: feed bytes → parse → clean → segment → store → group → render, nothing escapes.

Rendering is `briefdash.export.topic_markdown` and the CLI's text output (topics, timeline,
search). No exception may escape (a FeedError — "not a feed" — is the handled outcome), and no
control, C1 or bidi character may survive into anything rendered.
"""
from __future__ import annotations

import io
import re
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefdash import cli
from briefdash.config import Config
from briefdash.errors import FeedError
from briefdash.export import topic_markdown
from briefdash.feeds.parse import parse_feed
from briefdash.library import store_parsed
from briefdash.models import FeedConfig
from briefdash.store import Store
from briefdash.topics.pipeline import group_new_items
from briefdash.topics.positions import build_timeline
from helpers_feeds import Item, atom, rss

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

NASTY = ["\x1b[2J", "\x1b]0;t\x07", "\x1b]8;;http://e.test/\x1b\\", "\x9b31m", "\x9d0;x\x9c", "\u202e",
         "\u2066", "\r", "\x00", "\x07", "\x7f", "[bold]", "[/]", "[link=x]", "[@click=app.quit]",
         "<script>alert(1)</script>", "<div>", "</p>", "&amp;", "&#27;", "&#x9b;", "]]>", "<![CDATA[",
         "Q: ", "A: ", "QUESTION: ", "MR PRICE: ", "Mao Ning: ", "Reuters: ", "\n\n", "<p>", "\u00a0",
         "Follow-up: ", "问：", "答：", "*", "_", "`", "#", "|", "\ufffd", "\U0001f600"]

text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=30)), max_size=14).map("".join)
items = st.lists(st.builds(
    Item, guid=st.one_of(st.none(), text), title=text, body=text,
    link=st.one_of(st.none(), st.sampled_from(["http://e.test/a", "javascript:alert(1)", "file:///etc/passwd", ""]), text),
    date=st.one_of(st.none(), st.sampled_from(["Mon, 04 Mar 2024 08:00:00 GMT", "garbage", "Fri, 01 Jan 2999 00:00:00 GMT"])),
    author=text), max_size=4)


@st.composite
def feed_bytes(draw) -> bytes:
    kind = draw(st.sampled_from(["rss", "atom", "mangled", "raw"]))
    if kind == "raw":
        return draw(st.binary(max_size=400))
    its = draw(items)
    data = rss(its, title=draw(text)) if kind == "rss" else atom(its, title=draw(text))
    if kind == "mangled":  # cut, splice and flip bytes of a real feed
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=40)) + data[cut:][: draw(st.integers(0, 400))]
    return data


def _cli(lib_dir: Path, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(["--data-dir", str(lib_dir), *args])
    assert code in (0, 1), err.getvalue()
    assert "internal error" not in err.getvalue(), err.getvalue()
    return out.getvalue() + err.getvalue()


def _clean(rendered: str, where: str) -> None:
    m = FORBIDDEN.search(rendered)
    assert m is None, f"{where}: {m.group()!r} in {rendered[max(0, m.start() - 30):m.start() + 30]!r}"


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=feed_bytes())
def test_pipeline_never_raises_and_renders_nothing_hostile(data):
    d = Path(tempfile.mkdtemp(prefix="bd-fuzz-"))
    try:
        try:
            parsed = parse_feed(data, "http://fuzz.test/feed", FeedConfig("fuzz", "http://fuzz.test/feed"))
        except FeedError as exc:
            _clean(str(exc), "error message")
            return
        store = Store(d / "briefdash.sqlite3")
        try:
            store_parsed(store, FeedConfig("fuzz", "http://fuzz.test/feed"), parsed)
            group_new_items(store, Config())
            topics = store.topics()
            for t in topics:
                _clean(topic_markdown(build_timeline(t, store.topic_items(t.id))), "markdown")
            words = [w for it in store.items_in_order() for w in re.findall(r"\w{3,}", it.answer)][:1]
        finally:
            store.close()
        _clean(_cli(d, "topics"), "topics")
        if topics:
            _clean(_cli(d, "timeline", str(topics[0].id)), "timeline")
        for w in words:
            _clean(_cli(d, "search", w), "search")
    finally:
        shutil.rmtree(d, ignore_errors=True)
