"""Full-text search over every question and answer."""
from __future__ import annotations

import re
import threading
import time
from contextlib import suppress
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from ...models import QAItem
from ...store import Store
from ...topics.filters import (
    SEARCH_SCAN,
    FilteredQuery,
    search_count_kept,
    search_page,
    split_query,
)
from ..text import one_line
from ..typed_app import BriefdashAppMixin
from ..widgets.lists import SearchList, SearchRow
from ..widgets.rowlist import RowList

HEADING = "Search every question and answer"
PAGE = 200  # results loaded at a time
# a filtered search's first page: a screenful and more (at 100k, 50 rows come in ~55 ms where
# 200 take ~95: the store ranks, filters and cuts snippets for every row it returns)
FIRST_FILTERED_PAGE = 50
MORE_AHEAD = 20  # the next page loads when the cursor comes this close to the last result
ORDERS = ("relevance", "date")
FEW_RESULTS = 3  # fewer results than this: "did you mean …?" is offered
COUNT_AFTER = 0.25  # seconds a filtered query must stand before its results are counted


@dataclass
class SearchState:
    """What `/` reopens the search with. The app holds one (each dashboard its own, never a
    module or class attribute shared by two apps); the open screen keeps it up to date."""
    query: str = ""
    order: str = "relevance"


