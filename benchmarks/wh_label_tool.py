#!/usr/bin/env python3
"""Helper for hand-labelling WH 2022 press-briefing Q&A items (stdlib only).

Usage:
  wh_label_tool.py list FILE              # ordinals + question_start of every Q paragraph
  wh_label_tool.py show FILE [FROM [TO]]  # full item text (Q paragraph + answer paragraphs)
  wh_label_tool.py check LABELS.json      # verify every (file, q_ordinal, question_start)
  wh_label_tool.py stats LABELS.json      # label counts

FILE is relative to the corpus root, the extracted `wh-press-briefings-2022`
folder, given in the environment variable WH_ROOT (required).  That folder is
the White House 2022 transcripts archive: 298 press-briefing transcripts of
2022, public domain (CC0), one Markdown file each with a YAML header, one
folder per month; it is not part of this repository (get the archive from the
project's maintainers, or build the same layout from the White House
briefing-room archive, https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/).
A question paragraph is a paragraph (blank-line
separated, leading whitespace/NBSP indentation ignored) that starts with "Q"
followed by whitespace (incl. U+00A0 NBSP).
q_ordinal = 0-based index of the Q paragraph in the file.  The item text is
the Q paragraph plus all following paragraphs up to the next Q paragraph.
"""
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = os.environ.get("WH_ROOT", "")
Q_RE = re.compile(r"^Q[\s\u00a0]+")


def paragraphs(path):
    text = Path(ROOT, path).read_text(encoding="utf-8")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            text = text[end + 4:]
    paras = re.split(r"\n[ \t\u00a0]*\n", text)
    # leading indentation (often NBSPs) is not significant: some transcripts
    # indent nested Q/answer exchanges
    return [p.strip() for p in paras if p.strip()]


def norm(s):
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def items(path):
    """Return list of (ordinal, question_start, [paragraphs])."""
    out = []
    for p in paragraphs(path):
        if Q_RE.match(p):
            body = Q_RE.sub("", p, count=1)
            out.append([len(out), norm(body)[:80], [p]])
        elif out:
            out[-1][2].append(p)
    return out


def main(argv):
    if len(argv) < 3 or argv[1] not in ("list", "show", "check", "stats") or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0 if len(argv) > 1 and argv[1] in ("-h", "--help") else 2
    if argv[1] in ("list", "show", "check") and not os.path.isdir(ROOT):
        print("error: set WH_ROOT to the extracted wh-press-briefings-2022 folder "
              "(see --help for where to get it)", file=sys.stderr)
        return 2
    cmd = argv[1]
    if cmd == "list":
        for o, start, _ in items(argv[2]):
            print(f"{o:3d} | {start}")
    elif cmd == "show":
        its = items(argv[2])
        lo = int(argv[3]) if len(argv) > 3 else 0
        hi = int(argv[4]) if len(argv) > 4 else len(its) - 1
        width = int(os.environ.get("WH_WIDTH", "0"))  # 0 = full answer text
        for o, _, ps in its[lo:hi + 1]:
            print(f"===== [{o}] " + norm(ps[0]))
            ans = " / ".join(norm(p) for p in ps[1:])
            print("   -> " + (ans[:width] + " ..." if width and len(ans) > width else ans))
    elif cmd == "check":
        data = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        cache, bad = {}, 0
        seen = set()
        for it in data["items"]:
            f = it["file"]
            if f not in cache:
                cache[f] = items(f)
            its = cache[f]
            o = it["q_ordinal"]
            key = (f, o)
            if key in seen:
                print("DUP", key)
                bad += 1
            seen.add(key)
            if o >= len(its) or its[o][1] != it["question_start"]:
                print("MISMATCH", f, o, repr(it["question_start"]))
                bad += 1
            if not f.split("/")[-1].startswith(it["date"]):
                print("DATE", f, it["date"])
                bad += 1
        for f, its in cache.items():
            got = sorted(o for (ff, o) in seen if ff == f)
            if got != list(range(len(its))):
                print("INCOMPLETE", f, len(got), "of", len(its))
                bad += 1
        print(f"{len(data['items'])} items in {len(cache)} files, {bad} problems")
        return 1 if bad else 0
    elif cmd == "stats":
        data = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        c = Counter(it["issue"] for it in data["items"])
        for k, v in c.most_common():
            print(f"{v:4d} {k}")
        print(len(c), "labels;", sum(1 for k in c if k.startswith("oneoff-")), "one-offs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
