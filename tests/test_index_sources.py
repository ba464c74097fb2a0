"""Briefing index pages as sources (`feeds add URL --index`): a listing modelled on a ministry's
spokesperson page — relative and absolute links, a pagination bar, links to other sites, a
duplicate, one broken briefing page — gives exactly the briefings, each once, with their dates."""
from datetime import date

from werkzeug import Response

from briefdash.feeds.index import date_in_url, read_index
from briefdash.library import refresh
from helpers_feeds import feed, make_library, no_internet, server  # noqa: F401

LISTING = "/eng/xw/spokes/briefings/"

# (path under the listing, title on the listing, title on the page, spokesperson)
BRIEFINGS = [
    ("202607/t20260727_30000002.html", "Regular Press Conference of the Spokesperson",
     "Regular Press Conference of the Spokesperson", "Tarin Vosk"),  # no date in its title
    ("202607/t20260728_30000003.html",
     "Foreign Ministry Spokesperson Tarin Vosk's Regular Press Conference on July 28, 2026",
     "Foreign Ministry Spokesperson Tarin Vosk’s Regular Press Conference on July 28, 2026", "Tarin Vosk"),
    ("202607/t20260724_30000001.html",
     "Foreign Ministry Spokesperson Ilse Marrow's Regular Press Conference on July 24, 2026",
     "Foreign Ministry Spokesperson Ilse Marrow's Regular Press Conference on July 24, 2026", "Ilse Marrow"),
    ("202607/t20260723_30000000.html",
     "Foreign Ministry Spokesperson Ilse Marrow's Regular Press Conference on July 23, 2026",
     "Foreign Ministry Spokesperson Ilse Marrow's Regular Press Conference on July 23, 2026", "Ilse Marrow"),
]
BROKEN = "202607/t20260724_30000001.html"


def listing_html(port: int) -> str:
    b = BRIEFINGS
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Spokesperson's Remarks - Ministry of Foreign Affairs of Veloria</title></head><body>
<div class="top"><a href="/eng/">Home</a> | <a href="/eng/zy/">About the Ministry</a> |
<a href="https://www.velnews.example/english/">State news agency</a> |
<a href="javascript:void(0)">中文</a></div>
<div class="crumbs"><a href="../../../">Home</a> &gt; <a href="../">News</a> &gt; <a href="./">Spokesperson's Remarks</a></div>
<div class="list"><ul>
<li><a href="./{b[0][0]}" target="_blank">{b[0][1]}</a><span>2026-07-27</span></li>
<li><a href="./{b[1][0]}"><img src="./thumb.jpg"></a><a href="{b[1][0]}">{b[1][1]}</a><span>2026-07-28</span></li>
<li><a href="./{b[2][0]}">{b[2][1]}</a><span>2026-07-24</span></li>
<li><a href="{LISTING}{b[3][0]}">{b[3][1]}</a><span>2026-07-23</span></li>
<li><a href="http://127.0.0.1:{port}{LISTING}{b[3][0]}#top">{b[3][1]}</a></li>
<li><a href="./202607/P020260728_briefing_annex.pdf">Annex (PDF)</a></li>
</ul></div>
<div class="pager"><a href="./index_1.html">Next</a> <a href="./index_1.html">2</a>
<a href="./index_2.html">3</a> <a href="./index_9.html">Last</a></div>
<div class="foot"><a href="https://www.mfa.othercountry.example{LISTING}202607/t20260728_999.html">Partner ministry</a>
<a href="mailto:web@mfa.veloria.example">Contact</a> <a href="/eng/sitemap/">Site map</a></div>
</body></html>"""


def briefing_html(title: str, speaker: str, topic: str) -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="nav"><a href="/eng/">Home</a> <a href="/eng/xw/">News</a></div>
<div class="content"><h1>{title}</h1>
<p>{speaker}: Good afternoon. I have no announcements today. The floor is open for questions.</p>
<p>Reuters: The neighbouring state says it will resume drilling near the {topic}. What is your comment?</p>
<p>{speaker}: Our position on the {topic} is consistent and clear. We urge the other side to
respect the agreed arrangements and to return to dialogue as soon as possible.</p>
<p>Velnews: Can you confirm the foreign minister will visit the region next week?</p>
<p>{speaker}: We will release information in due course. Please stay tuned.</p>
</div><div class="footer"><p>Copyright Ministry of Foreign Affairs</p></div></body></html>"""


