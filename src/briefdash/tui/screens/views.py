"""Views over one topic: ministries side by side, and the topic's stock phrases."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...models import Topic
from ...topics.lookup import short_ministry
from ...topics.positions import StockPhrase, Timeline, TimelineEntry
from ..text import find_spans, one_line


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


STOCK_META_WIDTH = 41  # count, first seen, last seen, ministry: the phrase column starts here


def stock_meta(s: StockPhrase | None) -> Content:
    """The left part of a stock-phrase row (or of the header when `s` is None)."""
    if s is None:
        return Content.styled("  ×  " + "First seen".ljust(11) + "Last seen".ljust(11)
                              + "Ministry".ljust(14), "bold")
    return Content.assemble((str(s.count).rjust(3) + "  ", "$accent"),
                            ((s.first_seen.isoformat() if s.first_seen else "?").ljust(11), "$text-muted"),
                            ((s.last_seen.isoformat() if s.last_seen else "?").ljust(11), "$text-muted"),
                            short_ministry(s.ministry, 12).ljust(14))


class StockPhrasesScreen(ModalScreen[None]):
    """A topic's formulas, most used first; a long phrase wraps within its own column."""

    BINDINGS = [Binding("escape,q,P", "close", "Close", id="view.close_phrases")]

    def __init__(self, topic: Topic, phrases: list[StockPhrase]) -> None:
        super().__init__(classes="view-screen")
        self.topic = topic
        self.phrases = sorted(phrases, key=lambda s: (-s.count, s.ministry, s.phrase))

    def compose(self) -> ComposeResult:
        with Vertical(classes="view"):
            yield Static(Content.assemble(("Stock phrases · ", "bold"), (one_line(self.topic.label), "bold")),
                         classes="pane-title")
            with VerticalScroll(id="stock-scroll"):
                if not self.phrases:
                    yield Static(Content("No stock phrases yet: a ministry must repeat wording in at "
                                         "least three briefings on this topic."), id="stock-empty")
                else:
                    with Horizontal(classes="stock-row"):
                        yield Static(stock_meta(None), classes="stock-meta")
                        yield Static(Content.styled("Phrase", "bold"), classes="stock-phrase")
                    for s in self.phrases:
                        with Horizontal(classes="stock-row"):
                            yield Static(stock_meta(s), classes="stock-meta")
                            yield Static(Content.styled(f"“{one_line(s.phrase)}”", "bold"),
                                         classes="stock-phrase")
            yield Static(Content("Formulas a ministry repeats in three or more briefings on this "
                                 "topic, most used first · Esc to close"), classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
