"""Grouping at scale: 2k, 20k and 100k items from scratch, and one briefing added to 100k
(with and without accepted storylines), and storyline suggestions for the 100k store.

One command: `python benchmarks/bench_grouping.py` (first run builds the corpus and the store
under benchmarks/out/, later runs reuse them). Prints wall time and peak memory (max RSS of a
child process) for each size, the growth ratio 20k/2k, and the time of
`briefdash --data-dir STORE ingest ONE_BRIEFING.xml` (process start included) on a copy of the
100k store. `--storylines-only` skips the grouping figures: it times `briefdash storylines
suggest` on the 100k store (a process, after the one-off upgrade) and the one-briefing ingest
with the five largest suggestions accepted. Each time is wall clock and CPU (user + system):
on a shared machine the CPU time is the steadier figure.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
PY = sys.executable
SRC = str(ROOT / "src")
sys.path.insert(0, SRC)
sys.path.insert(0, str(ROOT / "scripts"))  # generate_demo: the demo corpus's generator


def build_corpus(scale: int) -> Path:
    corpus = OUT / f"corpus-x{scale}"
    if not (corpus / "done").exists():
        from generate_demo import generate

        shutil.rmtree(corpus, ignore_errors=True)
        t = time.time()
        generate(corpus, n_briefings_per_ministry=20 * scale, seed=11,
                 labels_path=corpus / "labels.json")
        (corpus / "done").write_text("ok")
        print(f"generated corpus x{scale} in {time.time() - t:.1f} s")
    return corpus


def build_store(corpus: Path) -> Path:
    store_dir = OUT / f"store-{corpus.name}"
    if not (store_dir / "done").exists():
        from briefdash.library import Library, ingest, regroup_all

        shutil.rmtree(store_dir, ignore_errors=True)
        lib = Library.open(str(store_dir))
        t = time.time()
        ingest(lib, [str(corpus)], group=False)
        t_ingest = time.time() - t
        t = time.time()
        regroup_all(lib)
        t_group = time.time() - t
        n = lib.store.item_count()
        lib.close()
        (store_dir / "done").write_text(json.dumps({"items": n, "ingest_s": t_ingest,
                                                    "regroup_s": t_group}))
        print(f"store: {n} items; ingest+segment {t_ingest:.1f} s; regroup (with DB writes) {t_group:.1f} s")
    return store_dir


CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {src!r})
from briefdash.store import Store
from briefdash.topics.grouping import group_in_memory
items = Store({db!r}).items_in_order(
    "i.n IN (SELECT n FROM items ORDER BY date, n LIMIT ?)", ({n},))
t = time.perf_counter()
assignment, state = group_in_memory(items)
dt = time.perf_counter() - t
print(json.dumps({{"n": len(items), "seconds": dt, "topics": len(set(assignment)),
                   "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def time_grouping(store_dir: Path, n: int) -> dict:
    code = CHILD.format(src=SRC, db=str(store_dir / "briefdash.sqlite3"), n=n)
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def one_briefing_feed() -> Path:
    from generate_demo import generate

    d = OUT / "one-briefing"
    if not d.exists():
        generate(d, n_briefings_per_ministry=1, seed=99, start=date(2027, 3, 1),
                 end=date(2027, 3, 12), n_reports=0, labels_path=d / "labels.json")
    # the Veloria-style file holds one briefing of ~15 items
    return sorted(d.glob("veloria*.xml"))[0]


def time_incremental(store_dir: Path, runs: int = 3) -> list[float]:
    feed = one_briefing_feed()
    times = []
    for _ in range(runs):
        copy = OUT / "store-copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(store_dir, copy)
        t = time.perf_counter()
        subprocess.run([str(Path(PY).parent / "briefdash"), "--data-dir", str(copy), "ingest",
                        str(feed)], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return times


def _timed(argv: list[str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one briefdash process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run([str(Path(PY).parent / "briefdash"), *argv], check=True,
                         capture_output=True, text=True).stdout
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out


def time_storylines(store_dir: Path, runs: int = 3) -> None:
    """Suggestions on the 100k store, and one briefing ingested with storylines accepted."""
    base = OUT / "store-storylines"
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(store_dir, base)
    wall, cpu, _ = _timed(["--data-dir", str(base), "storylines", "list"])
    print(f"storylines: one-off upgrade of the store (follow-up marks of every statement): "
          f"{wall:.1f} s wall, {cpu:.1f} s CPU")
    for k in range(runs):
        wall, cpu, out = _timed(["--data-dir", str(base), "storylines", "suggest", "--json"])
        stories = json.loads(out)["storylines"]
        print(f"`storylines suggest` on {json.loads((store_dir / 'done').read_text())['items']} "
              f"statements (run {k + 1}): {wall:.2f} s wall, {cpu:.2f} s CPU, "
              f"{len(stories)} suggestions")
    for s in stories[:5]:
        _timed(["--data-dir", str(base), "storylines", "add", s["name"], *s["aliases"]])
    print("accepted: " + "; ".join(f"{s['name']} ({s['count']})" for s in stories[:5]))
    feed = one_briefing_feed()
    for _ in range(runs):
        copy = OUT / "store-copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(base, copy)
        wall, cpu, _ = _timed(["--data-dir", str(copy), "ingest", str(feed)])
        print(f"add one briefing (~15 items) with 5 storylines accepted, process start included: "
              f"{wall:.2f} s wall, {cpu:.2f} s CPU")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=93, help="corpus scale (93 ≈ 100k items)")
    ap.add_argument("--storylines-only", action="store_true",
                    help="only the storyline figures (suggestions, ingest with storylines)")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus(args.scale)
    store_dir = build_store(corpus)
    if args.storylines_only:
        time_storylines(store_dir)
        return
    info = json.loads((store_dir / "done").read_text())
    total = info["items"]
    rows = []
    for n, repeat in ((2000, 3), (20000, 2), (100000, 1)):
        # this VM's timings are noisy: the best of a few runs for the small sizes
        r = min((time_grouping(store_dir, min(n, total)) for _ in range(repeat)),
                key=lambda x: x["seconds"])
        rows.append(r)
        print(f"group from scratch: {r['n']:>6} items  {r['seconds']:6.1f} s  "
              f"{r['topics']:>6} topics  peak RSS {r['max_rss_mb']:.0f} MB", flush=True)
    print(f"growth 20k/2k: {rows[1]['seconds'] / rows[0]['seconds']:.1f}x (target <= 13x)")
    print(f"(store built once: ingest+segment {info['ingest_s']:.1f} s for {total} items)")
    t = time.perf_counter()
    subprocess.run([str(Path(PY).parent / "briefdash"), "--data-dir", str(store_dir), "regroup"],
                   check=True, capture_output=True)
    print(f"`briefdash regroup` on the {total}-item store (process, load, group, write): "
          f"{time.perf_counter() - t:.1f} s")
    inc = time_incremental(store_dir)
    print("add one briefing (~15 items) to the store, process start included: "
          + ", ".join(f"{t:.2f} s" for t in inc))
    time_storylines(store_dir)


if __name__ == "__main__":
    main()
