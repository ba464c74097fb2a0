"""Briefing index pages as sources: an HTML page that lists briefings, one link each.

Many ministries publish no feed, only a listing (the China MFA's English site is one). On each
fetch the listing is read with a conditional GET; the links that look like briefing pages are
kept — same site, under the listing's own path (or matching the source's `match` regex), not a
pagination or navigation link, not a file — newest first, at most `max` of them; the ones not
stored yet are fetched through the full-text step and stored as entries with the page's title
and the date the page states (else the date in its address, e.g. /202607/t20260728_…).
"""
from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from posixpath import dirname
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from ..config import DEFAULT_INDEX_MAX, FetchSettings
from ..errors import FeedError
from ..models import Entry, FeedConfig, FetchResult
from ..sanitize import sanitize
from ..transcripts.dates import date_from_text
from .fetch import download, is_remote


@dataclass
class IndexLink:
    url: str
    text: str  # the link's text on the listing (a briefing's title, usually)
    date: date | None  # the date the listing or the address gives


@dataclass
class IndexPage:
    title: str
    links: list[IndexLink]  # briefing links, newest first, each once
    seen: int  # every link on the page, before filtering


# ---- which links are briefings -----------------------------------------------------------------
_PAGER_WORDS = {
    "next", "previous", "prev", "last", "first", "more", "older", "newer", "next page",
    "previous page", "older posts", "newer posts", "older entries", "newer entries", "load more",
    "»", "«", "›", "‹", ">", "<", ">>", "<<", "...", "…", "下一页", "上一页", "首页", "尾页", "末页",
}
_PAGER_FILE = re.compile(r"^(index|default|list|page|home)([_-]?\d+)?\.(s?html?|php|aspx?|jsp)$", re.I)
_PAGER_PATH = re.compile(r"/(page|p)/\d+/?$", re.I)
_PAGER_QUERY = {"page", "p", "pg", "pn", "start", "offset", "paged", "pageno", "pagenum"}
_NOT_PAGE_EXT = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z|gz|jpe?g|png|gif|svg|webp|ico|mp3|mp4|m4a|wav|avi|mov|"
    r"rss|xml|atom|json|css|js|txt|csv)$", re.I)
# A date in an address: /2026/07/28/, 2026-07-28, t20260728_…
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([-/_]?)(\d{2})\2(\d{2})(?!\d)")


def _site(netloc_url) -> tuple[str, int | None] | None:
    """(host without www., port) — None for an address too malformed to say."""
    try:
        host = (netloc_url.hostname or "").lower()
        port = netloc_url.port
    except ValueError:  # a port that is not a number, a broken IPv6 literal
        return None
    if host.startswith("www."):
        host = host[4:]
    return host, port or {"http": 80, "https": 443}.get(netloc_url.scheme.lower())


def _listing_dir(path: str) -> str:
    if not path or path.endswith("/"):
        return path or "/"
    return dirname(path).rstrip("/") + "/"


def date_in_url(url: str) -> date | None:
    path = urlsplit(url).path
    for m in _URL_DATE.finditer(path):
        try:
            return date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            continue
    return None


def _is_pager(url: str, text: str, rel: str) -> bool:
    if any(r in ("next", "prev", "previous", "first", "last") for r in rel.lower().split()):
        return True
    words = " ".join(text.lower().split()).strip(" []()|")
    if words in _PAGER_WORDS or words.isdigit():
        return True
    parts = urlsplit(url)
    name = parts.path.rsplit("/", 1)[-1]
    if _PAGER_FILE.match(name) or _PAGER_PATH.search(parts.path):
        return True
    return any(k.lower() in _PAGER_QUERY for k, _ in parse_qsl(parts.query))


