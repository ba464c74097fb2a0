"""The main screen: topics │ timeline │ statement detail."""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from ...export import plural
from ...models import QAItem, Topic
from ...store import Store
from ...topics.curation import who_curated
from ...topics.ministries import MinistryNames, names_for
from ...topics.positions import Cancelled, Timeline, TimelineEntry, build_timeline
from ...topics.subject import timeline_subject
from ..listing import (
    SORT_NAMES,
    SORTS,
    Key,
    first_on_or_after,
    items_of,
    load_list_rows,
    nice_terms,
    sort_topics,
)
from ..text import is_safe_url, one_line
from ..typed_app import BriefdashAppMixin
from ..widgets.detail import Detail
from ..widgets.lists import (
    IssueRow,
    StorylineRow,
    TimelineList,
    TopicList,
    TopicRow,
    match_rows,
    topic_header,
)
from ..widgets.rowlist import RowList

ANALYSE_LIMIT = 1000  # statements per topic whose wording is compared (the most recent)
FIRST_ROWS = 300  # a big topic shows its latest rows first, then the rest


def flip_flag(t: Topic, flag: str) -> tuple[str, str]:
    """Pin/unpin or watch/unwatch a topic (or an issue's row) on screen; returns the verb that
    says so and the curation action that writes it ("pin", "unwatch"…)."""
    on_ = t.pinned if flag == "pin" else t.watched
    if flag == "pin":
        t.pinned = not on_
    else:
        t.watched = not on_
    verb = {("pin", False): "Pinned", ("pin", True): "Unpinned",
            ("watch", False): "Watching", ("watch", True): "No longer watching"}[(flag, on_)]
    return verb, ("un" if on_ else "") + flag


