"""Storylines against hand labels: for the largest labelled storylines, the best suggested
storyline's statement-level precision, recall and F1.

    python benchmarks/eval_storylines.py --wh-dir DIR --mfa FILE [--work DIR] [--wh-top 10]
        [--mfa-top 5] [--rules marker,opener]

Each set is stored as a user's store would hold it (every briefing saved, then grouped, so the
term statistics suggestions read are there); `briefdash storylines suggest` is then run on it
(the same function), and every labelled storyline (not one-offs, not procedural) is compared
with each suggestion: precision = labelled statements of the suggestion that carry the label /
labelled statements of the suggestion; recall = statements with the label the suggestion holds
/ statements with the label. The best suggestion by F1 is reported. The rules for follow-ups are
compared too (none / transcript markers / markers and openers). There is no randomness: one run
is the figure. Also scored: a storyline an analyst would declare by hand (--declare NAME=ALIASES).

The data is not part of the repository; pass its paths (`--help` says what each is).
"""
from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_grouping import _match, mfa_labels, wh_labels  # noqa: E402

from briefdash.config import Config  # noqa: E402
from briefdash.feeds.parse import parse_feed  # noqa: E402
from briefdash.models import Entry, FeedConfig  # noqa: E402
from briefdash.store import Store, item_uid  # noqa: E402
from briefdash.topics import storylines as sl  # noqa: E402
from briefdash.topics.pipeline import regroup_all  # noqa: E402
from briefdash.transcripts.segment import segment_entry  # noqa: E402

RULES = {"none": sl.FollowRules(marker=False, opener=False, pronoun=False),
         "marker": sl.FollowRules(marker=True, opener=False, pronoun=False),
         "opener": sl.FollowRules(marker=False, opener=True, pronoun=False),
         "opener+pronoun": sl.FollowRules(marker=False, opener=True, pronoun=True),
         "marker+opener+pronoun": sl.FollowRules(marker=True, opener=True, pronoun=True)}


def build_wh(store: Store, wh_dir: Path) -> tuple[dict, set]:
    """Every WH transcript saved as one briefing; gold labels keyed by statement id."""
    by_file = defaultdict(list)
    for rec in wh_labels():
        by_file[rec["file"]].append(rec)
    gold: dict[str, str] = {}
    proc: set[str] = set()
    files = sorted((str(p.relative_to(wh_dir)) for p in wh_dir.rglob("*.md")),
                   key=lambda f: (Path(f).name[:10], f))
    stored = store.entry_count() > 0  # built before: only the labelled briefings are read again
    for fname in files:
        if stored and fname not in by_file:
            continue
        text = (wh_dir / fname).read_text(encoding="utf-8")
        body = text.split("\n---", 2)[-1] if text.startswith("---") else text
        m = re.search(r'^title:\s*"?(.*?)"?\s*$', text, re.M)
        title = " ".join(m.group(1).replace("\\_", " ").split()) if m else fname
        paras = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        content = "".join(f"<p>{html.escape(' '.join(p.splitlines()))}</p>" for p in paras)
        day = Path(fname).name[:10]
        entry = Entry(key=fname, title=title, link=None, content=content,
                      published=datetime.fromisoformat(day).replace(tzinfo=UTC),
                      ministry="The White House", style="white_house", feed_url="wh")
        seg = segment_entry(entry)
        store.save_entry(entry, seg)
        for it in seg:
            it.id = item_uid(fname, it.index)
        _match([it for it in seg if it.kind in ("qa", "procedural")], by_file.get(fname, []), 40,
               gold, proc)
    return gold, proc


def build_mfa(store: Store, path: Path) -> tuple[dict, set]:
    feed = FeedConfig(name="MFA", url=str(path))
    parsed = parse_feed(path.read_bytes(), str(path), feed)
    by_link = defaultdict(list)
    for rec in mfa_labels():
        by_link[rec["link"]].append(rec)
    gold: dict[str, str] = {}
    proc: set[str] = set()
    for entry in sorted(parsed.entries, key=lambda e: (e.published, e.key)):
        seg = segment_entry(entry)
        store.save_entry(entry, seg)
        for it in seg:
            it.id = item_uid(entry.key, it.index)
        _match(seg, by_link.get(entry.link, []), 30, gold, proc)
    return gold, proc