class SearchScreen(BriefdashAppMixin, Screen[str | None]):
    """Type a query; Enter (or ↓) moves to the results; Enter on a result jumps to it.

    Reopened (`/`), it shows the last query with its results, the cursor on the first one and
    the query selected: typing replaces it, → or End keeps it to extend it."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # -narrow: no ^p hint in the footer
    BINDINGS = [
        Binding("escape", "back", "Back, again: close", tooltip="From the results back to the query; "
                "from the query, close the search", id="search.back"),
        Binding("down", "to_results", "Results", show=False, id="search.to_results"),
        Binding("slash", "to_input", "Edit query", show=False, id="search.edit"),
        # `s` reaches the screen only from the results: in the query it is a letter typed
        Binding("ctrl+o,s", "toggle_order", "Date/relevance", tooltip="Order the results by date or "
                "by relevance", id="search.order"),
        Binding("ctrl+y", "use_suggestion", "Use “did you mean”", show=False,
                tooltip="Search the store's closest word instead of a misspelt one",
                id="search.use_suggestion"),
    ]

    class Results(Message):
        """A page of results for `query` in `order`, from the search worker."""

        def __init__(self, query: str, order: str, offset: int, rows: list[SearchRow],
                     total: int | None, suggestion: str | None = None, complete: bool = False,
                     problem: str = "") -> None:
            super().__init__()
            self.query = query
            self.order = order
            self.offset = offset  # where the page starts: 0 for a new search
            self.rows = rows
            self.total = total  # every match (counted for a new search only)
            self.suggestion = suggestion  # the words with a misspelt one corrected ("did you mean")
            self.complete = complete  # every result is here (a filtered search): no more pages
            self.problem = problem  # why the query cannot be searched (a bad date)

    class Counted(Message):
        """How many results a filtered search has (counted after its first page is shown)."""

        def __init__(self, query: str, order: str, total: int) -> None:
            super().__init__()
            self.query, self.order, self.total = query, order, total

    def __init__(self, state: SearchState | None = None) -> None:
        super().__init__()
        self.state = state if state is not None else SearchState()
        self.order = self.state.order if self.state.order in ORDERS else ORDERS[0]
        self.total = 0
        self.fetched = 0  # results read from the store so far: where the next page starts
        self.loading_more = False
        self._searched: tuple[str, str] | None = None  # the query and order last searched
        self.suggestion: str | None = None  # the query with the store's closest words
        self._reading: set[str] = set()  # first letters whose words a worker is reading
        self._search_store: Store | None = None  # the running search's connection
        self._search_lock = threading.Lock()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(""), classes="pane-title", id="search-title")
        yield Input(value=self.state.query,
                    placeholder="words to find (prefixes match: 'sanct' finds sanctions); "
                                "filters: ministry:WH speaker:Psaki since:2022-03 until:2022-03-31",
                    id="search-input")
        yield Static(Content(""), id="search-filter")
        yield SearchList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        # the header names the screen whatever the title line says (results, counts)
        self.title = f"{self.app.title} · {HEADING}"
        self.query_one("#search-filter").display = False
        self.update_title()
        self.query_one(Input).focus()  # selects a query it reopens with (Input.select_on_focus)
        if self.state.query:
            self.new_search()
        self.read_names_ahead()

    @work(thread=True, exclusive=True, group="search-names")
    def read_names_ahead(self) -> None:
        """Read the store's ministries and speakers while the user types: a filter's first search
        need not read them (at 100k, ~150 ms of the typed → shown time)."""
        try:
            store = self.bd_app.open_store()
            try:
                names = self.bd_app.stored_names(store)
                for column in ("ministry", "speaker"):
                    names(column)
            finally:
                store.close()
        except Exception:  # a filtered search reads them itself and says what fails
            return

    # ---- searching ------------------------------------------------------------------------
    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    def new_search(self) -> None:
        """Search from the first result (a new query or a new order)."""
        self.loading_more = False
        self._searched = (self.query_text, self.order)
        self.run_search(self.query_text, self.order, 0)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.state.query = event.value
        if self._searched != (event.value, self.order):  # a reopened query is searched once
            self.new_search()

    def read_vocabulary_ahead(self, text: str) -> None:
        """While a word is being typed, the store's words of its first letter are read (40–200
        ms at 100k statements): should the word turn out misspelt, "did you mean" is then
        answered from memory instead of keeping the results waiting. Started once a search's
        results are shown, so that it never competes with that search."""
        try:
            words = split_query(text).words
        except ValueError:
            words = text
        for word in re.findall(r"[A-Za-z]{3,}", words):
            first = word[0].lower()
            if not self.bd_app.vocabulary_known(first) and first not in self._reading:
                self._reading.add(first)
                self.read_vocabulary(first)

    @work(thread=True, group="vocabulary")
    def read_vocabulary(self, first: str) -> None:
        try:
            store = self.bd_app.open_store()
            try:
                self.bd_app.vocabulary_near(store)(first)
            finally:
                store.close()
        except Exception:  # "did you mean" reads it again when it needs it
            pass
        self._reading.discard(first)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.query_one(SearchList).rows:
            self.query_one(SearchList).focus()
        elif self.suggestion:  # nothing found: Enter takes "did you mean"
            self.action_use_suggestion()

    def _searching_with(self, store: Store | None) -> None:
        """`store` is the new search's connection: the previous search, still reading for a
        query the user has typed past, is interrupted (its worker is cancelled already, but a
        thread cannot be stopped mid-query: it would compete with this one for the CPU)."""
        with self._search_lock:
            previous, self._search_store = self._search_store, store
            if previous is not None and store is not None:
                with suppress(Exception):
                    previous.interrupt()

    def _search_done(self, store: Store) -> None:
        with self._search_lock:  # never closed while another thread interrupts it
            if self._search_store is store:
                self._search_store = None
            store.close()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, order: str, offset: int) -> None:
        try:
            parsed = split_query(query)
        except ValueError as exc:  # a bad date in a filter: say so where the filter shows
            self.post_message(self.Results(query, order, offset, [], 0, problem=str(exc)))
            return
        hits: list[tuple[QAItem, str]] = []
        total: int | None = 0
        labels: dict[int, str] = {}
        suggestion = None
        complete = parsed.keep.active and not parsed.words.strip()
        count_after = False
        try:
            store = self.bd_app.open_store()
            self._searching_with(store)
            try:
                if complete:  # filters only: the statements of the period, at once
                    if offset == 0:
                        hits = self._filtered_hits(store, parsed, order)
                    total = len(hits)
                elif parsed.keep.active:  # the store filters: page by page, counted after
                    limit = FIRST_FILTERED_PAGE if offset == 0 else PAGE
                    hits = search_page(store, parsed.words, parsed.keep, order=order, limit=limit,
                                       offset=offset, names=self.bd_app.stored_names(store))
                    total = None
                    if offset == 0:
                        count_after = len(hits) == limit
                        total = len(hits)
                elif parsed.words.strip():
                    hits = store.search(parsed.words, limit=PAGE, offset=offset, order=order)
                    total = store.search_count(parsed.words) if offset == 0 else None
                if offset == 0 and parsed.words.strip() and (total or 0) < FEW_RESULTS:
                    from ...topics.suggest import did_you_mean

                    better = did_you_mean(parsed.words, self.bd_app.vocabulary_near(store))
                    if better:
                        suggestion = " ".join(x for x in (better, parsed.filters) if x)
                labels = store.topic_labels(sorted({it.topic_id for it, _ in hits
                                                    if it.topic_id is not None}))
            finally:
                self._search_done(store)
        except Exception as exc:  # the search stays open; the user learns what failed
            if get_current_worker().is_cancelled:
                return  # interrupted for a newer search: nothing failed
            # notify posts a message: safe from a worker thread
            self.app.notify(f"Search failed: {exc}", severity="error", markup=False)
            return
        if get_current_worker().is_cancelled:
            return
        rows = [SearchRow(it, snip, labels.get(it.topic_id, "") if it.topic_id is not None else "")
                for it, snip in hits]
        self.post_message(self.Results(query, order, offset, rows, total, suggestion, complete))
        if count_after:  # a full page is shown first; how many there are follows
            self.count_filtered(query, order, parsed)

    @work(thread=True, exclusive=True, group="search-count")
    def count_filtered(self, query: str, order: str, parsed: FilteredQuery) -> None:
        """How many results a filtered search has, once its query has stood for COUNT_AFTER
        seconds (a count of 100k statements is not run for each key typed)."""
        time.sleep(COUNT_AFTER)
        if self.state.query != query or get_current_worker().is_cancelled:
            return  # typed on: the newer query counts
        try:
            store = self.bd_app.open_store()
            try:
                n = search_count_kept(store, parsed.words, parsed.keep,
                                      self.bd_app.stored_names(store))
            finally:
                store.close()
        except Exception:  # the count is a nicety: the results stand without it
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Counted(query, order, n))

    @on(Counted)
    def show_count(self, message: Counted) -> None:
        message.stop()
        if message.query != self.query_text or message.order != self.order:
            return
        self.total = max(message.total, len(self.query_one(SearchList).rows))
        self.update_title()

    @staticmethod
    def _filtered_hits(store, parsed: FilteredQuery, order: str) -> list[tuple[QAItem, str]]:
        """A search of filters only (no words): the statements of its period, newest first."""
        keep = parsed.keep
        return [(it, one_line(it.answer or it.question)[:300])
                for it in store.items_dated(keep.since, keep.until, SEARCH_SCAN) if keep.keeps(it)]

    @on(Results)
    def show_results(self, message: Results) -> None:
        message.stop()
        self.read_vocabulary_ahead(self.query_text)  # a search has finished: nothing to compete with
        if message.query != self.query_text or message.order != self.order:
            return  # a newer search is on its way
        lst = self.query_one(SearchList)
        if message.offset == 0:
            self.suggestion = message.suggestion
            self.show_filter(message.problem)
            self.total = message.total or 0
            self.fetched = len(message.rows)
            lst.set_rows(message.rows, notify=False)
        elif message.offset == self.fetched:
            if not message.rows:  # fewer than counted (the store changed since): that is all
                self.total = len(lst.rows)
            self.fetched += len(message.rows)
            # a refresh between two pages shifts them: a statement already listed is not repeated
            seen = {r.item.id for r in lst.rows}
            lst.set_rows(lst.rows + [r for r in message.rows if r.item.id not in seen],
                         cursor=lst.cursor, keep_offset=lst.cursor_screen_offset, notify=False)
            self.loading_more = False
        self.total = max(self.total, len(lst.rows))
        self.update_title()

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        lst = self.query_one(SearchList)
        if (event.index >= len(lst.rows) - MORE_AHEAD and self.fetched < self.total
                and not self.loading_more and not split_query_complete(self.query_text)):
            self.loading_more = True
            self.run_search(self.query_text, self.order, self.fetched)

    def update_title(self) -> None:
        query = self.query_text.strip()
        shown = len(self.query_one(SearchList).rows)
        if not query:
            title = "Type to search; Enter or ↓ moves to the results, Enter on one jumps to it"
        elif not shown:
            title = f"No statement matches “{query}”"
            if self.suggestion:
                title += f" · did you mean “{self.suggestion}”? Enter searches it"
        else:
            title = f"{self.total:,} result{'' if self.total == 1 else 's'} for “{query}”"
            if shown < self.total:
                title += f" · showing {shown:,}"
            title += f" · by {self.order} · Enter opens it in its topic"
            if self.suggestion:
                title += f" · did you mean “{self.suggestion}”? (Ctrl+Y)"
        self.query_one("#search-title", Static).update(Content(title))

    # ---- actions --------------------------------------------------------------------------
    def on_row_list_selected(self, event: RowList.Selected) -> None:
        event.stop()
        row: SearchRow = event.row
        if row.item.topic_id is None:
            self.notify(f"This statement is in no topic ({row.topic_cell}): nothing to jump to.",
                        timeout=4, markup=False)
            return
        self.dismiss(row.item.id)

    def action_back(self) -> None:
        if self.focused is self.query_one(SearchList):
            self.query_one(Input).focus()
        else:
            self.dismiss(None)

    def action_to_results(self) -> None:
        lst = self.query_one(SearchList)
        if lst.rows:
            lst.focus()

    def action_to_input(self) -> None:
        self.query_one(Input).focus()

    def show_filter(self, problem: str = "") -> None:
        """The filter row: what the query's filters keep, or why one cannot be read."""
        row = self.query_one("#search-filter", Static)
        if problem:
            row.update(Content(f"Filter: {problem}"))
            row.display = True
            return
        try:
            parsed: FilteredQuery | None = split_query(self.query_text)
        except ValueError:
            parsed = None
        row.display = parsed is not None and parsed.keep.active
        if parsed is not None and parsed.keep.active:
            scope = "" if parsed.words.strip() else f" (the latest {SEARCH_SCAN:,} statements at most)"
            row.update(Content(f"Filter: {parsed.keep.describe()}{scope}"))

    def action_use_suggestion(self) -> None:
        """Search the corrected words ("did you mean Khashoggi?") instead of the typed ones."""
        if not self.suggestion:
            self.notify("No other spelling to suggest.", timeout=2)
            return
        box = self.query_one(Input)
        box.value = self.suggestion  # Input.Changed searches it
        box.cursor_position = len(box.value)
        box.focus()

    def action_toggle_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.state.order = self.order
        self.new_search()


def split_query_complete(text: str) -> bool:
    """The query is filters only: its results came all at once (no further pages)."""
    try:
        parsed = split_query(text)
    except ValueError:
        return True
    return parsed.keep.active and not parsed.words.strip()
