"""Convert the White House press-briefing archive (Markdown with a YAML header) into RSS files.

    python benchmarks/wh_to_rss.py --src DIR OUT_DIR

DIR: the White House 2022 transcripts archive; `--help` says what it is and where to get it.

One RSS file per month (`wh-2022-01.xml`, …); each item carries the transcript in
`content:encoded` with one <p> per paragraph. In these files paragraphs are separated by lines
that hold only whitespace and/or a non-breaking space, so such lines count as blank; a hard line
break (a line ending in two spaces) inside a paragraph becomes <br>. Non-breaking spaces are kept
(questions are marked "Q\\xa0\\xa0"), Markdown backslash escapes are removed.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

BLANK_LINE = re.compile(r"\n[ \t\u00a0]*(?=\n)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")


_YAML_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)")
_YAML_SIMPLE = {"_": "\u00a0", "n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", " ": " ",
                "N": "\u0085", "L": "\u2028", "P": "\u2029", "0": "\0"}


def _yaml_unescape(v: str) -> str:
    """YAML double-quoted escapes: "\\_" is a non-breaking space, "\\u2019" a quote mark, …"""
    def one(m: re.Match) -> str:
        e = m.group(1)
        if e[0] in "ux" and len(e) > 1:
            return chr(int(e[1:], 16))
        return _YAML_SIMPLE.get(e, e)
    return _YAML_ESCAPE.sub(one, v)


def read_markdown(path: Path) -> tuple[dict[str, str], str]:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    body = text
    if text.startswith("---"):
        _, head, body = text.split("---", 2)
        # a double-quoted value may continue on indented lines ("…Jean-Pierre and\\\n  NSC …")
        head = re.sub(r"\\?\n[ \t]+(?=\S)", lambda m: "" if m.group(0).startswith("\\") else " ", head)
        for line in head.splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                v = v.strip()
                if len(v) >= 2 and v[0] == v[-1] == '"':
                    v = _yaml_unescape(v[1:-1])
                elif len(v) >= 2 and v[0] == v[-1] == "'":
                    v = v[1:-1]
                    if line.split(":", 1)[1].strip().startswith('"'):
                        # YAML escapes: a no-break space, an escaped space
                        v = v.replace("\\_", "\u00a0").replace("\\ ", " ")
                meta[k.strip()] = v
    return meta, body


def md_paragraphs(body: str) -> list[list[str]]:
    """Paragraphs as lists of hard-broken lines (soft-wrapped lines already joined)."""
    body = body.replace("\r\n", "\n")
    out: list[list[str]] = []
    for chunk in re.split(r"\n(?:[ \t\u00a0]*\n)+", "\n" + body + "\n"):
        if not chunk.strip(" \t\n\u00a0"):
            continue
        lines: list[str] = []
        cur = ""
        for raw in chunk.split("\n"):
            hard = raw.endswith("  ") or raw.endswith("\\")
            piece = raw.rstrip(" \\").strip(" \t")
            if not piece.strip("\u00a0 "):
                if cur:
                    lines.append(cur)
                    cur = ""
                continue
            cur = f"{cur} {piece}" if cur else piece
            if hard:
                lines.append(cur)
                cur = ""
        if cur:
            lines.append(cur)
        lines = [_MD_ESCAPE.sub(r"\1", ln) for ln in lines if ln.strip("\u00a0 ")]
        if lines:
            out.append(lines)
    return out


def paragraphs_html(body: str) -> str:
    parts = []
    for lines in md_paragraphs(body):
        parts.append("<p>" + "<br>".join(html.escape(ln, quote=False) for ln in lines) + "</p>")
    return "\n".join(parts)


def _pubdate(meta: dict[str, str]) -> str:
    for key in ("published_time", "modified_time"):
        v = meta.get(key)
        if v:
            try:
                return format_datetime(datetime.fromisoformat(v))
            except ValueError:
                pass
    d = meta.get("date", "2022-01-01")
    return format_datetime(datetime.fromisoformat(d + "T12:00:00-05:00"))


def convert(src: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    by_month: dict[str, list[Path]] = {}
    for md in sorted(src.glob("*/*.md")):
        by_month.setdefault(md.parent.name, []).append(md)
    written = []
    for month, files in sorted(by_month.items()):
        items = []
        for md in files:
            meta, body = read_markdown(md)
            # YAML's "\_" in a double-quoted title is a non-breaking space ("Jen\_Psaki")
            title = meta.get("title", md.stem).replace("\\_", "\u00a0")
            link = meta.get("source_url", "")
            content = paragraphs_html(body)
            items.append(
                "<item>"
                f"<title>{html.escape(title)}</title>"
                f"<link>{html.escape(link)}</link>"
                f"<guid isPermaLink=\"false\">{html.escape(md.stem)}</guid>"
                f"<pubDate>{_pubdate(meta)}</pubDate>"
                f"<content:encoded><![CDATA[{content.replace(']]>', ']]&gt;')}]]></content:encoded>"
                "</item>"
            )
        rss = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            "<channel><title>The White House: Press Briefings</title>"
            "<link>https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/</link>"
            f"<description>Press briefings, {month}</description>"
            + "".join(items)
            + "</channel></rss>\n"
        )
        path = out / f"wh-{month}.xml"
        path.write_text(rss, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    from sources import WH_ARCHIVE, epilog

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=epilog(__doc__, __src=WH_ARCHIVE),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--src", type=Path, required=True,
                    help="the extracted wh-press-briefings-2022 folder (see below)")
    args = ap.parse_args(argv)
    if not args.src.is_dir():
        print(f"error: {args.src} is not a folder: pass the extracted wh-press-briefings-2022 "
              "folder with --src (see --help for where to get it)", file=sys.stderr)
        return 1
    files = convert(args.src, args.out_dir)
    n = sum(p.read_text(encoding="utf-8").count("<item>") for p in files)
    print(f"wrote {n} items into {len(files)} RSS files under {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
