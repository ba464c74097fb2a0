"""B-cubed precision/recall/F1 of grouping on real, hand-labelled briefings, per set and level.

Sets (each grouped as a user's store would hold it: every briefing, in date order, incremental):
  wh     all 298 White House transcripts of 2022 in one store; the labelled items are scored
         (benchmarks/data/wh_labels.json: 1,000+ items from 30+ briefings over all twelve months)
  mfa    the China MFA dev feed (25 regular press conferences, June–July 2026), every Q&A item
         labelled (benchmarks/data/mfa_labels.json)
  mixed  both in one store, each source scored on its own labels
  zh     the China MFA's Chinese edition of 2016–2019 (34 conferences); 171 Q&A items of 19 of
         them labelled (benchmarks/data/mfa_zh_labels.json)
  en2018 the English edition of 2018–2019 (26 conferences); the same 19 conferences' 170 Q&A
         items labelled with the same label names (benchmarks/data/mfa_en2018_labels.json)
  zhmixed the Chinese and English editions in one store (with --wh-dir, the White House year
         too), each scored on its own labels
  demo   the bundled fictional demo corpus (shows the product; never decides quality)

Levels: `topic` (the tight threads) and `issue` (topics rolled up). Both are scored against the
same hand labels: the issue an analyst follows as one timeline. Items labelled procedural are
left out of the score (they belong to no topic); an item the detector calls procedural but the
label does not counts as a topic of its own (a lost item). Each figure is the mean over --runs
runs with an irrelevant perturbation (the IDF smoothing constant 20 → 19, 21, 22, …), with the
spread, beside the all-singletons baseline.

The data is not part of the repository; pass its paths (`--help` says what each is and where
to get it): --wh-dir, the White House 2022 transcripts archive; --mfa, the China MFA dev feed;
--mfa-zh and --mfa-en2018, the ministry's own Chinese and English editions of 2016–2019.

Run: python benchmarks/eval_grouping.py --wh-dir DIR --mfa FILE [--sets wh,mfa,mixed] [--runs 3]
"""
from __future__ import annotations

import argparse
import dataclasses
import html
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefdash.feeds.parse import parse_feed  # noqa: E402
from briefdash.models import Entry, FeedConfig  # noqa: E402
from briefdash.topics.grouping import Params, group_in_memory  # noqa: E402
from briefdash.topics.issues import IssueParams, name_test, roll_up  # noqa: E402
from briefdash.topics.issues import topic_facts as issue_facts_of_rows  # noqa: E402
from briefdash.topics.labels import person_words  # noqa: E402
from briefdash.transcripts.segment import segment_entry  # noqa: E402

ISSUE_PARAMS = IssueParams()

DATA = ROOT / "benchmarks" / "data"


def bcubed(pred: dict, gold: dict) -> tuple[float, float, float]:
    """B-cubed over the keys of `gold`; `pred` maps the same keys to cluster ids."""
    keys = [k for k in gold if k in pred]
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for k in keys:
        by_pred[pred[k]].add(k)
        by_gold[gold[k]].add(k)
    p = r = 0.0
    for k in keys:
        c, g = by_pred[pred[k]], by_gold[gold[k]]
        both = len(c & g)
        p += both / len(c)
        r += both / len(g)
    n = len(keys) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _norm(s: str, n: int = 40) -> str:
    return " ".join(html.unescape(s or "").replace("\u00a0", " ").split())[:n].lower()


# ---- labels -----------------------------------------------------------------------------------
RENAMES = {"jan6-committee": "january-6-committee"}


def wh_labels() -> list[dict]:
    """Every labelled White House item: file, q_ordinal, question_start, issue, procedural."""
    items = json.loads((DATA / "wh_labels.json").read_text())["items"]
    parts = DATA / "parts"
    if parts.is_dir():
        flags = {}
        f = parts / "wh_existing_procedural.json"
        if f.exists():
            flags = {(r["file"], r["q_ordinal"]): r["procedural"]
                     for r in json.loads(f.read_text())["items"]}
        for it in items:
            it.setdefault("procedural", flags.get((it["file"], it["q_ordinal"]), False))
        for f in sorted(parts.glob("wh_part_*.json")):
            items += json.loads(f.read_text())["items"]
    for it in items:
        it["issue"] = RENAMES.get(it["issue"], it["issue"])
    return items


def mfa_labels() -> list[dict]:
    f = DATA / "mfa_labels.json"
    if not f.exists():
        f = DATA / "parts" / "mfa_labels.json"
    return json.loads(f.read_text())["items"]


