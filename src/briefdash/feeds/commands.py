"""newsboat-style command sources: `exec:COMMAND` prints a feed, `filter:COMMAND:URL` turns the
page at URL (given on its standard input) into one.

Commands come only from the user's own config.toml or command line, never from a feed or from
an OPML file someone else wrote (`feeds import` skips them unless asked). They run without a
shell (the command line is split with `shlex`; write `sh -c '…'` for one), in a session of their
own so that a timeout stops the whole process group, and their output is capped at
`fetch.max_bytes` like any download and then read as hostile feed text.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shlex
import signal
from dataclasses import dataclass

from ..config import FetchSettings
from ..errors import FeedError
from ..sanitize import sanitize

_FILTER = re.compile(r"^filter:(?P<cmd>.*?):(?P<url>https?://.+)$", re.S | re.I)


@dataclass
class CommandSource:
    kind: str  # "exec" | "filter"
    argv: list[str]
    url: str | None = None  # filter: the page piped into the command


def is_command(source: str) -> bool:
    return source.startswith(("exec:", "filter:"))


def parse_command_source(source: str) -> CommandSource:
    """`exec:COMMAND` or `filter:COMMAND:URL` → the argument vector (and URL); FeedError if bad."""
    if source.startswith("exec:"):
        kind, command, url = "exec", source[5:], None
    elif source.startswith("filter:"):
        m = _FILTER.match(source)
        if not m:
            raise FeedError("a filter source is written filter:COMMAND:URL, with an http(s) URL "
                            "after the last colon")
        kind, command, url = "filter", m.group("cmd"), m.group("url").strip()
    else:
        raise FeedError(f"not a command source: {source}")
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise FeedError(f"cannot read the command of {kind}: ({exc})") from None
    if not argv:
        raise FeedError(f"the {kind}: source names no command")
    return CommandSource(kind, argv, url)


async def run_command(argv: list[str], settings: FetchSettings,
                      stdin: bytes | None = None) -> tuple[bytes, bool]:
    """Run `argv` (no shell); return (its standard output cut at max_bytes, whether it was cut).

    A command still running after `fetch.command_timeout` seconds is killed with its process
    group; a failing command's message names its exit status and the first line it printed to
    standard error.
    """
    name = os.path.basename(argv[0])
    try:
        proc = await asyncio.create_subprocess_exec(
            *argv, stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            start_new_session=True)
    except FileNotFoundError:
        raise FeedError(f"command not found: {argv[0]} (give its full path, or check PATH)") from None
    except PermissionError:
        raise FeedError(f"cannot run {argv[0]}: permission denied (is it executable?)") from None
    except OSError as exc:
        raise FeedError(f"cannot run {argv[0]}: {exc.strerror or exc}") from None

    out = bytearray()
    err = bytearray()
    cut = False

    async def feed_stdin() -> None:
        if stdin is None or proc.stdin is None:
            return
        try:
            proc.stdin.write(stdin)
            await proc.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the command stopped reading: its output decides
        finally:
            with contextlib.suppress(Exception):
                proc.stdin.close()

    async def read_stdout() -> None:
        nonlocal cut
        assert proc.stdout is not None
        while True:
            chunk = await proc.stdout.read(65536)
            if not chunk:
                return
            room = settings.max_bytes - len(out)
            out.extend(chunk[:room])
            if len(chunk) >= room:
                cut = True
                _kill(proc)  # enough: the rest is never read
                return

    async def read_stderr() -> None:
        assert proc.stderr is not None
        while True:
            chunk = await proc.stderr.read(8192)
            if not chunk:
                return
            if len(err) < 4096:
                err.extend(chunk[:4096 - len(err)])

    async def run() -> int:
        await asyncio.gather(feed_stdin(), read_stdout(), read_stderr())
        return await proc.wait()

    try:
        code = await asyncio.wait_for(run(), timeout=settings.command_timeout)
    except TimeoutError:
        _kill(proc)
        await _reap(proc)
        raise FeedError(f"{name} did not finish within {settings.command_timeout:g} s "
                        "(fetch.command_timeout) and was stopped") from None
    except BaseException:
        _kill(proc)
        await _reap(proc)
        raise
    if cut:
        await _reap(proc)
        return bytes(out), True
    if code != 0:
        lines = [ln.strip() for ln in sanitize(err.decode("utf-8", "replace")).splitlines() if ln.strip()]
        said = f": {lines[0][:160]}" if lines else ""
        how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
        raise FeedError(f"{name} {how}{said}")
    if not out.strip():
        raise FeedError(f"{name} printed nothing (a command source must print RSS or Atom)")
    return bytes(out), False


def _kill(proc) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        with contextlib.suppress(ProcessLookupError):
            proc.kill()


async def _reap(proc) -> None:
    with contextlib.suppress(TimeoutError, ProcessLookupError):
        await asyncio.wait_for(proc.wait(), timeout=5)
