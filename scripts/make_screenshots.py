"""Regenerate screenshots/*.svg (and .png when rsvg-convert or cairosvg is available) from the demo corpus.

    .venv/bin/python scripts/make_screenshots.py
"""
from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
# the app is driven as the TUI tests drive it: their settle, their steady cursor
sys.path.insert(0, str(ROOT / "tests"))
from helpers_tui import SIZE, freeze_cursor_blink, settle  # noqa: E402


def expandable_index(screen) -> int:
    """The first issue holding several topics."""
    for i, r in enumerate(screen.topics_list.rows):
        if getattr(r, "expandable", False):
            return i
    return 0


def multi_ministry_index(screen) -> int:
    for i, r in enumerate(screen.topics_list.rows):
        if len(r.topic.ministries) >= 3 and r.topic.count >= 10:
            return i
    return 0


SHOTS = [
    ("main", []),
    ("timeline-detail", ["tab", "j", "j", "j", "enter"]),  # a statement with new wording
    ("search", ["slash", *"resolute countermeasures", "enter"]),
    ("feeds", ["F"]),
    ("help", ["question_mark"]),
    ("merge-picker", ["i", "m"]),  # all topics: merging topics, the most alike first
    ("issues", ["EXPAND", "enter"]),  # an issue of several topics, opened
    ("declare-issue", ["s", "D"]),  # the biggest issue, declared: its most distinctive terms
    ("side-by-side", ["MULTI", "b"]),
    ("stock-phrases", ["MULTI", "P"]),
    ("export-dialog", ["MULTI", "e", "tab", "space"]),
    ("watch-refresh", ["WATCH", "r", "WAIT"]),
    ("narrow-80x24", ["tab", "j", "enter"]),  # 80×24: reading a statement, the answer on screen
    ("narrow-side-by-side-80x24", ["MULTI", "b"]),
]
NARROW = (80, 24)  # shots whose name ends in "80x24"


def add_new_briefings(data_dir: Path) -> None:
    """Subscribe the library to one more (local) feed with briefings after the corpus ends, and
    watch the busiest topics, so that a refresh has watched-topic news to announce."""
    from datetime import date

    from generate_demo import generate  # scripts/generate_demo.py, beside this file

    from briefdash.config import Paths, load_config, save_config
    from briefdash.library import Library
    from briefdash.models import FeedConfig
    from briefdash.topics import curation

    extra = data_dir / "extra-feed"
    generate(extra, n_briefings_per_ministry=1, seed=23, start=date(2026, 11, 23),
             end=date(2026, 11, 26), n_reports=0, labels_path=extra / "labels.json")
    paths = Paths.resolve(data_dir)
    cfg = load_config(paths.config_file)
    for f in sorted(extra.glob("*.xml")):
        if f.stem.startswith(("veloria", "norvania")):
            cfg.feeds.append(FeedConfig(name=f"{f.stem} (new)", url=str(f), style=None))
    save_config(cfg, paths.config_file)
    lib = Library.open(str(data_dir))
    for t in lib.store.topics():
        if t.count >= 40:
            curation.set_flag(lib.store, t.id, "watch")
    lib.close()


async def shoot(data_dir: Path) -> list[Path]:
    from briefdash.library import Library
    from briefdash.tui.app import BriefdashApp

    freeze_cursor_blink()
    written = []
    for name, keys in SHOTS:
        if "WATCH" in keys:
            add_new_briefings(data_dir)
        app = BriefdashApp(Library.open(str(data_dir)), demo=True,
                           export_dir=Path("~/briefdash-exports"))
        # toasts are off in headless runs unless asked for: the watch shot is about one
        size = NARROW if name.endswith("80x24") else SIZE
        async with app.run_test(size=size, notifications="WATCH" in keys) as pilot:
            await settle(pilot)
            for k in keys:
                if k == "WATCH":
                    continue  # prepared in the library before the app started
                if k == "WAIT":
                    while app.refreshing:
                        await pilot.pause(0.1)
                    await settle(pilot)
                    continue
                if k == "MULTI":
                    app.screen.topics_list.move_to(multi_ministry_index(app.screen))
                    await settle(pilot)
                elif k == "EXPAND":
                    app.screen.topics_list.move_to(expandable_index(app.screen))
                    await settle(pilot)
                else:
                    await pilot.press(k)
                    await settle(pilot)
            await settle(pilot)
            path = OUT / f"{name}.svg"
            app.save_screenshot(path.name, str(OUT))
            written.append(path)
        app.lib.close()
    return written


def to_png(svg: Path) -> Path | None:
    png = svg.with_suffix(".png")
    # rsvg drops leading non-breaking spaces unless told to preserve white space
    text = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
    tmp = Path(tempfile.mkstemp(suffix=".svg")[1])
    tmp.write_text(text, encoding="utf-8")
    try:
        if shutil.which("rsvg-convert"):
            subprocess.run(["rsvg-convert", str(tmp), "-o", str(png)], check=True)
            return png
        try:
            import cairosvg
        except ImportError:
            return None
        cairosvg.svg2png(url=str(tmp), write_to=str(png))
        return png
    finally:
        tmp.unlink(missing_ok=True)


def main() -> int:
    from briefdash.demo_library import build_demo_library

    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefdash-shots-") as d:
        build_demo_library(Path(d))
        svgs = asyncio.run(shoot(Path(d)))
    for svg in svgs:
        png = to_png(svg)
        print(f"wrote {svg.relative_to(ROOT)}" + (f" and {png.name}" if png else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
