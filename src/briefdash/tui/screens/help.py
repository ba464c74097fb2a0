"""Every binding, where it works, its id (for [keys] in config.toml) and its current key."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..text import display_key, one_line

# One section of the help: its title and the bindings listed under it.
BindingSection = tuple[str, list[Binding]]


def help_content(sections: list[BindingSection], keymap: dict[str, str],
                 legend: list[tuple[str, str, str]] | None = None) -> Content:
    """The keys in three columns (key, what it does, id), each as wide as its longest entry so
    a line fits 80 columns (66 cells today); the notes are paragraphs that wrap at words."""
    every = [b for _, bindings in sections for b in bindings]
    key_width = max((len(display_key(b, keymap)) for b in every), default=0) + 2
    description_width = max((len(b.description) for b in every), default=0) + 2
    parts: list = []
    for title, bindings in sections:
        parts += [(title, "bold $accent"), "\n"]
        for b in bindings:
            parts += [(display_key(b, keymap).ljust(key_width), "bold"),
                      b.description.ljust(description_width), (b.id or "", "$text-muted"), "\n"]
        parts.append("\n")
    parts += [("Columns\n", "bold $accent"),
              ("Topics: N statements · Last statement · Per week (the last 10 weeks) · Ministries, "
               "by short name (\"White House, China MFA\"), or abbreviated when the names do not "
               "fit (\"WH, CN\"; initials: \"NVA\": Norvania, Veloria, Ardenia); the statement "
               "names them in full.\n"
               "Timeline: date · ministry · spokesperson ← who asked · new wording "
               "(↻ a restatement).\n\n",
               "$text-muted"),
              ]
    if legend:
        parts += [("Ministries\n", "bold $accent")]
        abbr_w = max(len(a) for a, _, _ in legend) + 2
        short_w = max(len(s) for _, s, _ in legend) + 2
        for abbr, short, full in legend:
            parts += [(abbr.ljust(abbr_w), "bold"), one_line(short).ljust(short_w),
                      (one_line(full), "$text-muted"), "\n"]
        parts += [("A feed's short_name in config.toml names its ministry, e.g. "
                   "short_name = \"WH\"\n\n", "$text-muted")]
    parts += [("Remap any key in config.toml, e.g.\n", "$text-muted"),
              ("[keys]\n\"main.export\" = \"x\"\n", "$text-muted")]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """The keys, given by the app as sections of bindings (so this screen imports no other)."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close help", id="help.close")]

    def __init__(self, sections: list[BindingSection], keymap: dict[str, str],
                 legend: list[tuple[str, str, str]] | None = None) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap
        self.legend = legend or []  # the library's ministries: abbreviation, short name, name

    def compose(self) -> ComposeResult:
        with Vertical(classes="view"):
            yield Static(Content("Keys · Ctrl+P opens the command palette with every action"),
                         classes="pane-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_content(self.sections, self.keymap, self.legend), markup=False, id="help-text")
            yield Static(Content("Esc to close · ↑/↓ to scroll"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
