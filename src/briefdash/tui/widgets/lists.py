"""The topic list, the timeline list and the search result list."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from ...models import QAItem, Topic
from ...topics.lookup import fuzzy_topics
from ...topics.ministries import MinistryNames
from ...topics.positions import TimelineEntry
from ..text import fit, fit_words, one_line, snippet_text
from .rowlist import RowList


@dataclass
class TopicRow:
    topic: Topic
    spark: str = ""
    depth: int = 0  # 1: shown indented under its issue
    recent: int = 0  # statements in the last RECENT_DAYS of the library's latest date
    terms: tuple[str, ...] = ()  # the heaviest key terms of its profile, for `f`

    @property
    def key(self) -> tuple[str, int]:
        return ("t", self.topic.id)

    @property
    def topic_ids(self) -> list[int]:
        return [self.topic.id]


@dataclass
class StorylineRow(TopicRow):
    """A storyline (every statement naming it): `topic` stands for it (a negative id, its
    name, its statements counted); shown above the issues."""
    name: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return ("s", self.topic.id)

    @property
    def topic_ids(self) -> list[int]:
        return []


@dataclass
class IssueRow:
    """An issue: its topics rolled up. `topic` is the issue seen as one topic (its label, its
    statements counted over all its topics, its flags), so it sorts and filters like a topic."""
    topic: Topic
    declared: bool
    children: list[TopicRow]
    spark: str = ""
    expanded: bool = False
    depth: int = 0
    recent: int = 0
    terms: tuple[str, ...] = ()  # its topics' key terms

    @property
    def key(self) -> tuple[str, int]:
        return ("i", self.topic.id)

    @property
    def topic_ids(self) -> list[int]:
        return [c.topic.id for c in self.children]

    @property
    def expandable(self) -> bool:
        return len(self.children) > 1


def _leads_with(label: str, word: re.Pattern) -> bool:
    """The label's first part ("Ukraine" in "Ukraine · Russia") holds the word."""
    return bool(word.search(label.split(" · ")[0]))


def match_rows(query: str, rows: Sequence[TopicRow | IssueRow]) -> list[int]:
    """Indexes of the rows `query` finds, best first: the label word for word, then a key term
    word for word ("gas" finds the topic whose profile says "gas prices"), then a key term
    beginning with it; then fuzzy matches on the label (letters in order, typos). In the first
    two tiers a label leading with the word comes first, then the bigger; other ties keep the
    list's order."""
    q = " ".join(query.lower().split())
    if not q:
        return list(range(len(rows)))
    word = re.compile(r"(?<!\w)" + re.escape(q) + r"(?!\w)")
    start = re.compile(r"(?<!\w)" + re.escape(q))
    tiers: list[list[int]] = [[], [], []]
    for i, r in enumerate(rows):
        if word.search(r.topic.label.lower()):
            tiers[0].append(i)
        elif any(word.search(t) for t in r.terms):
            tiers[1].append(i)
        elif any(start.search(t) for t in r.terms):
            tiers[2].append(i)
    # within a tier, a label that leads with the word, then the bigger topic or issue: "Ukraine"
    # opens on the Ukraine storyline, not on a small topic that merely mentions it
    for tier in tiers[:2]:
        tier.sort(key=lambda i: (not _leads_with(rows[i].topic.label.lower(), word),
                                 -rows[i].topic.count))
    out = [i for tier in tiers for i in tier]
    seen = set(out)
    out += [i for i in fuzzy_topics(query, [r.topic for r in rows]) if i not in seen]
    return out


LABEL_FIRST = 34  # label cells the topic column gets before the ministries get any