class MainScreen(BriefdashAppMixin, Screen[None]):
    """Issues ▸ topics (or all topics), the selected one's timeline, and the selected statement."""

    class TopicsLoaded(Message):
        """The reload_topics worker read the list: every topic, and the issues view's rows.
        `asked`: how many curations had been asked for when it started reading."""

        def __init__(self, rows: list[TopicRow], top: list[IssueRow | TopicRow],
                     keep: Key | int | None, asked: int, load: int,
                     names: MinistryNames | None = None,
                     curated: dict[tuple[str, int], str] | None = None) -> None:
            super().__init__()
            self.rows, self.top, self.keep, self.asked = rows, top, keep, asked
            self.curated = curated or {}  # another analyst's last curation of each, in words
            self.load = load  # which reload read it: only the latest is shown
            self.names = names  # the ministries' short names (config.toml's feeds too)

    class ReadFailed(Message):
        """A worker could not read the store (a lock held too long, a file gone): say so; the
        dashboard stays as it is."""

        def __init__(self, what: str, error: Exception, doing: str = "") -> None:
            super().__init__()
            self.what, self.error, self.doing = what, error, doing  # doing: the busy job it ends

    class TimelineLoaded(Message):
        """The load_timeline worker has (a version of) the timeline of the row `key`.

        `pending`: its wording analysis is still to come; `update`: it replaces a version already
        on screen (the cursor stays where the user put it); `keep_uid`: the statement to select."""

        def __init__(self, key: Key, topic: Topic, timeline: Timeline, *, keep_uid: str | None = None,
                     pending: bool = False, update: bool = False) -> None:
            super().__init__()
            self.key, self.topic, self.timeline = key, topic, timeline
            self.keep_uid, self.pending, self.update = keep_uid, pending, update

    class StoreChanged(Message):
        """A curation worker is done: say what happened (`severity`); reload the list if asked,
        keeping `keep` selected. `doing` is the job's status text; `declared` is config.toml's
        [issues] after a declaration."""

        def __init__(self, note: str, keep: Key | None = None, *, reload: bool = True,
                     severity: SeverityLevel = "information",
                     declared: dict[str, list[str]] | None = None, doing: str = "") -> None:
            super().__init__()
            self.note, self.keep, self.reload, self.severity = note, keep, reload, severity
            self.declared, self.doing = declared, doing
            self.asked_at: Key | None = None  # the row selected when the change was asked for

    class DeclareReady(Message):
        """What the declare dialog starts from, read from the store by a worker."""

        def __init__(self, row: IssueRow, name: str, terms: list[str],
                     weights: list[tuple[str, float]], old_name: str | None) -> None:
            super().__init__()
            self.row, self.name, self.terms, self.weights, self.old_name = row, name, terms, weights, old_name

    class MergeCandidates(Message):
        """The topics most like `topic` (most alike first), read by a worker for the merge picker."""

        def __init__(self, topic: Topic, alike: list[int]) -> None:
            super().__init__()
            self.topic, self.alike = topic, alike

    class ExportFinished(Message):
        """The export worker wrote `written`, or failed with `error`."""

        def __init__(self, doing: str, written: str | None = None, error: str | None = None) -> None:
            super().__init__()
            self.doing, self.written, self.error = doing, written, error

    class NewsReady(Message):
        """What is new on the watched issues and topics since each was last looked at."""

        def __init__(self, rows: list, watches: int) -> None:
            super().__init__()
            self.rows, self.watches = rows, watches

    class StockReady(Message):
        """The stock phrases of `topic`, found by a worker."""

        def __init__(self, topic: Topic, phrases: list, doing: str) -> None:
            super().__init__()
            self.topic, self.phrases, self.doing = topic, phrases, doing

    class EditionLoaded(Message):
        """The other edition of statement `uid` (None: none is stored), read by a worker."""

        def __init__(self, uid: str, other: QAItem | None) -> None:
            super().__init__()
            self.uid, self.other = uid, other

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("tab", "focus_next_region", "Next region", show=False, id="main.next_region"),
        Binding("shift+tab", "focus_previous_region", "Previous region", show=False,
                id="main.previous_region"),
        Binding("escape", "back", "Back", show=False, id="main.back"),
        Binding("f", "filter", "Filter topics", id="main.filter"),
        Binding("s", "cycle_sort", "Sort topics", show=False, id="main.sort"),
        Binding("i", "toggle_issues", "Issues/topics", show=False, id="main.toggle_issues"),
        Binding("right", "expand", "Expand issue", show=False, id="main.expand"),
        Binding("left", "collapse", "Collapse issue", show=False, id="main.collapse"),
        Binding("t", "toggle_order", "Newest/oldest first", show=False, id="main.order"),
        Binding("o", "open_link", "Open link", show=False, id="main.open_link"),
        Binding("d", "jump_to_date", "Go to a date…", show=False, id="main.jump_to_date"),
        Binding("c", "copy_quote", "Copy quote with its source", show=False, id="main.copy_quote"),
        Binding("W", "watched_news", "New on watched, since last look", show=False,
                id="main.watched_news"),
        Binding("e", "export", "Export topic", id="main.export"),
        Binding("b", "side_by_side", "Side by side", show=False, id="main.side_by_side"),
        Binding("l", "other_edition", "Other language edition", show=False,
                id="main.other_edition"),
        Binding("P", "stock_phrases", "Stock phrases", show=False, id="main.stock_phrases"),
        Binding("n", "rename", "Rename issue/topic", show=False, id="main.rename"),
        Binding("m", "merge", "Merge issue/topic into…", show=False, id="main.merge"),
        Binding("M", "move", "Move statement to…", show=False, id="main.move"),
        Binding("I", "move_to_issue", "Move topic into issue…", show=False, id="main.move_to_issue"),
        Binding("D", "declare_issue", "Declare issue (its terms)…", show=False, id="main.declare_issue"),
        Binding("p", "pin", "Pin/unpin issue/topic", show=False, id="main.pin"),
        Binding("w", "watch", "Watch/unwatch issue/topic", show=False, id="main.watch"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[TopicRow] = []  # every topic (the flat view)
        self.top_rows: list[IssueRow | TopicRow] = []  # issues, and topics without one
        self.issues_view = True  # issues ▸ topics; False: all topics
        self.expanded: set[int] = set()  # issues showing their topics
        self.folded: set[int] = set()  # issues a filter opened that the user closed
        self._issue_by_id: dict[int, IssueRow] = {}
        self._issue_of_topic: dict[int, int] = {}
        self.sort_mode = "recent"
        self.filter_text = ""
        self.newest_first = True
        self.timeline: Timeline | None = None
        self.timeline_key: Key | None = None
        self.timeline_pending = False
        self._timeline_cache: dict[Key, tuple[int, Timeline]] = {}  # written on the UI thread only
        self._timeline_wanted: Key | None = None  # the row whose timeline is to show
        self._curations: deque[tuple[Callable[[Store], MainScreen.StoreChanged], str, str, Key | None]] = deque()
        self._curating = False  # a curation worker is running (they run one at a time, in order)
        self._reload_after: tuple[Key | int | None] | None = None  # reload (keeping this) when they are done
        self._asked = 0  # curations asked for so far: a list read before the latest is stale
        self._loads = 0  # reloads asked for so far: only the latest one's list is shown
        self._jump_after_load: str | None = None  # a statement to select once the list is reloaded
        # a statement a jump asked for, selected by whichever load of its timeline lands (a
        # later load, started by the list's own highlight, cancels the jump's own worker)
        self._select_next: tuple[Key, str] | None = None
        self.loaded = False
        self.ministry_names = MinistryNames()  # short names: the table, then config.toml's
        self.curated_notes: dict[tuple[str, int], str] = {}  # another analyst's curations
        # the selected range (`d` with a month or a range, a search's since/until) of one
        # timeline: (its key, first day, last day), either day open; side by side shows it
        self.selected_range: tuple[Key, date | None, date | None] | None = None
        self._pending_region: int | None = None  # where a Tab is moving the focus to

    @property
    def timeline_topic(self) -> int | None:
        """The id of the topic (or issue) whose timeline is shown."""
        return self.timeline_key[1] if self.timeline_key else None

    # ---- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="regions"):
            with Vertical(id="topics-pane", classes="pane"):
                yield Static(Content("Topics"), id="topics-title", classes="pane-title")
                yield Input(placeholder="label or key term, fuzzy after exact (Esc clears)", id="topic-filter")
                yield Static(topic_header(40, True), id="topics-header", classes="list-header")
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
        self.topics_list.issues_view = self.issues_view
        self.query_one("#topic-filter").display = False
        # focused now, not on the app's next turn: the list's rows are first drawn focused
        self.set_focus(self.topics_list, scroll_visible=False)
        self.reload_topics()
        app = self.bd_app
        self.watch(app, "status_line", self._show_status)
        for name in ("refreshing", "refresh_progress", "busy"):
            self.watch(app, name, self._show_progress)
        self.watch(app, "library_version", self._library_changed, init=False)

    def _show_status(self, text: str) -> None:
        self.query_one("#status-text", Label).update(Content(text))

    def _show_progress(self) -> None:
        """A refresh: feeds done of all; a store worker (curation, export): indeterminate."""
        app = self.bd_app
        bar = self.query_one("#progress", ProgressBar)
        if app.refreshing:
            done, total = app.refresh_progress
            bar.update(total=total, progress=done)
        elif app.busy:
            bar.update(total=None, progress=0)
        for pct in bar.query("#percentage"):  # no "--%" beside a busy bar
            pct.display = app.refreshing
        bar.display = app.refreshing or bool(app.busy)

    def _library_changed(self) -> None:
        self._reload_when_written(None)

    @property
    def _writing(self) -> bool:
        """Curations are running or waiting: what the screen shows is ahead of the store."""
        return self._curating or bool(self._curations)

    def _reload_when_written(self, keep: Key | int | None) -> None:
        """Reload the lists now, or once the queued changes are written (a list read before
        would undo on screen what they show already)."""
        self._reload_after = self._reload_after or (keep,)
        if not self._writing:
            self._reload_now()

    # ---- topics ---------------------------------------------------------------------------
    def reload_topics(self, keep_id: Key | int | None = None) -> None:
        """Read the lists again (in a worker), then show them keeping `keep_id` selected."""
        self._loads += 1
        self._load_topics(keep_id, self._asked, self._loads)

    @work(thread=True, group="topics")
    def _load_topics(self, keep_id: Key | int | None, asked: int, load: int) -> None:
        try:
            store = self.bd_app.open_store()
            try:
                rows, top = load_list_rows(store)
                names = names_for(self.bd_app.lib.config.feeds, store.feed_ministries)
                # who did what is news only where others curate too (a shared store)
                curated = who_curated(store, store.analyst) if store.pushes_changes else {}
            finally:
                store.close()
        except Exception as exc:  # the dashboard keeps what it shows
            self.post_message(self.ReadFailed("Could not read the topics", exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.TopicsLoaded(rows, top, keep_id, asked, load, names, curated))

    @on(TopicsLoaded)
    def _topics_loaded(self, event: TopicsLoaded) -> None:
        if event.load != self._loads:
            return  # a newer reload is on its way
        if event.asked != self._asked or self._writing:
            self._reload_when_written(event.keep)  # read before a change the screen shows
            return
        if event.names is not None:
            self.ministry_names = self.topics_list.names = self.timeline_list.names = event.names
            self.detail.names = event.names
        self.curated_notes = event.curated
        self.apply_topics(event.rows, event.keep, event.top)
        if self._jump_after_load is not None:
            uid, self._jump_after_load = self._jump_after_load, None
            self.select_item(uid)

    def _reload_now(self) -> None:
        """The reload the finished changes asked for, keeping what they said to keep."""
        if self._reload_after is not None:
            keep, = self._reload_after
            self._reload_after = None
            self.reload_topics(keep_id=keep)

    @on(ReadFailed)
    def _read_failed(self, event: ReadFailed) -> None:
        note = f"{event.what}: {event.error}"
        self.app.notify(note, severity="error", markup=False, timeout=10)
        if event.doing:
            self.bd_app.task_finished(event.doing, note)

    def apply_topics(self, rows: list[TopicRow], keep_id: Key | int | None = None,
                     top: list[IssueRow | TopicRow] | None = None) -> None:
        self._timeline_cache.clear()  # a refresh or a curation changed what topics hold
        self.all_rows = rows
        self.top_rows = top if top is not None else list(rows)
        self._issue_by_id = {r.topic.id: r for r in self.top_rows if isinstance(r, IssueRow)}
        self._issue_of_topic = {c.topic.id: r.topic.id for r in self._issue_by_id.values()
                                for c in r.children}
        self.expanded &= {i for i, r in self._issue_by_id.items() if r.expandable}
        latest = max((r.topic.last_seen for r in rows if r.topic.last_seen), default=None)
        self.topics_list.this_year = latest.year if latest else None
        self.loaded = True
        self.show_topics(keep_id=keep_id)

    def visible_rows(self) -> list[IssueRow | TopicRow]:
        if not self.issues_view:
            rows = sort_topics(self.all_rows, self.sort_mode)
            if self.filter_text.strip():
                found = match_rows(self.filter_text, rows)
                return [rows[i] for i in found]
            return rows
        top = sort_topics(self.top_rows, self.sort_mode)
        # the analyst's storylines first, above the issues
        top = [r for r in top if isinstance(r, StorylineRow)] + \
            [r for r in top if not isinstance(r, StorylineRow)]
        out: list[IssueRow | TopicRow] = []
        if not self.filter_text.strip():
            for r in top:
                out.append(r)
                if isinstance(r, IssueRow):
                    r.expanded = r.expandable and r.topic.id in self.expanded
                    if r.expanded:
                        out += sort_topics(r.children, self.sort_mode)
            return out
        # Issues' and topics' labels matched at once; an issue ranks by its best match and
        # opens on the topics that match.
        where: list[tuple[int, TopicRow | None]] = []
        labels: list[IssueRow | TopicRow] = []
        for i, r in enumerate(top):
            where.append((i, None))
            labels.append(r)
            if isinstance(r, IssueRow) and r.expandable:
                for c in r.children:
                    where.append((i, c))
                    labels.append(c)
        order: list[int] = []
        hits: dict[int, list[TopicRow]] = {}
        for k in match_rows(self.filter_text, labels):
            i, child = where[k]
            if i not in hits:
                hits[i] = []
                order.append(i)
            if child is not None:
                hits[i].append(child)
        for i in order:
            r = top[i]
            out.append(r)
            if isinstance(r, IssueRow):
                iid = r.topic.id
                r.expanded = r.expandable and (iid in self.expanded or (bool(hits[i]) and iid not in self.folded))
                if r.expanded:
                    out += sort_topics(r.children, self.sort_mode) if iid in self.expanded else hits[i]
        return out

    def _index(self, rows: list, key: Key | None) -> int | None:
        if key is None:
            return None
        return next((i for i, r in enumerate(rows) if r.key == key), None)

    def show_topics(self, keep_id: Key | int | None = None, *, notify: bool = True,
                    at_top: bool = False) -> None:
        """Redisplay the list; the selected row stays selected at the same screen row.

        `keep_id` is a row key or a topic id; a topic inside a closed issue opens its issue
        (or selects the issue when it holds that topic alone)."""
        lst = self.topics_list
        lst.issues_view = self.issues_view
        current = lst.current
        keep: Key | None = ("t", keep_id) if isinstance(keep_id, int) else keep_id
        if keep is None and current is not None:
            keep = current.key
        offset = 0 if at_top else lst.cursor_screen_offset if current else None
        rows = self.visible_rows()
        cursor = self._index(rows, keep)
        if cursor is None and keep is not None:
            if self.issues_view and keep[0] == "t" and keep[1] in self._issue_of_topic:
                iid = self._issue_of_topic[keep[1]]
                if self._issue_by_id[iid].expandable and iid not in self.expanded:
                    self.expanded.add(iid)
                    rows = self.visible_rows()
                    cursor = self._index(rows, keep)
                    parent = self._index(rows, ("i", iid))
                    if cursor is not None and parent is not None and current is not None:
                        # the opened issue's own row stays in view above its topic
                        offset = min(max(offset or 0, cursor - parent), max(0, lst.size.height - 1))
                if cursor is None:
                    cursor = self._index(rows, ("i", iid))
            elif not self.issues_view and keep[0] == "i" and keep[1] in self._issue_by_id:
                kids = sort_topics(self._issue_by_id[keep[1]].children, self.sort_mode)
                cursor = self._index(rows, kids[0].key) if kids else None
        lst.set_rows(rows, cursor=cursor or 0, keep_offset=offset if current or at_top else None,
                     notify=notify)
        lst.update_header()
        if self.issues_view:
            n_top = sum(1 for r in rows if r.depth == 0)
            title = f"Issues ▸ topics · {n_top}"
            if n_top != len(self.top_rows):
                title += f" of {len(self.top_rows)}"
        else:
            title = f"All topics · {len(rows)}"
            if len(rows) != len(self.all_rows):
                title += f" of {len(self.all_rows)}"
        title += f" · by {SORT_NAMES[self.sort_mode]}"
        if self.filter_text:
            title += f" · filter: {self.filter_text}"
        self.query_one("#topics-title", Static).update(Content(title))
        if not rows:
            self.timeline_key = None
            self.timeline = None
            self.timeline_list.set_rows([])
            self.detail.show(None)
            return
        cur = lst.current
        if (notify and cur is not None and cur.key == self.timeline_key and self.timeline is not None
                and len(self.timeline.entries) != cur.topic.count):
            # the selected topic grew (a refresh) or shrank (curation): same place, new rows
            row = self.timeline_list.current
            self.load_row_timeline(cur, keep_uid=row.item.id if row else None)

    @property
    def current_row(self) -> IssueRow | TopicRow | None:
        return self.topics_list.current

    @property
    def current_issue(self) -> IssueRow | None:
        row = self.topics_list.current
        return row if isinstance(row, IssueRow) else None

    @property
    def current_topic(self) -> Topic | None:
        """The topic that topic actions act on: the selected topic, or the one topic of the
        selected issue (an issue of several topics is not a topic)."""
        row = self.topics_list.current
        if isinstance(row, IssueRow):
            return row.children[0].topic if len(row.children) == 1 else None
        if isinstance(row, StorylineRow):
            return None  # a storyline is no topic: it is edited in config.toml [storylines]
        return row.topic if row else None

    # ---- timeline -------------------------------------------------------------------------
    @on(RowList.Highlighted, "#topics")
    def _topic_highlighted(self, event: RowList.Highlighted) -> None:
        if event.row is None:
            return
        keep = None
        if event.row.key == self.timeline_key:
            cur = self.timeline_list.current
            keep = cur.item.id if cur else None
        self.load_row_timeline(event.row, keep_uid=keep)

    @on(RowList.Highlighted, "#timeline")
    def _statement_highlighted(self, event: RowList.Highlighted) -> None:
        self.detail.show(event.row)

    @on(RowList.Selected, "#topics")
    def _topic_selected(self, event: RowList.Selected) -> None:
        row = event.row
        if isinstance(row, IssueRow) and row.expandable:
            self._set_expanded(row, not row.expanded)  # Enter opens and closes an issue
        else:
            self.timeline_list.focus()

    @on(RowList.Selected, "#timeline")
    def _statement_selected(self) -> None:
        self.detail.focus()

    def load_row_timeline(self, row: IssueRow | TopicRow, keep_uid: str | None = None) -> None:
        """A topic's timeline, or an issue's: the statements of all its topics together (from
        the cache when the topic has not changed since)."""
        self._timeline_wanted = row.key  # a worker loading another row's timeline gives up
        cached = self._timeline_cache.get(row.key)
        if cached is not None and cached[0] == row.topic.count:
            self.show_timeline(row.topic, cached[1], key=row.key, keep_uid=keep_uid)
            return
        self.load_timeline(row.topic, keep_uid=keep_uid, key=row.key, topic_ids=row.topic_ids,
                           storyline=row.name if isinstance(row, StorylineRow) else None)

    @work(thread=True, exclusive=True, group="timeline")
    def load_timeline(self, topic: Topic, keep_uid: str | None = None, key: Key | None = None,
                      topic_ids: list[int] | None = None, storyline: str | None = None) -> None:
        """Rows first (one indexed query per topic), then the wording analysis, which can take
        longer."""
        worker = get_current_worker()
        key = key or ("t", topic.id)

        def gone() -> bool:  # the user has moved on
            return worker.is_cancelled or self._timeline_wanted != key
        ids = topic_ids or [topic.id]
        head_shown = False
        try:
            store = self.bd_app.open_store()
            try:
                if topic.count > FIRST_ROWS:  # a big topic: its latest rows on screen at once
                    head = items_of(store, ids, latest=FIRST_ROWS, storyline=storyline)
                    if gone():
                        return
                    plain = Timeline(topic=topic, entries=[TimelineEntry(item=it) for it in head],
                                     stock_phrases=[])
                    self.post_message(self.TimelineLoaded(key, topic, plain, keep_uid=keep_uid,
                                                          pending=True))
                    head_shown = True
                items = items_of(store, ids, storyline=storyline)
                analysed = items[-ANALYSE_LIMIT:]
                subject = timeline_subject(store, analysed)
            finally:
                store.close()
        except Exception as exc:  # the dashboard keeps what it shows
            self.post_message(self.ReadFailed(f"Could not read “{one_line(topic.label)}”", exc))
            return
        if gone():
            return
        plain = Timeline(topic=topic, entries=[TimelineEntry(item=it) for it in items], stock_phrases=[])
        # after the head, the full list keeps whatever row the user is on
        self.post_message(self.TimelineLoaded(key, topic, plain, keep_uid=keep_uid, pending=True,
                                              update=head_shown))
        if gone():
            return
        try:
            tl = build_timeline(topic, analysed, with_stock=False, cancelled=gone,
                                subject=subject)
        except Cancelled:  # the user moved on: free the CPU for what they look at now
            return
        if len(items) > len(analysed):
            tl.entries = [TimelineEntry(item=it) for it in items[: len(items) - len(analysed)]] + tl.entries
        if gone():
            return
        self.post_message(self.TimelineLoaded(key, topic, tl, update=True))

    @on(TimelineLoaded)
    def _timeline_loaded(self, event: TimelineLoaded) -> None:
        if not event.pending:  # the analysed timeline: kept, even if the user has moved on
            self._timeline_cache[event.key] = (event.topic.count, event.timeline)
            if len(self._timeline_cache) > 64:
                self._timeline_cache.pop(next(iter(self._timeline_cache)))
        self.show_timeline(event.topic, event.timeline, key=event.key, keep_uid=event.keep_uid,
                           pending=event.pending, update=event.update)

    def show_timeline(self, topic: Topic, tl: Timeline, *, key: Key, keep_uid: str | None = None,
                      pending: bool = False, update: bool = False) -> None:
        current = self.topics_list.current
        if current is None or current.key != key:
            return  # the user has moved on
        if update:  # the analysed version of what is on screen: keep the cursor where it is
            if self.timeline_key != key:
                return
            cur = self.timeline_list.current
            keep_uid = cur.item.id if cur else None
        wanted = self._select_next
        if not update and wanted is not None and wanted[0] == key \
                and any(e.item.id == wanted[1] for e in tl.entries):
            keep_uid, self._select_next = wanted[1], None
        same = self.timeline_key == key
        self.timeline_pending = pending
        self.timeline, self.timeline_key = tl, key
        entries = list(reversed(tl.entries)) if self.newest_first else list(tl.entries)
        lst = self.timeline_list
        cursor = next((i for i, e in enumerate(entries) if e.item.id == keep_uid), 0) if keep_uid else 0
        lst.new_ids = self.bd_app.new_ids
        lst.set_rows(entries, cursor=cursor,
                     keep_offset=lst.cursor_screen_offset if same and keep_uid else None)
        n_new = sum(1 for e in entries if e.item.id in lst.new_ids)
        mins = sorted({e.item.ministry or "unknown" for e in entries})
        kind = "Issue" if key[0] == "i" and len(current.topic_ids) > 1 else "Timeline"
        title = f"{kind} · {one_line(topic.label)} · {len(entries)} · " \
                f"{'newest' if self.newest_first else 'oldest'} first"
        if n_new:
            title += f" · {n_new} new"
        note = self.curated_notes.get(("issue" if key[0] == "i" else "topic", key[1]))
        if not note and key[0] == "i" and len(current.topic_ids) == 1:  # an issue of one topic
            note = self.curated_notes.get(("topic", current.topic_ids[0]))
        if note:  # a desk's shared store: what another analyst did to it
            title += f" · {note}"
        if len(mins) > 1:
            title += f" · {len(mins)} ministries"
        elif mins:  # one ministry: the timeline leaves its column out
            title += f" · {self.ministry_names.short(mins[0])}"
        if pending:
            title += " · analysing wording…"
        elif len(entries) > ANALYSE_LIMIT:
            title += f" · wording analysed for the latest {ANALYSE_LIMIT}"
        self.query_one("#timeline-title", Static).update(Content(title))
        if not entries:
            self.detail.show(None)

    def select_item(self, uid: str) -> None:
        """Jump to a statement: select its topic and then the statement in the timeline."""
        item = self.bd_app.lib.store.item(uid)
        if item is None or item.topic_id is None:
            self.app.notify("That statement is no longer in the library.", severity="warning")
            return
        tid = item.topic_id
        if not any(r.topic.id == tid for r in self.all_rows):  # a topic created since the last load
            self._jump_after_load = uid
            self.reload_topics(keep_id=tid)
            return
        self.show_topics(keep_id=tid, notify=False)
        cur = self.topics_list.current
        if cur is None or tid not in cur.topic_ids:  # the filter hides it
            self.filter_text = ""
            self.query_one("#topic-filter", Input).value = ""
            self.query_one("#topic-filter").display = False
            self.show_topics(keep_id=tid, notify=False)
            cur = self.topics_list.current
        if cur is not None:
            self._select_next = (cur.key, uid)
            self.load_row_timeline(cur, keep_uid=uid)
        self.timeline_list.focus()

    # ---- actions --------------------------------------------------------------------------
    REGIONS = ("topics", "timeline", "detail")

    def _region_of_focus(self) -> int:
        w: DOMNode | None = self.focused
        while w is not None:
            if w.id in self.REGIONS:
                return self.REGIONS.index(w.id)
            if w.id == "topic-filter":
                return 0
            w = w.parent
        return 0

    def _focus_region(self, step: int) -> None:
        """Focus moves after the key is handled: a second quick Tab counts from the region the
        first one is moving to, so two Tabs move two regions."""
        here = self._pending_region if self._pending_region is not None else self._region_of_focus()
        self._pending_region = (here + step) % 3
        self.query_one(f"#{self.REGIONS[self._pending_region]}").focus()

    @on(events.DescendantFocus)
    def _focus_landed(self) -> None:
        self._pending_region = None
        self.set_class(self._region_of_focus() == 2, "-reading")  # the statement takes the room

    def action_focus_next_region(self) -> None:
        self._focus_region(1)

    def action_focus_previous_region(self) -> None:
        self._focus_region(-1)

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

    @on(Input.Changed, "#topic-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        """Typing in the filter selects the best match, at the top of the list (the row selected
        before would keep its place and hide the better matches above it)."""
        self.filter_text = event.value
        self.folded.clear()
        if not self.filter_text.strip():
            self.show_topics()
            return
        rows = self.visible_rows()
        self.show_topics(keep_id=rows[0].key if rows else None, at_top=True)

    @on(Input.Submitted, "#topic-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            event.input.display = False
        self.topics_list.focus()

    def action_cycle_sort(self) -> None:
        self.sort_mode = SORTS[(SORTS.index(self.sort_mode) + 1) % len(SORTS)]
        self.show_topics()
        self.app.notify(f"Topics sorted by {SORT_NAMES[self.sort_mode]} (pinned first)", timeout=2)

    def action_toggle_order(self) -> None:
        """Newest or oldest first: the list starts at the top, on the first statement in the
        new order (the oldest after `t`), not scrolled to where the cursor was."""
        self.newest_first = not self.newest_first
        row = self.current_row
        if self.timeline is not None and row is not None and row.key == self.timeline_key:
            self.show_timeline(row.topic, self.timeline, key=row.key)
            self.timeline_list.scroll_home(animate=False)

    @property
    def current_entry(self) -> TimelineEntry | None:
        return self.timeline_list.current if self.timeline_key is not None else None

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
            if self.current_issue is not None:
                self.app.notify("That is an issue of several topics: → shows them; select one.",
                                severity="warning")
            elif isinstance(self.current_row, StorylineRow):
                self.app.notify("That is a storyline: `briefdash storylines` (or config.toml "
                                "[storylines]) edits it.", severity="warning", markup=False)
            else:
                self.app.notify("Select a topic first.", severity="warning")
        return t

    def action_export(self) -> None:
        row = self.current_row
        story = row.name if isinstance(row, StorylineRow) else None
        topic_ids: list[int] | None = None
        what = ""
        t: Topic | None
        if story is not None and row is not None:  # a storyline: all its statements
            t, what = row.topic, "the storyline "
        elif isinstance(row, IssueRow) and len(row.children) > 1:  # an issue: all its topics
            t = row.topic
            topic_ids, what = row.topic_ids, "the issue "
        else:
            t = self._need_topic()
        if t is None:
            return
        from .dialogs import ExportScreen

        slug = re.sub(r"[^\w]+", "-", t.label.lower()).strip("-")[:50] or "topic"
        topic = t

        def done(req) -> None:
            if req is not None:
                doing = f"Exporting {what}“{one_line(topic.label)}” to {req.path}…"
                self.bd_app.task_started(doing)
                self.export_to(topic, req.path, req.fmt, req.opts, doing=doing,
                               topic_ids=topic_ids, storyline=story)

        self.app.push_screen(ExportScreen(f"Export {what}“{one_line(t.label)}”",
                                          str(self.bd_app.export_dir / f"{slug}.md"),
                                          str(self.bd_app.export_dir / f"{slug}-brief.md"),
                                          first=t.first_seen, last=t.last_seen), done)

    @work(thread=True, group="export")
    def export_to(self, topic: Topic, path: str, fmt: str = "md", opts=None, *, doing: str = "",
                  topic_ids: list[int] | None = None, storyline: str | None = None) -> None:
        """Read the topic (or the issue: `topic_ids`, its topics' statements as one timeline; or
        the storyline) and write the document off the UI thread, with a connection of its own."""
        from ...export import export_topics

        store = None
        try:
            store = self.bd_app.open_store()
            target: Topic | tuple[Topic, list] = topic
            if storyline is not None or topic_ids:
                target = (topic, items_of(store, topic_ids or [topic.id], storyline=storyline))
            written = export_topics(store, [target], str(Path(path).expanduser()), fmt=fmt,
                                    opts=opts)
        except OSError as exc:
            self.post_message(self.ExportFinished(doing, error=f"Could not write {path}: "
                                                               f"{exc.strerror or exc}"))
            return
        except Exception as exc:  # the dashboard survives; the user learns what failed
            self.post_message(self.ExportFinished(doing, error=f"Could not export: {exc}"))
            return
        finally:
            if store is not None:
                store.close()
        self.post_message(self.ExportFinished(doing, written=str(written[0])))

    @on(ExportFinished)
    def _export_finished(self, event: ExportFinished) -> None:
        if event.error is not None:
            self.app.notify(event.error, severity="error", markup=False)
            self.bd_app.task_finished(event.doing, event.error)
        else:
            self.app.notify(f"Wrote {event.written}", title="Exported", markup=False)
            self.bd_app.task_finished(event.doing, f"Wrote {event.written}")

    def action_jump_to_date(self) -> None:
        """Ask for a date; the timeline's cursor goes to the first statement on or after it."""
        if self.timeline is None or not self.timeline.entries:
            self.app.notify("Select a topic or an issue first: the date is looked for in its "
                            "timeline.", severity="warning")
            return
        from .dialogs import PromptScreen

        def done(text: str | None) -> None:
            if not text:
                return
            from ...topics.dates import parse_period

            try:
                day, last = parse_period(text)
            except ValueError as exc:
                self.app.notify(str(exc), severity="error", markup=False)
                return
            self.jump_to_date(day)
            if last is None:  # a single day: no range selected
                self.selected_range = None
            else:
                self.select_range(day, last)
                self.app.notify(f"Selected {day.isoformat()} to {last.isoformat()}: side by side "
                                "(b) shows it", timeout=4, markup=False)

        self.app.push_screen(PromptScreen(
            "Go to a date", help="The timeline's cursor goes to the first statement on or after "
            "it: 2022-03-15, 15 March 2022. A month, a year or a range (2022-03, March 2022, "
            "2022-03-01..2022-04-15) also selects that range for side by side (b); a single "
            "day clears it",
            placeholder="2022-03-15"), done)

    @property
    def current_range(self) -> tuple[date | None, date | None] | None:
        """The selected range of the timeline shown, if one is selected."""
        r = self.selected_range
        return (r[1], r[2]) if r is not None and r[0] == self.timeline_key else None

    def select_range(self, since: date | None, until: date | None, key: Key | None = None) -> None:
        """Select `since`–`until` (either open) of the timeline `key` (the one shown by default)
        as the range side by side shows; neither day: no range selected."""
        key = key if key is not None else self.timeline_key
        self.selected_range = (key, since, until) if key is not None and (since or until) else None

    def range_from_search(self, query: str) -> None:
        """A search's `since:`/`until:` become the selected range of the timeline it opened."""
        from ...topics.filters import split_query

        try:
            keep = split_query(query).keep
        except ValueError:
            return
        cur = self.topics_list.current
        if cur is not None and (keep.since or keep.until):
            self.select_range(keep.since, keep.until, cur.key)

    def jump_to_date(self, day: date) -> None:
        """Put the timeline's cursor on its first statement dated `day` or later (the latest
        when all are earlier), in whichever order the timeline is shown."""
        if self.timeline is None or not self.timeline.entries:
            return
        entries = self.timeline.entries  # in date order
        i = first_on_or_after(entries, day)
        note = ""
        if i is None:
            i = len(entries) - 1
            note = f"No statement on or after {day.isoformat()}; the latest is "
        index = len(entries) - 1 - i if self.newest_first else i
        lst = self.timeline_list
        lst.move_to(index)
        lst.focus()
        at = entries[i].item.date
        self.app.notify(f"{note}{at.isoformat() if at else 'undated'} · statement {i + 1:,} of "
                        f"{len(entries):,} in date order", timeout=3, markup=False)

    def action_copy_quote(self) -> None:
        """The selected statement's words with speaker, ministry, date and link, to paste."""
        e = self.current_entry
        if e is None:
            self.app.notify("Select a statement in the timeline first.", severity="warning")
            return
        from ...export import citation, quote_text

        self.app.copy_to_clipboard(quote_text(e.item, "text"))
        self.app.notify(f"— {citation(e.item)}", title="Quote copied", timeout=4, markup=False)

    def action_watched_news(self) -> None:
        """Since I last looked: the new statements on every watched issue and topic."""
        watches: list[tuple[str, int, str, list[int]]] = []
        for r in self.top_rows:
            if isinstance(r, IssueRow) and r.topic.watched:
                watches.append(("i", r.topic.id, r.topic.label, r.topic_ids))
        watches += [("t", r.topic.id, r.topic.label, [r.topic.id]) for r in self.all_rows
                    if r.topic.watched]
        self.read_watched_news(watches)

    @work(thread=True, exclusive=True, group="news")
    def read_watched_news(self, watches: list[tuple[str, int, str, list[int]]]) -> None:
        from ...watch import TUI_WATCH_KEY
        from ..widgets.lists import SearchRow
        from .news import seen_key

        rows: list[SearchRow] = []
        try:
            store = self.bd_app.open_store()
            try:
                top = store.max_item_number()
                # watched before marks were kept per watch: from the dashboard's last refresh
                fallback = int(store.get_state(TUI_WATCH_KEY) or top)
                shown: set[str] = set()
                for kind, ident, label, topic_ids in watches:
                    mark = store.get_state(seen_key(kind, ident))
                    for it in store.items_after(topic_ids, int(mark) if mark else fallback):
                        if it.id not in shown:
                            shown.add(it.id)
                            rows.append(SearchRow(it, one_line(it.position or it.answer)[:300], label))
                    store.set_state(seen_key(kind, ident), str(top))  # seen now
            finally:
                store.close()
        except Exception as exc:  # the dashboard keeps what it shows
            self.post_message(self.ReadFailed("Could not read what is new on watched ones", exc))
            return
        rows.sort(key=lambda r: (r.item.date or date.min), reverse=True)
        self.post_message(self.NewsReady(rows, len(watches)))

    @on(NewsReady)
    def _show_news(self, event: NewsReady) -> None:
        from .news import WatchedNewsScreen

        def done(uid: str | None) -> None:
            if uid:  # a new statement: the lists may not hold it yet, so read them first
                self._jump_after_load = uid
                self.reload_topics()

        self.app.push_screen(WatchedNewsScreen(event.rows, event.watches), done)

    def action_side_by_side(self) -> None:
        row = self.current_row  # a topic, or an issue: all its topics together
        if row is None or self.timeline is None or self.timeline_key != row.key:
            return
        t = row.topic
        from .views import SideBySideScreen, side_by_side

        # the selected range, else the selected statement's period: each ministry within ±14
        # days of it, never a statement from another year beside it
        period = self.current_range
        view = side_by_side(self.timeline, self.current_entry, period=period)
        if view is None and period is not None:
            since, until = (d.isoformat() if d else "…" for d in period)
            self.app.notify(f"No statement on this topic from {since} to {until} (the selected "
                            "range).", severity="warning", markup=False)
            return
        if view is None or len(view.columns) < 2:
            self.app.notify("Only one ministry has spoken on this topic.", severity="warning")
            return
        self.app.push_screen(SideBySideScreen(t, view, self.ministry_names))

    def action_other_edition(self) -> None:
        """The same exchange in the other edition of its briefing (Chinese/English); `l` again
        goes back to the statement."""
        if self.detail.other is not None:
            self.detail.show(self.detail.entry)
            return
        e = self.current_entry
        if e is None:
            self.app.notify("Select a statement first.", severity="warning")
            return
        self.load_other_edition(e.item.id)

    @work(thread=True, exclusive=True, group="edition")
    def load_other_edition(self, uid: str) -> None:
        try:
            store = self.bd_app.open_store()
            try:
                other = store.counterpart(uid)
            finally:
                store.close()
        except Exception as exc:  # the dashboard keeps what it shows
            self.post_message(self.ReadFailed("Could not read the other edition", exc))
            return
        self.post_message(self.EditionLoaded(uid, other))

    @on(EditionLoaded)
    def _show_other_edition(self, event: EditionLoaded) -> None:
        shown = self.detail.entry
        if shown is None or shown.item.id != event.uid:  # the user has moved on
            return
        if event.other is None:
            self.app.notify("No other edition of this statement is stored (a briefing published "
                            "in two languages links each exchange to its counterpart).",
                            severity="warning")
            return
        self.detail.show_other(TimelineEntry(item=event.other))

    def action_stock_phrases(self) -> None:
        row = self.current_row
        if row is None or isinstance(row, StorylineRow):
            self.app.notify("Select a topic first.", severity="warning")
            return
        doing = f"Finding the stock phrases of “{one_line(row.topic.label)}”…"
        self.bd_app.task_started(doing)
        self.compute_stock(row.topic, row.topic_ids, doing=doing)

    @work(thread=True, group="stock")
    def compute_stock(self, topic: Topic, topic_ids: list[int] | None = None, *, doing: str = "") -> None:
        from ...topics.positions import stock_phrases

        try:
            store = self.bd_app.open_store()
            try:
                items = items_of(store, topic_ids or [topic.id])
            finally:
                store.close()
        except Exception as exc:  # the dashboard keeps what it shows
            self.post_message(self.ReadFailed("Could not find the stock phrases", exc, doing))
            return
        self.post_message(self.StockReady(topic, stock_phrases(items), doing))

    @on(StockReady)
    def _show_stock(self, event: StockReady) -> None:
        from .views import StockPhrasesScreen

        self.bd_app.task_finished(event.doing, f"{plural(len(event.phrases), 'stock phrase')} in "
                                               f"“{one_line(event.topic.label)}”")
        self.app.push_screen(StockPhrasesScreen(event.topic, event.phrases, self.ministry_names))

    # ---- curation: store writes, one at a time, in a worker ------------------------------------
    def curate(self, change: Callable[[Store], StoreChanged], *, doing: str, failure: str) -> None:
        """Run `change(store) -> StoreChanged` in a worker with a connection of its own, after
        the changes asked for before it. Meanwhile the status says `doing` over a busy bar; then
        the note (or `failure: the error`) and the list reloads if the change asks, selecting
        what the change says if the user is still on the row they asked it from."""
        row = self.current_row
        self._asked += 1
        self._curations.append((change, doing, failure, row.key if row else None))
        self._next_curation()

    def _next_curation(self) -> None:
        if self._curating or not self._curations:
            return
        change, doing, failure, asked_at = self._curations.popleft()
        self._curating = True
        self.bd_app.task_started(doing)
        self.run_curation(change, doing, failure, asked_at)

    @work(thread=True, group="curation")
    def run_curation(self, change: Callable[[Store], StoreChanged], doing: str, failure: str,
                     asked_at: Key | None = None) -> None:
        store = None
        try:
            store = self.bd_app.open_store()
            result = change(store)
        except Exception as exc:  # the dashboard survives; the user learns what failed
            # reload: whatever the screen showed optimistically goes back to what the store holds
            result = self.StoreChanged(f"{failure}: {exc}", None, severity="error")
        finally:
            if store is not None:
                store.close()
        result.doing, result.asked_at = doing, asked_at
        self.post_message(result)

    @on(StoreChanged)
    def _store_changed(self, event: StoreChanged) -> None:
        if event.declared is not None:
            self.bd_app.lib.config.storylines = dict(event.declared)
        self._curating = False
        self.bd_app.store_written()  # its own write: not "changed on disk"
        self.app.notify(event.note, severity=event.severity, markup=False,
                        timeout=6 if event.severity == "information" else 10)
        self.bd_app.task_finished(event.doing, event.note)
        if event.reload:
            row = self.current_row  # the user moved on meanwhile: the selection stays theirs
            moved_on = row is not None and event.asked_at is not None and row.key != event.asked_at
            self._reload_after = (None if moved_on else event.keep,)
        if self._curations:  # reload once the queue is done: a reload now would undo on screen
            self._next_curation()  # what later changes (a pin, a rename) show before they are written
        else:
            self._reload_now()

    def action_rename(self) -> None:
        if self.current_issue is not None:
            self.rename_issue(self.current_issue)
            return
        t = self._need_topic()
        if t is None:
            return
        from .dialogs import PromptScreen

        tid, old = t.id, t.label

        def done(label: str | None) -> None:
            if not label or label == old:
                return
            t.label = label  # on screen at once; the worker writes it
            self.show_topics(keep_id=tid)

            def change(store: Store) -> MainScreen.StoreChanged:
                from ...topics import curation

                curation.rename(store, tid, label)
                return self.StoreChanged(f"Renamed to “{label}”", ("t", tid))

            self.curate(change, doing=f"Renaming “{one_line(old)}” to “{one_line(label)}”…",
                        failure="Could not rename the topic")

        self.app.push_screen(PromptScreen("Rename topic", t.label, help="New label:"), done)

    def _toggle(self, flag: str) -> None:
        t = self._need_topic()
        if t is None:
            return
        verb, action = flip_flag(t, flag)  # on screen at once; the worker writes it
        self.show_topics(keep_id=t.id)
        tid, label = t.id, one_line(t.label)

        def change(store: Store) -> MainScreen.StoreChanged:
            from ...topics import curation

            curation.set_flag(store, tid, action)
            if action == "watch":  # "since I last looked" starts now
                from .news import seen_key

                store.set_state(seen_key("t", tid), str(store.max_item_number()))
            return self.StoreChanged(f"{verb} “{label}”", ("t", tid), reload=False)

        self.curate(change, doing=f"{verb} “{label}”…", failure=f"Could not {action} the topic")

    def action_pin(self) -> None:
        if self.current_issue is not None:
            self.toggle_issue_flag(self.current_issue, "pin")
        else:
            self._toggle("pin")

    def action_watch(self) -> None:
        if self.current_issue is not None:
            self.toggle_issue_flag(self.current_issue, "watch")
        else:
            self._toggle("watch")

    def action_merge(self) -> None:
        if self.current_issue is not None:
            self.merge_issue(self.current_issue)
            return
        t = self._need_topic()
        if t is None:
            return
        self.find_merge_candidates(t)

    @work(thread=True, exclusive=True, group="merge-candidates")
    def find_merge_candidates(self, topic: Topic) -> None:
        """The likely duplicates come first in the merge picker: the topics whose key terms are
        most alike (read from the store, so off the UI thread)."""
        from ...topics.similar import similar_topics

        store = None
        try:
            store = self.bd_app.open_store()
            alike = [o.id for o, _ in similar_topics(store, topic.id, limit=8)]
        except Exception:  # the picker still opens, in its usual order
            alike = []
        finally:
            if store is not None:
                store.close()
        self.post_message(self.MergeCandidates(topic, alike))

    @on(MergeCandidates)
    def _open_merge_picker(self, event: MergeCandidates) -> None:
        from .dialogs import TopicPickerScreen

        t = event.topic
        if self.current_topic is None or self.current_topic.id != t.id:
            return  # the user has moved on
        rank = {tid: i for i, tid in enumerate(event.alike)}
        topics = sorted((r.topic for r in self.all_rows), key=lambda x: rank.get(x.id, len(rank)))
        labels = {r.topic.id: one_line(r.topic.label) for r in self.all_rows}
        src, label = t.id, one_line(t.label)

        def done(target: int | None) -> None:
            if target is None or target == src:
                return
            into = labels.get(target, f"topic {target}")

            def change(store: Store) -> MainScreen.StoreChanged:
                from ...topics import curation

                curation.merge(store, src, target)
                return self.StoreChanged(f"Merged “{label}” into “{into}”", ("t", target))

            self.curate(change, doing=f"Merging “{label}” into “{into}”…",
                        failure="Could not merge the topics")

        self.app.push_screen(TopicPickerScreen(
            "Merge into… (most alike first)", topics, exclude=t.id,
            subtitle=f"“{label}” and its {t.count} statements join the topic you choose",
            sparks={r.topic.id: r.spark for r in self.all_rows}), done)

    def action_move(self) -> None:
        row = self.current_row
        e = self.current_entry
        if row is None:
            self.app.notify("Select a topic first.", severity="warning")
            return
        if e is None:
            self.app.notify("Select a statement in the timeline first.", severity="warning")
            return
        from .dialogs import TopicPickerScreen

        uid, keep = e.item.id, row.key

        def done(target: int | None) -> None:
            if target is None:
                return
            label = next((r.topic.label for r in self.all_rows if r.topic.id == target), "")
            where = f"‘{one_line(label)}’" if label else f"topic {target}"

            def change(store: Store) -> MainScreen.StoreChanged:
                from ...topics import curation

                curation.move(store, uid, target)
                return self.StoreChanged(f"Moved the statement to {where}", keep)

            self.curate(change, doing=f"Moving the statement to {where}…",
                        failure="Could not move the statement")

        self.app.push_screen(TopicPickerScreen("Move this statement to…",
                                               [r.topic for r in self.all_rows],
                                               exclude=e.item.topic_id,
                                               sparks={r.topic.id: r.spark for r in self.all_rows}), done)

    # ---- issues: the list's tree, curation, declaring --------------------------------------
    def action_toggle_issues(self) -> None:
        """Issues ▸ topics ⇄ all topics; the selection follows (an issue → its biggest topic)."""
        row = self.current_row
        keep: Key | None = row.key if row else None
        if isinstance(row, IssueRow) and row.children:
            keep = max(row.children, key=lambda c: (c.topic.count, -c.topic.id)).key
            if self.issues_view and not row.expandable:
                keep = row.children[0].key
        self.issues_view = not self.issues_view
        self.show_topics(keep_id=keep)
        self.app.notify("Issues ▸ topics" if self.issues_view else "All topics", timeout=2)

    def _set_expanded(self, row: IssueRow, open_: bool) -> None:
        iid = row.topic.id
        if open_:
            self.expanded.add(iid)
            self.folded.discard(iid)
        else:
            self.expanded.discard(iid)
            self.folded.add(iid)
        self.show_topics(keep_id=row.key)

    def action_expand(self) -> None:
        row = self.current_row
        if isinstance(row, IssueRow) and row.expandable:
            if not row.expanded:
                self._set_expanded(row, True)
            else:  # already open: step onto its first topic
                self.topics_list.move_to(self.topics_list.cursor + 1)
        elif row is not None and self._region_of_focus() == 0:
            self.timeline_list.focus()

    def action_collapse(self) -> None:
        row = self.current_row
        if isinstance(row, IssueRow) and row.expanded:
            self._set_expanded(row, False)
        elif isinstance(row, TopicRow) and row.depth and row.topic.id in self._issue_of_topic:
            self._set_expanded(self._issue_by_id[self._issue_of_topic[row.topic.id]], False)

    def issue_rows(self) -> list[IssueRow]:
        """Every issue, biggest first, closed (for pickers)."""
        rows = [replace(r, expanded=False) for r in self.top_rows if isinstance(r, IssueRow)]
        return sorted(rows, key=lambda r: (not r.topic.pinned, -r.topic.count, r.topic.id))

    def rename_issue(self, row: IssueRow) -> None:
        from .dialogs import PromptScreen

        iid, old = row.topic.id, row.topic.label

        def done(label: str | None) -> None:
            if not label or label == old:
                return
            row.topic.label = label  # on screen at once; the worker writes it
            for c in row.children:
                c.topic.issue_label = label
            self.show_topics(keep_id=row.key)

            def change(store: Store) -> MainScreen.StoreChanged:
                from ...topics import curation

                curation.rename_issue(store, iid, label)
                return self.StoreChanged(f"Issue renamed to “{label}”", row.key, reload=False)

            self.curate(change, doing=f"Renaming the issue “{one_line(old)}” to “{one_line(label)}”…",
                        failure="Could not rename the issue")

        self.app.push_screen(PromptScreen("Rename issue", old, help="New label:"), done)

    def toggle_issue_flag(self, row: IssueRow, flag: str) -> None:
        t = row.topic
        verb, action = flip_flag(t, flag)
        self.show_topics(keep_id=row.key)
        iid, label = t.id, one_line(t.label)

        def change(store: Store) -> MainScreen.StoreChanged:
            from ...topics import curation

            curation.set_issue_flag(store, iid, action)
            if action == "watch":  # "since I last looked" starts now
                from .news import seen_key

                store.set_state(seen_key("i", iid), str(store.max_item_number()))
            return self.StoreChanged(f"{verb} the issue “{label}”", row.key, reload=False)

        self.curate(change, doing=f"{verb} the issue “{label}”…", failure=f"Could not {action} the issue")

    def merge_issue(self, row: IssueRow) -> None:
        from .dialogs import IssuePickerScreen

        src, label = row.topic.id, one_line(row.topic.label)

        def done(target: int | None) -> None:
            if target is None or target == src:
                return

            into = self._issue_by_id.get(target)
            into_label = one_line(into.topic.label) if into else f"issue {target}"

            def change(store: Store) -> MainScreen.StoreChanged:
                from ...topics import curation

                curation.merge_issues(store, src, target)
                return self.StoreChanged(f"Merged the issue “{label}” into “{into_label}”", ("i", target))

            self.curate(change, doing=f"Merging the issue “{label}” into “{into_label}”…",
                        failure="Could not merge the issues")

        self.app.push_screen(IssuePickerScreen(f"Merge the issue “{label}” into…",
                                               self.issue_rows(), exclude=src), done)

    def action_move_to_issue(self) -> None:
        row = self.current_row
        if isinstance(row, IssueRow) and len(row.children) == 1:
            row = row.children[0]
        if not isinstance(row, TopicRow):
            self.app.notify("Select a topic (→ shows an issue's topics) to move it into another "
                            "issue.", severity="warning")
            return
        from .dialogs import NEW_ISSUE, IssuePickerScreen

        tid, label = row.topic.id, one_line(row.topic.label)
        now = self._issue_of_topic.get(tid)

        def done(target: int | None) -> None:
            if target is None or target == now:
                return

            into = self._issue_by_id.get(target)
            where = ("a new issue of its own" if target == NEW_ISSUE else
                     f"“{one_line(into.topic.label)}”" if into else f"issue {target}")

            def change(store: Store) -> MainScreen.StoreChanged:
                from ...topics import curation

                curation.move_topic_to_issue(store, tid, None if target == NEW_ISSUE else target)
                return self.StoreChanged(f"Moved the topic “{label}” into {where}", ("t", tid))

            self.curate(change, doing=f"Moving the topic “{label}” into {where}…",
                        failure="Could not move the topic")

        self.app.push_screen(IssuePickerScreen(f"Move the topic “{label}” into the issue…",
                                               self.issue_rows(), exclude=now, offer_new=True), done)

    def action_declare_issue(self) -> None:
        row = self.current_row
        if isinstance(row, TopicRow) and row.topic.id in self._issue_of_topic:
            row = self._issue_by_id[self._issue_of_topic[row.topic.id]]
        if not isinstance(row, IssueRow):
            self.app.notify("Select an issue to declare it.", severity="warning")
            return
        declared = dict(self.bd_app.lib.config.storylines)
        old = row.topic.label if row.topic.label in declared else None
        self.prepare_declare(row, declared.get(old) if old else None, old)

    @work(thread=True, exclusive=True, group="declare")
    def prepare_declare(self, row: IssueRow, terms: list[str] | None, old_name: str | None) -> None:
        """The issue's most distinctive terms, spelt as its statements spell them."""
        try:
            store = self.bd_app.open_store()
            try:
                profile = store.issue_profiles([row.topic.id]).get(row.topic.id, {})
                items = items_of(store, row.topic_ids, latest=200)
            finally:
                store.close()
        except Exception as exc:  # the dashboard keeps what it shows
            self.post_message(self.ReadFailed("Could not read the issue's terms", exc))
            return
        texts = [f"{it.question or ''}\n{it.answer or ''}" for it in items]
        weights = nice_terms(profile, texts)
        self.post_message(self.DeclareReady(row, one_line(old_name or row.topic.label),
                                            terms if terms else [t for t, _ in weights],
                                            weights, old_name))

    @on(DeclareReady)
    def open_declare(self, event: DeclareReady) -> None:
        from .dialogs import DeclareIssueScreen

        def done(result: tuple[str, list[str]] | None) -> None:
            if result:
                name, terms = result
                self.declare_issue(name, terms, event.old_name)

        self.app.push_screen(DeclareIssueScreen(event.name, event.terms, event.weights,
                                                redeclare=event.old_name is not None), done)

    def declare_issue(self, name: str, terms: list[str], old_name: str | None = None) -> None:
        """A declared issue is a storyline: write [storylines] to config.toml and match it;
        topics and issues stay as they are (a curation: in a worker, after the changes asked
        for before it)."""
        path = self.bd_app.lib.paths.config_file
        # the app's config at once too: a feeds change saved meanwhile keeps the declaration
        stories = self.bd_app.lib.config.storylines
        if old_name and old_name != name:
            stories.pop(old_name, None)
        stories[name] = list(terms)
        keep = self.current_row.key if self.current_row else None

        def change(store: Store) -> MainScreen.StoreChanged:
            from ...config import load_config, save_config
            from ...topics.storylines import forget, sync

            cfg = load_config(path)
            if old_name and old_name != name:
                cfg.storylines.pop(old_name, None)
                forget(store, old_name)  # renamed: the old name goes (for the desk too)
            cfg.storylines[name] = list(terms)
            save_config(cfg, path)
            store.redeclare_storyline(name)  # declared again, after a removal on a shared store
            sync(store, cfg)
            n = len(store.storyline_members().get(name, []))
            note = (f"Declared “{name}” ({', '.join(terms)}) as a storyline: {n} statements name "
                    "it or follow up on it; topics and issues unchanged · saved in config.toml")
            return self.StoreChanged(note, keep, declared=dict(cfg.storylines))

        self.curate(change, doing=f"Declaring “{name}” as a storyline…",
                    failure=f"Could not declare “{name}”")
