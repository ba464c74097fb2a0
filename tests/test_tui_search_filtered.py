"""The search screen pages a filtered search as it pages any other: the first page at once,
how many there are after, the next page as the cursor comes near the end."""
from __future__ import annotations

from datetime import date

from textual.widgets import Static

from briefdash.tui.screens import search
from briefdash.tui.widgets.lists import SearchList
from helpers_library import VEL
from helpers_tui import SIZE, make_app, settle
from test_tui_desk import _search, add_statement


async def test_a_filtered_search_is_counted_and_paged(tiny_library, tmp_path, monkeypatch):
    monkeypatch.setattr(search, "PAGE", 3)
    monkeypatch.setattr(search, "FIRST_FILTERED_PAGE", 2)  # a first page smaller than the next
    monkeypatch.setattr(search, "MORE_AHEAD", 1)
    for k, day in enumerate((date(2026, 2, 9), date(2026, 2, 16), date(2026, 2, 23))):
        add_statement(tiny_library, f"vel-more-{k}", day, VEL,
                      f"Veloria keeps watching the strait, week {k + 1}.", speaker="Mei Tassen")
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        store = app.lib.store
        every = [it for it, _ in store.search("strait", limit=100) if it.ministry == VEL]
        assert len(every) > 2
        screen = await _search(pilot, "strait ministry:Veloria")
        lst = screen.query_one(SearchList)
        assert len(lst.rows) == 2 and screen.total == len(every)
        title = str(screen.query_one("#search-title", Static).render())
        assert f"{len(every)} results" in title and "showing 2" in title
        await pilot.press("down")  # to the results; the cursor nears the end: more come
        for _ in range(len(every)):
            await pilot.press("down")
            await settle(pilot)
        assert sorted(r.item.id for r in lst.rows) == sorted(it.id for it in every)
