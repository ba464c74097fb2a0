"""The briefdash dashboard (Textual): a thin layer over Library / Store / positions."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

from ..export import plural
from ..library import Library
from ..models import FetchResult
from ..store import Store
from ..watch import TUI_WATCH_KEY as WATCH_KEY
from .screens.help import BindingSection, HelpScreen
from .screens.main import MainScreen
from .screens.welcome import WelcomeScreen
from .text import display_key

NEW_MARK_KEY = "tui_new_mark"  # item number before the last refresh made in the dashboard


class BriefdashCommands(Provider):
    """Every action of the app and of the current screen, in the command palette."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Awaitable[object]]]]:
        app = self.app
        keymap = getattr(app, "keymap_config", {})
        out: list[tuple[str, str, Callable[[], Awaitable[object]]]] = []
        for b in bindings_of(BriefdashApp):
            out.append((b.description, f"{display_key(b, keymap)} · {b.id}", partial(app.run_action, b.action)))
        screen = self.screen
        if isinstance(screen, MainScreen):
            for b in bindings_of(MainScreen):
                if b.action in ("back", "focus_next_region", "focus_previous_region"):
                    continue
                out.append((b.description, f"{display_key(b, keymap)} · {b.id}",
                            partial(screen.run_action, b.action)))
        return out

    async def discover(self) -> Hits:
        for title, help, cb in self._commands():
            yield DiscoveryHit(title, cb, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help, cb in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), cb, help=help)


class BriefdashApp(App[int]):
    CSS_PATH = "briefdash.tcss"
    CSS = "HeaderIcon { display: none; }"  # Textual's ⭘ is a missing glyph in most terminal fonts
    TITLE = "briefdash"
    COMMANDS = App.COMMANDS | {BriefdashCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("r", "refresh", "Refresh", id="app.refresh"),
        Binding("F", "feeds", "Feeds", show=False, id="app.feeds"),
    ]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, less those the app's bindings already list (Quit)."""
        ours = {b.description for b in self.BINDINGS if isinstance(b, Binding)}
        for cmd in super().get_system_commands(screen):
            if cmd.title not in ours:
                yield cmd

    def __init__(self, lib: Library, *, demo: bool = False, export_dir: Path | None = None,
                 label: str | None = None) -> None:
        super().__init__()
        self.lib = lib
        self.demo = demo
        self.export_dir = Path(export_dir) if export_dir else Path.cwd()
        self.keymap_config: dict[str, str] = dict(lib.config.keys)
        self.new_ids: set[str] = set()
        self.refreshing = False
        self.status_line = ""
        self.main_screen: MainScreen | None = None
        self.label = label or ("demo corpus" if demo else str(lib.paths.data_dir))
        self.sub_title = self.label

    # ---- plumbing -------------------------------------------------------------------------
    def open_store(self) -> Store:
        """A connection of its own, for a worker thread (never share one across threads)."""
        return Store(self.lib.paths.database)

    def on_mount(self) -> None:
        if self.keymap_config:
            self.set_keymap(self.keymap_config)
            known = {b.id for bs in _all_bindings() for b in bs if b.id}
            unknown = sorted(set(self.keymap_config) - known)
            if unknown:
                self.notify(f"config.toml [keys]: unknown binding id {', '.join(unknown)} "
                            "(press ? to see the ids)", severity="warning", markup=False)
        mark = self.lib.store.get_state(NEW_MARK_KEY)
        if mark is not None:
            self.new_ids = self.lib.store.item_ids_since(int(mark))
        self.status_line = self._library_line()
        self.main_screen = MainScreen()
        self.push_screen(self.main_screen)
        if self.lib.store.item_count() == 0:
            self.push_screen(WelcomeScreen())

    def _library_line(self) -> str:
        n = self.lib.store.item_count()
        feeds = len(self.lib.config.feeds)
        return f"{plural(n, 'statement')} · {plural(feeds, 'feed')} · {self.label}"

    # ---- app-wide actions -----------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(binding_sections(), self.keymap_config))

    def action_search(self) -> None:
        """Open the search with the last query, order and results of this dashboard."""
        from .screens.search import SearchScreen, SearchState

        if isinstance(self.screen, SearchScreen):
            return
        # per app instance (each served dashboard its own), made on first use
        state: SearchState | None = getattr(self, "search_state", None)
        if state is None:
            state = self.search_state = SearchState()

        def done(uid: str | None) -> None:
            if uid and self.main_screen is not None:
                self.main_screen.select_item(uid)

        self.push_screen(SearchScreen(state), done)

    def action_feeds(self) -> None:
        from .screens.feeds import FeedsScreen

        if not isinstance(self.screen, FeedsScreen):
            self.push_screen(FeedsScreen())

    def action_refresh(self) -> None:
        if self.refreshing:
            self.notify("A refresh is already running.", timeout=2)
            return
        feeds = [f for f in self.lib.config.feeds if f.enabled]
        if not feeds:
            self.notify("No enabled feeds to refresh: press F to add one.", severity="warning")
            return
        self.refreshing = True
        self._refresh_started(len(feeds))
        self.refresh_worker()

    @work(thread=True, exclusive=True, group="refresh")
    def refresh_worker(self) -> None:
        from ..config import load_config
        from ..library import refresh
        from ..watch import watched_news

        paths = self.lib.paths
        lib = None
        try:
            lib = Library(paths, load_config(paths.config_file), Store(paths.database))
            feeds = [f for f in lib.config.feeds if f.enabled]
            mark = lib.store.max_item_number()
            results = refresh(lib, lambda res, done, total: self.call_from_thread(
                self._refresh_progress, res, done, total), feeds=feeds)
            lib.store.set_state(NEW_MARK_KEY, str(mark))
            new_ids = lib.store.item_ids_since(mark)
            news = watched_news(lib.store, key=WATCH_KEY)
        except Exception as exc:  # the UI must survive whatever a refresh does
            self.call_from_thread(self._refresh_failed, f"{type(exc).__name__}: {exc}")
            return
        finally:
            if lib is not None:
                lib.close()
        self.call_from_thread(self._refresh_done, results, new_ids, news)

    def _progress_widgets(self):
        if self.main_screen is None or not self.main_screen.is_mounted:
            return None
        from textual.widgets import ProgressBar

        return self.main_screen.query_one("#progress", ProgressBar)

    def _refresh_started(self, total: int) -> None:
        bar = self._progress_widgets()
        if bar is not None:
            bar.update(total=total, progress=0)
            bar.display = True
        self.status_line = f"Refreshing {total} feeds…"
        if self.main_screen is not None and self.main_screen.is_mounted:
            self.main_screen.update_status()

    def _refresh_progress(self, res: FetchResult, done: int, total: int) -> None:
        bar = self._progress_widgets()
        if bar is not None:
            bar.update(total=total, progress=done)
        self.status_line = f"Refreshing… {done}/{total} feeds done"
        if self.main_screen is not None and self.main_screen.is_mounted:
            self.main_screen.update_status()
        if res.ok:
            self.notify(res.summary(), title="Feed refreshed", timeout=4, markup=False)
        else:
            self.notify(f"{res.name}: {res.error}", title="Feed failed", severity="error",
                        timeout=8, markup=False)

    def _refresh_failed(self, message: str) -> None:
        self.refreshing = False
        bar = self._progress_widgets()
        if bar is not None:
            bar.display = False
        self.notify(f"Refresh failed: {message}", severity="error", markup=False)
        self.status_line = self._library_line()
        if self.main_screen is not None and self.main_screen.is_mounted:
            self.main_screen.update_status()

    def _refresh_done(self, results: list[FetchResult], new_ids: set[str], news) -> None:
        self.refreshing = False
        self.new_ids = new_ids
        bar = self._progress_widgets()
        if bar is not None:
            bar.display = False
        failed = [r for r in results if not r.ok]
        line = (f"Refreshed {plural(len(results), 'feed')}: {plural(len(new_ids), 'new statement')}"
                + (f", {len(failed)} failed" if failed else ""))
        self.notify(line, title="Refresh done", severity="warning" if failed else "information",
                    markup=False)
        if news.total:
            who = "; ".join(f"{label} ({n})" for _, label, n in news.per_topic[:5])
            self.notify(f"{plural(news.total, 'new statement')} on watched topics: {who}",
                        title="Watched topics", timeout=12, markup=False)
        self.status_line = line + " · " + self._library_line()
        if self.main_screen is not None and self.main_screen.is_mounted:
            self.main_screen.update_status()
            self.main_screen.reload_topics()
        if isinstance(self.screen, WelcomeScreen) and self.lib.store.item_count() > 0:
            self.pop_screen()


