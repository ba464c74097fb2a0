"""The PostgreSQL engine: one store a desk of analysts shares (psycopg 3).

Writers queue as on SQLite: every write transaction first takes one transaction-level advisory
lock, so two `fetch` runs, a regroup and a dashboard's curation never interleave, and a
briefing another writer stored meanwhile is seen (and not stored twice). Each commit sends a
NOTIFY that dashboards LISTEN for. Full-text search: a stored tsvector with a GIN index,
prefix queries, `ts_headline` snippets; text written without spaces (Chinese) is found by
substring through pg_trgm. The password of the address is never printed.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from typing import Any

from .. import cjk_text
from ..errors import StoreError
from ..models import QAItem
from .base import LIBRARY_TABLES, Store, date_conditions, name_conditions
from .migrations.postgres import MIGRATIONS, SCHEMA_VERSION
from .url import redact

try:  # the optional extra: pip install 'briefdash[postgres]'
    import psycopg
    from psycopg.adapt import Loader
except ImportError:  # pragma: no cover - said clearly when a postgresql:// store is opened
    psycopg = None  # type: ignore[assignment]
    Loader = object  # type: ignore[assignment,misc]

CHANNEL = "briefdash"  # NOTIFY channel "briefdash:SCHEMA": "something was committed" in this store
WRITE_LOCK = 0x62726466  # advisory lock every write transaction takes ("brdf")
REGROUP_LOCK = 0x62726467  # held for a whole regroup
MIGRATE_LOCK = 0x62726468  # held while the schema is brought up to date


@functools.lru_cache(maxsize=1024)
def _pg_sql(sql: str) -> str:
    """The store's SQL (`?` placeholders) in psycopg's spelling (`%s`, and `%` as `%%`), leaving
    string literals alone."""
    out, quoted = [], False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
            out.append(ch)
        elif ch == "%":
            out.append("%%")
        elif ch == "?" and not quoted:
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out)


class _Row(tuple):
    """A result row read by position or by column name, as sqlite3.Row is."""

    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@functools.lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[_Row]:
    return type("Row", (_Row,), {"__slots__": (), "_index": {n: k for k, n in enumerate(names)}})


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    cls = _row_class(tuple(c.name for c in cursor.description))
    return cls


class _NumberLoader(Loader):
    """numeric (what sum() of integers gives) as int when whole, else float, as SQLite."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        try:
            return int(text)
        except ValueError:
            return float(text)


class _Connection:
    """A psycopg connection that speaks the store's SQL (`?` placeholders)."""

    def __init__(self, conn: Any):
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        cur = self.conn.cursor()
        cur.execute(_pg_sql(sql), list(params or ()))
        return cur

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        rows = [list(r) for r in rows]
        cur = self.conn.cursor()
        if rows:
            cur.executemany(_pg_sql(sql), rows)
        return cur

    def close(self) -> None:
        self.conn.close()


def connect(target: str) -> Any:
    """A psycopg connection to `target` (autocommit: the store says where transactions are), or
    one clear StoreError without the password."""
    if psycopg is None:
        raise StoreError("a postgresql:// store needs psycopg: pip install 'briefdash[postgres]'")
    kwargs: dict[str, Any] = {"autocommit": True, "row_factory": _row_factory}
    if "connect_timeout" not in target:
        kwargs["connect_timeout"] = 10
    try:
        conn = psycopg.connect(target, **kwargs)
    except (psycopg.Error, ValueError) as exc:
        reason = " ".join(redact(str(exc)).split())
        raise StoreError(f"{redact(target)}: cannot connect to the PostgreSQL store ({reason})") from None
    conn.adapters.register_loader("numeric", _NumberLoader)
    return conn


