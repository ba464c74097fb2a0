"""The briefdash dashboard (Textual): a thin layer over Library / Store / positions."""
from __future__ import annotations

import gc
import threading
from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.worker import get_current_worker

from ..export import plural
from ..library import Library
from ..models import FetchResult
from ..store import Store
from ..watch import TUI_WATCH_KEY as WATCH_KEY
from ..watch import WatchNews
from .screens.help import BindingSection, HelpScreen
from .screens.main import MainScreen
from .screens.search import SearchScreen, SearchState
from .screens.welcome import WelcomeScreen
from .text import display_key

NEW_MARK_KEY = "tui_new_mark"  # item number before the last refresh made in the dashboard
STORE_POLL_SECONDS = 1.0  # how often the dashboard looks for another process's writes


class BriefdashCommands(Provider):
    """Every action of the app and of the current screen, in the command palette."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Awaitable[object]]]]:
        app = self.app
        keymap = app.keymap_config if isinstance(app, BriefdashApp) else {}
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
    """The dashboard. What the screens show of the app's state are reactive attributes they
    watch: `status_line`, `refreshing` with `refresh_progress`, `busy`, `library_version`."""

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

    status_line: var[str] = var("", init=False)  # the status bar's text
    refreshing: var[bool] = var(False, init=False)  # a refresh is running
    refresh_progress: var[tuple[int, int]] = var((0, 0), init=False)  # feeds done, of how many
    busy: var[tuple[str, ...]] = var((), init=False)  # what store workers are doing now ("Merging …"), oldest first
    library_version: var[int] = var(0, init=False)  # bumped when a refresh has changed the library

    class RefreshProgress(Message):
        """One feed of a running refresh is done."""

        def __init__(self, result: FetchResult, done: int, total: int) -> None:
            super().__init__()
            self.result, self.done, self.total = result, done, total

    class RefreshFinished(Message):
        """The refresh worker is done: what it fetched, which statements are new, watched news."""

        def __init__(self, results: list[FetchResult], new_ids: set[str], news: WatchNews,
                     item_count: int) -> None:
            super().__init__()
            self.results, self.new_ids, self.news, self.item_count = results, new_ids, news, item_count

    class RefreshFailed(Message):
        """The refresh worker stopped on an exception."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    class StoreTouched(Message):
        """The store changed under the dashboard (a CLI ingest, a cron fetch, another
        dashboard): `new_ids` are the statements stored since it last looked."""

        def __init__(self, new_ids: set[str], item_count: int, asked: bool = False) -> None:
            super().__init__()
            self.new_ids, self.item_count, self.asked = new_ids, item_count, asked

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
        self.main_screen: MainScreen | None = None
        self.search_state = SearchState()  # what `/` reopens with: this dashboard's own
        # the title names the library: its data dir, or the desk's shared store (no password)
        shared = lib.store.describe() if lib.store.pushes_changes else None
        self.label = label or ("demo corpus" if demo else shared or str(lib.paths.data_dir))
        self.sub_title = self.label
        # watching the store for other processes' writes (poll_store_worker)
        self._poll_store: Store | None = None
        self._poll_lock = threading.Lock()
        self._poll_seen: tuple[tuple[int, ...], int] | None = None  # (signature, data_version)
        self._poll_rebaseline = False  # the dashboard wrote itself: take the store as it is now
        # "did you mean": the search index's words by first letter, read once per library version
        self._vocabulary: dict[str, list[tuple[str, int]]] = {}
        self._vocabulary_of = -1
        self._vocabulary_lock = threading.Lock()
        self._names: dict[str, list[str]] = {}  # stored ministries / speakers (stored_names)
        self._names_of = -1

    # ---- plumbing -------------------------------------------------------------------------
    def open_store(self) -> Store:
        """A connection of its own, for a worker thread (never share one across threads)."""
        return self.lib.store.reopen()

    def on_mount(self) -> None:
        # Fewer full garbage collections: with Python's defaults (700, 10, 10) a full pass over
        # every live row and timeline ran ~12 times while an analyst switched 18 topics of a 100k
        # library, 50–230 ms each, and froze a topic switch to 150 ms; with these, none ran
        # (benchmarks/bench_tui.py: switch max 33 ms). Reference counting frees all but cycles.
        gc.set_threshold(50_000, 20, 20)
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
        if self.lib.store.pushes_changes:  # PostgreSQL: LISTEN for commits, no polling loop
            self.poll_store_worker()  # the store as it is now: what a notice is compared with
            self.listen_store_worker()
        else:
            self.set_interval(STORE_POLL_SECONDS, self._look_for_changes, name="store-poll")
        self.main_screen = MainScreen()
        self.push_screen(self.main_screen)
        if self.lib.store.item_count() == 0:
            self.push_screen(WelcomeScreen())

    def _library_line(self, n: int | None = None) -> str:
        n = self.lib.store.item_count() if n is None else n
        feeds = len(self.lib.config.feeds)
        return f"{plural(n, 'statement')} · {plural(feeds, 'feed')} · {self.label}"

    def vocabulary_near(self, store: Store) -> Callable[[str], list[tuple[str, int]]]:
        """`store.vocabulary_near`, remembered until the library changes: reading a letter's
        words costs 100–250 ms at 100k statements (benchmarks/bench_tui.py --desk), so a
        second misspelling of the same letter is answered at once. For a worker thread."""
        if self._vocabulary_of != self.library_version:
            self._vocabulary, self._vocabulary_of = {}, self.library_version
        cache = self._vocabulary

        def near(first: str) -> list[tuple[str, int]]:
            if first not in cache:
                with self._vocabulary_lock:  # a letter read once, even by two workers at a time
                    if first not in cache:
                        cache[first] = store.vocabulary_near(first)
            return cache[first]

        return near

    def vocabulary_known(self, first: str) -> bool:
        """The words beginning with `first` are remembered for this library version."""
        return self._vocabulary_of == self.library_version and first in self._vocabulary

    def stored_names(self, store: Store) -> Callable[[str], list[str]]:
        """`store.names_in_use`, remembered until the library changes (a read of every
        statement at 100k: not once per keystroke of a filtered search). For a worker."""
        if self._names_of != self.library_version:
            self._names, self._names_of = {}, self.library_version
        cache = self._names

        def names(column: str) -> list[str]:
            if column not in cache:
                cache[column] = store.names_in_use(column)
            return cache[column]

        return names

    # ---- another process's writes ------------------------------------------------------------
    def _look_for_changes(self) -> None:
        if not self.refreshing and not self.busy:  # the dashboard's own writes reload already
            self.poll_store_worker()

    def store_written(self) -> None:
        """The dashboard itself has written (a refresh, a curation) and reloaded for it: the
        next look at the store starts from there instead of reloading once more."""
        self._poll_rebaseline = True

    class StoreNotified(Message):
        """The shared store told this dashboard that someone committed (LISTEN/NOTIFY)."""

    @work(thread=True, group="store-listen")
    def listen_store_worker(self) -> None:
        """On a shared store: wait for another connection's commit (NOTIFY) on a connection
        of its own, then look at the store as the poll does. Waits a second at a time so that
        closing the dashboard never waits long for it."""
        worker = get_current_worker()
        store = None
        try:
            store = self.open_store()
            while not worker.is_cancelled:
                if store.wait_for_change(1.0) and not worker.is_cancelled:
                    self.post_message(self.StoreNotified())
        except Exception as exc:  # the server went away: say so once, fall back to polling
            self.post_message(self.RefreshFailed(f"lost the store's change notices ({exc}); "
                                                 "looking for changes every second instead"))
            self.call_from_thread(self.set_interval, STORE_POLL_SECONDS,
                                  self._look_for_changes, name="store-poll")
        finally:
            if store is not None:
                store.close()

    @on(StoreNotified)
    def _store_notified(self) -> None:
        self._look_for_changes()

    @work(thread=True, group="store-poll")
    def poll_store_worker(self, force: bool = False) -> None:
        """Has another process written? `PRAGMA data_version` on a connection of its own says
        so at the cost of one call; only then is the change signature read. A change posts
        `StoreTouched` (so does `force`, which `r` uses to reload whatever happened)."""
        if not self._poll_lock.acquire(blocking=False):
            return  # the previous look is still running
        try:
            if self._poll_store is None:
                self._poll_store = self.open_store()
            store = self._poll_store
            version = store.data_version()
            seen = self._poll_seen
            if seen is not None and seen[1] == version and not force and not self._poll_rebaseline:
                return
            signature = store.change_signature()
            rebaseline, self._poll_rebaseline = self._poll_rebaseline, False
            self._poll_seen = (signature, version)
            if seen is None or rebaseline:
                if not force:
                    return
            elif seen[0] == signature and not force:
                return
            new_ids = store.item_ids_since(seen[0][0]) if seen is not None else set()
            self.post_message(self.StoreTouched(new_ids, signature[1], asked=force))
        except Exception as exc:  # a locked or vanished file: try again at the next tick
            if force:
                self.post_message(self.RefreshFailed(f"{type(exc).__name__}: {exc}"))
        finally:
            self._poll_lock.release()

    @on(StoreTouched)
    def _store_touched(self, event: StoreTouched) -> None:
        if event.new_ids:
            self.new_ids = self.new_ids | event.new_ids
        n = len(event.new_ids)
        if event.asked:
            note = ("No enabled feeds to refresh: reloaded the library from the store"
                    + (f", {plural(n, 'new statement')}" if n else ""))
        else:
            note = (f"The library changed on disk: {plural(n, 'new statement')}" if n
                    else "The library changed on disk (another briefdash regrouped or curated it)")
        if n or event.asked:  # a regroup after an ingest reloads quietly (the status says so)
            self.notify(note, title="Reloaded", timeout=4, markup=False)
        self.status_line = note + " · " + self._library_line(event.item_count)
        self.library_version += 1
        if isinstance(self.screen, WelcomeScreen) and event.item_count > 0:
            self.pop_screen()

    def on_unmount(self) -> None:
        if self._poll_store is not None:
            with self._poll_lock:
                self._poll_store.close()
                self._poll_store = None

    # ---- what the workers are doing -----------------------------------------------------------
    def task_started(self, doing: str) -> None:
        """A worker started a slow job: the status says what (the main screen shows a busy bar)."""
        self.busy = (*self.busy, doing)
        self.status_line = doing

    def task_finished(self, doing: str, note: str) -> None:
        """The job `doing` is over: the status says how it went (and what still runs)."""
        rest = list(self.busy)
        if doing in rest:
            rest.remove(doing)
        self.busy = tuple(rest)
        self.status_line = note + (f" · {rest[-1]}" if rest else "")

    # ---- app-wide actions -----------------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            legend = []
            if self.main_screen is not None:  # the ministries of this library, by short name
                m = self.main_screen
                legend = m.ministry_names.legend(sorted({x for r in m.all_rows for x in r.topic.ministries}))
            self.push_screen(HelpScreen(binding_sections(), self.keymap_config, legend))

    def action_search(self) -> None:
        """Open the search with the last query, order and results of this dashboard."""
        if isinstance(self.screen, SearchScreen):
            return

        def done(uid: str | None) -> None:
            if uid and self.main_screen is not None:
                self.main_screen.select_item(uid)
                self.main_screen.range_from_search(self.search_state.query)

        self.push_screen(SearchScreen(self.search_state), done)

    def action_feeds(self) -> None:
        from .screens.feeds import FeedsScreen

        if not isinstance(self.screen, FeedsScreen):
            self.push_screen(FeedsScreen())

    def action_refresh(self) -> None:
        if self.refreshing:
            self.notify("A refresh is already running.", timeout=2)
            return
        feeds = [f for f in self.lib.config.feeds if f.enabled]
        if not feeds:  # still: what a CLI ingest or a cron fetch stored is read again
            self.poll_store_worker(force=True)
            return
        self.refresh_progress = (0, len(feeds))
        self.refreshing = True
        self.status_line = f"Refreshing {len(feeds)} feeds…"
        self.refresh_worker()

    @work(thread=True, exclusive=True, group="refresh")
    def refresh_worker(self) -> None:
        from ..config import load_config
        from ..library import open_store, refresh
        from ..watch import watched_news

        paths = self.lib.paths
        lib = None
        try:
            config = load_config(paths.config_file)
            lib = Library(paths, config, open_store(paths, config))
            feeds = [f for f in lib.config.feeds if f.enabled]
            mark = lib.store.max_item_number()

            def progress(res: FetchResult, done: int, total: int) -> None:
                self.post_message(self.RefreshProgress(res, done, total))

            results = refresh(lib, progress, feeds=feeds)
            lib.store.set_state(NEW_MARK_KEY, str(mark))
            new_ids = lib.store.item_ids_since(mark)
            news = watched_news(lib.store, key=WATCH_KEY)
            count = lib.store.item_count()
        except Exception as exc:  # the UI must survive whatever a refresh does
            self.post_message(self.RefreshFailed(f"{type(exc).__name__}: {exc}"))
            return
        finally:
            if lib is not None:
                lib.close()
        self.post_message(self.RefreshFinished(results, new_ids, news, count))

    @on(RefreshProgress)
    def _refresh_progress(self, event: RefreshProgress) -> None:
        res = event.result
        self.refresh_progress = (event.done, event.total)
        self.status_line = f"Refreshing… {event.done}/{event.total} feeds done"
        if res.ok:
            self.notify(res.summary(), title="Feed refreshed", timeout=4, markup=False)
        else:
            self.notify(f"{res.name}: {res.error}", title="Feed failed", severity="error",
                        timeout=8, markup=False)

    @on(RefreshFailed)
    def _refresh_failed(self, event: RefreshFailed) -> None:
        self.refreshing = False
        self.notify(f"Refresh failed: {event.error}", severity="error", markup=False)
        self.status_line = self._library_line()

    @on(RefreshFinished)
    def _refresh_done(self, event: RefreshFinished) -> None:
        results, news = event.results, event.news
        self.refreshing = False
        self.new_ids = event.new_ids
        failed = [r for r in results if not r.ok]
        line = (f"Refreshed {plural(len(results), 'feed')}: "
                f"{plural(len(event.new_ids), 'new statement')}"
                + (f", {len(failed)} failed" if failed else ""))
        self.notify(line, title="Refresh done", severity="warning" if failed else "information",
                    markup=False)
        if news.total:
            who = "; ".join(f"{label} ({n})" for _, label, n in news.per_topic[:5])
            self.notify(f"{plural(news.total, 'new statement')} on watched topics: {who}",
                        title="Watched topics", timeout=12, markup=False)
        if news.per_storyline:
            told = "; ".join(f"{name} ({n})" for name, n in news.per_storyline[:5])
            self.notify(f"New on your storylines: {told}", title="Storylines", timeout=12,
                        markup=False)
        self.status_line = line + " · " + self._library_line(event.item_count)
        self.store_written()
        self.library_version += 1
        if isinstance(self.screen, WelcomeScreen) and event.item_count > 0:
            self.pop_screen()


def bindings_of(node_class: type[DOMNode]) -> list[Binding]:
    """A class's own BINDINGS (Textual also allows tuples there; briefdash writes Binding)."""
    return [b for b in node_class.BINDINGS if isinstance(b, Binding)]


def binding_sections() -> list[BindingSection]:
    """Every binding, in the sections the help lists them in: each id once, so every binding of
    every screen and widget is listed by `?` and can be remapped in config.toml [keys]."""
    from .screens.dialogs import ConfirmScreen, PromptScreen, TopicPickerScreen
    from .screens.feeds import FeedsScreen
    from .screens.news import WatchedNewsScreen
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
        ("New on watched", bindings_of(WatchedNewsScreen)),
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
