"""B-cubed precision/recall/F1 of topic grouping on the two labelled sets.

(a) the bundled demo corpus (tests/data/demo_labels.json: the issue of every item), ingested
    into a throw-away library exactly as a user would (incremental grouping);
(b) hand-labelled real White House 2022 Q&A (benchmarks/data/wh_labels.json), segmented with
    briefdash's own segmenter and grouped in date order.

Run: python benchmarks/eval_grouping.py [--wh-dir DIR]   (DIR: the extracted reference tarball)
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tarfile
import tempfile
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefdash.models import Entry  # noqa: E402
from briefdash.topics.grouping import Params, group_in_memory  # noqa: E402
from briefdash.transcripts.segment import segment_entry  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "reference" / "wh-press-briefings-2022.tar.gz"


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


def guid(entry_key: str) -> str:
    """Stored keys are scoped to their feed ("FEED#guid"); the labels use the bare guid."""
    return entry_key.rsplit("#", 1)[-1]


def demo_set():
    from briefdash.demo_library import build_demo_library
    from briefdash.library import Library

    labels = json.loads((ROOT / "tests" / "data" / "demo_labels.json").read_text())
    d = Path(tempfile.mkdtemp(prefix="bd-eval-"))
    build_demo_library(d)
    lib = Library.open(str(d))
    items = lib.store.items_in_order()
    lib.close()
    # Align by text, not by index, so that a segmentation difference in one briefing does not
    # shift every later label of that briefing onto the wrong item.
    by_entry = defaultdict(list)
    for it in items:
        by_entry[guid(it.entry_key)].append(it)
    gold = {}
    for key, recs in labels.items():
        pool = by_entry.get(key, [])
        used = set()
        for r in recs:
            want = _start(r["question_start"] or r["answer_start"])
            for it in pool:
                if it.index in used:
                    continue
                text = it.question if r["question_start"] else it.answer
                if _start(text).startswith(want[:30]) and want:
                    gold[(key, it.index)] = r["issue"]
                    used.add(it.index)
                    break
    stored = {(guid(it.entry_key), it.index): it.topic_id for it in items}
    return items, gold, stored


def _start(text: str) -> str:
    import html as _h

    return " ".join(_h.unescape(text or "").replace("\u00a0", " ").split()).lower()


def wh_set(wh_dir: Path | None, full_year: bool = False):
    data = json.loads((ROOT / "benchmarks" / "data" / "wh_labels.json").read_text())
    if wh_dir is None:
        wh_dir = Path(tempfile.mkdtemp(prefix="bd-wh-"))
        with tarfile.open(REFERENCE) as tar:
            tar.extractall(wh_dir, filter="data")
        wh_dir = wh_dir / "wh-press-briefings-2022"
    by_file = defaultdict(list)
    for rec in data["items"]:
        by_file[rec["file"]].append(rec)
    items, gold = [], {}
    unmatched = 0
    files = sorted(by_file)
    if full_year:  # group the whole year (as a user's store would hold it), score the labelled
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
                      published=datetime.fromisoformat(day).replace(tzinfo=timezone.utc),
                      ministry="The White House", style="white_house")
        seg = segment_entry(entry)
        for it in seg:
            it.entry_key = fname
            it.id = f"{fname}#{it.index}"
        items.extend(seg)
        qa = [it for it in seg if it.kind == "qa"]
        norm = lambda s: " ".join(s.replace("\u00a0", " ").split())[:40].lower()
        pool = defaultdict(list)
        for it in qa:
            pool[norm(it.question)].append(it)
        for rec in by_file[fname]:
            cands = pool.get(norm(rec["question_start"]))
            if cands:
                it = cands.pop(0)
                gold[it.id] = rec["issue"]
            else:
                unmatched += 1
    return items, gold, unmatched


def evaluate(params: Params | None = None, wh_dir: Path | None = None, quiet=False,
             full_year: bool = False):
    results = {}
    items, gold, stored = demo_set()
    assign, _ = group_in_memory(items, params=params)
    pred = {(guid(it.entry_key), it.index): t for it, t in zip(items, assign)}
    results["demo"] = bcubed(pred, gold)
    results["demo_stored"] = bcubed(stored, gold)
    results["demo_alone"] = bcubed({k: i for i, k in enumerate(pred)}, gold)
    results["demo_n"] = (len(gold), len({pred[k] for k in gold}), len(set(gold.values())))
    witems, wgold, unmatched = wh_set(wh_dir, full_year=full_year)
    wassign, _ = group_in_memory(witems, params=params)
    wpred = {it.id: t for it, t in zip(witems, wassign)}
    results["wh"] = bcubed(wpred, wgold)
    results["wh_alone"] = bcubed({k: i for i, k in enumerate(wpred)}, wgold)
    results["wh_n"] = (len(wgold), unmatched, len({wpred[k] for k in wgold}), len(set(wgold.values())))
    if not quiet:
        print("set    items  clusters/labels     P      R      F1   (every item alone: F1)")
        for name in ("demo", "wh"):
            p, r, f = results[name]
            fa = results[name + "_alone"][2]
            n = results[name + "_n"]
            clusters = f"{n[-2]}/{n[-1]}"
            print(f"{name:5} {n[0]:6}  {clusters:>15}  {p:.3f}  {r:.3f}  {f:.3f}   ({fa:.3f})")
        p, r, f = results["demo_stored"]
        print(f"demo as stored by incremental ingestion: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        print(f"WH labelled items not found among segmented items: {results['wh_n'][1]}")
        if full_year:
            print(f"WH grouped as a whole-year store: {len(witems)} items from every 2022 "
                  f"transcript; only the labelled ones are scored")
    return results


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wh-dir", type=Path, help="extracted wh-press-briefings-2022 directory")
    ap.add_argument("--full-year", action="store_true",
                    help="group all 298 WH transcripts (a user's year-long store), score the labelled")
    args = ap.parse_args()
    evaluate(wh_dir=args.wh_dir, full_year=args.full_year)
