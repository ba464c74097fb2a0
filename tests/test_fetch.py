"""Fetching feeds through the real code path (Library.refresh / ingest, and the CLI).

No internet: a local HTTP server on 127.0.0.1 and files written by the tests.
"""
from __future__ import annotations

import time

import pytest
from werkzeug import Response

from briefdash import cli
from briefdash.library import ingest, refresh
from helpers_feeds import (  # noqa: F401  (fixtures)
    Counter,
    Item,
    atom,
    briefings,
    feed,
    make_library,
    no_internet,
    rdf,
    rss,
    server,
    transcript_html,
)


def _one(results):
    assert len(results) == 1
    return results[0]


# ---- plain success ------------------------------------------------------------------------------
def test_200_stores_entries_and_items(tmp_path, server):
    server.expect_request("/feed.xml").respond_with_data(
        rss(briefings(3)), content_type="application/rss+xml")
    url = server.url_for("/feed.xml")
    lib = make_library(tmp_path, [feed(url, "mfa")])
    res = _one(refresh(lib))
    assert res.status == "ok" and res.http_status == 200
    assert res.new == 3 and res.items > 0
    assert lib.store.entry_count() == 3
    st = lib.store.feed_status(url)
    assert st["status"] == "ok" and st["error"] is None and st["last_success"]
    assert st["title"] == "Ministry briefings"


# ---- conditional GET --------------------------------------------------------------------------
def test_304_with_etag_sends_validator_and_skips_parsing(tmp_path, server, monkeypatch):
    seen = []

    def handler(request):
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(rss(briefings(2)), headers={"ETag": '"v1"'},
                        content_type="application/rss+xml")

    server.expect_request("/feed.xml").respond_with_handler(handler)
    url = server.url_for("/feed.xml")
    lib = make_library(tmp_path, [feed(url)])
    assert _one(refresh(lib)).new == 2
    assert lib.store.feed_status(url)["etag"] == '"v1"'

    import briefdash.library as library

    def boom(*a, **k):
        raise AssertionError("a 304 must not be parsed")

    monkeypatch.setattr(library, "parse_feed", boom)
    res = _one(refresh(lib))
    assert res.status == "not_modified" and res.summary().endswith("not modified")
    assert seen == [None, '"v1"']
    assert lib.store.feed_status(url)["status"] == "not_modified"
    assert lib.store.feed_status(url)["etag"] == '"v1"'  # kept for the next time


def test_304_with_last_modified(tmp_path, server):
    lm = "Mon, 04 Mar 2024 08:00:00 GMT"
    seen = []

    def handler(request):
        seen.append(request.headers.get("If-Modified-Since"))
        if request.headers.get("If-Modified-Since") == lm:
            return Response(status=304)
        return Response(rss(briefings(1)), headers={"Last-Modified": lm},
                        content_type="application/rss+xml")

    server.expect_request("/feed.xml").respond_with_handler(handler)
    url = server.url_for("/feed.xml")
    lib = make_library(tmp_path, [feed(url)])
    refresh(lib)
    res = _one(refresh(lib))
    assert res.status == "not_modified"
    assert seen == [None, lm]
    assert lib.store.feed_status(url)["last_modified"] == lm


# ---- HTTP errors ----------------------------------------------------------------------------------
@pytest.mark.parametrize("code,words", [(404, "wrong or gone"), (500, "HTTP 500")])
def test_http_errors_are_reported_and_stored(tmp_path, server, code, words):
    server.expect_request("/feed.xml").respond_with_data("nope", status=code)
    url = server.url_for("/feed.xml")
    lib = make_library(tmp_path, [feed(url)])
    res = _one(refresh(lib))
    assert res.status == "error" and f"HTTP {code}" in res.error and words in res.error
    st = lib.store.feed_status(url)
    assert st["status"] == "error" and f"HTTP {code}" in st["error"]
    assert st["last_success"] is None


def test_read_timeout(tmp_path, server):
    def slow(request):
        time.sleep(1.5)
        return Response(rss(briefings(1)))

    server.expect_request("/slow.xml").respond_with_handler(slow)
    url = server.url_for("/slow.xml")
    lib = make_library(tmp_path, [feed(url)], timeout=0.3, connect_timeout=1.0)
    t0 = time.monotonic()
    res = _one(refresh(lib))
    assert time.monotonic() - t0 < 1.4
    assert res.status == "error" and "read timeout" in res.error
    assert lib.store.entry_count() == 0


