"""Feed bytes → entries, with feedparser. Every string is sanitised on the way in."""
from __future__ import annotations

import calendar
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import feedparser

from ..errors import FeedError
from ..models import Entry, FeedConfig
from ..sanitize import sanitize, strip_escape_bytes
from ..transcripts.names import publisher

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
        dt = datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
    except (OverflowError, ValueError, OSError, TypeError):
        return None
    if dt.year < _MIN_YEAR or dt > datetime.now(UTC) + timedelta(days=2):
        return None
    return dt


_ISO_OFFSET = re.compile(r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})\s*$", re.I)


def stated_offset(raw: str | None) -> timedelta | None:
    """The UTC offset a feed wrote into a date ("… 20:00:00 -0500", "…T20:00:00+08:00")."""
    if not raw:
        return None
    raw = raw.strip()
    m = _ISO_OFFSET.search(raw)
    if m:
        z = m.group(1).upper()
        if z == "Z":
            return timedelta(0)
        z = z.replace(":", "")
        sign = -1 if z[0] == "-" else 1
        return sign * timedelta(hours=int(z[1:3]), minutes=int(z[3:5]))
    from email.utils import parsedate_tz

    try:
        parsed = parsedate_tz(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None or parsed[9] is None:
        return None
    if not re.search(r"(?:[+-]\d{4}|\b(?:UT|GMT|Z|[ECMP][SD]T)\b)\s*$", raw, re.I):
        return None  # no zone written: feedparser read it as UTC, so keep UTC
    return timedelta(seconds=parsed[9])


def in_own_offset(dt: datetime | None, raw: str | None) -> datetime | None:
    """`dt` (UTC) shown in the offset the feed wrote, so that `.date()` is the feed's own day."""
    if dt is None:
        return None
    off = stated_offset(raw)
    if off is None or abs(off) > timedelta(hours=18):
        return dt
    return dt.astimezone(timezone(off))


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
               content_type: str | None = None, cut: bool = False) -> ParsedFeed:
    """Parse RSS 0.9x/1.0/2.0 or Atom bytes; raise FeedError when nothing feed-like is there.

    `data` is always handed to feedparser as a stream: given bytes, feedparser first tries
    to open them as a *file name* (a server answering "/etc/passwd" would make it read that
    file). External entities are never resolved (feedparser strips the DOCTYPE's SYSTEM
    entities and turns off external general entities in its SAX parser).
    """
    data = strip_escape_bytes(data)
    # `cut`: the body was cut at the size cap (after its last whole entry), so the closing
    # tags are missing; the fast path may then recover the document.
    parsed = _fast_parse(data, url, recover=cut) if _many_entries(data) else None
    if parsed is None:
        parsed = _feedparser_parse(data, url, content_type)
    return _to_entries(parsed, data, url, feed)


def _feedparser_parse(data: bytes, url: str, content_type: str | None) -> dict:
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
    return parsed


def _to_entries(parsed, data: bytes, url: str, feed: FeedConfig | None) -> ParsedFeed:
    raw_entries = parsed.get("entries") or []
    if not raw_entries and (parsed.get("bozo") or not parsed.get("version")):
        looks_html = data.lstrip()[:200].lower()
        if b"<html" in looks_html or b"<!doctype html" in looks_html:
            raise FeedError("not a feed (the address returned an HTML page)")
        reason = parsed.get("bozo_exception")
        detail = f": {_short(str(reason))}" if reason else ""
        raise FeedError(f"not a feed (no RSS or Atom entries found{detail})")
    feed_title = sanitize(parsed.get("feed", {}).get("title") or "") or (feed.name if feed else url)
    feed_link = sanitize(parsed.get("feed", {}).get("link") or "").strip() or None
    entries: list[Entry] = []
    for e in raw_entries:
        title = sanitize(e.get("title") or "").strip()
        link = sanitize(e.get("link") or "").strip() or None
        content, summary_only = _content_of(e)
        # dict.get: feedparser's own get maps a missing "updated" to "published", with a warning
        published = in_own_offset(
            _sane_datetime(e.get("published_parsed") or dict.get(e, "updated_parsed")),
            e.get("published") if e.get("published_parsed") else dict.get(e, "updated"))
        key = entry_key(sanitize(e.get("id") or e.get("guid") or ""), link, title,
                        e.get("published") or dict.get(e, "updated") or "", feed_url=url)
        entries.append(Entry(
            key=key, title=title, link=link, published=published,
            content=sanitize(content), feed_url=url, feed_title=feed_title,
            author=sanitize(e.get("author") or ""),
            ministry=publisher(feed.ministry if feed else None, [link, feed_link, url], feed_title),
            style=feed.style if feed else None, summary_only=summary_only,
        ))
    warning = None
    if parsed.get("bozo") and type(parsed.get("bozo_exception")).__name__ not in _HARMLESS_BOZO:
        warning = f"feed has errors but was read: {_short(str(parsed.get('bozo_exception')))}"
    return ParsedFeed(title=feed_title, entries=entries, warning=warning)


