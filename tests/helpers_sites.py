"""A ministry's web site on the local test server: a spokesperson's listing of briefing pages
(an index source: relative and absolute links, a pager, links to other sites, a duplicate, one
page that can be made to fail) and a home page naming its feeds (feed discovery)."""
from __future__ import annotations

import re

from werkzeug import Response

from helpers_feeds import briefings, rss

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

    server.expect_request(re.compile(".*")).respond_with_handler(anything_else)
    return hits


HOME = """<!DOCTYPE html><html><head><title>Ministry of Foreign Affairs of Veloria</title>
<link rel="stylesheet" href="/site.css">
<link rel="alternate" hreflang="fr" href="/fr/">
{links}
</head><body><h1>Welcome</h1><p>News of the ministry.</p></body></html>"""
TWO = ('<link rel="alternate" type="application/rss+xml" title="Press briefings" href="/feeds/briefings.rss">\n'
       '<link rel="Alternate" type="application/atom+xml" title="All news" '
       'href="https://mfa.veloria.example/feeds/news.atom">')


def serve_home(server, links):
    server.expect_request("/").respond_with_data(HOME.format(links=links), content_type="text/html")
    server.expect_request("/feeds/briefings.rss").respond_with_data(
        rss(briefings(2)), content_type="application/rss+xml")
