"""Feed bytes → entries, with feedparser. Every string is sanitised on the way in."""
from __future__ import annotations

import calendar
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import feedparser

from ..errors import FeedError
from ..models import Entry, FeedConfig
from ..sanitize import sanitize

# A summary this long or longer is treated as the full text when no content is given.
_FULL_SUMMARY_CHARS = 1500
_MIN_YEAR = 1990


@dataclass
class ParsedFeed:
    title: str
    entries: list[Entry]
    warning: str | None = None  # recoverable problem feedparser reported


def _sane_datetime(struct) -> datetime | None:
    """A UTC datetime from feedparser's struct_time; None when missing or absurd."""
    if not struct:
        return None
    try:
        dt = datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc)
    except (OverflowError, ValueError, OSError, TypeError):
        return None
    if dt.year < _MIN_YEAR or dt > datetime.now(timezone.utc) + timedelta(days=2):
        return None
    return dt


def _content_of(e) -> tuple[str, bool]:
    """The entry's best text: content:encoded/Atom content, else the summary."""
    contents = e.get("content") or []
    best = ""
    for c in contents:
        value = c.get("value") or ""
        if len(value) > len(best):
            best = value
    summary = e.get("summary") or e.get("description") or ""
    if best and len(best) >= len(summary):
        return best, False
    if len(summary) >= _FULL_SUMMARY_CHARS:
        return summary, False
    return summary or best, True


def entry_key(guid: str | None, link: str | None, title: str, date_text: str,
              feed_url: str = "") -> str:
    """Identity: guid/id, else link, else a hash of title+date — scoped to the feed.

    A guid is only unique within its feed: two feeds that both number their items "1", "2", …
    (or a hostile feed that copies another feed's guids) must not overwrite each other's
    briefings, so a guid-based key carries the feed's address. The same briefing carried by
    two feeds is still stored once: the store also dedupes by content hash.
    """
    if guid:
        guid = guid.strip()
        return f"{feed_url}#{guid}" if feed_url else guid
    if link:
        return link.strip()
    base = f"{feed_url}\x00{title}\x00{date_text}" if feed_url else f"{title}\x00{date_text}"
    return "sha1:" + hashlib.sha1(base.encode("utf-8", "replace")).hexdigest()


_XML_TYPES = re.compile(r"(?i)^\s*(application/([\w.+-]*\+)?xml|text/xml|application/(rss|atom|rdf)\b)")
# feedparser warnings that say nothing about the feed's content
_HARMLESS_BOZO = ("NonXMLContentType",)


def parse_feed(data: bytes, url: str, feed: FeedConfig | None = None, *,
               content_type: str | None = None) -> ParsedFeed:
    """Parse RSS 0.9x/1.0/2.0 or Atom bytes; raise FeedError when nothing feed-like is there.

    `data` is always handed to feedparser as a stream: given bytes, feedparser first tries
    to open them as a *file name* (a server answering "/etc/passwd" would make it read that
    file). External entities are never resolved (feedparser strips the DOCTYPE's SYSTEM
    entities and turns off external general entities in its SAX parser).
    """
    headers = {"content-location": url}
    # The server's charset matters for decoding; a non-XML type ("text/html" for an RSS file,
    # which many servers send) only makes feedparser complain, so it is not passed on.
    headers["content-type"] = (content_type if content_type and _XML_TYPES.match(content_type)
                               else "application/xml")
    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True,
                                  response_headers=headers)
    except Exception as exc:  # feedparser is robust, but never let a parser bug crash a fetch
        raise FeedError(f"could not parse the feed ({type(exc).__name__})") from None
    raw_entries = parsed.get("entries") or []
    if not raw_entries and (parsed.get("bozo") or not parsed.get("version")):
        looks_html = data.lstrip()[:200].lower()
        if b"<html" in looks_html or b"<!doctype html" in looks_html:
            raise FeedError("not a feed (the address returned an HTML page)")
        reason = parsed.get("bozo_exception")
        detail = f": {_short(str(reason))}" if reason else ""
        raise FeedError(f"not a feed (no RSS or Atom entries found{detail})")
    feed_title = sanitize(parsed.get("feed", {}).get("title") or "") or (feed.name if feed else url)
    entries: list[Entry] = []
    for e in raw_entries:
        title = sanitize(e.get("title") or "").strip()
        link = sanitize(e.get("link") or "").strip() or None
        content, summary_only = _content_of(e)
        published = _sane_datetime(e.get("published_parsed") or e.get("updated_parsed"))
        key = entry_key(sanitize(e.get("id") or e.get("guid") or ""), link, title,
                        e.get("published") or e.get("updated") or "", feed_url=url)
        entries.append(Entry(
            key=key, title=title, link=link, published=published,
            content=sanitize(content), feed_url=url, feed_title=feed_title,
            author=sanitize(e.get("author") or ""),
            ministry=(feed.ministry if feed and feed.ministry else feed_title) or None,
            style=feed.style if feed else None, summary_only=summary_only,
        ))
    warning = None
    if parsed.get("bozo") and type(parsed.get("bozo_exception")).__name__ not in _HARMLESS_BOZO:
        warning = f"feed has errors but was read: {_short(str(parsed.get('bozo_exception')))}"
    return ParsedFeed(title=feed_title, entries=entries, warning=warning)


def _short(text: str, limit: int = 120) -> str:
    text = re.sub(r"\s+", " ", sanitize(text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
