"""Source kinds in config.toml (feed, index, exec:/filter:) and the store's per-source result."""

import pytest

from briefdash.config import Config, FetchSettings, load_config, save_config
from briefdash.errors import ConfigError
from briefdash.models import FeedConfig, FetchResult
from briefdash.store import SCHEMA_VERSION, Store
from helpers_library import database_at_version


def test_index_settings_round_trip_through_config_toml(tmp_path):
    path = tmp_path / "config.toml"
    cfg = Config(feeds=[
        FeedConfig(name="MFA", url="https://mfa.example/eng/briefings/", index=True,
                   match=r"/t\d{8}_", max_links=5),
        FeedConfig(name="cmd", url="exec:python3 make_feed.py --all"),
        FeedConfig(name="filtered", url="filter:./to_rss.sh:https://mfa.example/list.html"),
        FeedConfig(name="plain", url="https://mfa.example/rss.xml"),
    ], fetch=FetchSettings(command_timeout=7.5))
    save_config(cfg, path)
    text = path.read_text()
    assert 'kind = "index"' in text and "max = 5" in text and "command_timeout = 7.5" in text
    back = load_config(path)
    assert [(f.kind, f.match, f.max_links) for f in back.feeds] == [
        ("index", r"/t\d{8}_", 5), ("exec", None, None), ("filter", None, None), ("feed", None, None)]
    assert back.fetch.command_timeout == 7.5


@pytest.mark.parametrize("body, needle", [
    ('kind = "magic"', "unknown kind 'magic'"),
    ('match = "(unclosed"', "not a valid regular expression"),
    ('kind = "index"\nmax = 0', "'max' must be a positive whole number"),
    ('match = "x"', "apply only to index pages"),
])
def test_bad_index_settings_name_the_line(tmp_path, body, needle):
    path = tmp_path / "config.toml"
    kind = "" if "kind" in body or "match = \"x\"" in body else 'kind = "index"\n'
    path.write_text(f'[[feeds]]\nname = "a"\nurl = "https://a.example/"\n{kind}{body}\n')
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert needle in str(exc.value) and "line" in str(exc.value)


def test_migration_4_adds_the_result_column_and_keeps_feed_status(tmp_path):
    path = tmp_path / "v3.sqlite3"
    con = database_at_version(path, 3)
    con.execute("INSERT INTO feed_status(url, name, status) VALUES('https://a.example/rss', 'a', 'ok')")
    con.commit()
    con.close()
    s = Store(path)
    assert s.schema_version == SCHEMA_VERSION >= 4
    row = s.feed_status("https://a.example/rss")
    assert row["status"] == "ok" and row["result"] is None
    s.record_feed_status("https://a.example/rss", "a", status="ok", result="index: 3 new briefings of 20 links")
    assert s.feed_status("https://a.example/rss")["result"] == "index: 3 new briefings of 20 links"


def test_result_lines_say_the_kind():
    r = FetchResult("MFA", "https://mfa.example/", "ok", new=3, items=40, kind="index", links=20)
    assert r.summary() == "MFA: index: 3 new briefings of 20 links (40 Q&A items)"
    r = FetchResult("cmd", "exec:x", "ok", new=1, kind="exec")
    assert r.result_line().startswith("exec: 1 new, 0 updated")
    assert FetchResult("f", "u", "ok", new=2).summary() == \
        "f: 2 new, 0 updated, 0 unchanged entries (0 Q&A items)"
