"""The search screen: `/` reopens with the last query, rows name their topic, order by
relevance or date, results page on past the first 200, Esc twice."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from textual.widgets import Input, Static

from briefdash.config import Config, Paths, save_config
from briefdash.models import Entry, QAItem
from briefdash.store import Store, item_uid
from briefdash.tui.screens.search import SearchScreen
from briefdash.tui.widgets.lists import SearchList
from helpers_tui import make_app, settle

SIZE = (120, 36)
WORD = "quorum"
N_ENTRIES, PER_ENTRY = 53, 5  # 265 statements say the word: more than a page of 200
LABELS = ["Quorum of the council", "Harbour quorum rules", "Delegation quorum"]
FIRST_DAY = date(2025, 1, 6)


def _day(e: int) -> date:
    """Briefing e's day: stored out of date order, so that storage order is not date order."""
    return FIRST_DAY + timedelta(days=(e * 17) % N_ENTRIES)


def build_big_library(d: Path) -> Path:
    """N_ENTRIES briefings of PER_ENTRY statements saying WORD (1 to 4 times, so relevance
    is not date order), each in one of three topics; the last briefing ends with a
    procedural line (no topic) that says it too."""
    paths = Paths.resolve(d)
    save_config(Config(), paths.config_file)
    store = Store(paths.database)
    with store.transaction():
        topics = [store.create_topic(label) for label in LABELS]
        for e in range(N_ENTRIES):
            day = _day(e)
            key = f"big-{e}"
            entry = Entry(key=key, title=f"Press briefing {e}", link=f"https://mfa.example/{e}",
                          content=f"briefing {e}", feed_url="big.xml", ministry="Ministry of Quorum",
                          published=datetime(day.year, day.month, day.day, 8, tzinfo=UTC))
            items = [QAItem(index=i, kind="qa", date=day, speaker="Spokesperson",
                            question=f"Question {e}.{i} on the {WORD}?",
                            answer=" ".join([WORD] * (1 + (e + i) % 4)) + f" answer {e}.{i}")
                     for i in range(PER_ENTRY)]
            if e == N_ENTRIES - 1:
                items.append(QAItem(index=PER_ENTRY, kind="procedural", date=day,
                                    question="", answer=f"Next question, please; no {WORD} today."))
            store.save_entry(entry, items)
            store.assign([(item_uid(key, i), topics[(e + i) % 3]) for i in range(PER_ENTRY)])
    store.close()
    return d


MATCHES = N_ENTRIES * PER_ENTRY + 1  # and the procedural line


def search(app) -> SearchScreen:
    assert isinstance(app.screen, SearchScreen), app.screen
    return app.screen


def title(app) -> str:
    return str(search(app).query_one("#search-title", Static).render())


def results(app) -> SearchList:
    return search(app).query_one("#results", SearchList)


def query_input(app) -> Input:
    return search(app).query_one("#search-input", Input)


def dates(lst: SearchList) -> list[date]:
    out = [r.item.date for r in lst.rows]
    assert None not in out
    return [d for d in out if d is not None]


def row_text(lst: SearchList, index: int) -> str:
    """Row `index` as drawn (both its lines)."""
    lst.move_to(index, notify=False)
    top = lst.row_height * index - int(lst.scroll_offset.y)
    return "\n".join(lst.render_line(top + k).text for k in range(lst.row_height))


# ---- reopening -----------------------------------------------------------------------------
async def test_slash_reopens_with_the_last_query_selected_and_its_results(tiny_library, tmp_path):
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"drills")
        await settle(pilot)
        first = [r.item.id for r in results(app).rows]
        assert first and title(app).startswith(f"{len(first)} results for “drills”")
        await pilot.press("escape")  # from the query: closes
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen"

        await pilot.press("slash")
        await settle(pilot)
        inp = query_input(app)
        assert inp.value == "drills" and app.focused is inp
        assert (inp.selection.start, inp.selection.end) == (0, len("drills"))  # typing replaces
        assert [r.item.id for r in results(app).rows] == first and results(app).cursor == 0
        assert title(app).startswith(f"{len(first)} results for “drills”")
        # the screen still says what it is (the header), whatever the title line shows
        assert "Search every question and answer" in (search(app).title or "")

        await pilot.press(*"candid")  # replaces the selected query
        await settle(pilot)
        assert inp.value == "candid"
        assert [r.item.question[:4] for r in results(app).rows] == ["CCTV"]
        await pilot.press("escape")
        await settle(pilot)

    # the last query belongs to that dashboard: another one on the same library starts afresh
    other = make_app(tiny_library, tmp_path)
    async with other.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert query_input(other).value == "" and not results(other).rows


async def test_esc_twice_then_slash_reopens_at_the_top(tiny_library, tmp_path):
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"strait", "enter")
        await settle(pilot)
        lst = results(app)
        assert app.focused is lst and len(lst.rows) >= 3
        await pilot.press("down", "down")
        assert lst.cursor == 2
        await pilot.press("escape")  # back to the query
        assert isinstance(app.screen, SearchScreen) and app.focused is query_input(app)
        await pilot.press("escape")  # closes
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen"
        await pilot.press("slash")
        await settle(pilot)
        assert query_input(app).value == "strait"
        assert results(app).cursor == 0 and len(results(app).rows) == len(lst.rows)
        assert app.focused is query_input(app)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen"