def read_index(html: str, base_url: str, match: str | None = None) -> IndexPage:
    """The briefing links on a listing page: same site, under the listing's path (or matching
    `match`), not pagination/navigation/files, each once, newest first."""
    from lxml import html as lxml_html

    try:
        parser = lxml_html.HTMLParser(recover=True, no_network=True, remove_comments=True,
                                      remove_pis=True)
        root = lxml_html.document_fromstring(html or "<html></html>", parser=parser)
    except Exception:
        raise FeedError("the index page is not readable HTML") from None
    base_el = root.find(".//base[@href]")
    base = urljoin(base_url, base_el.get("href").strip()) if base_el is not None else base_url
    index = urlsplit(base_url)
    site = _site(index)
    under = _listing_dir(urlsplit(base).path)
    index_self = urlunsplit(index._replace(fragment="", query=""))
    rx = re.compile(match) if match else None
    title_el = root.find(".//title")
    title = " ".join(sanitize(title_el.text_content() if title_el is not None else "").split())

    seen = 0
    found: dict[str, IndexLink] = {}
    order: list[str] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        seen += 1
        try:
            url = urljoin(base, href)
            parts = urlsplit(url)
        except ValueError:
            continue  # an address no browser would follow either
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            continue  # javascript:, mailto:, …
        url = urlunsplit(parts._replace(fragment=""))
        if _site(parts) != site:
            continue  # another site
        text = " ".join(sanitize(a.text_content() or a.get("title") or "").split())
        if url == index_self or urlunsplit(parts._replace(fragment="", query="")) == index_self:
            continue
        if _NOT_PAGE_EXT.search(parts.path) or _is_pager(url, text, a.get("rel") or ""):
            continue
        if rx is not None:
            if not rx.search(url):
                continue
        elif not parts.path.startswith(under) or parts.path.rstrip("/") == under.rstrip("/"):
            continue
        # the listing often shows the date beside the link: look at the link's row too
        row_text = " ".join((a.getparent().text_content() if a.getparent() is not None else "").split())
        when = date_from_text(text) or date_in_url(url) or date_from_text(row_text[:300])
        if url in found:
            old = found[url]
            if len(text) > len(old.text):
                old.text = text  # an image link first, the title link after: keep the title
            old.date = old.date or when
            continue
        found[url] = IndexLink(url, text, when)
        order.append(url)
    links = [found[u] for u in order]
    # newest first: dated links by date (a stable sort keeps the page's order within a day),
    # then the undated ones in the page's order
    dated = sorted((ln for ln in links if ln.date), key=lambda ln: ln.date or date.min, reverse=True)
    links = dated + [ln for ln in links if not ln.date]
    return IndexPage(title=title, links=links, seen=seen)


def nothing_usable(feed_url: str, page: IndexPage, match: str | None) -> str:
    where = (f"matching {match!r}" if match else
             f"under {_listing_dir(urlsplit(feed_url).path)} on this site")
    return (f"the index page lists no briefing links ({page.seen} links on the page, none {where}); "
            "check the address, or give --match REGEX for the briefings' addresses")


