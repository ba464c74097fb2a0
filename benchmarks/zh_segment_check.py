"""Check China MFA segmentation (Chinese and English editions) against hand counts.

    python benchmarks/zh_segment_check.py ZH_FEED EN_FEED [--tolerance 0.10] [--counts FILE] [--as-2020]

Each feed file is read as `briefdash ingest` reads it (`feeds.parse.parse_feed`, no style hint:
detection must find the layout) and every conference is segmented with `segment_entry`. The
number of exchanges (items of kind "qa" or "procedural") is compared with the count made by hand
from the raw transcripts, stored in benchmarks/data/mfa_2016_2019_exchange_counts.json (keyed by
the conference date). Prints one line per conference — date, hand count, segmented count, within
the tolerance or not, the detected style, speakers that are not clean names — then a summary.
Exits 1 when a conference is outside the tolerance or a speaker is not a clean name.

--as-2020 first rewrites every transcript into the labelled layout the ministry uses since 2020
(which these files predate): `问：` becomes an outlet label (`新华社记者：`, a bare `记者：`,
`《环球时报》记者：`, `路透社记者：` in turn), `答：` the spokesperson's name from the title, the last
question `会后有记者问及：`; in English `Q:` becomes `Xinhua News Agency:`, `Reuters:`, `CCTV:`,
`AFP:` in turn and `A:` the spokesperson's name. The exchanges are the same, so are the counts.

ZH_FEED, EN_FEED: the China MFA 2016–2019 dev feeds (`mfa-dev-2016-2019-zh.xml`, 34 conferences
Nov 2016 – Nov 2019, and `mfa-dev-2016-2019-en.xml`, 26 conferences May 2018 – Nov 2019): one RSS
item per regular press conference, `content:encoded` holding the transcript element as the
ministry's site published it. They are not part of this repository: get them from the project's
maintainers, or write them from the transcripts at https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/
and https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from briefdash.feeds.parse import parse_feed  # noqa: E402
from briefdash.models import QAItem  # noqa: E402
from briefdash.transcripts.clean import html_to_paragraphs  # noqa: E402
from briefdash.transcripts.segment import detect_style, segment_entry  # noqa: E402

COUNTS = Path(__file__).resolve().parent / "data" / "mfa_2016_2019_exchange_counts.json"
# A clean speaker: a Chinese name of 2–4 characters, or a Latin name of 2–3 capitalised words.
CLEAN_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})$")
DEBRIS = re.compile(r"记者|问|答|会后|发言人|Follow|Journalist|Question|Answer|Spokes", re.I)


def unclean_speakers(items: list[QAItem]) -> list[str]:
    """Speaker names (each part of "A; B") that are label debris rather than a person's name."""
    bad = []
    for it in items:
        for name in (it.speaker or "").split("; "):
            if name and (not CLEAN_NAME.match(name) or DEBRIS.search(name)):
                bad.append(name)
    return bad


ZH_OUTLETS = ("新华社记者", "记者", "《环球时报》记者", "路透社记者")
EN_OUTLETS = ("Xinhua News Agency", "Reuters", "CCTV", "AFP")
_ZH_Q = re.compile(r"(?<=[>\s\u3000])问[：:]")
_ZH_A = re.compile(r"(?<=[>\s\u3000])答[：:]")
_EN_Q = re.compile(r"(?<=[>\s])Q:")
_EN_A = re.compile(r"(?<=[>\s])A:")
_ZH_NAME = re.compile(r"发言人([\u4e00-\u9fff]{2,4}?)主持")
_EN_NAME = re.compile(r"Spokesperson ([A-Z]\w+ [A-Z]\w+)")


def as_2020(html: str, title: str, lang: str) -> str:
    """The transcript relabelled in the layout used since 2020 (see --help)."""
    zh = lang == "zh"
    m = (_ZH_NAME if zh else _EN_NAME).search(title)
    name = m.group(1) if m else ("发言人" if zh else "Spokesperson")
    outlets = ZH_OUTLETS if zh else EN_OUTLETS
    questions = list((_ZH_Q if zh else _EN_Q).finditer(html))
    parts, at = [], 0
    for i, q in enumerate(questions):
        if zh and i == len(questions) - 1:
            label = "会后有记者问及："  # the last question was put after the briefing
        else:
            label = outlets[i % len(outlets)] + ("：" if zh else ": ")
        parts += [html[at:q.start()], label]
        at = q.end()
    html = "".join(parts) + html[at:]
    html = (_ZH_A if zh else _EN_A).sub(name + ("：" if zh else ":"), html)
    return html


def check(path: Path, hand: dict[str, int], tolerance: float,
          relabel: bool = False) -> tuple[int, int, int, list[tuple[float, str]]]:
    """Print one line per conference; return (conferences, within, unclean speakers, misses)."""
    entries = parse_feed(path.read_bytes(), path.resolve().as_uri()).entries
    lang = "zh" if any("\u4e00" <= c <= "\u9fff" for c in entries[0].title) else "en"
    if relabel:
        for entry in entries:
            entry.content = as_2020(entry.content, entry.title, lang)
    within = unclean = 0
    misses: list[tuple[float, str]] = []
    print(f"\n{path.name}: {len(entries)} conferences")
    print(f"{'date':<11} {'hand':>4} {'seg':>4}  ok  {'style':<14} unclean speakers")
    for entry in entries:
        items = segment_entry(entry)
        day = items[0].date.isoformat() if items and items[0].date else "?"
        style = detect_style(html_to_paragraphs(entry.content), entry.title)
        got = sum(1 for it in items if it.kind in ("qa", "procedural"))
        want = hand.get(day)
        ok = want is not None and abs(got - want) <= tolerance * want
        bad = unclean_speakers(items)
        within += ok
        unclean += len(bad)
        if not ok:
            misses.append((abs(got - (want or 0)) / max(want or 1, 1), f"{day} hand {want} seg {got}"))
        shown = ", ".join(f"{n}×{k}" for k, n in Counter(bad).most_common(3))
        print(f"{day:<11} {want if want is not None else '?':>4} {got:>4}  {'yes' if ok else 'NO ':<3} {style:<14} {shown}")
    return len(entries), within, unclean, sorted(misses, reverse=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 2)[2],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("zh_feed", type=Path, help="mfa-dev-2016-2019-zh.xml (see below)")
    ap.add_argument("en_feed", type=Path, help="mfa-dev-2016-2019-en.xml (see below)")
    ap.add_argument("--tolerance", type=float, default=0.10, help="allowed relative difference (0.10)")
    ap.add_argument("--counts", type=Path, default=COUNTS, help="the hand counts (JSON)")
    ap.add_argument("--as-2020", action="store_true", help="relabel in the layout used since 2020 first")
    args = ap.parse_args(argv)
    for p in (args.zh_feed, args.en_feed):
        if not p.is_file():
            ap.error(f"{p} is not a file: pass the two MFA 2016-2019 feed files")
    hand = json.loads(args.counts.read_text(encoding="utf-8"))
    failed = False
    for path, lang in ((args.zh_feed, "zh"), (args.en_feed, "en")):
        n, within, unclean, misses = check(path, hand[lang], args.tolerance, args.as_2020)
        worst = "; ".join(m for _, m in misses[:3]) or "—"
        print(f"{lang}: {within}/{n} conferences within ±{args.tolerance:.0%} of the hand count; "
              f"{unclean} speakers not clean names; worst: {worst}")
        failed |= within < n or unclean > 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
