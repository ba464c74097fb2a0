"""The statement detail: question, full answer, position and new wording highlighted."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...topics.positions import TimelineEntry
from ..text import find_spans, is_safe_url, one_line

POSITION_STYLE = "underline"
NEW_STYLE = "bold $warning"


def detail_content(e: TimelineEntry | None) -> Content:
    """Everything from the feed goes in as plain text; styles are added by position."""
    if e is None:
        return Content("Select a statement to read it in full.")
    it = e.item
    parts: list = []
    parts.append((one_line(it.entry_title) or "(untitled briefing)", "bold"))
    parts.append("\n")
    meta = [it.date.isoformat() if it.date else "undated", one_line(it.ministry) or "unknown ministry"]
    if it.speaker:
        meta.append(f"spokesperson: {one_line(it.speaker)}")
    if it.asker or it.source:
        meta.append(f"asked by: {one_line(it.asker or it.source)}")
    if it.kind != "qa":
        meta.append(it.kind)
    parts.append((" · ".join(meta), "$text-muted"))
    parts.append("\n")
    link = it.entry_link or ""
    if link:
        parts.append(("Source: ", "$text-muted"))
        parts.append((one_line(link), "$accent" if is_safe_url(link) else "$text-muted"))
        parts.append(("  (o to open)" if is_safe_url(link) else "  (not a web link)", "$text-muted"))
    else:
        parts.append(("Source: no link", "$text-muted"))
    parts.append("\n\n")
    if e.restatement:
        parts.append(("↻ Restates the previous position almost word for word.\n\n", "$text-muted"))
    if it.question:
        parts.append(("Q: ", "bold $accent"))
        parts.append(it.question.strip())
        parts.append("\n\n")
    parts.append(("A: ", "bold $accent"))
    answer = it.answer.strip() or "(no answer recorded)"
    body = Content(answer)
    if it.position:
        for a, b in find_spans(answer, [it.position.strip()])[:1]:
            body = body.stylize(POSITION_STYLE, a, b)
    for a, b in find_spans(answer, e.new_phrases):
        body = body.stylize(NEW_STYLE, a, b)
    parts.append(body)
    parts.append("\n\n")
    if it.position:
        parts.append(("Position: ", "bold"))
        parts.append((one_line(it.position), POSITION_STYLE))
        parts.append("\n")
    if e.new_phrases:
        parts.append(("New wording: ", "bold"))
        parts.append((", ".join(f"'{one_line(p)}'" for p in e.new_phrases), NEW_STYLE))
        parts.append("\n")
    if e.dropped_phrases:
        parts.append(("Dropped since the previous statement: ", "bold"))
        parts.append(", ".join(f"'{one_line(p)}'" for p in e.dropped_phrases))
        parts.append("\n")
    if e.first_formulas:
        parts.append(("First use of: ", "bold"))
        parts.append(", ".join(f"'{p}'" for p in e.first_formulas))
        parts.append("\n")
    return Content.assemble(*parts)


class Detail(VerticalScroll, can_focus=True):
    """A scrollable statement view; `j`/`k` scroll it like the arrows."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="detail.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="detail.up"),
    ]

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.entry: TimelineEntry | None = None

    def compose(self):
        yield Static(detail_content(None), id="detail-body", markup=False)

    def show(self, e: TimelineEntry | None) -> None:
        same = e is not None and self.entry is not None and self.entry.item.id == e.item.id
        self.entry = e
        self.query_one("#detail-body", Static).update(detail_content(e))
        if not same:
            self.scroll_home(animate=False)
