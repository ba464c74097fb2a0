"""`briefdash ingest` of a page or a text file that is not a feed: one briefing, not "not a feed".

The article below is written for this test (fictional ministries and people), in the shape of a
news report of a foreign ministry's briefing: no Q&A markers, the question paraphrased ("when
asked about …"), the spokesperson named in the text, the day given as "on Thursday".
"""
from __future__ import annotations

from datetime import date

import pytest

from briefdash.cli import main
from briefdash.library import ingest, refresh
from helpers_feeds import feed, make_library, no_internet, server  # noqa: F401

PARAS = [
    "Norvania on Thursday dismissed a threat by Astrand to raise tariffs on imported solar "
    "panels, calling the plan a step backwards for open trade in the region.",
    "Lise Ambrell, a spokesperson for the Norvanian Foreign Ministry, made the remarks at a "
    "regular press briefing when asked about the Astrand trade minister's statement that new "
    "duties could take effect in July.",
    "Ambrell said that the proposed duties had no basis in the rules both countries had signed "
    "and would hurt manufacturers on both sides of the border.",
    "Norvania firmly opposes unilateral trade measures and urges Astrand to settle its concerns "
    "through consultation, Ambrell said, adding that the door to talks remained open.",
    "Trade between the two neighbours reached a record last year, driven largely by energy "
    "equipment.",
]
HEADLINE = "Norvania rejects tariff threat over solar panels"
# Saturday 16 May 2026 (in Norvania's time zone): "on Thursday" is 14 May
PUBLISHED = "2026-05-16T09:30:00+08:00"
THURSDAY = date(2026, 5, 14)


def article(meta: bool = True, time_tag: bool = False, dateline: str = "") -> str:
    head = ('<meta property="og:site_name" content="The Kestrel Daily">'
            f'<meta property="article:published_time" content="{PUBLISHED}">' if meta else "")
    byline = (f'<p class="byline">By Tomas Eberle | <time datetime="{PUBLISHED}">16 May</time></p>'
              if time_tag else '<p class="byline">By Tomas Eberle</p>')
    paras = list(PARAS)
    if dateline:
        paras[0] = f"{dateline} — {paras[0]}"
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{HEADLINE} - The Kestrel Daily</title>{head}</head><body>"
            '<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a>'
            '</nav></header><main><article><div class="section">WORLD</div>'
            f"<h1>{HEADLINE}</h1>{byline}{body}</article></main>"
            '<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Storm closes ports'
            "</a></li></ul></aside><footer>© 2026 The Kestrel Daily</footer></body></html>")


SHOP = """<!DOCTYPE html><html><head><title>Harbor Outfitters - Rain jackets</title></head><body>
<nav><a href="/">Shop</a> <a href="/cart">Cart</a></nav><main><h1>Rain jackets</h1>
<div class="product"><h2>Coastal Shell Jacket</h2><p>Price: $129. A light waterproof shell for
windy harbour walks, with taped seams and two zip pockets.</p><p>Sizes: S, M, L, XL.</p></div>
<div class="product"><h2>Storm Parka</h2><p>Price: $219. Insulated parka with a detachable hood
and a fleece lining for the coldest days on deck.</p><p>Free shipping on orders over $100.</p>
</div></main></body></html>"""

TRANSCRIPT_PAGE = """<!DOCTYPE html><html><head><title>Foreign Ministry Spokesperson Mei Tassen's
Regular Press Conference on May 12, 2026</title></head><body><div class="nav">Home | News</div>
<div class="content"><h1>Foreign Ministry Spokesperson Mei Tassen's Regular Press Conference on
May 12, 2026</h1>
<p>Reuters: The Calderon navy says it will hold drills near the Amber Shoal next week. What is
Veloria's response?</p>
<p>Mei Tassen: Veloria firmly opposes any military activity that threatens the fishing
communities near the shoal. We urge Calderon to exercise restraint.</p>
<p>AFP: Will the foreign minister attend the regional summit in Port Amsel?</p>
<p>Mei Tassen: We will release information in due course. Veloria supports the summit.</p>
<p>Bloomberg: Has Veloria received the request for consular access to the detained sailors?</p>
<p>Mei Tassen: The embassy is following the case closely and will provide assistance.</p>
</div></body></html>"""


def _items(lib):
    return [dict(r) for r in lib.store.db.execute("SELECT * FROM items ORDER BY n")]


def _cli(tmp_path, *args) -> int:
    return main(["--data-dir", str(tmp_path / "lib"), *args])