def serve_ministry(server, broken: dict):
    port = server.port
    hits: list[str] = []

    def listing(request):
        hits.append(request.path)
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(listing_html(port), content_type="text/html; charset=utf-8",
                        headers={"ETag": '"v1"'})

    server.expect_request(LISTING).respond_with_handler(listing)
    for i, (path, _, page_title, speaker) in enumerate(BRIEFINGS):
        def page(request, path=path, page_title=page_title, speaker=speaker, i=i):
            hits.append(request.path)
            if path == BROKEN and broken["on"]:
                return Response("<h1>Internal Server Error</h1>", status=500)
            return Response(briefing_html(page_title, speaker, f"Orrin basin {i}"),
                            content_type="text/html; charset=utf-8")
        server.expect_request(LISTING + path).respond_with_handler(page)

    def anything_else(request):
        hits.append(request.path)
        return Response("not here", status=404)

    server.expect_request(__import__("re").compile(".*")).respond_with_handler(anything_else)
    return hits


def test_a_ministry_listing_gives_exactly_its_briefings_once_with_their_dates(tmp_path, server, no_internet):
    broken = {"on": True}
    hits = serve_ministry(server, broken)
    src = feed(server.url_for(LISTING), name="Veloria MFA", index=True, style="china_mfa")
    lib = make_library(tmp_path / "lib", [src])

    [res] = refresh(lib)
    assert res.ok and res.kind == "index", res.summary()
    assert res.new == 3 and res.links == 4
    assert res.result_line().startswith("index: 3 new briefings of 4 links")
    assert "1 of 4 new briefing pages failed" in res.error and BROKEN in res.error and "HTTP 500" in res.error
    rows = {r["link"].split(LISTING)[1]: r for r in lib.store.entries()}
    assert set(rows) == {p for p, *_ in BRIEFINGS} - {BROKEN}
    assert rows["202607/t20260728_30000003.html"]["title"].endswith("on July 28, 2026")
    assert rows["202607/t20260728_30000003.html"]["published"].startswith("2026-07-28")
    # no date in its title: the address carries it
    assert rows["202607/t20260727_30000002.html"]["published"].startswith("2026-07-27")
    assert rows["202607/t20260723_30000000.html"]["published"].startswith("2026-07-23")
    items = lib.store.items_in_order()
    assert {it.date for it in items} == {date(2026, 7, 23), date(2026, 7, 27), date(2026, 7, 28)}
    assert sum(1 for it in items if it.kind == "qa") == 6
    assert {it.speaker for it in items if it.kind == "qa"} == {"Tarin Vosk", "Ilse Marrow"}
    status = lib.store.feed_status(src.url)
    assert status["result"].startswith("index: 3 new briefings of 4 links") and BROKEN in status["error"]

    # again: nothing stored twice; only the broken page is asked for again
    [res2] = refresh(lib)
    assert res2.ok and res2.new == 0 and lib.store.entry_count() == 3 and "HTTP 500" in res2.error
    assert "1 of 1 new briefing pages failed" in res2.error and "it is tried again" in res2.error
    # the page is mended: it is stored, with its own date
    broken["on"] = False
    [res3] = refresh(lib)
    assert res3.ok and res3.new == 1 and res3.error is None
    assert lib.store.entry_count() == 4
    mended = [r for r in lib.store.entries() if r["link"].endswith(BROKEN)][0]
    assert mended["published"].startswith("2026-07-24")
    # every page was read: the listing's validators are kept, the next fetch is a 304
    [res4] = refresh(lib)
    assert res4.status == "not_modified" and lib.store.entry_count() == 4

    page_hits = [h for h in hits if h != LISTING]
    for path, *_ in BRIEFINGS:
        expected = 3 if path == BROKEN else 1
        assert page_hits.count(LISTING + path) == expected, (path, page_hits)
    # pagination, navigation, files and other sites are never fetched
    assert set(page_hits) == {LISTING + p for p, *_ in BRIEFINGS}


