"""Measure how the Chinese and English editions of one press conference are linked.

    python benchmarks/eval_editions.py ZH_FEED.xml EN_FEED.xml \\
        [--check benchmarks/data/mfa_edition_alignment_check.json] [--show]
    python benchmarks/eval_editions.py ZH_FEED.xml EN_FEED.xml --draw 60 --openings 19 --seed 7 [--texts]

Both feeds are ingested into a throw-away library (the ordinary `ingest` path, which links the
editions as it stores them). Printed: how many conferences have both editions, the share of
English statements linked to a Chinese one and the share of Chinese statements linked (on the
days with both editions), and the agreement with the hand-checked links: each record of the
check file gives an English and a Chinese statement id (null: no counterpart) and a verdict.
With --draw, the sample to check by hand is printed instead (the check file's records, verdict
still to give): N links drawn at random among the Q&A links, K among the links of opening
announcements, and every statement left unlinked on a day with both editions; --texts prints
both sides of each under it, to read (never copy those into the repository).

Where the data comes from: the China MFA's regular press conferences as the ministry publishes
them on its own site, one RSS item per conference with the transcript element as published, in
Chinese (ZH_FEED, 34 conferences, Nov 2016 - Nov 2019) and in English (EN_FEED, 26 conferences,
May 2018 - Nov 2019; 26 dates have both editions). They are not part of this repository: get
them from the project's maintainers, or write them from the ministry's transcripts (Chinese:
https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/, English:
https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from briefdash.library import Library, ingest
from briefdash.models import QAItem
from briefdash.topics.editions import ALIGNED_KINDS, _text, editions_of, is_chinese

DEFAULT_CHECK = Path(__file__).parent / "data" / "mfa_edition_alignment_check.json"


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} = {100 * n / d:.1f} %" if d else "0/0"


def coverage(store) -> dict:
    """Linked statements on the days both editions are there, per edition."""
    paired = en_total = en_linked = zh_total = zh_linked = 0
    zh_unpaired = 0
    days = sorted({(it.ministry, it.date.isoformat()) for it in store.items_in_order()
                   if it.ministry and it.date})
    for ministry, day in days:
        items = store.conference_items(ministry, day)
        pair = editions_of(items)
        if pair is None:
            zh_unpaired += sum(1 for it in items if it.kind in ALIGNED_KINDS and is_chinese(_text(it)))
            continue
        paired += 1
        zh, en = pair
        linked = store.counterparts([it.id for it in zh + en])
        en_total += len(en)
        en_linked += sum(1 for it in en if it.id in linked)
        zh_total += len(zh)
        zh_linked += sum(1 for it in zh if it.id in linked)
    return {"paired": paired, "en": (en_linked, en_total), "zh": (zh_linked, zh_total),
            "zh_all": (zh_linked, zh_total + zh_unpaired)}


def agreement(store, records: list[dict]) -> dict:
    """Hand-checked records against today's links: agreeing, disagreeing, no longer there."""
    out: dict[str, list] = {"agree": [], "disagree": [], "missing": []}
    for rec in records:
        en, zh = rec.get("en"), rec.get("zh")
        known = [u for u in (en, zh) if u]
        if any(store.item(u) is None for u in known):
            out["missing"].append(rec)
            continue
        anchor = en or zh
        other = store.counterpart(anchor)
        now = other.id if other else None
        recorded = zh if en else en
        same = now == recorded
        right = same if rec["verdict"] == "correct" else not same
        out["agree" if right else "disagree"].append(dict(rec, now=now))
    return out


