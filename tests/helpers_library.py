"""Libraries for tests: a tiny deterministic one written straight through the Store, a split
topic, a small RSS feed, and a database as an older schema version left it. conftest.py turns them into fixtures; tests import them from here."""
from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

VEL = "Ministry of Foreign Affairs of the Republic of Veloria"
NOR = "Department of Foreign Affairs of the Federation of Norvania"
HOSTILE = "[bold]Red[/] [@click=app.quit]quit[/] [link=x]y[/link]"


def _qa(index, question, answer, position, *, speaker, asker, ministry):
    from briefdash.models import QAItem

    return QAItem(index=index, kind="qa", question=question, answer=answer, position=position,
                  speaker=speaker, asker=asker, ministry=ministry)


def _entry(key, title, day, link, ministry):
    from briefdash.models import Entry

    return Entry(key=key, title=title, link=link, ministry=ministry, content=f"{title} {key}",
                 published=datetime(2026, 3, day, 8, 0, tzinfo=UTC), feed_url="tiny.xml",
                 feed_title="Tiny feed")


# (entry key, title, day, link, ministry, [(topic, question, answer, position, speaker, asker)])
TINY = [
    ("vel-1", "Regular Press Conference on March 2, 2026", 2, "https://mfa.veloria.example/pc/0302", VEL, [
        ("strait", "Reuters: What is your response to the naval drills in the Kestrel Strait?",
         "Veloria is firmly opposed to the drills. We urge the parties to exercise restraint. "
         "The Kestrel Strait must remain open to shipping.",
         "Veloria is firmly opposed to the drills.", "Mei Tassen", "Reuters"),
        ("trade", "CCTV: Can you give an update on the trade talks?",
         "The talks were candid and constructive. Both sides agreed to meet again.",
         "The talks were candid and constructive.", "Mei Tassen", "CCTV"),
    ]),
    ("nor-1", "Department Press Briefing — March 3, 2026", 3, "javascript:alert(1)", NOR, [
        ("strait", "QUESTION: Does Norvania plan to join the patrols in the Kestrel Strait?",
         "We support freedom of navigation in the Kestrel Strait and we are consulting our partners.",
         "We support freedom of navigation in the Kestrel Strait.", "Mr Halversen", "Harbor Times"),
    ]),
    ("vel-2", "Regular Press Conference on March 9, 2026", 9, "https://mfa.veloria.example/pc/0309", VEL, [
        ("strait", "AFP: Will Veloria take measures if the drills continue?",
         "Veloria is firmly opposed to the drills and will take resolute countermeasures. "
         "We urge the parties to exercise restraint.",
         "Veloria will take resolute countermeasures.", "Mei Tassen", "AFP"),
        ("hostile", f"{HOSTILE} asks: is [b]this[/b] safe?",
         f"The answer quotes {HOSTILE} verbatim and stays text. [red]not red[/red]",
         f"The answer quotes {HOSTILE} verbatim", "Spoke [i]sman[/i]", "[@click=app.quit]Outlet"),
    ]),
    ("vel-3", "Regular Press Conference on March 16, 2026", 16, "https://mfa.veloria.example/pc/0316", VEL, [
        ("strait", "Reuters: Any comment on the drills in the Kestrel Strait?",
         "Veloria is firmly opposed to the drills and will take resolute countermeasures. "
         "We urge the parties to exercise restraint.",
         "Veloria will take resolute countermeasures.", "Mei Tassen", "Reuters"),
    ]),
]
TOPIC_LABELS = {"strait": "Kestrel Strait drills", "trade": "Trade talks", "hostile": HOSTILE}


def build_tiny_library(data_dir: Path, *, keys: dict[str, str] | None = None, feeds=None,
                       store_url: str | None = None, desk_name: str | None = None) -> Path:
    """A small library written straight through the Store: deterministic, no grouping involved.
    With `store_url`, in that store (config.toml's `[store] url` says so)."""
    from briefdash.config import Config, Paths, save_config
    from briefdash.store import Store, item_uid

    paths = Paths.resolve(data_dir)
    save_config(Config(feeds=list(feeds or []), keys=dict(keys or {}), store_url=store_url,
                       desk_name=desk_name), paths.config_file)
    store = Store(store_url or paths.database)
    topic_ids: dict[str, int] = {}
    with store.transaction():
        for name, label in TOPIC_LABELS.items():
            # fixed labels: as if the user had named them, so curation's automatic relabelling
            # (which follows a topic's content) leaves them as the tests expect
            topic_ids[name] = store.create_topic(label)
            store.set_topic_flags(topic_ids[name], user_label=label)
        for key, title, day, link, ministry, rows in TINY:
            entry = _entry(key, title, day, link, ministry)
            items = [_qa(i, q, a, p, speaker=s, asker=k, ministry=ministry)
                     for i, (_, q, a, p, s, k) in enumerate(rows)]
            for it in items:
                it.date = date(2026, 3, day)
            store.save_entry(entry, items)
            store.assign([(item_uid(key, i), topic_ids[row[0]]) for i, row in enumerate(rows)])
    store.close()
    return data_dir


def split_biggest_topic(lib, label=None):
    """Split the newer half of the biggest topic off: two topics on one storyline.

    Returns (the biggest topic as it was, the new topic's id)."""
    from briefdash.topics import curation

    big = max(lib.store.topics(), key=lambda t: t.count)
    items = lib.store.topic_items(big.id)
    new = curation.split(lib.store, [it.id for it in items[len(items) // 2:]], label, lib.config)
    return big, new


def rss_feed(title: str, items: list[tuple[str, str, str, str]]) -> str:
    """An RSS 2.0 document; items are (guid, title, pubDate RFC 822, body text with Q:/A: paragraphs)."""
    from xml.sax.saxutils import escape

    out = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
           "<link>https://feeds.example/</link><description>test</description>"]
    for guid, t, pub, body in items:
        html = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
        out.append(f"<item><guid>{escape(guid)}</guid><title>{escape(t)}</title>"
                   f"<link>https://feeds.example/{escape(guid)}</link><pubDate>{pub}</pubDate>"
                   f"<description>{escape(html)}</description></item>")
    out.append("</channel></rss>")
    return "".join(out)


SMALL_FEED = rss_feed("Veloria MFA (test)", [
    ("pc-2025-05-06", "Regular Press Conference on May 6, 2025", "Tue, 06 May 2025 08:00:00 +0000",
     "Q: What is your response to the naval drills in the Kestrel Strait?\n\n"
     "A: Veloria is firmly opposed to the drills and will take resolute countermeasures.\n\n"
     "Q: Can you give an update on the trade talks?\n\n"
     "A: The talks were candid and constructive."),
])


def database_at_version(path, version: int, **connect) -> sqlite3.Connection:
    """A database as schema `version` left it (the first `version` migrations, none after): the
    start of every migration test. The caller adds its rows, commits and closes it."""
    from briefdash.store import MIGRATIONS, _split_sql

    con = sqlite3.connect(path, **connect)
    for script in MIGRATIONS[:version]:
        assert isinstance(script, str)
        for stmt in _split_sql(script):
            con.execute(stmt)
    con.execute(f"PRAGMA user_version = {version}")
    return con
