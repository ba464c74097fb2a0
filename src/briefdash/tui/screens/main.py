"""The main screen: topics │ timeline │ statement detail."""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from rapidfuzz import fuzz, process, utils
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from ...models import Topic
from ...topics.positions import Cancelled, Timeline, TimelineEntry, build_timeline
from ..text import is_safe_url, one_line, sparkline, weekly_counts
from ..widgets.detail import Detail
from ..widgets.lists import TimelineList, TopicList, TopicRow, topic_header
from ..widgets.rowlist import RowList

SORTS = ("activity", "count", "name")
SORT_NAMES = {"activity": "last activity", "count": "count", "name": "name"}
SPARK_WEEKS = 10
ANALYSE_LIMIT = 1000  # statements per topic whose wording is compared (the most recent)
FIRST_ROWS = 300  # a big topic shows its latest rows first, then the rest


def sort_topics(rows: list[TopicRow], mode: str) -> list[TopicRow]:
    """Pinned topics first, then by the chosen order."""
    if mode == "count":
        key = lambda r: (not r.topic.pinned, -r.topic.count, r.topic.label.casefold(), r.topic.id)
    elif mode == "name":
        key = lambda r: (not r.topic.pinned, r.topic.label.casefold(), r.topic.id)
    else:
        key = lambda r: (not r.topic.pinned, -(r.topic.last_seen.toordinal() if r.topic.last_seen else 0),
                         -r.topic.count, r.topic.id)
    return sorted(rows, key=key)


def load_topic_rows(store) -> list[TopicRow]:
    """Topics (one query) plus their weekly activity (one query over recent items)."""
    topics = store.topics()
    latest = store.latest_item_date()
    activity = store.topic_activity(latest - timedelta(days=7 * SPARK_WEEKS - 1)) if latest else {}
    rows = []
    for t in topics:
        days = activity.get(t.id)
        rows.append(TopicRow(t, sparkline(weekly_counts(days, latest, SPARK_WEEKS)) if days else ""))
    return rows


def fuzzy_topics(query: str, topics: list[Topic], limit: int | None = None) -> list[int]:
    """Indexes of topics matching `query`, best first.

    Substring of the label > letters in order (fzf-style, compact spans first) > typo-tolerant
    match on label and ministries.
    """
    from ..text import short_ministry

    q = " ".join(query.lower().split())
    if not q:
        return list(range(len(topics)))
    sub = re.compile(".*?".join(re.escape(c) for c in q.replace(" ", "")))
    scored: list[tuple[float, int]] = []
    for i, t in enumerate(topics):
        label = t.label.lower()
        pos = label.find(q)
        if pos >= 0:
            scored.append((200 - (0 if pos == 0 or not label[pos - 1].isalnum() else 5), i))
            continue
        m = sub.search(label)
        if m:
            scored.append((150 - min(40, m.end() - m.start() - len(q)), i))
            continue
        hay = f"{label} {' '.join(short_ministry(x).lower() for x in t.ministries)}"
        score = fuzz.partial_ratio(q, hay, processor=utils.default_process)
        if score >= 80:
            scored.append((score, i))
    scored.sort(key=lambda s: (-s[0], s[1]))
    out = [i for _, i in scored]
    return out[:limit] if limit else out