def test_max_takes_the_newest_links_first(tmp_path, server, no_internet):
    serve_ministry(server, {"on": False})
    src = feed(server.url_for(LISTING), name="MFA", index=True, max_links=2)
    lib = make_library(tmp_path / "lib", [src])
    [res] = refresh(lib)
    assert res.new == 2 and res.links == 2
    assert sorted(r["published"][:10] for r in lib.store.entries()) == ["2026-07-27", "2026-07-28"]


def test_match_picks_briefings_outside_the_listing_path(tmp_path, server, no_internet):
    server.expect_request("/list.html").respond_with_data(
        '<ul><li><a href="/archive/2026/press-briefing-0728.html">Press briefing, 28 July 2026</a></li>'
        '<li><a href="/archive/2026/annual-report.html">Annual report</a></li></ul>',
        content_type="text/html")
    server.expect_request("/archive/2026/press-briefing-0728.html").respond_with_data(
        briefing_html("Press briefing by the Spokesperson", "Tarin Vosk", "Orrin basin"),
        content_type="text/html")
    lib = make_library(tmp_path / "lib", [feed(server.url_for("/list.html"), name="m", index=True,
                                               match=r"press-briefing-\d+")])
    [res] = refresh(lib)
    assert res.ok and res.new == 1 and res.links == 1
    [row] = lib.store.entries()
    assert row["published"].startswith("2026-07-28")  # from the listing's link text


def test_a_page_with_nothing_usable_is_a_clear_per_source_error(tmp_path, server, no_internet):
    server.expect_request("/eng/empty/").respond_with_data(
        '<html><body><a href="/eng/">Home</a> <a href="https://elsewhere.example/x/y.html">x</a>'
        '<a href="./index_1.html">Next</a></body></html>', content_type="text/html")
    lib = make_library(tmp_path / "lib", [feed(server.url_for("/eng/empty/"), name="e", index=True)])
    [res] = refresh(lib)
    assert not res.ok
    assert "lists no briefing links" in res.error and "/eng/empty/" in res.error and "--match" in res.error


def test_read_index_rules():
    html = """<html><head><base href="https://mfa.example/eng/brief/"></head><body>
    <a href="2026/t20260102_1.html">Briefing on January 2, 2026</a>
    <a href="https://www.mfa.example/eng/brief/2026/t20260105_2.html">Briefing</a>
    <a href="2026/t20260101_0.html" rel="next">older</a>
    <a href="?page=2">More briefings</a>
    <a href="/eng/brief/page/2/">Page two</a>
    <a href="2026/list_3.html">x</a>
    <a href="https://mfa.example:8443/eng/brief/2026/t20260106_3.html">other port</a>
    <a href="https://mfa.example:port/eng/brief/2026/t20260107_4.html">a port that is no number</a>
    <a href="http://[::1/eng/brief/2026/t20260108_5.html">a broken IPv6 literal</a>
    </body></html>"""
    page = read_index(html, "https://mfa.example/eng/brief/")
    assert [ln.url.rsplit("/", 1)[1] for ln in page.links] == ["t20260105_2.html", "t20260102_1.html"]
    assert date_in_url("https://x.example/2026/07/28/briefing/") == date(2026, 7, 28)
    assert date_in_url("https://x.example/202607/t20260728_11460000.html") == date(2026, 7, 28)
    assert date_in_url("https://x.example/doc/12345678.html") is None


def test_an_index_whose_every_page_fails_is_an_error(tmp_path, server, no_internet):
    server.expect_request("/eng/list/").respond_with_data(
        '<a href="/eng/list/t20260728_1.html">Briefing on July 28, 2026</a>', content_type="text/html")
    server.expect_request("/eng/list/t20260728_1.html").respond_with_data("gone", status=404)
    lib = make_library(tmp_path / "lib", [feed(server.url_for("/eng/list/"), name="e", index=True)])
    [res] = refresh(lib)
    assert not res.ok and "1 of 1 new briefing pages failed" in res.error
    assert "the page is gone or not published yet" in res.error
