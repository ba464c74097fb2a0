"""Hostile feed content: nothing crashes, nothing reaches the terminal that should not.

Every test writes its own feed (a file or a local server on 127.0.0.1), ingests it through the
real code path and checks the store (and, for what users see, the CLI's text output).
"""
from __future__ import annotations

import re
import time
import zlib

import pytest
from werkzeug import Response

from briefdash import cli
from briefdash.library import ingest, refresh
from helpers_feeds import (  # noqa: F401  (fixtures)
    BASE_DATE,
    Counter,
    Item,
    all_text_in_db,
    briefings,
    feed,
    make_library,
    measured,
    rss,
    server,
    transcript_html,
)

# What must never reach a terminal: ESC, other C0 controls except \t \n, DEL, C1 (incl. 8-bit
# CSI \x9b), bidi embeddings/overrides/isolates and marks.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

ESCAPES = [
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b]0;pwned title\x07",  # OSC set window title (BEL)
    "\x1b]8;;http://evil.test/\x1b\\click me\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b31m",  # 8-bit CSI
    "\x9d0;c1 title\x9c",  # 8-bit OSC … ST
    "\u202egnp.exe",  # RIGHT-TO-LEFT OVERRIDE
    "\u2066isolate\u2069 \u200f",
    "\x07\x08\x00\x7f",
    "line\roverwrite",
]


def _hostile(s: str) -> str:
    return "".join(ESCAPES) + s + "".join(ESCAPES)


def _stored_text(lib) -> str:
    return all_text_in_db(lib.paths.database)


def _cli_out(lib_dir, *args) -> str:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(["--data-dir", str(lib_dir), *args])
    assert code in (0, 1), (code, err.getvalue())
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return out.getvalue() + err.getvalue()


def _assert_no_forbidden(text: str, where: str) -> None:
    m = FORBIDDEN.search(text)
    assert m is None, f"{where}: {m.group()!r} at {m.start()}: {text[max(0, m.start() - 40):m.start() + 40]!r}"
    assert "\x1b" not in text


def _hostile_feed_items() -> list[Item]:
    body_paras = [
        f"<p>Good afternoon. {_hostile('Opening statement on the Sarvan corridor')}</p>",
        f"<p>Q: {_hostile('What is your response to the [bold]Sarvan corridor[/] dispute?')}</p>",
        "<p>A: " + _hostile("Our position on the Sarvan corridor [link=http://evil.test]is[/link] "
                            "consistent [@click=app.quit]q[/]. We urge restraint.") + "</p>",
        f"<p>Q: {_hostile('Any comment on the Sarvan corridor talks [red on white] next week?')}</p>",
        f"<p>A: {_hostile('The Sarvan corridor talks will continue [b] as planned.')}</p>",
    ]
    return [Item(guid=_hostile("guid-1"), title=_hostile("Press Conference [bold]on Sarvan[/]"),
                 body="".join(body_paras), link="http://example.test/b/1",
                 author=_hostile("[@click=app.quit]Spokes\u202eperson")),
            Item(guid="guid-2", title="Second briefing \x9b2J", date=BASE_DATE.replace(day=5),
                 body=transcript_html(2, topic="Sarvan corridor", tag="\x1b[31m[bold]red[/]"),
                 link="http://example.test/b/2")]


