"""Moving a library between stores (SQLite ↔ PostgreSQL): every table, then counts verified.

The destination must be empty. Rows go in one transaction, in an order the foreign keys allow;
each engine then rebuilds what it derives (SQLite's full-text index fills through its triggers,
PostgreSQL's tsvector is a generated column and its id sequences move past the copied ids).
"""
from __future__ import annotations

from collections.abc import Callable

from ..errors import StoreError
from .base import LIBRARY_TABLES, Store

BATCH = 5000


def copy_library(source: Store, dest: Store,
                 progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Copy every table of `source` into the empty `dest`; returns rows per table. StoreError
    when `dest` holds a library already or a count differs afterwards."""
    if dest.item_count() or dest.entry_count():
        raise StoreError(f"{dest.describe()} already holds a library "
                         f"({dest.item_count()} statements); copy into an empty store")
    counts: dict[str, int] = {}
    with dest.transaction():
        for table in LIBRARY_TABLES:
            dest.clear_table(table)  # a fresh store may hold default state rows
            n = 0
            for rows in source.table_rows(table, BATCH):
                dest.insert_rows(table, rows)
                n += len(rows)
                if progress:
                    progress(table, n)
            counts[table] = n
        dest.after_copy()
    for table, n in counts.items():
        have = dest.table_count(table)
        if have != n:
            raise StoreError(f"copy check failed: {table} has {have} rows in "
                             f"{dest.describe()}, {n} in {source.describe()}")
    return counts
