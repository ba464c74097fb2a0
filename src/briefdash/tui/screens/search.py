"""Full-text search over every question and answer."""
from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from ..typed_app import BriefdashAppMixin
from ..widgets.lists import SearchList, SearchRow
from ..widgets.rowlist import RowList


class SearchScreen(BriefdashAppMixin, Screen[str | None]):
    """Type a query; Enter (or ↓) moves to the results; Enter on a result jumps to it."""

    BINDINGS = [
        Binding("escape", "back", "Back to the query, again to close", id="search.back"),
        Binding("down", "to_results", "Results", show=False, id="search.to_results"),
        Binding("slash", "to_input", "Edit query", show=False, id="search.edit"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.results: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content("Search every question and answer"), classes="pane-title", id="search-title")
        yield Input(value=self.initial, placeholder="words to find (prefixes match: 'sanct' finds sanctions)",
                    id="search-input")
        yield SearchList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial:
            self.run_search(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.query_one(SearchList).rows:
            self.query_one(SearchList).focus()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        store = self.bd_app.open_store()
        try:
            hits = store.search(query, limit=200) if query.strip() else []
        finally:
            store.close()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_results, query, hits)

    def show_results(self, query: str, hits: list) -> None:
        if query != self.query_one(Input).value:
            return  # a newer query is on its way
        lst = self.query_one(SearchList)
        lst.set_rows([SearchRow(it, snip) for it, snip in hits], notify=False)
        title = (f"{len(hits)}{'+' if len(hits) >= 200 else ''} results for “{query.strip()}” · "
                 "Enter jumps to the statement in its topic" if query.strip()
                 else "Search every question and answer")
        if query.strip() and not hits:
            title = f"No statement matches “{query.strip()}”"
        self.query_one("#search-title", Static).update(Content(title))

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.dismiss(event.row.item.id)

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
