"""Pilot tests for an analyst on deadline (issue #23, the dashboard): side by side within one
period, another process's writes seen, jumping to a date, search filters and "did you mean",
exporting an issue, copying a quote, ministries' short names, what is new on watched ones."""
from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from textual.widgets import Static

from briefdash.store import Store
from briefdash.tui.screens.views import SideBySideScreen
from helpers_library import NOR, VEL
from helpers_tui import SIZE, main, make_app, settle


def add_statement(data_dir: Path, key: str, day: date, ministry: str, answer: str, *,
                  topic_label: str = "Kestrel Strait drills", speaker: str = "Mr Halversen",
                  link: str | None = None) -> str:
    """One briefing of one statement, written by a Store of its own (as another process
    would), put in the topic labelled `topic_label`; returns the statement's id."""
    from briefdash.config import Paths
    from briefdash.models import Entry, QAItem
    from briefdash.store import item_uid

    store = Store(Paths.resolve(data_dir).database)
    try:
        tid = next(t.id for t in store.topics() if t.label == topic_label)
        entry = Entry(key=key, title=f"Briefing {key}", link=link or f"https://brief.example/{key}",
                      published=datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC),
                      content=f"briefing {key} {answer}", feed_url="other.xml", ministry=ministry)
        item = QAItem(index=0, kind="qa", question="QUESTION: And the strait?", answer=answer,
                      position=answer, speaker=speaker, asker="Harbor Times", ministry=ministry)
        item.date = day
        with store.transaction():
            store.save_entry(entry, [item])
            store.assign([(item_uid(key, 0), tid)])
        return item_uid(key, 0)
    finally:
        store.close()


def current(lst):
    """The list's selected row (there must be one)."""
    row = lst.current
    assert row is not None
    return row


def _columns_text(screen) -> list[str]:
    return [str(c.query_one(Static).render()) for c in screen.query(".sbs-column")]


# ---- 1. side by side by time ---------------------------------------------------------------
async def test_side_by_side_never_pairs_statements_further_apart_than_the_window(tiny_library, tmp_path):
    far = add_statement(tiny_library, "nor-old", date(2025, 6, 2), NOR,
                        "Norvania keeps an old distant view on the strait.")
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        assert current(m.topics_list).topic.label == "Kestrel Strait drills"
        await pilot.press("b")  # the newest statement (2026-03-16, Veloria) is selected
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SideBySideScreen)
        view = screen.view
        assert view.anchor == date(2026, 3, 16)
        for col in view.columns:
            for e in col.entries:
                assert e.item.date is not None
                assert abs((e.item.date - view.anchor).days) <= view.days
        text = " ".join(_columns_text(screen))
        assert "2026-03-03" in text  # Norvania within the fortnight
        assert "2025-06-02" not in text and "old distant view" not in text
        await pilot.press("escape")
        # on the distant Norvanian statement: Veloria said nothing within the window
        tl = m.timeline_list
        tl.move_to(next(i for i, e in enumerate(tl.rows) if e.item.id == far))
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SideBySideScreen)
        assert screen.view.anchor == date(2025, 6, 2)
        cols = _columns_text(screen)
        assert "old distant view" in cols[0]  # the selected statement's ministry first
        assert "No statement within 14 days of 2025-06-02" in cols[1]
        assert "2026-03" not in cols[1].split("(")[0]  # no distant statement beside it


# ---- 2. another process's writes ----------------------------------------------------------
async def _until(pilot, check, seconds: float = 2.0) -> float:
    """Wait (in small steps) until `check()` holds; returns how long it took, or fails."""
    import time

    start = time.monotonic()
    while time.monotonic() - start < seconds:
        await pilot.pause(0.05)
        if check():
            return time.monotonic() - start
    raise AssertionError(f"not within {seconds} s")


async def test_dashboard_shows_another_process_ingest_within_two_seconds(tiny_library, tmp_path):
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        tl = m.timeline_list
        await pilot.press("tab", "j")  # reading the second statement of the strait
        await settle(pilot)
        reading = current(tl).item.id
        await pilot.pause(1.2)  # the poll has taken the store as it is
        uid = add_statement(tiny_library, "nor-new", date(2026, 3, 20), NOR,
                            "Norvania now sends a frigate to the strait.")
        await _until(pilot, lambda: any(e.item.id == uid for e in tl.rows), 2.0)
        assert current(m.topics_list).topic.label == "Kestrel Strait drills"
        assert current(m.topics_list).topic.count == 5
        assert current(tl).item.id == reading  # the reading position is kept
        assert uid in app.new_ids  # marked new in the timeline
        assert any("changed on disk" in n.message for n in app._notifications)  # noqa: SLF001