def bindings_of(node_class: type[DOMNode]) -> list[Binding]:
    """A class's own BINDINGS (Textual also allows tuples there; briefdash writes Binding)."""
    return [b for b in node_class.BINDINGS if isinstance(b, Binding)]


def binding_sections() -> list[BindingSection]:
    """Every binding, in the sections the help lists them in: each id once, so every binding of
    every screen and widget is listed by `?` and can be remapped in config.toml [keys]."""
    from .screens.dialogs import ConfirmScreen, PromptScreen, TopicPickerScreen
    from .screens.feeds import FeedsScreen
    from .screens.search import SearchScreen
    from .screens.views import SideBySideScreen, StockPhrasesScreen
    from .widgets.detail import Detail
    from .widgets.rowlist import RowList

    dialogs: dict[str, Binding] = {}  # several dialogs share dialog.cancel: list it once
    for cls in (PromptScreen, ConfirmScreen, TopicPickerScreen):
        for b in bindings_of(cls):
            dialogs.setdefault(b.id or b.key, b)
    return [
        ("Everywhere", bindings_of(BriefdashApp)),
        ("Lists (topics, timeline, results, feeds)", bindings_of(RowList)),
        ("Main screen", bindings_of(MainScreen)),
        ("Statement pane", bindings_of(Detail)),
        ("Side by side", bindings_of(SideBySideScreen)),
        ("Stock phrases", bindings_of(StockPhrasesScreen)),
        ("Search", bindings_of(SearchScreen)),
        ("Feeds", bindings_of(FeedsScreen)),
        ("Dialogs and pickers", list(dialogs.values())),
        ("Help", bindings_of(HelpScreen)),
    ]


def _all_bindings():
    return [bs for _, bs in binding_sections()]


def run(data_dir: str | None, demo: bool = False) -> int:
    """Open the library in `data_dir` (or the default) and run the dashboard."""
    lib = Library.open(data_dir)
    try:
        app = BriefdashApp(lib, demo=demo)
        app.run()
    finally:
        lib.close()
    return app.return_code or 0
