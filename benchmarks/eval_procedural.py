"""Measure the procedural-exchange detector on hand-labelled real briefings.

    python benchmarks/eval_procedural.py --wh-root DIR --wh-labels A.json [B.json ...] \\
        [--mfa-feed FEED.xml --mfa-labels MFA.json] [--show-misses]

Where the data comes from:
  * `--wh-root`: the White House 2022 transcripts archive, extracted (described below).
  * WH labels: `benchmarks/data/wh_labels.json` (hand labels, see benchmarks/data/README.md):
    `{"items": [{"file", "q_ordinal", "procedural": bool, ...}]}`; `file` is relative to the WH
    root and `q_ordinal` counts the paragraphs that open with `Q` (see benchmarks/wh_label_tool.py).
  * `--mfa-feed`: the China MFA dev feed (described below), and `--mfa-labels`
    `benchmarks/data/mfa_labels.json`: `{"items": [{"link", "q_ordinal", "question_start",
    "procedural": bool}]}`; `q_ordinal` counts the briefing's Q&A items in order.

Each labelled item is cut the way briefdash cuts it (the White House and China MFA segmenters),
then `briefdash.transcripts.procedural.is_procedural(question, answer)` is asked. Printed:
recall on procedural items (target ≥ 90 %) and substantive items lost (target ≤ 2 %).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from briefdash.transcripts.procedural import is_procedural

_Q_PARA = re.compile(r"^Q[\s\u00a0]+")


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def _wh_paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            text = text[end + 4:]
    return [p.strip() for p in re.split(r"\n[ \t\u00a0]*\n", text) if p.strip()]


def wh_items(path: Path) -> list[tuple[str, str]]:
    """(question, answer) per Q paragraph, cut as the White House segmenter does it: the Q
    paragraph plus unlabelled paragraphs before the first official's label is the question;
    the officials' paragraphs (labels removed, time lines and stage-only lines kept out) the answer."""
    from briefdash.transcripts.base import is_junk, parse_label
    from briefdash.transcripts.styles.white_house import Q as Q_LABELS

    out: list[list[list[str]]] = []
    for para in _wh_paragraphs(path):
        para = _norm(_md_unescape(para))
        if _Q_PARA.match(para.replace("\u00a0", " ")) or _Q_PARA.match(para):
            out.append([[_Q_PARA.sub("", para, count=1)], []])
            continue
        if not out:
            continue
        q, a = out[-1]
        lab = parse_label(para)
        if lab is not None and not Q_LABELS.fullmatch(lab.label):
            a.append(lab.rest)
        elif is_junk(para):
            continue
        elif a:
            a.append(para)
        else:
            q.append(para)
    return [("\n\n".join(q), "\n\n".join(a)) for q, a in out]


def _md_unescape(s: str) -> str:
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~<])", r"\1", s)


def load_labels(paths: list[str]) -> list[dict]:
    items: list[dict] = []
    for p in paths:
        data = json.loads(Path(p).read_text(encoding="utf-8"))
        items.extend(data["items"] if isinstance(data, dict) else data)
    return items


def eval_wh(root: Path, labels: list[dict]) -> list[tuple[bool, bool, str, str, str]]:
    cache: dict[str, list[tuple[str, str]]] = {}
    seen: set[tuple[str, int]] = set()
    rows = []
    for it in labels:
        if "procedural" not in it:
            continue
        key = (it["file"], int(it["q_ordinal"]))
        if key in seen:
            continue
        seen.add(key)
        if it["file"] not in cache:
            cache[it["file"]] = wh_items(root / it["file"])
        items = cache[it["file"]]
        if key[1] >= len(items):
            print(f"warning: {key} not found", file=sys.stderr)
            continue
        q, a = items[key[1]]
        rows.append((bool(it["procedural"]), is_procedural(q, a), q, a, f"{key[0]}#{key[1]}"))
    return rows