@pytest.mark.parametrize("as_charrefs", [False, True], ids=["raw", "charrefs"])
def test_escape_sequences_and_markup_are_stripped_or_kept_literal(tmp_path, as_charrefs):
    data = rss(_hostile_feed_items(), title=_hostile("Ministry [bold]feed[/]"))
    if as_charrefs:  # the same characters written as XML character references
        data = re.sub(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",
                      lambda m: b"&#%d;" % m.group()[0], data)
    p = tmp_path / "hostile.xml"
    p.write_bytes(data)
    lib_dir = tmp_path / "lib"
    lib = make_library(lib_dir)
    results = ingest(lib, [str(p)])
    assert results[0].ok, results[0].error
    assert lib.store.entry_count() == 2
    stored = _stored_text(lib)
    _assert_no_forbidden(stored, "store")
    # escape sequences are removed whole: no "[2J" or "]0;" residue
    assert "[2J" not in stored and "]0;pwned" not in stored and "]8;;" not in stored
    assert "31m" not in stored
    # markup look-alikes stay literal text (rendering escapes them, the store keeps them)
    items = lib.store.items_in_order()
    text = " ".join(it.question + " " + it.answer for it in items)
    for literal in ("[bold]", "[/]", "[link=http://evil.test]", "[@click=app.quit]", "[red on white]"):
        assert literal in text, literal
    titles = {r["title"] for r in lib.store.entries()}
    assert any("Press Conference [bold]on Sarvan[/]" in t for t in titles)
    assert "Second briefing" in titles  # "\x9b2J" removed whole
    authors = " ".join(r["author"] for r in lib.store.entries())
    assert "[@click=app.quit]Spokesperson" in authors
    lib.close()

    # what the CLI prints holds none of it either
    out = _cli_out(lib_dir, "topics")
    _assert_no_forbidden(out, "topics")
    topic_id = re.search(r"^\s*(\d+)\s", out, re.M).group(1)
    _assert_no_forbidden(_cli_out(lib_dir, "timeline", topic_id), "timeline")
    s = _cli_out(lib_dir, "search", "Sarvan")
    assert "Sarvan" in s
    _assert_no_forbidden(s, "search")
    _assert_no_forbidden(_cli_out(lib_dir, "topics", "--json"), "topics --json")


def test_hostile_http_reason_and_headers_do_not_reach_the_output(tmp_path, server, capsys):
    server.expect_request("/f").respond_with_response(
        Response(b"x", status="500 \x9b2J\x1b]0;pwned\x07 boom"))
    url = server.url_for("/f")
    make_library(tmp_path / "lib", [feed(url, "hostile \x1b[2J\u202ename")]).close()
    code = cli.main(["--data-dir", str(tmp_path / "lib"), "fetch"])
    out = capsys.readouterr()
    assert code == 1
    _assert_no_forbidden(out.out + out.err, "fetch output")
    assert "HTTP 500" in out.out


def test_invalid_utf8_is_read_with_replacements(tmp_path):
    data = rss([Item(guid="u1", title="Caf\u00e9 briefing", body=transcript_html(2, topic="Sarvan"))])
    data = data.replace("Caf\u00e9".encode(), b"Caf\xff\xfe\xc3(").replace(b"Sarvan", b"Sar\x80van", 1)
    p = tmp_path / "bad.xml"
    p.write_bytes(data)
    lib = make_library(tmp_path / "lib")
    res = ingest(lib, [str(p)])[0]
    assert res.ok, res.error
    assert lib.store.entry_count() == 1
    row = next(iter(lib.store.entries()))
    assert row["title"].startswith("Caf") and "briefing" in row["title"]
    _assert_no_forbidden(_stored_text(lib), "store")


@pytest.mark.parametrize("declared,actual", [("utf-8", "latin-1"), ("iso-8859-1", "utf-8"),
                                             ("shift_jis", "utf-8"), ("no-such-charset", "utf-8")])
def test_wrong_declared_encoding(tmp_path, declared, actual):
    title = "D\u00e9claration \u2019s ministre \u2014 r\u00e9sum\u00e9"
    items = [Item(guid="e1", title=title, body=transcript_html(2, topic="Sarvan \u00e9t\u00e9"))]
    data = rss(items, encoding=actual, declared=declared)
    p = tmp_path / "enc.xml"
    p.write_bytes(data)
    lib = make_library(tmp_path / "lib")
    res = ingest(lib, [str(p)])[0]
    assert res.ok, res.error
    assert lib.store.entry_count() == 1
    stored = _stored_text(lib)
    _assert_no_forbidden(stored, "store")  # e.g. UTF-8 read as Latin-1 yields C1 characters
    assert "claration" in stored


