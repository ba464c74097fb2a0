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
from dataclasses import dataclass, field

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


async def _start(argv: list[str], with_stdin: bool) -> asyncio.subprocess.Process:
    """Start `argv` in a session of its own (no shell); FeedError saying why it cannot run."""
    try:
        return await asyncio.create_subprocess_exec(
            *argv, stdin=asyncio.subprocess.PIPE if with_stdin else asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            start_new_session=True)
    except FileNotFoundError:
        raise FeedError(f"command not found: {argv[0]} (give its full path, or check PATH)") from None
    except PermissionError:
        raise FeedError(f"cannot run {argv[0]}: permission denied (is it executable?)") from None
    except OSError as exc:
        raise FeedError(f"cannot run {argv[0]}: {exc.strerror or exc}") from None


@dataclass
class _Output:
    """What a command printed: standard output up to the cap, the start of standard error."""

    out: bytearray = field(default_factory=bytearray)
    err: bytearray = field(default_factory=bytearray)
    cut: bool = False


async def _feed_stdin(proc: asyncio.subprocess.Process, stdin: bytes | None) -> None:
    """Write the filter's page to the command, then close its standard input."""
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


async def _read_stdout(proc: asyncio.subprocess.Process, output: _Output, max_bytes: int) -> None:
    """Read standard output up to `max_bytes`; past that, kill the command and mark it cut."""
    assert proc.stdout is not None
    while True:
        chunk = await proc.stdout.read(65536)
        if not chunk:
            return
        room = max_bytes - len(output.out)
        output.out.extend(chunk[:room])
        if len(chunk) >= room:
            output.cut = True
            _kill(proc)  # enough: the rest is never read
            return


async def _read_stderr(proc: asyncio.subprocess.Process, output: _Output) -> None:
    """Drain standard error, keeping its first 4 KiB for the error message."""
    assert proc.stderr is not None
    while True:
        chunk = await proc.stderr.read(8192)
        if not chunk:
            return
        if len(output.err) < 4096:
            output.err.extend(chunk[:4096 - len(output.err)])


async def _communicate(proc: asyncio.subprocess.Process, stdin: bytes | None, output: _Output,
                       settings: FetchSettings, name: str) -> int:
    """Feed and read the command until it exits; its exit code. A command past
    fetch.command_timeout (or a cancelled fetch) kills its process group."""

    async def run() -> int:
        await asyncio.gather(_feed_stdin(proc, stdin), _read_stdout(proc, output, settings.max_bytes),
                             _read_stderr(proc, output))
        return await proc.wait()

    try:
        return await asyncio.wait_for(run(), timeout=settings.command_timeout)
    except TimeoutError:
        _kill(proc)
        await _reap(proc)
        raise FeedError(f"{name} did not finish within {settings.command_timeout:g} s "
                        "(fetch.command_timeout) and was stopped") from None
    except BaseException:
        _kill(proc)
        await _reap(proc)
        raise


def _failed(name: str, code: int, err: bytes) -> FeedError:
    """A failing command's error: its exit status or signal and the first line of stderr."""
    lines = [ln.strip() for ln in sanitize(err.decode("utf-8", "replace")).splitlines() if ln.strip()]
    said = f": {lines[0][:160]}" if lines else ""
    how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
    return FeedError(f"{name} {how}{said}")


async def run_command(argv: list[str], settings: FetchSettings,
                      stdin: bytes | None = None) -> tuple[bytes, bool]:
    """Run `argv` (no shell); return (its standard output cut at max_bytes, whether it was cut).

    A command still running after `fetch.command_timeout` seconds is killed with its process
    group; a failing command's message names its exit status and the first line it printed to
    standard error.
    """
    name = os.path.basename(argv[0])
    proc = await _start(argv, stdin is not None)
    output = _Output()
    code = await _communicate(proc, stdin, output, settings, name)
    if output.cut:
        await _reap(proc)
        return bytes(output.out), True
    if code != 0:
        raise _failed(name, code, bytes(output.err))
    if not output.out.strip():
        raise FeedError(f"{name} printed nothing (a command source must print RSS or Atom)")
    return bytes(output.out), False


def _kill(proc) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        with contextlib.suppress(ProcessLookupError):
            proc.kill()


async def _reap(proc) -> None:
    with contextlib.suppress(TimeoutError, ProcessLookupError):
        await asyncio.wait_for(proc.wait(), timeout=5)
