"""The services the CLI and the TUI share: refresh feeds, ingest sources, regroup.

One feed's results are written in one transaction; a failing feed never stops the others.
"""
from __future__ import annotations

import asyncio
import contextlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .config import Config, FetchSettings, Paths, load_config
from .errors import FeedError
from .feeds.fetch import (
    Download,
    RetryLater,
    download,
    is_fetchable_link,
    is_remote,
    local_is_truncated,
    make_client,
    read_local,
)
from .feeds.limit import EntryLimiter, cap_text, cut_message, human_size, note_cut_entries
from .feeds.parse import ParsedFeed, parse_feed
from .feeds.save import save_segmented, segment_changed
from .models import FeedConfig, FetchResult
from .sanitize import sanitize
from .store import Store

_CLOSED_ENTRY = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.I)
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".feed"}
Progress = Callable[[FetchResult, int, int], None]


@dataclass
class Library:
    """A user's library: its paths, config and open store."""

    paths: Paths
    config: Config
    store: Store

    @classmethod
    def open(cls, data_dir: str | None = None) -> Library:
        paths = Paths.resolve(data_dir)
        config = load_config(paths.config_file)
        lib = cls(paths, config, open_store(paths, config))
        if lib.store.get_state("needs_regroup") == "1":
            # a library made before issues and source-aware weights: regroup it once, now, so
            # that every view shows issues (one line says why the start takes a moment)
            print("briefdash: regrouping the library once for this version "
                  f"({lib.store.item_count()} statements)…", file=sys.stderr, flush=True)
            from .topics.pipeline import group_new_items

            group_new_items(lib.store, config)
        from .topics.storylines import sync

        sync(lib.store, config)  # config.toml's storylines, matched when new or edited
        return lib

    def close(self) -> None:
        self.store.close()


def store_target(paths: Paths, config: Config) -> str | Path:
    """The store a library uses: `--store`/BRIEFDASH_STORE (the CLI puts its option in the
    environment, so the dashboards `serve` starts inherit it without a password on their
    command line), else config.toml's `[store] url`, else the data dir's SQLite file."""
    import os

    from .store import resolve_target

    return resolve_target(None, os.environ.get("BRIEFDASH_STORE"), config.store_url,
                          paths.database)


def open_store(paths: Paths, config: Config) -> Store:
    """A connection to the library's store, curating as this analyst."""
    store = Store(store_target(paths, config))
    store.analyst = config.analyst()
    return store


def expand_sources(sources: list[str]) -> list[str]:
    """Directories become the feed files inside them (sorted); URLs and files stay."""
    from urllib.parse import urlsplit

    out: list[str] = []
    for s in sources:
        p = Path(s).expanduser()
        if s.startswith(("exec:", "filter:")):  # a command the user typed: run as given
            out.append(s)
            continue
        if is_remote(s):
            if not urlsplit(s).hostname:
                raise FeedError(f"not a valid address: {s}")
        elif not p.exists():
            raise FeedError(f"no such file or directory: {s}")
        if not is_remote(s) and p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in FEED_SUFFIXES)
            if not files:
                raise FeedError(f"{p}: no feed files (*.xml, *.rss, *.atom) in this directory")
            out.extend(str(f) for f in files)
        else:
            out.append(s)
    return out


def store_parsed(store: Store, feed: FeedConfig, parsed: ParsedFeed,
                 fulltext: dict[str, str] | None = None) -> FetchResult:
    """Segment and save every entry of one feed in one transaction."""
    states = {e.key: store.entry_state(e) for e in parsed.entries}
    segmented = segment_changed(parsed, states, fulltext)
    return save_segmented(store, feed, segmented, states)


async def _fetch_fulltext(client, store: Store, parsed: ParsedFeed, settings: FetchSettings,
                          states: dict[str, str]) -> dict[str, str]:
    """For new or changed entries that carry only a summary: the linked page's main text."""
    from .feeds.fulltext import page_text

    wanted = [e for e in parsed.entries
              if e.summary_only and is_fetchable_link(e.link) and states.get(e.key) != "unchanged"]
    out: dict[str, str] = {}
    for e in wanted:
        try:
            text = await page_text(client, store, e.link, settings)
        except Exception:  # a page we cannot read leaves the entry with its summary
            text = None
        if text:
            out[e.key] = cap_text(text, settings.max_entry_bytes)[0]
    return out


