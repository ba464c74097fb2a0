"""Measure issue #23 points 1-2 on a real store: how much new wording, and is it substantive.

    python benchmarks/eval_new_wording.py --store DIR [--issues 5] [--sample 100 --seed 23
        --sample-out FILE] [--check benchmarks/data/new_wording_check.json]

`--store` is a briefdash data dir holding the White House 2022 transcripts (and, if wanted, the
China MFA dev feed): `python benchmarks/wh_to_rss.py --src WH_DIR RSS_DIR && briefdash --data-dir D
ingest RSS_DIR/*.xml [MFA_FEED.xml]` (where the data comes from: see below).

Printed, for the `--issues` largest issues (each as one timeline, as `timeline issue:ID` shows
it): statements, statements flagged with new wording and their share; the stock phrases of
each; the first-said / dropped formulas. Then `--sample` new phrases drawn at random (seeded)
from those issues, written to `--sample-out` as JSON lines (statement id, issue, phrase) to be
judged by hand. `--check FILE` scores a file of verdicts ({"checks": [{"id", "phrase",
"verdict": "substantive" | "noise"}]}) and says how many of its phrases the code still gives.
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from briefdash.store import Store
from briefdash.topics.lookup import issue_as_topic
from briefdash.topics.positions import build_timeline
from briefdash.topics.subject import timeline_subject


def main(argv: list[str] | None = None) -> int:
    from sources import MFA_FEED, WH_ARCHIVE, epilog

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=epilog(__doc__, 2, __store=WH_ARCHIVE + "\n" + MFA_FEED),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True, help="a briefdash data dir (see above)")
    ap.add_argument("--issues", type=int, default=5, help="how many of the largest issues")
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--sample-out", type=Path, help="write the sampled phrases here (JSON lines)")
    ap.add_argument("--check", type=Path, help="a verdicts file to score")
    args = ap.parse_args(argv)
    store = Store(str(args.store / "briefdash.sqlite3"))
    issues = sorted(store.issues(), key=lambda i: -i["count"])[:args.issues]
    flagged_total = total = 0
    pool: list[dict] = []
    given: set[tuple[str, str]] = set()
    for issue in issues:
        topic, items = issue_as_topic(store, issue)
        t0 = time.perf_counter()
        tl = build_timeline(topic, items, subject=timeline_subject(store, items))
        took = time.perf_counter() - t0
        subst = [e for e in tl.entries if e.item.kind != "procedural"]
        flagged = [e for e in subst if e.new_phrases]
        total += len(subst)
        flagged_total += len(flagged)
        print(f"issue {issue['id']} '{issue['label']}': {len(subst)} statements (procedural left "
              f"out), {len(flagged)} with new wording = {len(flagged) / max(len(subst), 1):.1%} "
              f"({took:.1f} s)")
        for sp in tl.stock_phrases:
            print(f"    stock: “{sp.phrase}” ({sp.ministry}) {sp.count}× {sp.first_seen}..{sp.last_seen}")
        for f in getattr(tl, "formulas", []):
            state = f"dropped after {f.last_seen}" if f.dropped else f"last {f.last_seen}"
            print(f"    first said {f.first_seen}: “{f.phrase}” ({state})")
        for e in flagged:
            for p in e.new_phrases:
                pool.append({"id": e.item.id, "issue": issue["label"], "phrase": p})
                given.add((e.item.id, p))
    print(f"all {len(issues)} issues: {flagged_total}/{total} statements with new wording = "
          f"{flagged_total / max(total, 1):.1%}; {len(pool)} new phrases")
    if args.sample and pool:
        rnd = random.Random(args.seed)
        picked = rnd.sample(pool, min(args.sample, len(pool)))
        if args.sample_out:
            args.sample_out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n"
                                               for p in picked), encoding="utf-8")
            print(f"{len(picked)} phrases (seed {args.seed}) written to {args.sample_out}")
    if args.check:
        checks = json.loads(args.check.read_text(encoding="utf-8"))["checks"]
        good = sum(1 for c in checks if c["verdict"] == "substantive")
        by_id: dict[str, list[str]] = {}
        for sid, p in given:
            by_id.setdefault(sid, []).append(p)
        # a long phrase is kept shortened in the file ("… …"): its beginning must match
        def still(c: dict) -> bool:
            return any(p.startswith(c["phrase"].removesuffix(" …")) for p in by_id.get(c["id"], []))

        for sample in sorted({c.get("sample", 0) for c in checks}):
            mine = [c for c in checks if c.get("sample", 0) == sample]
            good = sum(1 for c in mine if c["verdict"] == "substantive")
            kept = [c for c in mine if still(c)]
            kept_good = sum(1 for c in kept if c["verdict"] == "substantive")
            print(f"verdicts of sample {sample}: {good}/{len(mine)} substantive = "
                  f"{good / max(len(mine), 1):.1%}; still given by the code: {len(kept)} "
                  f"({kept_good} substantive, {len(kept) - kept_good} noise)")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
