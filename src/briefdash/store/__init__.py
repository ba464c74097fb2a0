"""The store behind one interface: SQLite (the default) or PostgreSQL (a desk's shared store)."""
from __future__ import annotations

from .base import Store, fts_query, item_uid, now_iso
from .migrations.sqlite import MIGRATIONS, SCHEMA_VERSION, _split_sql
from .sqlite import SqliteStore
from .url import redact, resolve_target

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SqliteStore", "Store", "_split_sql", "fts_query",
           "item_uid", "now_iso", "redact", "resolve_target"]
