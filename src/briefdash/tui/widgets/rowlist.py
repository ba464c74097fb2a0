"""A virtual list: renders only the visible rows, so 100k topics cost nothing to show.

Rows are arbitrary objects; a subclass turns one into `row_height` lines of Rich `Text`
(built from plain strings, never parsed as markup).
"""
from __future__ import annotations

from typing import Any, Generic, TypeVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

T = TypeVar("T")


class RowList(ScrollView, Generic[T], can_focus=True):
    """A cursor over a list of rows, drawn with the line API."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "select", "Open", show=True, id="list.select"),
    ]
    COMPONENT_CLASSES = {"rowlist--cursor", "rowlist--dim", "rowlist--accent",
                         "rowlist--mark", "rowlist--hit", "rowlist--pinned", "rowlist--spark"}
    DEFAULT_CSS = """
    RowList { background: $surface; overflow-x: hidden; }
    RowList > .rowlist--cursor { background: $panel; }
    RowList:focus > .rowlist--cursor { background: $accent 40%; text-style: bold; }
    RowList > .rowlist--dim { color: $text-muted; }
    RowList > .rowlist--accent { color: $accent; }
    RowList > .rowlist--mark { color: $warning; text-style: bold; }
    RowList > .rowlist--hit { background: $warning 40%; text-style: bold; }
    RowList > .rowlist--pinned { color: $success; }
    RowList > .rowlist--spark { color: $primary; }
    """
    row_height = 1
    empty_text = "Nothing to show."

    class _RowMessage(Message):
        def __init__(self, rowlist: RowList, index: int, row: Any) -> None:
            super().__init__()
            self.rowlist = rowlist
            self.index = index
            self.row = row

        @property
        def control(self) -> RowList:
            return self.rowlist

    class Highlighted(_RowMessage):
        """The cursor moved onto a row."""

    class Selected(_RowMessage):
        """Enter on a row. (Not a Highlighted: `@on(RowList.Highlighted)` must not see it.)"""

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.rows: list[T] = []
        self.cursor: int = 0
        self._cache: dict[tuple[int, int, bool, bool], list[Strip]] = {}

    # ---- data -----------------------------------------------------------------------------
    def set_rows(self, rows: list[T], *, cursor: int = 0, keep_offset: int | None = None,
                 notify: bool = True) -> None:
        """Replace the rows; `keep_offset` keeps the cursor that many rows below the top."""
        self.rows = list(rows)
        self._cache.clear()
        self.cursor = max(0, min(cursor, len(self.rows) - 1)) if self.rows else 0
        self.virtual_size = Size(max(1, self._width), len(self.rows) * self.row_height)
        if keep_offset is not None:
            y = max(0, (self.cursor - keep_offset) * self.row_height)
            self.scroll_to(y=y, animate=False, immediate=True, force=True)
        else:
            self._scroll_cursor_visible()
        self.refresh()
        if notify:
            self._post_highlight()

    def refresh_rows(self) -> None:
        """Rows changed in place (same order): redraw them."""
        self._cache.clear()
        self.refresh()

    @property
    def current(self) -> T | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    @property
    def cursor_screen_offset(self) -> int:
        """How many rows the cursor sits below the top of the view."""
        return self.cursor - int(self.scroll_offset.y) // self.row_height

    def move_to(self, index: int, *, notify: bool = True) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        if index == self.cursor and notify is False:
            return
        old = self.cursor
        self.cursor = index
        for i in (old, index):
            for sel in (True, False):
                for focused in (True, False):
                    self._cache.pop((i, self._width, sel, focused), None)
        self._scroll_cursor_visible()
        self.refresh()
        if notify:  # also when the cursor stays where it was
            self._post_highlight()

    def _post_highlight(self) -> None:
        self.post_message(self.Highlighted(self, self.cursor, self.current))

    def _scroll_cursor_visible(self) -> None:
        if not self.rows:
            return
        rh = self.row_height
        top, height = int(self.scroll_offset.y), self.scrollable_content_region.height
        start = self.cursor * rh
        if start < top:
            y = start
        elif start + rh > top + height:
            # the cursor row at the bottom, the view starting at a row's first line (no half row
            # at the top of a short list)
            y = min(start, -(-(start + rh - height) // rh) * rh)
        else:
            return
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    # ---- actions --------------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(1, self.size.height // self.row_height - 1))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(1, self.size.height // self.row_height - 1))

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.cursor, self.current))

    def on_click(self, event) -> None:
        y = event.y + int(self.scroll_offset.y)
        index = y // self.row_height
        if 0 <= index < len(self.rows):
            self.move_to(index)

    # ---- drawing --------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(max(1, self._width), len(self.rows) * self.row_height)
        self.call_after_refresh(self._scroll_cursor_visible)  # a list made shorter keeps its cursor in view

    def style(self, name: str) -> Style:
        """A component's style; only the cursor and search hits carry a background."""
        s = self.get_component_rich_style(f"rowlist--{name}")
        if name in ("cursor", "hit"):
            return s
        return Style(color=s.color, bold=s.bold, italic=s.italic, underline=s.underline, dim=s.dim)

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width or self.size.width

    def render_row(self, row: T, index: int, width: int) -> list[Text]:  # pragma: no cover
        return [Text(str(row))]

    def render_line(self, y: int) -> Strip:
        _, scroll_y = self.scroll_offset
        width = self._width
        base = self.rich_style
        if not self.rows:
            if y == 0:
                t = Text(" " + self.empty_text, style=self.style("dim"))
                return Strip(t.render(self.app.console)).crop_extend(0, width, base)
            return Strip.blank(width, base)
        vy = y + int(scroll_y)
        index, line = divmod(vy, self.row_height)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        selected = index == self.cursor
        key = (index, width, selected, selected and self.has_focus)  # the cursor looks focused or not
        strips = self._cache.get(key)
        if strips is None:
            texts = self.render_row(self.rows[index], index, width)
            strips = []
            cursor_style = self.style("cursor") if selected else None
            for t in texts[: self.row_height]:
                t = t.copy()
                t.no_wrap = True
                t.overflow = "ellipsis"
                t.truncate(width, overflow="ellipsis", pad=True)
                if cursor_style is not None:
                    t.stylize_before(cursor_style)
                strips.append(Strip(t.render(self.app.console)).crop_extend(0, width, base))
            while len(strips) < self.row_height:
                strips.append(Strip.blank(width, cursor_style + base if cursor_style else base))
            if len(self._cache) > 4000:
                self._cache.clear()
            self._cache[key] = strips
        return strips[line]
