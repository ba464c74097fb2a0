"""Shared fixtures: a tiny deterministic library, the demo library, steady cursors.

The builders behind them live in helpers_library.py (tests import from there, never from here)."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers_library import build_tiny_library
from helpers_tui import freeze_cursor_blink


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch) -> None:
    """Input cursors do not blink in any test: a screen drawn twice is the same screen, so
    snapshots and screen reads never depend on when the blink timer last fired."""
    freeze_cursor_blink(monkeypatch.setattr)


@pytest.fixture
def tiny_library(tmp_path) -> Path:
    return build_tiny_library(tmp_path / "lib")


@pytest.fixture(scope="session")
def _demo_library_master(tmp_path_factory) -> Path:
    from briefdash.demo_library import build_demo_library

    d = tmp_path_factory.mktemp("demo-master")
    build_demo_library(d)
    return d


@pytest.fixture
def demo_library(_demo_library_master, tmp_path) -> Path:
    """The demo corpus, built once per session and copied for each test (tests may write)."""
    d = tmp_path / "demo"
    shutil.copytree(_demo_library_master, d)
    return d


@pytest.fixture
def pg_store_url() -> Iterator[str]:
    """A PostgreSQL store address of its own (skips, or fails under CI, without a server)."""
    from helpers_postgres import fresh_schema

    yield from fresh_schema()


@pytest.fixture(params=["sqlite", "postgres"])
def store_target(request, tmp_path) -> Iterator[str]:
    """The store's tests run on both engines: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "db.sqlite3")
    else:
        from helpers_postgres import fresh_schema

        yield from fresh_schema()