@dataclass
class _Fetched:
    """The raw bytes of one source as read, with what the next fetch needs to revalidate."""

    body: bytes
    truncated: bool
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    final_url: str | None = None


def _waiting(status, feed: FeedConfig) -> FetchResult | None:
    """The skipped result while the server's Retry-After has not passed yet, else None."""
    if not (status and status["retry_after"]):
        return None
    until = datetime.fromisoformat(status["retry_after"])
    if until <= datetime.now(UTC):
        return None
    return FetchResult(feed.name, feed.url, "error", kind=feed.kind,
                       error=f"skipped: the server asked to wait until {until:%Y-%m-%d %H:%M} UTC")


async def _read_command(client, feed: FeedConfig, settings: FetchSettings, limiter: EntryLimiter,
                        etag: str | None, last_mod: str | None) -> _Fetched | Download:
    """Run an `exec:` or `filter:` source; a filter's page is downloaded first and piped in.

    Returns the filter page's download itself when the server answered 304 Not Modified."""
    from .feeds.commands import parse_command_source, run_command

    src = parse_command_source(feed.url)
    stdin = None
    http_status = None
    if src.kind == "filter":
        assert src.url is not None  # a filter: source always names its page
        dl = await download(client, src.url, settings, etag=etag, last_modified=last_mod)
        if dl.status == 304:
            return dl
        stdin, etag, last_mod, http_status = dl.body or b"", dl.etag, dl.last_modified, dl.status
    else:
        etag = last_mod = None
    body, truncated = await run_command(src.argv, settings, stdin)
    return _Fetched(limiter.feed(body) + limiter.finish(), truncated, etag, last_mod, http_status)


async def _read_remote(client, feed: FeedConfig, settings: FetchSettings, limiter: EntryLimiter,
                       etag: str | None, last_mod: str | None) -> _Fetched | Download:
    """Download a feed over HTTP (conditionally); the download itself when it is a 304."""
    dl = await download(client, feed.url, settings, etag=etag, last_modified=last_mod,
                        limiter=limiter)
    if dl.status == 304:
        return dl
    return _Fetched(dl.body or b"", dl.truncated, dl.etag, dl.last_modified, dl.status,
                    dl.headers.get("content-type"), dl.final_url)


async def _read_file(feed: FeedConfig, settings: FetchSettings,
                     limiter: EntryLimiter) -> _Fetched:
    """Read a local feed file, up to fetch.max_bytes."""
    body = await asyncio.to_thread(read_local, feed.url, settings.max_bytes, limiter)
    return _Fetched(body, local_is_truncated(feed.url, settings.max_bytes))


async def _read_source(client, feed: FeedConfig, settings: FetchSettings, limiter: EntryLimiter,
                       status) -> _Fetched | Download:
    """One source's bytes, by kind: a command, a remote feed or a local file."""
    etag = status["etag"] if status else None
    last_mod = status["last_modified"] if status else None
    if feed.kind in ("exec", "filter"):
        return await _read_command(client, feed, settings, limiter, etag, last_mod)
    if is_remote(feed.url):
        return await _read_remote(client, feed, settings, limiter, etag, last_mod)
    return await _read_file(feed, settings, limiter)


def _whole_entries(body: bytes) -> bytes:
    """A cut-off body up to the end of its last closed item or entry (all of it if none)."""
    last = None
    for match in _CLOSED_ENTRY.finditer(body):
        last = match
    return body[:last.end()] if last is not None else body


async def _parse_fetched(fetched: _Fetched, feed: FeedConfig, settings: FetchSettings,
                         pages: bool) -> tuple[ParsedFeed, bool]:
    """Parse the bytes as a feed, or (with `pages`) as a page reporting one briefing.

    Returns the parsed feed and whether it was read as a page."""
    body = _whole_entries(fetched.body) if fetched.truncated else fetched.body
    try:
        parsed = await asyncio.to_thread(_parse, body, feed, fetched.content_type,
                                         fetched.truncated)
    except FeedError as exc:
        if not (pages and feed.kind == "feed" and str(exc).startswith("not a feed")):
            raise
        # not a feed: a page or a text file that reports a briefing (or transcribes one)
        parsed = await asyncio.to_thread(_parse_page, fetched.body, feed, fetched.content_type,
                                         fetched.final_url, settings.max_entry_bytes)
        return parsed, True
    if fetched.truncated:
        # The body was cut at the cap: the last entry read may be cut in the middle.
        # Keep only whole entries (as many as there are closing tags); the validators
        # are not stored, so the next fetch downloads the feed again.
        del parsed.entries[len(_CLOSED_ENTRY.findall(body)):]
        fetched.etag = fetched.last_modified = None
    return parsed, False


