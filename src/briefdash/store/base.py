"""The store: the single source of truth, and the only place that knows SQL.

`Store` is the interface every caller uses. `Store(target)` opens the engine the target names:
a path or `sqlite:///PATH` the embedded SQLite engine (`store.sqlite`, the default), a
`postgresql://…` address the PostgreSQL engine (`store.postgres`) a desk of analysts shares. The
SQL both engines speak alike lives here; each engine adds its connection, schema, transactions,
full-text search and change notices.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .. import cjk_text
from ..models import Entry, QAItem, Topic
from .url import redact


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def item_uid(entry_key: str, index: int) -> str:
    """A stable id for an item: survives re-fetches and regroups."""
    return hashlib.sha1(entry_key.encode("utf-8", "replace")).hexdigest()[:12] + f"-{index}"


def _d(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word a quoted prefix term."""

    words = re.findall(r"\w+", text, flags=re.UNICODE)
    return " ".join(f'"{w}"*' for w in words)


def date_conditions(since: date | None, until: date | None, column: str = "i.date"
                    ) -> tuple[list[str], list[str]]:
    """The conditions keeping `column` (an ISO date) within `since`–`until` (inclusive, either
    open), with their parameters."""
    where: list[str] = []
    params: list[str] = []
    if since is not None:
        where.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append(f"{column} <= ?")
        params.append(until.isoformat())
    return where, params


def name_conditions(ministries: list[str] | None, speakers: list[str] | None
                    ) -> tuple[list[str], list[str]] | None:
    """The conditions (over items i) keeping a search to these ministries and speakers (exact
    stored values; None: any) with their parameters; None when a list is empty (nothing kept)."""
    where: list[str] = []
    params: list[str] = []
    for column, values in (("ministry", ministries), ("speaker", speakers)):
        if values is None:
            continue
        if not values:
            return None
        where.append(f"i.{column} IN ({','.join('?' * len(values))})")
        params += values
    return where, params


# What a library is made of, table by table (the columns both engines hold), in an order that
# foreign keys allow: what `store copy` moves. Engines' own derived tables (full-text indexes,
# pending lists) are rebuilt by the destination.
LIBRARY_TABLES: dict[str, tuple[str, ...]] = {
    "feed_status": ("url", "name", "title", "etag", "last_modified", "last_fetch",
                    "last_success", "status", "error", "http_status", "retry_after", "new_last",
                    "result"),
    "entries": ("id", "key", "feed_url", "feed_title", "title", "link", "published", "author",
                "ministry", "style", "content", "content_hash", "summary_only", "first_seen",
                "updated_at"),
    "issues": ("id", "label", "user_label", "pinned", "watched", "declared"),
    "topics": ("id", "label", "user_label", "pinned", "watched", "created_at", "issue_id"),
    "items": ("n", "uid", "entry_id", "idx", "kind", "date", "ministry", "speaker", "asker",
              "question", "answer", "position", "follows", "notes", "source", "topic_id",
              "added_at"),
    "curation": ("id", "action", "data", "created_at", "who"),
    "pages": ("url", "etag", "last_modified", "fetched_at", "content"),
    "state": ("key", "value"),
    "g_df": ("term", "df", "kind"),
    "g_profile": ("topic_id", "term", "weight"),
    "g_topic": ("topic_id", "norm2", "last", "count"),
    "g_sdf": ("source", "term", "df"),
    "g_iprofile": ("issue_id", "term", "weight"),
    "edition_links": ("uid", "other", "score"),
    "storylines": ("name", "signature"),
    "storyline_items": ("storyline", "n", "named"),
    "storyline_cues": ("n",),
    "g_name_df": ("term", "n", "inside"),
}


