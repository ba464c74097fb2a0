"""Entries that carry only a link: the transcript page is fetched, its main text extracted and
segmented exactly like the inline transcript, and cached so a re-fetch does not download it."""
from pathlib import Path

from briefdash.config import Config, save_config
from briefdash.library import Library, refresh
from briefdash.models import FeedConfig

FIXTURE = Path(__file__).parent / "fixtures" / "transcripts" / "white_house.html"

PAGE = """<!doctype html><html><head><title>Press Briefing</title>
<script>var tracking = "Q  not a question";</script><style>p {{ color: red }}</style></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/briefings">Briefings</a></li>
<li><a href="/news">News</a></li></ul></nav><div class="banner">Official website</div></header>
<main><article><h1>Press Briefing by the Press Secretary</h1>
<div class="body-content">{body}</div></article></main>
<aside><h2>Related</h2><p>Statement on the harvest festival</p><p>Readout of a call</p></aside>
<footer><p>Links: Privacy Policy | Accessibility</p><p>Copyright © 2026 Office of the President</p>
</footer></body></html>"""


def rss(items_xml: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Office of the President</title>{items_xml}</channel></rss>")


def item(link: str, content: str | None, title="Press Briefing by the Press Secretary") -> str:
    body = (f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content
            else "<description>Read the full transcript on our website.</description>")
    return (f"<item><title>{title}</title><link>{link}</link><guid>brief-1</guid>"
            f"<pubDate>Tue, 14 Apr 2026 18:00:00 GMT</pubDate>{body}</item>")


def shape(lib):
    return [(it.kind, it.speaker, it.asker, it.question, it.answer, it.position)
            for it in lib.store.items_in_order()]


def lib_for(tmp_path, name, url):
    d = tmp_path / name
    save_config(Config(feeds=[FeedConfig(name=name, url=url, style="white_house")]),
                d / "config.toml")
    return Library.open(str(d))


def test_link_only_feed_yields_the_same_items_as_the_inline_transcript(httpserver, tmp_path):
    transcript = FIXTURE.read_text(encoding="utf-8")
    page_url = httpserver.url_for("/briefings/2026/04/14/press-briefing/")
    httpserver.expect_request("/briefings/2026/04/14/press-briefing/").respond_with_data(
        PAGE.format(body=transcript), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/inline.xml").respond_with_data(
        rss(item(page_url, transcript)), content_type="application/rss+xml")
    httpserver.expect_request("/links.xml").respond_with_data(
        rss(item(page_url, None)), content_type="application/rss+xml")

    inline = lib_for(tmp_path, "inline", httpserver.url_for("/inline.xml"))
    refresh(inline)
    linked = lib_for(tmp_path, "linked", httpserver.url_for("/links.xml"))
    results = refresh(linked)
    assert results[0].ok and results[0].new == 1
    expected = shape(inline)
    assert len(expected) >= 5
    assert shape(linked) == expected
    text = " ".join(a for *_, a, _ in shape(linked))
    for junk in ("Privacy Policy", "Copyright", "harvest festival", "tracking", "Official website"):
        assert junk not in text


def test_pages_are_cached_and_not_downloaded_again(httpserver, tmp_path):
    transcript = FIXTURE.read_text(encoding="utf-8")
    path = "/briefings/2026/04/14/press-briefing/"
    page_url = httpserver.url_for(path)
    httpserver.expect_request(path).respond_with_data(PAGE.format(body=transcript),
                                                      content_type="text/html")
    feed_v1 = rss(item(page_url, None))
    feed_v2 = rss(item(page_url, None, title="Press Briefing by the Press Secretary (corrected)"))
    from werkzeug import Response

    served = []

    def feed_handler(request):
        served.append(1)
        return Response(feed_v1 if len(served) == 1 else feed_v2, content_type="application/rss+xml")

    httpserver.expect_request("/links.xml").respond_with_handler(feed_handler)
    lib = lib_for(tmp_path, "linked", httpserver.url_for("/links.xml"))
    refresh(lib)
    before = shape(lib)
    r = refresh(lib)  # the entry changed (new title): segmented again, from the cached page
    assert r[0].updated == 1
    assert shape(lib) == before
    page_hits = [req for req, _ in httpserver.log if req.path == path]
    assert len(page_hits) == 1


def test_javascript_and_file_links_are_never_fetched(httpserver, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT")
    feed = rss(item(f"file://{secret}", None).replace("brief-1", "f1")
               + item("javascript:alert(1)", None).replace("brief-1", "j1"))
    httpserver.expect_request("/links.xml").respond_with_data(feed)
    lib = lib_for(tmp_path, "linked", httpserver.url_for("/links.xml"))
    refresh(lib)
    assert lib.store.cached_page(f"file://{secret}") is None
    text = " ".join(r["content"] or "" for r in lib.store.entries())
    assert "TOP SECRET" not in text
