"""Briefing index pages as sources (`feeds add URL --index`): a listing modelled on a ministry's
spokesperson page — relative and absolute links, a pagination bar, links to other sites, a
duplicate, one broken briefing page — gives exactly the briefings, each once, with their dates."""
from datetime import date

from briefdash.feeds.index import date_in_url, read_index
from briefdash.library import refresh
from helpers_feeds import feed, make_library, no_internet, server  # noqa: F401
from helpers_sites import BRIEFINGS, BROKEN, LISTING, briefing_html, serve_ministry


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
