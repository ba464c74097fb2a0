"""Driving the dashboard headless: the app on a library, the one `settle`, steady cursors.

Used by the TUI tests and by scripts/make_screenshots.py, which drives the app the same way
(it puts tests/ on sys.path); so this module needs briefdash and textual only, never pytest.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefdash.tui.app import BriefdashApp
    from briefdash.tui.screens.main import MainScreen

SIZE = (120, 36)


def make_app(data_dir: Path, tmp_path: Path | None = None, **kw) -> BriefdashApp:
    """The dashboard on the library in `data_dir`; exports go to `tmp_path`."""
    from briefdash.library import Library
    from briefdash.tui.app import BriefdashApp

    return BriefdashApp(Library.open(str(data_dir)), export_dir=tmp_path, **kw)


async def settle(pilot, rounds: int = 5) -> None:
    """Let workers finish and their results land on screen."""
    for _ in range(rounds):
        # a shared store's listener runs as long as the dashboard: not a job to wait for
        jobs = [w for w in pilot.app.workers if w.group != "store-listen"]
        if jobs:  # (an empty list would mean "all of them")
            await pilot.app.workers.wait_for_complete(jobs)
        await pilot.pause()


def main(app) -> MainScreen:
    """The main screen, asserting that it is the one showing."""
    from briefdash.tui.screens.main import MainScreen

    assert isinstance(app.screen, MainScreen), app.screen
    return app.screen


def topic_labels(app) -> list[str]:
    """The labels of the topic list's rows, top to bottom."""
    return [r.topic.label for r in main(app).topics_list.rows]


def freeze_cursor_blink(setattr: Callable[[Any, str, Any], None] = setattr) -> None:
    """Every Input made from now on shows a steady cursor instead of a blinking one.

    `setattr`: pass pytest's `monkeypatch.setattr` so that the change is undone after the test
    (the autouse fixture in conftest.py does); a script leaves it for the process."""
    from textual.widgets import Input

    # the reactive's default: `cursor_blink` starts False, so the blink timer never runs
    setattr(Input.cursor_blink, "_default", False)
