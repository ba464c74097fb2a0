"""Mixtures among the largest issues of a real library: White House 2022 + China MFA 2026.

    python benchmarks/issue_mixtures.py --wh-rss DIR --mfa FILE [--store DIR] [--top 30]

Builds the library as a user would have it (both sources ingested, grouped, rolled up into
issues; kept in --store and reused when it is there), then, for the `--top` largest issues (by
statements), prints the share of its hand-labelled statements that carry its most common label
(benchmarks/data/wh_labels.json, mfa_labels.json). An issue is a **mixture** when that share is
below 60 %; with fewer than 5 labelled statements it is marked `read` (judge it by reading the
topics and sample questions printed with --show). Also printed: how much of the issue's
statements the first part of its label stands for (`support`: the share of its statements in
topics where that term is a key term; a label a small topic's term gives has a low support).

--wh-rss: a folder of RSS files made by `benchmarks/wh_to_rss.py` from the White House
transcripts archive; --mfa: the China MFA dev feed (see below).
"""
from __future__ import annotations

import argparse
import html
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from briefdash.library import Library, ingest, regroup_all  # noqa: E402
from briefdash.topics.issues import IssueParams  # noqa: E402

MIXTURE_SHARE = 0.60
MIN_LABELLED = 5


def _norm(s: str, n: int) -> str:
    return " ".join(html.unescape(s or "").replace("\u00a0", " ").split())[:n].lower()


def build(store_dir: Path, wh_rss: Path, mfa: Path) -> Library:
    done = store_dir / "done"
    if done.exists():
        return Library.open(str(store_dir))
    lib = Library.open(str(store_dir))
    t = time.time()
    feeds = [str(p) for p in sorted(wh_rss.glob("*.xml"))] + [str(mfa)]
    ingest(lib, feeds, group=False)
    regroup_all(lib)
    done.write_text(f"{time.time() - t:.0f} s")
    return lib


def gold_labels(lib: Library) -> dict[str, str]:
    """Store item uid → hand label (procedural ones left out)."""
    from eval_grouping import mfa_labels, wh_labels

    by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for rec in wh_labels():
        if not rec.get("procedural"):
            by_key[(Path(rec["file"]).stem, _norm(rec["question_start"], 40))].append(rec)
    for rec in mfa_labels():
        if not rec.get("procedural"):
            by_key[(rec["link"], _norm(rec["question_start"], 30))].append(rec)
    gold: dict[str, str] = {}
    for it in lib.store.items_in_order():
        if it.kind == "procedural":
            continue
        stem = it.entry_key.rsplit("#", 1)[-1]
        for key in ((stem, _norm(it.question, 40)), (it.entry_link or "", _norm(it.question, 30))):
            recs = by_key.get(key)
            if recs:
                gold[it.id] = recs.pop(0)["issue"]
                break
    return gold


def main(argv=None) -> int:
    from sources import MFA_FEED, WH_ARCHIVE

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 2)[2] + "\n\n--wh-rss is made from "
                                 + WH_ARCHIVE + "\n\n--mfa: " + MFA_FEED,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wh-rss", type=Path, required=True, help="folder of wh-2022-MM.xml files")
    ap.add_argument("--mfa", type=Path, required=True, help="the China MFA dev feed (RSS)")
    ap.add_argument("--store", type=Path, default=ROOT / "benchmarks" / "out" / "store-wh-mfa",
                    help="where the library is built (reused when complete)")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--show", action="store_true", help="print topics and sample questions")
    args = ap.parse_args(argv)
    lib = build(args.store, args.wh_rss, args.mfa)
    store = lib.store
    gold = gold_labels(lib)
    issues = sorted(store.issues(), key=lambda i: -i["count"])[: args.top]
    topic_of = {}
    for it in store.items_in_order():
        topic_of[it.id] = it
    by_topic: dict[int, list] = defaultdict(list)
    for it in topic_of.values():
        if it.topic_id is not None:
            by_topic[it.topic_id].append(it)
    from briefdash.topics.grouping import State

    state = State(store)
    p = IssueParams()
    mixtures = unlabelled = 0
    print(f"{'#':>2} {'issue':44} {'stmts':>5} {'topics':>6} {'lab.':>4} {'top label':28} "
          f"{'share':>5} {'support':>7} verdict")
    for n, issue in enumerate(issues, 1):
        labs = Counter(gold[it.id] for t in issue["topics"] for it in by_topic[t] if it.id in gold)
        total = sum(labs.values())
        top, k = labs.most_common(1)[0] if labs else ("-", 0)
        share = k / total if total else 0.0
        heavy = dict(store.issue_heavy_terms(issue["id"], p.key_weight))
        size = store.issue_size(issue["id"]) or 1
        state.load_terms(list(heavy))
        state.load_names(list(heavy))
        first = issue["label"].split(" · ")[0].lower()
        support = max((w for t, w in heavy.items() if t == first or t.replace("'", "’") == first),
                      default=0) / size
        if total < MIN_LABELLED:
            verdict = "read"
            unlabelled += 1
        elif share < MIXTURE_SHARE:
            verdict = "MIXTURE"
            mixtures += 1
        else:
            verdict = "ok"
        print(f"{n:2} {issue['label'][:44]:44} {issue['count']:5} {len(issue['topics']):6} "
              f"{total:4} {top[:28]:28} {share:5.0%} {support:7.0%} {verdict}")
        if args.show:
            for tid in sorted(issue["topics"], key=lambda t: -len(by_topic[t]))[:6]:
                items = by_topic[tid]
                tl = Counter(gold[it.id] for it in items if it.id in gold).most_common(2)
                print(f"      topic {tid} ({len(items)}) {store.topic_labels([tid]).get(tid)!r} {tl}")
                for it in items[:2]:
                    print(f"         - {it.ministry or ''}: {(it.question or '')[:100]!r}")
    print(f"mixtures (labelled, top label < {MIXTURE_SHARE:.0%}): {mixtures}; "
          f"with < {MIN_LABELLED} labelled statements (to read): {unlabelled}")
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
