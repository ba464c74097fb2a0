"""How much of a storyline its issue holds: for the largest issues of a store, the share of the
statements that name the issue's defining terms which sit in that issue.

    python benchmarks/issue_coverage.py --data-dir STORE [--issues 5] [--terms "Ukraine,Kyiv"]...

Without --terms, an issue's defining terms are its two strongest names (from its profile). A
statement "names" a term when full-text search finds it in its question or answer. Procedural
exchanges are not counted. Run it on a store of real briefings (for example all 298 White House
transcripts of 2022 ingested with benchmarks/wh_to_rss.py); the demo corpus says nothing here.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefdash.library import Library  # noqa: E402
from briefdash.topics.labels import display  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", required=True, help="the store's data directory")
    ap.add_argument("--issues", type=int, default=5, help="how many of the largest issues")
    ap.add_argument("--terms", action="append", default=[],
                    help="defining terms of the Nth largest issue, comma-separated (repeatable)")
    args = ap.parse_args(argv)
    lib = Library.open(args.data_dir)
    store = lib.store
    issues = store.issues()[: args.issues]
    profiles = store.issue_profiles([i["id"] for i in issues])
    kinds = {r[0]: r[1] for r in store.db.execute("SELECT term, kind FROM g_df")}
    print(f"{'issue':40} {'terms':28} {'naming':>7} {'in issue':>8} {'share':>6} {'topics':>6}")
    for n, issue in enumerate(issues):
        if n < len(args.terms):
            terms = [t.strip() for t in args.terms[n].split(",") if t.strip()]
        else:
            prof = profiles.get(issue["id"], {})
            names = [t for t, _ in sorted(prof.items(), key=lambda kv: -kv[1])
                     if kinds.get(t, 0) >= 1][:2]
            terms = [display(t, kinds.get(t, 0)) for t in names]
        naming = store.items_naming(terms)
        topics = set(issue["topics"])
        inside = sum(1 for _, tid in naming if tid in topics)
        share = inside / len(naming) if naming else 0.0
        print(f"{issue['label'][:40]:40} {', '.join(terms)[:28]:28} {len(naming):7} {inside:8} "
              f"{share:6.0%} {len(topics):6}")
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
