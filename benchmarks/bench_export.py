"""`briefdash export --all` on the 100k-item store (built by bench_grouping.py).

One command: `python benchmarks/bench_export.py` — prints the wall time of the export command
(process start included), the number of files and their total size.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


def main() -> None:
    stores = sorted(OUT.glob("store-corpus-x*"))
    if not stores:
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_grouping.py")], check=True)
        stores = sorted(OUT.glob("store-corpus-x*"))
    store = stores[-1]
    target = OUT / "export-all"
    shutil.rmtree(target, ignore_errors=True)
    exe = str(Path(sys.executable).parent / "briefdash")
    for fmt in ("md", "json"):
        shutil.rmtree(target, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run([exe, "--data-dir", str(store), "export", "--all", "--format", fmt,
                        "-o", str(target)], check=True, capture_output=True)
        dt = time.perf_counter() - t
        files = list(target.iterdir())
        size = sum(f.stat().st_size for f in files)
        print(f"export --all --format {fmt}: {dt:.1f} s, {len(files)} files, {size / 1e6:.0f} MB "
              f"(store {store.name})")


if __name__ == "__main__":
    main()
