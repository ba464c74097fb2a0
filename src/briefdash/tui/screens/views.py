"""Views over one topic: ministries side by side, and the topic's stock phrases."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...models import Topic
from ...topics.positions import StockPhrase, Timeline, TimelineEntry
from ..text import find_spans, one_line, short_ministry


def latest_by_ministry(tl: Timeline) -> list[TimelineEntry]:
    """Each ministry's latest statement on the topic, most recent first."""
    latest: dict[str, TimelineEntry] = {}
    for e in tl.entries:  # chronological
        latest[e.item.ministry or "unknown"] = e
    return sorted(latest.values(), key=lambda e: (e.item.date.toordinal() if e.item.date else 0),
                  reverse=True)


def _column(e: TimelineEntry) -> Content:
    it = e.item
    parts: list = [(one_line(it.ministry) or "unknown ministry", "bold $accent"), "\n",
                   (f"{it.date.isoformat() if it.date else 'undated'}"
                    + (f" · {one_line(it.speaker)}" if it.speaker else ""), "$text-muted"), "\n\n"]
    stance = (it.position or it.answer).strip()
    body = Content(stance)
    for a, b in find_spans(stance, e.new_phrases):
        body = body.stylize("bold $warning", a, b)
    parts.append(body)
    if e.new_phrases:
        parts += ["\n\n", ("New wording: ", "bold"),
                  (", ".join(f"'{one_line(p)}'" for p in e.new_phrases[:4]), "bold $warning")]
    if e.restatement:
        parts += ["\n\n", ("↻ restates the previous position", "$text-muted")]
    return Content.assemble(*parts)


class SideBySideScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,b", "close", "Close", id="view.close")]

    def __init__(self, topic: Topic, latest: list[TimelineEntry]) -> None:
        super().__init__(classes="view-screen")
        self.topic, self.latest = topic, latest

    def compose(self) -> ComposeResult:
        with Vertical(classes="view"):
            yield Static(Content.assemble(("Side by side · ", "bold"), (one_line(self.topic.label), "bold"),
                                          f" · latest position of {len(self.latest)} ministries"),
                         classes="pane-title")
            with Horizontal(id="sbs-columns"):
                for e in self.latest:
                    with VerticalScroll(classes="sbs-column"):
                        yield Static(_column(e), markup=False)
            yield Static(Content("Esc to close"), classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)


class StockPhrasesScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,P", "close", "Close", id="view.close_phrases")]

    def __init__(self, topic: Topic, phrases: list[StockPhrase]) -> None:
        super().__init__(classes="view-screen")
        self.topic, self.phrases = topic, phrases

    def compose(self) -> ComposeResult:
        with Vertical(classes="view"):
            yield Static(Content.assemble(("Stock phrases · ", "bold"), (one_line(self.topic.label), "bold")),
                         classes="pane-title")
            with VerticalScroll(id="stock-scroll"):
                yield Static(self._table(), markup=False, id="stock-table")
            yield Static(Content("Formulas a ministry repeats in three or more briefings on this "
                                 "topic · Esc to close"), classes="dialog-help")

    def _table(self) -> Content:
        if not self.phrases:
            return Content("No stock phrases yet: a ministry must repeat wording in at least three "
                           "briefings on this topic.")
        parts: list = [("  ×  " + "First seen".ljust(11) + "Last seen".ljust(11) + "Ministry".ljust(14)
                        + "Phrase", "bold"), "\n"]
        for s in self.phrases:
            parts += [(str(s.count).rjust(3) + "  ", "$accent"),
                      ((s.first_seen.isoformat() if s.first_seen else "?").ljust(11), "$text-muted"),
                      ((s.last_seen.isoformat() if s.last_seen else "?").ljust(11), "$text-muted"),
                      short_ministry(s.ministry, 12).ljust(14),
                      (f"“{s.phrase}”", "bold"), "\n"]
        return Content.assemble(*parts)

    def action_close(self) -> None:
        self.dismiss(None)
