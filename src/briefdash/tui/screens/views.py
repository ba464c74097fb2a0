"""Views over one topic: ministries side by side, and the topic's stock phrases."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalScroll, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...models import Topic
from ...topics.ministries import MinistryNames
from ...topics.positions import StockPhrase, Timeline, TimelineEntry
from ..text import find_spans, fit, one_line

SBS_WINDOW_DAYS = 14  # side by side: each ministry's statements within this many days of the anchor
SBS_PER_MINISTRY = 4  # statements shown per ministry (the closest to the anchor)
SBS_PER_MINISTRY_IN_RANGE = 8  # … when a range is selected (`d` with a month, a search's dates)


@dataclass
class SideColumn:
    """One ministry beside the others: its statements within the window (chronological), or,
    when it said nothing then, the date of its nearest statement outside it."""
    ministry: str
    entries: list[TimelineEntry]
    nearest: date | None = None


@dataclass
class SideBySide:
    """Every ministry of a timeline within one period: `start`–`end` around `anchor`."""
    anchor: date
    start: date
    end: date
    columns: list[SideColumn]
    ranged: bool = False  # start–end is the selected range, not a window around the anchor

    @property
    def days(self) -> int:
        return (self.end - self.anchor).days

    @property
    def period(self) -> str:
        """The period in words, for the title and for a silent ministry."""
        if self.ranged:
            return f"from {self.start.isoformat()} to {self.end.isoformat()} (the selected range)"
        return (f"from {self.start.isoformat()} to {self.end.isoformat()} "
                f"(±{self.days} days of {self.anchor.isoformat()})")


def side_by_side(tl: Timeline, anchor: TimelineEntry | None, days: int = SBS_WINDOW_DAYS,
                 per_ministry: int = SBS_PER_MINISTRY,
                 period: tuple[date | None, date | None] | None = None) -> SideBySide | None:
    """Each ministry's statements within `days` days of the anchor statement (the latest when
    none is given), or within `period` (the selected range: first and last day, either open)
    when given; never a distant one: a ministry silent then gets an empty column saying when
    it last (or next) spoke. The anchor's ministry comes first, then the others by how close
    their statements are. None when the timeline has no dated statement (in the period)."""
    dated = [e for e in tl.entries if e.item.date is not None]
    days_of = [e.item.date for e in dated if e.item.date is not None]
    if period is not None:
        if not days_of:
            return None
        first, last = period[0] or days_of[0], period[1] or days_of[-1]
        inside = [e for e, d in zip(dated, days_of, strict=True) if first <= d <= last]
        if not inside:
            return None
        if anchor is None or all(e is not anchor for e in inside):
            anchor = inside[0]  # the selected statement is outside the range: its first one
        view = _columns(tl, anchor, anchor.item.date or first, first, last,
                        max(per_ministry, SBS_PER_MINISTRY_IN_RANGE))
        view.ranged = True
        return view
    if anchor is None or anchor.item.date is None:
        anchor = dated[-1] if dated else None
    if anchor is None or anchor.item.date is None:
        return None
    at = anchor.item.date
    return _columns(tl, anchor, at, at - timedelta(days=days), at + timedelta(days=days),
                    per_ministry)


def _columns(tl: Timeline, anchor: TimelineEntry, at: date, start: date, end: date,
             per_ministry: int) -> SideBySide:
    """One column per ministry: its statements from `start` to `end`, the closest to `at`."""
    by_ministry: dict[str, list[TimelineEntry]] = {}
    for e in tl.entries:  # chronological
        by_ministry.setdefault(e.item.ministry or "unknown", []).append(e)
    columns: list[SideColumn] = []
    for ministry, entries in by_ministry.items():
        inside = [e for e in entries if e.item.date is not None and start <= e.item.date <= end]

        def gap(e: TimelineEntry) -> int:
            return abs(((e.item.date or at) - at).days)

        # the selected statement is always one of its ministry's; then the closest, later first
        closest = sorted(inside, key=lambda e: (e is not anchor, gap(e),
                                                -(e.item.date or at).toordinal()))
        keep = {id(e) for e in closest[:per_ministry]}
        shown = [e for e in inside if id(e) in keep]
        nearest = None
        if not shown:
            nearest = min((e.item.date for e in entries if e.item.date is not None),
                          key=lambda d: abs((d - at).days), default=None)
        columns.append(SideColumn(ministry, shown, nearest))

    def order(c: SideColumn) -> tuple:
        own = c.ministry == (anchor.item.ministry or "unknown")
        gap = min((abs((e.item.date - at).days) for e in c.entries if e.item.date), default=10**6)
        return (not own, not c.entries, gap, c.ministry)

    return SideBySide(at, start, end, sorted(columns, key=order))


def _statement_part(e: TimelineEntry) -> list:
    it = e.item
    parts: list = [(f"{it.date.isoformat() if it.date else 'undated'}"
                    + (f" · {one_line(it.speaker)}" if it.speaker else ""), "bold $text-muted"), "\n"]
    stance = (it.position or it.answer).strip()
    body = Content(stance)
    for a, b in find_spans(stance, e.new_phrases):
        body = body.stylize("bold $warning", a, b)
    parts.append(body)
    if e.new_phrases:
        parts += ["\n", ("New wording: ", "bold"),
                  (", ".join(f"'{one_line(p)}'" for p in e.new_phrases[:4]), "bold $warning")]
    if e.restatement:
        parts += ["\n", ("↻ restates the previous position", "$text-muted")]
    return parts


def _column(c: SideColumn, view: SideBySide, names: MinistryNames | None = None) -> Content:
    parts: list = [((names or MinistryNames()).short(c.ministry) if c.ministry != "unknown"
                    else "unknown ministry", "bold $accent"), "\n"]
    if not c.entries:
        silent = (f"No statement from {view.start.isoformat()} to {view.end.isoformat()}"
                  if view.ranged else
                  f"No statement within {view.days} days of {view.anchor.isoformat()}")
        parts.append((silent, "italic"))
        if c.nearest is not None:
            when = "last" if c.nearest < view.anchor else "next"
            parts += ["\n", (f"({when} spoke on this {c.nearest.isoformat()})", "$text-muted")]
        return Content.assemble(*parts)
    parts.append("\n")
    for k, e in enumerate(c.entries):
        if k:
            parts.append("\n\n")
        parts += _statement_part(e)
    return Content.assemble(*parts)


SBS_MIN_COLUMN = 21  # cells of a column, its border, padding and scrollbar counted: 17 of text


def column_layout(width: int, count: int, minimum: int = SBS_MIN_COLUMN) -> tuple[int, list[int]]:
    """How many of `count` columns fit side by side in `width` cells, each at least `minimum`
    wide, and every column's width. When all fit they share the width; otherwise the columns
    shown are all as wide, and the others scroll into view one whole column at a time. Either
    way a word (up to `minimum` - 4 cells) never has to be cut, nor text to make room for a
    scrollbar."""
    if count <= 0:
        return 0, []
    shown = max(1, min(count, width // minimum))
    base, extra = divmod(max(width, minimum), shown)
    if shown == count:
        return shown, [base + (1 if i < extra else 0) for i in range(count)]
    return shown, [base] * count


class SideBySideScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,b", "close", "Close", id="view.close"),
                # priority: a column (a scroll container) would take ←/→ for itself
                Binding("right,l", "column(1)", "Next ministry", show=False, priority=True,
                        id="view.next_column"),
                Binding("left,h", "column(-1)", "Previous ministry", show=False, priority=True,
                        id="view.previous_column")]

    def __init__(self, topic: Topic, view: SideBySide, names: MinistryNames | None = None) -> None:
        super().__init__(classes="view-screen")
        self.topic, self.view = topic, view
        self.names = names  # the library's short names for the column heads
        self.latest = view.columns  # one column per ministry

    def compose(self) -> ComposeResult:
        v = self.view
        with Vertical(classes="view"):
            yield Static(Content.assemble(
                ("Side by side · ", "bold"), (one_line(self.topic.label), "bold"),
                f" · {len(self.latest)} ministries {v.period}"),
                classes="pane-title", id="sbs-title")
            with HorizontalScroll(id="sbs-columns"):
                for c in self.latest:
                    with VerticalScroll(classes="sbs-column"):
                        yield Static(_column(c, v, self.names), markup=False, classes="sbs-text")
            yield Static(Content("Esc to close"), classes="dialog-help", id="sbs-help")

    def on_mount(self) -> None:
        columns = list(self.query(".sbs-column"))
        if columns:
            columns[0].focus()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit_columns)

    def fit_columns(self) -> None:
        """Columns as wide as the view allows (see `column_layout`), and the help to match."""
        width = self.query_one(".view").content_size.width
        shown, widths = column_layout(width, len(self.latest))
        for col, w in zip(self.query(".sbs-column"), widths, strict=True):
            col.styles.width = w
        # the columns shown fill the strip exactly: no sliver of a column scrolled past
        self.query_one("#sbs-columns").styles.width = sum(widths[:shown]) if shown else "1fr"
        text = "Esc to close"
        if shown < len(self.latest):
            text = f"{shown} of {len(self.latest)} ministries at a time · ←/→ the others · Esc to close"
        self.query_one("#sbs-help", Static).update(Content(text))

    def action_column(self, step: int) -> None:
        columns = list(self.query(".sbs-column"))
        if not columns:
            return
        here = next((i for i, c in enumerate(columns) if c.has_focus), 0)
        columns[(here + step) % len(columns)].focus()

    def action_close(self) -> None:
        self.dismiss(None)


STOCK_META_WIDTH = 41  # count, first seen, last seen, ministry: the phrase column starts here


def stock_meta(s: StockPhrase | None, names: MinistryNames | None = None) -> Content:
    """The left part of a stock-phrase row (or of the header when `s` is None)."""
    if s is None:
        return Content.styled("  ×  " + "First seen".ljust(11) + "Last seen".ljust(11)
                              + "Ministry".ljust(14), "bold")
    return Content.assemble((str(s.count).rjust(3) + "  ", "$accent"),
                            ((s.first_seen.isoformat() if s.first_seen else "?").ljust(11), "$text-muted"),
                            ((s.last_seen.isoformat() if s.last_seen else "?").ljust(11), "$text-muted"),
                            fit((names or MinistryNames()).short(s.ministry), 12).ljust(14))


class StockPhrasesScreen(ModalScreen[None]):
    """A topic's formulas, most used first; a long phrase wraps within its own column."""

    BINDINGS = [Binding("escape,q,P", "close", "Close", id="view.close_phrases")]

    def __init__(self, topic: Topic, phrases: list[StockPhrase],
                 names: MinistryNames | None = None) -> None:
        super().__init__(classes="view-screen")
        self.topic = topic
        self.names = names
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
                            yield Static(stock_meta(s, self.names), classes="stock-meta")
                            yield Static(Content.styled(f"“{one_line(s.phrase)}”", "bold"),
                                         classes="stock-phrase")
            yield Static(Content("Formulas a ministry repeats in three or more briefings on this "
                                 "topic, most used first · Esc to close"), classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
