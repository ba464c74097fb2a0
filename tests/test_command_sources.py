"""newsboat-style command sources: `exec:COMMAND` prints a feed, `filter:COMMAND:URL` turns a
downloaded page into one. The commands are small scripts the tests write."""
import shlex
import sys
import time
from pathlib import Path

from briefdash.library import refresh
from helpers_feeds import briefings, feed, make_library, rss, server  # noqa: F401

PY = shlex.quote(sys.executable)


def script(tmp_path: Path, name: str, body: str) -> str:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return f"{PY} {shlex.quote(str(p))}"


def test_exec_source_stores_the_feed_the_command_prints(tmp_path):
    feed_file = tmp_path / "out.xml"
    feed_file.write_bytes(rss(briefings(3, prefix="ex")))
    cmd = script(tmp_path, "print_feed.py",
                 "import sys\nsys.stdout.buffer.write(open(sys.argv[1], 'rb').read())\n")
    lib = make_library(tmp_path / "lib", [feed(f"exec:{cmd} {shlex.quote(str(feed_file))}",
                                               name="cmd")])
    [res] = refresh(lib)
    assert res.ok and res.new == 3 and res.kind == "exec", res.summary()
    assert res.summary().startswith("cmd: exec: 3 new")
    assert lib.store.feed_status(lib.config.feeds[0].url)["result"].startswith("exec: 3 new")
    [again] = refresh(lib)
    assert again.new == 0 and again.unchanged == 3


def test_filter_source_pipes_the_page_through_the_command(tmp_path, server):
    server.expect_request("/list.html").respond_with_data(
        "<ul><li>First briefing|2024-03-04</li><li>Second briefing|2024-03-05</li></ul>",
        content_type="text/html")
    to_rss = script(tmp_path, "to_rss.py", r'''
import re, sys
from xml.sax.saxutils import escape
page = sys.stdin.read()
items = re.findall(r"<li>(.*?)\|(.*?)</li>", page)
print('<?xml version="1.0"?><rss version="2.0"><channel><title>Filtered</title>')
for title, day in items:
    body = "<p>Q: What about %s?</p><p>A: Our position on %s remains firm.</p>" % (title, title)
    print("<item><title>%s</title><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>"
          % (escape(title), escape(day), day, escape(body)))
print("</channel></rss>")
''')
    url = server.url_for("/list.html")
    lib = make_library(tmp_path / "lib", [feed(f"filter:{to_rss}:{url}", name="filtered")])
    [res] = refresh(lib)
    assert res.ok and res.new == 2 and res.kind == "filter", res.summary()
    titles = sorted(r["title"] for r in lib.store.entries())
    assert titles == ["First briefing", "Second briefing"]


def test_a_hanging_command_is_stopped_at_its_timeout(tmp_path):
    marker = tmp_path / "still-running"
    # a shell the user wrote themselves, with a child that would outlive a plain kill
    cmd = f"sh -c {shlex.quote(f'sleep 30; touch {marker}')}"
    lib = make_library(tmp_path / "lib", [feed(f"exec:{cmd}", name="slow")], command_timeout=1)
    t0 = time.monotonic()
    [res] = refresh(lib)
    assert time.monotonic() - t0 < 10
    assert not res.ok and "did not finish within 1 s" in res.error
    assert "fetch.command_timeout" in res.error


def test_no_shell_unless_written(tmp_path):
    marker = tmp_path / "pwned"
    lib = make_library(tmp_path / "lib", [feed(f"exec:echo hello; touch {marker}", name="e")])
    [res] = refresh(lib)
    assert not res.ok  # echo printed a line of text, which is not a feed
    assert not marker.exists()


def test_failing_and_missing_commands_say_why(tmp_path):
    bad = script(tmp_path, "fail.py", "import sys\nprint('no route to the archive', file=sys.stderr)\nsys.exit(3)\n")
    lib = make_library(tmp_path / "lib", [feed(f"exec:{bad}", name="bad"),
                                          feed("exec:/nonexistent/briefing-maker", name="missing"),
                                          feed("filter:only-a-command", name="broken")])
    res = {r.name: r for r in refresh(lib)}
    assert "exited with status 3: no route to the archive" in res["bad"].error
    assert "command not found: /nonexistent/briefing-maker" in res["missing"].error
    assert "filter:COMMAND:URL" in res["broken"].error


def test_command_output_is_capped_like_a_download(tmp_path):
    big = rss(briefings(40, prefix="big", qa=3))
    feed_file = tmp_path / "big.xml"
    feed_file.write_bytes(big)
    cmd = script(tmp_path, "cat_forever.py",
                 "import sys\nsys.stdout.buffer.write(open(sys.argv[1], 'rb').read())\n"
                 "sys.stdout.buffer.write(b'x' * 10_000_000)\n")
    lib = make_library(tmp_path / "lib", [feed(f"exec:{cmd} {shlex.quote(str(feed_file))}", name="big")],
                       max_bytes=len(big) // 2)
    [res] = refresh(lib)
    assert res.ok and 0 < res.new < 40
    assert "fetch.max_bytes" in res.error


def test_hostile_command_output_is_sanitised(tmp_path):
    feed_file = tmp_path / "out.xml"
    items = briefings(1, prefix="h")
    items[0].title = "Briefing \x1b]8;;http://evil.example\x07click\x1b]8;;\x07 \x1b[31mred"
    feed_file.write_bytes(rss(items))
    cmd = script(tmp_path, "p.py", "import sys\nsys.stdout.buffer.write(open(sys.argv[1], 'rb').read())\n")
    lib = make_library(tmp_path / "lib", [feed(f"exec:{cmd} {shlex.quote(str(feed_file))}", name="h")])
    [res] = refresh(lib)
    assert res.ok
    [title] = [r["title"] for r in lib.store.entries()]
    assert "\x1b" not in title and "\x07" not in title and "click" in title
