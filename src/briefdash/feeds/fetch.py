"""Downloading feeds and pages: conditional GET, timeouts, size cap, errors in words.

The body is read as raw bytes and decompressed here, chunk by chunk, so that the size cap
applies to what is decompressed (a gzip bomb is cut off at the cap, never held whole).
"""
from __future__ import annotations

import asyncio
import email.utils
import ssl
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..config import FetchSettings
from ..errors import FeedError
from .limit import EntryLimiter

if TYPE_CHECKING:  # httpx is imported when a download starts: reading local files never pays
    import httpx  # for it (~0.2 s of start-up when click and rich are installed)


@dataclass
class Download:
    """What a GET returned: the body (None on 304) and the validators for next time."""

    url: str
    status: int
    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    truncated: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class RetryLater(FeedError):
    """The server asked us to wait (429/503 with Retry-After)."""

    def __init__(self, message: str, until: datetime | None):
        super().__init__(message)
        self.until = until


def is_remote(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


def is_fetchable_link(link: str | None) -> bool:
    """Only http(s) links are ever fetched or opened; javascript:, file: and the rest never."""
    return bool(link) and is_remote(link or "")


def read_local(path: str | Path, max_bytes: int, limiter: EntryLimiter | None = None) -> bytes:
    """At most `max_bytes` of a local file (see `local_is_truncated`).

    With a `limiter`, the file is read in pieces through it, so an oversized entry is cut
    while reading and never held whole.
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise FeedError(f"no such file: {p}")
    if p.is_dir():
        raise FeedError(f"{p} is a directory")
    try:
        with p.open("rb") as fh:
            if limiter is None:
                return fh.read(max_bytes)
            out = bytearray()
            left = max_bytes
            while left > 0:
                chunk = fh.read(min(left, 1 << 20))
                if not chunk:
                    break
                left -= len(chunk)
                out += limiter.feed(chunk)
            out += limiter.finish()
            return bytes(out)
    except OSError as exc:
        raise FeedError(f"cannot read {p}: {exc.strerror or exc}") from None


def local_is_truncated(path: str | Path, max_bytes: int) -> bool:
    try:
        return Path(path).expanduser().stat().st_size > max_bytes
    except OSError:
        return False


def parse_retry_after(value: str | None, default_seconds: int = 600) -> datetime:
    now = datetime.now(UTC)
    if value:
        value = value.strip()
        if value.isdigit():
            return datetime.fromtimestamp(now.timestamp() + min(int(value), 7 * 86400), UTC)
        try:
            dt = email.utils.parsedate_to_datetime(value)
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=UTC)
            # never longer than a week, whatever the server says; a past date means "now"
            return max(now, min(dt, datetime.fromtimestamp(now.timestamp() + 7 * 86400, UTC)))
        except (TypeError, ValueError, OverflowError, IndexError):
            pass
    return datetime.fromtimestamp(now.timestamp() + default_seconds, UTC)


class _Decoder:
    """Incremental gzip/deflate decoding with a hard limit on output size."""

    def __init__(self, encoding: str):
        self._z: zlib._Decompress | None
        encoding = (encoding or "identity").lower().strip()
        if encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
            self._deflate = True
        elif encoding in ("identity", ""):
            self._z = None
        else:
            raise FeedError(f"unsupported content encoding '{encoding}'")

    def feed(self, chunk: bytes, room: int) -> bytes:
        if self._z is None:
            return chunk[:room]
        try:
            out = self._z.decompress(chunk, room)
        except zlib.error:
            if getattr(self, "_deflate", False) and not hasattr(self, "_raw"):
                self._raw = True
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                return self._z.decompress(chunk, room)
            raise FeedError("the server sent a corrupt compressed body") from None
        return out

    @property
    def pending(self) -> bool:
        return bool(self._z is not None and self._z.unconsumed_tail)


def make_client(settings: FetchSettings) -> httpx.AsyncClient:
    import httpx

    timeout = httpx.Timeout(settings.timeout, connect=settings.connect_timeout)
    return httpx.AsyncClient(
        timeout=timeout, follow_redirects=True, max_redirects=settings.max_redirects,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate",
                 "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                           "text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"},
        limits=httpx.Limits(max_connections=max(settings.concurrency * 2, 4)),
    )


async def download(client: httpx.AsyncClient, url: str, settings: FetchSettings, *,
                   etag: str | None = None, last_modified: str | None = None,
                   page: bool = False, limiter: EntryLimiter | None = None) -> Download:
    """GET `url` with validators; raise FeedError with a message in words on failure.

    The body is capped at `settings.max_bytes` (decompressed); with a `limiter`, it streams
    through it, so an entry over `fetch.max_entry_bytes` is cut on the way in.
    """
    try:
        return await asyncio.wait_for(
            _download(client, url, settings, etag=etag, last_modified=last_modified, page=page,
                      limiter=limiter),
            timeout=settings.deadline)
    except TimeoutError:
        raise FeedError(f"gave up after {settings.deadline:g} s (the server is too slow)") from None


async def _download(client, url, settings, *, etag, last_modified, page=False,
                    limiter=None) -> Download:
    import httpx

    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with client.stream("GET", url, headers=headers) as resp:
            if resp.status_code == 304:
                return Download(url, 304, None, etag=etag, last_modified=last_modified,
                                final_url=str(resp.url))
            if resp.status_code in (429, 503) and "retry-after" in resp.headers:
                until = parse_retry_after(resp.headers.get("retry-after"))
                raise RetryLater(
                    f"HTTP {resp.status_code} {_reason(resp)}".strip()
                    + f"; the server asked to wait until {until:%Y-%m-%d %H:%M} UTC", until)
            if resp.status_code >= 400:
                hint = {404: " (the page is gone or not published yet)" if page else
                             " (the feed address is wrong or gone)",
                        410: " (the page was removed)" if page else
                             " (the feed was removed for good; remove it)",
                        403: " (the server refused; it may block this User-Agent)",
                        429: " (too many requests; try later)",
                        503: " (the server is unavailable; try later)"}.get(resp.status_code, "")
                raise FeedError(f"HTTP {resp.status_code} {_reason(resp)}".strip() + hint)
            decoder = _Decoder(resp.headers.get("content-encoding", ""))
            body_buf = bytearray()
            truncated = False
            read = 0  # decompressed bytes read (what fetch.max_bytes caps)
            async for chunk in resp.aiter_raw():
                data = decoder.feed(chunk, settings.max_bytes - read)
                read += len(data)
                body_buf += limiter.feed(data) if limiter is not None else data
                if read >= settings.max_bytes:
                    # at the cap: stop reading (the rest is never downloaded or decompressed)
                    truncated = True
                    break
            if limiter is not None:
                body_buf += limiter.finish()
            body = bytes(body_buf)
            del body_buf
            return Download(url, resp.status_code, body, etag=resp.headers.get("etag"),
                            last_modified=resp.headers.get("last-modified"),
                            final_url=str(resp.url), truncated=truncated,
                            headers=dict(resp.headers))
    except FeedError:
        raise
    except httpx.TooManyRedirects:
        raise FeedError(f"too many redirects (more than {settings.max_redirects}; a redirect loop?)") from None
    except httpx.ConnectTimeout:
        raise FeedError(f"connect timeout after {settings.connect_timeout:g} s") from None
    except httpx.ReadTimeout:
        raise FeedError(f"read timeout: no data for {settings.timeout:g} s") from None
    except httpx.TimeoutException:
        raise FeedError("timed out") from None
    except httpx.ConnectError as exc:
        raise FeedError(describe_connect_error(url, exc)) from None
    except httpx.UnsupportedProtocol:
        raise FeedError(f"unsupported address: {url}") from None
    except httpx.InvalidURL:
        raise FeedError(f"invalid address: {url}") from None
    except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
        raise FeedError(f"the connection broke off ({_first_line(exc)})") from None
    except httpx.HTTPError as exc:
        raise FeedError(f"network error ({_first_line(exc)})") from None
    except ssl.SSLError as exc:
        raise FeedError(f"TLS error: {_first_line(exc)}") from None


def _exception_chain(exc: BaseException, limit: int = 12) -> list[BaseException]:
    """`exc` and everything it was raised from or while handling (cause first, then context)."""
    out: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo and len(out) < limit:
        e = todo.pop(0)
        if e is None or any(e is o for o in out):
            continue
        out.append(e)
        todo += [e.__cause__, e.__context__]
        todo += [a for a in getattr(e, "exceptions", ()) or () if isinstance(a, BaseException)]
    return out


_DNS_WORDS = ("name or service not known", "nodename nor servname", "temporary failure in name resolution",
              "no address associated", "name resolution", "getaddrinfo", "name has no usable address")


def describe_connect_error(url: str, exc: BaseException) -> str:
    """Say in words why a connection failed.

    httpx's ConnectError often just says "All connection attempts failed"; the real reason
    (refused, DNS, TLS) is further down the exception chain, so walk `__cause__`/`__context__`.
    """
    import socket

    host = urlsplit(url).hostname or url
    chain = _exception_chain(exc)
    for e in chain:
        if isinstance(e, ssl.SSLCertVerificationError):
            reason = getattr(e, "verify_message", None) or _first_line(e)
            return f"TLS error with {host}: certificate not accepted ({reason})"
        if isinstance(e, ssl.SSLError):
            return f"TLS error with {host}: {_ssl_words(e)}"
    for e in chain:
        if isinstance(e, socket.gaierror):
            return f"DNS lookup failed for {host} (check the address or your network)"
    for e in chain:
        if isinstance(e, ConnectionRefusedError):
            return f"connection refused by {host} (is the server running? check the port)"
    texts = [str(e).lower() for e in chain]
    if any(w in t for t in texts for w in ("certificate", "ssl", "tls")):
        return f"TLS error with {host}: {_first_line(exc)}"
    if any(w in t for t in texts for w in _DNS_WORDS):
        return f"DNS lookup failed for {host} (check the address or your network)"
    if any("refused" in t for t in texts):
        return f"connection refused by {host} (is the server running? check the port)"
    if any(isinstance(e, (ConnectionResetError, BrokenPipeError)) for e in chain):
        return f"{host} closed the connection"
    if any(isinstance(e, OSError) and getattr(e, "errno", None) in (101, 113) for e in chain):
        return f"network unreachable for {host} (are you offline?)"
    return f"could not connect to {host} ({_first_line(exc)})"


def _ssl_words(e: ssl.SSLError) -> str:
    reason = (getattr(e, "reason", None) or "").upper()
    if reason in ("WRONG_VERSION_NUMBER", "PACKET_LENGTH_TOO_LONG", "RECORD_LAYER_FAILURE",
                  "HTTP_REQUEST"):
        return "the server does not speak TLS on this port (try http:// instead of https://?)"
    return _first_line(e)


def _first_line(exc: BaseException) -> str:
    from ..sanitize import sanitize

    text = sanitize(str(exc)).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:160]


def _reason(resp) -> str:
    from ..sanitize import sanitize

    return sanitize(resp.reason_phrase or "")[:80]


