"""Since I last looked: the new statements on every watched issue and topic, newest first."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...export import plural
from ..widgets.lists import SearchList, SearchRow
from ..widgets.rowlist import RowList

SEEN_PREFIX = "tui_seen:"  # + "t:ID" / "i:ID": the item number last seen on that watch


def seen_key(kind: str, ident: int) -> str:
    """The state key holding what the user last saw of a watched topic ("t") or issue ("i")."""
    return f"{SEEN_PREFIX}{kind}:{ident}"


class WatchedNewsScreen(ModalScreen[str | None]):
    """The statements stored on watched issues/topics since each was last looked at (a row per
    statement, the watch named where the topic goes); Enter opens one in its topic."""

    BINDINGS = [Binding("escape,q", "close", "Close", id="news.close")]

    def __init__(self, rows: list[SearchRow], watches: int) -> None:
        super().__init__(classes="view-screen")
        self.rows, self.watches = rows, watches

    def compose(self) -> ComposeResult:
        with Vertical(classes="view"):
            if not self.watches:
                title = "Since you last looked · nothing is watched: w watches an issue or a topic"
            else:
                title = (f"Since you last looked · {plural(len(self.rows), 'new statement')} on "
                         f"{plural(self.watches, 'watched issue or topic', 'watched issues and topics')}")
            yield Static(Content(title), classes="pane-title", id="news-title")
            lst = SearchList(id="news-list")
            lst.empty_text = "Nothing new on what you watch."
            yield lst
            yield Static(Content("Enter opens a statement in its topic · Esc to close · "
                                 "seen now: the next look starts from here"), classes="dialog-help")

    def on_mount(self) -> None:
        lst = self.query_one(SearchList)
        lst.set_rows(self.rows, notify=False)
        lst.focus()

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.dismiss(event.row.item.id)

    def action_close(self) -> None:
        self.dismiss(None)