# ---- a fast path for very large, well-formed feeds -------------------------------------------
# feedparser costs ~0.5 ms per entry (50,000 entries: half a minute). A feed with thousands of
# entries that is well-formed XML without a DOCTYPE is read with lxml instead (entities never
# resolved, no network, no DTD, no huge-tree mode); anything unusual falls back to feedparser.
_FAST_PATH_MIN_ENTRIES = 1000
_NS_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_NS_DC = "{http://purl.org/dc/elements/1.1/}"
_NS_ATOM = "{http://www.w3.org/2005/Atom}"
_NS_RSS1 = "{http://purl.org/rss/1.0/}"


def _many_entries(data: bytes) -> bool:
    return data.count(b"<item") + data.count(b"<entry") >= _FAST_PATH_MIN_ENTRIES


def _xml_root(data: bytes, recover: bool):
    """The document's root element, parsed safely (no entities, DTD or network); None for a
    document with a DOCTYPE or an entity declaration, or one lxml cannot read."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data[:65536].lower():
        return None
    try:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, recover=recover, remove_comments=True,
                                 remove_pis=True)
        return etree.fromstring(data, parser)
    except Exception:
        return None


def _text(el) -> str:
    """All the text inside an element ("" for a missing one)."""
    return "".join(el.itertext()) if el is not None else ""


def _find_first(el, *tags):
    """The first child found among `tags`, in the order given."""
    for t in tags:
        x = el.find(t)
        if x is not None:
            return x
    return None


def _date_of(raw: str):
    """A date as feedparser reads it (a time.struct_time), None when it cannot."""
    from feedparser.datetimes import _parse_date

    try:
        return _parse_date(raw) if raw else None
    except Exception:
        return None


def _alternate_link(el) -> str:
    """An Atom element's first alternate link (`rel` absent or "alternate")."""
    for ln in el.findall(_NS_ATOM + "link"):
        if ln.get("rel", "alternate") == "alternate" and ln.get("href"):
            return ln.get("href")
    return ""


def _atom_entry(e) -> dict:
    """One Atom entry as feedparser would give it."""
    pub = _text(_find_first(e, _NS_ATOM + "published", _NS_ATOM + "updated")).strip()
    content = _find_first(e, _NS_ATOM + "content")
    author = e.find(f"{_NS_ATOM}author/{_NS_ATOM}name")
    return {
        "title": _text(e.find(_NS_ATOM + "title")), "link": _alternate_link(e),
        "id": _text(e.find(_NS_ATOM + "id")).strip(),
        "summary": _text(e.find(_NS_ATOM + "summary")),
        "content": [{"value": _inner(content)}] if content is not None else [],
        "published": pub, "published_parsed": _date_of(pub), "author": _text(author)}


def _rss_entry(e, ns: str, is_rss: bool) -> dict:
    """One RSS 2.0 (`is_rss`) or RSS 1.0 item as feedparser would give it."""
    pub = _text(_find_first(e, ns + "pubDate", _NS_DC + "date")).strip()
    guid = e.find("guid") if is_rss else None
    content = e.find(_NS_CONTENT + "encoded")
    return {
        "title": _text(e.find(ns + "title")), "link": _text(e.find(ns + "link")).strip(),
        "id": _text(guid).strip() if guid is not None else (e.get(
            "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about") or ""),
        "summary": _text(e.find(ns + "description")),
        "content": [{"value": _text(content)}] if content is not None else [],
        "published": pub, "published_parsed": _date_of(pub),
        "author": _text(_find_first(e, _NS_DC + "creator", ns + "author"))}


def _atom_feed(root) -> tuple[dict, list[dict], str]:
    """An Atom document: its feed title and link, its entries, its version."""
    head = {"title": _text(root.find(_NS_ATOM + "title")), "link": _alternate_link(root)}
    return head, [_atom_entry(e) for e in root.iter(_NS_ATOM + "entry")], "atom10"


def _rss_feed(root, is_rss: bool) -> tuple[dict, list[dict], str]:
    """An RSS 2.0 (`is_rss`) or RSS 1.0 (RDF) document: feed title and link, items, version."""
    ns = "" if is_rss else _NS_RSS1
    channel = root.find("channel") if is_rss else root.find(_NS_RSS1 + "channel")
    head = {"title": _text(channel.find(ns + "title")) if channel is not None else "",
            "link": _text(channel.find(ns + "link")).strip() if channel is not None else ""}
    items = channel.iter("item") if is_rss and channel is not None else root.iter(_NS_RSS1 + "item")
    return head, [_rss_entry(e, ns, is_rss) for e in items], "rss20" if is_rss else "rss10"


def _fast_parse(data: bytes, url: str, recover: bool = False) -> dict | None:
    """A large well-formed feed read with lxml into feedparser's shape; None to fall back."""
    root = _xml_root(data, recover)
    if root is None:
        return None
    from lxml import etree

    tag = etree.QName(root).localname.lower()
    if tag == "feed":
        head, entries, version = _atom_feed(root)
    elif tag in ("rss", "rdf"):
        head, entries, version = _rss_feed(root, tag == "rss")
    else:
        return None
    if not entries:
        return None
    return {"feed": head, "entries": entries, "version": version, "bozo": 0}


def _inner(el) -> str:
    """An Atom content element's value: its text, or its XHTML markup serialised."""
    from lxml import etree

    if el.get("type") == "xhtml":
        return "".join(etree.tostring(c, encoding="unicode") for c in el)
    return "".join(el.itertext())


def _short(text: str, limit: int = 120) -> str:
    text = re.sub(r"\s+", " ", sanitize(text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
