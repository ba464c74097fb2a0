"""Watched topics: only statements stored after watching began are news, and each is told once."""
from datetime import UTC, datetime

from briefdash.models import Entry, QAItem
from briefdash.store import Store
from briefdash.topics import curation
from briefdash.watch import CLI_WATCH_KEY, TUI_WATCH_KEY, watched_news


def add_briefing(store, key, n, topic):
    store.save_entry(Entry(key=key, title=key, link=f"https://m.example/{key}", content=key,
                           published=datetime(2026, 5, 1, tzinfo=UTC)),
                     [QAItem(index=i, kind="qa", question=f"q{i}", answer="a") for i in range(n)])
    store.assign([(it.id, topic) for it in store.items_in_order() if it.topic_id is None])


def test_news_starts_when_watching_starts_and_is_told_once(tmp_path):
    s = Store(tmp_path / "db")
    t = s.create_topic("Korsa")
    add_briefing(s, "b1", 3, t)
    curation.set_flag(s, t, "watch")
    for key in (CLI_WATCH_KEY, TUI_WATCH_KEY):
        assert watched_news(s, key=key).total == 0  # what was there before is not news
    add_briefing(s, "b2", 2, t)
    other = s.create_topic("Other")
    add_briefing(s, "b3", 4, other)
    news = watched_news(s, key=CLI_WATCH_KEY)
    assert news.per_topic == [(t, "Korsa", 2)]
    assert watched_news(s, key=CLI_WATCH_KEY).total == 0
    assert watched_news(s, key=TUI_WATCH_KEY).total == 2  # each reader has its own mark
