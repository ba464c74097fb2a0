"""config.toml: paths, validation, round trip, one-line errors."""
import pytest

from briefdash.config import Config, Paths, load_config, save_config
from briefdash.errors import ConfigError
from briefdash.models import FeedConfig


def test_data_dir_option_and_env(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFDASH_DATA_DIR", str(tmp_path / "env"))
    assert Paths.resolve().database.parent == tmp_path / "env"
    assert Paths.resolve(tmp_path / "opt").config_file == tmp_path / "opt" / "config.toml"


def test_round_trip(tmp_path):
    p = tmp_path / "config.toml"
    cfg = Config(feeds=[FeedConfig("A \"quoted\" name", "https://a.example/rss", style="china_mfa",
                                   ministry="MFA", enabled=False)], aliases={"PRC": "China"})
    cfg.fetch.timeout = 5
    save_config(cfg, p)
    back = load_config(p)
    assert back.feeds == cfg.feeds
    assert back.fetch.timeout == 5 and back.aliases == {"PRC": "China"}


def test_syntax_error_names_file_and_line(tmp_path):
    p = tmp_path / "config.toml"
    p.write_text("[fetch]\ntimeout = 3\n\n[[feeds]\nurl = 'x'\n")
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    msg = str(exc.value)
    assert str(p) in msg and "line 4" in msg and "\n" not in msg


def test_unknown_key_and_bad_type_are_errors(tmp_path):
    p = tmp_path / "config.toml"
    p.write_text("[fetch]\ntimeout = 'soon'\n")
    with pytest.raises(ConfigError, match="line 2"):
        load_config(p)
    p.write_text("[[feeds]]\nurl = 'x'\ncolour = 'red'\n")
    with pytest.raises(ConfigError, match="colour"):
        load_config(p)
    p.write_text("[[feeds]]\nurl = 'x'\nstyle = 'klingon'\n")
    with pytest.raises(ConfigError, match="unknown style"):
        load_config(p)


def test_add_feed_names_a_feed_by_its_address_unless_told_otherwise():
    cfg = Config()
    a = cfg.add_feed(FeedConfig("", "https://a.example/rss"))
    b = cfg.add_feed(FeedConfig("", "https://b.example/rss"), "  Bee  ")
    assert (a.name, b.name) == ("https://a.example/rss", "Bee")
    assert cfg.feeds == [a, b]


def test_add_feed_refuses_an_address_or_a_name_already_subscribed():
    cfg = Config(feeds=[FeedConfig("Aye", "https://a.example/rss")])
    with pytest.raises(ConfigError, match="already subscribed: https://a.example/rss"):
        cfg.add_feed(FeedConfig("Other", "https://a.example/rss"))
    with pytest.raises(ConfigError, match="a feed named 'Aye' exists"):
        cfg.add_feed(FeedConfig("", "https://b.example/rss"), "Aye")
    # a name that is some feed's name (any case) is taken as that feed, so it is subscribed too
    with pytest.raises(ConfigError, match="already subscribed"):
        cfg.check_new_feed("aye")
    assert len(cfg.feeds) == 1


def test_new_source_and_add_feed_apply_the_same_checks(tmp_path):
    from briefdash.errors import BriefdashError
    from briefdash.feeds.sources import needs_probe, new_source

    cfg = Config()
    cfg.add_feed(new_source(cfg, "exec:printf x", name="cmd"))
    with pytest.raises(BriefdashError, match="a feed named 'cmd' exists"):
        new_source(cfg, "exec:printf y", name="cmd")
    with pytest.raises(BriefdashError, match="already subscribed"):
        new_source(cfg, "exec:printf x")
    fc = new_source(cfg, "https://c.example/page")
    assert needs_probe(fc) and not needs_probe(new_source(cfg, "https://c.example/", index=True))
    assert not needs_probe(cfg.feeds[0])
