"""Plain data passed between the stages: feeds, entries, Q&A items, topics."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class FeedConfig:
    """A subscribed feed as written in config.toml."""

    name: str
    url: str  # http(s) URL or local path
    style: str | None = None  # transcript style hint, e.g. "china_mfa", "white_house"
    ministry: str | None = None  # who speaks in this feed, e.g. "Ministry of Foreign Affairs of Veloria"
    enabled: bool = True
    index: bool = False  # an HTML page listing briefings (config: kind = "index")
    match: str | None = None  # index only: a regex briefing links must match (else: under the page's path)
    max_links: int | None = None  # index only: at most this many briefing links per fetch (default 20)
    short_name: str | None = None  # what the dashboard calls its ministry ("WH", "State")

    @property
    def kind(self) -> str:
        """"feed", "index", or newsboat's "exec" (a command prints a feed) / "filter" (a command
        turns a downloaded page into a feed); commands are told by the address's prefix."""
        if self.url.startswith("exec:"):
            return "exec"
        if self.url.startswith("filter:"):
            return "filter"
        return "index" if self.index else "feed"


@dataclass
class Entry:
    """One feed entry: a briefing transcript or a report of a briefing.

    `content` is sanitised HTML or text as the feed (or the linked page) carried it;
    `key` is the entry's identity (guid/id, else link, else a hash of title+date).
    """

    key: str
    title: str
    link: str | None
    published: datetime | None
    content: str
    feed_url: str = ""
    feed_title: str = ""
    author: str = ""
    ministry: str | None = None
    style: str | None = None  # style hint inherited from the feed config
    summary_only: bool = False  # True when the feed carried only a summary/link
    content_hash: str = ""  # hash of what the feed carried; set from the feed's version

    def __post_init__(self) -> None:
        if not self.content_hash:
            import hashlib

            h = hashlib.sha1()
            for part in (self.title, self.link or "", self.content):
                h.update(part.encode("utf-8", "replace"))
                h.update(b"\x00")
            self.content_hash = h.hexdigest()


@dataclass
class QAItem:
    """One question and its answer (or an opening statement, or a reported exchange)."""

    index: int  # 0-based order within its briefing
    kind: str  # "qa" | "statement" | "report" | "procedural" (a Q&A item that only runs the room)
    question: str
    answer: str
    date: date | None = None
    ministry: str | None = None
    speaker: str | None = None  # the official answering ("A; B" when several alternate)
    asker: str | None = None  # outlet or reporter
    position: str = ""  # verbatim span of `answer` stating the government's stance
    follows: int | None = None  # index of the item this follow-up continues
    notes: list[str] = field(default_factory=list)  # metadata such as "(Similar question from …)"
    source: str | None = None  # outlet for reports
    # filled in by the store
    id: str = ""
    entry_key: str = ""
    entry_link: str | None = None
    entry_title: str = ""
    topic_id: int | None = None


@dataclass
class Topic:
    id: int
    label: str
    count: int = 0
    first_seen: date | None = None
    last_seen: date | None = None
    pinned: bool = False
    watched: bool = False
    ministries: list[str] = field(default_factory=list)
    issue_id: int | None = None  # the issue this topic rolls up into
    issue_label: str = ""


@dataclass
class FetchResult:
    """What happened to one feed during a fetch or ingest."""

    name: str
    url: str
    status: str  # "ok" | "not_modified" | "error"
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    items: int = 0
    error: str | None = None
    http_status: int | None = None
    kind: str = "feed"
    links: int | None = None  # index pages: how many briefing links were taken from the page

    @property
    def ok(self) -> bool:
        return self.status != "error"

    def result_line(self) -> str:
        """The outcome without the feed's name, e.g. "index: 3 new briefings of 20 links"."""
        if self.status == "error":
            return f"error: {self.error}"
        if self.status == "not_modified":
            return "not modified"
        if self.kind == "index":
            return (f"index: {self.new} new briefing{'s' if self.new != 1 else ''} of "
                    f"{self.links or 0} link{'s' if self.links != 1 else ''} ({self.items} Q&A items)")
        prefix = f"{self.kind}: " if self.kind in ("exec", "filter", "page") else ""
        return (
            f"{prefix}{self.new} new, {self.updated} updated, "
            f"{self.unchanged} unchanged entries ({self.items} Q&A items)"
        )

    def summary(self) -> str:
        return f"{self.name}: {self.result_line()}"
