"""Measure issue #12 on real stores: briefing days, procedural share, positions, names.

    python benchmarks/eval_timelines.py --wh-store DIR --wh-root DIR [--mfa-store DIR]
        [--sample 300 --seed 7 --sample-out FILE]

Where the data comes from:
  * `--wh-root`: the White House 2022 transcripts archive, extracted (described below).
  * `--wh-store`: a briefdash data dir holding those transcripts:
    `python benchmarks/wh_to_rss.py --src WH_DIR RSS_DIR && briefdash --data-dir D ingest RSS_DIR/*.xml`.
  * `--mfa-store`: a data dir holding the China MFA dev feed (described below):
    `briefdash --data-dir D2 ingest FEED.xml`.

Printed: the share of items whose date is the day the transcript states (its header lines or
title, else the day in its file name, which is the publication day); kinds; positions under 15
characters and without a position; a sample of positions from the largest topics flagged by the
courtesy/moderation detector (write it out with --sample-out and read it: the detector cannot
judge itself; positions already exclude what it flags, so expect 0); the distinct speaker and
ministry names. Seeds already read (not fresh any more): 7, 11, 12, 31, 53, 99, 404, 1357, 2026,
2027, 5150, 6262, 7373, 8118, 9494 — see TIMELINES_NOTES.md.
"""
from __future__ import annotations

import argparse
import random
import re
import sqlite3
from collections import Counter
from datetime import datetime
from pathlib import Path

from briefdash.transcripts.dates import date_from_text
from briefdash.transcripts.procedural import is_courtesy_or_moderation

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def _db(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{data_dir / 'briefdash.sqlite3'}?mode=ro", uri=True)


def stated_days(wh_root: Path) -> dict[str, str]:
    """File stem → the day its transcript states (header lines, then title), else its file's day."""
    out = {}
    for f in wh_root.glob("*/*.md"):
        text = f.read_text(encoding="utf-8")
        head, _, body = text.partition("\n---")
        first = "\n".join(body.strip().splitlines()[:8])
        m = re.search(rf"\(?({_MONTHS})\s+(\d{{1,2}}),\s+(\d{{4}})\)?", first)
        if not m:
            m = re.search(rf"title:.*?({_MONTHS})\s+(\d{{1,2}}),[\s\\_]+(\d{{4}})", head.replace("\\_", " "), re.S)
        day = (datetime.strptime(f"{m.group(1)} {m.group(2)} {m.group(3)}", "%B %d %Y").date().isoformat()
               if m else f.stem[:10])
        out[f.stem] = day
    return out


def dates_report(db: sqlite3.Connection, wh_root: Path) -> None:
    truth = stated_days(wh_root)
    rows = db.execute("SELECT e.key, e.title, i.date FROM items i JOIN entries e ON e.id = i.entry_id").fetchall()
    ok = bad = 0
    for key, _title, day in rows:
        stem = key.rsplit("#", 1)[-1]
        if stem in truth:
            ok += truth[stem] == day
            bad += truth[stem] != day
    print(f"WH dates: {ok}/{ok + bad} items on the day their transcript states ({ok / max(ok + bad, 1):.2%})")


def mfa_dates_report(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT e.title, i.date FROM items i JOIN entries e ON e.id = i.entry_id").fetchall()
    ok = sum(1 for title, day in rows if (d := date_from_text(title)) and d.isoformat() == day)
    print(f"MFA dates: {ok}/{len(rows)} items on the day their title states ({ok / max(len(rows), 1):.2%})")


def kinds_report(name: str, db: sqlite3.Connection) -> None:
    kinds = Counter(dict(db.execute("SELECT kind, count(*) FROM items GROUP BY kind").fetchall()))
    qa = kinds["qa"] + kinds["procedural"]
    print(f"{name} kinds: {dict(kinds)}; procedural share of Q&A items: {kinds['procedural'] / max(qa, 1):.1%}")


def positions_report(name: str, db: sqlite3.Connection, sample: int, seed: int, out: Path | None) -> None:
    rows = db.execute("SELECT position FROM items WHERE kind != 'procedural'").fetchall()
    with_pos = [p for (p,) in rows if p]
    short = [p for p in with_pos if len(p) < 15]
    print(f"{name} positions: {len(with_pos)}/{len(rows)} items have one; under 15 characters: "
          f"{len(short)} ({len(short) / max(len(with_pos), 1):.1%} of positions); none: {len(rows) - len(with_pos)} "
          f"({(len(rows) - len(with_pos)) / max(len(rows), 1):.1%} of items)")
    tops = db.execute("SELECT topic_id, count(*) c FROM items WHERE topic_id IS NOT NULL "
                      "GROUP BY topic_id ORDER BY c DESC LIMIT 10").fetchall()
    labels = dict(db.execute("SELECT id, coalesce(user_label, label) FROM topics"))
    pool = []
    for tid, _ in tops:
        pool += [(labels.get(tid, ""), p) for (p,) in db.execute(
            "SELECT position FROM items WHERE topic_id = ? AND position != ''", (tid,))]
    if len(pool) < sample:
        return
    random.seed(seed)
    picked = random.sample(pool, sample)
    flagged = sum(1 for _, p in picked if is_courtesy_or_moderation(p))
    print(f"{name}: {sample} positions sampled from the 10 largest topics (seed {seed}); "
          f"flagged by the detector: {flagged} — read the sample to judge")
    if out:
        out.write_text("".join(f"{i:3d} [{lab}] {p}\n" for i, (lab, p) in enumerate(picked)), encoding="utf-8")


def names_report(dbs: list[sqlite3.Connection]) -> None:
    speakers: Counter[str] = Counter()
    ministries: Counter[str] = Counter()
    for db in dbs:
        for sp, n in db.execute("SELECT speaker, count(*) FROM items GROUP BY speaker"):
            for one in (sp.split("; ") if sp else ["(none)"]):
                speakers[one] += n
        for m, n in db.execute("SELECT ministry, count(*) FROM items GROUP BY ministry"):
            ministries[m or "(none)"] += n
    print(f"{len(speakers)} distinct speakers: " + " | ".join(f"{k} ({v})" for k, v in sorted(speakers.items())))
    print(f"{len(ministries)} distinct ministries: " + " | ".join(f"{k} ({v})" for k, v in sorted(ministries.items())))


def main(argv: list[str] | None = None) -> int:
    from sources import MFA_FEED, WH_ARCHIVE, epilog

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=epilog(__doc__, 2, __wh_root=WH_ARCHIVE,
                                               __mfa_store=MFA_FEED),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wh-store", type=Path, required=True, help="data dir holding the WH 2022 transcripts")
    ap.add_argument("--wh-root", type=Path, required=True, help="the unpacked WH transcripts")
    ap.add_argument("--mfa-store", type=Path, help="data dir holding the China MFA dev feed")
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample-out", type=Path, help="write the sampled positions here, to read them")
    args = ap.parse_args(argv)
    wh = _db(args.wh_store)
    dates_report(wh, args.wh_root)
    kinds_report("WH", wh)
    positions_report("WH", wh, args.sample, args.seed, args.sample_out)
    dbs = [wh]
    if args.mfa_store:
        mfa = _db(args.mfa_store)
        mfa_dates_report(mfa)
        kinds_report("MFA", mfa)
        positions_report("MFA", mfa, args.sample, args.seed, None)
        dbs.append(mfa)
    names_report(dbs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
