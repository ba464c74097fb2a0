"""Store writes run in workers: the dashboard answers keys meanwhile and says what is running.

A slow curation (or export) is simulated by wrapping the real function with a sleep; the test
presses keys while it sleeps in the worker thread.
"""
from __future__ import annotations

import threading
import time

from textual.widgets import Input, Label, ProgressBar

from briefdash.models import FetchResult, Topic
from briefdash.tui.app import BriefdashApp
from briefdash.watch import WatchNews
from helpers_tui import SIZE, main, make_app, settle, topic_labels

SLOW = 1.0  # seconds a patched store function sleeps before doing its work


def slow(monkeypatch, module, name: str, threads: list | None = None, fail: str | None = None) -> None:
    """Replace `module.name` by a version that sleeps first (and records the thread it runs on,
    or raises RuntimeError(fail))."""
    real = getattr(module, name)

    def wrapper(*a, **kw):
        if threads is not None:
            threads.append(threading.current_thread())
        time.sleep(SLOW)
        if fail:
            raise RuntimeError(fail)
        return real(*a, **kw)

    monkeypatch.setattr(module, name, wrapper)


def current(app) -> Topic:
    t = main(app).current_topic
    assert t is not None
    return t


def stored(app) -> Topic:
    """The selected topic as the store has it now."""
    t = app.lib.store.topic(current(app).id)
    assert t is not None
    return t


def status(app) -> str:
    return str(main(app).query_one("#status-text", Label).render())


def bar(app) -> ProgressBar:
    return main(app).query_one("#progress", ProgressBar)


async def test_merge_runs_in_a_worker_and_keys_answer_meanwhile(tiny_library, tmp_path, monkeypatch):
    from briefdash.topics import curation

    threads: list[threading.Thread] = []
    slow(monkeypatch, curation, "merge", threads)
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        assert current(app).label == "Kestrel Strait drills"
        await pilot.press("m")
        await settle(pilot)  # the picker opens once a worker has ranked the likely duplicates
        assert type(app.screen).__name__ == "TopicPickerScreen"
        await pilot.press(*"Trade", "enter")
        t0 = time.perf_counter()
        await pilot.pause()
        # the merge sleeps in its worker: the dashboard is back and says what it is doing
        assert app.screen is m
        assert app.busy and status(app) == "Merging “Kestrel Strait drills” into “Trade talks”…"
        assert bar(app).display and bar(app).total is None  # a busy bar, not a percentage
        before = m.topics_list.cursor
        await pilot.press("j")
        assert m.topics_list.cursor == before + 1  # the key was handled while the merge runs
        assert time.perf_counter() - t0 < SLOW  # … before the merge could have finished
        assert "Kestrel Strait drills" in topic_labels(app)  # not merged yet
        await pilot.press("k")
        await settle(pilot)
        assert len(threads) == 1 and threads[0] is not threading.main_thread()
        assert "Kestrel Strait drills" not in topic_labels(app)  # the list reloaded
        assert "Kestrel Strait drills" not in [t.label for t in app.lib.store.topics()]
        assert current(app).label == "Trade talks"  # back where they asked: it follows
        assert current(app).count == 5
        assert status(app) == "Merged “Kestrel Strait drills” into “Trade talks”"
        assert not app.busy and not bar(app).display
        assert any(n.message == status(app) for n in app._notifications)


async def test_rename_and_move_run_in_a_worker(tiny_library, tmp_path, monkeypatch):
    from briefdash.topics import curation

    threads: list[threading.Thread] = []
    slow(monkeypatch, curation, "rename", threads)
    slow(monkeypatch, curation, "move", threads)
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        await pilot.press("n")
        app.screen.query_one(Input).value = "Strait drills"
        await pilot.press("enter")
        await pilot.pause()
        assert topic_labels(app)[0] == "Strait drills"  # on screen at once …
        assert stored(app).label == "Kestrel Strait drills"  # … written later
        assert status(app).startswith("Renaming “Kestrel Strait drills”")
        await settle(pilot)
        assert stored(app).label == "Strait drills"
        assert status(app) == "Renamed to “Strait drills”"
        # move the selected statement; the timeline keeps answering meanwhile
        await pilot.press("tab")
        await pilot.press("M", *"Trade", "enter")
        await pilot.pause()
        assert status(app) == "Moving the statement to ‘Trade talks’…" and bar(app).display
        await pilot.press("j")
        assert m.timeline_list.cursor == 1
        await settle(pilot)
        assert status(app) == "Moved the statement to ‘Trade talks’"
        assert next(t for t in app.lib.store.topics() if t.label == "Trade talks").count == 2
        assert len(m.timeline_list.rows) == 3
        assert all(t is not threading.main_thread() for t in threads) and len(threads) == 2


