"""Check White House segmentation against the real 2022 transcripts.

    python benchmarks/wh_segment_check.py RSS_DIR --src DIR

RSS_DIR holds the files written by `wh_to_rss.py`. Each item is read with feedparser, turned into
an `Entry` (no style hint: detection must find "white_house") and segmented. The reference count
is computed independently from the Markdown: paragraphs (and hard-broken lines) that start with
"Q" followed by spaces/NBSP. A briefing passes when its number of "qa" items is within ±10 % of
that count (leading spaces/NBSP before the Q are ignored). Prints the pass share, the style
detection share, timing, and the worst five.

DIR (--src): the White House 2022 transcripts archive; `--help` says what it is and where to
get it.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import feedparser  # noqa: E402
from sources import WH_ARCHIVE, epilog  # noqa: E402
from wh_to_rss import md_paragraphs, read_markdown  # noqa: E402

from briefdash.models import Entry  # noqa: E402
from briefdash.transcripts.clean import html_to_paragraphs  # noqa: E402
from briefdash.transcripts.segment import detect_style, segment_entry  # noqa: E402

Q_PARA = re.compile(r"^Q[ \t\u00a0]+\S")


def q_count(md_body: str) -> int:
    return sum(1 for lines in md_paragraphs(md_body) for ln in lines if Q_PARA.match(ln.lstrip(" \t\u00a0")))


OTHER_Q = re.compile(r"^(?:Q\s*:|AUDIENCE MEMBER:|PARTICIPANT:|QUESTION:)")


def why(md_body: str, items) -> str:
    """Explain a mismatch: questions under other labels, Q paragraphs that opened no item."""
    lines = [ln.lstrip(" \t\u00a0") for ps in md_paragraphs(md_body) for ln in ps]
    other = sum(1 for ln in lines if OTHER_Q.match(ln))
    starts = [" ".join(it.question.split())[:20] for it in items if it.kind == "qa"]
    qtexts = [" ".join(Q_PARA.sub("", ln[:1]) and re.sub(r"^Q[ \t\u00a0]+", "", ln).split())[:20]
              for ln in lines if Q_PARA.match(ln)]
    missing = [t for t in qtexts if not any(s.startswith(t) for s in starts)]
    extra = [s for s in starts if not any(s.startswith(t) for t in qtexts)]
    parts = []
    if other:
        parts.append(f"{other} questions labelled 'Q:'/'AUDIENCE MEMBER:'/… (not counted as Q paragraphs)")
    if missing:
        parts.append(f"{len(missing)} Q paragraph(s) merged into a neighbour, e.g. {missing[0]!r}")
    if extra and not other:
        parts.append(f"{len(extra)} extra item(s), e.g. {extra[0]!r}")
    return "; ".join(parts) or "—"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=epilog(__doc__, __src=WH_ARCHIVE),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rss_dir", type=Path, help="the RSS files wh_to_rss.py wrote")
    ap.add_argument("--src", type=Path, required=True,
                    help="the extracted wh-press-briefings-2022 folder (see below)")
    ap.add_argument("--tolerance", type=float, default=0.10)
    args = ap.parse_args(argv)
    if not args.src.is_dir():
        ap.error(f"{args.src} is not a folder: pass the extracted wh-press-briefings-2022 folder")

    expected: dict[str, int] = {}
    bodies: dict[str, str] = {}
    for md in args.src.glob("*/*.md"):
        _, body = read_markdown(md)
        expected[md.stem] = q_count(body)
        bodies[md.stem] = body
    kept: dict[str, list] = {}

    rows = []
    styles: dict[str, int] = {}
    seg_time = 0.0
    n_items = 0
    for rss in sorted(args.rss_dir.glob("*.xml")):
        feed = feedparser.parse(str(rss))
        for e in feed.entries:
            content = e.content[0].value if e.get("content") else e.get("summary", "")
            published = datetime(*e.published_parsed[:6]) if e.get("published_parsed") else None
            entry = Entry(
                key=e.id, title=e.title, link=e.link, published=published, content=content,
                feed_title=feed.feed.get("title", ""),
            )
            t0 = time.perf_counter()
            items = segment_entry(entry)
            seg_time += time.perf_counter() - t0
            n_items += len(items)
            style = detect_style(html_to_paragraphs(content), entry.title)
            styles[style] = styles.get(style, 0) + 1
            qa = sum(1 for it in items if it.kind == "qa")
            exp = expected.get(e.id)
            if exp is None:
                continue
            bad_pos = sum(1 for it in items if it.position and it.position not in it.answer)
            diff = qa - exp
            ok = abs(diff) <= args.tolerance * exp if exp else qa == 0
            rows.append((e.id, exp, qa, diff, ok, style, bad_pos))
            kept[e.id] = items

    n = len(rows)
    passed = sum(1 for r in rows if r[4])
    print(f"briefings: {n}   within ±{args.tolerance:.0%} of the Q-paragraph count: {passed}/{n} = {passed / n:.1%}")
    print(f"detected styles: {styles}")
    print(f"items: {n_items}, segmentation {seg_time * 1000:.0f} ms total, {seg_time * 1000 / max(n, 1):.2f} ms per briefing")
    print(f"positions not verbatim in their answer: {sum(r[6] for r in rows)}")
    worst = sorted(rows, key=lambda r: (-(abs(r[3]) / max(r[1], 1)), -abs(r[3])))[:5]
    print("worst five (guid: Q paragraphs → qa items):")
    for gid, exp, qa, diff, ok, style, _ in worst:
        print(f"  {gid}: {exp} → {qa} ({diff:+d}, style {style}){'' if ok else '  FAIL'}")
        print(f"      why: {why(bodies[gid], kept[gid])}")
    return 0 if n and passed / n >= 0.98 else 1


if __name__ == "__main__":
    raise SystemExit(main())
