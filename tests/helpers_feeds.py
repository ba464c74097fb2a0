"""Shared helpers for the fetch / hostile-feed / network / crash tests.

Feed builders (RSS 2.0, Atom, RSS 1.0), a transcript in the "Q: / A:" shape every segmenter
recognises, a Library on a temporary data dir, a threaded local HTTP server on 127.0.0.1 and a
guard that makes any name other than localhost fail to resolve (so no test can reach the internet).
"""
from __future__ import annotations

import socket
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import TypeVar
from xml.sax.saxutils import escape

import pytest
from pytest_httpserver import HTTPServer

from briefdash.config import Config, FetchSettings, save_config
from briefdash.library import Library
from briefdash.models import FeedConfig

BASE_DATE = datetime(2024, 3, 4, 8, 0, tzinfo=UTC)
T = TypeVar("T")


def measured(fn: Callable[[], T]) -> tuple[T, float, int]:
    """Call `fn` with memory traced: (what it returned, seconds taken, peak bytes allocated)."""
    tracemalloc.start()
    try:
        t0 = time.monotonic()
        value = fn()
        elapsed = time.monotonic() - t0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return value, elapsed, peak


def transcript_html(n: int, topic: str = "the river dam", tag: str = "") -> str:
    """A briefing with `n` question/answer pairs, as HTML paragraphs."""
    parts = ["<p>Good afternoon. I have one announcement about the regional summit.</p>"]
    for i in range(n):
        parts.append(f"<p>Q: Reporter question {i} {tag} about {topic} and the talks number {i}?</p>")
        parts.append(f"<p>A: Our position on {topic} {tag} remains consistent, item {i}. "
                     f"We urge all parties to show restraint and resume dialogue.</p>")
    return "".join(parts)


@dataclass
class Item:
    guid: str | None
    title: str
    body: str = ""
    link: str | None = None
    date: datetime | str | None = BASE_DATE
    author: str = ""
    summary: str | None = None  # when set, a <description> in addition to content


def _date_text(d) -> str | None:
    if d is None:
        return None
    if isinstance(d, str):
        return d
    return format_datetime(d)


def rss(items: list[Item], title: str = "Ministry briefings", *, encoding: str = "utf-8",
        declared: str | None = None, raw_title: bool = False) -> bytes:
    """RSS 2.0 with content:encoded; strings are XML-escaped (so markup in them stays text)."""
    decl = declared or encoding
    out = [f'<?xml version="1.0" encoding="{decl}"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
           f"<title>{title if raw_title else escape(title)}</title><link>http://example.test/</link>"
           "<description>d</description>"]
    for it in items:
        out.append("<item>")
        out.append(f"<title>{escape(it.title)}</title>")
        if it.guid is not None:
            out.append(f'<guid isPermaLink="false">{escape(it.guid)}</guid>')
        if it.link is not None:
            out.append(f"<link>{escape(it.link)}</link>")
        d = _date_text(it.date)
        if d is not None:
            out.append(f"<pubDate>{escape(d)}</pubDate>")
        if it.author:
            out.append(f"<dc:creator>{escape(it.author)}</dc:creator>")
        if it.summary is not None:
            out.append(f"<description>{escape(it.summary)}</description>")
        if it.body:
            out.append(f"<content:encoded>{escape(it.body)}</content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode(encoding, "xmlcharrefreplace" if encoding != "utf-8" else "strict")


def atom(items: list[Item], title: str = "Ministry briefings (Atom)") -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{escape(title)}</title><id>urn:test:atom</id>"
           f"<updated>{BASE_DATE.isoformat()}</updated>"]
    for it in items:
        d = it.date.isoformat() if isinstance(it.date, datetime) else (it.date or "")
        out.append(f"<entry><title>{escape(it.title)}</title><id>{escape(it.guid or '')}</id>"
                   + (f'<link href="{escape(it.link)}"/>' if it.link else "")
                   + (f"<updated>{escape(d)}</updated><published>{escape(d)}</published>" if d else "")
                   + f'<content type="html">{escape(it.body)}</content></entry>')
    out.append("</feed>")
    return "\n".join(out).encode("utf-8")


def rdf(items: list[Item], title: str = "Ministry briefings (RDF)") -> bytes:
    """RSS 1.0 (RDF) with content:encoded and dc:date."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           f'<channel rdf:about="http://example.test/"><title>{escape(title)}</title>'
           '<link>http://example.test/</link><description>d</description><items><rdf:Seq>'
           + "".join(f'<rdf:li rdf:resource="{escape(it.link or "")}"/>' for it in items)
           + "</rdf:Seq></items></channel>"]
    for it in items:
        d = it.date.isoformat() if isinstance(it.date, datetime) else (it.date or "")
        out.append(f'<item rdf:about="{escape(it.link or "")}"><title>{escape(it.title)}</title>'
                   f"<link>{escape(it.link or '')}</link><dc:date>{escape(d)}</dc:date>"
                   f"<content:encoded>{escape(it.body)}</content:encoded></item>")
    out.append("</rdf:RDF>")
    return "\n".join(out).encode("utf-8")


def briefings(n: int, prefix: str = "b", qa: int = 2, link_base: str = "http://example.test/b/",
              tag: str = "") -> list[Item]:
    """`n` distinct briefings, one day apart, each with `qa` Q&A pairs."""
    return [Item(guid=f"{prefix}-{i}", title=f"Regular Press Conference {prefix} {i}",
                 body=transcript_html(qa, topic=f"subject {prefix}{i}", tag=tag),
                 link=f"{link_base}{prefix}-{i}", date=BASE_DATE + timedelta(days=i))
            for i in range(n)]


def make_library(data_dir: Path, feeds: list[FeedConfig] | None = None, **fetch) -> Library:
    """Write a config.toml with `feeds` and fetch settings into `data_dir`, open the Library."""
    settings = FetchSettings(**fetch)
    cfg = Config(feeds=list(feeds or []), fetch=settings)
    data_dir.mkdir(parents=True, exist_ok=True)
    save_config(cfg, data_dir / "config.toml")
    return Library.open(str(data_dir))


def feed(url: str, name: str | None = None, **kw) -> FeedConfig:
    return FeedConfig(name=name or url.rsplit("/", 1)[-1] or url, url=url, **kw)


def all_text_in_db(db_path: Path) -> str:
    """Every text value in every table of the database, joined (for "never stored" checks)."""
    import sqlite3

    con = sqlite3.connect(str(db_path))
    try:
        chunks: list[str] = []
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'items_fts%'")]
        for t in tables:
            for row in con.execute(f'SELECT * FROM "{t}"'):
                chunks.extend(str(v) for v in row if isinstance(v, (str, bytes)))
        return "\n".join(chunks)
    finally:
        con.close()


# ---- a threaded local server (a sleeping handler must not block the next request) ------------
@pytest.fixture
def server():
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    try:
        yield srv
    finally:
        srv.clear()
        if srv.is_running():
            srv.stop()


_real_getaddrinfo = socket.getaddrinfo
_LOCAL = {"localhost", "127.0.0.1", "::1", None}


def _guarded_getaddrinfo(host, *args, **kwargs):
    h = host.decode() if isinstance(host, bytes) else host
    if h not in _LOCAL:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture
def no_internet(monkeypatch):
    """Any name other than localhost / 127.0.0.1 fails to resolve, like a real DNS failure."""
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
    yield


@dataclass
class Counter:
    n: int = 0
    paths: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hit(self, path: str) -> None:
        with self.lock:
            self.n += 1
            self.paths.append(path)
