"""Feed discovery: the feeds a web page names in `<link rel="alternate" type="…rss/atom…">`."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ..config import FetchSettings
from ..errors import FeedError
from ..sanitize import sanitize

FEED_TYPES = {"application/rss+xml": "RSS", "application/atom+xml": "Atom",
              "application/rdf+xml": "RSS 1.0"}


@dataclass
class Alternate:
    url: str
    title: str
    type: str  # "RSS" | "Atom" | "RSS 1.0"


@dataclass
class Probe:
    """What an address returned: a feed, a web page (with the feeds it names), or neither."""

    kind: str  # "feed" | "html" | "unknown"
    alternates: list[Alternate] = field(default_factory=list)
    error: str | None = None  # why it could not be read (network, not a feed)
    final_url: str | None = None


def find_alternates(html: str, base_url: str) -> list[Alternate]:
    """Every RSS/Atom feed the page names, in page order, each once, as absolute http(s) URLs."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html or "<html></html>", parser=lxml_html.HTMLParser(
            recover=True, no_network=True, remove_comments=True, remove_pis=True))
    except Exception:
        return []
    base_el = root.find(".//base[@href]")
    base = urljoin(base_url, base_el.get("href").strip()) if base_el is not None else base_url
    out: list[Alternate] = []
    seen: set[str] = set()
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        kind = FEED_TYPES.get((el.get("type") or "").split(";")[0].strip().lower())
        href = (el.get("href") or "").strip()
        if "alternate" not in rel or not kind or not href:
            continue
        url = urljoin(base, href)
        if urlsplit(url).scheme.lower() not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        out.append(Alternate(url=sanitize(url), title=" ".join(sanitize(el.get("title") or "").split()),
                             type=kind))
    return out


def _looks_html(body: bytes, content_type: str) -> bool:
    head = body.lstrip()[:512].lower()
    return ("html" in content_type.lower() and not head.startswith(b"<?xml")) or \
        head.startswith(b"<!doctype html") or b"<html" in head


async def probe(url: str, settings: FetchSettings) -> Probe:
    """Download `url` once and say whether it is a feed, or a page naming feeds."""
    from .fetch import download, make_client
    from .fulltext import decode_html
    from .parse import parse_feed

    try:
        async with make_client(settings) as client:
            dl = await download(client, url, settings)
    except FeedError as exc:
        return Probe("unknown", error=str(exc))
    body = dl.body or b""
    ctype = dl.headers.get("content-type", "")
    try:
        parse_feed(body, url, content_type=ctype)
        return Probe("feed", final_url=dl.final_url)
    except FeedError as exc:
        if _looks_html(body, ctype):
            return Probe("html", find_alternates(decode_html(body, ctype), dl.final_url or url),
                         final_url=dl.final_url)
        return Probe("unknown", error=str(exc), final_url=dl.final_url)
