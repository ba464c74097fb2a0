"""80×24 is a supported size (#13.1): the statement's answer starts on screen, side by side wraps
at word boundaries with no scrollbar over the text, and the footer's hints fit, `? Help` among
them. The same checks hold at 120×36."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.geometry import Region
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

import helpers_tui
from briefdash.library import Library
from briefdash.tui.app import BriefdashApp, binding_sections, bindings_of
from briefdash.tui.screens.help import help_content
from briefdash.tui.screens.main import MainScreen
from briefdash.tui.screens.views import SBS_MIN_COLUMN, SideBySideScreen, column_layout
from briefdash.tui.widgets.detail import Detail, detail_content
from briefdash.tui.widgets.rowlist import RowList
from helpers_tui import main, settle

SIZES = [(80, 24), (120, 36)]
SIZE_IDS = ["80x24", "120x36"]


def make_app(data_dir: Path) -> BriefdashApp:
    return helpers_tui.make_app(data_dir, label="demo corpus")


def static_lines(w: Static) -> list[str]:
    """Every line a Static renders (scrolled out of view or not), as plain text."""
    return [s.text for s in w.render_lines(Region(0, 0, w.size.width, w.size.height))]


def visible_statement(d: Detail) -> list[str]:
    """The lines of the statement the Detail pane shows now."""
    body = d.query_one("#detail-body", Static)
    lines = static_lines(body)
    top = round(d.scroll_y)
    return lines[top:top + d.scrollable_content_region.height]


def assert_hints_fit(footer: Footer, hints: list[str], width: int) -> dict[str, FooterKey]:
    """Each hint is shown in full inside the terminal, none under another, nothing scrolled
    past the edge; returns the shown hints by their text."""
    shown = [k for k in footer.query(FooterKey) if k.display]
    keys = {re.sub(r"\s+", " ", str(k.render()).strip()): k for k in shown}
    for hint in hints:
        assert hint in keys, (hint, list(keys))
        k = keys[hint]
        assert k.region.width >= cell_len(hint), hint
        assert k.region.x >= 0 and k.region.right <= width, (hint, k.region)
    assert footer.max_scroll_x == 0  # nothing hidden past the edge
    for a in shown:  # the ^p hint (docked right) over none of them
        for b in shown:
            assert a is b or not a.region.overlaps(b.region), (a.region, b.region)
    return keys


# ---- the statement: a compact header, the answer on screen -------------------------------
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_answer_starts_on_screen(demo_library, size):
    """Tab, j, Enter: the statement pane has the focus; for each of the first statements of the
    timeline (long demo titles, links and questions), the answer's first words are on screen."""
    app = make_app(demo_library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("tab", "j", "enter")
        await settle(pilot)
        m = main(app)
        assert app.focused is m.detail
        seen = 0
        for i in range(min(6, len(m.timeline_list.rows))):
            m.timeline_list.move_to(i)
            await settle(pilot, 2)
            e = m.detail.entry
            assert e is not None and e is m.timeline_list.rows[i]
            if not e.item.answer.strip():
                continue
            first_words = " ".join(e.item.answer.split()[:3])
            shown = visible_statement(m.detail)
            assert any(line.startswith("A: " + first_words) for line in shown), (i, shown)
            seen += 1
        assert seen >= 3


async def test_header_cut_to_width_is_given_in_full_at_the_end(demo_library):
    """What the one-line header cuts (title, ministry, link) is repeated in full below."""
    app = make_app(demo_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        m = main(app)
        e = next(r for r in m.timeline_list.rows if len(r.item.entry_link or "") > 60)
        it = e.item
        c = detail_content(e, 40)
        lines = c.plain.split("\n")
        assert all(cell_len(line) <= 40 for line in lines[:1] + lines[2:3]), lines[:3]
        assert "(o to open)" in lines[2] and "…" in lines[2]
        link = it.entry_link or ""
        for full in (" ".join(it.entry_title.split()), it.ministry or "", link):
            assert full in c.plain
        # without a width (an export, a test) nothing is cut, nothing repeated
        plain = detail_content(e).plain
        assert plain.count(link) == 1 and "…" not in plain.split("\n")[2]
        # the pane lays the statement out for its own width, and again when that changes
        assert m.detail.text_width is not None
        shown = static_lines(m.detail.query_one("#detail-body", Static))
        width = m.detail.text_width
        assert all(cell_len(line.rstrip()) <= width for line in shown[:1] + shown[2:3]), shown[:3]
        assert shown[2].startswith("Source: ") and "(o to open)" in shown[2]  # the link on one line
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        wider = m.detail.text_width
        assert wider is not None and wider != 77
        assert m.detail._width == wider  # noqa: SLF001 (laid out again for the new width)


# ---- side by side: whole words, no scrollbar over the text -------------------------------
def _words(text: str) -> set[str]:
    return set(text.split())


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_side_by_side_wraps_at_words_and_keeps_scrollbars_off_text(demo_library, size):
    app = make_app(demo_library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SideBySideScreen)
        assert len(screen.latest) >= 4  # the demo's first issue: the hard case
        columns = list(screen.query(".sbs-column"))
        assert len(columns) == len(screen.latest)
        for col in columns:
            text = col.query_one(".sbs-text", Static)
            source = str(text.render())
            words = _words(source)
            for line in static_lines(text):
                for w in line.split():
                    assert w in words, f"{w!r} is cut from a word: {line!r}"
            # the text, then the scrollbar (when there is one), then the border: no overlap
            assert col.styles.scrollbar_size_vertical == 1
            bar = col.styles.scrollbar_size_vertical if col.show_vertical_scrollbar else 0
            border = 1 if col.styles.border_right[0] else 0
            assert text.region.right + col.styles.padding.right + bar + border <= col.region.right
            assert text.outer_size.width + col.gutter.width <= col.outer_size.width  # gutter: bar too
            assert text.size.width >= SBS_MIN_COLUMN - 4
        # the columns shown fill the strip: no sliver of one scrolled past
        strip = screen.query_one("#sbs-columns")
        shown, widths = column_layout(screen.query_one(".view").content_size.width, len(columns))
        assert strip.size.width == sum(widths[:shown])


async def test_side_by_side_arrows_bring_every_ministry_into_view(demo_library):
    app = make_app(demo_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SideBySideScreen)
        columns = list(screen.query(".sbs-column"))
        strip = screen.query_one("#sbs-columns")
        assert strip.max_scroll_x > 0  # not all fit in 80 columns
        assert "ministries at a time" in str(screen.query_one("#sbs-help", Static).render())
        for i in range(len(columns)):
            assert columns[i].has_focus
            await pilot.pause()
            assert strip.region.contains_region(columns[i].region), i
            await pilot.press("right")
            await settle(pilot, 2)
        assert columns[0].has_focus  # round again
        await pilot.press("left")
        assert columns[-1].has_focus
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


def test_column_layout():
    assert column_layout(71, 5) == (3, [23] * 5)
    assert column_layout(108, 5) == (5, [22, 22, 22, 21, 21])
    assert column_layout(108, 2) == (2, [54, 54])
    assert column_layout(10, 3) == (1, [21] * 3)
    assert column_layout(80, 0) == (0, [])


# ---- the footer ---------------------------------------------------------------------------
FOOTER_HINTS = ["f Filter topics", "e Export topic", "q Quit", "? Help", "/ Search", "r Refresh"]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_footer_hints_fit(demo_library, size):
    app = make_app(demo_library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert_hints_fit(main(app).query_one(Footer), ["⏎ Open", *FOOTER_HINTS], size[0])


def test_help_lists_every_key_the_footer_leaves_out():
    """`?` holds the rest: every binding of the app, the lists and the main screen is in the
    help, shown in the footer or not."""
    text = help_content(binding_sections(), {}).plain
    for cls in (BriefdashApp, RowList, MainScreen):
        for b in bindings_of(cls):
            assert b.description in text and (b.id or "") in text, b
    hidden = [b for b in bindings_of(BriefdashApp) + bindings_of(MainScreen) if not b.show]
    assert {b.id for b in hidden} >= {"app.feeds", "main.sort", "main.toggle_issues"}


# ---- every binding is in `?` and can be remapped -----------------------------------------
def _every_binding() -> list[tuple[str, Binding]]:
    """Every Binding written in a class of the briefdash.tui package (screens, widgets, the
    app), found by walking its modules rather than by a list that can miss a new one."""
    import briefdash.tui

    found: list[tuple[str, Binding]] = []
    for info in pkgutil.walk_packages(briefdash.tui.__path__, "briefdash.tui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, DOMNode):
                continue
            for b in cls.__dict__.get("BINDINGS", []):
                assert isinstance(b, Binding), (name, b)  # briefdash writes Binding, not tuples
                found.append((f"{module.__name__}.{name}", b))
    return found


def test_every_binding_is_listed_by_help_and_remappable():
    """Each binding of every screen and widget (the statement pane's j/k, side by side's ←/→…)
    has an id that binding_sections() lists: `?` shows it, and config.toml [keys] may remap it
    (the app checks [keys] against the same sections)."""
    from briefdash.tui.app import _all_bindings

    every = _every_binding()
    owners = {owner.rsplit(".", 1)[-1] for owner, _ in every}
    assert {"Detail", "SideBySideScreen", "FeedsScreen", "HelpScreen", "RowList"} <= owners
    listed = {b.id for _, bindings in binding_sections() for b in bindings}
    assert listed == {b.id for bindings in _all_bindings() for b in bindings}
    missing = sorted({f"{b.id} ({owner})" for owner, b in every if b.id not in listed})
    assert not missing, f"bindings ? does not list and [keys] cannot remap: {missing}"
    assert all(b.id for _, b in every), [owner for owner, b in every if not b.id]
    lines = help_content(binding_sections(), {}).plain.split("\n")
    for _, b in every:
        assert any(re.search(rf"{re.escape(b.description)} +{re.escape(b.id or '')}$", line)
                   for line in lines), b


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_help_lines_fit(demo_library, size):
    """`?` at 80×24: each binding's key, description and id on one line, none cut or wrapped."""
    app = make_app(demo_library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot, 2)
        scroll = app.screen.query_one("#help-scroll")
        text = app.screen.query_one("#help-text", Static)
        assert scroll.max_scroll_x == 0
        assert app.screen.query_one(".view").region.right <= size[0]
        lines = [line.rstrip() for line in static_lines(text)]
        for _, bindings in binding_sections():
            for b in bindings:
                assert any(line.endswith(f" {b.id}") and b.description in line for line in lines), b
        words = " ".join(lines).split()
        assert "Ministries," in words and "restatement)." in words  # the notes wrap at words


async def test_remapping_a_pane_and_a_view_key(demo_library, tmp_path):
    """[keys] remaps the statement pane's and side by side's keys, with no "unknown id"."""
    lib = Library.open(str(demo_library))
    lib.config.keys.update({"detail.down": "J", "view.next_column": "L"})
    app = BriefdashApp(lib, label="demo corpus")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not [n for n in app._notifications if "unknown" in n.message]  # noqa: SLF001
        await pilot.press("tab", "enter")
        await settle(pilot)
        m = main(app)
        assert app.focused is m.detail
        await pilot.press("J")
        await pilot.pause()
        assert m.detail.scroll_y > 0
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, SideBySideScreen)
        columns = list(app.screen.query(".sbs-column"))
        await pilot.press("L")
        await pilot.pause()
        assert columns[1].has_focus


# ---- the welcome screen (an empty library) -------------------------------------------------
def _plain(w: Static) -> str:
    r = w.render()
    return r.plain if isinstance(r, Content) else str(r)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_welcome_fits_and_nothing_is_cut(tmp_path, size):
    """The welcome box is within the terminal (above the footer), every text in it is within
    the box, and what each shows, word for word, is all of its text: nothing cut at an edge."""
    from briefdash.config import save_config
    from briefdash.models import FeedConfig
    from briefdash.tui.screens.welcome import WelcomeScreen

    lib = Library.open(str(tmp_path / "empty"))
    app = BriefdashApp(lib)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WelcomeScreen)
        width, _ = size
        box = screen.query_one("#welcome")
        footer = screen.query_one(Footer)
        assert box.region.x >= 0 and box.region.right <= width, box.region
        assert box.region.y >= 1 and box.region.bottom <= footer.region.y, box.region
        assert box.max_scroll_y == 0  # all of it in view, none to scroll to
        texts = [w for w in box.query(Static) if w.display and _plain(w)]
        assert len(texts) >= 8
        for w in texts:
            assert box.content_region.contains_region(w.region), (_plain(w), w.region)
            shown = " ".join(line for line in static_lines(w)).split()
            assert shown == _plain(w).split(), (shown, _plain(w))
        # a shell command is never split across lines (a user copies it from here)
        commands = [line for w in texts for line in static_lines(w) if "briefdash " in line]
        assert {c.split("briefdash ", 1)[1].strip() for c in commands} >= {
            "feeds add https://example.org/rss.xml", "fetch", "feeds import subscriptions.opml",
            "--demo"}
        # with a feed subscribed, the box says so (one more line) and still fits
        lib.config.feeds.append(FeedConfig(name="Example", url="https://example.org/rss.xml"))
        save_config(lib.config, lib.paths.config_file)
        screen.update_feeds()
        await settle(pilot, 2)
        line = screen.query_one("#welcome-feeds", Static)
        assert _plain(line) == "You are subscribed to 1 feed; press r to fetch it."
        assert box.content_region.contains_region(line.region)
        assert box.region.bottom <= footer.region.y and box.max_scroll_y == 0


# ---- the feeds screen's footer ---------------------------------------------------------------
FEEDS_HINTS = ["esc Back", "a Add feed", "d Remove", "space On/off", "q Quit", "? Help", "/ Search",
               "r Refresh"]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_feeds_footer_hints_fit(demo_library, size):
    """F: the feeds screen's footer shows its own keys and the app's, each in full, `? Help`
    among them, side by side within the terminal; no "⏎ Open" (Enter opens nothing there)."""
    from briefdash.tui.screens.feeds import FeedsScreen

    app = make_app(demo_library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        keys = assert_hints_fit(app.screen.query_one(Footer), FEEDS_HINTS, size[0])
        assert "⏎ Open" not in keys


# ---- the search screen's footer --------------------------------------------------------------
SEARCH_HINTS = ["⏎ Open", "esc Back, again: close", "^o Date/relevance", "q Quit", "? Help", "r Refresh"]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_search_footer_hints_fit(demo_library, size):
    """/: the search footer says what Esc does (back to the query, again to close) and how to
    order the results, each hint in full within the terminal, none under another."""
    from briefdash.tui.screens.search import SearchScreen

    app = make_app(demo_library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"strait")
        await settle(pilot)
        await pilot.press("enter")  # to the results
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert_hints_fit(app.screen.query_one(Footer), SEARCH_HINTS, size[0])


async def test_a_long_question_leaves_the_answer_on_screen(demo_library):
    """80×24, a question of five lines or more (as the China MFA's often are): reading a
    statement gives it the room, so its answer still starts on screen; the topic and the
    timeline keep a row in view for context."""
    import sqlite3

    long = (" Officials said the talks would resume next week after a pause of several months, "
            "and observers noted that both delegations had reshuffled their teams; several outlets "
            "also reported that the agenda now includes the fisheries quota and the cable outage. "
            "How do you respond to these reports, and what does the ministry expect from the talks?")
    db = sqlite3.connect(demo_library / "briefdash.sqlite3")
    with db:
        db.execute("UPDATE items SET question = question || ?", (long,))
    db.close()
    app = make_app(demo_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "j", "enter")
        await settle(pilot)
        m = main(app)
        assert app.focused is m.detail
        e = m.detail.entry
        assert e is not None and long.strip() in e.item.question
        first_words = " ".join(e.item.answer.split()[:3])
        assert any(line.startswith("A: " + first_words) for line in visible_statement(m.detail))
        for lst in (m.topics_list, m.timeline_list):  # the selected rows stay in view
            top = int(lst.scroll_offset.y)
            assert top <= lst.cursor * lst.row_height < top + lst.size.height, lst.id


# ---- topic columns: dates of other years and one long ministry name fit their cells ---------
@pytest.mark.parametrize("width", [44, 58, 80, 118])
def test_a_last_date_of_another_year_fits_its_column(width):
    from datetime import date

    from briefdash.tui.widgets.lists import short_date, topic_columns

    last = topic_columns(width)[2]
    assert short_date(date(2022, 9, 20), 2026) == "Sep 2022"
    assert len("Sep 2022") <= last
    assert short_date(date(2026, 9, 20), 2026) == "20 Sep"


def test_one_long_ministry_name_in_a_narrow_cell_gives_its_initials():
    """"The…" says nothing; "WH" does. A name that fits, or cut between two words, stays."""
    from briefdash.tui.widgets.lists import ministries_cell

    # known ministries by the names a reader knows them by (issue #23)
    assert ministries_cell(["The White House"], 4) == "WH"
    assert ministries_cell(["The White House"], 10) == "WH"
    assert ministries_cell(["The White House"], 20) == "White House"
    assert ministries_cell(["Ministry of Foreign Affairs of the PRC"], 4) == "CN"
    assert ministries_cell(["Ministry of Foreign Affairs of the PRC", "The White House"], 12) == "CN, WH"
    assert ministries_cell(["Ministry of Foreign Affairs of the PRC", "The White House"], 30) == \
        "China MFA, White House"
    assert ministries_cell(["Ministry of Foreign Affairs of the Republic of Veloria",
                            "Department of Foreign Affairs of the Federation of Norvania"], 4) == "VN"


def test_the_header_repeats_only_what_it_cut():
    """A long asker makes the line too wide, but a short ministry name cannot be shortened: it
    is not cut, so it is not given again at the end; a long one is."""
    from datetime import date

    from briefdash.models import QAItem
    from briefdash.topics.positions import TimelineEntry

    def item(ministry: str) -> TimelineEntry:
        return TimelineEntry(item=QAItem(
            index=0, kind="qa", date=date(2026, 7, 1), question="Any comment?", answer="None.",
            ministry=ministry, speaker="Spokesperson Halversen",
            asker="Correspondent of the Harbor Times Evening Edition", entry_title="Briefing",
            entry_link="https://example.org/b"))

    short = detail_content(item("Foreign Ministry"), 60).plain
    assert "Ministry: " not in short and "Foreign Ministry" in short.split("\n")[1]
    long_name = "Ministry of Foreign Affairs of the Republic of Veloria"
    cut = detail_content(item(long_name), 60).plain
    assert "Veloria" in cut.split("\n")[1] and f"Ministry: {long_name}" in cut