def _size_notes(truncated: bool, kind: str, n_cut: int, settings: FetchSettings) -> str | None:
    """What was cut for size: the whole source past fetch.max_bytes, entries past the entry cap."""
    notes = []
    if truncated:
        what = {"exec": "command's output", "filter": "command's output",
                "page": "page"}.get(kind, "feed")
        notes.append(f"the {what} is larger than {human_size(settings.max_bytes)} "
                     "(fetch.max_bytes) and was cut off; later entries were not read")
    if n_cut:
        notes.append(cut_message(n_cut, settings.max_entry_bytes))
    return "; ".join(notes) if notes else None


async def _save_parsed(client, store: Store, feed: FeedConfig, parsed: ParsedFeed,
                       settings: FetchSettings, fulltext: bool, kind: str) -> FetchResult:
    """Fetch full text where wanted, segment the new or changed entries and save them."""
    states = {e.key: store.entry_state(e) for e in parsed.entries}
    texts = {}
    if (fulltext and (is_remote(feed.url) or kind in ("exec", "filter"))
            and any(e.summary_only for e in parsed.entries)):
        texts = await _fetch_fulltext(client, store, parsed, settings, states)
    segmented = await asyncio.to_thread(segment_changed, parsed, states, texts)
    return save_segmented(store, feed, segmented, states)


async def _refresh_one(client, store: Store, feed: FeedConfig, settings: FetchSettings,
                       fulltext: bool, pages: bool = False) -> FetchResult:
    """One source's fetch. `pages`: a source that is not a feed but a web page or a text file
    (an article reporting a briefing, a transcript page) is read as one briefing (`ingest`)."""
    status = store.feed_status(feed.url)
    kind = feed.kind
    try:
        if waiting := _waiting(status, feed):
            return waiting
        if kind == "index":
            from .feeds.index import refresh_index

            return await refresh_index(client, store, feed, settings, status)
        # one entry may hold at most fetch.max_entry_bytes: oversized entries are cut while
        # the bytes arrive, so a 120 MB entry never sits in memory whole
        limiter = EntryLimiter(settings.max_entry_bytes)
        fetched = await _read_source(client, feed, settings, limiter, status)
        if not isinstance(fetched, _Fetched):
            return _not_modified(store, feed, fetched)
        parsed, page = await _parse_fetched(fetched, feed, settings, pages)
        if page:
            kind = "page"
        fetched.body = b""  # the bytes are parsed: let them go before segmenting
        n_cut = note_cut_entries(parsed.entries, limiter, settings.max_entry_bytes)
        result = await _save_parsed(client, store, feed, parsed, settings, fulltext, kind)
        result.http_status = fetched.http_status
        result.kind = kind
        if notes := _size_notes(fetched.truncated, kind, n_cut, settings):
            result.error = notes
        store.record_feed_status(feed.url, feed.name, status="ok", etag=fetched.etag,
                                 last_modified=fetched.last_modified, title=parsed.title,
                                 http_status=fetched.http_status, new=result.new,
                                 error=result.error or parsed.warning,
                                 result=result.result_line())
        return result
    except RetryLater as exc:
        store.record_feed_status(feed.url, feed.name, status="error", error=sanitize(str(exc)),
                                 retry_after=exc.until.isoformat() if exc.until else None)
        return FetchResult(feed.name, feed.url, "error", error=str(exc), kind=kind)
    except FeedError as exc:
        store.record_feed_status(feed.url, feed.name, status="error", error=sanitize(str(exc)))
        return FetchResult(feed.name, feed.url, "error", error=str(exc), kind=kind)


def _parse_page(body: bytes, feed: FeedConfig, content_type: str | None, final_url: str | None,
                max_entry_bytes: int) -> ParsedFeed:
    """A page or text file as a one-entry feed (FeedError when it is neither)."""
    from .feeds.page import read_page

    entry = read_page(feed.url, body, content_type, feed, final_url=final_url,
                      max_chars=max_entry_bytes)
    return ParsedFeed(title=entry.feed_title or feed.name, entries=[entry])


