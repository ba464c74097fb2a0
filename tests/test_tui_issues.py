"""Pilot tests for issues in the dashboard: the issues ▸ topics list, issue timelines, issue
curation from the keyboard, and declaring an issue (config.toml [issues])."""
from __future__ import annotations

import tomllib

from textual.widgets import Input

from briefdash.library import Library
from briefdash.topics import curation
from briefdash.tui.app import BriefdashApp, bindings_of
from briefdash.tui.screens.main import MainScreen
from briefdash.tui.widgets.lists import IssueRow, StorylineRow, TopicList, TopicRow
from helpers_tui import SIZE, main, settle


def with_two_topic_issue(data_dir) -> tuple[int, list[int]]:
    """Put the second-biggest issue's topic into the biggest issue: an issue of several topics."""
    lib = Library.open(str(data_dir))
    try:
        issues = lib.store.issues()
        big, other = issues[0], issues[1]
        curation.move_topic_to_issue(lib.store, other["topics"][0], big["id"])
        issue = next(i for i in lib.store.issues() if i["id"] == big["id"])
        return issue["id"], sorted(issue["topics"])
    finally:
        lib.close()


def current_issue(lst: TopicList) -> IssueRow:
    row = lst.current
    assert isinstance(row, IssueRow), row
    return row


def issue_index(m: MainScreen, issue_id: int) -> int:
    return next(i for i, r in enumerate(m.topics_list.rows)
                if isinstance(r, IssueRow) and r.topic.id == issue_id)


def store_issue(data_dir, issue_id: int) -> dict | None:
    lib = Library.open(str(data_dir))
    try:
        return next((i for i in lib.store.issues() if i["id"] == issue_id), None)
    finally:
        lib.close()


