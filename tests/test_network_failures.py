"""Failing networks: every failure is told in words, one failing feed never stops the others.

Everything runs against servers on 127.0.0.1; names other than localhost cannot resolve
(`no_internet`), so no test can reach the internet.
"""
from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from datetime import UTC

import httpx
import pytest
from werkzeug import Response

from briefdash.feeds.fetch import describe_connect_error, parse_retry_after
from briefdash.library import refresh
from helpers_feeds import (  # noqa: F401  (fixtures)
    Counter,
    briefings,
    feed,
    make_library,
    no_internet,
    rss,
    server,
)


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now: connections are refused
    return port


def test_connection_refused(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}/feed.xml"
    lib = make_library(tmp_path, [feed(url)], connect_timeout=2)
    res = refresh(lib)[0]
    assert res.status == "error"
    assert res.error.startswith("connection refused by 127.0.0.1"), res.error
    assert lib.store.feed_status(url)["error"] == res.error


def test_dns_failure_with_an_invalid_name(tmp_path, no_internet):
    url = "http://nonexistent.invalid/feed.xml"
    lib = make_library(tmp_path, [feed(url)])
    res = refresh(lib)[0]
    assert res.error == "DNS lookup failed for nonexistent.invalid (check the address or your network)"


def _chain(outer: BaseException, *inner: BaseException) -> BaseException:
    """`outer` raised from inner[0], which was raised while handling inner[1], …"""
    for i, e in enumerate(inner):
        if i == 0:
            outer.__cause__ = e
        else:
            inner[i - 1].__context__ = e
    return outer


@pytest.mark.parametrize("inner,expected", [
    (socket.gaierror(-2, "Name or service not known"), "DNS lookup failed for feeds.example.test"),
    (ConnectionRefusedError(111, "Connect call failed ('10.0.0.1', 443)"),
     "connection refused by feeds.example.test"),
    (ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
     "TLS error with feeds.example.test: certificate not accepted"),
    (OSError(101, "Network is unreachable"), "network unreachable for feeds.example.test"),
])
def test_describe_connect_error_walks_the_chain(inner, expected):
    # what httpx really raises: ConnectError("All connection attempts failed") from an
    # anyio/httpcore error raised while handling the OS error
    middle = OSError("All connection attempts failed")
    exc = _chain(httpx.ConnectError("All connection attempts failed"), middle, inner)
    msg = describe_connect_error("https://feeds.example.test/rss", exc)
    assert msg.startswith(expected), msg
    assert "All connection attempts failed" not in msg


def test_describe_connect_error_with_an_exception_group():
    inner = ExceptionGroup("multiple", [ConnectionRefusedError(111, "refused"),
                                        ConnectionRefusedError(111, "refused v6")])
    exc = _chain(httpx.ConnectError("All connection attempts failed"), inner)
    assert describe_connect_error("http://h.test/", exc).startswith("connection refused by h.test")


def test_connect_timeout(tmp_path):
    # a listening socket whose backlog is full: the handshake never completes
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(0)
    port = lsock.getsockname()[1]
    fillers = []
    try:
        for _ in range(8):
            c = socket.socket()
            c.setblocking(False)
            c.connect_ex(("127.0.0.1", port))
            fillers.append(c)
        url = f"http://127.0.0.1:{port}/feed.xml"
        lib = make_library(tmp_path, [feed(url)], connect_timeout=0.5, timeout=0.5, deadline=5)
        t0 = time.monotonic()
        res = refresh(lib)[0]
        assert time.monotonic() - t0 < 4.5
        assert res.status == "error"
        # Linux may complete the handshake into the backlog anyway; then the read times out
        assert ("connect timeout after 0.5 s" in res.error or "read timeout" in res.error), res.error
    finally:
        for c in fillers:
            c.close()
        lsock.close()


def test_read_timeout_server_accepts_and_says_nothing(tmp_path):
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(5)
    conns = []
    stop = threading.Event()

    def accept():
        lsock.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                conns.append(lsock.accept()[0])

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        url = f"http://127.0.0.1:{lsock.getsockname()[1]}/feed.xml"
        lib = make_library(tmp_path, [feed(url)], timeout=0.4)
        res = refresh(lib)[0]
        assert res.error == "read timeout: no data for 0.4 s"
    finally:
        stop.set()
        t.join()
        for c in conns:
            c.close()
        lsock.close()


def test_trickling_server_is_stopped_by_the_deadline(tmp_path, server):
    def trickle():
        yield rss(briefings(1)).replace(b"</channel></rss>", b"")
        for _ in range(60):
            time.sleep(0.1)  # always "some data": the read timeout never fires
            yield b" "

    server.expect_request("/trickle.xml").respond_with_handler(
        lambda r: Response(trickle(), direct_passthrough=True))
    url = server.url_for("/trickle.xml")
    lib = make_library(tmp_path, [feed(url)], timeout=1.0, deadline=1.0)
    t0 = time.monotonic()
    res = refresh(lib)[0]
    assert time.monotonic() - t0 < 3
    assert res.error == "gave up after 1 s (the server is too slow)"


