"""Small modal dialogs: a text prompt, a yes/no question, topic and issue pickers, declaring an
issue, the export dialog."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from ...export import ExportOptions, parse_day
from ...models import Topic
from ...topics.lookup import fuzzy_topics
from ..text import one_line
from ..widgets.lists import IssueRow, TopicList, TopicRow, topic_header

NEW_ISSUE = -1  # what the issue picker answers for "a new issue of its own"


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; Enter accepts, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, value: str = "", *, help: str = "", placeholder: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.value, self.help_text, self.placeholder = title, value, help, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            if self.help_text:
                yield Static(Content(self.help_text), classes="dialog-help")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(Content("Enter to accept · Esc to cancel"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [Binding("escape,n", "no", "No", id="dialog.no"),
                Binding("y", "yes", "Yes", id="dialog.yes")]

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class TopicPickerScreen(ModalScreen[int | None]):
    """Choose a topic by fuzzy label; used to merge topics and move statements."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
                Binding("down", "down", "Down", show=False, id="picker.down"),
                Binding("up", "up", "Up", show=False, id="picker.up")]

    def __init__(self, title: str, topics: list[Topic], exclude: int | None = None, *,
                 subtitle: str = "", sparks: dict[int, str] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.subtitle = subtitle
        self.sparks = sparks or {}  # topic id → its weekly sparkline, so every column is filled
        self.topics = [t for t in topics if t.id != exclude]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall"):
            yield Label(Content(self.title_text), classes="dialog-title")
            if self.subtitle:
                yield Static(Content(self.subtitle), classes="dialog-help")
            yield Input(placeholder="type to filter topics", id="picker-input")
            yield Static(topic_header(60), classes="list-header", id="picker-header")
            lst = TopicList(id="picker-list")
            lst.header_selector = "#picker-header"
            yield lst
            yield Static(Content("Enter to choose · Esc to cancel"), classes="dialog-help")

    def on_mount(self) -> None:
        latest = max((t.last_seen for t in self.topics if t.last_seen), default=None)
        self.query_one(TopicList).this_year = latest.year if latest else None  # "Jul 2022" before
        self._filter("")
        self.query_one(Input).focus()

    def _filter(self, text: str) -> None:
        lst = self.query_one(TopicList)
        if not text.strip():
            rows = self.topics[:2000]
        else:
            rows = [self.topics[i] for i in fuzzy_topics(text, self.topics, limit=200)]
        lst.set_rows([TopicRow(t, self.sparks.get(t.id, "")) for t in rows], notify=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        row = self.query_one(TopicList).current
        self.dismiss(row.topic.id if row else None)

    def on_row_list_selected(self, event: TopicList.Selected) -> None:
        event.stop()
        self.dismiss(event.row.topic.id)

    def action_down(self) -> None:
        self.query_one(TopicList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(TopicList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ExportRequest:
    path: str
    fmt: str  # "md" or "json" (from the file's extension)
    opts: ExportOptions


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Where to export a topic, in full or brief, and for which days (empty: all of them).

    Enter in any field exports; a bad date is reported here and the dialog stays open."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, full_path: str, brief_path: str, *,
                 first: date | None = None, last: date | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.full_path, self.brief_path = title, full_path, brief_path
        self.first, self.last = first, last

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield Static(Content("File to write (.md for Markdown, .json for JSON):"), classes="dialog-help")
            yield Input(value=self.full_path, id="export-path")
            yield Checkbox("Brief: date, ministry, spokesperson, position, new wording, link",
                           id="export-brief")
            with Horizontal(id="export-dates"):
                yield Label("From ", classes="export-date-label")
                yield Input(placeholder=self.first.isoformat() if self.first else "YYYY-MM-DD",
                            id="export-since", classes="export-date")
                yield Label(" to ", classes="export-date-label")
                yield Input(placeholder=self.last.isoformat() if self.last else "YYYY-MM-DD",
                            id="export-until", classes="export-date")
            yield Static("", id="export-error")
            yield Static(Content("Empty dates: all statements · Enter to export · Esc to cancel"),
                         classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        path = self.query_one("#export-path", Input)
        old, new = (self.full_path, self.brief_path) if event.value else (self.brief_path, self.full_path)
        if path.value == old:  # not edited by hand: follow the form
            path.value = new

    def request(self) -> ExportRequest | str:
        """The export asked for, or a one-line reason why it cannot be done."""
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            return "Give a file to write."
        days = []
        for wid, what in (("#export-since", "From"), ("#export-until", "To")):
            text = self.query_one(wid, Input).value.strip()
            try:
                days.append(parse_day(text, what) if text else None)
            except ValueError as exc:
                return str(exc)
        since, until = days
        if since and until and since > until:
            return f"From {since} is after to {until}."
        brief = self.query_one("#export-brief", Checkbox).value
        fmt = "json" if path.lower().endswith(".json") else "md"
        return ExportRequest(path, fmt, ExportOptions(since=since, until=until, brief=brief))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        req = self.request()
        if isinstance(req, str):
            self.query_one("#export-error", Static).update(Content(req))
            return
        self.dismiss(req)

    def action_cancel(self) -> None:
        self.dismiss(None)


class IssuePickerScreen(TopicPickerScreen):
    """Choose an issue by fuzzy label (optionally "a new issue of its own", listed first)."""

    def __init__(self, title: str, issues: list[IssueRow], exclude: int | None = None,
                 offer_new: bool = False) -> None:
        super().__init__(title, [], exclude=None)
        self.issues = [r for r in issues if r.topic.id != exclude]
        self.new_row = IssueRow(Topic(id=NEW_ISSUE, label="+ a new issue of its own"),
                                declared=False, children=[]) if offer_new else None

    def on_mount(self) -> None:
        self.query_one("#picker-input", Input).placeholder = "type to filter issues"
        lst = self.query_one(TopicList)
        lst.issues_view = True
        self.query_one("#picker-header", Static).update(topic_header(60, True))
        super().on_mount()

    def _filter(self, text: str) -> None:
        lst = self.query_one(TopicList)
        if not text.strip():
            rows = self.issues[:2000]
        else:
            rows = [self.issues[i] for i in fuzzy_topics(text, [r.topic for r in self.issues], limit=200)]
        shown: list[TopicRow | IssueRow] = [self.new_row] if self.new_row else []
        shown.extend(rows)
        lst.set_rows(shown, notify=False)


class DeclareIssueScreen(ModalScreen[tuple[str, list[str]] | None]):
    """Declare an issue: its name and the terms that define it (config.toml [issues])."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, name: str, terms: list[str], weights: list[tuple[str, float]],
                 redeclare: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.name_value, self.terms, self.weights, self.redeclare = name, terms, weights, redeclare

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="declare-dialog"):
            yield Label(Content("Edit the declared issue" if self.redeclare else "Declare this issue"),
                        classes="dialog-title")
            yield Static(Content("Topics naming these terms go to this issue first, now and at "
                                 "every refresh; saved in config.toml under [issues]."),
                         classes="dialog-help")
            yield Label(Content("Name"), classes="field-label")
            yield Input(value=self.name_value, id="declare-name")
            yield Label(Content("Terms, separated by commas"), classes="field-label")
            yield Input(value=", ".join(self.terms), id="declare-terms", select_on_focus=False)
            if self.weights:
                yield Static(self._weights(min(84, self.app.size.width * 96 // 100 - 6)),
                             id="declare-weights", classes="dialog-help")
            yield Static(Content(""), id="declare-error")
            yield Static(Content("Enter to save · Tab next field · Esc to cancel"), classes="dialog-help")

    def _weights(self, width: int = 84) -> Content:
        """The issue's most distinctive terms now, each with a bar for its weight, laid out in
        lines that never break inside a term."""
        top = max(w for _, w in self.weights) or 1.0
        parts: list = [("Most distinctive now (weight):", "$text-muted")]
        used = width
        for term, w in self.weights:
            term = one_line(term)
            eighths = max(1, round(w / top * 48))  # a bar of up to 6 cells
            bar = "█" * (eighths // 8) + ("" if eighths % 8 == 0 else "▏▎▍▌▋▊▉"[7 - eighths % 8])
            cell = len(term) + 1 + len(bar)
            if used + 3 + cell > width:
                parts.append("\n")
                used = 0
            else:
                parts.append("   ")
                used += 3
            parts += [(term, "bold"), " ", (bar, "$accent")]
            used += cell
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.query_one("#declare-error").display = False
        terms = self.query_one("#declare-terms", Input)
        terms.focus()
        terms.cursor_position = 0  # the first, most distinctive terms in view

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = one_line(self.query_one("#declare-name", Input).value)
        terms = [one_line(t) for t in self.query_one("#declare-terms", Input).value.split(",")]
        terms = list(dict.fromkeys(t for t in terms if t))
        error = "" if name else "The issue needs a name."
        if name and not terms:
            error = "Give at least one term."
        if error:
            self.query_one("#declare-error", Static).update(Content(error))
            self.query_one("#declare-error").display = True
            return
        self.dismiss((name, terms))

    def action_cancel(self) -> None:
        self.dismiss(None)