# ---- one briefing page ------------------------------------------------------------------------
def page_title(html: str) -> str:
    """The page's own title: its <h1> when that reads like one, else <title>, else og:title."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(
            recover=True, no_network=True, remove_comments=True, remove_pis=True))
    except Exception:
        return ""

    def clean(t: str | None) -> str:
        return " ".join(sanitize(t or "").split())

    for h in root.iter("h1"):
        t = clean(h.text_content())
        if len(t.split()) >= 3:
            return t
    t = root.find(".//title")
    if t is not None and clean(t.text_content()):
        return clean(t.text_content())
    for m in root.iter("meta"):
        if (m.get("property") or m.get("name") or "").lower() == "og:title" and clean(m.get("content")):
            return clean(m.get("content"))
    return ""


def briefing_entry(feed: FeedConfig, feed_title: str, link: IndexLink, html: str, text: str) -> Entry:
    title = page_title(html) or link.text or link.url
    when = date_from_text(title) or date_in_url(link.url) or link.date
    if when is None:
        from ..transcripts.clean import html_to_paragraphs

        when = date_from_text(" ".join(html_to_paragraphs(text)[:3])[:500])
    return Entry(
        key=link.url, title=title, link=link.url,
        published=datetime(when.year, when.month, when.day, tzinfo=UTC) if when else None,
        content=text, feed_url=feed.url, feed_title=feed_title,
        ministry=feed.ministry or feed_title or None, style=feed.style, summary_only=False)


# ---- one fetch of an index source -------------------------------------------------------------
async def refresh_index(client, store, feed: FeedConfig, settings: FetchSettings,
                        status) -> FetchResult:
    """Read the listing (conditional GET), fetch and store the briefings not stored yet.

    A page that fails is reported (the others are stored) and tried again on the next fetch:
    the listing's validators are only kept when every page was read.
    """
    from .fulltext import decode_html, fetch_page
    from .parse import ParsedFeed
    from .save import save_segmented, segment_changed

    if not is_remote(feed.url):
        raise FeedError("an index page must be an http(s) address")
    dl = await download(client, feed.url, settings,
                        etag=status["etag"] if status else None,
                        last_modified=status["last_modified"] if status else None)
    if dl.status == 304:
        res = FetchResult(feed.name, feed.url, "not_modified", http_status=304, kind="index")
        store.record_feed_status(feed.url, feed.name, status="not_modified", etag=dl.etag,
                                 last_modified=dl.last_modified, http_status=304,
                                 result="index: not modified")
        return res
    html = decode_html(dl.body or b"", dl.headers.get("content-type", ""))
    page = await asyncio.to_thread(read_index, html, dl.final_url or feed.url, feed.match)
    if not page.links:
        raise FeedError(nothing_usable(dl.final_url or feed.url, page, feed.match))
    taken = page.links[: feed.max_links or DEFAULT_INDEX_MAX]
    known = store.known_links([ln.url for ln in taken])
    todo = [ln for ln in taken if ln.url not in known]
    feed_title = page.title or feed.name

    sem = asyncio.Semaphore(max(1, min(settings.concurrency, 4)))
    failures: list[tuple[IndexLink, str]] = []
    entries: list[Entry] = []

    async def one(link: IndexLink) -> None:
        async with sem:
            try:
                page_html, text = await fetch_page(client, link.url, settings)
                entries.append(briefing_entry(feed, feed_title, link, page_html, text))
            except FeedError as exc:
                failures.append((link, str(exc)))

    await asyncio.gather(*(one(ln) for ln in todo))
    order = {ln.url: i for i, ln in enumerate(todo)}
    entries.sort(key=lambda e: order[e.link or ""])  # every entry here has its page's link
    failures.sort(key=lambda f: order[f[0].url])
    parsed = ParsedFeed(title=feed_title, entries=entries)
    states = {e.key: store.entry_state(e) for e in entries}
    segmented = await asyncio.to_thread(segment_changed, parsed, states, None)
    result = save_segmented(store, feed, segmented, states)
    result.kind = "index"
    result.links = len(taken)
    result.unchanged += len(known)
    result.http_status = dl.status
    etag, last_mod = dl.etag, dl.last_modified
    if failures:
        etag = last_mod = None  # read the listing again next time, and retry those pages
        first, why = failures[0]
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        again = "they are" if len(failures) > 1 else "it is"
        result.error = (f"{len(failures)} of {len(todo)} new briefing pages failed: "
                        f"{sanitize(first.url)}: {why}{more}; {again} tried again on the next fetch")
    if failures and not entries and not known:
        result.status = "error"  # nothing on the list could be read, now or before
    store.record_feed_status(feed.url, feed.name, status=result.status, etag=etag,
                             last_modified=last_mod, title=feed_title, http_status=dl.status,
                             new=result.new, error=result.error, result=result.result_line()
                             if result.status != "error" else None)
    return result


async def probe_index(url: str, settings: FetchSettings, match: str | None) -> IndexPage:
    """Read a listing once (for `feeds add --index`): what would be taken from it now."""
    from .fetch import make_client
    from .fulltext import decode_html

    async with make_client(settings) as client:
        dl = await download(client, url, settings)
    html = decode_html(dl.body or b"", dl.headers.get("content-type", ""))
    return read_index(html, dl.final_url or url, match)
