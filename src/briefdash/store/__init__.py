"""The store behind one interface: SQLite (the default) or PostgreSQL (a desk's shared store).

`Store(target)` opens the engine `engine_class` picks for the target; the engines live in
sibling modules that never import each other.
"""
from __future__ import annotations

from pathlib import Path

from .base import Store, fts_query, item_uid, now_iso
from .migrations.sqlite import MIGRATIONS, SCHEMA_VERSION, _split_sql
from .sqlite import SqliteStore
from .url import is_postgres, redact, resolve_target, sqlite_path


def engine_class(target: str | Path) -> type[Store]:
    """The engine that opens `target` (PostgreSQL's is imported only when one is named)."""
    if is_postgres(target):
        from .postgres import PostgresStore

        return PostgresStore
    sqlite_path(target)  # a malformed address is refused here, clearly
    return SqliteStore


Store.engine_for = staticmethod(engine_class)

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SqliteStore", "Store", "_split_sql", "engine_class",
           "fts_query", "item_uid", "now_iso", "redact", "resolve_target"]