def zh_labels(name: str) -> list[dict]:
    """Labels of the 2016–2019 editions: link, qa_ordinal, q_key (a hash, no text), issue."""
    return json.loads((DATA / f"mfa_{name}_labels.json").read_text())["items"]


def q_key(question: str) -> str:
    """The key a 2016–2019 label carries for its question (no reference text is stored)."""
    import hashlib

    return hashlib.sha1(_norm(question, 30).encode()).hexdigest()[:12]


def edition_items(path: Path, labels: list[dict], ministry: str | None = None):
    """A 2016–2019 edition segmented as briefdash would; labels matched by question hash within
    the conference, else by Q&A ordinal."""
    feed = FeedConfig(name="MFA", url=str(path))
    parsed = parse_feed(path.read_bytes(), str(path), feed)
    by_link = defaultdict(list)
    for rec in labels:
        by_link[rec["link"]].append(rec)
    items, gold, unmatched = [], {}, 0
    for entry in sorted(parsed.entries, key=lambda e: (e.published, e.key)):
        if ministry:
            entry.ministry = ministry
        seg = segment_entry(entry)
        for it in seg:
            it.entry_key = entry.key
            it.id = f"mfa:{entry.link}#{it.index}"
        items.extend(seg)
        qa = [it for it in seg if it.kind in ("qa", "procedural")]
        by_key = defaultdict(list)
        for it in qa:
            by_key[q_key(it.question)].append(it)
        for rec in by_link.get(entry.link, []):
            cands = by_key.get(rec["q_key"])
            it = cands.pop(0) if cands else None
            if it is None and rec["qa_ordinal"] < len(qa):
                it = qa[rec["qa_ordinal"]]
            if it is None or it.id in gold:
                unmatched += 1
                continue
            gold[it.id] = rec["issue"]
    return items, gold, set(), unmatched


# ---- items ------------------------------------------------------------------------------------
def wh_items(wh_dir: Path, labels: list[dict]):
    """All WH transcripts segmented as briefdash would; gold labels keyed by item id."""
    by_file = defaultdict(list)
    for rec in labels:
        by_file[rec["file"]].append(rec)
    items, gold, proc, unmatched = [], {}, set(), 0
    files = sorted(str(p.relative_to(wh_dir)) for p in wh_dir.rglob("*.md"))
    for fname in sorted(files, key=lambda f: (Path(f).name[:10], f)):
        text = (wh_dir / fname).read_text(encoding="utf-8")
        body = text.split("\n---", 2)[-1] if text.startswith("---") else text
        m = re.search(r'^title:\s*"?(.*?)"?\s*$', text, re.M)
        title = " ".join(m.group(1).replace("\\_", " ").split()) if m else fname
        paras = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        content = "".join(f"<p>{html.escape(' '.join(p.splitlines()))}</p>" for p in paras)
        day = Path(fname).name[:10]
        entry = Entry(key=fname, title=title, link=None, content=content,
                      published=datetime.fromisoformat(day).replace(tzinfo=UTC),
                      ministry="The White House", style="white_house")
        seg = segment_entry(entry)
        for it in seg:
            it.entry_key = fname
            it.id = f"wh:{fname}#{it.index}"
        items.extend(seg)
        qa = [it for it in seg if it.kind in ("qa", "procedural")]
        unmatched += _match(qa, by_file.get(fname, []), 40, gold, proc)
    return items, gold, proc, unmatched


def _match(seg, records, n: int, gold: dict, proc: set) -> int:
    """Label the segmented items whose question starts as a record's does; returns the misses."""
    pool = defaultdict(list)
    for it in seg:
        pool[_norm(it.question, n)].append(it)
    missed = 0
    for rec in records:
        cands = pool.get(_norm(rec["question_start"], n))
        if not cands:
            missed += 1
            continue
        it = cands.pop(0)
        gold[it.id] = rec["issue"]
        if rec.get("procedural"):
            proc.add(it.id)
    return missed


def mfa_items(path: Path, labels: list[dict]):
    feed = FeedConfig(name="MFA", url=str(path))
    parsed = parse_feed(path.read_bytes(), str(path), feed)
    by_link = defaultdict(list)
    for rec in labels:
        by_link[rec["link"]].append(rec)
    items, gold, proc, unmatched = [], {}, set(), 0
    for entry in sorted(parsed.entries, key=lambda e: (e.published, e.key)):
        seg = segment_entry(entry)
        for it in seg:
            it.entry_key = entry.key
            it.id = f"mfa:{entry.link}#{it.index}"
        items.extend(seg)
        unmatched += _match(seg, by_link.get(entry.link, []), 30, gold, proc)
    return items, gold, proc, unmatched


