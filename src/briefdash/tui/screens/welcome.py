"""Shown when the library is empty: how to get briefings in."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...export import plural
from ..typed_app import BriefdashAppMixin

WELCOME_TITLE = "Welcome to briefdash"
WELCOME_INTRO = "Your library is empty. Get briefings in one of these ways:"
# Each way: its name, then what to do. The name has a column of its own (see the stylesheet) and
# what to do wraps at words within the other, so the box fits 80 columns; a shell command is
# kept short enough to stay on one line there, and each command has its own line.
WELCOME_WAYS: list[tuple[str, str]] = [
    ("Add a feed here", "press F, then a, and give a feed URL or a local file; "
                        "then press r to fetch it."),
    ("Add a feed (shell)", "briefdash feeds add https://example.org/rss.xml\nbriefdash fetch"),
    ("Import OPML", "briefdash feeds import subscriptions.opml"),
    ("Try the demo", "briefdash --demo\n(a bundled corpus; nothing is saved)"),
]
WELCOME_KEYS = "F feeds · r refresh · ? help · q quit"


class WelcomeScreen(BriefdashAppMixin, Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="welcome"):
            yield Static(Content.styled(WELCOME_TITLE, "bold $accent"), id="welcome-title")
            yield Static(Content(WELCOME_INTRO), id="welcome-intro")
            with Vertical(id="welcome-ways"):
                for name, how in WELCOME_WAYS:
                    with Horizontal(classes="welcome-way"):
                        yield Static(Content(name), classes="welcome-name")
                        yield Static(Content(how), classes="welcome-how")
            yield Static(Content.styled(WELCOME_KEYS, "$text-muted"), id="welcome-keys")
            yield Static(Content(""), id="welcome-feeds")
        yield Footer()

    def on_mount(self) -> None:
        self.update_feeds()

    def on_screen_resume(self) -> None:
        self.update_feeds()

    def update_feeds(self) -> None:
        feeds = self.bd_app.lib.config.feeds
        text = ""
        if feeds:
            them = "them" if len(feeds) != 1 else "it"
            text = f"You are subscribed to {plural(len(feeds), 'feed')}; press r to fetch {them}."
        line = self.query_one("#welcome-feeds", Static)
        line.update(Content(text))
        line.display = bool(text)  # no empty line at the foot of the box
