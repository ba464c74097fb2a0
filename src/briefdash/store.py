"""The SQLite store: the single source of truth, and the only module that knows SQL.

One file, WAL journal, foreign keys on, schema versioned by `PRAGMA user_version` with ordered
migrations. A database written by a newer briefdash is refused rather than damaged.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path

from . import cjk_text
from .errors import StoreError
from .models import Entry, QAItem, Topic


def _rederive_items(db: sqlite3.Connection) -> None:
    """Migration step (Python): re-derive what earlier versions got wrong in stored items.

    * `date` becomes the briefing's own calendar day (the date its title, dateline or address
      states, else the stored timestamp's own day) — earlier versions took the UTC day, which
      moved evening briefings to the next day. Reports keep the day their text resolved.
    * Q&A items that are only procedural ("Go ahead.", "(Inaudible.)", "Thank you.") become
      kind 'procedural' and leave their topic.
    * `position` is re-extracted (no courtesy or moderation line).
    * speakers lose title debris ("Olivia Dalton En" → "Olivia Dalton"; "Mr. Kirby" → "John
      Kirby" when the transcript names him), and a ministry that was the raw feed title becomes
      the publisher ("The White House: Press Briefings" → "The White House").
    """
    from .transcripts.clean import html_to_paragraphs
    from .transcripts.dates import briefing_date
    from .transcripts.names import clean_speaker, publisher, resolve_full_names
    from .transcripts.position import extract_position
    from .transcripts.procedural import is_procedural

    entries = db.execute("SELECT id, title, link, published, content, feed_title, feed_url, "
                         "ministry FROM entries").fetchall()
    names_changed = False
    for eid, title, link, published, content, feed_title, feed_url, ministry in entries:
        pub: date | None = None  # a datetime, or the day alone
        if published:
            try:
                pub = datetime.fromisoformat(published)
            except ValueError:
                pub = _d(published)
        paragraphs = html_to_paragraphs((content or "")[:6000])[:8] if content else []
        day = briefing_date(title or "", link, paragraphs, pub)
        if day is not None:
            db.execute("UPDATE items SET date=? WHERE entry_id=? AND kind != 'report'",
                       (day.isoformat(), eid))
        if ministry and feed_title and ministry == feed_title:
            new_ministry = publisher(None, [link, feed_url], feed_title)
            if new_ministry and new_ministry != ministry:
                db.execute("UPDATE entries SET ministry=? WHERE id=?", (new_ministry, eid))
                db.execute("UPDATE items SET ministry=? WHERE entry_id=? AND ministry=?",
                           (new_ministry, eid, ministry))
                names_changed = True
        speakers = [r[0] for r in db.execute(
            "SELECT DISTINCT speaker FROM items WHERE entry_id=? AND speaker IS NOT NULL", (eid,))]
        if speakers:
            all_paragraphs = html_to_paragraphs(content or "") if content else []
            cleaned = {sp: clean_speaker(sp) for sp in speakers}
            full = resolve_full_names(list(cleaned.values()), [title or "", "\n".join(all_paragraphs)])
            for old_name, name in cleaned.items():
                name = "; ".join(full.get(x, x) for x in (name or "").split("; ")) or None
                if name != old_name:
                    db.execute("UPDATE items SET speaker=? WHERE entry_id=? AND speaker=?",
                               (name, eid, old_name))
                    names_changed = True
    rows = db.execute("SELECT n, kind, question, answer, position FROM items").fetchall()
    for n, kind, question, answer, position in rows:
        if kind == "qa" and is_procedural(question or "", answer or ""):
            db.execute("UPDATE items SET kind='procedural', topic_id=NULL WHERE n=?", (n,))
        new_position = extract_position(answer or "", question or "")
        if new_position != position:
            db.execute("UPDATE items SET position=? WHERE n=?", (new_position, n))
    if names_changed:  # speaker and ministry are indexed for search: rebuild the index from items
        db.execute("INSERT INTO items_fts(items_fts) VALUES('rebuild')")
    db.execute("DELETE FROM topics WHERE pinned=0 AND watched=0 AND user_label IS NULL AND "
               "NOT EXISTS (SELECT 1 FROM items WHERE topic_id = topics.id)")
    db.execute("DELETE FROM g_profile WHERE topic_id NOT IN (SELECT id FROM topics)")
    db.execute("DELETE FROM g_topic WHERE topic_id NOT IN (SELECT id FROM topics)")


def _has_cjk(row: str) -> str:
    """SQL: might statement `row` (new, old, items) hold CJK text? Any character beyond ASCII
    says yes (bytes outnumber characters); the store then checks in Python (cjk_text.has_cjk).
    A GLOB for the CJK ranges would decide here, but costs 130 µs a statement of English text."""
    text = (f"{row}.question || {row}.answer || coalesce({row}.speaker, '') || "
            f"coalesce({row}.asker, '') || coalesce({row}.ministry, '')")
    return f"length(CAST({text} AS BLOB)) > length({text})"


# a changed statement, with the values the second index holds for it (the first change since the
# index was last brought up to date wins: the index still holds those)
_CJK_PENDING_OLD = ("INSERT OR IGNORE INTO items_cjk_pending(n, question, answer, speaker, asker, "
                    "ministry) VALUES (old.n, old.question, old.answer, old.speaker, old.asker, "
                    "old.ministry)")

# A migration is SQL (statements run in order) or a Python step given the connection; each runs
# in one transaction and bumps `PRAGMA user_version`.
Migration = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: list[Migration] = [
    # 1: the first schema
    """
    CREATE TABLE feed_status(
        url TEXT PRIMARY KEY, name TEXT, title TEXT, etag TEXT, last_modified TEXT,
        last_fetch TEXT, last_success TEXT, status TEXT, error TEXT, http_status INTEGER,
        retry_after TEXT, new_last INTEGER DEFAULT 0
    );
    CREATE TABLE entries(
        id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, feed_url TEXT, feed_title TEXT,
        title TEXT, link TEXT, published TEXT, author TEXT, ministry TEXT, style TEXT,
        content TEXT, content_hash TEXT, summary_only INTEGER DEFAULT 0,
        first_seen TEXT, updated_at TEXT
    );
    CREATE INDEX entries_link ON entries(link);
    CREATE INDEX entries_hash ON entries(content_hash);
    CREATE TABLE topics(
        id INTEGER PRIMARY KEY, label TEXT NOT NULL DEFAULT '', user_label TEXT,
        pinned INTEGER NOT NULL DEFAULT 0, watched INTEGER NOT NULL DEFAULT 0,
        created_at TEXT
    );
    CREATE TABLE items(
        n INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, kind TEXT NOT NULL, date TEXT, ministry TEXT, speaker TEXT,
        asker TEXT, question TEXT NOT NULL DEFAULT '', answer TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '', follows INTEGER, notes TEXT, source TEXT,
        topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL, added_at TEXT
    );
    CREATE INDEX items_entry ON items(entry_id, idx);
    CREATE INDEX items_topic ON items(topic_id, date);
    CREATE INDEX items_date ON items(date);
    CREATE VIRTUAL TABLE items_fts USING fts5(
        question, answer, speaker, asker, ministry, content='items', content_rowid='n',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN
        INSERT INTO items_fts(rowid, question, answer, speaker, asker, ministry)
        VALUES (new.n, new.question, new.answer, new.speaker, new.asker, new.ministry);
    END;
    CREATE TRIGGER items_ad AFTER DELETE ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, question, answer, speaker, asker, ministry)
        VALUES ('delete', old.n, old.question, old.answer, old.speaker, old.asker, old.ministry);
    END;
    CREATE TABLE curation(
        id INTEGER PRIMARY KEY, action TEXT NOT NULL, data TEXT NOT NULL, created_at TEXT
    );
    CREATE TABLE pages(
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched_at TEXT, content TEXT
    );
    CREATE TABLE state(key TEXT PRIMARY KEY, value TEXT);
    """,
    # 2: grouping state (document frequencies, topic profiles = the term → topic index)
    """
    CREATE TABLE g_df(term TEXT PRIMARY KEY, df INTEGER NOT NULL, kind INTEGER NOT NULL DEFAULT 0)
        WITHOUT ROWID;
    CREATE TABLE g_profile(topic_id INTEGER NOT NULL, term TEXT NOT NULL, weight REAL NOT NULL,
        PRIMARY KEY(topic_id, term)) WITHOUT ROWID;
    CREATE INDEX g_profile_term ON g_profile(term, topic_id);
    CREATE TABLE g_topic(topic_id INTEGER PRIMARY KEY, norm2 REAL, last INTEGER, count INTEGER);
    """,
    # 3: the topic list (count, span, ministries) read from an index alone: 0.3 s → 0.05 s at 100k
    """
    CREATE INDEX items_topic_cover ON items(topic_id, date, ministry);
    DROP INDEX items_topic;
    """,
    # 4: each source's last result in words ("index: 3 new briefings of 20 links"), for `F`
    """
    ALTER TABLE feed_status ADD COLUMN result TEXT;
    """,
    # 5: per-source document frequencies (a ministry's own words weigh little in its items);
    # issues above topics, with their profiles. Topics regroup once with the new weights.
    """
    CREATE TABLE g_sdf(source TEXT NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL,
        PRIMARY KEY(source, term)) WITHOUT ROWID;
    CREATE TABLE issues(
        id INTEGER PRIMARY KEY, label TEXT NOT NULL DEFAULT '', user_label TEXT,
        pinned INTEGER NOT NULL DEFAULT 0, watched INTEGER NOT NULL DEFAULT 0,
        declared TEXT
    );
    ALTER TABLE topics ADD COLUMN issue_id INTEGER;
    CREATE INDEX topics_issue ON topics(issue_id);
    CREATE TABLE g_iprofile(issue_id INTEGER NOT NULL, term TEXT NOT NULL, weight REAL NOT NULL,
        PRIMARY KEY(issue_id, term)) WITHOUT ROWID;
    CREATE INDEX g_iprofile_term ON g_iprofile(term, issue_id);
    INSERT INTO state(key, value) SELECT 'needs_regroup', '1' WHERE EXISTS (SELECT 1 FROM items);
    """,
    # 6: the briefing's own day, procedural items, positions of substance (issue #12)
    _rederive_items,
    # 7: search inside Chinese words (issue #21): statements holding CJK text indexed again, each
    # CJK run as overlapping bigrams (cjk_text.index_text). Contentless: the text is not stored
    # twice. The triggers are plain SQL (any SQLite client may still edit items): they list what
    # changed, with the values the index holds, and the store brings the index up to date
    # (Store._sync_cjk_index; this migration lists every statement to index). And the first
    # index follows edits of a statement's text too (it had triggers for insert and delete only).
    f"""
    CREATE VIRTUAL TABLE items_fts_cjk USING fts5(
        question, answer, speaker, asker, ministry, content='',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TABLE items_cjk_pending(
        n INTEGER PRIMARY KEY, question TEXT, answer TEXT, speaker TEXT, asker TEXT, ministry TEXT
    );
    INSERT INTO items_cjk_pending(n) SELECT n FROM items WHERE {_has_cjk("items")};
    CREATE TRIGGER items_cjk_ai AFTER INSERT ON items WHEN {_has_cjk("new")} BEGIN
        INSERT OR IGNORE INTO items_cjk_pending(n) VALUES (new.n);
    END;
    CREATE TRIGGER items_cjk_ad AFTER DELETE ON items WHEN {_has_cjk("old")} BEGIN
        {_CJK_PENDING_OLD};
    END;
    CREATE TRIGGER items_cjk_au AFTER UPDATE OF question, answer, speaker, asker, ministry ON items
    WHEN {_has_cjk("old")} OR {_has_cjk("new")} BEGIN
        {_CJK_PENDING_OLD};
    END;
    CREATE TRIGGER items_au AFTER UPDATE OF question, answer, speaker, asker, ministry ON items
    BEGIN
        INSERT INTO items_fts(items_fts, rowid, question, answer, speaker, asker, ministry)
        VALUES ('delete', old.n, old.question, old.answer, old.speaker, old.asker, old.ministry);
        INSERT INTO items_fts(rowid, question, answer, speaker, asker, ministry)
        VALUES (new.n, new.question, new.answer, new.speaker, new.asker, new.ministry);
    END;
    """,
    # 8: the two editions of one conference (Chinese, English): each statement's counterpart in
    # the other edition (both directions stored). A speaker or ministry renamed to its canonical
    # name (华春莹 → Hua Chunying) stays findable: migration 7's items_au keeps the index in step.
    """
    CREATE TABLE edition_links(uid TEXT PRIMARY KEY, other TEXT NOT NULL,
        score REAL NOT NULL DEFAULT 0) WITHOUT ROWID;
    CREATE INDEX edition_links_other ON edition_links(other);
    """,
    # 9: Chinese terms are jieba words, no longer character bigrams: a store holding Chinese
    # regroups once (its stored terms, profiles and labels were made of bigrams)
    """
    INSERT OR REPLACE INTO state(key, value) SELECT 'needs_regroup', '1'
        WHERE EXISTS (SELECT 1 FROM items WHERE question GLOB '*[一-鿿]*' OR answer GLOB '*[一-鿿]*');
    """,
    # 10: storylines: who is in each of the analyst's storylines (named = 0 for a follow-up
    # that continues it without naming it); `signature` says which names and rules made them
    """
    CREATE TABLE storylines(name TEXT PRIMARY KEY, signature TEXT NOT NULL);
    CREATE TABLE storyline_items(
        storyline TEXT NOT NULL REFERENCES storylines(name) ON DELETE CASCADE,
        n INTEGER NOT NULL REFERENCES items(n) ON DELETE CASCADE,
        named INTEGER NOT NULL DEFAULT 1, PRIMARY KEY(storyline, n)) WITHOUT ROWID;
    CREATE INDEX storyline_items_n ON storyline_items(n);
    CREATE TABLE storyline_cues(n INTEGER PRIMARY KEY REFERENCES items(n) ON DELETE CASCADE);
    """,
    # 11: per term, the items that write it as a name ("Taiwan", not "test"): only distinctive
    # names roll topics up into issues; counted by a regroup
    """
    CREATE TABLE g_name_df(term TEXT PRIMARY KEY, n INTEGER NOT NULL,
        inside INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
    INSERT OR REPLACE INTO state(key, value) SELECT 'needs_regroup', '1'
        WHERE EXISTS (SELECT 1 FROM items);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


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


class Store:
    """A connection to the briefdash database."""

    def __init__(self, path: Path | str, *, readonly: bool = False):
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

    # ---- schema -------------------------------------------------------------------------
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

    # ---- the Chinese index (migration 7) ------------------------------------------------
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

    # ---- key/value state ----------------------------------------------------------------
    def get_state(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_state(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO state(key, value) VALUES(?,?) "
                        "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, value))

    # ---- feeds --------------------------------------------------------------------------
    def feed_status(self, url: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM feed_status WHERE url=?", (url,)).fetchone()

    def all_feed_status(self) -> dict[str, sqlite3.Row]:
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
                   title=coalesce(excluded.title, title), etag=excluded.etag,
                   last_modified=excluded.last_modified, last_fetch=excluded.last_fetch,
                   last_success=coalesce(excluded.last_success, last_success),
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
    def _find_entry(self, entry: Entry) -> sqlite3.Row | None:
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
        now = now_iso()
        if row is not None and row["content_hash"] == entry.content_hash:
            return "unchanged"
        published = entry.published.isoformat() if entry.published else None
        with self.transaction():
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
                       first_seen, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                    (entry.key, entry.feed_url, entry.feed_title, entry.title, entry.link,
                     published, entry.author, entry.ministry, entry.style, entry.content,
                     entry.content_hash, int(entry.summary_only), now, now))
                entry_id = cur.lastrowid
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

    def entries(self) -> Iterator[sqlite3.Row]:
        return self.db.execute("SELECT * FROM entries ORDER BY published, id")

    # ---- reading items ------------------------------------------------------------------
    _ITEM_SQL = """SELECT i.*, e.link AS entry_link, e.title AS entry_title, e.key AS entry_key,
                   e.published AS entry_published
                   FROM items i JOIN entries e ON e.id = i.entry_id"""

    @staticmethod
    def row_to_item(r: sqlite3.Row) -> QAItem:
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
                        "SET value=max(CAST(value AS INTEGER), excluded.value)", (f"seq:{table}", new))
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
            self.db.execute("UPDATE topics SET watched=? WHERE id=?", (int(watched), topic_id))
        if user_label is not None:
            self.db.execute("UPDATE topics SET user_label=? WHERE id=?",
                            (user_label or None, topic_id))

    def delete_empty_topics(self) -> int:
        cur = self.db.execute(
            "DELETE FROM topics WHERE pinned=0 AND watched=0 AND user_label IS NULL AND "
            "NOT EXISTS (SELECT 1 FROM items WHERE topic_id = topics.id)")
        return cur.rowcount

    def topic_exists(self, topic_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM topics WHERE id=?", (topic_id,)).fetchone() is not None

    _TOPIC_SQL = """SELECT t.id, coalesce(t.user_label, t.label) AS label, t.pinned, t.watched,
                      count(i.n) AS count, min(i.date) AS first_seen, max(i.date) AS last_seen,
                      group_concat(DISTINCT i.ministry) AS ministries, t.issue_id,
                      (SELECT coalesce(s.user_label, s.label) FROM issues s WHERE s.id = t.issue_id)
                        AS issue_label
                    FROM topics t {join} items i ON i.topic_id = t.id {where} GROUP BY t.id {order}"""

    def _topics(self, sql: str, params=()) -> list[Topic]:
        return [Topic(id=r["id"], label=r["label"], count=r["count"],
                      first_seen=_d(r["first_seen"]), last_seen=_d(r["last_seen"]),
                      pinned=bool(r["pinned"]), watched=bool(r["watched"]),
                      ministries=sorted(r["ministries"].split(",")) if r["ministries"] else [],
                      issue_id=r["issue_id"], issue_label=r["issue_label"] or "")
                for r in self.db.execute(sql, params)]

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
                "(PARTITION BY topic_id ORDER BY weight DESC, term) AS rk FROM g_profile) "
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
        self.db.executemany("INSERT OR REPLACE INTO edition_links(uid, other, score) VALUES(?,?,?)",
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
            it = self.row_to_item(r)  # type: ignore[arg-type]  # rows are sqlite3.Row
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
        rows = self.db.execute(
            "SELECT s.id, coalesce(s.user_label, s.label) AS label, s.pinned, s.watched, "
            "s.declared, t.id AS topic_id, count(i.n) AS n, min(i.date) AS first, "
            "max(i.date) AS last FROM issues s JOIN topics t ON t.issue_id = s.id "
            "JOIN items i ON i.topic_id = t.id GROUP BY s.id, t.id")
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
        for col, value in (("pinned", pinned), ("watched", watched), ("user_label", user_label)):
            if value is not None:
                self.db.execute(f"UPDATE issues SET {col}=? WHERE id=?",
                                (int(value) if isinstance(value, bool) else value, issue_id))

    def items_naming(self, terms: list[str]) -> list[tuple[str, int | None]]:
        """(item id, topic) of the substantive statements whose text holds any of `terms`."""
        if not terms:
            return []
        query = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT i.uid, i.topic_id FROM items_fts JOIN items i ON i.n = items_fts.rowid "
            "WHERE items_fts MATCH ? AND i.kind != 'procedural'", (query,))]

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
        """All topics holding items, with counts, span and ministries; pinned first, then latest."""
        return self._topics(self._TOPIC_SQL.format(
            join="JOIN", where="", order="ORDER BY t.pinned DESC, last_seen DESC, count DESC, t.id"))

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
        where, params = ["i.date IS NOT NULL"], []
        if since is not None:
            where.append("i.date >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("i.date <= ?")
            params.append(until.isoformat())
        sql = (self._ITEM_SQL + " WHERE " + " AND ".join(where)
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

    def data_version(self) -> int:
        """SQLite's `PRAGMA data_version`: changes when another connection (another process, a
        worker) has committed since this connection last asked. A cheap "did anything change?"."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def change_signature(self) -> tuple[int, ...]:
        """What a reader compares to see that the library changed under it: the highest item
        number, the items, those still without a topic (an ingest groups them after storing
        them), the topics and the highest topic id. Index lookups only."""
        row = self.db.execute(
            "SELECT (SELECT coalesce(max(n), 0) FROM items), (SELECT count(*) FROM items), "
            "(SELECT count(*) FROM items WHERE topic_id IS NULL), (SELECT count(*) FROM topics), "
            "(SELECT coalesce(max(id), 0) FROM topics)").fetchone()
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
                            "ON CONFLICT(term) DO UPDATE SET n = n + excluded.n, "
                            "inside = inside + excluded.inside", rows)

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
            "SELECT id FROM topics WHERE user_label IS NOT NULL OR pinned=1 OR watched=1")}

    def set_topic_labels(self, rows: Iterable[tuple[str, int]]) -> None:
        """(label, topic) pairs."""
        self.db.executemany("UPDATE topics SET label=? WHERE id=?", rows)

    def merge_topic_into(self, source: int, target: int) -> None:
        """A user merge: `source`'s items move to `target`, which keeps its pins and watches too."""
        self.db.execute("UPDATE items SET topic_id=? WHERE topic_id=?", (target, source))
        src = self.db.execute("SELECT pinned, watched FROM topics WHERE id=?", (source,)).fetchone()
        if src is not None:
            self.set_topic_flags(target, pinned=bool(src["pinned"]) or None,
                                 watched=bool(src["watched"]) or None)
            self.db.execute("DELETE FROM topics WHERE id=?", (source,))

    def watched_topic_counts_since(self, number: int) -> list[tuple[int, str, int]]:
        """(topic, label, items stored after item number `number`) for watched topics, most first."""
        return [(r[0], r[1], r[2]) for r in self.db.execute(
            """SELECT t.id, coalesce(t.user_label, t.label), count(i.n) FROM topics t
               JOIN items i ON i.topic_id = t.id
               WHERE t.watched = 1 AND i.n > ? GROUP BY t.id ORDER BY 3 DESC, t.id""",
            (number,))]

    # ---- curation -----------------------------------------------------------------------
    def add_curation(self, action: str, data: dict) -> None:
        self.db.execute("INSERT INTO curation(action, data, created_at) VALUES(?,?,?)",
                        (action, json.dumps(data), now_iso()))

    def curations(self) -> list[tuple[str, dict]]:
        return [(r[0], json.loads(r[1])) for r in
                self.db.execute("SELECT action, data FROM curation ORDER BY id")]

    # ---- storylines (topics/storylines.py) ------------------------------------------------
    def storyline_signatures(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT name, signature FROM storylines")}

    def delete_storyline(self, name: str) -> None:
        self.db.execute("DELETE FROM storyline_items WHERE storyline=?", (name,))
        self.db.execute("DELETE FROM storylines WHERE name=?", (name,))

    def replace_storyline(self, name: str, signature: str, found: dict[int, bool]) -> None:
        """A storyline's members from scratch: item number → named (else a follow-up)."""
        self.delete_storyline(name)
        self.db.execute("INSERT INTO storylines(name, signature) VALUES(?, ?)", (name, signature))
        self.add_storyline_members(name, found.items())

    def add_storyline_members(self, name: str, pairs: Iterable[tuple[int, bool]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO storyline_items(storyline, n, named) "
                            "VALUES(?,?,?)", [(name, n, int(named)) for n, named in pairs])

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

    def procedural_numbers(self) -> set[int]:
        return {r[0] for r in self.db.execute("SELECT n FROM items WHERE kind = 'procedural'")}

    def statement_texts(self, numbers: list[int]) -> list[str]:
        """Question and answer of these statements, one string each."""
        return [f"{r[0]}\n{r[1]}" for r in self._in_chunks(
            "SELECT question, answer FROM items WHERE n IN ({marks})", numbers)]

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
        self.db.executemany("INSERT OR IGNORE INTO storyline_cues(n) VALUES(?)",
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
                    "group_concat(DISTINCT i.ministry) FROM storylines s "
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
    SEARCH_WINDOW = 2000
    SEARCH_ORDERS = ("relevance", "date")

    _SEARCH_SQL = ("SELECT i.*, e.link AS entry_link, e.title AS entry_title, e.key AS entry_key, "
                   "snippet(items_fts, -1, char(1), char(2), '…', 24) AS snip "
                   "FROM items_fts JOIN items i ON i.n = items_fts.rowid "
                   "JOIN entries e ON e.id = i.entry_id WHERE items_fts MATCH ? ")
    # the second index is contentless: cjk_text.snippet marks the hits in Python
    _SEARCH_SQL_CJK = ("SELECT i.*, e.link AS entry_link, e.title AS entry_title, e.key AS entry_key, "
                       "'' AS snip FROM items_fts_cjk JOIN items i ON i.n = items_fts_cjk.rowid "
                       "JOIN entries e ON e.id = i.entry_id WHERE items_fts_cjk MATCH ? ")

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
        if order not in self.SEARCH_ORDERS:
            raise ValueError(f"order must be one of {self.SEARCH_ORDERS}, not {order!r}")
        target = self._search_target(query)
        if not target or limit <= 0 or offset < 0:
            return []
        table, fts = target
        if table == "items_fts_cjk":
            self._sync_cjk_index_quietly()
        try:
            if order == "date":
                rows = self._search_by_date(fts, limit, offset, table)
            else:
                rows = self._search_by_rank(fts, limit, offset, table)
        except sqlite3.OperationalError:
            return []
        if table == "items_fts":
            return [(self.row_to_item(r), r["snip"]) for r in rows]
        return [(self.row_to_item(r), cjk_text.snippet(
            [r["question"], r["answer"], r["speaker"], r["asker"], r["ministry"]], query))
            for r in rows]

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

    # ---- page cache (full text) ---------------------------------------------------------
    def cached_page(self, url: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM pages WHERE url=?", (url,)).fetchone()

    def cache_page(self, url: str, content: str, etag: str | None = None,
                   last_modified: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO pages(url, etag, last_modified, fetched_at, content) VALUES(?,?,?,?,?) "
            "ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, "
            "last_modified=excluded.last_modified, fetched_at=excluded.fetched_at, "
            "content=excluded.content", (url, etag, last_modified, now_iso(), content))

    # ---- zhspeed: additions ----
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


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word a quoted prefix term."""
    import re

    words = re.findall(r"\w+", text, flags=re.UNICODE)
    return " ".join(f'"{w}"*' for w in words)


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out, buf, depth = [], [], 0
    for line in script.splitlines():
        stripped = line.strip().upper()
        buf.append(line)
        if stripped.endswith("BEGIN"):
            depth += 1
        if stripped == "END;":
            depth -= 1
        if stripped.endswith(";") and depth == 0:
            stmt = "\n".join(buf).strip()
            if stmt.strip(";").strip():
                out.append(stmt)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf))
    return out
