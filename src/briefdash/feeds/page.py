"""One web page or text file that is not a feed, read as one briefing.

`briefdash ingest URL_OR_PATH` of an article page (http(s)) or a local .html/.txt file: a news
report of a briefing (no Q&A markers, the question paraphrased, the spokesperson named in the
text) or a briefing transcript published as a page. The page's main text (the same extraction as
the full-text step), its title and its date (meta tags such as article:published_time,
`<time datetime>`, JSON-LD datePublished, else a date in the title, the address or the text's
dateline) become ONE entry; the segmenter then makes one `report` item of it, or the Q&A items
of a transcript. The entry's key is the page's address (a file's `file:` URI), so ingesting it
twice stores it once. A page that reads as neither (a shop, a blog post) is refused in one line.

Everything here is pure (bytes in, an Entry out) and raises only FeedError.
"""
from __future__ import annotations

import html as _html
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..errors import FeedError
from ..models import Entry, FeedConfig
from ..sanitize import sanitize

PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
_MIN_TEXT_CHARS = 80
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|article|p|div|h1)\b", re.I)

# <meta> names that carry the publication date, most specific first
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "publishdate",
              "publish-date", "publish_date", "pubdate", "date", "dc.date.issued", "dc.date",
              "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date",
              "article.published", "og:updated_time", "article:modified_time")
_SECTION_LINE = re.compile(r"^[A-Z][A-Z \u00a0/&-]{2,40}$")
_STAMP_LINE = re.compile(r"^(?:published|updated|posted|by)\b", re.I)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


def page_kind(source: str, body: bytes, content_type: str | None) -> str | None:
    """"html", "text" or None (neither: the not-a-feed error stands)."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    head = body[:4096]
    suffix = "" if _is_url(source) else Path(source).suffix.lower()
    if _is_url(source):
        if ctype in ("text/html", "application/xhtml+xml") or _HTML_START.match(head):
            return "html"
        if ctype == "text/plain" and _is_text(body):
            return "text"
        return None
    if suffix in PAGE_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "html" if _HTML_START.match(head) else ("text" if _is_text(body) else None)
    return None


def _is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


def _is_text(body: bytes) -> bool:
    sample = body[:8192]
    return b"\x00" not in sample  # UTF-16 and binary files are not plain text here


def page_key(source: str, final_url: str | None = None) -> tuple[str, str | None]:
    """(the entry's key, its link): an address without its fragment; a file's `file:` URI."""
    if _is_url(source):
        url = urlunsplit(urlsplit(source)._replace(fragment=""))
        return url, url
    return Path(source).expanduser().resolve().as_uri(), None


def read_page(source: str, body: bytes, content_type: str | None, feed: FeedConfig,
              final_url: str | None = None, max_chars: int | None = None) -> Entry:
    """The page (or text file) at `source` as one entry; FeedError says why not, in one line.

    `max_chars`: the entry's text is cut there, with a note (fetch.max_entry_bytes)."""
    kind = page_kind(source, body, content_type)
    if kind is None:
        raise FeedError("not a feed (no RSS or Atom entries found), nor a web page or text file")
    if not body.strip():
        raise FeedError("the page is empty")
    try:
        return _read_page(kind, source, body, content_type, feed, final_url, max_chars)
    except FeedError:
        raise
    except Exception as exc:  # a parser bug must not crash an ingest
        raise FeedError(f"could not read the page ({type(exc).__name__})") from None


def _read_page(kind: str, source: str, body: bytes, content_type: str | None, feed: FeedConfig,
               final_url: str | None, max_chars: int | None) -> Entry:
    if kind == "html":
        parts = _html_parts(body, content_type or "", final_url or source)
    else:
        parts = _text_parts(body, source)
    title, content, published, site = parts
    if max_chars:
        from .limit import cap_text

        content = cap_text(content, max_chars)[0]

    from ..transcripts.clean import html_to_paragraphs
    from ..transcripts.segment import detect_style

    paragraphs = html_to_paragraphs(content)
    if len(" ".join(paragraphs)) < _MIN_TEXT_CHARS:
        raise FeedError("not a feed, and the page holds no article text")
    style = detect_style(paragraphs, title, hint=feed.style)
    if style == "generic" and not _has_questions(content, title, feed):
        hint = ("; a page that lists briefings is read with `briefdash feeds add URL --index`"
                if kind == "html" else "")
        raise FeedError("not a feed, and the page is neither a briefing transcript (no Q&A "
                        "markers) nor a report of one (no spokesperson, no press conference)"
                        + hint)
    if published is None:
        published = _date_at(_dateline(paragraphs))
    key, link = page_key(source, final_url)
    ministry = feed.ministry or None
    if ministry is None and style != "report":
        ministry = site or None  # a ministry's own transcript page: the site speaks
    return Entry(key=key, title=title, link=link, published=published, content=content,
                 feed_url=source, feed_title=site or "", ministry=ministry, style=style,
                 summary_only=False)


def _has_questions(content: str, title: str, feed: FeedConfig) -> bool:
    """A transcript without a known style: at least two answered questions ("Q: …?")."""
    from ..transcripts.segment import segment_text

    items = segment_text(content, title=title, style=feed.style)
    return sum(1 for it in items if it.kind == "qa" and "?" in it.question and it.answer) >= 2


# ---- HTML -------------------------------------------------------------------------------------
def _html_parts(body: bytes, content_type: str, url: str):
    from lxml import html as lxml_html

    from ..transcripts.extract import extract_main_text
    from .fulltext import decode_html
    from .index import date_in_url, page_title

    html = sanitize(decode_html(body, content_type))
    try:
        root = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(
            recover=True, no_network=True, remove_comments=True, remove_pis=True))
    except Exception:
        raise FeedError("not a feed, and the page is not readable HTML") from None
    title = page_title(html)
    metas = _metas(root)
    site = _clean(metas.get("og:site_name") or metas.get("application-name") or "")
    if not site and _is_url(url):
        site = (urlsplit(url).hostname or "").removeprefix("www.")
    published = _page_date(root, metas, html)
    if published is None:
        d = _date_in_title(title) or (date_in_url(url) if _is_url(url) else None)
        published = _date_at(d)
    text = sanitize(extract_main_text(html))
    return title, text, published, site


