"""Every binding, where it works, its id (for [keys] in config.toml) and its current key."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


def binding_sections() -> list[tuple[str, list[Binding]]]:
    from ..app import BriefdashApp
    from ..widgets.rowlist import RowList
    from .dialogs import ConfirmScreen
    from .feeds import FeedsScreen
    from .main import MainScreen
    from .search import SearchScreen

    return [
        ("Everywhere", list(BriefdashApp.BINDINGS)),
        ("Lists (topics, timeline, results, feeds)", list(RowList.BINDINGS)),
        ("Main screen", list(MainScreen.BINDINGS)),
        ("Search", list(SearchScreen.BINDINGS)),
        ("Feeds", list(FeedsScreen.BINDINGS)),
        ("Dialogs", list(ConfirmScreen.BINDINGS)),
    ]


def display_key(binding: Binding, keymap: dict[str, str]) -> str:
    keys = keymap.get(binding.id or "", binding.key)
    names = {"question_mark": "?", "slash": "/", "escape": "Esc", "enter": "Enter", "tab": "Tab",
             "shift+tab": "Shift+Tab", "space": "Space", "delete": "Del", "pagedown": "PgDn",
             "pageup": "PgUp", "home": "Home", "end": "End", "down": "↓", "up": "↑", "right": "→", "left": "←", "ctrl+p": "Ctrl+P"}
    return ", ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


def help_content(keymap: dict[str, str]) -> Content:
    parts: list = []
    for title, bindings in binding_sections():
        parts += [(title, "bold $accent"), "\n"]
        for b in bindings:
            parts += [(display_key(b, keymap).ljust(16), "bold"), b.description.ljust(34),
                      (b.id or "", "$text-muted"), "\n"]
        parts.append("\n")
    parts += [("Remap any key in config.toml, e.g.\n", "$text-muted"),
              ("[keys]\n\"main.export\" = \"x\"\n", "$text-muted")]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close help", id="help.close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="view"):
            yield Static(Content("Keys · Ctrl+P opens the command palette with every action"),
                         classes="pane-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_content(self.app.keymap_config), markup=False, id="help-text")
            yield Static(Content("Esc to close · ↑/↓ to scroll"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