async def test_issues_by_default_and_all_topics_one_key_away(demo_library, tmp_path):
    lib = Library.open(str(demo_library))
    n_issues, n_topics = len(lib.store.issues()), len(lib.store.topics())
    lib.close()
    app = BriefdashApp(Library.open(str(demo_library)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        rows = m.topics_list.rows
        assert all(isinstance(r, IssueRow) for r in rows) and len(rows) == n_issues
        title = str(m.query_one("#topics-title").render())
        assert title.startswith(f"Issues ▸ topics · {n_issues}") and "by recent volume" in title
        assert "Issue ▸ topics" in str(m.query_one("#topics-header").render())
        await pilot.press("i")
        await settle(pilot)
        rows = m.topics_list.rows
        assert all(isinstance(r, TopicRow) for r in rows) and len(rows) == n_topics
        assert str(m.query_one("#topics-title").render()).startswith(f"All topics · {n_topics}")
        # filter and sort work in the flat view, and back in the issues view
        await pilot.press("s", "s")  # by last activity, then by count
        assert "by count" in str(m.query_one("#topics-title").render())
        counts = [r.topic.count for r in m.topics_list.rows if not r.topic.pinned]
        assert counts == sorted(counts, reverse=True)
        await pilot.press("i")  # back: the selected topic's issue opens on it when it has several
        await settle(pilot)
        tops = [r for r in m.topics_list.rows if r.depth == 0]
        assert all(isinstance(r, IssueRow) for r in tops) and len(tops) == n_issues
        cur = m.topics_list.current
        assert isinstance(cur, IssueRow) or cur.topic.id in m._issue_of_topic
        counts = [r.topic.count for r in tops if not r.topic.pinned]
        assert counts == sorted(counts, reverse=True)
        label = tops[3].topic.label
        await pilot.press("f")
        m.query_one("#topic-filter", Input).value = label
        await settle(pilot)
        assert m.topics_list.rows and m.topics_list.rows[0].topic.label == label
        assert "filter:" in str(m.query_one("#topics-title").render())


async def test_expand_an_issue_and_see_its_timeline(demo_library, tmp_path):
    iid, tids = with_two_topic_issue(demo_library)
    issue = store_issue(demo_library, iid)
    app = BriefdashApp(Library.open(str(demo_library)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        lst = m.topics_list
        idx = issue_index(m, iid)
        lst.move_to(idx)
        await settle(pilot)
        row = lst.current
        assert isinstance(row, IssueRow) and row.expandable and not row.expanded
        assert "▸" in lst.render_line(idx).text
        # the issue's timeline: every statement of both its topics
        assert m.timeline_key == ("i", iid)
        assert len(m.timeline_list.rows) == issue["count"]
        assert str(m.query_one("#timeline-title").render()).startswith("Issue · ")
        # Enter opens it: its topics, indented, beneath it
        await pilot.press("enter")
        await settle(pilot)
        assert lst.cursor == idx and current_issue(lst).expanded
        kids = lst.rows[idx + 1: idx + 1 + len(tids)]
        assert all(isinstance(k, TopicRow) and k.depth == 1 for k in kids)
        assert sorted(k.topic.id for k in kids) == tids
        assert "└" in lst.render_line(idx + 1).text
        assert app.focused is lst
        # a topic row shows that topic's timeline
        await pilot.press("j")
        await settle(pilot)
        assert m.timeline_key == ("t", kids[0].topic.id)
        assert len(m.timeline_list.rows) == kids[0].topic.count
        # ← on a topic closes its issue and selects it; → opens it again, Enter again closes
        await pilot.press("left")
        await settle(pilot)
        assert lst.cursor == idx and not current_issue(lst).expanded
        await pilot.press("right")
        assert current_issue(lst).expanded and len(lst.rows) == len(m.top_rows) + len(tids)
        await pilot.press("enter")
        assert not current_issue(lst).expanded and len(lst.rows) == len(m.top_rows)


async def test_rename_pin_and_watch_an_issue(demo_library, tmp_path):
    app = BriefdashApp(Library.open(str(demo_library)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        m.topics_list.move_to(4)
        await settle(pilot)
        iid = m.current_issue.topic.id
        await pilot.press("n")
        await settle(pilot)
        inp = app.screen.query_one(Input)
        inp.value = "My [b]issue[/b]"  # feed-safe: shown as typed
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("p", "w")
        await settle(pilot)
        issue = store_issue(demo_library, iid)
        assert issue["label"] == "My [b]issue[/b]" and issue["pinned"] and issue["watched"]
        lst = m.topics_list
        assert lst.cursor == 0 and lst.current.topic.id == iid  # pinned first, still selected
        assert lst.render_line(0).text.startswith("★◉")
        assert "My [b]issue[/b]" in lst.render_line(0).text
        assert any("Pinned the issue" in n.message for n in app._notifications)
        await pilot.press("p")
        await settle(pilot)
        assert not store_issue(demo_library, iid)["pinned"]


async def test_merge_issues_and_move_a_topic_into_another_issue(demo_library, tmp_path):
    app = BriefdashApp(Library.open(str(demo_library)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        await pilot.press("s")  # by count: the biggest issues first
        rows = m.topics_list.rows
        at = next(i for i, r in enumerate(rows) if isinstance(r, IssueRow) and len(r.children) == 1)
        src_row = rows[at]
        assert isinstance(src_row, IssueRow)
        src, src_topic = src_row.topic.id, src_row.children[0].topic.id
        dst = next(r.topic.id for r in m.issue_rows() if r.topic.id != src)  # first in the picker
        dst_topics = len(store_issue(demo_library, dst)["topics"])
        # I on a one-topic issue moves its topic: pick the biggest issue
        m.topics_list.move_to(at)
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        assert type(app.screen).__name__ == "IssuePickerScreen"
        picker = app.screen.query_one("#picker-list", TopicList).rows
        assert picker[0].topic.label.endswith("a new issue of its own")
        assert src not in [r.topic.id for r in picker]
        await pilot.press("down", "enter")  # the first real issue: the biggest
        await settle(pilot)
        issue = store_issue(demo_library, dst)
        assert src_topic in issue["topics"] and len(issue["topics"]) == dst_topics + 1
        # the moved topic stays selected, shown inside its new (opened) issue
        cur = m.topics_list.current
        assert isinstance(cur, TopicRow) and cur.topic.id == src_topic and cur.depth == 1
        # and back out into a new issue of its own
        await pilot.press("I")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        issue = store_issue(demo_library, dst)
        assert src_topic not in issue["topics"]
        # m on an issue merges it into another
        m.topics_list.move_to(issue_index(m, dst))
        await settle(pilot)
        other = next(r.topic.id for r in m.topics_list.rows if r.topic.id != dst)
        await pilot.press("m")
        await settle(pilot)
        assert type(app.screen).__name__ == "IssuePickerScreen"
        label = next(r.topic.label for r in m.top_rows if r.topic.id == other)
        await pilot.press(*label.split(" · ")[0][:12])
        await pilot.press("enter")
        await settle(pilot)
        assert store_issue(demo_library, dst) is None  # merged away
        assert m.topics_list.current.topic.id == other


async def test_declare_an_issue(demo_library, tmp_path):
    app = BriefdashApp(Library.open(str(demo_library)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        await pilot.press("s")
        m.topics_list.move_to(0)
        await settle(pilot)
        row = m.current_issue
        count = row.topic.count
        await pilot.press("D")
        await settle(pilot)
        assert type(app.screen).__name__ == "DeclareIssueScreen"
        name = app.screen.query_one("#declare-name", Input)
        terms = app.screen.query_one("#declare-terms", Input)
        assert name.value == row.topic.label
        prefilled = [t.strip() for t in terms.value.split(",")]
        assert 3 <= len(prefilled) <= 6, prefilled
        # spelt as the statements spell them, a phrase not also its words
        assert any(t[0].isupper() for t in prefilled), prefilled
        for t in prefilled:
            assert not any(t != o and t.lower() in o.lower().split() for o in prefilled), prefilled
        weights = str(app.screen.query_one("#declare-weights").render())
        assert "Most distinctive now" in weights and prefilled[0] in weights
        issues_before = [(r.topic.id, r.topic.count) for r in m.top_rows if isinstance(r, IssueRow)]
        name.value = "Ostmark sanctions"
        await pilot.press("enter")
        await settle(pilot, 8)
        main(app)  # back on the main screen (main() asserts it)
        # a declared issue is a storyline: saved in config.toml, issues untouched
        cfg = tomllib.loads((demo_library / "config.toml").read_text())
        assert cfg["storylines"]["Ostmark sanctions"] == prefilled
        assert app.lib.config.storylines["Ostmark sanctions"] == prefilled
        assert [(r.topic.id, r.topic.count) for r in m.top_rows if isinstance(r, IssueRow)] == \
            issues_before
        story = m.topics_list.rows[0]
        assert isinstance(story, StorylineRow) and story.name == "Ostmark sanctions"
        assert story.topic.count >= count * 0.5
        assert any(n.message.startswith("Declared “Ostmark sanctions”") for n in app._notifications)
        # its timeline is every statement it holds
        m.topics_list.move_to(0)
        await settle(pilot, 8)
        assert m.timeline_key == story.key
        assert len(m.timeline.entries) == story.topic.count
        assert len(story.topic.ministries) > 1  # and side by side, ministry by ministry
        await pilot.press("b")
        await settle(pilot)
        assert type(app.screen).__name__ == "SideBySideScreen"
        await pilot.press("escape")
        await settle(pilot)
        # topic actions do not act on a storyline
        await pilot.press("n")
        await settle(pilot)
        main(app)
        m.topics_list.move_to(issue_index(m, row.topic.id))
        await settle(pilot)
        # D on a declared issue edits it: its terms come from config.toml
        await pilot.press("D")
        await settle(pilot)
        assert app.screen.query_one("#declare-terms", Input).value == ", ".join(prefilled)
        await pilot.press("escape")


async def test_issue_bindings_have_ids_and_reach_help_and_palette(tiny_library, tmp_path):
    from briefdash.tui.app import BriefdashCommands, binding_sections
    from briefdash.tui.screens.help import help_content

    ids = {b.id for b in bindings_of(MainScreen)}
    for bid in ("main.toggle_issues", "main.expand", "main.collapse", "main.move_to_issue",
                "main.declare_issue", "main.rename", "main.pin", "main.watch", "main.merge"):
        assert bid in ids
    assert all(b.description and b.id for b in bindings_of(MainScreen))
    text = help_content(binding_sections(), {}).plain
    assert "main.declare_issue" in text and "Declare issue" in text
    app = BriefdashApp(Library.open(str(tiny_library)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = BriefdashCommands(app.screen)
        titles = [t for t, _, _ in provider._commands()]
        assert "Issues/topics" in titles and "Declare issue (its terms)…" in titles
        # a library without issues yet: the issues view lists its topics as they are
        assert all(isinstance(r, TopicRow) for r in main(app).topics_list.rows)
