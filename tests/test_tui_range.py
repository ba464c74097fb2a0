"""Side by side by the selected range: `d` with a month (or a range) and a search's
`since:`/`until:` select a range of the timeline, and side by side then shows each ministry's
statements within it (a single day selects none: ±14 days of the statement, as before)."""
from __future__ import annotations

from datetime import date

from briefdash.tui.screens.views import SideBySideScreen
from helpers_library import NOR
from helpers_tui import SIZE, main, make_app, settle
from test_tui_desk import _columns_text, _prompt, _search, add_statement, current


def _june(data_dir) -> None:
    add_statement(data_dir, "nor-june-a", date(2025, 6, 2), NOR,
                  "Norvania opens talks on the strait in June.")
    add_statement(data_dir, "nor-june-b", date(2025, 6, 25), NOR,
                  "Norvania closes the June talks on the strait.")


async def _side_by_side(pilot) -> SideBySideScreen:
    await pilot.press("b")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SideBySideScreen)
    return screen


async def test_side_by_side_shows_the_month_d_selected(tiny_library, tmp_path):
    _june(tiny_library)
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        await pilot.press("d")
        await _prompt(pilot, "June 2025")
        assert current(m.timeline_list).item.date == date(2025, 6, 2)
        screen = await _side_by_side(pilot)
        view = screen.view
        assert view.ranged and (view.start, view.end) == (date(2025, 6, 1), date(2025, 6, 30))
        assert all(view.start <= (e.item.date or view.start) <= view.end
                   for c in view.columns for e in c.entries)
        cols = _columns_text(screen)
        # 23 days apart, both within the selected month
        assert "opens talks" in cols[0] and "closes the June talks" in cols[0]
        assert "No statement from 2025-06-01 to 2025-06-30" in cols[1]
        assert "the selected range" in str(screen.query_one("#sbs-title").render())
        await pilot.press("escape")
        await pilot.press("d")  # a single day selects no range: ±14 days of the statement
        await _prompt(pilot, "2025-06-02")
        screen = await _side_by_side(pilot)
        assert not screen.view.ranged and screen.view.anchor == date(2025, 6, 2)
        assert "closes the June talks" not in " ".join(_columns_text(screen))


async def test_a_searchs_dates_become_the_range_of_the_timeline_it_opens(tiny_library, tmp_path):
    from briefdash.tui.widgets.lists import SearchList

    _june(tiny_library)
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _search(pilot, "strait since:2025-06-01 until:2025-06-30")
        rows = screen.query_one(SearchList).rows
        assert rows and all(r.item.date and r.item.date.month == 6 for r in rows)
        await pilot.press("down", "enter")
        await settle(pilot)
        sbs = await _side_by_side(pilot)
        assert sbs.view.ranged and (sbs.view.start, sbs.view.end) == (date(2025, 6, 1),
                                                                       date(2025, 6, 30))
        assert "closes the June talks" in " ".join(_columns_text(sbs))
