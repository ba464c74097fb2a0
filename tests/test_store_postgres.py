"""A desk on one PostgreSQL store (issue #22): the same library as SQLite through the CLI, two
fetches at once, `store copy` both ways, change notices, dashboards seeing each other's rename,
a lost connection, and a password that never appears in any output.

Runs against a real server (`BRIEFDASH_TEST_PG`; `.ci/run` starts Debian's postgresql)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from briefdash.cli import main
from briefdash.config import Config, save_config
from briefdash.models import Entry, QAItem
from briefdash.store import Store
from helpers_feeds import briefings, rss
from helpers_library import build_tiny_library
from helpers_tui import SIZE, make_app, settle
from helpers_tui import main as main_screen

DEMO_FEEDS = Path(__file__).resolve().parent.parent / "src" / "briefdash" / "demo" / "feeds"


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_store_in_env(monkeypatch):
    """`--store` puts its address in the environment (for `serve`'s dashboards): undo it."""
    monkeypatch.setenv("BRIEFDASH_STORE", "")


def _ingest_demo(capsys, data_dir: Path, *store: str) -> None:
    for name in ("norvania-dfa.xml", "veloria-mfa.xml"):
        code, _, err = run_cli(capsys, "--data-dir", str(data_dir), *store, "ingest",
                               str(DEMO_FEEDS / name))
        assert code == 0, err


def _views(capsys, data_dir: Path, *store: str) -> dict[str, str]:
    out = {}
    for view in (["topics", "--json"], ["issues", "--json"], ["storylines", "list", "--json"],
                 ["search", "tariffs", "--limit", "500"], ["timeline", "1"]):
        code, text, err = run_cli(capsys, "--data-dir", str(data_dir), *store, *view)
        assert code == 0, (view, err)
        out[" ".join(view)] = text
    return out


def test_the_cli_builds_the_same_library_on_postgresql_as_on_sqlite(pg_store_url, tmp_path, capsys):
    _ingest_demo(capsys, tmp_path / "sq")
    _ingest_demo(capsys, tmp_path / "pg", "--store", pg_store_url)
    on_sqlite = _views(capsys, tmp_path / "sq")
    on_postgres = _views(capsys, tmp_path / "pg", "--store", pg_store_url)
    assert json.loads(on_sqlite["topics --json"])["topics"]  # a real library, not two empty ones
    for view, text in on_sqlite.items():
        assert on_postgres[view] == text, view
    # curation through the CLI: a rename lands, with who did it
    code, _, err = run_cli(capsys, "--data-dir", str(tmp_path / "pg"), "--store", pg_store_url,
                           "topics", "rename", "1", "Harbour dispute")
    assert code == 0, err
    store = Store(pg_store_url)
    try:
        topic = store.topic(1)
        assert topic is not None and topic.label == "Harbour dispute"
        assert store.db.execute("SELECT who FROM curation").fetchone()[0]
    finally:
        store.close()


def test_two_fetches_at_once_store_exactly_what_one_fetch_stores(pg_store_url, tmp_path, httpserver):
    for k in range(3):
        httpserver.expect_request(f"/feed{k}.xml").respond_with_data(
            rss(briefings(6, prefix=f"f{k}", qa=3, link_base=f"http://127.0.0.1/f{k}/")),
            content_type="application/rss+xml")
    feeds = "".join(f'\n[[feeds]]\nname = "f{k}"\nurl = "{httpserver.url_for(f"/feed{k}.xml")}"\n'
                    for k in range(3))
    dirs = []
    for who in ("ana", "ben"):
        d = tmp_path / who
        d.mkdir()
        (d / "config.toml").write_text(f'[store]\nurl = "{pg_store_url}"\n[desk]\nname = "{who}"\n'
                                       + feeds, encoding="utf-8")
        dirs.append(d)
    env = {**os.environ, "BRIEFDASH_STORE": ""}
    procs = [subprocess.Popen([sys.executable, "-m", "briefdash", "--data-dir", str(d), "fetch"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
             for d in dirs]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    store = Store(pg_store_url)
    try:
        uids = [r[0] for r in store.db.execute("SELECT uid FROM items")]
        assert store.entry_count() == 18
        assert len(uids) == len(set(uids)) == 18 * 3
        assert store.db.execute("SELECT count(*) FROM items WHERE topic_id IS NULL "
                                "AND kind != 'procedural'").fetchone()[0] == 0
        placed = store.db.execute("SELECT sum(count) FROM g_topic").fetchone()[0]
        grouped = store.db.execute("SELECT count(*) FROM items WHERE topic_id IS NOT NULL"
                                   ).fetchone()[0]
        assert placed == grouped  # no statement counted twice by two groupings
    finally:
        store.close()


def test_store_copy_sqlite_to_postgresql_and_back_keeps_the_library(pg_store_url, tmp_path, capsys):
    data = tmp_path / "lib"
    _ingest_demo(capsys, data)
    for args in (["topics", "rename", "2", "Renamed by hand"], ["storylines", "add", "Tariffs",
                                                                   "tariff", "steel"]):
        assert run_cli(capsys, "--data-dir", str(data), *args)[0] == 0
    before = _views(capsys, data)
    first = tmp_path / "lib" / "briefdash.sqlite3"
    code, out, err = run_cli(capsys, "store", "copy", "--from", f"sqlite:///{first}",
                             "--to", pg_store_url)
    assert code == 0, err
    assert "every table's count checked" in out
    on_postgres = _views(capsys, data, "--store", pg_store_url)
    for view in ("topics --json", "issues --json", "storylines list --json", "timeline 1"):
        assert on_postgres[view] == before[view], view
    back = tmp_path / "back.sqlite3"
    code, _, err = run_cli(capsys, "store", "copy", "--from", pg_store_url, "--to", f"sqlite:///{back}")
    assert code == 0, err
    again = _views(capsys, data, "--store", f"sqlite:///{back}")
    assert again == before
    # the destination must be empty: a second copy is refused, in words
    code, _, err = run_cli(capsys, "store", "copy", "--from", f"sqlite:///{first}", "--to", pg_store_url)
    assert code == 1 and "already holds a library" in err


def test_a_commit_on_one_connection_is_noticed_on_another_without_polling(pg_store_url):
    watcher, writer = Store(pg_store_url), Store(pg_store_url)
    try:
        assert watcher.wait_for_change(0.2) is False
        version = watcher.data_version()
        done = threading.Timer(0.3, lambda: writer.save_entry(
            Entry(key="k1", title="t", link="https://m.example/1", content="c", feed_url="f", published=None),
            [QAItem(index=0, kind="qa", question="q?", answer="a")]))
        done.start()
        assert watcher.wait_for_change(5.0) is True
        done.join()
        assert watcher.data_version() != version or watcher.item_count() == 1
    finally:
        watcher.close()
        writer.close()


async def test_two_dashboards_see_each_others_rename_within_two_seconds(pg_store_url, tmp_path):
    import time

    from textual.widgets import Input

    build_tiny_library(tmp_path / "ana", store_url=pg_store_url, desk_name="ana")
    save_config(Config(store_url=pg_store_url, desk_name="ben"), tmp_path / "ben" / "config.toml")
    ana, ben = make_app(tmp_path / "ana", tmp_path), make_app(tmp_path / "ben", tmp_path)
    async with ana.run_test(size=SIZE) as pa, ben.run_test(size=SIZE) as pb:
        await settle(pa)
        await settle(pb)
        shown = main_screen(ben).current_topic
        assert shown is not None and shown.label == "Kestrel Strait drills"
        assert ben.sub_title.startswith("postgresql://")  # the title names the shared store
        await pa.press("n")
        ana.screen.query_one(Input).value = "Strait drills (ana)"
        await pa.press("enter")
        await settle(pa)
        start = time.monotonic()
        while time.monotonic() - start < 2.0:
            await pb.pause(0.05)
            labels = [row.topic.label for row in main_screen(ben).topics_list.rows
                      if getattr(row, "topic", None) is not None]
            if "Strait drills (ana)" in labels:
                break
        else:
            raise AssertionError("ben's dashboard did not show ana's rename within 2 s")
        # and says who did it: "renamed by ana, <day> <month>" over the topic's timeline
        from textual.widgets import Static

        for _ in range(40):
            await pb.pause(0.05)
            title = str(ben.screen.query_one("#timeline-title", Static).render())
            if "renamed by ana" in title:
                break
        else:
            raise AssertionError(f"no 'renamed by ana' in ben's timeline title: {title}")
        # ana's own dashboard does not name her
        assert "renamed by" not in str(ana.screen.query_one("#timeline-title", Static).render())
    store = Store(pg_store_url)
    try:
        assert store.db.execute("SELECT who FROM curation WHERE action='rename'").fetchone()[0] == "ana"
    finally:
        store.close()


def test_a_lost_connection_leaves_whole_briefings_and_the_next_run_completes(pg_store_url):
    import psycopg

    def entry(k: int) -> tuple[Entry, list[QAItem]]:
        return (Entry(key=f"e{k}", title=f"Briefing {k}", link=f"https://m.example/{k}",
                      content=f"content {k}", feed_url="f", published=None),
                [QAItem(index=i, kind="qa", question=f"q{k}.{i}?", answer=f"a{k}.{i}")
                 for i in range(4)])

    store = Store(pg_store_url)
    for k in range(3):
        store.save_entry(*entry(k))
    killer = Store(pg_store_url)
    pid = store.db.execute("SELECT pg_backend_pid()").fetchone()[0]
    killer.db.execute("SELECT pg_terminate_backend(?)", (pid,))
    killer.close()
    with pytest.raises(psycopg.OperationalError):
        store.save_entry(*entry(3))
    store.close()
    again = Store(pg_store_url)
    try:
        assert again.entry_count() == 3 and again.item_count() == 12  # whole briefings only
        for k in range(6):
            again.save_entry(*entry(k))
        assert again.entry_count() == 6 and again.item_count() == 24
    finally:
        again.close()


def _with_password(url: str, password: str, host: str = "127.0.0.1", port: int = 5432) -> str:
    parts = urlsplit(url)
    user = parts.username or os.environ.get("USER") or "postgres"
    return urlunsplit((parts.scheme, f"{user}:{password}@{host}:{port}", parts.path or "/x",
                       parts.query, ""))


@pytest.mark.parametrize("where", ["unreachable", "server"])
def test_a_password_never_appears_in_any_output(pg_store_url, tmp_path, capsys, where):
    secret = "Sup3rSecretPw"
    url = (_with_password(pg_store_url, secret, port=1) if where == "unreachable"
           else _with_password(pg_store_url, secret + "-wrong"))
    data = str(tmp_path / "lib")
    runs = [["--data-dir", data, "--store", url, "topics"],
            ["--data-dir", data, "--store", url, "--verbose", "fetch"],
            ["--data-dir", data, "--store", url, "feeds", "list"],
            ["store", "copy", "--from", url, "--to", f"sqlite:///{tmp_path / 'x.sqlite3'}"],
            ["store", "copy", "--from", f"sqlite:///{tmp_path / 'y.sqlite3'}", "--to", url]]
    for args in runs:
        code, out, err = run_cli(capsys, *args)
        assert secret not in out + err, args
        if (args[-1] in ("topics", "fetch") or args[0] == "store") and (
                where == "unreachable" or code):
                assert code == 1, (args, err)
                if "--verbose" not in args:
                    assert err.count("\n") == 1 and "Traceback" not in err, err
    # from the environment too
    os.environ["BRIEFDASH_STORE"] = url
    code, out, err = run_cli(capsys, "--data-dir", data, "issues")
    assert secret not in out + err


def test_watches_and_last_seen_marks_are_each_analysts_own_and_survive_a_regroup(pg_store_url, tmp_path):
    from briefdash.config import Config
    from briefdash.topics import curation
    from briefdash.topics.pipeline import regroup_all

    build_tiny_library(tmp_path / "lib", store_url=pg_store_url)
    ana, ben = Store(pg_store_url), Store(pg_store_url)
    ana.analyst, ben.analyst = "ana", "ben"
    try:
        tid = next(t.id for t in ana.topics() if t.label == "Kestrel Strait drills")
        curation.set_flag(ana, tid, "watch")
        ana.set_state("tui_watch_seen", "3")
        assert next(t for t in ana.topics() if t.id == tid).watched
        assert not next(t for t in ben.topics() if t.id == tid).watched
        assert ben.get_state("tui_watch_seen") is None  # ana's mark is hers
        regroup_all(ben, Config())  # ben regroups: ana's watch is replayed as hers
        assert [t.id for t in ana.topics() if t.watched] == [tid]
        assert not any(t.watched for t in ben.topics())
        assert ana.get_state("tui_watch_seen") == "3"
        ana_issue = next(i for i in ana.issues() if tid in i["topics"])
        curation.set_issue_flag(ben, ana_issue["id"], "watch")
        assert next(i for i in ben.issues() if i["id"] == ana_issue["id"])["watched"]
        assert not next(i for i in ana.issues() if i["id"] == ana_issue["id"])["watched"]
    finally:
        ana.close()
        ben.close()


def test_a_storyline_one_analyst_declares_is_the_desks_until_one_removes_it(pg_store_url, tmp_path,
                                                                             capsys):
    ana, ben = tmp_path / "ana", tmp_path / "ben"
    _ingest_demo(capsys, ana, "--store", pg_store_url)
    save_config(Config(store_url=pg_store_url, desk_name="ben"), ben / "config.toml")
    code, _, err = run_cli(capsys, "--data-dir", str(ana), "--store", pg_store_url,
                           "storylines", "add", "Tariffs", "tariff", "steel")
    assert code == 0, err

    def names(data_dir: Path) -> list[str]:
        code, out, err = run_cli(capsys, "--data-dir", str(data_dir), "storylines", "list", "--json")
        assert code == 0, err
        return [s["name"] for s in json.loads(out)["storylines"] if s["items"]]

    # ben's config declares nothing: his commands keep ana's storyline, and see it
    assert run_cli(capsys, "--data-dir", str(ben), "topics")[0] == 0
    assert names(ben) == ["Tariffs"]
    assert names(ana) == ["Tariffs"]
    code, _, err = run_cli(capsys, "--data-dir", str(ben), "storylines", "remove", "Tariffs")
    assert code == 0, err
    assert names(ana) == [] and names(ben) == []  # ana's config still lists it: removed is removed
    code, _, err = run_cli(capsys, "--data-dir", str(ana), "storylines", "add", "Tariffs", "tariff")
    assert code == 0, err  # declared again: the desk's once more
    assert names(ben) == ["Tariffs"]