class PostgresStore(Store):
    """A connection to a PostgreSQL store."""

    pushes_changes = True
    _AGG_DISTINCT = "string_agg(DISTINCT {}, ',')"
    _GREATEST = "greatest"

    def __init__(self, target: str, *, readonly: bool = False):
        self.target = str(target)
        self._analyst: str | None = None
        self._depth = 0
        self._listening = False
        self._notices = 0
        self._vocabulary: tuple[int, dict[str, list[tuple[str, int]]]] | None = None
        self.db = _Connection(connect(self.target))
        # one database may hold several stores (schemas): each has its own channel
        schema = self.db.execute("SELECT current_schema()").fetchone()[0] or "public"
        self._channel = f"{CHANNEL}:{schema}".replace('"', "")[:63]
        try:
            self._migrate()
        except psycopg.Error as exc:
            self.db.close()
            raise StoreError(f"{self.describe()}: cannot prepare the store "
                             f"({' '.join(redact(str(exc)).split())})") from None

    # ---- schema, transactions, change notices ---------------------------------------------
    def _migrate(self) -> None:
        if self._stored_version() == SCHEMA_VERSION:
            return
        # one process at a time (two `fetch` runs starting on a fresh database)
        self.db.execute("SELECT pg_advisory_lock(?)", (MIGRATE_LOCK,))
        try:
            self.db.execute("CREATE TABLE IF NOT EXISTS briefdash_schema(version INTEGER NOT NULL)")
            version = self.schema_version  # another process may have migrated meanwhile
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.describe()} was written by a newer briefdash (schema {version}, this "
                    f"one knows {SCHEMA_VERSION}); upgrade briefdash or use another --store")
            if version == SCHEMA_VERSION:
                return
            with self.transaction():
                for number in range(version, SCHEMA_VERSION):
                    self.db.execute(MIGRATIONS[number])
                self.db.execute("DELETE FROM briefdash_schema")
                self.db.execute("INSERT INTO briefdash_schema(version) VALUES(?)", (SCHEMA_VERSION,))
        finally:
            self.db.execute("SELECT pg_advisory_unlock(?)", (MIGRATE_LOCK,))

    def _stored_version(self) -> int | None:
        """The schema version, or None before the first migration (one query, no lock)."""
        if self.db.execute("SELECT to_regclass('briefdash_schema')").fetchone()[0] is None:
            return None
        return self.schema_version

    @property
    def schema_version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM briefdash_schema").fetchone()
        return int(row[0] or 0)

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction. It takes the store's write lock first, so writers queue (as
        SQLite's BEGIN IMMEDIATE makes them), and tells listening dashboards on commit."""
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            self.db.execute("BEGIN")
            try:
                self.db.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
                yield self.db
            except BaseException:
                with suppress(Exception):
                    self.db.execute("ROLLBACK")
                raise
            else:
                self.db.execute("SELECT pg_notify(?, '')", (self._channel,))
                self.db.execute("COMMIT")
        finally:
            self._depth = 0

    @contextmanager
    def regrouping(self) -> Iterator[None]:
        """Held across several transactions (a whole regroup): a second one waits."""
        self.db.execute("SELECT pg_advisory_lock(?)", (REGROUP_LOCK,))
        try:
            yield
        finally:
            with suppress(Exception):
                self.db.execute("SELECT pg_advisory_unlock(?)", (REGROUP_LOCK,))

    def close(self) -> None:
        with suppress(Exception):
            self.db.close()

    def interrupt(self) -> None:
        """Cancel the query this connection runs in another thread (it fails with QueryCanceled)."""
        with suppress(Exception):
            self.db.conn.cancel_safe(timeout=2.0)

    def _listen(self) -> None:
        if not self._listening:
            self.db.execute(f'LISTEN "{self._channel}"')
            self._listening = True

    def data_version(self) -> int:
        """How many commits this connection has been told of (LISTEN/NOTIFY): it changes when
        another connection has committed since the last call."""
        self._listen()
        for _ in self.db.conn.notifies(timeout=0):
            self._notices += 1
        return self._notices

    def wait_for_change(self, timeout: float) -> bool:
        """Block (no polling) until another connection commits, or `timeout` seconds pass."""
        self._listen()
        got = False
        for _ in self.db.conn.notifies(timeout=timeout, stop_after=1):
            self._notices += 1
            got = True
        if got:  # a burst of commits is one change
            for _ in self.db.conn.notifies(timeout=0):
                self._notices += 1
        return got

    # ---- watches and personal marks: each analyst's own ----------------------------------------
    @property
    def analyst(self) -> str | None:
        return self._analyst

    @analyst.setter
    def analyst(self, name: str | None) -> None:
        """Who this connection curates and watches as (SQL reads it as a session setting)."""
        self._analyst = name
        if name:
            self.db.execute("SELECT set_config('briefdash.analyst', ?, false)", (name,))

    def _watched(self, kind: str, alias: str) -> str:
        return (f"(EXISTS (SELECT 1 FROM watches w WHERE w.kind = '{kind}' AND w.id = {alias}.id "
                "AND w.analyst = current_setting('briefdash.analyst', true)))::int")

    def _any_watch(self, kind: str, alias: str) -> str:
        return f"EXISTS (SELECT 1 FROM watches w WHERE w.kind = '{kind}' AND w.id = {alias}.id)"

    def set_watched(self, kind: str, ident: int, value: bool, analyst: str | None = None) -> None:
        who = analyst or self.analyst or ""
        if value:
            self.db.execute("INSERT INTO watches(analyst, kind, id) VALUES(?,?,?) "
                            "ON CONFLICT DO NOTHING", (who, kind, ident))
        else:
            self.db.execute("DELETE FROM watches WHERE analyst=? AND kind=? AND id=?",
                            (who, kind, ident))

    def table_rows(self, table: str, batch: int) -> Iterator[list[tuple]]:
        """As the interface's; a topic's or issue's `watched` is this analyst's watch."""
        if table not in ("topics", "issues"):
            yield from super().table_rows(table, batch)
            return
        kind = "topic" if table == "topics" else "issue"
        cols = [c if c != "watched" else f"{self._watched(kind, 'x')} AS watched"
                for c in LIBRARY_TABLES[table]]
        rows = [tuple(r) for r in self.db.execute(
            f"SELECT {', '.join(cols)} FROM {table} x ORDER BY id")]
        for k in range(0, len(rows), batch):
            yield rows[k:k + batch]

    def insert_rows(self, table: str, rows: list[tuple]) -> None:
        """COPY rather than INSERT: a library of 100k statements moves in a fraction of the time."""
        cols = ", ".join(LIBRARY_TABLES[table])
        with self.db.conn.cursor().copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def after_copy(self) -> None:
        """Ids handed out next follow the copied ones; the copied watches are this analyst's."""
        for table, kind in (("topics", "topic"), ("issues", "issue")):
            self.db.execute(f"INSERT INTO watches(analyst, kind, id) SELECT ?, '{kind}', id "
                            f"FROM {table} WHERE watched = 1 ON CONFLICT DO NOTHING",
                            (self.analyst or "",))
            self.db.execute(f"UPDATE {table} SET watched = 0")
        self.db.execute("ANALYZE")  # the planner's statistics for the tables just filled
        for table, column in (("entries", "id"), ("items", "n"), ("curation", "id")):
            self.db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                            f"coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)")

    # ---- full-text search -------------------------------------------------------------------
    @staticmethod
    def _lexeme(word: str) -> str:
        return "'" + word.lower().replace("'", "''").replace("\\", "\\\\") + "'"

    @classmethod
    def _prefix_query(cls, text: str) -> str:
        """What a user typed as a tsquery: every word a prefix term, all of them required."""
        words = re.findall(r"[^\W_]+", text)
        return " & ".join(f"{cls._lexeme(w)}:*" for w in words)

    @classmethod
    def _names_query(cls, word_lists: list[list[str]], weight: str = "A") -> str:
        """Any of these names (plural forms too) as phrases, in questions and answers only."""
        parts = []
        for words in word_lists:
            words = [w for ws in words for w in re.findall(r"[^\W_]+", ws)]
            if not words:
                continue
            head, last = words[:-1], words[-1]
            for form in dict.fromkeys((last, last + "s", last + "es")):
                parts.append("(" + " <-> ".join(f"{cls._lexeme(w)}:{weight}"
                                                 for w in [*head, form]) + ")")
        return " | ".join(parts)

    def items_naming(self, terms: list[str]) -> list[tuple[str, int | None]]:
        query = self._names_query([t.split() for t in terms], weight="AB")
        if not query:
            return []
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT uid, topic_id FROM items WHERE fts @@ to_tsquery('simple', ?) "
            "AND kind != 'procedural'", (query,))]

    def statements_naming(self, word_lists: list[list[str]]) -> set[int]:
        query = self._names_query(word_lists)
        if not query:
            return set()
        return {r[0] for r in self.db.execute(
            "SELECT n FROM items WHERE fts @@ to_tsquery('simple', ?)", (query,))}

    def entries_naming(self, word_lists: list[list[str]], substrings: list[str],
                       after: int = 0) -> list[int]:
        found: set[int] = set()
        query = self._names_query(word_lists)
        if query:
            found |= {r[0] for r in self.db.execute(
                "SELECT DISTINCT entry_id FROM items WHERE fts @@ to_tsquery('simple', ?) "
                "AND n > ?", (query, after))}
        for text in substrings:
            found |= {r[0] for r in self.db.execute(
                "SELECT DISTINCT entry_id FROM items WHERE n > ? AND "
                "(question || ' ' || answer) LIKE ?", (after, "%" + _like(text) + "%"))}
        return sorted(found)

    _ITEM_COLUMNS = ("i.*, e.link AS entry_link, e.title AS entry_title, e.key AS entry_key, "
                     "e.published AS entry_published")
    # relevance puts one-line courtesy and procedural statements after the substantive ones
    _COURTESY_LAST = "(i.kind = 'procedural' OR length(i.answer) < 40)"
    _HEADLINE = ("ts_headline('simple', i.question || ' ' || i.answer, q, 'StartSel=\x01, "
                 "StopSel=\x02, MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1, "
                 "FragmentDelimiter=…')")

    def _match(self, query: str) -> tuple[str, list[Any]] | None:
        """The WHERE clause (over items i) that finds `query`, with its parameters: words as
        prefix terms of the tsvector; text with CJK characters as substrings (pg_trgm)."""
        if cjk_text.has_cjk(query):
            pieces = [p for p, _ in cjk_text.query_parts(query)]
            if not pieces:
                return None
            clause = " AND ".join(
                "(i.question || ' ' || i.answer || ' ' || coalesce(i.speaker, '') || ' ' || "
                "coalesce(i.asker, '') || ' ' || coalesce(i.ministry, '')) ILIKE ?"
                for _ in pieces)
            return clause, ["%" + _like(p) + "%" for p in pieces]
        tsq = self._prefix_query(query)
        if not tsq:
            return None
        return "i.fts @@ to_tsquery('simple', ?)", [tsq]

    def search(self, query: str, limit: int = 200, *, offset: int = 0,
               order: str = "relevance") -> list[tuple[QAItem, str]]:
        """As the SQLite engine's: newest first by `order="date"`; by relevance (ts_rank) in
        blocks of SEARCH_WINDOW matches, the most recently stored block first."""
        return self._search(query, ([], []), limit, offset, order, self.SEARCH_WINDOW)

    def search_filtered(self, query: str, *, since: date | None = None, until: date | None = None,
                        ministries: list[str] | None = None, speakers: list[str] | None = None,
                        limit: int = 200, offset: int = 0, order: str = "relevance"
                        ) -> list[tuple[QAItem, str]]:
        """As the SQLite engine's: the filter is part of the query (every kept match is found);
        relevance in blocks of FILTERED_WINDOW kept matches."""
        kept = _filter_clause(since, until, ministries, speakers)
        if kept is None:
            return []
        return self._search(query, kept, limit, offset, order, self.FILTERED_WINDOW)

    def search_filtered_count(self, query: str, *, since: date | None = None,
                              until: date | None = None, ministries: list[str] | None = None,
                              speakers: list[str] | None = None) -> int:
        kept = _filter_clause(since, until, ministries, speakers)
        match = self._match(query)
        if kept is None or not match:
            return 0
        where = " AND ".join([match[0], *kept[0]])
        return int(self.db.execute(f"SELECT count(*) FROM items i WHERE {where}",
                                   [*match[1], *kept[1]]).fetchone()[0])

    def _search(self, query: str, kept: tuple[list[str], list[Any]], limit: int, offset: int,
                order: str, window: int) -> list[tuple[QAItem, str]]:
        if order not in self.SEARCH_ORDERS:
            raise ValueError(f"order must be one of {self.SEARCH_ORDERS}, not {order!r}")
        match = self._match(query)
        if not match or limit <= 0 or offset < 0:
            return []
        where = " AND ".join([match[0], *kept[0]])
        params = [*match[1], *kept[1]]
        if order == "date":
            ns = [r[0] for r in self.db.execute(
                f"SELECT i.n FROM items i WHERE {where} ORDER BY i.date DESC NULLS LAST, "
                "i.entry_id DESC, i.idx, i.n LIMIT ? OFFSET ?", (*params, limit, offset))]
        else:
            ns = self._ranked(where, params, match[1], limit, offset, window)
        if not ns:
            return []
        cjk = cjk_text.has_cjk(query)
        snip = "''" if cjk else self._HEADLINE
        q = "to_tsquery('simple', ?)" if not cjk else "NULL"
        rows = self.db.execute(
            f"SELECT {self._ITEM_COLUMNS}, {snip} AS snip FROM items i "
            f"JOIN entries e ON e.id = i.entry_id, {q} AS q WHERE i.n = ANY(?)",
            ([] if cjk else match[1]) + [ns]).fetchall()
        place = {n: k for k, n in enumerate(ns)}
        rows.sort(key=lambda r: place[r["n"]])
        return self._hits(rows, query, cjk)

    def _ranked(self, where: str, params: list[Any], match_params: list[Any], limit: int,
                offset: int, window: int) -> list[int]:
        """Relevance within blocks of `window` matches, the most recently stored block first."""
        rank = "ts_rank(i.fts, to_tsquery('simple', ?))" if "fts @@" in where else "0"
        out: list[int] = []
        while len(out) < limit:
            block, within = divmod(offset, window)
            bounds = self.db.execute(
                f"SELECT max(n), min(n), count(*) FROM (SELECT i.n FROM items i WHERE {where} "
                "ORDER BY i.n DESC LIMIT ? OFFSET ?) AS b", (*params, window, block * window)).fetchone()
            if not bounds or not bounds[2]:
                break
            top, bottom, size = bounds
            want = limit - len(out)
            out += [r[0] for r in self.db.execute(
                f"SELECT i.n FROM items i WHERE {where} AND i.n BETWEEN ? AND ? "
                f"ORDER BY {self._COURTESY_LAST}, {rank} DESC, i.n DESC LIMIT ? OFFSET ?",
                [*params, bottom, top, *(match_params if rank != "0" else []), want, within])]
            if size < window:
                break  # that was the last block
            offset = (block + 1) * window  # on to the next block
        return out

    def search_count(self, query: str) -> int:
        match = self._match(query)
        if not match:
            return 0
        where, params = match
        return int(self.db.execute(f"SELECT count(*) FROM items i WHERE {where}",
                                   params).fetchone()[0])

    def vocabulary_near(self, first: str) -> list[tuple[str, int]]:
        """Read from ts_stat once per store version (it reads every statement), then by letter."""
        version = self.data_version()
        if self._vocabulary is None or self._vocabulary[0] != version:
            by_letter: dict[str, list[tuple[str, int]]] = {}
            for word, ndoc in self.db.execute(
                    "SELECT word, ndoc FROM ts_stat('SELECT fts FROM items')"):
                if word:
                    by_letter.setdefault(word[0], []).append((word, ndoc))
            self._vocabulary = (version, by_letter)
        words = self._vocabulary[1].get(first[:1], [])
        return [(w, n) for w, n in words if w.startswith(first)]


def _filter_clause(since: date | None, until: date | None, ministries: list[str] | None,
                   speakers: list[str] | None) -> tuple[list[str], list[Any]] | None:
    """The conditions (over items i) that keep a search to a period, ministries and speakers
    (exact stored values; None: any), and their parameters; None when nothing can be kept."""
    where, params = date_conditions(since, until)
    names = name_conditions(ministries, speakers)
    if names is None:
        return None
    return [*where, *names[0]], [*params, *names[1]]


def _like(text: str) -> str:
    """`text` as a LIKE pattern's literal part."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
