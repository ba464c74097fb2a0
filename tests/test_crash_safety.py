"""Crash safety: SIGKILL mid-ingest leaves whole entries only; cron fetch beside a reader."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefdash.feeds.parse import parse_feed
from briefdash.store import Store
from briefdash.transcripts.segment import segment_entry
from helpers_feeds import briefings, feed, make_library, rss

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _run(args, **kw):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.pop("BRIEFDASH_DATA_DIR", None)
    return subprocess.Popen([sys.executable, "-m", "briefdash", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _expected_items(files: list[Path]) -> dict[str, int]:
    """entry key → number of items, by segmenting the feeds in-process."""
    out = {}
    for f in files:
        for e in parse_feed(f.read_bytes(), str(f)).entries:
            out[e.key] = len(segment_entry(e))
    return out


def _check_whole(db: Path, expected: dict[str, int]) -> tuple[int, int]:
    con = sqlite3.connect(str(db))
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = con.execute("SELECT e.key, count(i.n), count(DISTINCT i.idx) FROM entries e "
                           "LEFT JOIN items i ON i.entry_id = e.id GROUP BY e.id").fetchall()
        for key, n, distinct in rows:
            assert key in expected, key
            assert n == expected[key] == distinct, (key, n, expected[key])
        dup = con.execute("SELECT count(*) - count(DISTINCT key) FROM entries").fetchone()[0]
        assert dup == 0
        fts = con.execute("SELECT count(*) FROM items_fts").fetchone()[0]
        items = con.execute("SELECT count(*) FROM items").fetchone()[0]
        assert fts == items
        return len(rows), items
    finally:
        con.close()


def test_sigkill_mid_ingest_leaves_whole_entries_and_the_next_run_completes(tmp_path):
    src = tmp_path / "archive"
    src.mkdir()
    files = []
    for k in range(6):
        f = src / f"feed{k}.xml"
        f.write_bytes(rss(briefings(250, prefix=f"f{k}", qa=3), title=f"Feed {k}"))
        files.append(f)
    expected = _expected_items(files)
    lib_dir = tmp_path / "lib"
    make_library(lib_dir).close()
    db = lib_dir / "briefdash.sqlite3"

    proc = _run(["--data-dir", str(lib_dir), "ingest", str(src)])
    killed_while_running = False
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                n = con.execute("SELECT count(*) FROM entries").fetchone()[0]
                con.close()
            except sqlite3.Error:
                n = 0
            if n > 0:
                break
            time.sleep(0.01)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed_while_running = True
    finally:
        proc.wait(timeout=30)
    assert killed_while_running, "the ingest finished before it could be killed; make the feeds larger"
    assert proc.returncode == -signal.SIGKILL

    # the database opens, holds only whole entries (each with all its items)
    Store(db).close()
    n_entries, _ = _check_whole(db, expected)
    assert n_entries < len(expected)  # it really was cut in the middle

    # the next run completes with no duplicates
    again = _run(["--data-dir", str(lib_dir), "ingest", str(src)])
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()
    n_entries, n_items = _check_whole(db, expected)
    assert n_entries == len(expected)
    assert n_items == sum(expected.values())


def test_cron_fetch_while_a_reader_holds_the_database(tmp_path):
    lib_dir = tmp_path / "lib"
    f1 = tmp_path / "first.xml"
    f1.write_bytes(rss(briefings(5, "first")))
    lib = make_library(lib_dir, [feed(str(f1), "first")])
    lib.close()
    first = _run(["--data-dir", str(lib_dir), "fetch"])
    assert first.wait(timeout=120) == 0

    # the "TUI": a connection that stays open and keeps reading, including a long read
    # transaction held while the writer runs
    reader = Store(lib_dir / "briefdash.sqlite3")
    before = reader.item_count()
    assert before > 0
    reader.db.execute("BEGIN")
    assert reader.db.execute("SELECT count(*) FROM items").fetchone()[0] == before
    stop = threading.Event()
    errors: list[BaseException] = []

    def keep_reading():
        r2 = Store(lib_dir / "briefdash.sqlite3")
        try:
            while not stop.is_set():
                r2.topics()
                r2.search("subject")
                time.sleep(0.005)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            r2.close()

    t = threading.Thread(target=keep_reading)
    t.start()
    try:
        f2 = tmp_path / "second.xml"
        f2.write_bytes(rss(briefings(5, "second")))
        make_library(lib_dir, [feed(str(f1), "first"), feed(str(f2), "second")]).close()
        cron = _run(["--data-dir", str(lib_dir), "fetch"])
        out, err = cron.communicate(timeout=120)
    finally:
        stop.set()
        t.join()
    assert cron.returncode == 0, err.decode()
    assert b"locked" not in out + err and b"Traceback" not in out + err
    assert not errors, errors
    # inside its old transaction the reader still sees its snapshot …
    assert reader.db.execute("SELECT count(*) FROM items").fetchone()[0] == before
    reader.db.execute("COMMIT")
    # … and sees the new items once it queries again
    assert reader.item_count() > before
    assert any("second" in (r["title"] or "") for r in reader.entries())
    reader.close()