def demo_items():
    import tempfile

    from briefdash.demo_library import build_demo_library
    from briefdash.library import Library

    labels = json.loads((ROOT / "tests" / "data" / "demo_labels.json").read_text())
    d = Path(tempfile.mkdtemp(prefix="bd-eval-"))
    build_demo_library(d)
    lib = Library.open(str(d))
    items = lib.store.items_in_order()
    lib.close()
    by_entry = defaultdict(list)
    for it in items:
        by_entry[it.entry_key.rsplit("#", 1)[-1]].append(it)
    gold = {}
    for key, recs in labels.items():
        pool, used = by_entry.get(key, []), set()
        for r in recs:
            want = _norm(r["question_start"] or r["answer_start"], 30)
            for it in pool:
                text = it.question if r["question_start"] else it.answer
                if it.index not in used and want and _norm(text, 30) == want:
                    gold[it.id] = r["issue"]
                    used.add(it.index)
                    break
    return items, gold, set(), 0


# ---- scoring ----------------------------------------------------------------------------------
def group(items, params: Params):
    """Group in date order; returns ({item id: topic}, {item id: issue})."""
    # as the store does it: procedural exchanges are never grouped (they stand alone here)
    items = sorted((it for it in items if it.kind != "procedural"),
                   key=lambda it: (it.date, it.entry_key, it.index))
    topics, state = group_in_memory(items, params=params)
    up = roll_up(state.profiles, state.count, ISSUE_PARAMS, facts=topic_facts(items, topics),
                 distinctive=name_test(state, ISSUE_PARAMS, people_of(items)))
    issues = [up.get(t, ("t", t)) for t in topics]
    return ({it.id: t for it, t in zip(items, topics, strict=True)},
            {it.id: i for it, i in zip(items, issues, strict=True)})


def topic_facts(items, topics) -> dict:
    """Each topic's main source and span, as the store's `topic_sources` gives them."""
    rows: dict[tuple, list] = {}
    for it, tid in zip(items, topics, strict=True):
        day = it.date.isoformat() if it.date else ""
        r = rows.setdefault((tid, it.ministry or ""), [tid, it.ministry or "", 0, day, day])
        r[2] += 1
        r[3], r[4] = min(r[3], day), max(r[4], day)
    return issue_facts_of_rows(list(rows.values()))


def people_of(items) -> set[str]:
    """Words of the names of everyone who answers or asks (never an issue's evidence)."""
    return person_words({n for it in items for n in (it.speaker, it.asker) if n})


def score(pred: dict, gold: dict, proc: set) -> tuple[float, float, float]:
    """B-cubed on the substantive labelled items; an item left out of topics stands alone."""
    keys = {k: v for k, v in gold.items() if k not in proc}
    p = {k: pred.get(k, ("alone", k)) for k in keys}
    p = {k: (v if v is not None else ("alone", k)) for k, v in p.items()}
    return bcubed(p, keys)


def run_set(name: str, items, golds: dict[str, tuple[dict, set]], runs: int) -> list[dict]:
    """Score every source of one store over `runs` perturbed runs."""
    figs: dict[tuple[str, str], list] = defaultdict(list)
    t0 = time.perf_counter()
    for r in range(runs):
        offset = (0, -1, 1, -2, 2, -3, 3)[r % 7]
        params = dataclasses.replace(Params(), idf_smooth=Params().idf_smooth + offset)
        topic_of, issue_of = group(items, params)
        for src, (gold, proc) in golds.items():
            figs[(src, "topic")].append(score(topic_of, gold, proc))
            figs[(src, "issue")].append(score(issue_of, gold, proc))
    secs = (time.perf_counter() - t0) / runs
    rows = []
    for (src, level), vals in figs.items():
        gold, proc = golds[src]
        alone = bcubed({k: k for k in gold if k not in proc},
                       {k: v for k, v in gold.items() if k not in proc})
        rows.append({
            "set": name, "source": src, "level": level,
            "n": sum(1 for k in gold if k not in proc),
            "labels": len({v for k, v in gold.items() if k not in proc}),
            "P": statistics.mean(v[0] for v in vals), "R": statistics.mean(v[1] for v in vals),
            "F1": statistics.mean(v[2] for v in vals),
            "F1_min": min(v[2] for v in vals), "F1_max": max(v[2] for v in vals),
            "alone": alone[2], "seconds": secs, "items": len(items),
        })
    return rows