class Store:
    """A connection to the briefdash store (the interface; `Store(target)` opens an engine)."""

    pushes_changes = False  # the engine tells listeners of commits (else: look now and then)
    analyst: str | None = None  # who curates through this connection (`[desk] name`)
    db: Any  # the engine's connection: `execute`/`executemany` with `?` placeholders
    target: str  # what was opened (a path or an address; may hold a password: never print it)
    # the engine's spelling of what SQL does not spell alike
    _AGG_DISTINCT = "group_concat(DISTINCT {})"  # comma-joined distinct values
    _GREATEST = "max"  # the larger of two values

    # set by the package: the engine class a target names (store/__init__.py)
    engine_for: Callable[[str | Path], type[Store]]

    def __new__(cls, target: str | Path = "", **kwargs: Any) -> Store:
        if cls is Store:
            cls = Store.engine_for(target)
        return super().__new__(cls)

    def reopen(self) -> Store:
        """Another connection to the same store (for a worker thread or a process)."""
        other = type(self)(self.target)
        other.analyst = self.analyst
        return other

    def describe(self) -> str:
        """The store as a message may name it (a password never appears)."""
        return redact(str(self.target))

    # ---- watches: the analyst's own on a shared store ----------------------------------------
    def _watched(self, kind: str, alias: str) -> str:
        """SQL: is the topic/issue row `alias` watched (1/0) by this analyst?"""
        return f"{alias}.watched"

    def _any_watch(self, kind: str, alias: str) -> str:
        """SQL: does anyone watch the topic/issue row `alias`?"""
        return f"{alias}.watched = 1"

    def set_watched(self, kind: str, ident: int, value: bool, analyst: str | None = None) -> None:
        """Watch (or stop watching) a topic or issue, as `analyst` (default: this one)."""
        table = "topics" if kind == "topic" else "issues"
        self.db.execute(f"UPDATE {table} SET watched=? WHERE id=?", (int(value), ident))

    def _hits(self, rows: list[Any], query: str, cjk: bool) -> list[tuple[QAItem, str]]:
        """Search result rows as (item, snippet): the engine's own snippet (column `snip`), or,
        for a search inside Chinese words, `cjk_text.snippet` marking the hits."""
        if not cjk:
            return [(self.row_to_item(r), r["snip"]) for r in rows]
        return [(self.row_to_item(r), cjk_text.snippet(
            [r["question"], r["answer"], r["speaker"], r["asker"], r["ministry"]], query))
            for r in rows]

    # ---- what each engine provides ---------------------------------------------------------
    # Relevance ranks the matches in blocks of SEARCH_WINDOW, the most recently stored first.
    SEARCH_WINDOW = 2000
    SEARCH_ORDERS = ("relevance", "date")

    def transaction(self) -> AbstractContextManager[Any]:
        """One write transaction; writers queue rather than fail. Nested calls join it."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    @property
    def schema_version(self) -> int:
        raise NotImplementedError

    def data_version(self) -> int:
        """Changes when another connection has committed since this one last asked."""
        raise NotImplementedError

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to `timeout` seconds for another connection's commit; True when one came.
        Only an engine that `pushes_changes` can (a reader of any other polls `data_version`)."""
        raise NotImplementedError

    def regrouping(self) -> AbstractContextManager[Any]:
        """Held across several transactions (a whole regroup) so that two never interleave."""
        return nullcontext()

    def search(self, query: str, limit: int = 200, *, offset: int = 0,
               order: str = "relevance") -> list[tuple[QAItem, str]]:
        """Full-text search: (item, snippet with hits wrapped in \x01…\x02), paged."""
        raise NotImplementedError

    def search_count(self, query: str) -> int:
        raise NotImplementedError

    def vocabulary_near(self, first: str) -> list[tuple[str, int]]:
        """The search index's words beginning with `first`, each with its statement count."""
        raise NotImplementedError

    def items_naming(self, terms: list[str]) -> list[tuple[str, int | None]]:
        """(item id, topic) of the substantive statements whose text holds any of `terms`."""
        raise NotImplementedError

    def statements_naming(self, word_lists: list[list[str]]) -> set[int]:
        """Numbers of the statements whose question or answer names any of these names (word
        lists; plural forms too)."""
        raise NotImplementedError

    def entries_naming(self, word_lists: list[list[str]], substrings: list[str],
                       after: int = 0) -> list[int]:
        """Briefings with a statement (numbered above `after`) that may name any of the names
        (Latin ones as words, Chinese ones, `substrings`, anywhere)."""
        raise NotImplementedError

    # ---- schema -------------------------------------------------------------------------
    # ---- the Chinese index (migration 7) ------------------------------------------------
    # ---- key/value state ----------------------------------------------------------------
    # what each analyst keeps for themself on a shared store: what they last saw, watch marks
    PERSONAL_STATE = ("tui_new_mark", "tui_watch_seen", "watch_seen", "tui_seen:")

    def _state_key(self, key: str) -> str:
        """`key` as stored: a personal key on a shared store is the analyst's own."""
        if self.pushes_changes and self.analyst and key.startswith(self.PERSONAL_STATE):
            return f"{key}@{self.analyst}"
        return key

    def get_state(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key=?",
                              (self._state_key(key),)).fetchone()
        return row[0] if row else default

    def set_state(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO state(key, value) VALUES(?,?) "
                        "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                        (self._state_key(key), value))

    # ---- feeds --------------------------------------------------------------------------
    def feed_status(self, url: str) -> Any:
        return self.db.execute("SELECT * FROM feed_status WHERE url=?", (url,)).fetchone()

    def all_feed_status(self) -> dict[str, Any]:
        return {r["url"]: r for r in self.db.execute("SELECT * FROM feed_status")}

    def record_feed_status(self, url: str, name: str, *, status: str, error: str | None = None,
                           http_status: int | None = None, etag: str | None = None,
                           last_modified: str | None = None, title: str | None = None,
                           retry_after: str | None = None, new: int = 0,
                           result: str | None = None) -> None:
        now = now_iso()
        old = self.feed_status(url)
        keep_validators = status in ("ok", "not_modified")
        self.db.execute(
            """INSERT INTO feed_status(url, name, title, etag, last_modified, last_fetch,
                   last_success, status, error, http_status, retry_after, new_last, result)
               VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)
               ON CONFLICT(url) DO UPDATE SET name=excluded.name,
                   title=coalesce(excluded.title, feed_status.title), etag=excluded.etag,
                   last_modified=excluded.last_modified, last_fetch=excluded.last_fetch,
                   last_success=coalesce(excluded.last_success, feed_status.last_success),
                   status=excluded.status, error=excluded.error,
                   http_status=excluded.http_status, retry_after=excluded.retry_after,
                   new_last=excluded.new_last, result=excluded.result""",
            (url, name, title,
             etag if keep_validators else (old["etag"] if old else None),
             last_modified if keep_validators else (old["last_modified"] if old else None),
             now, now if status != "error" else None, status, error, http_status,
             retry_after, new, result),
        )

    def known_links(self, links: list[str]) -> set[str]:
        """Those of `links` already stored as an entry's link (or key), from any source."""
        found: set[str] = set()
        for i in range(0, len(links), 400):
            chunk = links[i:i + 400]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(
                f"SELECT link FROM entries WHERE link IN ({marks}) "
                f"UNION SELECT key FROM entries WHERE key IN ({marks})", chunk + chunk))
        return found & set(links)

    # ---- entries and items --------------------------------------------------------------
    def _find_entry(self, entry: Entry) -> Any:
        row = self.db.execute("SELECT id, key, content_hash FROM entries WHERE key=?",
                              (entry.key,)).fetchone()
        if row is None and entry.link:
            row = self.db.execute(
                "SELECT id, key, content_hash FROM entries WHERE link=? AND feed_url=?",
                (entry.link, entry.feed_url)).fetchone()
        if row is None and entry.content:
            row = self.db.execute(
                "SELECT id, key, content_hash FROM entries WHERE content_hash=?",
                (entry.content_hash,)).fetchone()
        return row

    def entry_state(self, entry: Entry) -> str:
        """"new", "updated" or "unchanged" — what `save_entry` would do with this entry."""
        row = self._find_entry(entry)
        if row is None:
            return "new"
        return "unchanged" if row["content_hash"] == entry.content_hash else "updated"

    def save_entry(self, entry: Entry, items: list[QAItem]) -> str:
        """Insert or replace one entry with its items; returns new/updated/unchanged.

        Items keep their topic when an updated entry keeps the same item ids.
        Call inside `transaction()` to make a whole feed one transaction.
        """
        row = self._find_entry(entry)
        if row is not None and row["content_hash"] == entry.content_hash:
            return "unchanged"
        now = now_iso()
        published = entry.published.isoformat() if entry.published else None
        with self.transaction():
            # again, inside: another writer (a second `fetch`) may have stored it meanwhile
            row = self._find_entry(entry)
            if row is not None and row["content_hash"] == entry.content_hash:
                return "unchanged"
            old_topics: dict[str, int] = {}
            if row is not None:
                key = row["key"]  # identity stays that of the first sighting
                old_topics = {r[0]: r[1] for r in self.db.execute(
                    "SELECT uid, topic_id FROM items WHERE entry_id=? AND topic_id IS NOT NULL",
                    (row["id"],))}
                self.db.execute("DELETE FROM items WHERE entry_id=?", (row["id"],))
                self.db.execute(
                    """UPDATE entries SET feed_url=?, feed_title=?, title=?, link=?, published=?,
                       author=?, ministry=?, style=?, content=?, content_hash=?, summary_only=?,
                       updated_at=? WHERE id=?""",
                    (entry.feed_url, entry.feed_title, entry.title, entry.link, published,
                     entry.author, entry.ministry, entry.style, entry.content,
                     entry.content_hash, int(entry.summary_only), now, row["id"]))
                entry_id = row["id"]
                result = "updated"
            else:
                key = entry.key
                cur = self.db.execute(
                    """INSERT INTO entries(key, feed_url, feed_title, title, link, published,
                       author, ministry, style, content, content_hash, summary_only,
                       first_seen, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id""",
                    (entry.key, entry.feed_url, entry.feed_title, entry.title, entry.link,
                     published, entry.author, entry.ministry, entry.style, entry.content,
                     entry.content_hash, int(entry.summary_only), now, now))
                entry_id = cur.fetchone()[0]
                result = "new"
            self.db.executemany(
                """INSERT INTO items(uid, entry_id, idx, kind, date, ministry, speaker, asker,
                   question, answer, position, follows, notes, source, topic_id, added_at)
                   VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                [(uid, entry_id, it.index, it.kind,
                  it.date.isoformat() if it.date else (published[:10] if published else None),
                  it.ministry or entry.ministry, it.speaker, it.asker, it.question, it.answer,
                  it.position, it.follows, json.dumps(it.notes) if it.notes else None,
                  it.source, old_topics.get(uid), now)
                 for it in items for uid in [item_uid(key, it.index)]])
        return result

    def entry_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM entries").fetchone()[0]

    def item_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM items").fetchone()[0]

    def entries(self) -> Iterator[Any]:
        return self.db.execute("SELECT * FROM entries ORDER BY published, id")

    # ---- reading items ------------------------------------------------------------------
    _ITEM_SQL = """SELECT i.*, e.link AS entry_link, e.title AS entry_title, e.key AS entry_key,
                   e.published AS entry_published
                   FROM items i JOIN entries e ON e.id = i.entry_id"""

    @staticmethod
    def row_to_item(r: Any) -> QAItem:
        return QAItem(
            index=r["idx"], kind=r["kind"], question=r["question"], answer=r["answer"],
            date=_d(r["date"]), ministry=r["ministry"], speaker=r["speaker"], asker=r["asker"],
            position=r["position"], follows=r["follows"],
            notes=json.loads(r["notes"]) if r["notes"] else [], source=r["source"],
            id=r["uid"], entry_key=r["entry_key"], entry_link=r["entry_link"],
            entry_title=r["entry_title"], topic_id=r["topic_id"])

    def items_in_order(self, where: str = "", params: tuple = ()) -> list[QAItem]:
        """Items in briefing order (date, entry, index), optionally filtered."""
        sql = self._ITEM_SQL + (f" WHERE {where}" if where else "") + \
            " ORDER BY i.date, e.published, e.id, i.idx"
        return [self.row_to_item(r) for r in self.db.execute(sql, params)]

    def item(self, uid: str) -> QAItem | None:
        r = self.db.execute(self._ITEM_SQL + " WHERE i.uid=?", (uid,)).fetchone()
        return self.row_to_item(r) if r else None

    def topic_items(self, topic_id: int, latest: int | None = None) -> list[QAItem]:
        """A topic's items in briefing order; with `latest`, only the most recent ones."""
        if latest is None:
            return self.items_in_order("i.topic_id = ?", (topic_id,))
        # newest dates straight from the (topic_id, date) index, then briefing order in Python
        sql = self._ITEM_SQL + " WHERE i.topic_id = ? ORDER BY i.date DESC LIMIT ?"
        rows = sorted(self.db.execute(sql, (topic_id, latest)),
                      key=lambda r: (r["date"] or "", r["entry_published"] or "", r["entry_id"], r["idx"]))
        return [self.row_to_item(r) for r in rows]

    def unassigned_items(self, everything: bool = False) -> list[QAItem]:
        """Items without a topic that grouping should place: procedural items never are.

        `everything=True` lists them all, procedural ones included (what `topics --json` shows
        as "unassigned")."""
        if everything:
            return self.items_in_order("i.topic_id IS NULL")
        return self.items_in_order("i.topic_id IS NULL AND i.kind != 'procedural'")

    # ---- topics -------------------------------------------------------------------------
    def _next_id(self, table: str, given: int | None) -> int:
        """A new id for `table` never handed out before, so that a recorded decision about a
        topic (or issue) that was merged away never lands on a newer one."""
        new = given if given is not None else self._highest_id(table) + 1
        self.db.execute("INSERT INTO state(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE "
                        f"SET value=CAST({self._GREATEST}(CAST(state.value AS INTEGER), "
                        "CAST(excluded.value AS INTEGER)) AS TEXT)", (f"seq:{table}", str(new)))
        return new

    def _highest_id(self, table: str) -> int:
        """The highest id of `table` ever handed out (ids of deleted rows are never reused)."""
        top = self.db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        return max(top, int(self.get_state(f"seq:{table}") or 0))

    def highest_topic_id(self) -> int:
        """The highest topic id ever handed out (ids of deleted topics are never reused)."""
        return self._highest_id("topics")

    def create_topic(self, label: str = "", topic_id: int | None = None) -> int:
        tid = self._next_id("topics", topic_id)
        self.db.execute("INSERT INTO topics(id, label, created_at) VALUES(?,?,?)",
                        (tid, label, now_iso()))
        return tid

    def assign(self, pairs: Iterable[tuple[str, int]]) -> None:
        self.db.executemany("UPDATE items SET topic_id=? WHERE uid=? AND kind != 'procedural'",
                            [(t, u) for u, t in pairs])

    def set_topic_flags(self, topic_id: int, *, pinned: bool | None = None,
                        watched: bool | None = None, user_label: str | None = None) -> None:
        if pinned is not None:
            self.db.execute("UPDATE topics SET pinned=? WHERE id=?", (int(pinned), topic_id))
        if watched is not None:
            self.set_watched("topic", topic_id, watched)
        if user_label is not None:
            self.db.execute("UPDATE topics SET user_label=? WHERE id=?",
                            (user_label or None, topic_id))

    def delete_empty_topics(self) -> int:
        cur = self.db.execute(
            f"DELETE FROM topics WHERE pinned=0 AND NOT {self._any_watch('topic', 'topics')} "
            "AND user_label IS NULL AND "
            "NOT EXISTS (SELECT 1 FROM items WHERE topic_id = topics.id)")
        return cur.rowcount

    def topic_exists(self, topic_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM topics WHERE id=?", (topic_id,)).fetchone() is not None

    _TOPIC_SQL = """SELECT t.id, coalesce(t.user_label, t.label) AS label, t.pinned,
                      {{watched}} AS watched,
                      count(i.n) AS count, min(i.date) AS first_seen, max(i.date) AS last_seen,
                      {{ministries}} AS ministries, t.issue_id,
                      (SELECT coalesce(s.user_label, s.label) FROM issues s WHERE s.id = t.issue_id)
                        AS issue_label
                    FROM topics t {join} items i ON i.topic_id = t.id {where} GROUP BY t.id {order}"""

    def _topics(self, sql: str, params=()) -> list[Topic]:
        return [Topic(id=r["id"], label=r["label"], count=r["count"],
                      first_seen=_d(r["first_seen"]), last_seen=_d(r["last_seen"]),
                      pinned=bool(r["pinned"]), watched=bool(r["watched"]),
                      ministries=sorted(r["ministries"].split(",")) if r["ministries"] else [],
                      issue_id=r["issue_id"], issue_label=r["issue_label"] or "")
                for r in self.db.execute(sql.replace(
                    "{ministries}", self._AGG_DISTINCT.format("i.ministry")).replace(
                    "{watched}", self._watched("topic", "t")), params)]

    # ---- issues: topics rolled up ------------------------------------------------------------
    def create_issue(self, label: str = "", issue_id: int | None = None) -> int:
        iid = self._next_id("issues", issue_id)
        self.db.execute("INSERT INTO issues(id, label) VALUES(?, ?)", (iid, label))
        return iid

    def topic_issue(self, topic_id: int) -> int | None:
        """The issue a topic is in (None when it has none, or there is no such topic)."""
        row = self.db.execute("SELECT issue_id FROM topics WHERE id=?", (topic_id,)).fetchone()
        return row[0] if row else None

    def topic_issue_ids(self) -> dict[int, int | None]:
        """Every topic's issue (None where it has none yet)."""
        return {r[0]: r[1] for r in self.db.execute("SELECT id, issue_id FROM topics")}

    def topics_without_issue(self, ids: list[int]) -> list[int]:
        return [r[0] for r in self._in_chunks(
            "SELECT id FROM topics WHERE issue_id IS NULL AND id IN ({marks})", ids)]

    def set_topic_issues(self, pairs: Iterable[tuple[int, int]]) -> None:
        self.db.executemany("UPDATE topics SET issue_id=? WHERE id=?", [(i, t) for t, i in pairs])

    def topic_top_terms(self, n: int = 8) -> dict[int, list[str]]:
        """Per topic, the `n` heaviest key terms of its grouping profile, heaviest first."""
        out: dict[int, list[str]] = {}
        for tid, term in self.db.execute(
                "SELECT topic_id, term FROM (SELECT topic_id, term, weight, row_number() OVER "
                "(PARTITION BY topic_id ORDER BY weight DESC, term) AS rk FROM g_profile) AS ranked "
                "WHERE rk <= ? ORDER BY topic_id, rk", (n,)):
            out.setdefault(tid, []).append(term)
        return out

    def issue_profiles(self, ids: list[int]) -> dict[int, dict[str, float]]:
        out: dict[int, dict[str, float]] = {}
        for iid, term, w in self._in_chunks(
                "SELECT issue_id, term, weight FROM g_iprofile WHERE issue_id IN ({marks})", ids):
            out.setdefault(iid, {})[term] = w
        return out

    def issue_postings(self, terms: list[str], limit: int = 4000) -> dict[str, dict[int, float]]:
        """For each of `terms`: issue → the term's weight in its profile (at most `limit`
        issues a term, the lowest ids)."""
        out: dict[str, dict[int, float]] = {t: {} for t in terms}
        for term, iid, w in self._in_chunks(
                "SELECT term, issue_id, weight FROM g_iprofile WHERE term IN ({marks}) "
                "ORDER BY term, issue_id", terms):
            if len(out[term]) < limit:
                out[term][iid] = w
        return out

    def save_issue_profiles(self, profiles: dict[int, dict[str, float]]) -> None:
        self.db.executemany("DELETE FROM g_iprofile WHERE issue_id=?", [(i,) for i in profiles])
        self._insert_issue_profiles(profiles)

    def replace_issue_profiles(self, profiles: dict[int, dict[str, float]]) -> None:
        self.db.execute("DELETE FROM g_iprofile")
        self._insert_issue_profiles(profiles)

    def _insert_issue_profiles(self, profiles: dict[int, dict[str, float]]) -> None:
        self.db.executemany("INSERT INTO g_iprofile(issue_id, term, weight) VALUES(?,?,?)",
                            [(iid, t, w) for iid, prof in profiles.items() for t, w in prof.items()])

    # ---- editions of one conference, canonical names --------------------------------------
    def distinct_names(self, column: str, since: int = 0) -> list[str]:
        """Every distinct speaker (`column="speaker"`) or ministry (`"ministry"`) of the items
        numbered above `since` (all of them by default)."""
        if column not in ("speaker", "ministry"):
            raise ValueError(column)
        return [r[0] for r in self.db.execute(
            f"SELECT DISTINCT {column} FROM items WHERE n > ? AND {column} IS NOT NULL", (since,))]

    def rename_names(self, column: str, mapping: dict[str, str]) -> int:
        """Every item's speaker (or ministry) `old` becomes `new`; returns the items changed."""
        if column not in ("speaker", "ministry"):
            raise ValueError(column)
        n = 0
        for old, new in mapping.items():
            n += self.db.execute(f"UPDATE items SET {column}=? WHERE {column}=?", (new, old)).rowcount
            if column == "ministry":
                self.db.execute("UPDATE entries SET ministry=? WHERE ministry=?", (new, old))
        return n

    def conferences_since(self, number: int) -> list[tuple[str, str]]:
        """(ministry, day) of every day on which a ministry published more than one briefing
        (two editions, say) and which holds an item numbered above `number`."""
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT i.ministry, i.date FROM items i JOIN (SELECT DISTINCT ministry, date FROM items "
            "WHERE n > ? AND ministry IS NOT NULL AND date IS NOT NULL) t "
            "ON i.ministry = t.ministry AND i.date = t.date "
            "GROUP BY i.ministry, i.date HAVING count(DISTINCT i.entry_id) > 1", (number,))]

    def conference_items(self, ministry: str, day: str) -> list[QAItem]:
        """Every item one ministry published for one day, briefing by briefing, in order."""
        return self.items_in_order("i.ministry = ? AND i.date = ?", (ministry, day))

    def replace_edition_links(self, uids: Iterable[str], links: Iterable[tuple[str, str, float]]) -> None:
        """Forget the counterparts of `uids`, then store `links` (a, b, score) both ways."""
        self.db.executemany("DELETE FROM edition_links WHERE uid=? OR other=?",
                            [(u, u) for u in uids])
        self.db.executemany("INSERT INTO edition_links(uid, other, score) VALUES(?,?,?) ON CONFLICT(uid) "
                            "DO UPDATE SET other=excluded.other, score=excluded.score",
                            [row for a, b, s in links for row in ((a, b, s), (b, a, s))])

    def clear_edition_links(self) -> None:
        self.db.execute("DELETE FROM edition_links")

    def counterparts(self, uids: list[str]) -> dict[str, QAItem]:
        """Each of `uids` that has one → its counterpart in the other edition of its briefing."""
        pairs = dict(self._in_chunks("SELECT uid, other FROM edition_links WHERE uid IN ({marks})",
                                     list(uids)))
        if not pairs:
            return {}
        found = {}
        for r in self._in_chunks(self._ITEM_SQL + " WHERE i.uid IN ({marks})", list(set(pairs.values()))):
            it = self.row_to_item(r)
            found[it.id] = it
        return {u: found[o] for u, o in pairs.items() if o in found}

    def counterpart(self, uid: str) -> QAItem | None:
        return self.counterparts([uid]).get(uid)

    def edition_link_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM edition_links").fetchone()[0]

    def person_names(self) -> list[str]:
        """Every official's and reporter's name as stored (speakers and askers)."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT speaker FROM items WHERE speaker IS NOT NULL UNION "
            "SELECT DISTINCT asker FROM items WHERE asker IS NOT NULL")]

    def sync_declared_issues(self, names: list[str]) -> dict[str, int]:
        """The issue of each declared name (created when new); issues no longer declared
        become ordinary ones."""
        have = {r[0]: r[1] for r in self.db.execute(
            "SELECT declared, id FROM issues WHERE declared IS NOT NULL")}
        for name, iid in have.items():
            if name not in names:
                self.db.execute("UPDATE issues SET declared=NULL WHERE id=?", (iid,))
        out = {}
        for name in names:
            iid = have.get(name)
            if iid is None:
                iid = self.create_issue(name)
                self.db.execute("UPDATE issues SET declared=? WHERE id=?", (name, iid))
            else:
                self.db.execute("UPDATE issues SET label=? WHERE id=?", (name, iid))
            out[name] = iid
        return out

    def issues(self) -> list[dict]:
        """Every issue holding topics: id, label, counts, span, flags, its topics' ids."""
        rows = self.db.execute(  # each topic's statements counted once, from the covering index
            "SELECT s.id, coalesce(s.user_label, s.label) AS label, s.pinned, "
            f"{self._watched('issue', 's')} AS watched, "
            "s.declared, t.id AS topic_id, a.n, a.first, a.last "
            "FROM issues s JOIN topics t ON t.issue_id = s.id JOIN (SELECT topic_id, count(*) AS n, "
            "min(date) AS first, max(date) AS last FROM items WHERE topic_id IS NOT NULL "
            "GROUP BY topic_id) AS a ON a.topic_id = t.id ORDER BY s.id, t.id")
        out: dict[int, dict] = {}
        for r in rows:
            d = out.setdefault(r["id"], {
                "id": r["id"], "label": r["label"], "pinned": bool(r["pinned"]),
                "watched": bool(r["watched"]), "declared": r["declared"] is not None,
                "count": 0, "first_seen": None, "last_seen": None, "topics": []})
            d["count"] += r["n"]
            d["topics"].append(r["topic_id"])
            d["first_seen"] = min(filter(None, [d["first_seen"], r["first"]]), default=None)
            d["last_seen"] = max(filter(None, [d["last_seen"], r["last"]]), default=None)
        return sorted(out.values(), key=lambda d: (not d["pinned"], -(d["count"]), d["id"]))

    def issue_latest_items(self, issue_id: int, latest: int) -> list[QAItem]:
        """The latest `latest` statements of all the topics of an issue."""
        sql = (self._ITEM_SQL + " WHERE i.topic_id IN (SELECT id FROM topics WHERE issue_id = ?)"
               " ORDER BY i.date DESC LIMIT ?")
        return [self.row_to_item(r) for r in self.db.execute(sql, (issue_id, latest))]

    def topic_labels(self, ids: list[int]) -> dict[int, str]:
        """Each topic's label as shown (the user's own where they gave one)."""
        return {r[0]: r[1] for r in self._in_chunks(
            "SELECT id, coalesce(user_label, label) FROM topics WHERE id IN ({marks})", ids)}

    def issue_topic_ids(self, issue_id: int) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM topics WHERE issue_id=?", (issue_id,))]

    # ---- issues: what the roll-up weighs besides profiles (topics/issues.py) ---------------
    def topic_sources(self, topic_ids: list[int]) -> list[tuple[int, str, int, str, str]]:
        """(topic, ministry, statements, first date, last date) per ministry of each topic."""
        return list(self._in_chunks(
            "SELECT topic_id, coalesce(ministry, ''), count(*), min(date), max(date) FROM items "
            "WHERE topic_id IN ({marks}) GROUP BY topic_id, ministry", topic_ids))

    def all_topic_sources(self) -> list[tuple[int, str, int, str, str]]:
        """`topic_sources` of every topic."""
        return list(self.db.execute(
            "SELECT topic_id, coalesce(ministry, ''), count(*), min(date), max(date) FROM items "
            "WHERE topic_id IS NOT NULL GROUP BY topic_id, ministry"))

    def issue_sources(self, issue_ids: list[int]) -> list[tuple[int, str, int, str, str]]:
        """(issue, ministry, statements, first date, last date) per ministry of each issue."""
        return list(self._in_chunks(
            "SELECT t.issue_id, coalesce(i.ministry, ''), count(*), min(i.date), max(i.date) "
            "FROM topics t JOIN items i ON i.topic_id = t.id WHERE t.issue_id IN ({marks}) "
            "GROUP BY t.issue_id, i.ministry", issue_ids))

    def issue_key_counts(self, issue_ids: list[int], terms: list[str],
                         min_weight: float) -> list[tuple[int, str, int]]:
        """(issue, term, statements of its topics where the term weighs at least `min_weight`
        in the unit-length profile) for `terms` in `issue_ids`."""
        if not issue_ids or not terms:
            return []
        sql = ("SELECT t.issue_id, p.term, sum(g.count) FROM g_profile p "
               "JOIN g_topic g ON g.topic_id = p.topic_id JOIN topics t ON t.id = p.topic_id "
               f"WHERE p.term IN ({','.join('?' * len(terms))}) "
               f"AND t.issue_id IN ({','.join('?' * len(issue_ids))}) "
               "AND p.weight * p.weight >= ? * g.norm2 GROUP BY t.issue_id, p.term")
        return list(self.db.execute(sql, [*terms, *issue_ids, min_weight * min_weight]))

    def issue_heavy_terms(self, issue_id: int, min_weight: float) -> list[tuple[str, int]]:
        """(term, statements of the issue's topics where it weighs at least `min_weight` in
        the unit-length profile), for every such term."""
        return list(self.db.execute(
            "SELECT p.term, sum(g.count) FROM g_profile p "
            "JOIN g_topic g ON g.topic_id = p.topic_id JOIN topics t ON t.id = p.topic_id "
            "WHERE t.issue_id = ? AND p.weight * p.weight >= ? * g.norm2 GROUP BY p.term",
            (issue_id, min_weight * min_weight)))

    def topic_sizes(self, topic_ids: list[int]) -> list[tuple[int, int]]:
        """(topic, statements as grouping counts them) for `topic_ids`."""
        return list(self._in_chunks(
            "SELECT topic_id, count FROM g_topic WHERE topic_id IN ({marks})", topic_ids))

    def issue_size(self, issue_id: int) -> int:
        """Statements in the issue's topics (as grouping counts them)."""
        row = self.db.execute("SELECT sum(g.count) FROM g_topic g JOIN topics t ON "
                              "t.id = g.topic_id WHERE t.issue_id = ?", (issue_id,)).fetchone()
        return int(row[0] or 0)

    def issue_exists(self, issue_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM issues WHERE id=?", (issue_id,)).fetchone() is not None

    def set_issue_flags(self, issue_id: int, *, pinned: bool | None = None,
                        watched: bool | None = None, user_label: str | None = None) -> None:
        if watched is not None:
            self.set_watched("issue", issue_id, watched)
        for col, value in (("pinned", pinned), ("user_label", user_label)):
            if value is not None:
                self.db.execute(f"UPDATE issues SET {col}=? WHERE id=?",
                                (int(value) if isinstance(value, bool) else value, issue_id))

    def entry_titles(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT title FROM entries")]

    def set_issue_labels(self, rows: Iterable[tuple[str, int]]) -> None:
        self.db.executemany("UPDATE issues SET label=? WHERE id=? AND declared IS NULL", rows)

    def delete_empty_issues(self) -> int:
        cur = self.db.execute("DELETE FROM issues WHERE declared IS NULL AND id NOT IN "
                              "(SELECT issue_id FROM topics WHERE issue_id IS NOT NULL)")
        self.db.execute("DELETE FROM g_iprofile WHERE issue_id NOT IN (SELECT id FROM issues)")
        return cur.rowcount

    def topics(self) -> list[Topic]:
        """All topics holding items, with counts, span and ministries; pinned first, then latest.
        Each topic's statements are counted once, from the covering index (topic, date, ministry)."""
        return self._topics(
            "SELECT t.id, coalesce(t.user_label, t.label) AS label, t.pinned, {watched} AS watched, "
            "a.count, a.first_seen, a.last_seen, a.ministries, t.issue_id, "
            "(SELECT coalesce(s.user_label, s.label) FROM issues s WHERE s.id = t.issue_id) "
            "AS issue_label FROM topics t JOIN (SELECT topic_id, count(*) AS count, "
            "min(date) AS first_seen, max(date) AS last_seen, {ministries} AS ministries "
            "FROM items i WHERE topic_id IS NOT NULL GROUP BY topic_id) AS a ON a.topic_id = t.id "
            "ORDER BY t.pinned DESC, a.last_seen IS NULL, a.last_seen DESC, a.count DESC, t.id")

    def topic(self, topic_id: int) -> Topic | None:
        found = self.topics_by_ids([topic_id])
        return found[0] if found else None

    def topics_by_ids(self, ids: list[int]) -> list[Topic]:
        """These topics (empty ones too)."""
        if not ids:
            return []
        where = f"WHERE t.id IN ({','.join('?' * len(ids))})"
        return self._topics(self._TOPIC_SQL.format(join="LEFT JOIN", where=where, order=""), ids)

    # ---- for the dashboard (additive, read-only) ------------------------------------------
    def latest_item_date(self) -> date | None:
        """The newest item date in the library (one index lookup)."""
        return _d(self.db.execute("SELECT max(date) FROM items").fetchone()[0])

    def topic_activity(self, since: date) -> dict[int, list[tuple[date, int]]]:
        """Per topic, (date, statements that day) for items dated on or after `since`."""
        out: dict[int, list[tuple[date, int]]] = {}
        for tid, day, n in self.db.execute(
                "SELECT topic_id, date, count(*) FROM items WHERE date >= ? "
                "AND topic_id IS NOT NULL GROUP BY topic_id, date", (since.isoformat(),)):
            d = _d(day)
            if d is not None:
                out.setdefault(tid, []).append((d, n))
        return out

    def max_item_number(self) -> int:
        """Items are numbered as they are stored; the highest number so far (0 when empty)."""
        return self.db.execute("SELECT coalesce(max(n), 0) FROM items").fetchone()[0]

    def items_dated(self, since: date | None = None, until: date | None = None,
                    limit: int = 5000) -> list[QAItem]:
        """Statements dated within `since`–`until` (inclusive, either open), newest first: what
        a search of filters only (no words) lists."""
        where, params = date_conditions(since, until)
        sql = (self._ITEM_SQL + " WHERE " + " AND ".join(["i.date IS NOT NULL", *where])
               + " ORDER BY i.date DESC, e.published DESC, e.id DESC, i.idx LIMIT ?")
        return [self.row_to_item(r) for r in self.db.execute(sql, (*params, limit))]

    def feed_ministries(self) -> dict[str, set[str]]:
        """Each feed's address → the ministries its statements name (for short names per feed)."""
        out: dict[str, set[str]] = {}
        for url, ministry in self.db.execute(
                "SELECT DISTINCT e.feed_url, i.ministry FROM entries e JOIN items i ON i.entry_id = e.id "
                "WHERE i.ministry IS NOT NULL"):
            out.setdefault(url or "", set()).add(ministry)
        return out

    def items_after(self, topic_ids: list[int], number: int, limit: int = 500) -> list[QAItem]:
        """The statements of these topics stored after item number `number`, newest first."""
        if not topic_ids:
            return []
        marks = ",".join("?" * len(topic_ids))
        sql = (self._ITEM_SQL + f" WHERE i.topic_id IN ({marks}) AND i.n > ? "
               "ORDER BY i.date DESC, i.n DESC LIMIT ?")
        return [self.row_to_item(r) for r in self.db.execute(sql, (*topic_ids, number, limit))]

    def change_signature(self) -> tuple[int, ...]:
        """What a reader compares to see that the library changed under it: the highest item
        number, the items, those still without a topic (an ingest groups them after storing
        them), the topics, the highest topic id and the latest curation (another analyst's
        rename on a shared store). Index lookups only."""
        row = self.db.execute(
            "SELECT (SELECT coalesce(max(n), 0) FROM items), (SELECT count(*) FROM items), "
            "(SELECT count(*) FROM items WHERE topic_id IS NULL), (SELECT count(*) FROM topics), "
            "(SELECT coalesce(max(id), 0) FROM topics), "
            "(SELECT coalesce(max(id), 0) FROM curation)").fetchone()
        return tuple(row)

    def item_ids_since(self, number: int) -> set[str]:
        """Ids of the items stored after item number `number`."""
        return {r[0] for r in self.db.execute("SELECT uid FROM items WHERE n > ?", (number,))}

    # ---- grouping state: term statistics and topic profiles (topics/grouping.State) ---------
    def _in_chunks(self, sql: str, keys: list, prefix: tuple = ()) -> Iterator[tuple]:
        """Rows of `sql` (with one `{marks}` for an IN list) for `keys`, 500 at a time."""
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            yield from self.db.execute(sql.format(marks=",".join("?" * len(chunk))),
                                       [*prefix, *chunk])

    def grouping_doc_counts(self) -> tuple[int, dict[str, int]]:
        """How many items the grouping has seen: in all, and per source."""
        row = self.db.execute("SELECT value FROM state WHERE key='g_docs'").fetchone()
        per_source = {key[len("g_docs:"):]: int(value) for key, value in self.db.execute(
            "SELECT key, value FROM state WHERE key LIKE 'g_docs:%'")}
        return (int(row[0]) if row else 0), per_source

    def term_doc_frequencies(self, terms: list[str]) -> list[tuple[str, int, int]]:
        """(term, items holding it, kind) for the stored ones among `terms`."""
        return list(self._in_chunks("SELECT term, df, kind FROM g_df WHERE term IN ({marks})",
                                    terms))

    def term_name_counts(self, terms: list[str]) -> list[tuple[str, int, int]]:
        """(term, items writing it as a name on its own, items holding it inside a longer
        name) for the stored ones among `terms`."""
        return list(self._in_chunks(
            "SELECT term, n, inside FROM g_name_df WHERE term IN ({marks})", terms))

    def add_term_name_counts(self, rows: Iterable[tuple[str, int, int]]) -> None:
        """Add (term, more items naming it, more holding it inside a name) to the counts."""
        self.db.executemany("INSERT INTO g_name_df(term, n, inside) VALUES(?,?,?) "
                            "ON CONFLICT(term) DO UPDATE SET n = g_name_df.n + excluded.n, "
                            "inside = g_name_df.inside + excluded.inside", rows)

    def replace_term_name_counts(self, rows: Iterable[tuple[str, int, int]]) -> None:
        self.db.execute("DELETE FROM g_name_df")
        self.db.executemany("INSERT INTO g_name_df(term, n, inside) VALUES(?,?,?)", rows)

    def source_term_doc_frequencies(self, source: str, terms: list[str]) -> list[tuple[str, int]]:
        """(term, items of `source` holding it) for the stored ones among `terms`."""
        return list(self._in_chunks(
            "SELECT term, df FROM g_sdf WHERE source=? AND term IN ({marks})", terms, (source,)))

    def topic_profile_stats(self, topic_ids: list[int]) -> list[tuple[int, float, int, int]]:
        """(topic, squared profile norm, last date ordinal, members) for the stored ones."""
        return list(self._in_chunks(
            "SELECT topic_id, norm2, last, count FROM g_topic WHERE topic_id IN ({marks})",
            topic_ids))

    def topic_profile(self, topic_id: int) -> tuple[dict[str, float], tuple[float, int, int] | None]:
        """A topic's grouping profile (term → weight) and its (norm², last, count), if stored."""
        prof = {t: w for t, w in self.db.execute(
            "SELECT term, weight FROM g_profile WHERE topic_id=?", (topic_id,))}
        row = self.db.execute("SELECT norm2, last, count FROM g_topic WHERE topic_id=?",
                              (topic_id,)).fetchone()
        return prof, (tuple(row) if row else None)

    def topic_profile_norm2(self, topic_id: int) -> float | None:
        row = self.db.execute("SELECT norm2 FROM g_topic WHERE topic_id=?", (topic_id,)).fetchone()
        return row[0] if row else None

    def term_posting(self, term: str, limit: int) -> dict[int, float]:
        """topic → weight of `term` in its profile, for at most `limit` topics."""
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT topic_id, weight FROM g_profile WHERE term=? LIMIT ?", (term, limit))}

    def profile_dot_products(self, topic_id: int) -> list[tuple[int, float]]:
        """(other topic, dot product of its profile with this topic's) for topics sharing a term."""
        return self.db.execute(
            "SELECT o.topic_id, SUM(p.weight * o.weight) FROM g_profile p "
            "JOIN g_profile o ON o.term = p.term AND o.topic_id != p.topic_id "
            "WHERE p.topic_id = ? GROUP BY o.topic_id", (topic_id,)).fetchall()

    def fold_topic_into(self, source: int, target: int) -> None:
        """The grouping merged `source` into `target`: its items move, its topic and profile go."""
        self.db.execute("UPDATE items SET topic_id=? WHERE topic_id=?", (target, source))
        self.drop_topic_profile(source)
        self.db.execute("DELETE FROM topics WHERE id=?", (source,))

    def drop_topic_profile(self, topic_id: int) -> None:
        self.db.execute("DELETE FROM g_profile WHERE topic_id=?", (topic_id,))
        self.db.execute("DELETE FROM g_topic WHERE topic_id=?", (topic_id,))

    def save_term_doc_frequencies(self, rows: Iterable[tuple[str, int, int]]) -> None:
        """Upsert (term, df, kind) rows."""
        self.db.executemany(
            "INSERT INTO g_df(term, df, kind) VALUES(?,?,?) ON CONFLICT(term) DO UPDATE SET "
            "df=excluded.df, kind=excluded.kind", rows)

    def save_topic_profile(self, topic_id: int, profile: dict[str, float], norm2: float,
                           last: int, count: int) -> None:
        self.db.execute("DELETE FROM g_profile WHERE topic_id=?", (topic_id,))
        self.db.executemany("INSERT INTO g_profile(topic_id, term, weight) VALUES(?,?,?)",
                            [(topic_id, t, w) for t, w in profile.items()])
        self.db.execute("INSERT INTO g_topic(topic_id, norm2, last, count) VALUES(?,?,?,?) "
                        "ON CONFLICT(topic_id) DO UPDATE SET norm2=excluded.norm2, "
                        "last=excluded.last, count=excluded.count",
                        (topic_id, norm2, last, count))

    def save_grouping_doc_count(self, n_docs: int) -> None:
        self.db.execute("INSERT INTO state(key, value) VALUES('g_docs', ?) "
                        "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (str(n_docs),))

    def save_source_term_doc_frequencies(self, rows: Iterable[tuple[str, str, int]]) -> None:
        """Upsert (source, term, df) rows."""
        self.db.executemany(
            "INSERT INTO g_sdf(source, term, df) VALUES(?,?,?) ON CONFLICT(source, term) "
            "DO UPDATE SET df=excluded.df", rows)

    def save_source_doc_counts(self, counts: dict[str, int]) -> None:
        self.db.executemany("INSERT INTO state(key, value) VALUES(?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                            [(f"g_docs:{src}", str(n)) for src, n in counts.items()])

    def replace_grouping_state(self, df_rows: Iterable[tuple[str, int, int]],
                               profile_rows: Iterable[tuple[int, str, float]],
                               topic_rows: Iterable[tuple[int, float, int, int]], n_docs: int,
                               source_df_rows: Iterable[tuple[str, str, int]],
                               source_docs: dict[str, int]) -> None:
        """Replace the whole stored grouping state (after an in-memory regroup)."""
        db = self.db
        db.execute("DELETE FROM g_df")
        db.execute("DELETE FROM g_profile")
        db.execute("DELETE FROM g_topic")
        db.executemany("INSERT INTO g_df(term, df, kind) VALUES(?,?,?)", df_rows)
        db.executemany("INSERT INTO g_profile(topic_id, term, weight) VALUES(?,?,?)", profile_rows)
        db.executemany("INSERT INTO g_topic(topic_id, norm2, last, count) VALUES(?,?,?,?)",
                       topic_rows)
        self.save_grouping_doc_count(n_docs)
        db.execute("DELETE FROM g_sdf")
        db.execute("DELETE FROM state WHERE key LIKE 'g_docs:%'")
        db.executemany("INSERT INTO g_sdf(source, term, df) VALUES(?,?,?)", source_df_rows)
        db.executemany("INSERT INTO state(key, value) VALUES(?, ?)",
                       [(f"g_docs:{src}", str(n)) for src, n in source_docs.items()])

    # ---- topics: what the user touched, labels, merges ----------------------------------------
    def user_touched_topic_ids(self) -> set[int]:
        """Topics the user renamed, pinned or watched."""
        return {r[0] for r in self.db.execute(
            "SELECT id FROM topics WHERE user_label IS NOT NULL OR pinned=1 OR "
            f"{self._any_watch('topic', 'topics')}")}

    def set_topic_labels(self, rows: Iterable[tuple[str, int]]) -> None:
        """(label, topic) pairs."""
        self.db.executemany("UPDATE topics SET label=? WHERE id=?", rows)

    def merge_topic_into(self, source: int, target: int) -> None:
        """A user merge: `source`'s items move to `target`, which keeps its pins and watches too."""
        self.db.execute("UPDATE items SET topic_id=? WHERE topic_id=?", (target, source))
        src = self.db.execute(f"SELECT pinned, {self._watched('topic', 't')} AS watched "
                              "FROM topics t WHERE id=?", (source,)).fetchone()
        if src is not None:
            self.set_topic_flags(target, pinned=bool(src["pinned"]) or None,
                                 watched=bool(src["watched"]) or None)
            self.db.execute("DELETE FROM topics WHERE id=?", (source,))

    def watched_topic_counts_since(self, number: int) -> list[tuple[int, str, int]]:
        """(topic, label, items stored after item number `number`) for watched topics, most first."""
        return [(r[0], r[1], r[2]) for r in self.db.execute(
            """SELECT t.id, coalesce(t.user_label, t.label), count(i.n) FROM topics t
               JOIN items i ON i.topic_id = t.id
               WHERE {watched} = 1 AND i.n > ? GROUP BY t.id ORDER BY 3 DESC, t.id""".format(
                watched=self._watched("topic", "t")),
            (number,))]

    # ---- curation -----------------------------------------------------------------------
    def add_curation(self, action: str, data: dict) -> None:
        self.db.execute("INSERT INTO curation(action, data, created_at, who) VALUES(?,?,?,?)",
                        (action, json.dumps(data), now_iso(), self.analyst))

    def curation_log(self) -> list[tuple[str, dict, str | None, str | None]]:
        """Every curation, oldest first: (action, data, who, when)."""
        return [(r[0], json.loads(r[1]), r[2], r[3]) for r in self.db.execute(
            "SELECT action, data, who, created_at FROM curation ORDER BY id")]

    def curations(self) -> list[tuple[str, dict]]:
        return [(r[0], json.loads(r[1])) for r in
                self.db.execute("SELECT action, data FROM curation ORDER BY id")]

    # ---- storylines (topics/storylines.py) ------------------------------------------------
    def storyline_signatures(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT name, signature FROM storylines")}

    def shared_storylines(self) -> dict[str, list[str]]:
        """The storylines the analysts of a shared store declared: name → aliases."""
        return {key[len("storyline:"):]: json.loads(value) for key, value in self.db.execute(
            "SELECT key, value FROM state WHERE key LIKE 'storyline:%'")}

    def share_storyline(self, name: str, aliases: list[str]) -> None:
        self.set_state(f"storyline:{name}", json.dumps(list(aliases), ensure_ascii=False))

    def unshare_storyline(self, name: str) -> None:
        """Removed for the desk: another analyst's config that still declares it does not bring
        it back (until someone declares it again: `redeclare_storyline`)."""
        self.db.execute("DELETE FROM state WHERE key = ?", (f"storyline:{name}",))
        if self.pushes_changes:
            self.set_state(f"removed-storyline:{name}", "1")

    def removed_storylines(self) -> set[str]:
        return {key[len("removed-storyline:"):] for (key,) in self.db.execute(
            "SELECT key FROM state WHERE key LIKE 'removed-storyline:%'")}

    def redeclare_storyline(self, name: str) -> None:
        self.db.execute("DELETE FROM state WHERE key = ?", (f"removed-storyline:{name}",))

    def delete_storyline(self, name: str) -> None:
        self.db.execute("DELETE FROM storyline_items WHERE storyline=?", (name,))
        self.db.execute("DELETE FROM storylines WHERE name=?", (name,))

    def replace_storyline(self, name: str, signature: str, found: dict[int, bool]) -> None:
        """A storyline's members from scratch: item number → named (else a follow-up)."""
        self.delete_storyline(name)
        self.db.execute("INSERT INTO storylines(name, signature) VALUES(?, ?)", (name, signature))
        self.add_storyline_members(name, found.items())

    def add_storyline_members(self, name: str, pairs: Iterable[tuple[int, bool]]) -> None:
        self.db.executemany("INSERT INTO storyline_items(storyline, n, named) VALUES(?,?,?) "
                            "ON CONFLICT(storyline, n) DO UPDATE SET named=excluded.named", [(name, n, int(named)) for n, named in pairs])

    def procedural_numbers(self) -> set[int]:
        return {r[0] for r in self.db.execute("SELECT n FROM items WHERE kind = 'procedural'")}

    def statement_texts(self, numbers: list[int]) -> list[str]:
        """Question and answer of these statements, one string each."""
        return [f"{r[0]}\n{r[1]}" for r in self._in_chunks(
            "SELECT question, answer FROM items WHERE n IN ({marks})", numbers)]

    def entries_of(self, numbers: list[int]) -> list[int]:
        """The briefings of these statements."""
        return sorted({r[0] for r in self._in_chunks(
            "SELECT DISTINCT entry_id FROM items WHERE n IN ({marks})", numbers)})

    def entries_with_items_after(self, number: int) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT entry_id FROM items WHERE n > ?", (number,))]

    def storyline_rows(self, entry_ids: list[int], *, answers: bool = True) -> list[dict]:
        """What storyline matching reads of every statement of these briefings, in briefing
        order (date, briefing, index); without `answers`, only the question's start."""
        text = "i.answer" if answers else "''"
        question = "i.question" if answers else "substr(i.question, 1, 200)"
        rows = list(self._in_chunks(
            f"SELECT i.n, i.uid, i.entry_id, i.idx, i.kind, {question}, {text}, i.follows, i.date "
            "FROM items i WHERE i.entry_id IN ({marks})", entry_ids))
        rows.sort(key=lambda r: (r[8] or "", r[2], r[3]))
        return [{"n": r[0], "uid": r[1], "entry": r[2], "index": r[3], "kind": r[4],
                 "question": r[5] or "", "answer": r[6] or "", "follows": r[7]} for r in rows]

    def storyline_rows_of(self, numbers: list[int]) -> list[dict]:
        """`storyline_rows` (questions' starts only) of these statements, in briefing order."""
        if not numbers:
            return []
        wanted = set(numbers)
        question = "substr(question, 1, 200)"
        if len(wanted) < 2000:  # a few: look each up; many: read the range through once
            rows = list(self._in_chunks(
                f"SELECT n, uid, entry_id, idx, kind, {question}, follows, date FROM items "
                "WHERE n IN ({marks})", sorted(wanted)))
        else:
            rows = [r for r in self.db.execute(
                f"SELECT n, uid, entry_id, idx, kind, {question}, follows, date FROM items "
                "WHERE n BETWEEN ? AND ?", (min(wanted), max(wanted))) if r[0] in wanted]
        rows.sort(key=lambda r: (r[7] or "", r[2], r[3]))
        return [{"n": r[0], "uid": r[1], "entry": r[2], "index": r[3], "kind": r[4],
                 "question": r[5] or "", "follows": r[6]} for r in rows]

    def questions_after(self, number: int) -> list[dict]:
        """`storyline_rows_of` every statement numbered above `number` (in number order)."""
        return [{"n": r[0], "uid": r[1], "entry": r[2], "index": r[3], "kind": r[4],
                 "question": r[5] or "", "follows": r[6]} for r in self.db.execute(
            "SELECT n, uid, entry_id, idx, kind, substr(question, 1, 200), follows FROM items "
            "WHERE n > ? ORDER BY n", (number,))]

    def add_continuing(self, numbers: Iterable[int]) -> None:
        """Mark statements as continuing the one before them in their briefing."""
        self.db.executemany("INSERT INTO storyline_cues(n) VALUES(?) ON CONFLICT(n) DO NOTHING",
                            [(n,) for n in numbers])

    def clear_continuing(self) -> None:
        self.db.execute("DELETE FROM storyline_cues")

    def continuing(self) -> set[int]:
        return {r[0] for r in self.db.execute("SELECT n FROM storyline_cues")}

    def statement_order(self) -> list[tuple[int, str]]:
        """(number, id) of every statement in briefing order (date, briefing, index)."""
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT n, uid FROM items ORDER BY date, entry_id, idx")]

    def top_name_terms(self, limit: int, min_df: int) -> list[tuple[str, int, int]]:
        """(term, statements holding it, kind) of the names and acronyms grouping counted,
        the most frequent first."""
        return [(r[0], r[1], r[2]) for r in self.db.execute(
            "SELECT term, df, kind FROM g_df WHERE kind > 0 AND df >= ? ORDER BY df DESC, term "
            "LIMIT ?", (min_df, limit))]

    def frequent_source_terms(self, source: str, min_df: int) -> set[str]:
        """The terms at least `min_df` statements of `source` hold."""
        return {r[0] for r in self.db.execute(
            "SELECT term FROM g_sdf WHERE source=? AND df >= ?", (source, min_df))}

    def storyline_members(self) -> dict[str, list[str]]:
        """Every stored storyline's statement ids, in briefing order."""
        out: dict[str, list[str]] = {name: [] for name in self.storyline_signatures()}
        for name, uid in self.db.execute(
                "SELECT s.storyline, i.uid FROM storyline_items s JOIN items i ON i.n = s.n "
                "ORDER BY s.storyline, i.date, i.entry_id, i.idx"):
            out.setdefault(name, []).append(uid)
        return out

    def storyline_summaries(self) -> list[dict]:
        """Every stored storyline: name, count, first and last date, ministries."""
        return [{"name": r[0], "count": r[1], "first_seen": _d(r[2]), "last_seen": _d(r[3]),
                 "ministries": sorted(r[4].split(",")) if r[4] else []}
                for r in self.db.execute(
                    "SELECT s.name, count(i.n), min(i.date), max(i.date), "
                    f"{self._AGG_DISTINCT.format('i.ministry')} FROM storylines s "
                    "LEFT JOIN storyline_items m ON m.storyline = s.name "
                    "LEFT JOIN items i ON i.n = m.n GROUP BY s.name ORDER BY s.name")]

    def storyline_counts_since(self, number: int) -> list[tuple[str, int]]:
        """(storyline, statements stored after item number `number`), most first."""
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT storyline, count(*) FROM storyline_items WHERE n > ? GROUP BY storyline "
            "ORDER BY 2 DESC, 1", (number,))]

    def storyline_items(self, name: str) -> list[QAItem]:
        """A storyline's statements in briefing order."""
        return self.items_in_order(
            "i.n IN (SELECT n FROM storyline_items WHERE storyline = ?)", (name,))

    def storylines_by_item(self) -> dict[str, list[str]]:
        """Statement id → the storylines holding it (sorted)."""
        out: dict[str, list[str]] = {}
        for uid, name in self.db.execute(
                "SELECT i.uid, s.storyline FROM storyline_items s JOIN items i ON i.n = s.n "
                "ORDER BY s.storyline"):
            out.setdefault(uid, []).append(name)
        return out

    # ---- search -------------------------------------------------------------------------
    # ---- moving a library (store/copy.py) ---------------------------------------------------
    def table_rows(self, table: str, batch: int) -> Iterator[list[tuple]]:
        """Every row of one of LIBRARY_TABLES, `batch` at a time, in its key order."""
        cols = LIBRARY_TABLES[table]
        offset = 0
        while True:
            rows = [tuple(r) for r in self.db.execute(
                f"SELECT {', '.join(cols)} FROM {table} ORDER BY {', '.join(cols[:2])} "
                "LIMIT ? OFFSET ?", (batch, offset))]
            if not rows:
                return
            yield rows
            offset += len(rows)

    def insert_rows(self, table: str, rows: list[tuple]) -> None:
        cols = LIBRARY_TABLES[table]
        self.db.executemany(f"INSERT INTO {table}({', '.join(cols)}) VALUES "
                            f"({', '.join('?' * len(cols))})", rows)

    def clear_table(self, table: str) -> None:
        if table in LIBRARY_TABLES:
            self.db.execute(f"DELETE FROM {table}")

    def table_count(self, table: str) -> int:
        if table not in LIBRARY_TABLES:
            raise ValueError(table)
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def after_copy(self) -> None:
        """What the engine derives from copied rows (inside the copy's transaction)."""

    # ---- page cache (full text) ---------------------------------------------------------
    def cached_page(self, url: str) -> Any:
        return self.db.execute("SELECT * FROM pages WHERE url=?", (url,)).fetchone()

    def cache_page(self, url: str, content: str, etag: str | None = None,
                   last_modified: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO pages(url, etag, last_modified, fetched_at, content) VALUES(?,?,?,?,?) "
            "ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, "
            "last_modified=excluded.last_modified, fetched_at=excluded.fetched_at, "
            "content=excluded.content", (url, etag, last_modified, now_iso(), content))

    # ---- issues as storyline suggestions read them (topics/storylines.py) ----
    def issue_statement_numbers(self, issue_ids: list[int]) -> dict[int, set[int]]:
        """The numbers of the statements in each of these issues (through their topics)."""
        out: dict[int, set[int]] = {i: set() for i in issue_ids}
        for iid, n in self._in_chunks(
                "SELECT t.issue_id, i.n FROM topics t JOIN items i ON i.topic_id = t.id "
                "WHERE t.issue_id IN ({marks})", issue_ids):
            out[iid].add(n)
        return out

    # ---- what a later process need not read again (topics/marks.py) ----
    def items_mark(self) -> tuple[int, int]:
        """(how many items, the highest item number): with `item_stamp`, what tells a cache
        made earlier whether items were only added since."""
        # two statements: a bare count(*) is SQLite's fast count, not a scan of every row
        count = self.db.execute("SELECT count(*) FROM items").fetchone()[0]
        return count, self.db.execute("SELECT coalesce(max(n), 0) FROM items").fetchone()[0]

    def item_stamp(self, number: int) -> tuple[str, str | None, str | None] | None:
        """(uid, when it was added, its entry's content hash) of the item numbered `number`;
        None when there is none. Replacing the entry changes the hash."""
        row = self.db.execute(
            "SELECT i.uid, i.added_at, e.content_hash FROM items i JOIN entries e ON e.id = i.entry_id "
            "WHERE i.n = ?", (number,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def item_count_since(self, number: int) -> int:
        """How many items are numbered above `number`."""
        return self.db.execute("SELECT count(*) FROM items WHERE n > ?", (number,)).fetchone()[0]

    def person_names_since(self, number: int) -> list[str]:
        """`person_names` of the items numbered above `number` only."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT speaker FROM items WHERE n > ? AND speaker IS NOT NULL UNION "
            "SELECT DISTINCT asker FROM items WHERE n > ? AND asker IS NOT NULL", (number, number))]

    def entries_mark(self) -> tuple[int, int]:
        """(how many entries, the highest entry id)."""
        count = self.db.execute("SELECT count(*) FROM entries").fetchone()[0]
        return count, self.db.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]

    def entry_stamp(self, entry_id: int) -> tuple[str, str | None] | None:
        """(key, content hash) of the entry `entry_id`; None when there is none."""
        row = self.db.execute("SELECT key, content_hash FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def entry_count_since(self, entry_id: int) -> int:
        """How many entries have an id above `entry_id`."""
        return self.db.execute("SELECT count(*) FROM entries WHERE id > ?", (entry_id,)).fetchone()[0]

    def entry_titles_since(self, entry_id: int) -> list[str]:
        """`entry_titles` of the entries whose id is above `entry_id` only."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT title FROM entries WHERE id > ?", (entry_id,))]

    def rename_names_since(self, column: str, mapping: dict[str, str], since: int) -> int:
        """`rename_names` for the items numbered above `since` only (a ministry: in every entry,
        as there); returns the items changed."""
        if column not in ("speaker", "ministry"):
            raise ValueError(column)
        n = 0
        for old, new in mapping.items():
            n += self.db.execute(f"UPDATE items SET {column}=? WHERE n > ? AND {column}=?",
                                 (new, since, old)).rowcount
            if column == "ministry":
                self.db.execute("UPDATE entries SET ministry=? WHERE ministry=?", (new, old))
        return n


    # ---- searching with filters (topics/filters.py) ----
    # a filtered search ranks blocks of this many kept matches (a smaller block than an
    # unfiltered search's: its matches are read through the items table; ≤ 100 ms at 100k)
    FILTERED_WINDOW = 500
    # an engine without a filter in its query keeps what it can among this many matches
    FILTERED_SCAN = 5000

    def search_filtered(self, query: str, *, since: date | None = None, until: date | None = None,
                        ministries: list[str] | None = None, speakers: list[str] | None = None,
                        limit: int = 200, offset: int = 0, order: str = "relevance"
                        ) -> list[tuple[QAItem, str]]:
        """`search` keeping only statements dated `since`–`until` (inclusive) whose ministry is
        one of `ministries` and speaker one of `speakers` (exact stored values; None: any).
        An engine puts the filter in its query, so that every kept match is found (SQLite
        does); this default pages through `search` and keeps them among its first
        `FILTERED_SCAN` matches."""
        kept = self._filtered_scan(query, since, until, ministries, speakers, order,
                                   offset + limit)
        return kept[offset:offset + limit]

    def search_filtered_count(self, query: str, *, since: date | None = None,
                              until: date | None = None, ministries: list[str] | None = None,
                              speakers: list[str] | None = None) -> int:
        """How many statements `search_filtered` pages through with the same filter."""
        return len(self._filtered_scan(query, since, until, ministries, speakers, "relevance",
                                       self.FILTERED_SCAN))

    def _filtered_scan(self, query: str, since: date | None, until: date | None,
                       ministries: list[str] | None, speakers: list[str] | None, order: str,
                       want: int) -> list[tuple[QAItem, str]]:
        def keeps(it: QAItem) -> bool:
            return ((since is None or (it.date is not None and it.date >= since))
                    and (until is None or (it.date is not None and it.date <= until))
                    and (ministries is None or it.ministry in ministries)
                    and (speakers is None or it.speaker in speakers))

        out: list[tuple[QAItem, str]] = []
        page = 1000
        for start in range(0, self.FILTERED_SCAN, page):
            batch = self.search(query, limit=page, offset=start, order=order)
            out += [h for h in batch if keeps(h[0])]
            if len(out) >= want or len(batch) < page:
                break
        return out

    def interrupt(self) -> None:
        """Stop the query this connection is running in another thread, if the engine can (the
        query then fails as the engine's errors do). Never on a connection that may be closing."""

    def names_in_use(self, column: str) -> list[str]:
        """Every distinct ministry (`column="ministry"`) or speaker (`"speaker"`) of the items:
        what a filter's names are matched against. (`distinct_names` with no lower bound, but
        the ministries are read from an index that holds them: 5× faster at 100k.)"""
        if column not in ("speaker", "ministry"):
            raise ValueError(column)
        return [r[0] for r in self.db.execute(
            f"SELECT DISTINCT {column} FROM items WHERE {column} IS NOT NULL")]