def test_fifty_thousand_items(tmp_path):
    n = 50_000
    items = [Item(guid=f"g{i}", title=f"Note {i}", body=f"<p>Statement number {i}.</p>",
                  link=f"http://example.test/n/{i}", date=None) for i in range(n)]
    p = tmp_path / "big.xml"
    p.write_bytes(rss(items))
    lib = make_library(tmp_path / "lib", max_bytes=64 * 1024 * 1024)
    res = ingest(lib, [str(p)])[0]  # its speed: benchmarks/bench_big_feed.py
    assert res.ok, res.error
    assert res.new == n and lib.store.entry_count() == n
    again = ingest(lib, [str(p)])[0]
    assert again.new == 0 and again.unchanged == n and lib.store.entry_count() == n


def _entry_bytes(i: int) -> bytes:
    return (f"<item><title>Entry {i}</title><guid>big-{i}</guid><link>http://example.test/big/{i}</link>"
            f"<description>{'padding text ' * 150}</description></item>\n"
            f"<!-- {'filler ' * 4000} -->\n").encode()


def test_200mb_body_is_cut_at_the_cap_with_low_memory(tmp_path, server):
    total = 200 * 1024 * 1024
    sent = Counter()

    def gen():
        head = rss([], title="Huge").replace(b"</channel></rss>", b"")
        yield head
        n, i = len(head), 0
        while n < total:
            chunk = b"".join(_entry_bytes(i + k) for k in range(50))
            i += 50
            n += len(chunk)
            sent.hit("")
            yield chunk
        yield b"</channel></rss>"

    server.expect_request("/huge.xml").respond_with_handler(
        lambda r: Response(gen(), content_type="application/rss+xml", direct_passthrough=True,
                           headers={"Content-Length": str(total + 100)}))
    url = server.url_for("/huge.xml")
    cap = 4 * 1024 * 1024
    lib = make_library(tmp_path / "lib", [feed(url)], max_bytes=cap)
    results, _, peak = measured(lambda: refresh(lib))
    res = results[0]
    assert res.ok, res.error
    assert "cut off" in res.error and "4 MB" in res.error
    per_entry = len(_entry_bytes(0))
    n = lib.store.entry_count()
    assert 0 < n <= cap // per_entry + 1
    # every stored entry is whole (its description was not cut in the middle)
    for row in lib.store.entries():
        assert row["content"].count("padding text") == 150, row["title"]
    assert sent.n * 50 * per_entry < 40 * 1024 * 1024  # the rest was never downloaded
    assert peak < 150 * 1024 * 1024, peak


def _gzip_of_zeros(size: int, wbits: int) -> bytes:
    z = zlib.compressobj(1, zlib.DEFLATED, wbits)
    head = rss([Item(guid="z1", title="Zipped", body=transcript_html(1))]).replace(b"</channel></rss>", b"")
    parts = [z.compress(head)]
    block = b" " * (1 << 20)
    for _ in range(size >> 20):
        parts.append(z.compress(block))
    parts.append(z.flush())
    return b"".join(parts)


_BOMBS: dict[int, bytes] = {}


@pytest.mark.parametrize("encoding,wbits", [("gzip", 16 + 15), ("deflate", 15), ("deflate", -15)])
def test_gzip_bomb_is_capped(tmp_path, server, encoding, wbits):
    bomb = _BOMBS.get(wbits) or _BOMBS.setdefault(wbits, _gzip_of_zeros(256 << 20, wbits))
    assert len(bomb) < 4 * 1024 * 1024  # 256 MB of spaces in ~1-2 MB
    server.expect_request("/bomb.xml").respond_with_data(
        bomb, headers={"Content-Encoding": encoding}, content_type="application/rss+xml")
    url = server.url_for("/bomb.xml")
    cap = 2 * 1024 * 1024
    lib = make_library(tmp_path / "lib", [feed(url)], max_bytes=cap)
    results, elapsed, peak = measured(lambda: refresh(lib))
    res = results[0]
    assert elapsed < 20
    assert peak < 80 * 1024 * 1024, peak
    assert res.error and "cut off" in res.error and "2 MB" in res.error
    # the entry before the padding was whole and is kept
    assert lib.store.entry_count() == 1


