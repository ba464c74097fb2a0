"""The CLI contract: commands, JSON shapes, exit codes, one-line errors."""
import json

import pytest

from briefdash import __version__
from briefdash.cli import main
from helpers_feeds import no_internet  # noqa: F401

FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Veloria MFA</title>
{items}
</channel></rss>"""
ITEM = """<item><title>Regular Press Conference on July {day}, 2026</title>
<link>https://mfa.veloria.example/{day}</link><guid>brief-{day}</guid>
<pubDate>{dow}, {day} Jul 2026 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Q: What is Veloria's view on the Korsa Strait patrols of day {day}?</p>
<p>A: Veloria firmly opposes any provocation in the Korsa Strait.</p>
<p>Q: Will the minister attend the Dunmore summit on fisheries?</p>
<p>A: We stand ready to work with all parties on fisheries.</p>]]></content:encoded></item>"""


def write_feed(path, days=(27, 28)):
    dows = {27: "Mon", 28: "Tue", 29: "Wed"}
    path.write_text(FEED.format(items="\n".join(ITEM.format(day=d, dow=dows[d]) for d in days)))
    return path


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_ingest_then_topics_json_lists_every_item_once(tmp_path, capsys):
    feed = write_feed(tmp_path / "f.xml")
    d = str(tmp_path / "d")
    code, out, _ = run(capsys, "--data-dir", d, "ingest", str(feed))
    assert code == 0 and "2 new" in out
    code, out, _ = run(capsys, "--data-dir", d, "topics", "--json")
    data = json.loads(out)
    items = [i for t in data["topics"] for i in t["items"]]
    assert len(items) == 4
    assert len({i["id"] for i in items}) == 4
    for t in data["topics"]:
        assert set(t) >= {"id", "label", "count", "first_seen", "last_seen", "items"}
        assert t["count"] == len(t["items"])
    for i in items:
        assert set(i) >= {"id", "entry_link", "index", "kind", "date", "ministry", "speaker",
                          "asker", "question", "answer", "position"}
        assert i["kind"] in ("qa", "statement", "report")
        assert i["date"].startswith("2026-07-2")
    # ingesting again adds nothing
    code, out, _ = run(capsys, "--data-dir", d, "ingest", str(feed))
    assert "0 new" in out
    code, out, _ = run(capsys, "--data-dir", d, "topics", "--json")
    assert sum(len(t["items"]) for t in json.loads(out)["topics"]) == 4


def test_timeline_search_export(tmp_path, capsys):
    d = str(tmp_path / "d")
    run(capsys, "--data-dir", d, "ingest", str(write_feed(tmp_path / "f.xml")))
    code, out, _ = run(capsys, "--data-dir", d, "topics", "--json")
    tid = str(json.loads(out)["topics"][0]["id"])
    code, out, _ = run(capsys, "--data-dir", d, "timeline", tid, "--json")
    tl = json.loads(out)
    assert code == 0 and set(tl) == {"topic", "entries", "stock_phrases", "first_said"}
    for f in tl["first_said"]:  # issue #23: each formula with its first (and last) day
        assert set(f) == {"phrase", "ministry", "first_seen", "last_seen", "dropped"}
    dates = [e["date"] for e in tl["entries"]]
    assert dates == sorted(dates)
    for e in tl["entries"]:
        assert {"new_phrases", "dropped_phrases", "restatement"} <= set(e)
        for p in e["new_phrases"]:
            assert p.lower() in e["answer"].lower()
    code, out, _ = run(capsys, "--data-dir", d, "search", "Korsa", "--json")
    assert code == 0 and len(json.loads(out)["results"]) == 2
    out_file = tmp_path / "x.md"
    code, out, _ = run(capsys, "--data-dir", d, "export", tid, "-o", str(out_file))
    assert code == 0 and out_file.read_text().startswith("# ")
    code, out, _ = run(capsys, "--data-dir", d, "export", "--all", "-o", str(tmp_path / "all"))
    assert code == 0 and (tmp_path / "all" / "index.md").exists()


def test_feeds_add_list_remove_import_export(tmp_path, capsys, no_internet):
    d = str(tmp_path / "d")
    feed = write_feed(tmp_path / "f.xml")
    assert run(capsys, "--data-dir", d, "feeds", "add", str(feed), "--name", "vel")[0] == 0
    assert run(capsys, "--data-dir", d, "feeds", "add", "https://a.example/rss")[0] == 0
    code, out, err = run(capsys, "--data-dir", d, "feeds", "add", str(feed))
    assert code == 1 and "already subscribed" in err
    code, out, _ = run(capsys, "--data-dir", d, "feeds", "list", "--json")
    assert [f["name"] for f in json.loads(out)["feeds"]] == ["vel", "https://a.example/rss"]
    opml = tmp_path / "subs.opml"
    assert run(capsys, "--data-dir", d, "feeds", "export", "-o", str(opml))[0] == 0
    d2 = str(tmp_path / "d2")
    code, out, _ = run(capsys, "--data-dir", d2, "feeds", "import", str(opml))
    assert code == 0 and "imported 2" in out
    code, out, _ = run(capsys, "--data-dir", d2, "feeds", "import", str(opml))
    assert "imported 0" in out and "skipped 2" in out
    assert run(capsys, "--data-dir", d, "feeds", "remove", "vel")[0] == 0
    code, out, _ = run(capsys, "--data-dir", d, "feeds", "list", "--json")
    assert [f["name"] for f in json.loads(out)["feeds"]] == ["https://a.example/rss"]


@pytest.mark.parametrize("args,needle", [
    (["ingest", "/no/such/file.xml"], "no such file"),
    (["ingest", "http://"], ""),
    (["timeline", "nonexistent topic"], "no topic"),
    (["feeds", "remove", "ghost"], "no feed"),
])
def test_user_errors_exit_1_with_one_line(tmp_path, capsys, args, needle):
    code, out, err = run(capsys, "--data-dir", str(tmp_path), *args)
    assert code == 1
    assert "Traceback" not in err + out
    msg = (err or out).strip()
    assert needle in msg


def test_broken_config_exits_1_with_file_and_line(tmp_path, capsys):
    (tmp_path / "config.toml").write_text("[[feeds]]\nurl = \n")
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "topics")
    assert code == 1
    assert "config.toml" in err and "line 2" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_fetch_reports_new_statements_on_watched_topics(tmp_path, capsys):
    d = str(tmp_path / "d")
    feed = write_feed(tmp_path / "f.xml", days=(27,))
    assert run(capsys, "--data-dir", d, "feeds", "add", str(feed), "--name", "vel")[0] == 0
    assert run(capsys, "--data-dir", d, "fetch")[0] == 0
    code, out, _ = run(capsys, "--data-dir", d, "topics", "--json")
    korsa = next(t for t in json.loads(out)["topics"] if "Korsa" in t["items"][0]["question"])
    assert run(capsys, "--data-dir", d, "topics", "watch", str(korsa["id"]))[0] == 0
    write_feed(feed, days=(27, 28, 29))
    code, out, _ = run(capsys, "--data-dir", d, "fetch")
    assert code == 0
    assert "2 new statements on watched topics" in out
    assert f"(topic {korsa['id']}): 2 new" in out
    code, out, _ = run(capsys, "--data-dir", d, "fetch")
    assert "watched" not in out  # told once


def test_export_all_in_parallel_writes_the_same_files(tmp_path, capsys, monkeypatch):
    import briefdash.export as export

    d = str(tmp_path / "d")
    run(capsys, "--data-dir", d, "ingest", str(write_feed(tmp_path / "f.xml", days=(27, 28, 29))))
    assert run(capsys, "--data-dir", d, "export", "--all", "-o", str(tmp_path / "seq"))[0] == 0
    monkeypatch.setattr(export, "PARALLEL_EXPORT_MIN", 0)
    assert run(capsys, "--data-dir", d, "export", "--all", "-o", str(tmp_path / "par"))[0] == 0
    seq = {p.name: p.read_text() for p in (tmp_path / "seq").iterdir()}
    par = {p.name: p.read_text() for p in (tmp_path / "par").iterdir()}
    assert len(seq) >= 3 and seq == par