async def test_r_without_feeds_reloads_from_the_store(tiny_library, tmp_path):
    app = make_app(tiny_library, tmp_path)
    app.lib.config.feeds = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        uid = add_statement(tiny_library, "nor-r", date(2026, 3, 21), NOR, "Norvania says more.")
        await pilot.press("r")
        await _until(pilot, lambda: any(e.item.id == uid for e in m.timeline_list.rows), 2.0)
        assert any("reloaded the library" in n.message for n in app._notifications)  # noqa: SLF001


# ---- 3. dates and filters -------------------------------------------------------------------
async def _prompt(pilot, text: str) -> None:
    from textual.widgets import Input

    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_d_jumps_to_the_first_statement_on_or_after_a_date(tiny_library, tmp_path):
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        tl = m.timeline_list
        assert current(tl).item.date == date(2026, 3, 16)  # newest first
        for typed, want in (("2026-03-04", date(2026, 3, 9)), ("3 March 2026", date(2026, 3, 3)),
                            ("March 2026", date(2026, 3, 2)), ("2026-03", date(2026, 3, 2))):
            await pilot.press("d")
            await _prompt(pilot, typed)
            assert app.focused is tl
            assert current(tl).item.date == want, typed
        await pilot.press("t")  # oldest first: the same statement is found
        await settle(pilot)
        await pilot.press("d")
        await _prompt(pilot, "2026-03-08")
        assert current(tl).item.date == date(2026, 3, 9)
        await pilot.press("d")  # not a date: said so, the cursor stays
        await _prompt(pilot, "Marsh 2026")
        assert current(tl).item.date == date(2026, 3, 9)
        assert any("not a month" in n.message for n in app._notifications)  # noqa: SLF001


async def _search(pilot, query: str):
    from textual.widgets import Input

    from briefdash.tui.screens.search import SearchScreen

    if not isinstance(pilot.app.screen, SearchScreen):
        await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    screen.query_one(Input).value = query
    await settle(pilot)
    return screen


async def test_search_filters_by_ministry_speaker_and_dates(tiny_library, tmp_path):
    from briefdash.tui.widgets.lists import SearchList

    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _search(pilot, "strait")
        rows = screen.query_one(SearchList).rows
        assert {r.item.ministry for r in rows} == {VEL, NOR}
        screen = await _search(pilot, "strait ministry:Norvania")
        rows = screen.query_one(SearchList).rows
        assert rows and {r.item.ministry for r in rows} == {NOR}
        shown = str(screen.query_one("#search-filter", Static).render())
        assert "Norvania" in shown
        screen = await _search(pilot, 'drills ministry:veloria since:2026-03-05 until:"16 March 2026"')
        dates = sorted(r.item.date for r in screen.query_one(SearchList).rows)
        assert dates and dates[0] >= date(2026, 3, 5) and dates[-1] <= date(2026, 3, 16)
        screen = await _search(pilot, "speaker:Halversen")  # a filter alone lists its statements
        rows = screen.query_one(SearchList).rows
        assert rows and {r.item.speaker for r in rows} == {"Mr Halversen"}
        screen = await _search(pilot, "strait since:2026-13")
        assert "not a date" in str(screen.query_one("#search-filter", Static).render())


async def test_search_offers_the_closest_word_and_enter_uses_it(tiny_library, tmp_path):
    from briefdash.tui.widgets.lists import SearchList

    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _search(pilot, "Kestrl ministry:Veloria")
        assert not screen.query_one(SearchList).rows
        title = str(screen.query_one("#search-title", Static).render())
        assert "did you mean “Kestrel ministry:Veloria”" in title
        await pilot.press("enter")
        await settle(pilot)
        rows = screen.query_one(SearchList).rows
        assert rows and all("Kestrel" in (r.item.question + r.item.answer) for r in rows)
        assert {r.item.ministry for r in rows} == {VEL}