def test_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CANARY-7f3a")
    data = f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [
  <!ENTITY xxe SYSTEM "file://{secret}">
  <!ENTITY % pe SYSTEM "file://{secret}"> %pe;
]>
<rss version="2.0"><channel><title>Feed &xxe;</title>
<item><title>Briefing &xxe;</title><guid>x1</guid><link>http://example.test/x1</link>
<description>Q: What about &xxe;?

A: Nothing &xxe; to add.</description></item></channel></rss>""".encode()
    p = tmp_path / "xxe.xml"
    p.write_bytes(data)
    lib = make_library(tmp_path / "lib")
    ingest(lib, [str(p)])
    assert "TOPSECRET" not in _stored_text(lib)
    assert "TOPSECRET" not in lib.paths.database.read_bytes().decode("latin-1")


def test_a_body_that_names_a_local_file_is_not_opened(tmp_path, server):
    """feedparser opens bytes that look like a file name; the body must be read as data."""
    secret = tmp_path / "feed-secret.xml"
    secret.write_bytes(rss([Item(guid="s", title="LOCAL-FILE-CANARY", body="<p>Q: x?</p><p>A: y.</p>")]))
    server.expect_request("/f").respond_with_data(str(secret).encode())
    lib = make_library(tmp_path / "lib", [feed(server.url_for("/f"))])
    res = refresh(lib)[0]
    assert not res.ok and "not a feed" in res.error
    assert "LOCAL-FILE-CANARY" not in _stored_text(lib)


def test_billion_laughs_is_refused_quickly(tmp_path):
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    data = ('<?xml version="1.0"?>\n<!DOCTYPE rss [' + "".join(ents) + ']>\n'
            '<rss version="2.0"><channel><title>Laughs &lol9;</title><item><title>&lol9;</title>'
            '<guid>l1</guid><description>Q: &lol9;?\n\nA: &lol9;.</description></item>'
            '</channel></rss>').encode()
    p = tmp_path / "lol.xml"
    p.write_bytes(data)
    lib = make_library(tmp_path / "lib")
    _, elapsed, peak = measured(lambda: ingest(lib, [str(p)]))
    assert elapsed < 10
    assert peak < 100 * 1024 * 1024
    assert "lollollollollollollollollollol" not in _stored_text(lib)


def test_deeply_nested_html(tmp_path):
    depth = 100_000
    body = ("<p>Q: Is the deep question answered?</p>" + "<div>" * depth + "<p>A: Deep answer here.</p>"
            + "</div>" * depth)
    p = tmp_path / "deep.xml"
    p.write_bytes(rss([Item(guid="d1", title="Deep", body=body, link="http://example.test/d")]))
    lib = make_library(tmp_path / "lib")
    t0 = time.monotonic()
    res = ingest(lib, [str(p)])[0]
    assert time.monotonic() - t0 < 30
    assert res.ok, res.error
    assert lib.store.entry_count() == 1
    text = " ".join(it.question + " " + it.answer for it in lib.store.items_in_order())
    assert "Deep answer here" in text or "deep question" in text


def test_missing_malformed_and_far_future_dates(tmp_path):
    items = [Item(guid="d-missing", title="No date", body=transcript_html(1, "alpha"), date=None),
             Item(guid="d-bad", title="Bad date", body=transcript_html(1, "beta"), date="32 Foo 20x4 99:99"),
             Item(guid="d-future", title="Future", body=transcript_html(1, "gamma"),
                  date="Sat, 01 Jan 2euro 00:00:00 GMT".replace("2euro", "2999")),
             Item(guid="d-ancient", title="Ancient", body=transcript_html(1, "delta"),
                  date="Thu, 01 Jan 1970 00:00:00 GMT"),
             Item(guid="d-ok", title="Fine", body=transcript_html(1, "eps"))]
    p = tmp_path / "dates.xml"
    p.write_bytes(rss(items))
    lib_dir = tmp_path / "lib"
    lib = make_library(lib_dir)
    res = ingest(lib, [str(p)])[0]
    assert res.ok and res.new == 5
    published = {r["title"]: r["published"] for r in lib.store.entries()}
    assert published["No date"] is None and published["Bad date"] is None
    assert published["Future"] is None and published["Ancient"] is None
    assert published["Fine"].startswith("2024-03-04")
    for it in lib.store.items_in_order():
        assert it.date is None or 1990 <= it.date.year <= 2100
    lib.close()
    _cli_out(lib_dir, "topics")
    _cli_out(lib_dir, "topics", "--json")


def test_same_guid_in_two_feeds_keeps_both(tmp_path):
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    a.write_bytes(rss([Item(guid="1", title="Ministry A briefing", body=transcript_html(2, "A-topic"),
                            link="http://a.example.test/1")], title="Feed A"))
    b.write_bytes(rss([Item(guid="1", title="Ministry B briefing", body=transcript_html(2, "B-topic"),
                            link="http://b.example.test/1")], title="Feed B"))
    lib = make_library(tmp_path / "lib")
    ingest(lib, [str(a)])
    ingest(lib, [str(b)])
    rows = {r["title"]: r for r in lib.store.entries()}
    assert set(rows) == {"Ministry A briefing", "Ministry B briefing"}
    assert rows["Ministry A briefing"]["feed_url"] == str(a)
    assert "A-topic" in rows["Ministry A briefing"]["content"]
    # ingesting A again changes nothing (B did not take over A's entry)
    again = ingest(lib, [str(a)])[0]
    assert again.new == 0 and again.updated == 0 and lib.store.entry_count() == 2


@pytest.mark.parametrize("with_link", [True, False], ids=["dedupe-by-link", "dedupe-by-content"])
def test_feed_that_changes_every_guid_does_not_duplicate(tmp_path, server, with_link):
    calls = Counter()

    def handler(request):
        calls.hit(request.path)
        items = [Item(guid=f"rnd-{calls.n}-{i}", title=f"Briefing {i}", body=transcript_html(2, f"t{i}"),
                      link=f"http://example.test/x/{i}" if with_link else None)
                 for i in range(3)]
        return Response(rss(items), content_type="application/rss+xml")

    server.expect_request("/rnd.xml").respond_with_handler(handler)
    lib = make_library(tmp_path / "lib", [feed(server.url_for("/rnd.xml"))])
    first = refresh(lib)[0]
    items = lib.store.item_count()
    for _ in range(2):
        res = refresh(lib)[0]
        assert res.new == 0 and res.updated == 0, res
    assert calls.n == 3
    assert first.new == 3 and lib.store.entry_count() == 3 and lib.store.item_count() == items


@pytest.mark.parametrize("link_kind", ["javascript", "file", "data", "relative-file"])
def test_non_http_links_are_never_fetched(tmp_path, server, link_kind):
    secret = tmp_path / "page-secret.html"
    secret.write_text("<html><body><p>PAGE-SECRET-CANARY</p></body></html>")
    probe = server.url_for("/probe")
    link = {"javascript": f"javascript:fetch('{probe}')",
            "file": f"file://{secret}",
            "data": "data:text/html;base64,PHA+REFUQS1DQU5BUlk8L3A+",  # <p>DATA-CANARY</p>
            "relative-file": str(secret)}[link_kind]
    hits = Counter()

    def count_probe(r):
        hits.hit("/probe")
        return Response("x")

    server.expect_request("/probe").respond_with_handler(count_probe)
    items = [Item(guid="j1", title="Summary only", body="", summary="Short summary.", link=link)]
    server.expect_request("/feed.xml").respond_with_data(rss(items), content_type="application/rss+xml")
    lib = make_library(tmp_path / "lib", [feed(server.url_for("/feed.xml"))], fulltext=True)
    res = refresh(lib)[0]
    assert res.ok, res.error
    assert hits.n == 0
    text = _stored_text(lib)
    assert "PAGE-SECRET-CANARY" not in text and "DATA-CANARY" not in text
    assert lib.store.db.execute("SELECT count(*) FROM pages").fetchone()[0] == 0
    from briefdash.feeds.fetch import is_fetchable_link

    assert not is_fetchable_link(link)
    assert is_fetchable_link("https://example.test/a") and is_fetchable_link("HTTP://example.test/")
