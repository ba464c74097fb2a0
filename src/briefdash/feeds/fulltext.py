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
    if not is_fetchable_link(url):
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
    html = dl.body.decode(_charset(dl.headers.get("content-type", "")), errors="replace")
    text = sanitize(extract_main_text(sanitize(html)))
    if text:
        store.cache_page(url, text, dl.etag, dl.last_modified)
    return text or None


def _charset(content_type: str) -> str:
    import codecs

    for part in content_type.split(";"):
        part = part.strip()
        if part.lower().startswith("charset="):
            name = part[8:].strip("\"' ")
            try:
                codecs.lookup(name)
                return name
            except LookupError:
                break
    return "utf-8"