async def test_curations_run_one_at_a_time_in_order(tiny_library, tmp_path, monkeypatch):
    from briefdash.topics import curation

    order: list[str] = []
    real_flag, real_rename = curation.set_flag, curation.rename

    def flag(store, tid, action):
        time.sleep(0.2)
        order.append(action)
        real_flag(store, tid, action)

    def rename(store, tid, label):
        order.append("rename")
        real_rename(store, tid, label)

    monkeypatch.setattr(curation, "set_flag", flag)
    monkeypatch.setattr(curation, "rename", rename)
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p", "w", "n")  # pin, watch, rename: queued behind the slow pin
        app.screen.query_one(Input).value = "Drills"
        await pilot.press("enter")
        await settle(pilot)
        assert order == ["pin", "watch", "rename"]
        t = stored(app)
        assert (t.pinned, t.watched, t.label) == (True, True, "Drills")
        assert not app.busy


async def test_a_failing_curation_says_so_and_the_dashboard_survives(tiny_library, tmp_path, monkeypatch):
    from briefdash.topics import curation

    slow(monkeypatch, curation, "merge", fail="disk on fire")
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        labels = topic_labels(app)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press(*"Trade", "enter")
        await settle(pilot)
        assert app.is_running and app.screen is main(app)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert [n.message for n in errors] == ["Could not merge the topics: disk on fire"]
        assert status(app) == "Could not merge the topics: disk on fire"
        assert topic_labels(app) == labels and not app.busy and not bar(app).display
        # the queue is not stuck: the next change goes through
        await pilot.press("p")
        await settle(pilot)
        assert stored(app).pinned


async def test_a_failing_optimistic_rename_is_undone(tiny_library, tmp_path, monkeypatch):
    from briefdash.topics import curation

    slow(monkeypatch, curation, "rename", fail="read-only")
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        app.screen.query_one(Input).value = "Strait drills"
        await pilot.press("enter")
        await pilot.pause()
        assert topic_labels(app)[0] == "Strait drills"
        await settle(pilot)
        assert topic_labels(app)[0] == "Kestrel Strait drills"  # reloaded from the store
        assert status(app) == "Could not rename the topic: read-only"


async def test_export_shows_its_progress(tiny_library, tmp_path, monkeypatch):
    import briefdash.export as export

    slow(monkeypatch, export, "export_topics")
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", "enter")
        await pilot.pause()
        path = tmp_path / "kestrel-strait-drills.md"
        assert status(app) == f"Exporting “Kestrel Strait drills” to {path}…" and bar(app).display
        assert not bar(app).query_one("#percentage").display  # a busy bar has no "--%"
        await pilot.press("j")
        assert main(app).topics_list.cursor == 1
        await settle(pilot)
        assert path.exists() and status(app) == f"Wrote {path}" and not bar(app).display


async def test_refresh_progress_reaches_the_status_through_the_reactives(tiny_library, tmp_path):
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # what the refresh worker does, from the UI's side: started, one feed of two done, finished
        app.refresh_progress = (0, 2)
        app.refreshing = True
        await pilot.pause()
        assert bar(app).display and bar(app).total == 2 and bar(app).progress == 0
        assert bar(app).query_one("#percentage").display
        app.post_message(BriefdashApp.RefreshProgress(
            FetchResult(name="Feed A", url="https://a.example/rss", status="ok", new=1), 1, 2))
        await pilot.pause()
        assert status(app) == "Refreshing… 1/2 feeds done"
        assert bar(app).total == 2 and bar(app).progress == 1
        assert any(n.title == "Feed refreshed" for n in app._notifications)
        results = [FetchResult(name="Feed A", url="https://a.example/rss", status="ok", new=1),
                   FetchResult(name="Feed B", url="https://b.example/rss", status="error", error="404")]
        version = app.library_version
        app.post_message(BriefdashApp.RefreshFinished(results, set(), WatchNews(), 6))
        await settle(pilot)
        assert not app.refreshing and not bar(app).display
        assert status(app).startswith("Refreshed 2 feeds: 0 new statements, 1 failed · 6 statements")
        assert app.library_version == version + 1  # the main screen reloads its list on this
        # a failed refresh: the bar goes, the status is the library again
        app.refreshing = True
        app.post_message(BriefdashApp.RefreshFailed("OSError: no network"))
        await settle(pilot)
        assert not bar(app).display and status(app).startswith("6 statements")
        assert any(n.message == "Refresh failed: OSError: no network" for n in app._notifications)


