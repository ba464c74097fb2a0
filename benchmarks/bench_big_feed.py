"""A feed of 50,000 entries read in one go: the first ingest, and the second (all unchanged).

    .venv/bin/python benchmarks/bench_big_feed.py [--items 50000]

Writes the feed under a temporary directory, ingests it into a fresh library twice, and prints
wall time and peak memory of each pass. Target: first pass under 60 s. (The behaviour, every
entry stored once and the second pass storing nothing, is tested in tests/test_hostile_content.py.)
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def write_feed(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                  "<title>Big</title><link>http://example.test/</link>\n")
        for i in range(n):
            body = escape(f"<p>Statement number {i}.</p>")
            out.write(f"<item><title>Note {i}</title><guid>g{i}</guid>"
                      f"<link>http://example.test/n/{i}</link><description>{body}</description></item>\n")
        out.write("</channel></rss>\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=50_000)
    args = ap.parse_args()
    from briefdash.config import Config, FetchSettings, save_config
    from briefdash.library import Library, ingest

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "big.xml"
        write_feed(feed, args.items)
        lib_dir = Path(tmp) / "lib"
        lib_dir.mkdir()
        save_config(Config(fetch=FetchSettings(max_bytes=64 * 1024 * 1024)), lib_dir / "config.toml")
        lib = Library.open(str(lib_dir))
        try:
            for name in ("first ingest", "again (unchanged)"):
                t0 = time.perf_counter()
                res = ingest(lib, [str(feed)])[0]
                wall = time.perf_counter() - t0
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{name:18} {args.items:,} entries: {wall:6.1f} s  new {res.new:,}  "
                      f"unchanged {res.unchanged:,}  peak RSS {peak:.0f} MB"
                      + ("  (target < 60 s)" if name == "first ingest" else ""))
        finally:
            lib.close()


if __name__ == "__main__":
    main()
