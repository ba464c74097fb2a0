"""`briefdash serve`: the dashboard in a browser, through textual-serve.

textual-serve runs one command per browser connection (a websocket) and relays the terminal to
xterm.js in the page; here that command is this Python running `briefdash --data-dir DIR`, so every
browser gets a dashboard process of its own on the same store (SQLite in WAL mode: several readers
and one writer at a time, each write one short transaction, so dashboards and a `briefdash fetch`
from cron share it safely).

What this adds to textual-serve's `Server`:
- the page's websocket address follows the address the browser used (textual-serve builds it from
  the bind address, which is wrong for 0.0.0.0 and for "localhost" vs "127.0.0.1");
- a websocket whose Origin is another site is refused (a web page in the user's browser must not
  drive the dashboard), and on a loopback bind a request whose Host is not a loopback name is
  refused (DNS rebinding);
- dashboards run in their own session, so Ctrl+C in the server's terminal reaches the server
  only, which then asks each dashboard to quit and ends any that does not within a few seconds;
- SIGTERM does the same.

textual-serve has no authentication: anyone who can reach the port can use the dashboard. That is
why binding anything but a loopback address needs `--public`.
"""
from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import os
import shlex
import signal
import sys
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("textual-serve")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
QUIT_GRACE = 3.0  # seconds a dashboard gets to quit before it is terminated


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1); false for 0.0.0.0, '' and names."""
    h = host.strip().strip("[]").lower()
    if h in ("localhost", "localhost.", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def dashboard_command(data_dir: str | None, verbose: bool = False) -> str:
    """The shell command textual-serve runs per browser: this Python, `-m briefdash`.

    `exec` replaces the shell, so the process textual-serve holds *is* the dashboard (signals
    reach it). The data dir is passed as an absolute path when one was chosen (--data-dir or
    BRIEFDASH_DATA_DIR); without one the dashboard uses the same platform defaults as the server.
    """
    args = [sys.executable, "-m", "briefdash"]
    chosen = data_dir or os.environ.get("BRIEFDASH_DATA_DIR")
    if chosen:
        args += ["--data-dir", os.path.abspath(os.path.expanduser(chosen))]
    if verbose:
        args.append("--verbose")
    return "exec " + shlex.join(args)


class _DashboardService(AppService):
    """One dashboard process; started in a new session so a terminal's Ctrl+C skips it."""

    stopping: asyncio.Future | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24):
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_shell(
            self.command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment, start_new_session=True)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def process(self):
        return self._process


class DashboardServer(Server):
    """textual-serve's Server, with the additions listed in the module docstring."""

    def __init__(self, command: str, host: str, port: int, *, public: bool, label: str):
        super().__init__(command, host=host, port=port, title="briefdash")
        self.public = public
        self.label = label
        self.services: set[_DashboardService] = set()
        self.sockets: set[web.WebSocketResponse] = set()

    # ---- requests -----------------------------------------------------------------------
    def _host_allowed(self, request: web.Request) -> bool:
        if self.public:
            return True
        host = urlsplit(f"//{request.host}").hostname or ""
        return is_loopback(host)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self._host_allowed(request):
            raise web.HTTPForbidden(text="briefdash serve: this address is not served here\n")
        import aiohttp_jinja2

        # behind a TLS-terminating proxy the page is https: its websocket must then be wss
        scheme = request.headers.get("X-Forwarded-Proto", request.scheme).split(",")[0].strip()
        scheme = "https" if scheme.lower() == "https" else "http"
        base = f"{scheme}://{request.host}"
        ws = ("wss:" if scheme == "https" else "ws:") + base.split(":", 1)[1]
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{ws}{request.app.router['websocket'].url_for()}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": f"briefdash · {self.label}"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self._host_allowed(request):
            raise web.HTTPForbidden(text="briefdash serve: this address is not served here\n")
        origin = request.headers.get("Origin")
        if origin and urlsplit(origin).netloc.lower() != request.host.lower():
            log.warning("refused a websocket from another site (Origin %s)", origin)
            raise web.HTTPForbidden(text="briefdash serve: cross-site connection refused\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: _DashboardService | None = None
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)

            async def close() -> None:
                await websocket.close()

            service = _DashboardService(
                self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=close, download_manager=self.download_manager, debug=self.debug)
            self.services.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one browser's trouble must not stop the server
            log.exception(error)
        finally:
            self.sockets.discard(websocket)
            if service is not None:
                await self._stop_service(service)
                self.services.discard(service)
        return websocket

    # ---- lifecycle ----------------------------------------------------------------------
    async def _stop_service(self, service: _DashboardService) -> None:
        """Stop a dashboard once, however many callers ask (its websocket closing, shutdown)."""
        if service.stopping is None:
            service.stopping = asyncio.ensure_future(self._stop_process(service))
        await asyncio.shield(service.stopping)

    async def _stop_process(self, service: _DashboardService) -> None:
        """Ask the dashboard to quit; terminate it (then kill it) if it does not."""
        proc = service.process
        with contextlib.suppress(Exception):  # TimeoutError included
            await asyncio.wait_for(service.stop(), QUIT_GRACE)
        if proc is None:
            return
        try:  # quitting closes its output first; give it a moment to exit
            await asyncio.wait_for(proc.wait(), QUIT_GRACE)
            return
        except TimeoutError:
            pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                proc.send_signal(sig)
            except ProcessLookupError:
                return
            try:
                await asyncio.wait_for(proc.wait(), QUIT_GRACE)
                return
            except TimeoutError:
                continue

    async def on_startup(self, app: web.Application) -> None:
        url = f"http://{'[' + self.host + ']' if ':' in self.host else self.host}:{self.port}"
        print(f"briefdash serve: the dashboard on {self.label} at {url}  (Ctrl+C stops)",
              flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        services = list(self.services)
        if services:
            print(f"briefdash serve: stopping {len(services)} dashboard(s)…", flush=True)
        await asyncio.gather(*(self._stop_service(s) for s in services), return_exceptions=True)
        for ws in list(self.sockets):
            await ws.close()

    def initialize_logging(self) -> None:
        logging.basicConfig(level="DEBUG" if self.debug else "WARNING",
                            format="briefdash serve: %(message)s", stream=sys.stderr)

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_exit)
        try:
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False,
                        loop=loop, print=lambda *a: None, shutdown_timeout=5.0)
        finally:
            if not loop.is_closed():
                loop.close()
