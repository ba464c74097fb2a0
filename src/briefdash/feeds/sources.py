"""Adding a source: the checks the CLI (`feeds add`) and the feeds screen (`F`, `a`) share."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from ..config import Config
from ..errors import BriefdashError, FeedError
from ..models import FeedConfig
from .commands import is_command, parse_command_source
from .fetch import is_remote


def new_source(cfg: Config, source: str, *, name: str | None = None, index: bool = False,
               match: str | None = None, max_links: int | None = None, style: str | None = None,
               ministry: str | None = None) -> FeedConfig:
    """A checked FeedConfig for `source` (not yet added: `Config.add_feed` does that);
    BriefdashError says what is wrong.

    `source` is an http(s) address, a local feed file, `exec:COMMAND` or `filter:COMMAND:URL`;
    with `index`, an http(s) page that lists briefings (`match`, `max_links` apply to it only).
    """
    src = source.strip()
    if not src:
        raise BriefdashError("give an address, a file, exec:COMMAND or filter:COMMAND:URL")
    if (match is not None or max_links is not None) and not index:
        raise BriefdashError("--match and --max go with --index (a page that lists briefings)")
    if is_command(src):
        if index:
            raise BriefdashError("--index takes an http(s) address, not a command")
        try:
            parse_command_source(src)
        except FeedError as exc:
            raise BriefdashError(str(exc)) from None
    elif is_remote(src):
        if not urlsplit(src).hostname:
            raise BriefdashError(f"not a valid address: {src}")
    else:
        if "://" in src:
            raise BriefdashError(f"not an http(s) address: {src}")
        if index:
            raise BriefdashError("--index takes an http(s) address (a ministry's briefing list)")
        p = Path(src).expanduser()
        if not p.exists():
            raise BriefdashError(f"no such file or directory: {src}")
        src = str(p.resolve())
    if match is not None:
        try:
            re.compile(match)
        except re.error as exc:
            raise BriefdashError(f"--match is not a valid regular expression ({exc})") from None
    if max_links is not None and max_links < 1:
        raise BriefdashError("--max must be at least 1")
    return FeedConfig(name=cfg.check_new_feed(src, name), url=src, style=style,
                      ministry=ministry, index=index, match=match, max_links=max_links)


def needs_probe(fc: FeedConfig) -> bool:
    """An http(s) feed address: it may turn out to be a web page that names its feeds, so it is
    read once before it is added."""
    return fc.kind == "feed" and fc.url.startswith(("http://", "https://"))


def parse_add_line(text: str) -> dict:
    """What a user typed into the feeds screen's "Add" box, in `feeds add`'s own words:
    `URL_OR_PATH [--index [--match RE] [--max N]]`; `exec:…`/`filter:…` are taken whole.
    Returns keyword arguments for `new_source`."""
    import shlex

    text = text.strip()
    if text.startswith(("exec:", "filter:")):
        return {"source": text}
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise BriefdashError(f"cannot read that ({exc})") from None
    if not words:
        raise BriefdashError("give an address, a file, exec:COMMAND or filter:COMMAND:URL")
    out: dict = {"source": words[0]}
    rest = words[1:]
    while rest:
        w = rest.pop(0)
        if w == "--index":
            out["index"] = True
        elif w in ("--match", "--max") and rest:
            value = rest.pop(0)
            if w == "--match":
                out["match"] = value
            elif value.isdigit():
                out["max_links"] = int(value)
            else:
                raise BriefdashError("--max takes a whole number")
        else:
            raise BriefdashError(f"unknown option {w!r} (known: --index, --match RE, --max N)")
    return out
