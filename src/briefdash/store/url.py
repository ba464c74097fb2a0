"""Which store a `--store` target names, and how to say it without its password.

`sqlite:///PATH` (or a bare path) is the embedded SQLite engine; `postgresql://user[:password]@
host[:port]/db[?sslmode=…]` (or `postgres://`) the PostgreSQL engine. libpq's own options in the
query (`sslmode`, `connect_timeout`, …) pass through untouched; a password may also come from
`PGPASSWORD` or `~/.pgpass`, as libpq reads them.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import StoreError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
# user:password@ in an address, and password=… in a libpq key/value string or a query
_URL_PASSWORD = re.compile(r"(?i)(postgres(?:ql)?://[^:/@\s]*:)([^@\s]*)(@)")
_KV_PASSWORD = re.compile(r"(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)")


def is_postgres(target: str | Path) -> bool:
    return str(target).lower().startswith(POSTGRES_SCHEMES)


def sqlite_path(target: str | Path) -> str:
    """The file a SQLite target names (`sqlite:///abs/path`, `sqlite:///:memory:`, a path)."""
    text = str(target)
    if text.lower().startswith("sqlite:"):
        rest = text[len("sqlite:"):]
        if rest.startswith("///"):
            rest = rest[2:]  # sqlite:///abs → /abs; sqlite:///:memory: → /:memory:
            if rest == "/:memory:":
                return ":memory:"
        elif rest.startswith("//"):
            raise StoreError(f"{redact(text)}: a SQLite store is sqlite:///PATH (three slashes)")
        if not rest:
            raise StoreError("sqlite: needs a path (sqlite:///PATH)")
        return str(Path(rest).expanduser())
    if "://" in text:
        raise StoreError(f"{redact(text)}: not a store address (sqlite:///PATH or "
                         "postgresql://user@host/db)")
    return text


def redact(text: str) -> str:
    """`text` with every password of a store address or libpq option string replaced by ***."""
    text = _URL_PASSWORD.sub(lambda m: m.group(1) + "***" + m.group(3), text)
    return _KV_PASSWORD.sub(lambda m: m.group(1) + "***", text)


def resolve_target(flag: str | None, env: str | None, configured: str | None,
                   default: Path) -> str | Path:
    """`--store`, else `BRIEFDASH_STORE`, else `[store] url`, else the data dir's SQLite file."""
    for chosen in (flag, env, configured):
        if chosen and chosen.strip():
            return chosen.strip()
    return default