def _not_modified(store: Store, feed: FeedConfig, dl) -> FetchResult:
    res = FetchResult(feed.name, feed.url, "not_modified", http_status=304, kind=feed.kind)
    store.record_feed_status(feed.url, feed.name, status="not_modified", etag=dl.etag,
                             last_modified=dl.last_modified, http_status=304,
                             result=res.result_line())
    return res


def _parse(body: bytes, feed: FeedConfig, content_type: str | None, cut: bool = False) -> ParsedFeed:
    return parse_feed(body, feed.url, feed, content_type=content_type, cut=cut)


async def refresh_feeds(store: Store, feeds: list[FeedConfig], settings: FetchSettings,
                        progress: Progress | None = None, *, pages: bool = False) -> list[FetchResult]:
    """Fetch feeds concurrently (bounded); report each result as it completes.

    `pages`: a source that turns out to be a web page or a text file, not a feed, is read as
    one briefing (`ingest`; a subscribed feed that returns a page stays an error)."""
    sem = asyncio.Semaphore(settings.concurrency)
    results: list[FetchResult | None] = [None] * len(feeds)
    done = 0
    lock = asyncio.Lock()

    # local files need no HTTP client (creating one loads the TLS certificates: ~0.1 s)
    any_remote = any(is_remote(f.url) or f.kind in ("index", "filter", "exec") for f in feeds)
    async with (make_client(settings) if any_remote else contextlib.nullcontext()) as client:
        async def one(i: int, feed: FeedConfig) -> None:
            nonlocal done
            async with sem:
                try:
                    res = await _refresh_one(client, store, feed, settings, settings.fulltext, pages)
                except Exception as exc:  # a bug in one feed's path must not stop the others
                    res = FetchResult(feed.name, feed.url, "error",
                                      error=f"internal error: {type(exc).__name__}: {exc}")
            # names come from config/OPML and errors may quote the server: print-safe only
            res.name = sanitize(res.name)
            res.error = sanitize(res.error) if res.error else res.error
            results[i] = res
            async with lock:
                done += 1
                if progress:
                    progress(res, done, len(feeds))

        await asyncio.gather(*(one(i, f) for i, f in enumerate(feeds)))
    return [r for r in results if r is not None]


def refresh(lib: Library, progress: Progress | None = None,
            feeds: list[FeedConfig] | None = None, *, group: bool = True,
            pages: bool = False) -> list[FetchResult]:
    """Fetch every enabled feed, then group the new items into topics."""
    feeds = feeds if feeds is not None else [f for f in lib.config.feeds if f.enabled]
    results = asyncio.run(refresh_feeds(lib.store, feeds, lib.config.fetch, progress, pages=pages))
    if group:
        regroup_new(lib)
    return results


def ingest(lib: Library, sources: list[str], progress: Progress | None = None, *,
           group: bool = True) -> list[FetchResult]:
    """Read feed files, directories or URLs once, without subscribing.

    A source that is not a feed but a web page or a text file (a news report of a briefing, a
    transcript page) is read as one briefing: see `feeds.page`."""
    feeds = []
    for s in expand_sources(sources):
        known = lib.config.find_feed(s)
        feeds.append(known or FeedConfig(
            name=s if is_remote(s) or s.startswith(("exec:", "filter:")) else Path(s).name, url=s))
    return refresh(lib, progress, feeds, group=group, pages=True)


def regroup_new(lib: Library) -> int:
    """Link the two editions of new conferences, group items that have no topic yet, and let
    new statements join their storylines; returns how many were placed."""
    from .topics.editions import link_editions
    from .topics.pipeline import group_new_items

    link_editions(lib.store, lib.config.spokespersons)
    n = group_new_items(lib.store, lib.config)
    update_storylines(lib)
    return n


def regroup_all(lib: Library) -> int:
    from .topics.editions import link_all
    from .topics.pipeline import regroup_all as _regroup_all

    link_all(lib.store, lib.config.spokespersons)
    n = _regroup_all(lib.store, lib.config)
    update_storylines(lib)
    return n


def update_storylines(lib: Library) -> int:
    """The storylines of config.toml in the store, new statements matched (storylines never
    touch topics or issues); returns the memberships added."""
    from .topics.storylines import update_new

    return update_new(lib.store, lib.config)