def test_oversized_body_is_cut_at_the_cap_without_buffering(tmp_path, server):
    produced = Counter()
    cap = 64 * 1024

    def gen():
        yield rss(briefings(3)).replace(b"</channel></rss>", b"")
        for _ in range(10_000):  # up to ~80 MB if nobody stops reading
            produced.hit("chunk")
            yield b"<!-- " + b"x" * 8000 + b" -->\n"

    server.expect_request("/big.xml").respond_with_handler(
        lambda r: Response(gen(), content_type="application/rss+xml", direct_passthrough=True))
    url = server.url_for("/big.xml")
    lib = make_library(tmp_path, [feed(url)], max_bytes=cap)
    res = _one(refresh(lib))
    assert res.ok, res.error
    assert "larger than" in res.error and "cut off" in res.error
    assert "64 KB" in res.error or "0 MB" not in res.error  # the message names a real size
    assert lib.store.entry_count() == 3  # entries before the cut were read
    assert produced.n < 2000  # the client stopped reading long before the end
    assert "cut off" in lib.store.feed_status(url)["error"]


def test_redirect_is_followed(tmp_path, server):
    server.expect_request("/old.xml").respond_with_data(
        "", status=301, headers={"Location": server.url_for("/new.xml")})
    server.expect_request("/new.xml").respond_with_data(rss(briefings(2)))
    url = server.url_for("/old.xml")
    lib = make_library(tmp_path, [feed(url)])
    res = _one(refresh(lib))
    assert res.status == "ok" and res.new == 2


def test_html_page_is_not_a_feed(tmp_path, server):
    server.expect_request("/page").respond_with_data(
        "<!DOCTYPE html><html><head><title>Ministry</title></head><body><p>Hi</p></body></html>",
        content_type="text/html")
    url = server.url_for("/page")
    lib = make_library(tmp_path, [feed(url)])
    res = _one(refresh(lib))
    assert res.status == "error" and "not a feed" in res.error and "HTML" in res.error


# ---- formats ----------------------------------------------------------------------------------------
def test_atom_feed(tmp_path, server):
    server.expect_request("/atom").respond_with_data(atom(briefings(2, "at")),
                                                     content_type="application/atom+xml")
    lib = make_library(tmp_path)
    res = _one(ingest(lib, [server.url_for("/atom")]))
    assert res.new == 2 and res.items > 0
    rows = list(lib.store.entries())
    assert {r["link"] for r in rows} == {"http://example.test/b/at-0", "http://example.test/b/at-1"}
    assert all(r["published"].startswith("2024-03-0") for r in rows)


def test_rss1_rdf_feed(tmp_path):
    p = tmp_path / "feed.rdf"
    p.write_bytes(rdf(briefings(2, "rdf")))
    lib = make_library(tmp_path / "lib")
    res = _one(ingest(lib, [str(p)]))
    assert res.status == "ok" and res.new == 2 and res.items > 0
    assert {r["title"] for r in lib.store.entries()} == {
        "Regular Press Conference rdf 0", "Regular Press Conference rdf 1"}


def test_local_directory_of_feed_files(tmp_path):
    d = tmp_path / "archive"
    (d / "sub").mkdir(parents=True)
    (d / "a.xml").write_bytes(rss(briefings(2, "a")))
    (d / "sub" / "b.atom").write_bytes(atom(briefings(1, "b")))
    (d / "notes.txt").write_text("not a feed")
    lib = make_library(tmp_path / "lib")
    results = ingest(lib, [str(d)])
    assert len(results) == 2 and all(r.ok for r in results)
    assert lib.store.entry_count() == 3


# ---- identity -------------------------------------------------------------------------------------
def test_ingesting_the_same_feed_twice_adds_nothing(tmp_path):
    p = tmp_path / "f.xml"
    p.write_bytes(rss(briefings(4)))
    lib = make_library(tmp_path / "lib")
    first = _one(ingest(lib, [str(p)]))
    items = lib.store.item_count()
    second = _one(ingest(lib, [str(p)]))
    assert first.new == 4 and second.new == 0 and second.updated == 0 and second.unchanged == 4
    assert lib.store.entry_count() == 4 and lib.store.item_count() == items


