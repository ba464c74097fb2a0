"""One oversized entry stays cheap: it is kept, cut at fetch.max_entry_bytes, and says so."""
from __future__ import annotations

import random
import re

import pytest
from lxml import etree
from werkzeug import Response

from briefdash.config import load_config
from briefdash.errors import ConfigError
from briefdash.feeds.limit import EntryLimiter, cap_text, close_cut_entry, has_cut_note
from briefdash.library import ingest, refresh
from helpers_feeds import Item, feed, make_library, measured, rss, server, transcript_html  # noqa: F401

MB = 1024 * 1024
HEAD = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        b'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Huge</title>'
        b"<link>http://example.test/</link><description>d</description>")
OPENING = (b"<item><title>One huge briefing</title><guid>huge-1</guid>"
           b"<link>http://example.test/huge/1</link><pubDate>Mon, 04 Mar 2024 08:00:00 +0000</pubDate>"
           b"<content:encoded><![CDATA[<p>Q: Will the talks on the river dam resume?</p>"
           b"<p>A: We urge restraint on the river dam.</p>")
PARA = b"<p>The spokesperson went on about the river dam at great length, again. </p>" * 100
CLOSING = b"]]></content:encoded></item>"
AFTER = rss([Item(guid="after-1", title="The briefing after", body=transcript_html(2, tag="zanzibar"))]
            ).split(b"<channel>", 1)[1].split(b"<description>d</description>", 1)[1].replace(
    b"</channel></rss>", b"")


def _stream(total: int):
    yield HEAD + OPENING
    n = 0
    while n < total:
        yield PARA
        n += len(PARA)
    yield CLOSING + AFTER + b"</channel></rss>"


def test_120mb_entry_over_http_is_kept_cut_and_noted(tmp_path, server):
    total = 120 * MB
    server.expect_request("/huge.xml").respond_with_handler(
        lambda r: Response(_stream(total), content_type="application/rss+xml",
                           direct_passthrough=True))
    url = server.url_for("/huge.xml")
    # fetch.max_bytes raised so that the whole entry arrives: only the entry cap limits it
    lib = make_library(tmp_path / "lib", [feed(url)], max_bytes=256 * MB)
    assert lib.config.fetch.max_entry_bytes == 2 * MB  # the default
    results, elapsed, peak = measured(lambda: refresh(lib))
    res = results[0]
    assert res.ok, res.error
    assert "1 entry was longer than 2 MB (fetch.max_entry_bytes)" in res.error
    rows = {r["title"]: r for r in lib.store.entries()}
    assert set(rows) == {"One huge briefing", "The briefing after"}  # kept, and the next one too
    huge = rows["One huge briefing"]["content"]
    assert len(huge) <= 2 * MB + 1000
    assert huge.rstrip().endswith("the rest of it was not read]</p>")
    assert has_cut_note(huge) and "was cut here" in huge
    assert "river dam" in huge
    # the note is visible where people read: in the statement's answer
    items = [it for it in lib.store.items_in_order() if "huge-1" in it.entry_key]
    assert items and has_cut_note(items[-1].answer)
    assert peak < 60 * MB, peak  # the entry was never held whole (120 MB)
    assert elapsed < 60
    status = lib.store.feed_status(url)
    assert "max_entry_bytes" in status["error"]
    # fetched again, the cut entry is the same entry (no duplicate)
    again = refresh(lib)[0]
    assert again.ok and again.new == 0 and lib.store.entry_count() == 2


def test_oversized_entry_in_a_local_file_with_a_small_cap(tmp_path):
    body = "<p>Q: What about the harbour?</p><p>A: " + "The harbour is calm & quiet. " * 20000 + "</p>"
    items = [Item(guid="big", title="Big", body=body),
             Item(guid="small", title="Small", body=transcript_html(1, tag="quokka"))]
    p = tmp_path / "feed.xml"
    p.write_bytes(rss(items))  # escaped HTML in content:encoded
    (tmp_path / "lib").mkdir()
    lib = make_library(tmp_path / "lib", max_entry_bytes=64 * 1024)
    res = ingest(lib, [str(p)])[0]
    assert res.ok and res.new == 2
    assert "1 entry was longer than 64 KB" in res.error
    rows = {r["title"]: r["content"] for r in lib.store.entries()}
    assert has_cut_note(rows["Big"]) and len(rows["Big"]) < 70 * 1024
    assert not has_cut_note(rows["Small"]) and "quokka" in rows["Small"]


def test_text_cap_after_parsing():
    text, cut = cap_text("<p>" + "word " * 1000 + "</p>", 1000)
    assert cut and has_cut_note(text) and len(text) < 1300
    assert cap_text("short", 1000) == ("short", False)


def _item(i: int, rnd: random.Random) -> bytes:
    return b"".join([
        b"<item>", b"<title>t&amp;%d \xe2\x82\xac</title>" % i, b"<!-- a comment > with <stuff> -->",
        b'<category domain="x&gt;y">c\xf0\x9f\x98\x80</category>' * rnd.randint(0, 8),
        b'<link href="http://x/?a=1&amp;b=2" rel=\'alternate\'/>',
        b"<content:encoded><![CDATA[<p>x]] y</p>" + b"<p>\xc3\xa9 & < > text</p>" * rnd.randint(0, 10)
        + b"]]></content:encoded>",
        b"<description>" + b"&lt;p&gt;esc &amp;amp; \xe4\xb8\xad&lt;/p&gt;" * rnd.randint(0, 10)
        + b"</description>", b"<?pi some?>", b"</item>"])


def test_cut_entries_stay_well_formed_wherever_the_cut_falls():
    rnd = random.Random(7)
    item = _item(0, rnd) + _item(1, rnd)
    one = item[:item.index(b"</item>") + 7]
    for cap in range(8, len(one)):
        out = close_cut_entry(one[:cap], "NOTE")
        etree.fromstring(b'<r xmlns:content="c">' + out + b"</r>")  # raises when malformed
        out.decode("utf-8")
    for _trial in range(60):
        doc = (b'<rss xmlns:content="c"><channel>'
               + b"".join(_item(i, rnd) for i in range(4)) + b"</channel></rss>")
        lim = EntryLimiter(rnd.randint(16, 1500))
        step = rnd.choice([1, 5, 64, 4096, len(doc)])
        out = b"".join(lim.feed(doc[i:i + step]) for i in range(0, len(doc), step)) + lim.finish()
        root = etree.fromstring(out)
        assert len(root.findall(".//item")) == 4 == lim.entries
        assert all(n < 4 for n in lim.cut)
    # entries under the cap pass through unchanged
    lim = EntryLimiter(1 << 20)
    assert lim.feed(doc) + lim.finish() == doc and lim.cut == []


@pytest.mark.parametrize("value,message", [("'big'", "wrong type"), ("0", "positive"),
                                           ("100", "at least 1024")])
def test_max_entry_bytes_is_validated(tmp_path, value, message):
    p = tmp_path / "config.toml"
    p.write_text(f"[fetch]\nmax_entry_bytes = {value}\n")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(p)
    p.write_text("[fetch]\nmax_entry_bytes = 65536\n")
    assert load_config(p).fetch.max_entry_bytes == 65536
