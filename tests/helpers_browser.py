"""Driving `briefdash serve` from a real browser: Debian's chromium through Playwright.

Playwright's own browser download is not used (nor reachable here): Playwright launches the
system chromium by path. Every request the page makes to anything but 127.0.0.1 / localhost is
aborted (textual-serve's page links a web font), so no test reaches the internet.

The page draws the terminal with xterm.js on a canvas, so the text is not in the DOM. An init
script catches the xterm `Terminal` object as textual-serve's page assigns it (`this.terminal =
new Terminal(...)`) and keeps it in `window.__briefdashTerminals`; `screen_text` reads its buffer.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]

CAPTURE_TERMINAL = """
(() => {
  window.__briefdashTerminals = [];
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    set(value) {
      Object.defineProperty(this, "terminal", {value, writable: true, configurable: true,
                                               enumerable: true});
      if (value && value.buffer && "websocket_url" in this) window.__briefdashTerminals.push(value);
    },
  });
})();
"""

READ_SCREEN = """
() => {
  const t = (window.__briefdashTerminals || [])[0];
  if (!t) return null;
  const b = t.buffer.active, out = [];
  for (let y = 0; y < t.rows; y++) {
    const line = b.getLine(b.viewportY + y);
    out.push(line ? line.translateToString(true) : "");
  }
  return out.join("\\n");
}
"""


def find_chromium() -> str | None:
    """BRIEFDASH_CHROMIUM, else Debian's /usr/bin/chromium, else `chromium` on PATH."""
    for candidate in (os.environ.get("BRIEFDASH_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def browser_unavailable() -> str | None:
    """Why no browser test can run here (None when one can)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if find_chromium() is None:
        return ("no chromium found (/usr/bin/chromium; set BRIEFDASH_CHROMIUM or "
                "`apt-get install chromium`; .ci/run installs it)")
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    """The ids of the processes whose parent is `pid` (from /proc)."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return out


class Served:
    """A running `briefdash serve` on a free loopback port."""

    def __init__(self, data_dir: Path, port: int | None = None, extra: list[str] | None = None):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = self.data_dir.parent / f"serve-{self.port}.log"
        self._log_fh = self.log.open("wb")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "briefdash", "--data-dir", str(self.data_dir), "serve",
             "--port", str(self.port), *(extra or [])],
            stdout=self._log_fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"briefdash serve exited {self.proc.returncode}: {self.output()}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError(f"briefdash serve did not answer within {timeout:g} s: {self.output()}")

    def output(self) -> str:
        if not self._log_fh.closed:
            self._log_fh.flush()
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20.0) -> int:
        """Send `sig`; return the exit code (fails if the server does not stop in time)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired as e:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError(
                    f"serve did not stop within {timeout:g} s: {self.output()}") from e
        self._log_fh.close()
        return self.proc.returncode

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(Exception):
            self.stop()


@contextlib.contextmanager
def browser():
    """A headless chromium (Playwright, system browser) whose pages reach only 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    exe = find_chromium()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def open_dashboard(b, url: str, *, size=(1280, 800), via_start_button: bool = True):
    """A new page on `url`, the app started from textual-serve's landing page."""
    from urllib.parse import urlsplit

    context = b.new_context(viewport={"width": size[0], "height": size[1]})

    def only_local(route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost", "::1"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.add_init_script(CAPTURE_TERMINAL)
    if via_start_button:
        # ?delay shows the landing page's Start button instead of connecting at once
        page.goto(url + "?delay=1", wait_until="domcontentloaded")
        page.locator("#start").click()
    else:
        page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => (window.__briefdashTerminals || []).length > 0", timeout=15000)
    deadline = time.monotonic() + 30
    while not screen_text(page).strip() and time.monotonic() < deadline:
        time.sleep(0.1)
    page.locator(".xterm-helper-textarea").focus()  # keys go to the terminal
    return page


def screen_text(page) -> str:
    return page.evaluate(READ_SCREEN) or ""


def wait_for_text(page, *needles: str, timeout: float = 30.0) -> str:
    """The terminal's text once every needle is on screen (AssertionError after `timeout`)."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen_text(page)
        if all(n in text for n in needles):
            return text
        time.sleep(0.2)
    raise AssertionError(f"not on screen after {timeout:g} s: {needles!r}\n--- screen ---\n{text}")


def wait_for_quiet(page, settle: float = 0.6, timeout: float = 20.0) -> str:
    """The terminal's text once it has not changed for `settle` seconds."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        text = screen_text(page)
        if text != last:
            last, since = text, time.monotonic()
        elif time.monotonic() - since >= settle:
            return text
        time.sleep(0.1)
    return last or ""
