"""Shown when the library is empty: how to get briefings in."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ..typed_app import BriefdashAppMixin

WELCOME = Content.assemble(
    ("Welcome to briefdash\n\n", "bold $accent"),
    "Your library is empty. Get briefings in one of these ways:\n\n",
    ("  Add a feed here      ", "bold"), "press F, then a, and give a feed URL or a local file;\n",
    "                       then press r to fetch it.\n",
    ("  Add a feed (shell)   ", "bold"), "briefdash feeds add https://example.org/briefings.rss\n",
    "                       briefdash fetch\n",
    ("  Import OPML          ", "bold"), "briefdash feeds import subscriptions.opml\n",
    ("  Try the demo         ", "bold"), "briefdash --demo  (a bundled corpus, nothing is saved)\n\n",
    ("F feeds · r refresh · ? help · q quit", "$text-muted"),
)


class WelcomeScreen(BriefdashAppMixin, Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="welcome"):
            yield Static(WELCOME, id="welcome-text")
            yield Static(Content(""), id="welcome-feeds")
        yield Footer()

    def on_mount(self) -> None:
        self.update_feeds()

    def on_screen_resume(self) -> None:
        self.update_feeds()

    def update_feeds(self) -> None:
        feeds = self.bd_app.lib.config.feeds
        text = (f"You are subscribed to {len(feeds)} feed{'s' if len(feeds) != 1 else ''}; "
                "press r to fetch them." if feeds else "")
        self.query_one("#welcome-feeds", Static).update(Content(text))
