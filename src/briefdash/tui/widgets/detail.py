"""The statement detail: question, full answer, position and new wording highlighted."""
from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...topics.ministries import MinistryNames
from ...topics.positions import TimelineEntry
from ..text import find_spans, fit, fit_words, is_safe_url, one_line

POSITION_STYLE = "underline"
NEW_STYLE = "bold $warning"


def _middle_cut(text: str, width: int) -> str:
    """`text` in `width` cells, its middle replaced by "…" when it does not fit (a URL keeps its
    host and its last path part)."""
    if cell_len(text) <= width:
        return text
    if width < 8:
        return fit(text, width)
    head = (width - 1) * 3 // 5
    tail = width - 1 - head
    return f"{text[:head]}…{text[len(text) - tail:]}"


def detail_content(e: TimelineEntry | None, width: int | None = None,
                   names: MinistryNames | None = None) -> Content:
    """Everything from the feed goes in as plain text; styles are added by position.

    The header is compact so the answer starts on screen in a small pane: the briefing's title
    on one line, then date · ministry · spokesperson ← who asked, then the source link. The
    ministry goes by the short name the lists show (`names`: the library's, else the table's).
    Given the `width` it is shown in, a title or link too long for one line is cut there;
    whatever was cut or shortened is repeated in full at the end of the statement."""
    if e is None:
        return Content("Select a statement to read it in full.")
    parts, details = _header(e, width, names)
    parts += _statement(e)
    if details:
        parts.append("\n")
        parts += [(p, "$text-muted") if isinstance(p, str) else p for p in details]
    return Content.assemble(*parts)


def _cut(text: str, shown: str, name: str, details: list) -> str:
    """`shown` (a cut of `text`) for the header; `text` in full noted for the end."""
    details += [(f"{name}: ", "bold"), text, "\n"]
    return shown


def _header(e: TimelineEntry, width: int | None,
            names: MinistryNames | None = None) -> tuple[list, list]:
    """The three header lines, and what they cut (in full, for the end of the statement)."""
    it = e.item
    details: list = []
    title = one_line(it.entry_title) or "(untitled briefing)"
    if width is not None and cell_len(title) > width:
        title = _cut(title, fit_words(title, width).rstrip(), "Briefing", details)
    ministry = one_line(it.ministry) or "unknown ministry"
    short = (names or MinistryNames()).short(ministry)
    who = one_line(it.speaker) if it.speaker else ""
    if it.asker or it.source:
        who += f" ← {one_line(it.asker or it.source)}"
    tail = [who.strip()] if who.strip() else []
    if it.kind != "qa":
        tail.append(it.kind)
    date_text = it.date.isoformat() if it.date else "undated"
    # the short name the lists and the timeline show ("China MFA", not "…of the PRC"); the
    # full name is given at the end
    shown = _cut(ministry, short, "Ministry", details) if it.ministry and short != ministry \
        else ministry
    meta = " · ".join([date_text, shown, *tail])
    parts: list = [(title, "bold"), "\n", (meta, "$text-muted"), "\n"]
    link = one_line(it.entry_link or "")
    if link:
        safe = is_safe_url(link)
        hint = "  (o to open)" if safe else "  (not a web link)"
        shown = link
        if width is not None and cell_len("Source: " + link + hint) > width:
            shown = _cut(link, _middle_cut(link, max(1, width - cell_len("Source: " + hint))),
                         "Source", details)
        parts += [("Source: ", "$text-muted"), (shown, "$accent" if safe else "$text-muted"),
                  (hint, "$text-muted")]
    else:
        parts.append(("Source: no link", "$text-muted"))
    parts.append("\n\n")
    return parts, details


def _statement(e: TimelineEntry) -> list:
    """The question, the answer (position underlined, new wording in bold), then what the
    wording analysis found."""
    it = e.item
    parts: list = []
    if e.restatement:
        parts.append(("↻ Restates the previous position almost word for word.\n\n", "$text-muted"))
    if it.question:
        parts += [("Q: ", "bold $accent"), it.question.strip(), "\n\n"]
    parts.append(("A: ", "bold $accent"))
    answer = it.answer.strip() or "(no answer recorded)"
    body = Content(answer)
    if it.position:
        for a, b in find_spans(answer, [it.position.strip()])[:1]:
            body = body.stylize(POSITION_STYLE, a, b)
    for a, b in find_spans(answer, e.new_phrases):
        body = body.stylize(NEW_STYLE, a, b)
    parts += [body, "\n\n"]
    if it.position:
        parts += [("Position: ", "bold"), (one_line(it.position), POSITION_STYLE), "\n"]
    if e.new_phrases:
        parts += [("New wording: ", "bold"),
                  (", ".join(f"'{one_line(p)}'" for p in e.new_phrases), NEW_STYLE), "\n"]
    if e.dropped_phrases:
        parts += [("Dropped since the previous statement: ", "bold"),
                  ", ".join(f"'{one_line(p)}'" for p in e.dropped_phrases), "\n"]
    if e.first_formulas:
        parts += [("First use of: ", "bold"), ", ".join(f"'{p}'" for p in e.first_formulas), "\n"]
    return parts


def other_edition_content(shown: TimelineEntry, other: TimelineEntry, width: int | None = None,
                          names: MinistryNames | None = None) -> Content:
    """The same exchange in the other edition of the briefing (`l` again goes back)."""
    lang = "the Chinese" if any("\u4e00" <= ch <= "\u9fff" for ch in other.item.answer[:200]) \
        else "the English" if other.item.answer else "the other"
    note = Content.assemble((f"Other edition · {lang} text of this exchange", "bold $warning"),
                            ("  (l: back to the statement)\n", "$text-muted"))
    return Content.assemble(note, detail_content(other, width, names))


class Detail(VerticalScroll, can_focus=True):
    """A scrollable statement view; `j`/`k` scroll it like the arrows. It shows a statement, or
    (after `l`) the same exchange in the other edition of its briefing."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="detail.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="detail.up"),
    ]

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.entry: TimelineEntry | None = None
        self.other: TimelineEntry | None = None  # the other edition shown instead, if any
        self._width: int | None = None  # the text width the statement was laid out for
        self.names: MinistryNames | None = None  # the library's short names (set by the screen)

    def compose(self):
        yield Static(detail_content(None), id="detail-body", markup=False)

    @property
    def text_width(self) -> int | None:
        """The cells a line of the statement has (the scrollbar counted, shown or not)."""
        width = self.size.width - self.styles.scrollbar_size_vertical  # size: inside the padding
        return width if width > 0 else None

    def show(self, e: TimelineEntry | None) -> None:
        same = e is not None and self.entry is not None and self.entry.item.id == e.item.id
        self.entry = e
        self.other = None
        self._width = self.text_width
        self.query_one("#detail-body", Static).update(detail_content(e, self._width, self.names))
        if not same:
            self.scroll_home(animate=False)

    def show_other(self, other: TimelineEntry) -> None:
        """The other edition of the statement shown (the statement stays `entry`)."""
        if self.entry is None:
            return
        self.other = other
        self._width = self.text_width
        self.query_one("#detail-body", Static).update(
            other_edition_content(self.entry, other, self._width, self.names))
        self.scroll_home(animate=False)

    def on_resize(self, event: events.Resize) -> None:
        if self.text_width != self._width:  # the header is cut to the width: cut it anew
            if self.other is not None:
                self.show_other(self.other)
            else:
                self.show(self.entry)