class MainScreen(Screen):
    """Topics, the selected topic's timeline, and the selected statement."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("tab", "focus_next_region", "Next region", show=False, id="main.next_region"),
        Binding("shift+tab", "focus_previous_region", "Previous region", show=False,
                id="main.previous_region"),
        Binding("escape", "back", "Back", show=False, id="main.back"),
        Binding("f", "filter", "Filter topics", id="main.filter"),
        Binding("s", "cycle_sort", "Sort topics", id="main.sort"),
        Binding("t", "toggle_order", "Newest/oldest first", show=False, id="main.order"),
        Binding("o", "open_link", "Open link", show=False, id="main.open_link"),
        Binding("e", "export", "Export topic", id="main.export"),
        Binding("b", "side_by_side", "Side by side", show=False, id="main.side_by_side"),
        Binding("P", "stock_phrases", "Stock phrases", show=False, id="main.stock_phrases"),
        Binding("n", "rename", "Rename topic", show=False, id="main.rename"),
        Binding("m", "merge", "Merge topic into…", show=False, id="main.merge"),
        Binding("M", "move", "Move statement to…", show=False, id="main.move"),
        Binding("p", "pin", "Pin/unpin topic", show=False, id="main.pin"),
        Binding("w", "watch", "Watch/unwatch topic", show=False, id="main.watch"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[TopicRow] = []
        self.sort_mode = "activity"
        self.filter_text = ""
        self.newest_first = True
        self.timeline: Timeline | None = None
        self.timeline_topic: int | None = None
        self.timeline_pending = False
        self._timeline_cache: dict[int, tuple[int, Timeline]] = {}
        self.loaded = False

    # ---- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="regions"):
            with Vertical(id="topics-pane", classes="pane"):
                yield Static(Content("Topics"), id="topics-title", classes="pane-title")
                yield Input(placeholder="fuzzy filter (Esc clears)", id="topic-filter")
                yield Static(topic_header(40), id="topics-header", classes="list-header")
                yield TopicList(id="topics")
            with Vertical(id="right"):
                with Vertical(id="timeline-pane", classes="pane"):
                    yield Static(Content("Timeline"), id="timeline-title", classes="pane-title")
                    yield TimelineList(id="timeline")
                with Vertical(id="detail-pane", classes="pane"):
                    yield Static(Content("Statement"), id="detail-title", classes="pane-title")
                    yield Detail(id="detail")
        with Horizontal(id="status"):
            yield Label(Content(""), id="status-text")
            yield ProgressBar(id="progress", show_eta=False)
        yield Footer()

    @property
    def topics_list(self) -> TopicList:
        return self.query_one("#topics", TopicList)

    @property
    def timeline_list(self) -> TimelineList:
        return self.query_one("#timeline", TimelineList)

    @property
    def detail(self) -> Detail:
        return self.query_one("#detail", Detail)

    def on_mount(self) -> None:
        self.query_one("#topic-filter").display = False
        self.query_one("#progress").display = False
        self.topics_list.focus()
        self.reload_topics()
        self.update_status()

    def update_status(self, extra: str | None = None) -> None:
        app = self.app
        text = extra if extra is not None else getattr(app, "status_line", "")
        self.query_one("#status-text", Label).update(Content(text))

    # ---- topics ---------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="topics")
    def reload_topics(self, keep_id: int | None = None) -> None:
        store = self.app.open_store()
        try:
            rows = load_topic_rows(store)
        finally:
            store.close()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.apply_topics, rows, keep_id)

    def apply_topics(self, rows: list[TopicRow], keep_id: int | None = None) -> None:
        self._timeline_cache.clear()  # a refresh or a curation changed what topics hold
        self.all_rows = rows
        latest = max((r.topic.last_seen for r in rows if r.topic.last_seen), default=None)
        self.topics_list.this_year = latest.year if latest else None
        self.loaded = True
        self.show_topics(keep_id=keep_id)

    def visible_rows(self) -> list[TopicRow]:
        rows = sort_topics(self.all_rows, self.sort_mode)
        if self.filter_text.strip():
            found = fuzzy_topics(self.filter_text, [r.topic for r in rows])
            return [rows[i] for i in found]
        return rows

    def show_topics(self, keep_id: int | None = None) -> None:
        """Redisplay the topics; the selected topic stays selected at the same screen row."""
        lst = self.topics_list
        current = lst.current
        keep_id = keep_id if keep_id is not None else (current.topic.id if current else None)
        offset = lst.cursor_screen_offset if current else None
        rows = self.visible_rows()
        cursor = next((i for i, r in enumerate(rows) if r.topic.id == keep_id), 0)
        lst.set_rows(rows, cursor=cursor, keep_offset=offset if current else None)
        lst.update_header()
        title = f"Topics · {len(rows)}"
        if len(rows) != len(self.all_rows):
            title += f" of {len(self.all_rows)}"
        title += f" · by {SORT_NAMES[self.sort_mode]}"
        if self.filter_text:
            title += f" · filter: {self.filter_text}"
        self.query_one("#topics-title", Static).update(Content(title))
        if not rows:
            self.timeline_topic = None
            self.timeline = None
            self.timeline_list.set_rows([])
            self.detail.show(None)
            return
        cur = lst.current
        if (cur is not None and cur.topic.id == self.timeline_topic and self.timeline is not None
                and len(self.timeline.entries) != cur.topic.count):
            # the selected topic grew (a refresh) or shrank (curation): same place, new rows
            row = self.timeline_list.current
            self.load_timeline(cur.topic, keep_uid=row.item.id if row else None)

    @property
    def current_topic(self) -> Topic | None:
        row = self.topics_list.current
        return row.topic if row else None

    # ---- timeline -------------------------------------------------------------------------
    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        if event.rowlist.id == "topics" and event.row is not None:
            keep = None
            if event.row.topic.id == self.timeline_topic:
                cur = self.timeline_list.current
                keep = cur.item.id if cur else None
            self.load_timeline(event.row.topic, keep_uid=keep)
        elif event.rowlist.id == "timeline":
            self.detail.show(event.row)

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        if event.rowlist.id == "topics":
            self.timeline_list.focus()
        elif event.rowlist.id == "timeline":
            self.detail.focus()

    @work(thread=True, exclusive=True, group="timeline")
    def load_timeline(self, topic: Topic, keep_uid: str | None = None) -> None:
        """Rows first (one indexed query), then the wording analysis, which can take longer."""
        worker = get_current_worker()
        cached = self._timeline_cache.get(topic.id)
        if cached is not None and cached[0] == topic.count:
            self.app.call_from_thread(self.show_timeline, topic, cached[1], keep_uid)
            return
        store = self.app.open_store()
        head_shown = False
        try:
            if topic.count > FIRST_ROWS:  # a big topic: its latest rows on screen at once
                head = store.topic_items(topic.id, latest=FIRST_ROWS)
                if worker.is_cancelled:
                    return
                plain = Timeline(topic=topic, entries=[TimelineEntry(item=it) for it in head],
                                 stock_phrases=[])
                self.app.call_from_thread(self.show_timeline, topic, plain, keep_uid, True)
                head_shown = True
            items = store.topic_items(topic.id)
        finally:
            store.close()
        if worker.is_cancelled:
            return
        plain = Timeline(topic=topic, entries=[TimelineEntry(item=it) for it in items], stock_phrases=[])
        # after the head, the full list keeps whatever row the user is on
        self.app.call_from_thread(self.show_timeline, topic, plain, keep_uid, True, head_shown)
        if worker.is_cancelled:
            return
        analysed = items[-ANALYSE_LIMIT:]
        try:
            tl = build_timeline(topic, analysed, with_stock=False,
                                cancelled=lambda: worker.is_cancelled)
        except Cancelled:  # the user moved on: free the CPU for what they look at now
            return
        if len(items) > len(analysed):
            tl.entries = [TimelineEntry(item=it) for it in items[: len(items) - len(analysed)]] + tl.entries
        if worker.is_cancelled:
            return
        self._timeline_cache[topic.id] = (topic.count, tl)
        if len(self._timeline_cache) > 64:
            self._timeline_cache.pop(next(iter(self._timeline_cache)))
        self.app.call_from_thread(self.show_timeline, topic, tl, None, False, True)

    def show_timeline(self, topic: Topic, tl: Timeline, keep_uid: str | None = None,
                      pending: bool = False, update: bool = False) -> None:
        current = self.topics_list.current
        if current is None or current.topic.id != topic.id:
            return  # the user has moved on
        if update:  # the analysed version of what is on screen: keep the cursor where it is
            if self.timeline_topic != topic.id:
                return
            cur = self.timeline_list.current
            keep_uid = cur.item.id if cur else None
        same = self.timeline_topic == topic.id
        self.timeline_pending = pending
        self.timeline, self.timeline_topic = tl, topic.id
        entries = list(reversed(tl.entries)) if self.newest_first else list(tl.entries)
        lst = self.timeline_list
        cursor = next((i for i, e in enumerate(entries) if e.item.id == keep_uid), 0) if keep_uid else 0
        lst.new_ids = getattr(self.app, "new_ids", set())
        lst.set_rows(entries, cursor=cursor,
                     keep_offset=lst.cursor_screen_offset if same and keep_uid else None)
        n_new = sum(1 for e in entries if e.item.id in lst.new_ids)
        mins = sorted({e.item.ministry or "unknown" for e in entries})
        title = f"Timeline · {one_line(topic.label)} · {len(entries)} · " \
                f"{'newest' if self.newest_first else 'oldest'} first"
        if n_new:
            title += f" · {n_new} new"
        if len(mins) > 1:
            title += f" · {len(mins)} ministries"
        if pending:
            title += " · analysing wording…"
        elif len(entries) > ANALYSE_LIMIT:
            title += f" · wording analysed for the latest {ANALYSE_LIMIT}"
        self.query_one("#timeline-title", Static).update(Content(title))
        if not entries:
            self.detail.show(None)

    def select_item(self, uid: str) -> None:
        """Jump to a statement: select its topic and then the statement in the timeline."""
        item = self.app.lib.store.item(uid)
        if item is None or item.topic_id is None:
            self.app.notify("That statement is no longer in the library.", severity="warning")
            return
        if not any(r.topic.id == item.topic_id for r in self.visible_rows()):
            self.filter_text = ""
            self.query_one("#topic-filter", Input).value = ""
            self.query_one("#topic-filter").display = False
        rows = self.visible_rows()
        idx = next((i for i, r in enumerate(rows) if r.topic.id == item.topic_id), None)
        if idx is None:  # a topic created since the last load
            self.reload_topics(keep_id=item.topic_id)
            return
        self.topics_list.set_rows(rows, cursor=idx, notify=False)
        self.load_timeline(rows[idx].topic, keep_uid=uid)
        self.timeline_list.focus()

    # ---- actions --------------------------------------------------------------------------
    REGIONS = ("topics", "timeline", "detail")

    def _region_of_focus(self) -> int:
        w = self.focused
        while w is not None:
            if w.id in self.REGIONS:
                return self.REGIONS.index(w.id)
            if w.id == "topic-filter":
                return 0
            w = w.parent
        return 0

    def action_focus_next_region(self) -> None:
        self.query_one(f"#{self.REGIONS[(self._region_of_focus() + 1) % 3]}").focus()

    def action_focus_previous_region(self) -> None:
        self.query_one(f"#{self.REGIONS[(self._region_of_focus() - 1) % 3]}").focus()

    def action_back(self) -> None:
        region = self._region_of_focus()
        if self.focused is not None and self.focused.id == "topic-filter":
            self.clear_filter()
        elif region > 0:
            self.query_one(f"#{self.REGIONS[region - 1]}").focus()
        elif self.filter_text:
            self.clear_filter()

    def clear_filter(self) -> None:
        f = self.query_one("#topic-filter", Input)
        f.value = ""
        f.display = False
        self.filter_text = ""
        self.show_topics()
        self.topics_list.focus()

    def action_filter(self) -> None:
        f = self.query_one("#topic-filter", Input)
        f.display = True
        f.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "topic-filter":
            self.filter_text = event.value
            self.show_topics()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "topic-filter":
            if not event.value:
                event.input.display = False
            self.topics_list.focus()

    def action_cycle_sort(self) -> None:
        self.sort_mode = SORTS[(SORTS.index(self.sort_mode) + 1) % len(SORTS)]
        self.show_topics()
        self.app.notify(f"Topics sorted by {SORT_NAMES[self.sort_mode]} (pinned first)", timeout=2)

    def action_toggle_order(self) -> None:
        self.newest_first = not self.newest_first
        topic = self.current_topic
        if self.timeline is not None and topic is not None:
            cur = self.timeline_list.current
            self.show_timeline(topic, self.timeline, cur.item.id if cur else None)

    @property
    def current_entry(self) -> TimelineEntry | None:
        return self.timeline_list.current if self.timeline_topic is not None else None

    def action_open_link(self) -> None:
        e = self.current_entry
        link = e.item.entry_link if e else None
        if not link:
            self.app.notify("This statement has no source link.", severity="warning")
        elif not is_safe_url(link):
            self.app.notify("Only http(s) links are opened; this one is not a web link.",
                            severity="error")
        else:
            self.app.open_url(link.strip())
            self.app.notify(f"Opening {link}", markup=False, timeout=3)

    def _need_topic(self) -> Topic | None:
        t = self.current_topic
        if t is None:
            self.app.notify("Select a topic first.", severity="warning")
        return t

    def action_export(self) -> None:
        t = self._need_topic()
        if t is None:
            return
        from .dialogs import ExportScreen

        slug = re.sub(r"[^\w]+", "-", t.label.lower()).strip("-")[:50] or "topic"

        def done(req) -> None:
            if req is not None:
                self.app.notify(f"Exporting “{one_line(t.label)}”…", timeout=2, markup=False)
                self.export_to(t, req.path, req.fmt, req.opts)

        self.app.push_screen(ExportScreen(f"Export “{one_line(t.label)}”",
                                          str(self.app.export_dir / f"{slug}.md"),
                                          str(self.app.export_dir / f"{slug}-brief.md"),
                                          first=t.first_seen, last=t.last_seen), done)

    @work(thread=True, exclusive=True, group="export")
    def export_to(self, topic: Topic, path: str, fmt: str = "md", opts=None) -> None:
        """Read the topic and write the document off the UI thread, with a connection of its own."""
        from ...export import export_topics

        store = self.app.open_store()
        try:
            written = export_topics(store, [topic], str(Path(path).expanduser()), fmt=fmt, opts=opts)
        except OSError as exc:
            self.app.call_from_thread(self.app.notify, f"Could not write {path}: {exc.strerror or exc}",
                                      severity="error", markup=False)
            return
        finally:
            store.close()
        self.app.call_from_thread(self.app.notify, f"Wrote {written[0]}", title="Exported",
                                  markup=False)

    def action_side_by_side(self) -> None:
        t = self._need_topic()
        if t is None or self.timeline is None or self.timeline_topic != t.id:
            return
        from .views import SideBySideScreen, latest_by_ministry

        latest = latest_by_ministry(self.timeline)
        if len(latest) < 2:
            self.app.notify("Only one ministry has spoken on this topic.", severity="warning")
            return
        self.app.push_screen(SideBySideScreen(t, latest))

    def action_stock_phrases(self) -> None:
        t = self._need_topic()
        if t is None:
            return
        self.compute_stock(t)

    @work(thread=True, exclusive=True, group="stock")
    def compute_stock(self, topic: Topic) -> None:
        from ...topics.positions import stock_phrases

        store = self.app.open_store()
        try:
            items = store.topic_items(topic.id)
        finally:
            store.close()
        phrases = stock_phrases(items)
        self.app.call_from_thread(self._show_stock, topic, phrases)

    def _show_stock(self, topic, phrases) -> None:
        from .views import StockPhrasesScreen

        self.app.push_screen(StockPhrasesScreen(topic, phrases))

    # ---- curation -------------------------------------------------------------------------
    def action_rename(self) -> None:
        t = self._need_topic()
        if t is None:
            return
        from ...topics import curation
        from .dialogs import PromptScreen

        def done(label: str | None) -> None:
            if label:
                curation.rename(self.app.lib.store, t.id, label)
                self.app.notify(f"Renamed to “{label}”", markup=False)
                self.reload_topics(keep_id=t.id)

        self.app.push_screen(PromptScreen("Rename topic", t.label, help="New label:"), done)

    def _toggle(self, flag: str) -> None:
        t = self._need_topic()
        if t is None:
            return
        from ...topics import curation

        on = t.pinned if flag == "pin" else t.watched
        curation.set_flag(self.app.lib.store, t.id, ("un" if on else "") + flag)
        if flag == "pin":
            t.pinned = not on
        else:
            t.watched = not on
        verb = {("pin", False): "Pinned", ("pin", True): "Unpinned",
                ("watch", False): "Watching", ("watch", True): "No longer watching"}[(flag, on)]
        self.app.notify(f"{verb} “{one_line(t.label)}”", markup=False, timeout=3)
        self.show_topics(keep_id=t.id)

    def action_pin(self) -> None:
        self._toggle("pin")

    def action_watch(self) -> None:
        self._toggle("watch")

    def action_merge(self) -> None:
        t = self._need_topic()
        if t is None:
            return
        from ...topics import curation
        from .dialogs import TopicPickerScreen

        def done(target: int | None) -> None:
            if target is not None:
                curation.merge(self.app.lib.store, t.id, target)
                self.app.notify(f"Merged “{one_line(t.label)}” into topic {target}", markup=False)
                self.reload_topics(keep_id=target)

        from ...topics.similar import similar_topics

        # The likely duplicates come first: the topics whose key terms are most alike.
        alike = [o.id for o, _ in similar_topics(self.app.lib.store, t.id, limit=8)]
        rank = {tid: i for i, tid in enumerate(alike)}
        topics = sorted((r.topic for r in self.all_rows),
                        key=lambda x: rank.get(x.id, len(rank)))
        self.app.push_screen(TopicPickerScreen(f"Merge “{one_line(t.label)}” into… (most alike first)",
                                               topics, exclude=t.id), done)

    def action_move(self) -> None:
        t = self._need_topic()
        e = self.current_entry
        if t is None:
            return
        if e is None:
            self.app.notify("Select a statement in the timeline first.", severity="warning")
            return
        from ...topics import curation
        from .dialogs import TopicPickerScreen

        def done(target: int | None) -> None:
            if target is not None:
                curation.move(self.app.lib.store, e.item.id, target)
                self.app.notify(f"Moved the statement to topic {target}", markup=False)
                self.reload_topics(keep_id=t.id)

        self.app.push_screen(TopicPickerScreen("Move this statement to…",
                                               [r.topic for r in self.all_rows], exclude=t.id), done)
