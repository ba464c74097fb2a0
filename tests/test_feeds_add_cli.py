"""`briefdash feeds add` of a web page (feed discovery), of an index page, of a command, and
`feeds import` of an OPML file that names commands."""
import json
import shlex
import sys

from briefdash.cli import main
from briefdash.config import load_config
from helpers_feeds import briefings, no_internet, rss, server  # noqa: F401
from helpers_sites import LISTING, TWO, serve_home, serve_ministry


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def feeds_of(d):
    return [(f.name, f.url, f.kind) for f in load_config(d / "config.toml").feeds]


def test_a_page_naming_two_feeds_lists_them_and_exits_1_without_a_terminal(tmp_path, capsys, server, no_internet):
    serve_home(server, TWO)
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "feeds", "add", server.url_for("/"))
    assert code == 1
    assert "names 2 feeds" in out
    assert f"1. Press briefings — {server.url_for('/feeds/briefings.rss')} (RSS)" in out
    assert "2. All news — https://mfa.veloria.example/feeds/news.atom (Atom)" in out
    assert len(err.strip().splitlines()) == 1 and "--yes" in err
    assert feeds_of(tmp_path) == []


def test_yes_takes_the_first_feed_the_page_names(tmp_path, capsys, server, no_internet):
    serve_home(server, TWO)
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "feeds", "add", server.url_for("/"),
                         "--yes", "--name", "MFA")
    assert code == 0, err
    assert feeds_of(tmp_path) == [("MFA", server.url_for("/feeds/briefings.rss"), "feed")]


def test_on_a_terminal_the_user_chooses(tmp_path, capsys, server, no_internet, monkeypatch):
    serve_home(server, TWO)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    answers = iter(["7", "2"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "feeds", "add", server.url_for("/"))
    assert code == 0, err
    assert "type a number from 1 to 2" in out
    assert feeds_of(tmp_path)[0][1] == "https://mfa.veloria.example/feeds/news.atom"


def test_a_page_naming_no_feed_suggests_index(tmp_path, capsys, server, no_internet):
    serve_home(server, "")
    url = server.url_for("/")
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "feeds", "add", url)
    assert code == 1 and "names no feed" in err and f"briefdash feeds add {url} --index" in err
    assert len(err.strip().splitlines()) == 1 and feeds_of(tmp_path) == []


def test_a_feed_is_added_as_before(tmp_path, capsys, server, no_internet):
    serve_home(server, TWO)
    url = server.url_for("/feeds/briefings.rss")
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "feeds", "add", url)
    assert code == 0 and err == "" and feeds_of(tmp_path) == [(url, url, "feed")]


def test_add_an_index_page(tmp_path, capsys, server, no_internet):
    serve_ministry(server, {"on": False})
    url = server.url_for(LISTING)
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "feeds", "add", url, "--index",
                         "--max", "3", "--name", "Veloria MFA")
    assert code == 0, err
    assert "4 briefing links on the page" in out and "added Veloria MFA (index)" in out
    [f] = load_config(tmp_path / "config.toml").feeds
    assert f.kind == "index" and f.max_links == 3
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "fetch")
    assert code == 0 and "Veloria MFA: index: 3 new briefings of 3 links" in out
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "feeds", "list", "--json")
    [row] = json.loads(out)["feeds"]
    assert row["kind"] == "index" and row["result"].startswith("index: 3 new briefings of 3 links")
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "feeds", "list")
    assert f"Veloria MFA  index: {url}" in out


def test_add_index_of_a_page_listing_nothing_is_refused(tmp_path, capsys, server, no_internet):
    serve_home(server, "")
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "feeds", "add", server.url_for("/"), "--index")
    assert code == 1 and "lists no briefing links" in err and feeds_of(tmp_path) == []


def test_bad_add_options_are_one_line_errors(tmp_path, capsys):
    for args, needle in ((["https://a.example/", "--match", "x"], "go with --index"),
                         (["https://a.example/", "--index", "--match", "("], "not a valid regular expression"),
                         (["https://a.example/", "--index", "--max", "0"], "at least 1"),
                         (["exec:", ], "names no command"),
                         (["exec:ls", "--index"], "not a command"),
                         (["filter:cat", ], "filter:COMMAND:URL")):
        code, out, err = run(capsys, "--data-dir", str(tmp_path), "feeds", "add", *args)
        assert code == 1 and needle in err and len(err.strip().splitlines()) == 1, (args, err)


def test_adding_a_command_does_not_run_it(tmp_path, capsys):
    marker = tmp_path / "ran"
    cmd = f"exec:touch {shlex.quote(str(marker))}"
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "feeds", "add", cmd, "--name", "t")
    assert code == 0 and "added t (exec)" in out and not marker.exists()


def test_an_opml_naming_commands_does_not_run_or_subscribe_them_unasked(tmp_path, capsys, no_internet):
    marker = tmp_path / "ran"
    evil = f"exec:sh -c {shlex.quote(f'touch {marker}')}"
    opml = tmp_path / "shared.opml"
    opml.write_text(f"""<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
<outline text="Briefings" xmlUrl="https://mfa.veloria.example/briefings.rss"/>
<outline text="Helpful" xmlUrl="{evil.replace('"', '&quot;')}"/>
<outline text="Filtered" xmlUrl="filter:./x.sh:https://mfa.veloria.example/list.html"/>
<outline text="List" xmlUrl="https://mfa.veloria.example/eng/" briefdashKind="index" briefdashMatch="(a+)+$" briefdashMax="5"/>
</body></opml>""")
    d = tmp_path / "d"
    code, out, err = run(capsys, "--data-dir", str(d), "feeds", "import", str(opml))
    assert code == 0 and "imported 2 feeds" in out
    assert "2 command sources skipped" in err and "--allow-commands" in err
    assert [k for *_, k in feeds_of(d)] == ["feed", "index"]
    [index] = [f for f in load_config(d / "config.toml").feeds if f.index]
    assert index.match is None and index.max_links == 5
    code, out, err = run(capsys, "--data-dir", str(d), "fetch")
    assert not marker.exists()
    # the user vouches for the file
    d2 = tmp_path / "d2"
    code, out, err = run(capsys, "--data-dir", str(d2), "feeds", "import", str(opml), "--allow-commands")
    assert code == 0 and "imported 4 feeds" in out and not marker.exists()
    assert [k for *_, k in feeds_of(d2)] == ["feed", "exec", "filter", "index"]
    # and round-trips it
    code, out, _ = run(capsys, "--data-dir", str(d2), "feeds", "export")
    assert 'briefdashKind="index"' in out and "exec:sh -c" in out