# ---- topic labels --------------------------------------------------------------------------
async def test_each_row_shows_its_topic_label_and_procedural_lines_say_so(tmp_path):
    d = build_big_library(tmp_path / "big")
    app = make_app(d, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"next question")  # the procedural line only
        await settle(pilot)
        lst = results(app)
        assert len(lst.rows) == 1 and lst.rows[0].item.topic_id is None
        assert "procedural" in row_text(lst, 0)

        await pilot.press("enter", "enter")  # nothing to jump to: says so, stays
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert any("in no topic" in n.message for n in app._notifications)

        await pilot.press("escape")
        await pilot.press("ctrl+a", "ctrl+k", *WORD)
        await settle(pilot)
        store = Store(Paths.resolve(d).database)
        labels = {t.id: t.label for t in store.topics()}
        store.close()
        for i in range(6):
            row = lst.rows[i]
            text = row_text(lst, i)
            if row.item.topic_id is None:
                assert "procedural" in text
            else:
                assert labels[row.item.topic_id] in text, text


# ---- order ---------------------------------------------------------------------------------
async def test_order_by_date_puts_the_newest_first_and_the_title_says_so(tmp_path):
    d = build_big_library(tmp_path / "big")
    app = make_app(d, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *WORD)
        await settle(pilot)
        assert "by relevance" in title(app)
        by_rank = dates(results(app))
        assert by_rank != sorted(by_rank, reverse=True)  # relevance is not date order here

        await pilot.press("ctrl+o")  # from the query
        await settle(pilot)
        assert "by date" in title(app)
        by_date = dates(results(app))
        assert by_date[0] == max(_day(e) for e in range(N_ENTRIES))
        assert by_date == sorted(by_date, reverse=True)
        assert results(app).cursor == 0

        await pilot.press("enter", "s")  # `s` from the results: back to relevance
        await settle(pilot)
        assert "by relevance" in title(app)
        assert dates(results(app)) == by_rank
        await pilot.press("escape")
        await pilot.press("s")  # in the query, `s` is a letter
        await settle(pilot)
        assert query_input(app).value.endswith("s") and "by relevance" in title(app)


# ---- paging --------------------------------------------------------------------------------
def _total_in_title(app) -> int:
    m = re.match(r"([\d,]+) results for", title(app))
    assert m, title(app)
    return int(m.group(1).replace(",", ""))


async def test_results_page_on_past_200_and_the_title_gives_the_true_total(tmp_path):
    d = build_big_library(tmp_path / "big")
    store = Store(Paths.resolve(d).database)
    real = store.db.execute("SELECT count(*) FROM items WHERE answer LIKE ?",
                            (f"%{WORD}%",)).fetchone()[0]
    store.close()
    assert real == MATCHES > 200
    app = make_app(d, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *WORD)
        await settle(pilot)
        lst = results(app)
        assert len(lst.rows) == 200
        assert _total_in_title(app) == real and "showing 200" in title(app)
        assert "+" not in title(app)

        await pilot.press("enter", "G")  # to the last loaded result: the next page loads
        await settle(pilot)
        assert len(lst.rows) == real  # 265: all of them
        assert lst.cursor == 199  # the cursor stays where it was
        assert len({r.item.id for r in lst.rows}) == real
        assert _total_in_title(app) == real and "showing" not in title(app)

        await pilot.press("ctrl+o")  # by date: the first page again, then on to the rest
        await settle(pilot)
        assert len(lst.rows) == 200 and "showing 200" in title(app) and "by date" in title(app)
        await pilot.press("G")
        await settle(pilot)
        by_date = dates(lst)
        assert len(by_date) == real and by_date == sorted(by_date, reverse=True)


async def test_a_refresh_between_two_pages_repeats_no_statement(tmp_path):
    """A briefing stored while the results are open shifts the pages: the next page does not
    list again what the first one did (newest first, so the new item pushes one down)."""
    d = build_big_library(tmp_path / "big")
    app = make_app(d, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *WORD)
        await settle(pilot)
        await pilot.press("ctrl+o")  # by date
        await settle(pilot)
        lst = results(app)
        assert len(lst.rows) == 200
        store = Store(Paths.resolve(d).database)  # a refresh lands: one newer statement
        day = FIRST_DAY + timedelta(days=400)
        store.save_entry(Entry(key="late", title="Late briefing", link="https://mfa.example/late",
                               content="late", feed_url="big.xml", ministry="Ministry of Quorum",
                               published=datetime(day.year, day.month, day.day, 8, tzinfo=UTC)),
                         [QAItem(index=0, kind="qa", date=day, question=f"And the {WORD}?",
                                 answer=f"The {WORD} stands.")])
        store.close()
        await pilot.press("enter", "G")  # the next page
        await settle(pilot)
        ids = [r.item.id for r in lst.rows]
        assert len(ids) == len(set(ids)) == MATCHES


async def test_reopening_searches_once(tiny_library, tmp_path, monkeypatch):
    """`/` with a last query counts and reads its results once, not again when the query box is
    filled in (each search of a common word costs a full-text query on the whole library)."""
    calls: list[str] = []
    engine = type(Store(tiny_library / "briefdash.sqlite3"))  # the engine the library opens
    real = engine.search_count

    def counting(self, q):
        calls.append(q)
        return real(self, q)

    monkeypatch.setattr(engine, "search_count", counting)
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"drills")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        calls.clear()
        await pilot.press("slash")
        await settle(pilot)
        assert calls == ["drills"]
        assert results(app).rows