def topic_columns(width: int) -> tuple[int, int, int, int, int]:
    """(label, count, last seen, sparkline, ministries) widths for a list `width` wide.

    The label grows with the list: it gets LABEL_FIRST cells (a 30-character label whole, with
    an issue's marks) before the ministries get a column, and half of what is left beyond."""
    count, last = 4, 8  # "20 Nov" this year, "Nov 2024" before
    spark = 10 if width >= 70 else (8 if width >= 44 else 0)
    rest = width - 2 - count - last - 3 - (spark + 1 if spark else 0)
    extra = rest - LABEL_FIRST - 1
    mins = 0 if extra < 4 else min(extra, max(4, min(30, extra // 2 + 6)))
    label = max(8, rest - (mins + 1 if mins else 0))
    return label, count, last, spark, mins


def short_date(d, this_year: int | None = None) -> str:
    """"20 Nov" in the current year, "Nov 2024" before."""
    if d is None:
        return "—"
    if this_year is None or d.year == this_year:
        return d.strftime("%d %b")
    return d.strftime("%b %Y")


def ministries_cell(ministries: list[str], width: int, names: MinistryNames | None = None) -> str:
    """The ministries column: short names a reader recognises ("White House, China MFA"); when
    they do not fit, their abbreviations ("WH, CN"), or their initials run together ("NVA")."""
    names = names or MinistryNames()
    shorts = [names.short(m) for m in ministries]
    full = ", ".join(shorts)
    if cell_len(full) <= width:
        return full
    abbrs = [names.abbreviation(m) for m in ministries]
    if any(len(a) > 1 for a in abbrs):
        for joined in (", ".join(abbrs), " ".join(abbrs)):
            if cell_len(joined) <= width:
                return joined
    if len(shorts) == 1:  # one long name: cut between words, never inside one
        return fit_words(shorts[0], width)
    return "".join(a[:1].upper() for a in abbrs)  # initials, e.g. "NVA"


def topic_header(width: int, issues: bool = False) -> Text:
    label, count, last, spark, mins = topic_columns(width)
    parts = "  " + fit("Issue ▸ topics" if issues else "Topic", label) + " " + "N".rjust(count) + " " + fit("Last", last)
    if spark:
        parts += " " + fit("Per week", spark)
    if mins:
        parts += " " + fit("Ministries" if mins >= 10 else "Min.", mins)
    return Text(parts)


class TopicList(RowList[TopicRow | IssueRow]):
    empty_text = "No topics match."
    this_year: int | None = None
    names: MinistryNames | None = None  # the library's short names (config.toml's too)
    header_selector = "#topics-header"
    issues_view = False  # the header names issues ▸ topics

    def on_resize(self) -> None:
        super().on_resize()
        self.update_header()

    def update_header(self) -> None:
        if self.parent is None:
            return
        for h in self.parent.query(self.header_selector).results(Static):
            h.update(topic_header(self._width or 40, self.issues_view))

    def label_cell(self, row: TopicRow | IssueRow, width: int) -> Text:
        """The label column: an issue's expander and declared mark, a topic's indent; the label
        is cut only between words."""
        t = row.topic
        out = Text()
        if isinstance(row, IssueRow):
            out.append("▾ " if row.expanded else "▸ " if row.expandable else "  ",
                       style=self.style("accent"))
            if row.declared:
                out.append("◆ ", style=self.style("mark"))
            label = t.label or f"issue {t.id}"
            room = width - out.cell_len
            extra = f" · {len(row.children)} topics" if row.expandable else ""
            if cell_len(label) + cell_len(extra) <= room:
                out.append(label)
                out.append(extra, style=self.style("dim"))
            else:
                out.append(fit_words(label, room))
        else:
            if isinstance(row, StorylineRow):
                out.append("≋ ", style=self.style("mark"))
            if row.depth:
                out.append("  └ ", style=self.style("dim"))
            out.append(fit_words(t.label or f"topic {t.id}", width - out.cell_len))
        out.truncate(width, pad=True)
        return out

    def render_row(self, row: TopicRow | IssueRow, index: int, width: int) -> list[Text]:
        t = row.topic
        label_w, count_w, last_w, spark_w, mins_w = topic_columns(width)
        out = Text()
        out.append("★" if t.pinned else " ", style=self.style("pinned"))
        out.append("◉" if t.watched else " ", style=self.style("mark"))
        out.append_text(self.label_cell(row, label_w))
        out.append(" " + str(t.count).rjust(count_w), style=self.style("accent"))
        out.append(" " + fit(short_date(t.last_seen, self.this_year), last_w), style=self.style("dim"))
        if spark_w:
            out.append(" " + fit(row.spark[-spark_w:], spark_w), style=self.style("spark"))
        if mins_w:
            out.append(" " + fit(ministries_cell(t.ministries, mins_w, self.names), mins_w), style=self.style("dim"))
        return [out]


def summary_of(e: TimelineEntry) -> str:
    if e.restatement:
        return "↻ restatement"
    if e.new_phrases:
        shown = ", ".join(f"'{one_line(p)}'" for p in e.new_phrases[:2])
        more = f" +{len(e.new_phrases) - 2}" if len(e.new_phrases) > 2 else ""
        return f"new: {shown}{more}"
    return ""


class TimelineList(RowList[TimelineEntry]):
    row_height = 2
    empty_text = "Select a topic to see its statements."

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.new_ids: set[str] = set()
        self._longest = (10, 10, 10)  # ministry, spokesperson, asker: the longest among the rows
        self._widths: dict[int, tuple[int, int, int]] = {}
        self._one_ministry = False
        self.names: MinistryNames | None = None  # the library's short names

    def short(self, ministry: str | None) -> str:
        return (self.names or MinistryNames()).short(ministry)

    def set_rows(self, rows: list[TimelineEntry], **kw) -> None:
        sample = rows[:2000]
        self._longest = (
            max((cell_len(self.short(e.item.ministry)) for e in sample), default=4),
            max((cell_len(one_line(e.item.speaker or "—")) for e in sample), default=4),
            max((cell_len(one_line(e.item.asker or e.item.source or "")) for e in sample), default=0))
        self._one_ministry = len({e.item.ministry for e in sample}) == 1
        self._widths.clear()
        super().set_rows(rows, **kw)

    def name_widths(self, width: int) -> tuple[int, int, int]:
        """Ministry, spokesperson and asker widths: the room there is (what the rows need, up
        to 24 each), leaving 13 cells for the wording ("↻ restatement", "new: '…"; the statement
        shows it whole); the asker gives way first. One ministry only: the title names it, no column."""
        if width in self._widths:
            return self._widths[width]
        w = [min(24, max(4, n)) for n in self._longest]
        if self._one_ministry:
            w[0] = 0
        if width < 56 or not self._longest[2]:  # no room, or nobody named as asking
            w[2] = 0
        budget = width - 11 - 2 - 13  # marker + date, then "  ↻ restatement" or "new: '…"
        def used() -> int:
            return (w[0] + 1 if w[0] else 0) + (w[1] + 1) + (w[2] + 3 if w[2] else 0)
        while used() > budget and max(w) > 8:  # the asker gives way first, the spokesperson last
            k = 2 if w[2] > 8 and w[2] >= w[1] - 4 else (0 if w[0] >= w[1] else 1)
            w[k] -= 1
        out = (w[0], w[1], w[2])
        self._widths[width] = out
        return out

    def render_row(self, e: TimelineEntry, index: int, width: int) -> list[Text]:
        it: QAItem = e.item
        min_w, who_w, ask_w = self.name_widths(width)
        head = Text()
        head.append("●" if it.id in self.new_ids else " ", style=self.style("mark"))
        head.append(fit(it.date.isoformat() if it.date else "undated", 10), style=self.style("accent"))
        if min_w:
            head.append(" " + fit(self.short(it.ministry), min_w))
        head.append(" " + fit(it.speaker or "—", who_w), style=self.style("dim"))
        asker = it.asker or it.source
        if ask_w:
            head.append(" ← " + fit(asker, ask_w) if asker else " " * (ask_w + 3), style=self.style("dim"))
        summary = summary_of(e)
        if summary:
            head.append("  " + summary, style=self.style("mark" if e.new_phrases and not e.restatement
                                                         else "dim"))
        body = Text("  " + one_line(it.position or it.answer or it.question))
        return [head, body]


@dataclass
class SearchRow:
    item: QAItem
    snippet: str
    topic: str = ""  # the label of the item's topic ("" when it has none)

    @property
    def topic_cell(self) -> str:
        """What the row says of its topic: the label, else why there is none."""
        if self.topic:
            return self.topic
        if self.item.topic_id is not None:
            return f"topic {self.item.topic_id}"
        return "procedural" if self.item.kind == "procedural" else "— no topic yet"


class SearchList(RowList[SearchRow]):
    row_height = 2
    empty_text = "Type to search every question and answer."

    def render_row(self, row: SearchRow, index: int, width: int) -> list[Text]:
        it = row.item
        head = Text()
        head.append(fit(it.date.isoformat() if it.date else "undated", 10), style=self.style("accent"))
        head.append(" " + fit(MinistryNames().short(it.ministry), 12))
        head.append(" " + fit(it.speaker or "—", 16), style=self.style("dim"))
        room = width - head.cell_len - 1
        # the topic first; the briefing's title (dim) only where there is room for it too
        topic_w = max(12, room if room < 60 else min(56, room * 2 // 3))
        has_topic = bool(row.topic) or it.topic_id is not None
        head.append(" " + fit_words(row.topic_cell, topic_w),
                    style=self.style("mark" if has_topic else "dim"))
        head.append(" " + one_line(it.entry_title), style=self.style("dim"))
        body = Text("  ")
        body.append_text(snippet_text(one_line(row.snippet), self.style("hit")))
        return [head, body]
