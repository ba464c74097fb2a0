"""SVG snapshots of the main screens at 120×36 and 80×24 (deterministic tiny library)."""
from __future__ import annotations

import pytest

from briefdash.library import Library
from briefdash.tui.app import BriefdashApp
from helpers_library import build_tiny_library
from helpers_tui import settle


@pytest.fixture
def snap_app(tmp_path):
    def make(empty: bool = False, issues: bool = False) -> BriefdashApp:
        d = tmp_path / "lib"
        if not empty:
            build_tiny_library(d)
        if issues:  # the strait and the talks roll up into one issue; the hostile topic alone
            from briefdash.store import Store

            store = Store(Library.open(str(d)).paths.database)
            with store.transaction():
                ids = {t.label: t.id for t in store.topics()}
                region = store.create_issue("Kestrel region")
                alone = store.create_issue("[b]not bold[/b] alone")
                store.set_topic_issues([(ids["Kestrel Strait drills"], region),
                                        (ids["Trade talks"], region)]
                                       + [(t, alone) for label, t in ids.items()
                                          if label not in ("Kestrel Strait drills", "Trade talks")])
                store.set_issue_flags(region, pinned=True)
            store.close()
        return BriefdashApp(Library.open(str(d)), export_dir=tmp_path, label="tiny library")
    return make


def _keys(*keys):
    async def run_before(pilot) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
    return run_before


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_main_screen(snap_compare, snap_app, size):
    assert snap_compare(snap_app(), terminal_size=size, run_before=_keys())


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_timeline_with_detail(snap_compare, snap_app, size):
    assert snap_compare(snap_app(), terminal_size=size, run_before=_keys("tab", "j", "enter"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_search_results(snap_compare, snap_app, size):
    assert snap_compare(snap_app(), terminal_size=size,
                        run_before=_keys("slash", *"drills", "enter"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_welcome(snap_compare, snap_app, size):
    assert snap_compare(snap_app(empty=True), terminal_size=size, run_before=_keys())


def test_side_by_side(snap_compare, snap_app):
    assert snap_compare(snap_app(), terminal_size=(120, 36), run_before=_keys("b"))


def test_side_by_side_80x24(snap_compare, snap_app):
    """At 80 columns: whole words in each column, no scrollbar over the text (#13.1)."""
    assert snap_compare(snap_app(), terminal_size=(80, 24), run_before=_keys("b"))


def test_help(snap_compare, snap_app):
    assert snap_compare(snap_app(), terminal_size=(120, 36), run_before=_keys("question_mark"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_issues_expanded(snap_compare, snap_app, size):
    """An issue of two topics, opened: its topics beneath it; its timeline holds both."""
    assert snap_compare(snap_app(issues=True), terminal_size=size, run_before=_keys("enter"))
