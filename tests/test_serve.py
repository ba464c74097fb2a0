"""`briefdash serve` without a browser: safe defaults, the command it runs, the HTTP side, stopping.

The browser itself is driven in test_browser.py.
"""
from __future__ import annotations

import asyncio
import os
import shlex
import signal
import subprocess
import sys
import time

import pytest

from briefdash import cli
from briefdash.tui import serve as serve_mod
from briefdash.tui.serve import dashboard_command, is_loopback
from helpers_browser import Served, children
from helpers_library import build_tiny_library


@pytest.mark.parametrize("host,ok", [
    ("127.0.0.1", True), ("127.8.9.10", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("", False), ("192.168.1.20", False),
    ("example.org", False), ("10.0.0.1", False)])
def test_loopback_addresses(host, ok):
    assert is_loopback(host) is ok


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_non_loopback_host_without_public_exits_2_with_one_line(tiny_library, capsys, host):
    rc = cli.main(["--data-dir", str(tiny_library), "serve", "--host", host])
    assert rc == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--public" in err and "not a loopback address" in err
    assert "authentication" in err


def test_public_prints_the_warning(tiny_library, capsys, monkeypatch):
    seen: dict[str, object] = {}

    def fake_serve(self, debug=False):  # nothing is bound: this test only reads the warning
        seen.update(host=self.host, port=self.port, command=self.command)

    monkeypatch.setattr(serve_mod.DashboardServer, "serve", fake_serve)
    rc = cli.main(["--data-dir", str(tiny_library), "serve", "--host", "0.0.0.0", "--public",
                   "--port", "8123"])
    assert rc == 0
    err = capsys.readouterr().err
    assert "WARNING" in err and "anyone who can reach this port can use the dashboard" in err
    assert seen["host"] == "0.0.0.0" and seen["port"] == 8123
    assert f"--data-dir {shlex.quote(str(tiny_library))}" in str(seen["command"])


def test_defaults_and_no_warning_on_loopback(tiny_library, capsys, monkeypatch):
    seen: dict[str, object] = {}
    monkeypatch.setattr(serve_mod.DashboardServer, "serve",
                        lambda self, debug=False: seen.update(host=self.host, port=self.port))
    assert cli.main(["--data-dir", str(tiny_library), "serve"]) == 0
    assert seen == {"host": "127.0.0.1", "port": 8000}
    assert "WARNING" not in capsys.readouterr().err


def test_bad_port_is_a_usage_error(tiny_library, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--data-dir", str(tiny_library), "serve", "--port", "70000"])
    assert exc.value.code == 2


def test_serve_help_says_what_matters(capsys):
    with pytest.raises(SystemExit):
        cli.main(["serve", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for needle in ("textual-serve", "--public", "NO AUTHENTICATION", "default 127.0.0.1",
                   "default 8000", "dashboard process of its own", "briefdash fetch",
                   "SIGTERM", "Ctrl+C", "--data-dir"):
        assert needle in out, needle


def test_dashboard_command_carries_the_data_dir(tmp_path, monkeypatch):
    d = tmp_path / "a dir with 'quotes' and spaces"
    cmd = dashboard_command(str(d))
    assert cmd.startswith("exec ")
    argv = shlex.split(cmd)[1:]
    assert argv[:3] == [sys.executable, "-m", "briefdash"]
    assert argv[3:] == ["--data-dir", str(d)]
    monkeypatch.setenv("BRIEFDASH_DATA_DIR", str(tmp_path / "env"))
    assert shlex.split(dashboard_command(None))[-1] == str(tmp_path / "env")
    monkeypatch.delenv("BRIEFDASH_DATA_DIR")
    assert "--data-dir" not in dashboard_command(None)  # the platform defaults, as the server's


def test_a_broken_config_fails_before_serving(tmp_path, capsys):
    (tmp_path / "config.toml").write_text("[fetch]\ntimeout = 'soon'\n")
    assert cli.main(["--data-dir", str(tmp_path), "serve"]) == 1
    assert "config.toml" in capsys.readouterr().err


def test_port_in_use_is_one_line(tiny_library, capsys):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert cli.main(["--data-dir", str(tiny_library), "serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "--port" in err


def _ws_session(url: str, origin: str | None, host: str | None = None):
    """Open the dashboard websocket like the page does; returns (status, first bytes)."""
    import aiohttp

    async def go():
        headers = {}
        if origin:
            headers["Origin"] = origin
        if host:
            headers["Host"] = host
        async with aiohttp.ClientSession() as s:
            try:
                async with s.ws_connect(url + "ws?width=100&height=30", headers=headers) as ws:
                    got = b""
                    deadline = time.monotonic() + 20
                    while len(got) < 200 and time.monotonic() < deadline:
                        msg = await ws.receive(timeout=20)
                        if isinstance(msg.data, bytes):
                            got += msg.data
                    return 101, got
            except aiohttp.WSServerHandshakeError as exc:
                return exc.status, b""

    return asyncio.run(go())


def test_http_side_host_and_origin_checks(tmp_path):
    d = build_tiny_library(tmp_path / "lib")
    with Served(d) as srv:
        import urllib.request

        page = urllib.request.urlopen(srv.url).read().decode()
        assert f'data-session-websocket-url="ws://127.0.0.1:{srv.port}/ws"' in page
        assert "briefdash" in page
        req = urllib.request.Request(srv.url, headers={"X-Forwarded-Proto": "https"})
        proxied = urllib.request.urlopen(req).read().decode()
        assert f'data-session-websocket-url="wss://127.0.0.1:{srv.port}/ws"' in proxied
        # another page's script (another Origin) cannot open a dashboard
        assert _ws_session(srv.url, origin="http://evil.example")[0] == 403
        # a name that resolves to us by DNS rebinding is not served on a loopback bind
        req = urllib.request.Request(srv.url, headers={"Host": f"evil.example:{srv.port}"})
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(req)
        assert exc.value.code == 403
        # the page's own origin gets the dashboard
        status, data = _ws_session(srv.url, origin=f"http://127.0.0.1:{srv.port}")
        assert status == 101 and data
        assert srv.stop() == 0


def _hold_dashboard(url: str, origin: str, ready, result: dict) -> None:
    """Open a dashboard and keep it open until the server closes the connection."""
    import aiohttp

    async def go():
        ws_url = url + "ws?width=100&height=30"
        async with aiohttp.ClientSession() as s, \
                s.ws_connect(ws_url, headers={"Origin": origin}) as ws:
            got = 0
            async for msg in ws:
                if isinstance(msg.data, bytes):
                    got += len(msg.data)
                    if got > 200:
                        ready.set()
            result["closed_by_server"] = True
            result["bytes"] = got

    try:
        asyncio.run(go())
    except Exception as exc:  # reported by the test
        result["error"] = repr(exc)
    finally:
        ready.set()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_the_server_and_its_dashboards(tmp_path, sig):
    import threading

    d = build_tiny_library(tmp_path / "lib")
    with Served(d) as srv:
        ready, result = threading.Event(), dict[str, object]()
        t = threading.Thread(target=_hold_dashboard,
                             args=(srv.url, f"http://127.0.0.1:{srv.port}", ready, result))
        t.start()
        assert ready.wait(30) and "error" not in result, result
        kids = children(srv.proc.pid)
        assert kids, "no dashboard process is running"
        t0 = time.monotonic()
        assert srv.stop(sig) == 0
        assert time.monotonic() - t0 < 10
        t.join(10)
        assert result.get("closed_by_server"), result
        for pid in kids:
            assert not os.path.exists(f"/proc/{pid}") or _is_zombie(pid), f"dashboard {pid} still runs"
        out = srv.output()
        assert "stopping 1 dashboard" in out and "stopped" in out and "Traceback" not in out


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_serve_subprocess_refuses_public_host_exit_code():
    out = subprocess.run([sys.executable, "-m", "briefdash", "serve", "--host", "0.0.0.0"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "--public" in out.stderr


def test_no_browser_means_a_skip_with_the_reason(monkeypatch):
    import helpers_browser

    monkeypatch.setattr(helpers_browser, "find_chromium", lambda: None)
    why = helpers_browser.browser_unavailable()
    assert why and "chromium" in why and "apt-get install chromium" in why