# ---- a news report over http ------------------------------------------------------------------
def test_article_page_over_http_is_one_report_item(tmp_path, server):
    server.expect_request("/world/norvania-tariffs").respond_with_data(
        article(), content_type="text/html; charset=utf-8")
    url = server.url_for("/world/norvania-tariffs")
    lib = make_library(tmp_path / "lib")
    [res] = ingest(lib, [url])
    assert res.ok and res.new == 1 and res.items == 1, res.error
    assert res.result_line().startswith("page: 1 new")
    [it] = _items(lib)
    assert it["kind"] == "report"
    assert it["speaker"] == "Lise Ambrell"
    assert it["date"] == THURSDAY.isoformat()  # "on Thursday", published Saturday 16 May
    assert it["source"] == "The Kestrel Daily"
    assert it["ministry"] == "Norvanian Foreign Ministry"
    assert it["question"].startswith("The Astrand trade minister's statement")
    assert "firmly opposes unilateral trade measures" in it["position"]
    for chrome in ("Most read", "Storm closes ports", "Home", "©"):
        assert chrome not in it["answer"]
    [entry] = [dict(r) for r in lib.store.entries()]
    assert entry["title"] == HEADLINE
    assert entry["link"] == url and entry["key"] == url
    assert entry["published"].startswith("2026-05-16")


def test_the_same_page_twice_is_stored_once(tmp_path, server):
    server.expect_request("/a").respond_with_data(article(), content_type="text/html")
    url = server.url_for("/a")
    lib = make_library(tmp_path / "lib")
    ingest(lib, [url])
    [again] = ingest(lib, [url + "#comments"])  # the fragment is not part of its identity
    assert again.ok and again.new == 0 and again.unchanged == 1
    assert lib.store.entry_count() == 1 and len(_items(lib)) == 1


@pytest.mark.parametrize("variant", ["time", "dateline"])
def test_the_date_without_meta_tags(tmp_path, server, variant):
    page = (article(meta=False, time_tag=True) if variant == "time"
            else article(meta=False, dateline="PORT AMSEL, May 16, 2026"))
    server.expect_request("/p").respond_with_data(page, content_type="text/html")
    lib = make_library(tmp_path / "lib")
    [res] = ingest(lib, [server.url_for("/p")])
    assert res.ok, res.error
    [it] = _items(lib)
    assert it["kind"] == "report" and it["speaker"] == "Lise Ambrell"
    assert it["date"] == THURSDAY.isoformat()
    assert it["source"] == "127.0.0.1"  # no og:site_name: the site's name


def test_a_transcript_page_gives_its_qa_items(tmp_path, server):
    server.expect_request("/t20260512_1.html").respond_with_data(TRANSCRIPT_PAGE,
                                                                 content_type="text/html")
    lib = make_library(tmp_path / "lib")
    [res] = ingest(lib, [server.url_for("/t20260512_1.html")])
    assert res.ok and res.new == 1, res.error
    items = _items(lib)
    assert len(items) == 3 and {it["kind"] for it in items} == {"qa"}
    assert all(it["date"] == "2026-05-12" for it in items)
    assert items[0]["asker"] == "Reuters" and "Mei Tassen" in items[0]["speaker"]


def test_a_subscribed_feed_that_returns_a_page_is_still_an_error(tmp_path, server):
    """`fetch` of a subscription: a page where a feed was is a broken feed, not a briefing."""
    server.expect_request("/feed").respond_with_data(article(), content_type="text/html")
    url = server.url_for("/feed")
    lib = make_library(tmp_path / "lib", [feed(url)])
    [res] = refresh(lib)
    assert not res.ok and "not a feed" in res.error
    assert lib.store.entry_count() == 0


# ---- a text file ------------------------------------------------------------------------------
def test_a_text_file_is_one_report_item(tmp_path):
    p = tmp_path / "norvania-tariffs.txt"
    # a section line above the headline (no blank line between, a non-breaking space in it)
    p.write_text("\n\n".join(["WORLD\u00a0/ TRADE\n" + HEADLINE, "Published: May 16, 2026 09:30",
                              *PARAS]) + "\n", encoding="utf-8")
    lib = make_library(tmp_path / "lib")
    [res] = ingest(lib, [str(p)])
    assert res.ok and res.new == 1, res.error
    [it] = _items(lib)
    assert it["kind"] == "report" and it["speaker"] == "Lise Ambrell"
    assert it["date"] == THURSDAY.isoformat()
    [entry] = [dict(r) for r in lib.store.entries()]
    assert entry["title"] == HEADLINE
    assert entry["key"] == p.resolve().as_uri() and entry["link"] is None
    [again] = ingest(lib, [str(tmp_path / "." / p.name)])
    assert again.new == 0 and lib.store.entry_count() == 1


