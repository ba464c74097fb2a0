"""Pilot tests for an analyst on deadline (issue #23, the dashboard): side by side within one
period, another process's writes seen, jumping to a date, search filters and "did you mean",
exporting an issue, copying a quote, ministries' short names, what is new on watched ones."""
from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from textual.widgets import Static

from briefdash.store import Store
from briefdash.tui.screens.views import SideBySideScreen
from helpers_library import NOR
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
        assert m.topics_list.current.topic.label == "Kestrel Strait drills"
        await pilot.press("b")  # the newest statement (2026-03-16, Veloria) is selected
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SideBySideScreen)
        view = screen.view
        assert view.anchor == date(2026, 3, 16)
        for col in view.columns:
            for e in col.entries:
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
