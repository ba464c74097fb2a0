"""A PostgreSQL server for the store's tests: each test gets a schema of its own.

`BRIEFDASH_TEST_PG` names a database on a running server (`.ci/run` starts Debian's postgresql
and sets it); without it the PostgreSQL tests skip and say why, unless
`BRIEFDASH_REQUIRE_POSTGRES=1` (set by `.ci/run`), which makes a missing server a failure.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import suppress
from urllib.parse import quote

import pytest

WHY_NOT = ("no PostgreSQL server for the tests: set BRIEFDASH_TEST_PG=postgresql://USER@HOST/DB "
           "(.ci/run installs and starts Debian's postgresql and sets it)")


def server_url() -> str:
    """The test database's address, or skip (fail when the server is required)."""
    url = os.environ.get("BRIEFDASH_TEST_PG", "")
    if not url:
        if os.environ.get("BRIEFDASH_REQUIRE_POSTGRES"):
            pytest.fail(f"BRIEFDASH_REQUIRE_POSTGRES is set but {WHY_NOT}")
        pytest.skip(WHY_NOT)
    return url


def in_schema(url: str, schema: str) -> str:
    """`url` with every connection's search_path set to `schema` (then public, pg_trgm's home)."""
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema},public')}"


def fresh_schema() -> Iterator[str]:
    """A store address of its own (an empty schema), dropped afterwards."""
    import psycopg

    url = server_url()
    schema = "t_" + uuid.uuid4().hex[:12]
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            # pytest-xdist's workers may race to create it: one wins, that is enough
            with suppress(psycopg.errors.UniqueViolation, psycopg.errors.DuplicateObject):
                conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        if os.environ.get("BRIEFDASH_REQUIRE_POSTGRES"):
            pytest.fail(f"BRIEFDASH_REQUIRE_POSTGRES is set but the server refuses: {exc}")
        pytest.skip(f"PostgreSQL server at BRIEFDASH_TEST_PG not reachable: {exc}")
    try:
        yield in_schema(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
