"""The feeds screen: status of every subscription; add, remove, enable/disable."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...config import save_config
from ...models import FeedConfig
from ..text import fit, one_line
from ..typed_app import BriefdashAppMixin
from ..widgets.rowlist import RowList

if TYPE_CHECKING:
    from ...feeds.discover import Probe


class FeedList(RowList[tuple]):
    # Enter opens nothing here: no "⏎ Open" in the footer (the key is the lists' own, list.select)
    BINDINGS = [Binding("enter", "select", "Open", show=False, id="list.select")]
    row_height = 2
    empty_text = "No feeds yet: press a to add one (a URL or a local feed file)."

    def render_row(self, row: tuple, index: int, width: int) -> list[Text]:
        feed, status = row
        head = Text()
        head.append(" " if feed.enabled else "⏸", style=self.style("mark"))
        head.append(fit(feed.name, max(10, width - 48)))
        state = status["status"] if status else "never fetched"
        if not feed.enabled:
            state = "disabled"
        style = {"ok": "accent", "not_modified": "accent", "error": "mark"}.get(state, "dim")
        head.append(" " + fit(state.replace("_", " "), 14), style=self.style(style))
        last = (status["last_fetch"] or "")[:16].replace("T", " ") if status else ""
        head.append(" " + fit(last or "—", 16), style=self.style("dim"))
        head.append(" " + fit(f"{status['new_last']} new" if status and status["new_last"] else "", 10),
                    style=self.style("dim"))
        body = Text("  ")
        kind = feed.kind
        result = status["result"] if status and status["result"] else ""
        if result.startswith(f"{kind}: "):
            result = result[len(kind) + 2:]
        if result and status["status"] != "error":
            body.append(f"{kind}: ", style=self.style("accent"))
            body.append(one_line(result) + " · ")
        else:
            body.append(f"{kind} · ", style=self.style("accent"))
        body.append(one_line(feed.url), style=self.style("dim"))
        if status and status["error"]:
            body.append("  " + one_line(status["error"]), style=self.style("mark"))
        return [head, body]


class FeedsScreen(BriefdashAppMixin, Screen[None]):
    class Discovered(Message):
        """The discover worker read the address of `source`: a feed, or a page naming feeds."""

        def __init__(self, source: FeedConfig, found: Probe) -> None:
            super().__init__()
            self.source, self.found = source, found

    # The footer at 80 columns holds these four and the app's q, ?, /, r in full (short
    # descriptions: "Remove feed", "Enable/disable" did not fit); -narrow hides the ^p hint.
    BINDINGS = [
        Binding("escape", "back", "Back", id="feeds.back"),
        Binding("a", "add", "Add feed", id="feeds.add"),
        Binding("d,delete", "remove", "Remove", tooltip="Remove the feed", id="feeds.remove"),
        Binding("space", "toggle_feed", "On/off", tooltip="Enable or disable the feed",
                id="feeds.toggle"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content("Feeds"), classes="pane-title", id="feeds-title")
        yield Static(Text("  " + fit("Name", 40) + " " + fit("Status", 14) + " " + fit("Last fetch (UTC)", 16)
                          + " " + fit("Last run", 10)), classes="list-header", id="feeds-header")
        yield FeedList(id="feed-list")
        yield Static(Content("a add (a feed, an index page with --index, exec:/filter: commands) · "
                             "d remove · space enable/disable · r refresh all · Esc back. "
                             "From a shell: briefdash feeds import FILE.opml"), classes="dialog-help")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(FeedList).focus()

    def on_resize(self) -> None:
        w = self.query_one(FeedList).size.width or 80
        self.query_one("#feeds-header", Static).update(
            Text("  " + fit("Name", max(10, w - 48)) + " " + fit("Status", 14) + " "
                 + fit("Last fetch (UTC)", 16) + " " + fit("Last run", 10)))

    def reload(self) -> None:
        cfg = self.bd_app.lib.config
        status = self.bd_app.lib.store.all_feed_status()
        lst = self.query_one(FeedList)
        cur = lst.cursor
        lst.set_rows([(f, status.get(f.url)) for f in cfg.feeds], cursor=cur, notify=False)
        ok = sum(1 for f in cfg.feeds if (s := status.get(f.url)) and s["status"] != "error")
        self.query_one("#feeds-title", Static).update(
            Content(f"Feeds · {len(cfg.feeds)} subscribed · {ok} fetched fine last time · "
                    f"{self.bd_app.label}"))

    def _save(self) -> None:
        save_config(self.bd_app.lib.config, self.bd_app.lib.paths.config_file)
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_add(self) -> None:
        from .dialogs import PromptScreen

        def got_source(text: str | None) -> None:
            if not text:
                return
            from ...errors import BriefdashError
            from ...feeds.sources import needs_probe, new_source, parse_add_line

            try:
                fc = new_source(self.bd_app.lib.config, **parse_add_line(text))
            except BriefdashError as exc:
                self.app.notify(str(exc), severity="error", markup=False)
                return
            if needs_probe(fc):
                self.app.notify(f"Reading {fc.url}…", timeout=2, markup=False)
                self.discover(fc)
            else:
                self.ask_name(fc)

        self.app.push_screen(PromptScreen(
            "Add a source", "",
            help="A feed URL (http/https), a local feed file, exec:COMMAND or filter:COMMAND:URL. "
                 "A page that lists briefings: URL --index [--match RE] [--max N].",
            placeholder="https://example.org/briefings.rss"), got_source)

    @work(thread=True, exclusive=True, group="discover")
    def discover(self, fc: FeedConfig) -> None:
        """A web page that is not a feed: the feeds it names (network, so off the UI thread)."""
        import asyncio

        from ...feeds.discover import probe

        try:
            found = asyncio.run(probe(fc.url, self.bd_app.lib.config.fetch))
        except Exception as exc:  # never let a probe take the screen down
            from ...feeds.discover import Probe

            found = Probe("unknown", error=f"{type(exc).__name__}: {exc}")
        self.post_message(self.Discovered(fc, found))

    @on(Discovered)
    def discovered(self, event: Discovered) -> None:
        from .dialogs import PromptScreen

        fc, found = event.source, event.found
        if found.kind == "feed":
            self.ask_name(fc)
            return
        if found.kind == "unknown":
            self.app.notify(f"Could not read it as a feed now ({found.error}); adding it anyway, "
                            "a refresh will report.", severity="warning", markup=False)
            self.ask_name(fc)
            return
        alts = found.alternates
        if not alts:
            self.app.notify(f"{fc.url} is a web page and names no feed. If it lists briefings, "
                            "add it as an index page: the address followed by --index.",
                            severity="error", markup=False, timeout=10)
            return

        def chosen(i: int) -> None:
            from ...errors import BriefdashError
            from ...feeds.sources import new_source

            try:
                new = new_source(self.bd_app.lib.config, alts[i].url, style=fc.style,
                                 ministry=fc.ministry)
            except BriefdashError as exc:
                self.app.notify(str(exc), severity="error", markup=False)
                return
            self.ask_name(new)

        if len(alts) == 1:
            chosen(0)
            return
        listing = "  ".join(f"{n}. {one_line(a.title) or '(untitled)'} ({a.type}) {a.url}"
                            for n, a in enumerate(alts, 1))

        def got_choice(answer: str | None) -> None:
            if answer is None:
                return
            if answer.isdigit() and 1 <= int(answer) <= len(alts):
                chosen(int(answer) - 1)
            else:
                self.app.notify(f"Type a number from 1 to {len(alts)}.", severity="error")

        self.app.push_screen(PromptScreen(
            f"The page names {len(alts)} feeds: which one?", "1", help=listing,
            placeholder=f"1–{len(alts)}"), got_choice)

    def ask_name(self, fc: FeedConfig) -> None:
        from .dialogs import PromptScreen

        def got_name(name: str | None) -> None:
            from ...errors import BriefdashError

            try:
                self.bd_app.lib.config.add_feed(fc, name or fc.url)
            except BriefdashError as exc:
                self.app.notify(str(exc), severity="error", markup=False)
                return
            self._save()
            what = "" if fc.kind == "feed" else f" ({fc.kind})"
            self.app.notify(f"Added {fc.name}{what}; press r to fetch it.", markup=False)

        self.app.push_screen(PromptScreen("Name for this source", "", help=fc.url,
                                          placeholder="a short name (Enter: use the address)"),
                             got_name)

    def action_remove(self) -> None:
        row = self.query_one(FeedList).current
        if row is None:
            return
        feed = row[0]
        from .dialogs import ConfirmScreen

        def done(yes: bool | None) -> None:
            if yes:
                self.bd_app.lib.config.feeds = [f for f in self.bd_app.lib.config.feeds if f is not feed]
                self._save()
                self.app.notify(f"Removed {feed.name} (its briefings stay in the library)", markup=False)

        self.app.push_screen(ConfirmScreen(f"Unsubscribe from “{one_line(feed.name)}”?"), done)

    def action_toggle_feed(self) -> None:
        row = self.query_one(FeedList).current
        if row is None:
            return
        row[0].enabled = not row[0].enabled
        self._save()
        self.app.notify(f"{'Enabled' if row[0].enabled else 'Disabled'} {row[0].name}", markup=False,
                        timeout=2)
