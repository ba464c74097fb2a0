"""The SQLite engine's schema: ordered migrations, versioned by `PRAGMA user_version`.

A migration is SQL (statements run in order) or a Python step given the connection; each runs in
one transaction and bumps the version. Append, never edit: stores in the field have run them.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime

from ..base import _d


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
    from ...transcripts.clean import html_to_paragraphs
    from ...transcripts.dates import briefing_date
    from ...transcripts.names import clean_speaker, publisher, resolve_full_names
    from ...transcripts.position import extract_position
    from ...transcripts.procedural import is_procedural

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
    # 12: a desk shares one store: who made each curation ("renamed by ana, 3 Dec")
    """
    ALTER TABLE curation ADD COLUMN who TEXT;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)



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
