"""The SQLite engine: one file, WAL journal, FTS5 full-text search (the default store).

Schema versioned by `PRAGMA user_version` with ordered migrations (`migrations/sqlite.py`). A
database written by a newer briefdash is refused rather than damaged.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any

from .. import cjk_text
from ..errors import StoreError
from ..models import QAItem
from .base import Store, date_conditions, fts_query, name_conditions
from .migrations.sqlite import MIGRATIONS, SCHEMA_VERSION, _split_sql
from .url import sqlite_path


class SqliteStore(Store):
    """A connection to a SQLite store."""

    def __init__(self, target: Path | str, *, readonly: bool = False):
        self.target = str(target)
        path = sqlite_path(target)
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(str(path), timeout=30.0, isolation_level=None,
                                      check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 30000")
            self.db.execute("PRAGMA foreign_keys = ON")
            if str(path) != ":memory:":
                self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._cjk_ready = False  # the Chinese index exists (after the migrations)
            self._migrate()
            self._cjk_ready = True
            self._sync_cjk_index_quietly()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the database ({exc}); "
                             "move the file aside to start a fresh one") from None

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer briefdash (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); upgrade briefdash or use another --data-dir")
        if 0 < version < SCHEMA_VERSION and self.db.execute(
                "SELECT EXISTS(SELECT 1 FROM items)").fetchone()[0]:
            print(f"briefdash: upgrading {self.path} (schema {version} → {SCHEMA_VERSION}; once, "
                  "a large library takes a minute)…", file=sys.stderr, flush=True)
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                step = MIGRATIONS[number]
                if callable(step):
                    step(self.db)
                    self.db.execute(f"PRAGMA user_version = {number + 1}")
                    continue
                for statement in _split_sql(step):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE, so writers queue instead of failing)."""
        if self.db.in_transaction:
            yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            if self._cjk_ready:  # statements written in this transaction: into the Chinese index
                self._flush_cjk_pending()
            self.db.execute("COMMIT")

    _CJK_COLUMNS = "question, answer, speaker, asker, ministry"

    def _sync_cjk_index(self) -> None:
        """Bring the Chinese index up to date when anything changed outside a transaction of
        this store (another SQLite client, a bare statement): at opening, before a search."""
        if self.db.execute("SELECT EXISTS(SELECT 1 FROM items_cjk_pending)").fetchone()[0]:
            with self.transaction():  # flushes on commit
                pass

    def _flush_cjk_pending(self) -> None:
        """The statements the triggers listed as changed leave the Chinese index with the
        values it held and go in again as they are now (only those holding CJK text)."""
        if not self.db.execute("SELECT EXISTS(SELECT 1 FROM items_cjk_pending)").fetchone()[0]:
            return
        cols = self._CJK_COLUMNS
        cur = self.db.execute(
            "SELECT p.n, p.question, p.answer, p.speaker, p.asker, p.ministry, i.n IS NOT NULL, "
            "i.question, i.answer, i.speaker, i.asker, i.ministry "
            "FROM items_cjk_pending p LEFT JOIN items i ON i.n = p.n")
        while batch := cur.fetchmany(2000):
            drop, add = [], []
            for r in map(tuple, batch):
                old, new = r[1:6], r[7:12]
                if any(cjk_text.has_cjk(v) for v in old):
                    drop.append((r[0], *map(cjk_text.index_text, old)))
                if r[6] and any(cjk_text.has_cjk(v) for v in new):
                    add.append((r[0], *map(cjk_text.index_text, new)))
            self.db.executemany(f"INSERT INTO items_fts_cjk(items_fts_cjk, rowid, {cols}) "
                                "VALUES('delete', ?, ?, ?, ?, ?, ?)", drop)
            self.db.executemany(f"INSERT INTO items_fts_cjk(rowid, {cols}) VALUES(?, ?, ?, ?, ?, ?)", add)
        self.db.execute("DELETE FROM items_cjk_pending")

    def close(self) -> None:
        self.db.close()

    def items_naming(self, terms: list[str]) -> list[tuple[str, int | None]]:
        """(item id, topic) of the substantive statements whose text holds any of `terms`."""
        if not terms:
            return []
        query = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT i.uid, i.topic_id FROM items_fts JOIN items i ON i.n = items_fts.rowid "
            "WHERE items_fts MATCH ? AND i.kind != 'procedural'", (query,))]

    def data_version(self) -> int:
        """SQLite's `PRAGMA data_version`: changes when another connection (another process, a
        worker) has committed since this connection last asked. A cheap "did anything change?"."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    @staticmethod
    def _fts_names(word_lists: list[list[str]]) -> str:
        """An FTS query for any of these names (word lists), plural forms too, in questions and
        answers (not in speaker, asker or ministry)."""
        parts = []
        for words in word_lists:
            if not words:
                continue
            head, last = " ".join(words[:-1]), words[-1]
            for form in dict.fromkeys((last, last + "s", last + "es")):
                parts.append('"' + (f"{head} {form}" if head else form) + '"')
        return "{question answer}: (" + " OR ".join(parts) + ")" if parts else ""

    def statements_naming(self, word_lists: list[list[str]]) -> set[int]:
        """Numbers of the statements (procedural ones too) the full-text index finds for any
        of the names."""
        query = self._fts_names(word_lists)
        if not query:
            return set()
        try:
            return {r[0] for r in self.db.execute(
                "SELECT rowid FROM items_fts WHERE items_fts MATCH ?", (query,))}
        except sqlite3.OperationalError:
            return set()

    def entries_naming(self, word_lists: list[list[str]], substrings: list[str],
                       after: int = 0) -> list[int]:
        """Briefings with a statement (numbered above `after`) that may name any of the names:
        Latin ones through the full-text index, Chinese ones (`substrings`) anywhere."""
        found: set[int] = set()
        query = self._fts_names(word_lists)
        if query:
            with suppress(sqlite3.OperationalError):
                found |= {r[0] for r in self.db.execute(
                    "SELECT DISTINCT i.entry_id FROM items_fts JOIN items i ON "
                    "i.n = items_fts.rowid WHERE items_fts MATCH ? AND i.n > ?", (query, after))}
        for text in substrings:
            found |= {r[0] for r in self.db.execute(
                "SELECT DISTINCT entry_id FROM items WHERE n > ? AND (instr(question, ?) > 0 "
                "OR instr(answer, ?) > 0)", (after, text, text))}
        return sorted(found)


    _SEARCH_SQL = ("SELECT i.*, e.link AS entry_link, e.title AS entry_title, e.key AS entry_key, "
                   "snippet(items_fts, -1, char(1), char(2), '…', 24) AS snip "
                   "FROM items_fts JOIN items i ON i.n = items_fts.rowid "
                   "JOIN entries e ON e.id = i.entry_id WHERE items_fts MATCH ? ")
    # the second index is contentless: cjk_text.snippet marks the hits in Python
    _SEARCH_SQL_CJK = ("SELECT i.*, e.link AS entry_link, e.title AS entry_title, e.key AS entry_key, "
                       "'' AS snip FROM items_fts_cjk JOIN items i ON i.n = items_fts_cjk.rowid "
                       "JOIN entries e ON e.id = i.entry_id WHERE items_fts_cjk MATCH ? ")

    def _search_index(self, query: str, limit: int, offset: int, order: str
                      ) -> tuple[str, str] | None:
        """`_search_target` for a search about to run: the order checked, None when nothing
        can be returned, the Chinese index brought up to date when it answers."""
        if order not in self.SEARCH_ORDERS:
            raise ValueError(f"order must be one of {self.SEARCH_ORDERS}, not {order!r}")
        target = self._search_target(query)
        if not target or limit <= 0 or offset < 0:
            return None
        if target[0] == "items_fts_cjk":
            self._sync_cjk_index_quietly()
        return target

    @staticmethod
    def _search_target(query: str) -> tuple[str, str] | None:
        """Which index answers `query`, and the FTS5 query: a query holding a CJK character
        goes to the second index (search inside Chinese words), any other to the first."""
        cjk = cjk_text.match_query(query)
        if cjk:
            return "items_fts_cjk", cjk
        fts = fts_query(query)
        return ("items_fts", fts) if fts else None

    # relevance puts one-line courtesy and procedural statements ("Yeah.", "Thank you.") after
    # the substantive ones: bm25 alone favours them for being short
    _COURTESY_LAST = "(i.kind = 'procedural' OR length(i.answer) < 40)"

    def search(self, query: str, limit: int = 200, *, offset: int = 0,
               order: str = "relevance") -> list[tuple[QAItem, str]]:
        """Full-text search; returns (item, snippet) with hits wrapped in \x01…\x02, the
        `limit` results after the first `offset`, so that a caller can page through them all.

        `order="date"`: newest first (the briefing's day, then the latest briefing of the
        day first, each in its own order). `order="relevance"` (bm25) ranks the matches in
        blocks of `SEARCH_WINDOW`, the most recently stored block first: a common word stays
        fast in a store of any size, and paging on reaches the older blocks.

        A query with Chinese (or Japanese) characters finds them inside words ("国安立法" in
        "涉港国安立法"), with any Latin words of the query as prefixes (`cjk_text`).
        """
        target = self._search_index(query, limit, offset, order)
        if target is None:
            return []
        table, fts = target
        try:
            if order == "date":
                rows = self._search_by_date(fts, limit, offset, table)
            else:
                rows = self._search_by_rank(fts, limit, offset, table)
        except sqlite3.OperationalError:
            return []
        return self._hits(rows, query, cjk=table != "items_fts")

    def _search_by_date(self, fts: str, limit: int, offset: int,
                        table: str = "items_fts") -> list[sqlite3.Row]:
        """Newest first: this page's statements, then their snippets. The second query reads
        the matches between the page's lowest and highest number only (asked for the page's
        numbers one by one, FTS5 would run the query again for each)."""
        ns = [r[0] for r in self.db.execute(
            f"SELECT i.n FROM {table} JOIN items i ON i.n = {table}.rowid "
            f"WHERE {table} MATCH ? ORDER BY i.date DESC, i.entry_id DESC, i.idx, i.n "
            "LIMIT ? OFFSET ?", (fts, limit, offset))]
        if not ns:
            return []
        rows = self.db.execute(
            self._search_sql(table) + f"AND {table}.rowid BETWEEN ? AND ? "
            f"AND +{table}.rowid IN (SELECT value FROM json_each(?))",
            (fts, min(ns), max(ns), json.dumps(ns))).fetchall()
        place = {n: k for k, n in enumerate(ns)}
        return sorted(rows, key=lambda r: place[r["n"]])

    def _sync_cjk_index_quietly(self) -> None:
        """Before a Chinese search: statements changed by another client go in first (unless
        the database cannot be written now: then the search reads the index as it is)."""
        with suppress(sqlite3.OperationalError):
            self._sync_cjk_index()

    def _search_sql(self, table: str) -> str:
        return self._SEARCH_SQL if table == "items_fts" else self._SEARCH_SQL_CJK

    def _search_by_rank(self, fts: str, limit: int, offset: int,
                        table: str = "items_fts") -> list[sqlite3.Row]:
        """Relevance order, block by block of `SEARCH_WINDOW` matches (newest stored first)."""
        window = self.SEARCH_WINDOW
        out: list[sqlite3.Row] = []
        while len(out) < limit:
            block, within = divmod(offset, window)
            top = self.db.execute(  # the newest match of this block, the oldest below
                f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC "
                "LIMIT 1 OFFSET ?", (fts, block * window)).fetchone()
            if top is None:
                break
            bottom = self.db.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC "
                "LIMIT 1 OFFSET ?", (fts, (block + 1) * window - 1)).fetchone()
            want = limit - len(out)
            rows = self.db.execute(
                self._search_sql(table) + f"AND {table}.rowid <= ? AND {table}.rowid >= ? "
                f"ORDER BY {self._COURTESY_LAST}, rank, {table}.rowid DESC LIMIT ? OFFSET ?",
                (fts, top[0], bottom[0] if bottom else 0, want, within)).fetchall()
            out += rows
            if bottom is None:
                break  # that was the last block
            offset = (block + 1) * window  # on to the next block
        return out

    def vocabulary_near(self, first: str) -> list[tuple[str, int]]:
        """The search index's words that begin with `first` (a lowercase letter), each with how
        many statements hold it: what "did you mean" picks from."""
        self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.items_vocab "
                        "USING fts5vocab(main, items_fts, 'row')")
        upper = first[:-1] + chr(ord(first[-1]) + 1)
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT term, doc FROM temp.items_vocab WHERE term >= ? AND term < ?",
            (first, upper))]

    def search_count(self, query: str) -> int:
        """How many statements `query` matches (what `search` pages through)."""
        target = self._search_target(query)
        if not target:
            return 0
        table, fts = target
        if table == "items_fts_cjk":
            self._sync_cjk_index_quietly()
        try:
            return self.db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?",
                                   (fts,)).fetchone()[0]
        except sqlite3.OperationalError:
            return 0

    # ---- searching with filters, in the query (topics/filters.py) ----
    def interrupt(self) -> None:
        self.db.interrupt()

    def _filtered_where(self, table: str, since: date | None, until: date | None,
                        ministries: list[str] | None, speakers: list[str] | None
                        ) -> tuple[str, list] | None:
        """The SQL that keeps a search's matches to a period, ministries and speakers (exact
        stored values; None: any), and its parameters; None when nothing can be kept. A period
        also bounds the index's rowids to the items stored for it, so that a rare period is
        read quickly however common the words."""
        where: list[str] = []
        params: list[Any] = []
        if since is not None or until is not None:
            dated, params = date_conditions(since, until, "date")
            days = ["date IS NOT NULL", *dated]
            lo, hi = self.db.execute(f"SELECT min(n), max(n) FROM items WHERE {' AND '.join(days)}",
                                     params).fetchone()
            if lo is None:
                return None
            where += [f"{table}.rowid >= ?", f"{table}.rowid <= ?",
                      *(f"i.{d}" for d in days)]
            params = [lo, hi, *params]
        names = name_conditions(ministries, speakers)
        if names is None:
            return None
        return " AND ".join([*where, *names[0]]), [*params, *names[1]]

    def search_filtered(self, query: str, *, since: date | None = None, until: date | None = None,
                        ministries: list[str] | None = None, speakers: list[str] | None = None,
                        limit: int = 200, offset: int = 0, order: str = "relevance"
                        ) -> list[tuple[QAItem, str]]:
        """`search` keeping only statements dated `since`–`until` (inclusive) whose ministry is
        one of `ministries` and speaker one of `speakers` (exact stored values; None: any): the
        filter is part of the query, so every kept match is found, not only those among the
        first matches (a period also bounds the index's rowids). Relevance ranks within blocks
        of `FILTERED_WINDOW` kept matches, the most recently stored first, as `search` does;
        `order="date"` is newest first."""
        target = self._search_index(query, limit, offset, order)
        if target is None:
            return []
        table, fts = target
        kept = self._filtered_where(table, since, until, ministries, speakers)
        if kept is None:
            return []
        where, params = kept
        try:
            if order == "date":
                rows = self._filtered_by_date(table, fts, where, params, limit, offset)
            else:
                rows = self._filtered_by_rank(table, fts, where, params, limit, offset)
        except sqlite3.OperationalError:
            return []
        return self._hits(rows, query, cjk=table != "items_fts")

    def _filtered_by_date(self, table: str, fts: str, where: str, params: list, limit: int,
                          offset: int) -> list[sqlite3.Row]:
        ns = [r[0] for r in self.db.execute(
            f"SELECT i.n FROM {table} JOIN items i ON i.n = {table}.rowid "
            f"WHERE {table} MATCH ? AND {where} ORDER BY i.date DESC, i.entry_id DESC, i.idx, i.n "
            "LIMIT ? OFFSET ?", (fts, *params, limit, offset))]
        if not ns:
            return []
        rows = self.db.execute(
            self._search_sql(table) + f"AND {table}.rowid BETWEEN ? AND ? "
            f"AND +{table}.rowid IN (SELECT value FROM json_each(?))",
            (fts, min(ns), max(ns), json.dumps(ns))).fetchall()
        place = {n: k for k, n in enumerate(ns)}
        return sorted(rows, key=lambda r: place[r["n"]])

    def _filtered_by_rank(self, table: str, fts: str, where: str, params: list, limit: int,
                          offset: int) -> list[sqlite3.Row]:
        """Relevance within blocks of `FILTERED_WINDOW` kept matches: a block's numbers are read
        once (newest stored first), then ranked among themselves."""
        window = self.FILTERED_WINDOW
        out: list[sqlite3.Row] = []
        while len(out) < limit:
            block, within = divmod(offset, window)
            ns = [r[0] for r in self.db.execute(
                f"SELECT {table}.rowid FROM {table} JOIN items i ON i.n = {table}.rowid "
                f"WHERE {table} MATCH ? AND {where} ORDER BY {table}.rowid DESC LIMIT ? OFFSET ?",
                (fts, *params, window, block * window))]
            if not ns:
                break
            ranked = [r[0] for r in self.db.execute(  # ranked first, snippets for the page only
                f"SELECT {table}.rowid FROM {table} JOIN items i ON i.n = {table}.rowid "
                f"WHERE {table} MATCH ? AND {table}.rowid BETWEEN ? AND ? "
                f"AND +{table}.rowid IN (SELECT value FROM json_each(?)) "
                f"ORDER BY {self._COURTESY_LAST}, rank, {table}.rowid DESC LIMIT ? OFFSET ?",
                (fts, ns[-1], ns[0], json.dumps(ns), limit - len(out), within))]
            if ranked:
                rows = self.db.execute(
                    self._search_sql(table) + f"AND {table}.rowid BETWEEN ? AND ? "
                    f"AND +{table}.rowid IN (SELECT value FROM json_each(?))",
                    (fts, min(ranked), max(ranked), json.dumps(ranked))).fetchall()
                place = {n: k for k, n in enumerate(ranked)}
                out += sorted(rows, key=lambda r: place[r["n"]])
            if len(ns) < window:
                break  # that was the last block
            offset = (block + 1) * window
        return out

    def search_filtered_count(self, query: str, *, since: date | None = None,
                              until: date | None = None, ministries: list[str] | None = None,
                              speakers: list[str] | None = None) -> int:
        """How many statements `search_filtered` pages through with the same filter."""
        target = self._search_target(query)
        if not target:
            return 0
        table, fts = target
        kept = self._filtered_where(table, since, until, ministries, speakers)
        if kept is None:
            return 0
        where, params = kept
        try:
            return self.db.execute(
                f"SELECT count(*) FROM {table} JOIN items i ON i.n = {table}.rowid "
                f"WHERE {table} MATCH ? AND {where}", (fts, *params)).fetchone()[0]
        except sqlite3.OperationalError:
            return 0
