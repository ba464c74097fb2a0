"""Save screenshots/browser.png: `briefdash serve` on the demo corpus, opened in chromium.

    .venv/bin/python scripts/make_browser_screenshot.py [OUT.png]

Builds the demo library in a temporary directory, starts `briefdash serve` on a free loopback
port, opens it with Playwright driving the system chromium (/usr/bin/chromium, or
BRIEFDASH_CHROMIUM), starts the app from textual-serve's landing page, selects a statement and
takes the picture. Needs the test extras (`pip install -e '.[test]'`) and chromium.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers_browser import (  # noqa: E402
    Served,
    browser,
    browser_unavailable,
    open_dashboard,
    wait_for_quiet,
    wait_for_text,
)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots" / "browser.png"
    why = browser_unavailable()
    if why:
        print(f"cannot take the browser screenshot: {why}", file=sys.stderr)
        return 1
    from briefdash.demo_library import build_demo_library

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "demo"
        build_demo_library(data_dir)
        with Served(data_dir) as srv, browser() as b:
            page = open_dashboard(b, srv.url, size=(1440, 900))
            wait_for_text(page, "newest first", "statements")
            for key in ("Tab", "j", "j", "Enter"):  # a statement in the busiest topic
                page.keyboard.press(key)
                time.sleep(0.3)
            wait_for_text(page, "Statement")
            wait_for_quiet(page, settle=1.0)
            # the app's title bar shows the temporary data dir: the page itself is the point
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            assert srv.stop() == 0
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
