"""PostgreSQL against SQLite at 100k statements, in one run (issue #22).

    .venv/bin/python benchmarks/bench_store_engines.py --pg postgresql://USER@HOST/DB [--runs 3]

`--pg` names a database the benchmark may write: it works in a schema of its own
(`bench_engines`, dropped and made again). The 100k library is bench_grouping.py's (built once
under benchmarks/out/, reused); it is copied into PostgreSQL with `briefdash store copy` (timed).
Then, on each engine, from the same library:

* one briefing (~15 statements) ingested as a CLI call, process start included (a different
  briefing each run, so that none is "unchanged"); targets on PostgreSQL ≤ 1.5 s;
* search: the first page of results for a typed query (`Store.search`, 200 results, relevance
  order: what the search screen shows at once), target ≤ 150 ms; and, apart, the count of all
  matches (`Store.search_count`, which the screen shows once the query stands still);
* dashboard first paint: from opening the library to the topics and the first timeline shown
  (Textual's headless pilot); target ≤ 1.5 s;
* full regroup: `briefdash regroup` as a process; target ≤ 2× SQLite's time.

Wall clock and CPU (user + system of the child process) where a process runs.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent / "briefdash"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))
QUERIES = ["sanctions", "fishing quota", "the", "consular", "strait drills", "ambassador"]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([str(BIN), *argv], check=True, capture_output=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def briefing_feeds(runs: int) -> list[Path]:
    """`runs` one-briefing feeds, each a different briefing (new days, new seed)."""
    from generate_demo import generate

    out = []
    for k in range(runs):
        d = OUT / f"engines-briefing-{k}"
        if not d.exists():
            monday = date(2027, 4, 5) + timedelta(days=7 * k)  # weekdays: briefing days
            generate(d, n_briefings_per_ministry=1, seed=200 + k, start=monday,
                     end=monday + timedelta(days=1), n_reports=0, labels_path=d / "labels.json")
        out.append(sorted(d.glob("veloria*.xml"))[0])
    return out


async def first_paint(data_dir: Path) -> float:
    from briefdash.library import Library
    from briefdash.tui.app import BriefdashApp
    from briefdash.tui.screens.main import MainScreen

    t0 = time.perf_counter()
    app = BriefdashApp(Library.open(str(data_dir)), label="bench")
    async with app.run_test(size=(120, 36)):
        while True:
            m = app.screen
            if isinstance(m, MainScreen) and m.loaded and m.timeline_topic is not None:
                return time.perf_counter() - t0
            await asyncio.sleep(0.002)


def search_times(target: str, runs: int) -> dict[str, tuple[float, float]]:
    """Per query, the median seconds of the first page of results (what the search screen shows
    as soon as the query is typed) and of the count of every match (shown once the query has
    stood still for a quarter of a second)."""
    from briefdash.store import Store

    store = Store(target)
    out = {}
    try:
        for q in QUERIES:
            store.search(q, limit=200)  # warm: the first query of a process pays its caches
            page, count = [], []
            for _ in range(runs):
                t = time.perf_counter()
                store.search(q, limit=200)
                page.append(time.perf_counter() - t)
                t = time.perf_counter()
                store.search_count(q)
                count.append(time.perf_counter() - t)
            out[q] = (statistics.median(page), statistics.median(count))
    finally:
        store.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pg", required=True, metavar="URL", help="a PostgreSQL database to write")
    ap.add_argument("--scale", type=int, default=93, help="corpus scale (93 ≈ 100k statements)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    import psycopg
    from bench_grouping import build_corpus, build_store

    store_dir = build_store(build_corpus(args.scale))
    sq_dir = OUT / "engines-sqlite"
    shutil.rmtree(sq_dir, ignore_errors=True)
    shutil.copytree(store_dir, sq_dir)
    schema = "bench_engines"
    with psycopg.connect(args.pg, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    sep = "&" if "?" in args.pg else "?"
    pg = f"{args.pg}{sep}options={quote(f'-csearch_path={schema},public')}"
    pg_dir = OUT / "engines-pg"
    shutil.rmtree(pg_dir, ignore_errors=True)
    pg_dir.mkdir(parents=True)
    base_env = {**os.environ, "BRIEFDASH_STORE": ""}
    timed(["--data-dir", str(sq_dir), "topics"], base_env)  # the one-off upgrade, untimed
    wall, cpu = timed(["store", "copy", "--from", f"sqlite:///{sq_dir / 'briefdash.sqlite3'}",
                       "--to", pg], base_env)
    print(f"store copy SQLite → PostgreSQL: {wall:.1f} s wall, {cpu:.1f} s CPU")
    engines = {"SQLite": (sq_dir, str(sq_dir / "briefdash.sqlite3"), base_env),
               "PostgreSQL": (pg_dir, pg, {**base_env, "BRIEFDASH_STORE": pg})}
    feeds = briefing_feeds(args.runs)
    results: dict[str, dict[str, object]] = {}
    for name, (data_dir, target, env) in engines.items():
        r: dict[str, object] = {}
        ingest = [timed(["--data-dir", str(data_dir), "ingest", str(f)], env) for f in feeds]
        r["one briefing (wall s)"] = [round(w, 2) for w, _ in ingest]
        r["one briefing (CPU s)"] = [round(c, 2) for _, c in ingest]
        timed_search = search_times(target, args.runs)
        r["search: results shown (ms, median)"] = {q: round(1000 * p, 1)
                                                   for q, (p, _) in timed_search.items()}
        r["search: count of matches (ms, median)"] = {q: round(1000 * c, 1)
                                                      for q, (_, c) in timed_search.items()}
        os.environ["BRIEFDASH_STORE"] = env["BRIEFDASH_STORE"]
        r["first paint (s)"] = [round(asyncio.run(first_paint(data_dir)), 2)
                                for _ in range(args.runs)]
        wall, cpu = timed(["--data-dir", str(data_dir), "regroup"], env)
        r["full regroup (s)"] = (round(wall, 1), round(cpu, 1))
        results[name] = r
        print(f"\n{name}:")
        for k, v in r.items():
            print(f"  {k}: {v}", flush=True)
    sq, pq = results["SQLite"], results["PostgreSQL"]
    ratio = pq["full regroup (s)"][0] / sq["full regroup (s)"][0]  # type: ignore[index]
    worst = max(pq["search: results shown (ms, median)"].values())  # type: ignore[attr-defined]
    print(f"\nPostgreSQL targets: one briefing ≤ 1.5 s: max {max(pq['one briefing (wall s)'])} s; "  # type: ignore[arg-type]
          f"search ≤ 150 ms: max {worst} ms; first paint ≤ 1.5 s: max "
          f"{max(pq['first paint (s)'])} s; regroup ≤ 2× SQLite: {ratio:.2f}×")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
