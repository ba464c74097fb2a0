"""Full text for entries that carry only a summary or a link: fetch the page, keep its main text.

Pages are cached in the store (with their validators), so a re-fetch downloads nothing new.
"""
from __future__ import annotations

from ..config import FetchSettings
from ..errors import FeedError
from ..sanitize import sanitize
from .fetch import download, is_fetchable_link


async def page_text(client, store, url: str | None, settings: FetchSettings) -> str | None:
    """The main text of the page at `url` as HTML paragraphs, or None when unavailable."""
    if url is None or not is_fetchable_link(url):
        return None
    from ..transcripts.extract import extract_main_text

    cached = store.cached_page(url)
    if cached is not None and cached["content"]:
        return cached["content"]
    try:
        dl = await download(client, url, settings)
    except FeedError:
        return None
    if not dl.body:
        return None
    html = decode_html(dl.body, dl.headers.get("content-type", ""))
    text = sanitize(extract_main_text(sanitize(html)))
    if text:
        store.cache_page(url, text, dl.etag, dl.last_modified)
    return text or None


_NOT_PAGES = ("application/pdf", "image/", "audio/", "video/", "application/zip",
              "application/msword", "application/vnd.", "application/octet-stream")


async def fetch_page(client, url: str, settings: FetchSettings) -> tuple[str, str]:
    """(the page's sanitised HTML, its main text as HTML paragraphs); FeedError says why not.

    The same step as `page_text` (size cap, timeouts, main-text extraction), but a page that
    cannot be read is reported rather than skipped: a briefing index stores each page it lists.
    """
    from ..transcripts.extract import extract_main_text

    if not is_fetchable_link(url):
        raise FeedError("not an http(s) link")
    dl = await download(client, url, settings, page=True)
    ctype = dl.headers.get("content-type", "").lower()
    if ctype.startswith(_NOT_PAGES):
        raise FeedError(f"not a web page ({ctype.split(';')[0]})")
    if not dl.body or not dl.body.strip():
        raise FeedError("the page is empty")
    html = sanitize(decode_html(dl.body, ctype))
    text = sanitize(extract_main_text(html))
    from ..transcripts.clean import html_to_paragraphs

    if len(" ".join(html_to_paragraphs(text))) < 80:
        raise FeedError("no briefing text found on the page")
    return html, text


def decode_html(body: bytes, content_type: str) -> str:
    """Bytes of a page → text: the header's charset, else a <meta charset>, else UTF-8."""
    return body.decode(_charset(content_type) or _meta_charset(body) or "utf-8", errors="replace")


def _meta_charset(body: bytes) -> str | None:
    import re

    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", body[:4096], re.I)
    return _known(m.group(1).decode("ascii", "replace")) if m else None


def _known(name: str) -> str | None:
    import codecs

    try:
        codecs.lookup(name)
        return name
    except LookupError:
        return None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        part = part.strip()
        if part.lower().startswith("charset="):
            return _known(part[8:].strip("\"' "))
    return None