async def test_e_on_an_issue_exports_the_issue(demo_library, tmp_path):
    from textual.widgets import Input

    from briefdash.library import Library
    from briefdash.topics import curation
    from briefdash.tui.widgets.lists import IssueRow

    lib = Library.open(str(demo_library))
    try:
        issues = lib.store.issues()
        curation.move_topic_to_issue(lib.store, issues[1]["topics"][0], issues[0]["id"])
        issue = next(i for i in lib.store.issues() if i["id"] == issues[0]["id"])
        total = sum(len(lib.store.topic_items(tid)) for tid in issue["topics"])
        biggest = max(len(lib.store.topic_items(tid)) for tid in issue["topics"])
    finally:
        lib.close()
    app = make_app(demo_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        lst = m.topics_list
        lst.move_to(next(i for i, r in enumerate(lst.rows)
                         if isinstance(r, IssueRow) and r.topic.id == issue["id"]))
        await settle(pilot)
        row = current(lst)
        assert isinstance(row, IssueRow) and len(row.children) > 1
        await pilot.press("e")
        assert "the issue" in str(app.screen.query_one(".dialog-title").render())
        path = Path(app.screen.query_one("#export-path", Input).value)
        await pilot.press("enter")
        await settle(pilot)
        out = path.read_text()
        assert out.startswith(f"# {issue['label']}")
        assert total > biggest  # the statements of all its topics, not of one
        assert f"- Statements: {total}\n" in out


# ---- 5. the desk's habits -----------------------------------------------------------------
async def test_c_copies_the_quote_with_speaker_ministry_date_and_link(tiny_library, tmp_path,
                                                                     monkeypatch):
    app = make_app(tiny_library, tmp_path)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tl = main(app).timeline_list
        await pilot.press("tab", "j")  # 2026-03-09, Veloria
        await settle(pilot)
        item = current(tl).item
        await pilot.press("c")
        await settle(pilot)
        assert len(copied) == 1
        text = copied[0]
        assert item.answer.split(".")[0] in text
        assert "Mei Tassen" in text and VEL in text and "March 9, 2026" in text
        assert "https://mfa.veloria.example/pc/0309" in text
        assert any(n.title == "Quote copied" for n in app._notifications)  # noqa: SLF001


async def test_ministries_column_uses_short_names_and_config_short_name(tiny_library, tmp_path):
    from briefdash.config import FeedConfig, Paths, load_config, save_config

    add_statement(tiny_library, "wh-1", date(2026, 3, 10), "The White House",
                  "We are watching the talks closely.", topic_label="Trade talks")
    add_statement(tiny_library, "prc-1", date(2026, 3, 11), "Ministry of Foreign Affairs of the PRC",
                  "The talks were useful.", topic_label="Trade talks")
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=(160, 36)) as pilot:
        await settle(pilot)
        lst = main(app).topics_list
        i = next(k for k, r in enumerate(lst.rows) if r.topic.label == "Trade talks")
        line = lst.render_line(i - int(lst.scroll_offset.y)).text
        # three ministries in a narrow column: abbreviations a reader knows, not initials ("PTM")
        assert "CN, V, WH" in line, line
        await pilot.press("question_mark")
        legend = str(app.screen.query_one("#help-text", Static).render())
        assert "WH" in legend and "The White House" in legend and "China MFA" in legend
    # a feed's short_name in config.toml names the ministry its statements give
    paths = Paths.resolve(tiny_library)
    cfg = load_config(paths.config_file)
    cfg.feeds.append(FeedConfig(name="Norvania", url="other.xml", short_name="DFA-N"))
    save_config(cfg, paths.config_file)
    add_statement(tiny_library, "nor-9", date(2026, 3, 12), NOR, "Norvania too.")
    assert 'short_name = "DFA-N"' in paths.config_file.read_text()
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=(160, 36)) as pilot:
        await settle(pilot)
        lst = main(app).topics_list
        i = next(k for k, r in enumerate(lst.rows) if r.topic.label == "Kestrel Strait drills")
        assert "DFA-N" in lst.render_line(i - int(lst.scroll_offset.y)).text


async def test_new_on_watched_since_last_look(tiny_library, tmp_path):
    from briefdash.tui.screens.news import WatchedNewsScreen
    from briefdash.tui.widgets.lists import SearchList

    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        assert current(m.topics_list).topic.label == "Kestrel Strait drills"
        await pilot.press("w")  # watch it: "since I last looked" starts now
        await settle(pilot)
        uid = add_statement(tiny_library, "nor-w", date(2026, 3, 22), NOR, "Norvania sends observers.")
        add_statement(tiny_library, "vel-t", date(2026, 3, 22), VEL, "Trade is fine.",
                      topic_label="Trade talks", speaker="Mei Tassen")  # not watched
        # the dashboard reloads on another process's write (its poll runs every second): the
        # jump below must select the statement whether that reload lands before it or after
        await pilot.pause(1.5)
        await settle(pilot)
        await pilot.press("W")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WatchedNewsScreen)
        rows = screen.query_one(SearchList).rows
        assert [r.item.id for r in rows] == [uid]
        await pilot.press("enter")  # opens it in its topic
        await settle(pilot)
        assert current(m.timeline_list).item.id == uid
        await pilot.press("W")  # seen: nothing new the second time
        await settle(pilot)
        assert isinstance(app.screen, WatchedNewsScreen)
        assert app.screen.query_one(SearchList).rows == []