async def test_a_reload_waits_for_the_queued_changes(tiny_library, tmp_path, monkeypatch):
    """A rename reloads the list; a pin queued behind it must not be undone on screen by that
    reload (read before the pin is written)."""
    from briefdash.topics import curation

    slow(monkeypatch, curation, "rename")
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        app.screen.query_one(Input).value = "Drills"
        await pilot.press("enter", "p")
        assert current(app).pinned  # on screen at once
        await settle(pilot)
        assert current(app).label == "Drills" and current(app).pinned
        assert stored(app).pinned and stored(app).label == "Drills"


def selected_topic(app) -> Topic:
    t = main(app).current_topic
    assert t is not None
    return t


# ---- a list read before a change is written never undoes it on screen -----------------------
async def test_a_refresh_during_a_pin_does_not_undo_it_on_screen(tiny_library, tmp_path, monkeypatch):
    """A refresh that ends while a pin waits to be written asks for a reload: it waits for the
    queue, so the list it shows holds the pin (on screen as in the store)."""
    from briefdash.topics import curation

    slow(monkeypatch, curation, "set_flag")
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        assert selected_topic(app).pinned
        app.library_version += 1  # what a finished refresh does
        await settle(pilot)
        tid = selected_topic(app).id
        stored = app.lib.store.topic(tid)
        assert selected_topic(app).pinned and stored is not None and stored.pinned


async def test_a_list_read_before_a_pin_is_not_shown_over_it(tiny_library, tmp_path, monkeypatch):
    """A reload (after a rename) still reading when the user pins: its list predates the pin and
    is read again once the pin is written, instead of showing the topic unpinned."""
    import briefdash.tui.screens.main as main_module

    real = main_module.load_list_rows
    state = {"slow": False}

    def slow_read(store):
        out = real(store)  # read now, arrive later (a big library)
        if state["slow"]:
            time.sleep(SLOW)
        return out

    monkeypatch.setattr(main_module, "load_list_rows", slow_read)
    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        state["slow"] = True
        await pilot.press("n")
        app.screen.query_one(Input).value = "Drills"
        await pilot.press("enter")
        for _ in range(50):  # the rename written, its reload reading
            await pilot.pause(0.05)
            if not app.busy:
                break
        await pilot.pause(0.2)
        await pilot.press("p")
        assert selected_topic(app).pinned
        await settle(pilot)
        state["slow"] = False
        await settle(pilot)
        t = selected_topic(app)
        stored = app.lib.store.topic(t.id)
        assert t.label == "Drills" and t.pinned and stored is not None and stored.pinned


async def test_a_store_that_cannot_be_read_is_said_and_survived(tiny_library, tmp_path, monkeypatch):
    """Reading a timeline fails (a lock held too long): an error says so, the dashboard stays."""
    import briefdash.tui.screens.main as main_module

    app = make_app(tiny_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def locked(*a, **kw):
            raise RuntimeError("database is locked")

        monkeypatch.setattr(main_module, "items_of", locked)
        await pilot.press("j")
        await settle(pilot)
        assert app.is_running and main(app).topics_list.cursor == 1
        assert any("database is locked" in n.message and n.severity == "error"
                   for n in app._notifications)


async def test_a_feed_toggled_while_an_issue_is_declared_keeps_both(demo_library, tmp_path, monkeypatch):
    """Declaring matches the storyline against the store in a worker (seconds on a big
    library). A feed toggled on the feeds screen meanwhile saves the app's config: the
    declaration is in it already, so config.toml ends with both."""
    import tomllib

    from briefdash.topics import storylines

    slow(monkeypatch, storylines, "sync")
    app = make_app(demo_library, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        main(app).topics_list.move_to(0)
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        app.screen.query_one("#declare-name", Input).value = "Ostmark sanctions"
        await pilot.press("enter")
        await pilot.pause(0.1)  # the matching is running
        assert app.busy
        await pilot.press("F")
        await pilot.pause()
        first = app.lib.config.feeds[0]
        was = first.enabled
        await pilot.press("space")  # toggles the selected (first) feed and saves config.toml
        await pilot.press("escape")
        await settle(pilot, 8)
        cfg = tomllib.loads((demo_library / "config.toml").read_text())
        assert "Ostmark sanctions" in cfg["storylines"]
        assert [f for f in cfg["feeds"] if f["url"] == first.url][0]["enabled"] is (not was)