@pytest.mark.parametrize("code,words", [(404, "wrong or gone"), (410, "removed for good")])
def test_404_and_410_mark_the_feed(tmp_path, server, code, words):
    server.expect_request("/f").respond_with_data("", status=code)
    url = server.url_for("/f")
    lib = make_library(tmp_path, [feed(url)])
    res = refresh(lib)[0]
    assert f"HTTP {code}" in res.error and words in res.error
    st = lib.store.feed_status(url)
    assert st["status"] == "error" and words in st["error"]


@pytest.mark.parametrize("code,retry_after", [(429, "120"), (503, "DATE")])
def test_retry_after_is_respected(tmp_path, server, code, retry_after):
    hits = Counter()
    if retry_after == "DATE":
        from datetime import datetime, timedelta
        from email.utils import format_datetime

        retry_after = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)

    def handler(request):
        hits.hit(request.path)
        return Response("slow down", status=code, headers={"Retry-After": retry_after})

    server.expect_request("/f").respond_with_handler(handler)
    url = server.url_for("/f")
    lib = make_library(tmp_path, [feed(url)])
    first = refresh(lib)[0]
    assert f"HTTP {code}" in first.error and "asked to wait until" in first.error
    assert lib.store.feed_status(url)["retry_after"]
    second = refresh(lib)[0]
    assert hits.n == 1  # the second fetch did not contact the server
    assert second.status == "error" and second.error.startswith("skipped: the server asked to wait")


def test_retry_after_window_passed_contacts_the_server_again(tmp_path, server):
    hits = Counter()

    def unavailable(r):
        hits.hit(r.path)
        return Response("", status=503, headers={"Retry-After": "0"})

    server.expect_request("/f").respond_with_handler(unavailable)
    url = server.url_for("/f")
    lib = make_library(tmp_path, [feed(url)])
    refresh(lib)
    time.sleep(1.1)
    refresh(lib)
    assert hits.n == 2


def test_retry_after_is_bounded():
    from datetime import datetime

    now = datetime.now(UTC)
    assert (parse_retry_after("999999999") - now).days <= 7
    assert (parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT") - now).days <= 7
    assert parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT") >= now.replace(microsecond=0)
    assert (parse_retry_after("garbage") - now).total_seconds() > 0


def test_redirect_loop(tmp_path, server):
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    lib = make_library(tmp_path, [feed(server.url_for("/a"))], max_redirects=4)
    res = refresh(lib)[0]
    assert res.error == "too many redirects (more than 4; a redirect loop?)"


def test_redirect_to_a_file_url_is_not_followed(tmp_path, server):
    secret = tmp_path / "s.xml"
    secret.write_bytes(rss(briefings(1, "SECRETFILE")))
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": f"file://{secret}"})
    lib = make_library(tmp_path / "lib", [feed(server.url_for("/a"))])
    res = refresh(lib)[0]
    assert res.status == "error" and lib.store.entry_count() == 0


def test_tls_error_when_the_port_speaks_plain_http(tmp_path, server):
    server.expect_request("/f").respond_with_data(rss(briefings(1)))
    url = server.url_for("/f").replace("http://", "https://")
    lib = make_library(tmp_path, [feed(url)])
    res = refresh(lib)[0]
    assert res.error.startswith("TLS error with 127.0.0.1"), res.error
    assert "does not speak TLS" in res.error


def test_tls_error_with_a_self_signed_certificate(tmp_path):
    import subprocess

    key, cert = tmp_path / "k.pem", tmp_path / "c.pem"
    r = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                        "-out", str(cert), "-days", "1", "-subj", "/CN=localhost"],
                       capture_output=True)
    if r.returncode != 0:
        pytest.skip("openssl not available to make a self-signed certificate")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(cert), str(key))
    from pytest_httpserver import HTTPServer

    srv = HTTPServer(host="127.0.0.1", port=0, ssl_context=ctx, threaded=True)
    srv.expect_request("/f").respond_with_data(rss(briefings(1)))
    srv.start()
    try:
        url = f"https://127.0.0.1:{srv.port}/f"
        lib = make_library(tmp_path / "lib", [feed(url)])
        res = refresh(lib)[0]
        assert res.error.startswith("TLS error with 127.0.0.1: certificate not accepted"), res.error
    finally:
        srv.stop()


def test_one_failing_feed_never_stops_the_others(tmp_path, server, no_internet):
    server.expect_request("/good1").respond_with_data(rss(briefings(2, "g1")))
    server.expect_request("/good2").respond_with_data(rss(briefings(1, "g2")))
    server.expect_request("/boom").respond_with_data("", status=500)
    server.expect_request("/html").respond_with_data("<html><body>x</body></html>")
    server.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    feeds = [feed(server.url_for("/good1"), "good1"), feed(server.url_for("/boom"), "boom"),
             feed(f"http://127.0.0.1:{_free_port()}/x", "refused"),
             feed("http://nonexistent.invalid/x", "dns"), feed(server.url_for("/html"), "html"),
             feed(server.url_for("/loop"), "loop"), feed(str(tmp_path / "missing.xml"), "missing"),
             feed(server.url_for("/good2"), "good2")]
    lib = make_library(tmp_path / "lib", feeds)
    results = {r.name: r for r in refresh(lib)}
    assert results["good1"].new == 2 and results["good2"].new == 1
    for bad in ("boom", "refused", "dns", "html", "loop", "missing"):
        assert results[bad].status == "error" and results[bad].error, bad
        assert "internal error" not in results[bad].error
    assert lib.store.entry_count() == 3
