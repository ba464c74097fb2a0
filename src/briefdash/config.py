"""Where briefdash keeps its files, and the config.toml that lists feeds and settings."""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .models import FeedConfig

APP = "briefdash"
DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36 briefdash/0.1"
)
STYLES = (
    "china_mfa", "china_mfa_old", "china_mfa_zh", "state_dept", "white_house", "un_noon",
    "russia_mfa", "japan_mofa", "india_mea", "generic", "report",
)


@dataclass
class Paths:
    """The config file, database and cache locations."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "briefdash.sqlite3"

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike | None = None) -> Paths:
        """--data-dir, else BRIEFDASH_DATA_DIR, else the platformdirs defaults."""
        chosen = data_dir or os.environ.get("BRIEFDASH_DATA_DIR")
        if chosen:
            d = Path(chosen).expanduser()
            return cls(config_dir=d, data_dir=d, cache_dir=d / "cache")
        import platformdirs  # only here: ~0.02 s a process that is given its data dir need not pay

        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP)),
            data_dir=Path(platformdirs.user_data_dir(APP)),
            cache_dir=Path(platformdirs.user_cache_dir(APP)),
        )


@dataclass
class FetchSettings:
    timeout: float = 30.0  # read timeout, seconds
    deadline: float = 120.0  # whole download of one feed, seconds (stops trickling servers)
    connect_timeout: float = 10.0
    max_bytes: int = 50 * 1024 * 1024
    max_entry_bytes: int = 2 * 1024 * 1024  # one entry's text; the rest is cut, with a note
    user_agent: str = DEFAULT_USER_AGENT
    concurrency: int = 6
    max_redirects: int = 5
    fulltext: bool = True  # fetch the linked page when an entry carries only a summary
    command_timeout: float = 60.0  # exec:/filter: sources: a command running longer is stopped


@dataclass
class Config:
    feeds: list[FeedConfig] = field(default_factory=list)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    aliases: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    # issues the user declares: name → the terms that define it (matching topics go there first)
    issues: dict[str, list[str]] = field(default_factory=dict)
    # a spokesperson's name in another script → the one name every view shows ("华春莹" = "Hua Chunying")
    spokespersons: dict[str, str] = field(default_factory=dict)
    # storylines the analyst accepted: name → aliases (every statement naming any of them);
    # `[issues]` declarations are read in here too (a declared issue is a storyline)
    storylines: dict[str, list[str]] = field(default_factory=dict)
    dismissed_storylines: list[str] = field(default_factory=list)  # suggestions turned down
    # `[store] url`: the store this data dir's config uses (a desk's PostgreSQL server)
    store_url: str | None = None
    # `[desk] name`: who this analyst is on a shared store (default: the OS user)
    desk_name: str | None = None
    path: Path | None = None

    def analyst(self) -> str:
        """The name a curation made here is recorded under."""
        import getpass

        if self.desk_name:
            return self.desk_name
        try:
            return getpass.getuser()
        except Exception:  # no user database entry (a container): still someone
            return "analyst"

    def find_feed(self, name_or_url: str) -> FeedConfig | None:
        for f in self.feeds:
            if f.name == name_or_url or f.url == name_or_url:
                return f
        low = name_or_url.lower()
        for f in self.feeds:
            if f.name.lower() == low:
                return f
        return None

    def check_new_feed(self, url: str, name: str | None = None) -> str:
        """The name a new subscription to `url` takes: `name`, else the address itself.

        ConfigError when the address (or the name it would take) is subscribed already, or
        another feed has that name: the one place these add-a-feed checks live."""
        if self.find_feed(url):
            raise ConfigError(f"already subscribed: {url}")
        name = (name or "").strip() or url
        if any(f.name == name for f in self.feeds):
            raise ConfigError(f"a feed named '{name}' exists; choose another name")
        return name

    def add_feed(self, feed: FeedConfig, name: str | None = None) -> FeedConfig:
        """Subscribe to `feed`, under `name` when one is given (else the feed's own name, else
        its address), after `check_new_feed`'s checks; returns it. Saving is the caller's."""
        feed.name = self.check_new_feed(feed.url, name or feed.name)
        self.feeds.append(feed)
        return feed


_FEED_KEYS = {"name", "url", "style", "ministry", "enabled", "kind", "match", "max", "short_name"}
KINDS = ("feed", "index")  # exec:/filter: sources are told by their address, not by `kind`
DEFAULT_INDEX_MAX = 20
_FETCH_TYPES = {
    "timeout": (int, float), "deadline": (int, float), "connect_timeout": (int, float), "max_bytes": (int,),
    "max_entry_bytes": (int,),
    "user_agent": (str,), "concurrency": (int,), "max_redirects": (int,), "fulltext": (bool,),
    "command_timeout": (int, float),
}


def _line_of(text: str, needle: str) -> int | None:
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    return None


def load_config(path: Path) -> Config:
    """Read and validate config.toml; a missing file is an empty config."""
    if not path.exists():
        return Config(path=path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; fix or remove the file") from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        where = f"line {m.group(1)}" if m else "somewhere"
        msg = re.sub(r"\s*\(at line.*\)$", "", str(exc))
        raise ConfigError(f"{path}, {where}: {msg}; fix the file or remove it") from None

    def bad(key: str, what: str) -> ConfigError:
        line = _line_of(text, key)
        loc = f"{path}, line {line}" if line else str(path)
        return ConfigError(f"{loc}: {what}")

    cfg = Config(path=path)
    unknown = set(data) - {"feeds", "fetch", "aliases", "keys", "issues", "storylines",
                           "suggestions", "spokespersons", "store", "desk"}
    if unknown:
        k = sorted(unknown)[0]
        raise bad(k, f"unknown setting '{k}' (known: feeds, fetch, aliases, keys, storylines, "
                     "suggestions, issues, spokespersons, store, desk)")
    _read_fetch(cfg, data.get("fetch") or {}, bad)
    feeds = data.get("feeds") or []
    if not isinstance(feeds, list):
        raise bad("feeds", "'feeds' must be an array of tables ([[feeds]])")
    cfg.feeds.extend(_read_feed(f, bad) for f in feeds)
    for section in ("aliases", "keys", "spokespersons"):
        table = data.get(section) or {}
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise bad(section, f"[{section}] must map names to strings")
        setattr(cfg, section, dict(table))
    # declared issues are storylines now: `[issues]` is read into them (and saved as them)
    cfg.storylines.update(_read_issues(data.get("issues") or {}, bad))
    cfg.storylines.update(_read_storylines(data.get("storylines") or {}, bad))
    cfg.dismissed_storylines = _read_dismissed(data.get("suggestions") or {}, bad)
    cfg.store_url = _read_one(data, "store", "url", bad)
    cfg.desk_name = _read_one(data, "desk", "name", bad)
    return cfg


def _read_one(data: dict, section: str, key: str,
              bad: Callable[[str, str], ConfigError]) -> str | None:
    """`[section] key = "text"` (the section's only setting), or None."""
    table = data.get(section)
    if table is None:
        return None
    if not isinstance(table, dict) or set(table) - {key} or not isinstance(table.get(key, ""), str):
        raise bad(section, f'[{section}] holds only {key} = "…"')
    return (table.get(key) or "").strip() or None


def _read_storylines(table, bad: Callable[[str, str], ConfigError]) -> dict[str, list[str]]:
    """`[storylines]`: name → aliases (a list, maybe empty)."""
    if not isinstance(table, dict):
        raise bad("storylines", "[storylines] must map names to lists of aliases")
    out: dict[str, list[str]] = {}
    for name, aliases in table.items():
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise bad(name, f"storyline '{name}' needs a list of aliases, e.g. "
                            f"{_toml_str(name)} = [\"Kyiv\", \"Zelensky\"]")
        if not name.strip():
            raise bad("storylines", "a storyline needs a name")
        out[name.strip()] = [a.strip() for a in aliases if a.strip()]
    return out


def _read_dismissed(table, bad: Callable[[str, str], ConfigError]) -> list[str]:
    """`[suggestions] dismissed = [...]`: suggested storylines the analyst turned down."""
    if not isinstance(table, dict) or set(table) - {"dismissed"}:
        raise bad("suggestions", "[suggestions] holds only dismissed = [names]")
    names = table.get("dismissed", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise bad("dismissed", "[suggestions] dismissed must be a list of names")
    return [n.strip() for n in names if n.strip()]


def _read_fetch(cfg: Config, table: dict, bad: Callable[[str, str], ConfigError]) -> None:
    for key, value in table.items():
        if key not in _FETCH_TYPES:
            raise bad(key, f"unknown fetch setting '{key}'")
        if not isinstance(value, _FETCH_TYPES[key]) or isinstance(value, bool) != (key == "fulltext"):
            raise bad(key, f"fetch.{key} has the wrong type ({type(value).__name__})")
        if isinstance(value, int | float) and key != "fulltext" and value <= 0:  # not user_agent
            raise bad(key, f"fetch.{key} must be positive")
        if key == "max_entry_bytes" and isinstance(value, int) and value < 1024:
            raise bad(key, "fetch.max_entry_bytes must be at least 1024 (bytes of one entry's text)")
        setattr(cfg.fetch, key, value)


def _read_feed(f, bad: Callable[[str, str], ConfigError]) -> FeedConfig:
    """One [[feeds]] table, checked."""
    if not isinstance(f, dict):
        raise bad("feeds", "each [[feeds]] entry must be a table")
    extra = set(f) - _FEED_KEYS
    if extra:
        k = sorted(extra)[0]
        raise bad(k, f"unknown feed setting '{k}' (known: {', '.join(sorted(_FEED_KEYS))})")
    if not isinstance(f.get("url"), str) or not f["url"]:
        raise bad(str(f.get("name", "[[feeds]]")), "a feed has no 'url'")
    style = f.get("style")
    if style is not None and style not in STYLES:
        raise bad(str(style), f"unknown style '{style}' (known: {', '.join(STYLES)})")
    enabled = f.get("enabled", True)
    if not isinstance(enabled, bool):
        raise bad("enabled", "'enabled' must be true or false")
    kind = f.get("kind", "feed")
    if kind not in KINDS:
        raise bad("kind", f"unknown kind '{kind}' (known: feed, index; commands are written "
                          "as url = \"exec:COMMAND\" or \"filter:COMMAND:URL\")")
    index = kind == "index"
    match, max_links = f.get("match"), f.get("max")
    if (match is not None or max_links is not None) and not index:
        raise bad("match" if match is not None else "max",
                  "'match' and 'max' apply only to index pages (kind = \"index\")")
    if match is not None:
        if not isinstance(match, str):
            raise bad("match", "'match' must be a string (a regular expression)")
        try:
            re.compile(match)
        except re.error as exc:
            raise bad("match", f"'match' is not a valid regular expression ({exc})") from None
    if max_links is not None and (not isinstance(max_links, int) or isinstance(max_links, bool)
                                  or max_links <= 0):
        raise bad("max", "'max' must be a positive whole number")
    if index and f["url"].startswith(("exec:", "filter:")):
        raise bad("kind", "an index page is an http(s) address, not a command")
    short_name = f.get("short_name")
    if short_name is not None and (not isinstance(short_name, str) or not short_name.strip()):
        raise bad("short_name", "'short_name' must be a short text, e.g. short_name = \"WH\"")
    return FeedConfig(
        name=str(f.get("name") or f["url"]), url=f["url"], style=style,
        ministry=f.get("ministry"), enabled=enabled, index=index, match=match,
        max_links=max_links, short_name=short_name.strip() if short_name else None,
    )


def _read_issues(issues, bad: Callable[[str, str], ConfigError]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if not isinstance(issues, dict):
        raise bad("issues", "[issues] must map issue names to lists of terms")
    for name, terms in issues.items():
        if not isinstance(terms, list) or not terms or \
                not all(isinstance(t, str) and t.strip() for t in terms):
            raise bad(name, f"issue '{name}' needs a list of terms, e.g. "
                            f"{_toml_str(name)} = [\"Kyiv\", \"Zelensky\"]")
        if not name.strip():
            raise bad("issues", "an issue needs a name")
        out[name.strip()] = [t.strip() for t in terms]
    return out


def _toml_str(s: str) -> str:
    out = s.replace("\\", "\\\\").replace('"', '\\"')
    out = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", out)
    return f'"{out}"'


def save_config(cfg: Config, path: Path) -> None:
    """Write config.toml atomically (temp file + rename) so a crash never truncates it."""
    lines = ["# briefdash configuration", "", "[fetch]"]
    for key in _FETCH_TYPES:
        v = getattr(cfg.fetch, key)
        lines.append(f"{key} = {_toml_str(v) if isinstance(v, str) else str(v).lower() if isinstance(v, bool) else v}")
    for section in ("aliases", "keys", "spokespersons"):
        table = getattr(cfg, section)
        if table:
            lines += ["", f"[{section}]"]
            lines += [f"{_toml_str(k)} = {_toml_str(v)}" for k, v in table.items()]
    if cfg.issues:
        lines += ["", "[issues]"]
        lines += [f"{_toml_str(k)} = [{', '.join(_toml_str(t) for t in v)}]"
                  for k, v in cfg.issues.items()]
    if cfg.storylines:
        lines += ["", "[storylines]"]
        lines += [f"{_toml_str(k)} = [{', '.join(_toml_str(t) for t in v)}]"
                  for k, v in cfg.storylines.items()]
    if cfg.dismissed_storylines:
        lines += ["", "[suggestions]",
                  f"dismissed = [{', '.join(_toml_str(n) for n in cfg.dismissed_storylines)}]"]
    if cfg.store_url:
        lines += ["", "[store]", f"url = {_toml_str(cfg.store_url)}"]
    if cfg.desk_name:
        lines += ["", "[desk]", f"name = {_toml_str(cfg.desk_name)}"]
    for f in cfg.feeds:
        lines += ["", "[[feeds]]", f"name = {_toml_str(f.name)}", f"url = {_toml_str(f.url)}"]
        if f.style:
            lines.append(f"style = {_toml_str(f.style)}")
        if f.ministry:
            lines.append(f"ministry = {_toml_str(f.ministry)}")
        if f.short_name:
            lines.append(f"short_name = {_toml_str(f.short_name)}")
        if f.index:
            lines.append('kind = "index"')
            if f.match:
                lines.append(f"match = {_toml_str(f.match)}")
            if f.max_links:
                lines.append(f"max = {int(f.max_links)}")
        lines.append(f"enabled = {'true' if f.enabled else 'false'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
