"""The feeds screen: status of every subscription; add, remove, enable/disable."""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...config import save_config
from ...models import FeedConfig
from ..text import fit, one_line
from ..widgets.rowlist import RowList


class FeedList(RowList[tuple]):
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
        body.append(one_line(feed.url), style=self.style("dim"))
        if status and status["error"]:
            body.append("  " + one_line(status["error"]), style=self.style("mark"))
        return [head, body]


class FeedsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="feeds.back"),
        Binding("a", "add", "Add feed", id="feeds.add"),
        Binding("d,delete", "remove", "Remove feed", id="feeds.remove"),
        Binding("space", "toggle", "Enable/disable", id="feeds.toggle"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content("Feeds"), classes="pane-title", id="feeds-title")
        yield Static(Text("  " + fit("Name", 40) + " " + fit("Status", 14) + " " + fit("Last fetch (UTC)", 16)
                          + " " + fit("Last run", 10)), classes="list-header", id="feeds-header")
        yield FeedList(id="feed-list")
        yield Static(Content("a add · d remove · space enable/disable · r refresh all · Esc back. "
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
        cfg = self.app.lib.config
        status = self.app.lib.store.all_feed_status()
        lst = self.query_one(FeedList)
        cur = lst.cursor
        lst.set_rows([(f, status.get(f.url)) for f in cfg.feeds], cursor=cur, notify=False)
        ok = sum(1 for f in cfg.feeds if (s := status.get(f.url)) and s["status"] != "error")
        self.query_one("#feeds-title", Static).update(
            Content(f"Feeds · {len(cfg.feeds)} subscribed · {ok} fetched fine last time · "
                    f"{self.app.label}"))

    def _save(self) -> None:
        save_config(self.app.lib.config, self.app.lib.paths.config_file)
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_add(self) -> None:
        from .dialogs import PromptScreen

        def got_url(src: str | None) -> None:
            if not src:
                return
            from ...feeds.fetch import is_remote

            if not is_remote(src):
                p = Path(src).expanduser()
                if not p.exists():
                    self.app.notify(f"No such file: {src}", severity="error", markup=False)
                    return
                src = str(p.resolve())
            elif "://" not in src or not src.split("://", 1)[1]:
                self.app.notify(f"Not a valid address: {src}", severity="error", markup=False)
                return
            cfg = self.app.lib.config
            if cfg.find_feed(src):
                self.app.notify(f"Already subscribed: {src}", severity="warning", markup=False)
                return

            def got_name(name: str | None) -> None:
                name = name or src
                if any(f.name == name for f in cfg.feeds):
                    self.app.notify(f"A feed named '{name}' exists already.", severity="error",
                                    markup=False)
                    return
                cfg.feeds.append(FeedConfig(name=name, url=src))
                self._save()
                self.app.notify(f"Added {name}; press r to fetch it.", markup=False)

            self.app.push_screen(PromptScreen("Name for this feed", "", help=src,
                                              placeholder="a short name (Enter: use the address)"),
                                 got_name)

        self.app.push_screen(PromptScreen("Add a feed", "", help="Feed URL (http/https) or a local file path:",
                                          placeholder="https://example.org/briefings.rss"), got_url)

    def action_remove(self) -> None:
        row = self.query_one(FeedList).current
        if row is None:
            return
        feed = row[0]
        from .dialogs import ConfirmScreen

        def done(yes: bool | None) -> None:
            if yes:
                self.app.lib.config.feeds = [f for f in self.app.lib.config.feeds if f is not feed]
                self._save()
                self.app.notify(f"Removed {feed.name} (its briefings stay in the library)", markup=False)

        self.app.push_screen(ConfirmScreen(f"Unsubscribe from “{one_line(feed.name)}”?"), done)

    def action_toggle(self) -> None:
        row = self.query_one(FeedList).current
        if row is None:
            return
        row[0].enabled = not row[0].enabled
        self._save()
        self.app.notify(f"{'Enabled' if row[0].enabled else 'Disabled'} {row[0].name}", markup=False,
                        timeout=2)