def test_updated_entry_replaces_its_old_version(tmp_path):
    p = tmp_path / "f.xml"
    items = briefings(2, tag="original")
    p.write_bytes(rss(items))
    lib = make_library(tmp_path / "lib")
    ingest(lib, [str(p)])
    items[0].body = transcript_html(3, topic="subject b0", tag="corrected")
    p.write_bytes(rss(items))
    res = _one(ingest(lib, [str(p)]))
    assert res.updated == 1 and res.new == 0 and res.unchanged == 1
    assert lib.store.entry_count() == 2
    row = [r for r in lib.store.entries() if r["title"].endswith("b 0")][0]
    assert "corrected" in row["content"]
    stored = lib.store.items_in_order("e.id = ?", (row["id"],))
    assert stored and any("corrected" in (it.question + it.answer) for it in stored)
    # the old version's items were replaced, not kept beside the new ones
    assert not any("original" in it.question + it.answer for it in stored)
    others = [it for it in lib.store.items_in_order() if it.entry_key != stored[0].entry_key]
    assert others and all("original" in it.question + it.answer for it in others
                          if it.question + it.answer)


# ---- the CLI ----------------------------------------------------------------------------------------
def _cli(tmp_path, *args):
    return cli.main(["--data-dir", str(tmp_path / "lib"), *args])


def test_cli_fetch_exit_codes_and_one_line_per_feed(tmp_path, server, capsys):
    server.expect_request("/good.xml").respond_with_data(rss(briefings(1)))
    server.expect_request("/gone.xml").respond_with_data("", status=404)
    good, gone = server.url_for("/good.xml"), server.url_for("/gone.xml")
    make_library(tmp_path / "lib", [feed(good, "good"), feed(gone, "gone")]).close()
    assert _cli(tmp_path, "fetch") == 0
    out = capsys.readouterr().out
    lines = [ln for ln in out.splitlines() if ln.startswith("[")]
    assert len(lines) == 2
    assert any("good: 1 new" in ln for ln in lines)
    assert any("gone: error: HTTP 404" in ln for ln in lines)

    make_library(tmp_path / "lib", [feed(gone, "gone"), feed(server.url_for("/nothing"), "x")]).close()
    assert _cli(tmp_path, "fetch") == 1
    cap = capsys.readouterr()
    assert "all 2 feeds failed" in cap.err and "Traceback" not in cap.out + cap.err


def test_cli_missing_file_one_line_no_traceback(tmp_path, capsys):
    code = _cli(tmp_path, "ingest", str(tmp_path / "nope.xml"))
    cap = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in cap.out + cap.err
    text = (cap.out + cap.err).strip()
    assert "no such file" in text and len(text.splitlines()) <= 2


@pytest.mark.parametrize("bad", ["http://", "http://exa mple.test/feed", "ftp://example.test/f",
                                 "http://nonexistent.invalid/feed.xml"])
def test_cli_bad_url_one_line_no_traceback(tmp_path, capsys, no_internet, bad):
    code = _cli(tmp_path, "ingest", bad)
    cap = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in cap.out + cap.err
    assert "internal error" not in cap.out + cap.err
    lines = [ln for ln in (cap.out + cap.err).splitlines() if ln.strip()]
    assert 1 <= len(lines) <= 2  # "[1/1] x: error: …" and "all 1 feeds failed"


def test_reading_local_files_never_imports_httpx(tmp_path):
    """httpx (and, when click and rich are installed, its command line) costs ~0.2 s of start-up:
    the CLI and an ingest of a local file do without it; it is imported when a download starts."""
    import subprocess
    import sys
    from pathlib import Path

    import briefdash

    feed = next((Path(briefdash.__file__).parent / "demo" / "feeds").glob("*.xml"))
    code = ("import sys\nfrom briefdash.cli import main\n"
            f"rc = main(['--data-dir', {str(tmp_path / 'lib')!r}, 'ingest', {str(feed)!r}])\n"
            "print('httpx' in sys.modules, rc)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-2:] == ["False", "0"], out.stdout[-500:]