def _metas(root) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in root.iter("meta"):
        name = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        value = m.get("content")
        if name and value and name not in out:
            out[name] = value.strip()
    return out


def _page_date(root, metas: dict[str, str], html: str) -> datetime | None:
    for name in _DATE_META:
        if name in metas:
            d = parse_when(metas[name])
            if d:
                return d
    m = _JSONLD_DATE.search(html)
    if m:
        d = parse_when(m.group(1))
        if d:
            return d
    for t in root.iter("time"):
        d = parse_when(t.get("datetime") or "") or parse_when(t.text_content() or "")
        if d:
            return d
    return None


def parse_when(value: str) -> datetime | None:
    """An ISO 8601 timestamp or a written date → a datetime (its own offset kept; UTC when it
    names none). None when absent, unreadable or implausible (before 1990, in the future)."""
    value = (value or "").strip()
    if not value:
        return None
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        from ..transcripts.dates import date_from_text

        d = date_from_text(value[:200])
        dt = datetime(d.year, d.month, d.day, tzinfo=UTC) if d else None
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    if dt.year < 1990 or dt > datetime.now(UTC) + timedelta(days=2):
        return None
    return dt


def _date_in_title(title: str) -> date | None:
    from ..transcripts.dates import date_from_text

    return date_from_text(title)


# ---- plain text -------------------------------------------------------------------------------
def _text_parts(body: bytes, source: str):
    from ..transcripts.clean import text_to_paragraphs

    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    text = sanitize(body.decode("utf-8", errors="replace"))
    paragraphs = text_to_paragraphs(text)
    title = ""
    # the headline: the first line that is neither a section line ("WORLD / DIPLOMACY") nor a
    # "Published: …" line, when it reads like one (short, no final punctuation)
    for line in [ln.strip() for ln in text.splitlines() if ln.strip()][:4]:
        if _SECTION_LINE.match(line) or _STAMP_LINE.match(line):
            continue
        if len(line) < 200 and not re.search(r"[.!?:”\"]$", line):
            title = " ".join(line.split())
        break
    if not title:
        title = Path(source).stem.replace("_", " ").replace("-", " ")
    content = "".join(f"<p>{_html.escape(p, quote=False)}</p>" for p in paragraphs)
    published = _date_at(_date_in_title(title))
    return title, content, published, ""


# ---- shared -----------------------------------------------------------------------------------
def _dateline(paragraphs: list[str]) -> date | None:
    """A date written at the top of the text: a dateline, a "Published: …" line."""
    from ..transcripts.dates import date_from_text

    return date_from_text(" ".join(paragraphs[:4])[:600])


def _date_at(d: date | None) -> datetime | None:
    if d is None:
        return None
    dt = datetime(d.year, d.month, d.day, tzinfo=UTC)
    if dt.year < 1990 or dt > datetime.now(UTC) + timedelta(days=2):
        return None
    return dt


def _clean(text: str) -> str:
    return " ".join(sanitize(text or "").split())[:200]