def prf(members: set[str], label: str, gold: dict[str, str]) -> tuple[float, float, float]:
    inside = [k for k in members if k in gold]
    want = {k for k, v in gold.items() if v == label}
    hit = sum(1 for k in inside if gold[k] == label)
    p = hit / len(inside) if inside else 0.0
    r = hit / len(want) if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_set(name: str, store: Store, gold: dict, proc: set, top: int,
              declared: list[sl.Storyline], params: sl.SuggestParams) -> dict[str, list[float]]:
    """Print the best suggestion per label, per follow-up rule; returns rule → F1s."""
    gold = {k: v for k, v in gold.items() if k not in proc and not v.startswith("oneoff")}
    sizes = defaultdict(int)
    for v in gold.values():
        sizes[v] += 1
    labels = sorted(sizes, key=lambda v: (-sizes[v], v))[:top]
    f1s: dict[str, list[float]] = {}
    for rule_name, rules in RULES.items():
        t = time.perf_counter()
        stories = sl.suggest(store, Config(), params, rules)
        secs = time.perf_counter() - t
        print(f"\n{name}: follow-ups = {rule_name}  ({len(stories)} suggestions in {secs:.2f} s)")
        print(f"  {'label':32} {'n':>4}  {'best suggestion':46}   P     R     F1")
        for label in labels:
            best = max(stories, key=lambda s: (prf(set(s.items), label, gold)[2], s.name))
            p, r, f = prf(set(best.items), label, gold)
            shown = (best.name + (" (" + ", ".join(best.aliases[:4]) + ")" if best.aliases else ""))[:46]
            print(f"  {label:32} {sizes[label]:4}  {shown:46} {p:5.2f} {r:5.2f} {f:5.2f}")
            f1s.setdefault(rule_name, []).append(f)
        print(f"  mean F1 over {len(labels)} storylines: {statistics.mean(f1s[rule_name]):.3f}")
        for s in declared:
            rows = [sl.Row(**r) for r in store.storyline_rows(
                store.entries_naming(sl.fts_words(s.names), sl.cjk_names(s.names)))]
            found = sl.members(rows, sl.named_rows(rows, sl.compile_names(s.names)), rules)
            uid = {r.n: r.uid for r in rows}
            mem = {uid[n] for n in found}
            best_label = max(labels, key=lambda lb: prf(mem, lb, gold)[2])
            p, r, f = prf(mem, best_label, gold)
            print(f"  declared {s.name} ({', '.join(s.aliases)}) vs {best_label}: "
                  f"P {p:.2f} R {r:.2f} F1 {f:.2f} ({len(mem)} statements)")
    return f1s


def main(argv=None) -> int:
    from sources import MFA_FEED, WH_ARCHIVE, epilog

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=epilog(__doc__, 2, __wh_dir=WH_ARCHIVE, __mfa=MFA_FEED),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wh-dir", type=Path, help="the extracted wh-press-briefings-2022 folder")
    ap.add_argument("--mfa", type=Path, help="the China MFA dev feed, an RSS file")
    ap.add_argument("--work", type=Path, help="keep the built stores here (default: a temp dir)")
    ap.add_argument("--wh-top", type=int, default=10)
    ap.add_argument("--mfa-top", type=int, default=5)
    ap.add_argument("--limit", type=int, default=25, help="suggestions made (as the CLI: 25)")
    ap.add_argument("--alias-share", type=float, default=sl.SuggestParams().alias_share,
                    help="SuggestParams.alias_share")
    ap.add_argument("--alias-lift", type=float, default=sl.SuggestParams().alias_lift,
                    help="SuggestParams.alias_lift")
    ap.add_argument("--issue-terms", type=int, default=sl.SuggestParams().issue_terms)
    ap.add_argument("--from-issues", type=int, default=sl.SuggestParams().from_issues,
                    help="SuggestParams.from_issues")
    ap.add_argument("--rules", default=",".join(RULES),
                    help=f"follow-up rules compared, of {', '.join(RULES)}")
    ap.add_argument("--declare", action="append", default=[], metavar="NAME=A,B",
                    help="also score a hand-declared storyline (repeatable)")
    args = ap.parse_args(argv)
    if not (args.wh_dir or args.mfa):
        ap.error("give --wh-dir and/or --mfa")
    for rule_name in [r for r in RULES if r not in args.rules.split(",")]:
        del RULES[rule_name]
    work = args.work or Path(tempfile.mkdtemp(prefix="bd-storylines-"))
    declared = [sl.Storyline(d.split("=", 1)[0], [a for a in d.split("=", 1)[1].split(",") if a])
                for d in args.declare]
    results = {}
    for name, path, builder, top in (("wh", args.wh_dir, build_wh, args.wh_top),
                                     ("mfa", args.mfa, build_mfa, args.mfa_top)):
        if path is None:
            continue
        db = work / f"{name}.sqlite3"
        cached = work / f"{name}.gold.json"
        store = Store(db)
        t = time.perf_counter()
        if cached.exists():  # a store this script built before, with its labels matched
            saved = json.loads(cached.read_text())
            gold, proc = saved["gold"], set(saved["procedural"])
        else:
            fresh = store.entry_count() == 0
            with store.transaction():
                gold, proc = builder(store, path)
            if fresh:
                regroup_all(store, Config())
            cached.write_text(json.dumps({"gold": gold, "procedural": sorted(proc)}))
        print(f"{name}: {store.item_count()} statements, {len(gold)} labelled "
              f"(store ready in {time.perf_counter() - t:.0f} s)", file=sys.stderr)
        params = replace(sl.SuggestParams(), limit=args.limit, alias_share=args.alias_share,
                         alias_lift=args.alias_lift, from_issues=args.from_issues,
                         issue_terms=args.issue_terms)
        results[name] = score_set(name, store, gold, proc, top, declared, params)
        store.close()
    print("\nsummary (mean F1 of the best suggestion per labelled storyline):")
    for rule_name in RULES:
        every = [f for r in results.values() for f in r.get(rule_name, [])]
        per = "  ".join(f"{n} {statistics.mean(r[rule_name]):.3f}" for n, r in results.items())
        print(f"  follow-ups {rule_name:14} {per}  all {statistics.mean(every):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