def test_a_local_html_file_and_cli_output(tmp_path, capsys):
    p = tmp_path / "report.html"
    p.write_text(article(), encoding="utf-8")
    code = _cli(tmp_path, "ingest", str(p))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip() == "[1/1] report.html: page: 1 new, 0 updated, 0 unchanged entries (1 Q&A items)"


def test_markup_in_a_text_file_stays_text(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("\n\n".join([HEADLINE, "Published: May 16, 2026",
                              PARAS[0], PARAS[1] + " <script>alert(1)</script>\x1b[2J",
                              *PARAS[2:]]), encoding="utf-8")
    lib = make_library(tmp_path / "lib")
    [res] = ingest(lib, [str(p)])
    assert res.ok
    stored = " ".join(str(v) for it in _items(lib) for v in it.values())
    stored += " ".join(str(v) for r in lib.store.entries() for v in dict(r).values())
    assert "\x1b" not in stored


# ---- neither ----------------------------------------------------------------------------------
def test_a_shop_page_is_refused_in_one_line_exit_1(tmp_path, server, capsys):
    server.expect_request("/jackets").respond_with_data(SHOP, content_type="text/html")
    code = _cli(tmp_path, "ingest", server.url_for("/jackets"))
    out, err = capsys.readouterr()
    assert code == 1
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "error: not a feed, and the page is neither a briefing transcript" in lines[0]
    assert err.strip() == "nothing was read"
    assert "Traceback" not in out + err


@pytest.mark.parametrize("name,data,words", [
    ("empty.txt", b"", "empty"),
    ("blank.html", b"   \n\n  ", "empty"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 200, "nor a web page or text file"),
    ("short.txt", b"Hello.", "no article text"),
    ("data.xml", b"<?xml version='1.0'?><catalog><book>x</book></catalog>", "not a feed"),
    ("notes.txt", b"Shopping list: eggs, milk, bread, coffee, apples, rice, and soap for the "
                  b"kitchen sink.\n" * 3, "neither"),
])
def test_files_that_are_neither_say_why(tmp_path, capsys, name, data, words):
    p = tmp_path / name
    p.write_bytes(data)
    code = _cli(tmp_path, "ingest", str(p))
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert len(lines) == 1 and words in lines[0], lines


def test_a_page_over_the_size_cap_is_cut_not_crashed(tmp_path, server):
    big = article().replace("</article>", "<p>" + "More background on trade. " * 4000 + "</p></article>")
    server.expect_request("/big").respond_with_data(big, content_type="text/html")
    lib = make_library(tmp_path / "lib", max_bytes=60_000, max_entry_bytes=20_000)
    [res] = ingest(lib, [server.url_for("/big")])
    assert res.ok, res.error
    assert "cut off" in (res.error or "")
    [entry] = [dict(r) for r in lib.store.entries()]
    assert len(entry["content"]) < 21_000


def test_a_plain_text_response_over_http(tmp_path, server):
    server.expect_request("/r.txt").respond_with_data(
        "\n\n".join([HEADLINE, "Published: May 16, 2026", *PARAS]),
        content_type="text/plain; charset=utf-8")
    lib = make_library(tmp_path / "lib")
    [res] = ingest(lib, [server.url_for("/r.txt")])
    assert res.ok, res.error
    [it] = _items(lib)
    assert it["kind"] == "report" and it["date"] == THURSDAY.isoformat()


# ---- never a crash ----------------------------------------------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from briefdash.errors import FeedError  # noqa: E402
from briefdash.feeds.page import read_page  # noqa: E402
from briefdash.models import FeedConfig  # noqa: E402

_PIECES = ["<p>", "</p>", "<html>", "<body>", "<time datetime='", "2026-13-45T99:00'>",
           "<meta property='article:published_time' content='", "'>", "\x1b[2J", "\u202e",
           "spokesperson ", "said at a press briefing on Thursday ", "when asked about ",
           "Q: ", "A: ", "\x00", "&#0;", "<![CDATA[", "<h1>", "Published: Feb 30, 2026",
           "\n\n", "Lise Ambrell, a spokesperson for the Foreign Ministry, "]
_PAGEISH = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=20)), max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_PAGEISH, source=st.sampled_from(["/tmp/x.html", "/tmp/x.txt", "http://e.test/a"]),
       ctype=st.sampled_from(["text/html", "text/plain", None]))
def test_any_page_gives_an_entry_or_a_feed_error(text, source, ctype):
    try:
        entry = read_page(source, text.encode("utf-8", "replace"), ctype, FeedConfig("x", source))
    except FeedError as exc:
        assert "\n" not in str(exc)
        return
    assert "\x1b" not in entry.content + entry.title