def main(argv=None) -> int:
    from sources import MFA_EN2018_FEED, MFA_FEED, MFA_ZH_FEED, WH_ARCHIVE, epilog

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=epilog(__doc__, __wh_dir=WH_ARCHIVE, __mfa=MFA_FEED,
                                               __mfa_zh=MFA_ZH_FEED,
                                               __mfa_en2018=MFA_EN2018_FEED),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wh-dir", type=Path,
                    help="the extracted wh-press-briefings-2022 folder (see below)")
    ap.add_argument("--mfa", type=Path, help="the China MFA dev feed, an RSS file (see below)")
    ap.add_argument("--mfa-zh", type=Path,
                    help="the China MFA's Chinese edition of 2016–2019, an RSS file (see below)")
    ap.add_argument("--mfa-en2018", type=Path,
                    help="the China MFA's English edition of 2018–2019, an RSS file (see below)")
    ap.add_argument("--sets", default="wh,mfa,mixed",
                    help="comma list of wh, mfa, mixed, zh, en2018, zhmixed, demo")
    ap.add_argument("--runs", type=int, default=3, help="perturbed runs per set (default 3)")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = ap.parse_args(argv)
    sets = set(args.sets.split(","))
    if sets & {"wh", "mixed"} and not args.wh_dir:
        ap.error("--wh-dir is needed for the wh and mixed sets")
    if sets & {"mfa", "mixed"} and not args.mfa:
        ap.error("--mfa is needed for the mfa and mixed sets")
    if sets & {"zh", "zhmixed"} and not args.mfa_zh:
        ap.error("--mfa-zh is needed for the zh and zhmixed sets")
    if sets & {"en2018", "zhmixed"} and not args.mfa_en2018:
        ap.error("--mfa-en2018 is needed for the en2018 and zhmixed sets")
    rows = []
    wh = mfa = None
    if sets & {"wh", "mixed"} or ("zhmixed" in sets and args.wh_dir):
        wh = wh_items(args.wh_dir, wh_labels())
        print(f"wh: {len(wh[0])} items segmented, {len(wh[1])} labelled matched "
              f"({len(wh[2])} procedural), {wh[3]} labels unmatched", file=sys.stderr)
    if sets & {"mfa", "mixed"}:
        mfa = mfa_items(args.mfa, mfa_labels())
        print(f"mfa: {len(mfa[0])} items segmented, {len(mfa[1])} labelled matched "
              f"({len(mfa[2])} procedural), {mfa[3]} labels unmatched", file=sys.stderr)
    if "wh" in sets:
        rows += run_set("wh", wh[0], {"wh": (wh[1], wh[2])}, args.runs)
    if "mfa" in sets:
        rows += run_set("mfa", mfa[0], {"mfa": (mfa[1], mfa[2])}, args.runs)
    if "mixed" in sets:
        rows += run_set("mixed", wh[0] + mfa[0], {"wh": (wh[1], wh[2]), "mfa": (mfa[1], mfa[2])},
                        args.runs)
    editions = {}
    for name, path in (("zh", args.mfa_zh), ("en2018", args.mfa_en2018)):
        if path and sets & {name, "zhmixed"}:
            # one ministry, as a user's store holding both editions would have it
            editions[name] = edition_items(path, zh_labels(name), "Ministry of Foreign Affairs of China")
            e = editions[name]
            print(f"{name}: {len(e[0])} items segmented, {len(e[1])} labelled matched, "
                  f"{e[3]} labels unmatched", file=sys.stderr)
    for name in ("zh", "en2018"):
        if name in sets:
            e = editions[name]
            rows += run_set(name, e[0], {name: (e[1], e[2])}, args.runs)
    if "zhmixed" in sets:
        golds = {"zh": editions["zh"][1:3], "en2018": editions["en2018"][1:3]}
        if wh:
            golds["wh"] = (wh[1], wh[2])
        rows += run_set("zhmixd", (wh[0] if wh else []) + editions["zh"][0] + editions["en2018"][0],
                        golds, args.runs)
    if "demo" in sets:
        d = demo_items()
        rows += run_set("demo", d[0], {"demo": (d[1], d[2])}, args.runs)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'set':6} {'source':6} {'level':6} {'items':>6} {'labels':>6}   P      R      F1 "
          f"  (min–max)      alone   s/run")
    for r in rows:
        print(f"{r['set']:6} {r['source']:6} {r['level']:6} {r['n']:6} {r['labels']:6}  "
              f"{r['P']:.3f}  {r['R']:.3f}  {r['F1']:.3f}  ({r['F1_min']:.3f}–{r['F1_max']:.3f})  "
              f"{r['alone']:.3f}  {r['seconds']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