def eval_mfa(feed: Path, labels: list[dict]) -> list[tuple[bool, bool, str, str, str]]:
    from briefdash.feeds.parse import parse_feed
    from briefdash.models import FeedConfig
    from briefdash.transcripts.segment import segment_entry

    parsed = parse_feed(feed.read_bytes(), str(feed), FeedConfig(name="mfa", url=str(feed)))
    by_link = {}
    for e in parsed.entries:
        items = [(it.question, it.answer) for it in segment_entry(e) if it.kind in ("qa", "procedural")]
        by_link[e.link] = items or _bare_pairs(e.content)
    rows = []
    for it in labels:
        if "procedural" not in it:
            continue
        items = by_link.get(it["link"])
        if not items or int(it["q_ordinal"]) >= len(items):
            print(f"warning: {it['link']} #{it['q_ordinal']} not found", file=sys.stderr)
            continue
        q, a = items[int(it["q_ordinal"])]
        start = _norm(it.get("question_start", ""))[:30]
        if start and not _norm(q).startswith(start):
            print(f"warning: {it['link']} #{it['q_ordinal']}: question differs", file=sys.stderr)
        rows.append((bool(it["procedural"]), is_procedural(q, a), q, a,
                     f"{it['link']}#{it['q_ordinal']}"))
    return rows


def _bare_pairs(content: str) -> list[tuple[str, str]]:
    """A few dev-feed briefings lost their outlets (": question" / "Name: answer"); pair them by hand."""
    from briefdash.transcripts.clean import html_to_paragraphs

    pairs: list[list[str]] = []
    for para in html_to_paragraphs(content):
        if para.startswith(":"):
            pairs.append([para[1:].strip(), ""])
        elif pairs and re.match(r"^[A-Z][\w ]{1,30}:", para):
            pairs[-1][1] = (pairs[-1][1] + "\n\n" + para.split(":", 1)[1].strip()).strip()
    return [(q, a) for q, a in pairs]


def report(name: str, rows, show: bool) -> tuple[int, int, int, int]:
    proc = [r for r in rows if r[0]]
    subs = [r for r in rows if not r[0]]
    hit = sum(1 for r in proc if r[1])
    lost = sum(1 for r in subs if r[1])
    rec = f"{hit / len(proc):.1%}" if proc else "n/a"
    loss = f"{lost / len(subs):.1%}" if subs else "n/a"
    print(f"{name}: {len(rows)} labelled items ({len(proc)} procedural, {len(subs)} substantive); "
          f"procedural detected {hit}/{len(proc)} = {rec}; substantive lost {lost}/{len(subs)} = {loss}")
    if show:
        for r in rows:
            if r[0] != r[1]:
                tag = "MISSED" if r[0] else "LOST  "
                print(f"  {tag} {r[4]}\n     Q: {_norm(r[2])[:200]}\n     A: {_norm(r[3])[:200]}")
    return len(proc), hit, len(subs), lost


def main(argv: list[str] | None = None) -> int:
    from sources import MFA_FEED, WH_ARCHIVE, epilog

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=epilog(__doc__, 2, __wh_root=WH_ARCHIVE,
                                               __mfa_feed=MFA_FEED),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wh-root", type=Path, help="the unpacked White House transcripts (2022)")
    ap.add_argument("--wh-labels", nargs="*", default=[], help="WH label files")
    ap.add_argument("--mfa-feed", type=Path, help="the China MFA feed file the MFA labels refer to")
    ap.add_argument("--mfa-labels", nargs="*", default=[], help="MFA label files")
    ap.add_argument("--show-misses", action="store_true", help="print every disagreement")
    args = ap.parse_args(argv)
    if args.wh_labels and not args.wh_root:
        ap.error("--wh-labels needs --wh-root")
    if args.mfa_labels and not args.mfa_feed:
        ap.error("--mfa-labels needs --mfa-feed")
    if not args.wh_labels and not args.mfa_labels:
        ap.error("give --wh-labels and/or --mfa-labels")
    totals = [0, 0, 0, 0]
    if args.wh_labels:
        if not args.wh_root.is_dir():
            print(f"error: {args.wh_root} is not a directory (unpack the WH archive first)", file=sys.stderr)
            return 1
        t = report("White House", eval_wh(args.wh_root, load_labels(args.wh_labels)), args.show_misses)
        totals = [a + b for a, b in zip(totals, t, strict=True)]
    if args.mfa_labels:
        t = report("China MFA", eval_mfa(args.mfa_feed, load_labels(args.mfa_labels)), args.show_misses)
        totals = [a + b for a, b in zip(totals, t, strict=True)]
    np, hit, ns, lost = totals
    print(f"all: {np + ns} labelled items; procedural detected {hit}/{np} = "
          f"{hit / max(np, 1):.1%} (target >= 90%); substantive lost {lost}/{ns} = "
          f"{lost / max(ns, 1):.1%} (target <= 2%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