def draw(store, n_qa: int, n_openings: int, seed: int) -> list[tuple[dict, list[QAItem]]]:
    """The sample to check by hand: links drawn at random (Q&A links and opening-announcement
    links apart, one seeded generator), then every statement left unlinked on a day with both
    editions, each as a check record (verdict still to give) with the statements it names."""
    qa_links: list[tuple[QAItem, QAItem]] = []
    opening_links: list[tuple[QAItem, QAItem]] = []
    unlinked: list[QAItem] = []
    days = sorted({(it.ministry, it.date.isoformat()) for it in store.items_in_order()
                   if it.ministry and it.date})
    for ministry, day in days:
        pair = editions_of(store.conference_items(ministry, day))
        if pair is None:
            continue
        zh, en = pair
        linked = store.counterparts([it.id for it in zh + en])
        for it in en:
            if it.id in linked:
                (opening_links if it.kind == "statement" else qa_links).append((it, linked[it.id]))
        unlinked += [it for it in en + zh if it.id not in linked]
    rng = random.Random(seed)
    picked = rng.sample(qa_links, min(n_qa, len(qa_links)))
    picked += rng.sample(opening_links, min(n_openings, len(opening_links)))
    picked.sort(key=lambda p: (str(p[0].date), p[0].entry_key, p[0].index))
    out = [({"date": str(en.date), "en": en.id, "zh": zh.id, "verdict": "?"}, [en, zh])
           for en, zh in picked]
    for it in unlinked:
        lang = "zh" if is_chinese(_text(it)) else "en"
        rec = {"date": str(it.date), "en": None, "zh": None, "verdict": "?"}
        rec[lang] = it.id
        out.append((rec, [it]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 2)[2],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("zh_feed", help="the Chinese edition's feed (an RSS file)")
    ap.add_argument("en_feed", help="the English edition's feed (an RSS file)")
    ap.add_argument("--check", type=Path, default=DEFAULT_CHECK,
                    help="hand-checked links (default: benchmarks/data/mfa_edition_alignment_check.json)")
    ap.add_argument("--show", action="store_true", help="print the records that disagree")
    ap.add_argument("--draw", type=int, metavar="N",
                    help="print the sample to check by hand instead: N Q&A links drawn at random, "
                         "then the opening-announcement links and the unlinked statements")
    ap.add_argument("--openings", type=int, default=10, metavar="K",
                    help="with --draw: opening-announcement links to draw (default 10)")
    ap.add_argument("--seed", type=int, default=7, help="with --draw: the random seed (default 7)")
    ap.add_argument("--texts", action="store_true",
                    help="with --draw: print both sides of each record, to read")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="briefdash-editions-") as tmp:
        lib = Library.open(tmp)
        try:
            start = time.perf_counter()
            ingest(lib, [args.zh_feed, args.en_feed])
            took = time.perf_counter() - start
            if args.draw is not None:
                for rec, items in draw(lib.store, args.draw, args.openings, args.seed):
                    print(json.dumps(rec, ensure_ascii=False) + ",")
                    for it in items if args.texts else []:
                        print(f"    [{it.id} {it.kind}] Q: {it.question}\n    A: {it.answer}\n")
                return 0
            cov = coverage(lib.store)
            records = json.loads(args.check.read_text(encoding="utf-8"))["links"]
            agr = agreement(lib.store, records)
            links = lib.store.edition_link_count() // 2
        finally:
            lib.close()
    print(f"ingest of both feeds (segment, link editions, group): {took:.1f} s")
    print(f"conferences with both editions: {cov['paired']}; links: {links}")
    print(f"English statements linked: {_pct(*cov['en'])}")
    print(f"Chinese statements linked (days with both editions): {_pct(*cov['zh'])}")
    print(f"Chinese statements linked (all days): {_pct(*cov['zh_all'])}")
    scored = len(agr["agree"]) + len(agr["disagree"])
    linked = [r for r in agr["agree"] + agr["disagree"] if r.get("en") and r.get("zh")]
    linked_ok = sum(1 for r in linked if r in agr["agree"])
    print(f"hand-checked records agreeing: {_pct(len(agr['agree']), scored)} "
          f"(links {_pct(linked_ok, len(linked))}; "
          f"no-counterpart records {_pct(len(agr['agree']) - linked_ok, scored - len(linked))})")
    if agr["missing"]:
        print(f"hand-checked records whose statements are no longer stored (segmentation changed; "
              f"check them again): {len(agr['missing'])}")
    if args.show:
        for r in agr["disagree"]:
            print("  disagree:", json.dumps(r, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
