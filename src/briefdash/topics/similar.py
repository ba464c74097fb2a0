"""Topics that look like duplicates of one topic: the candidates a user would merge it with.

Automatic grouping splits some storylines into several topics (a new aspect of an issue, worded
differently, starts its own topic). This ranks the other topics by the cosine similarity of their
grouping profiles (the weighted key terms kept in `g_profile`), read through the term index, so
the cost is the size of the topic's profile and its posting lists, never the number of topics.
"""
from __future__ import annotations

import math

from ..models import Topic
from .grouping import State


def similar_topics(store, topic_id: int, limit: int = 10) -> list[tuple[Topic, float]]:
    """Up to `limit` other topics, most alike first, each with its similarity (0–1)."""
    db = store.db
    row = db.execute("SELECT norm2 FROM g_topic WHERE topic_id=?", (topic_id,)).fetchone()
    if not row or not row[0]:
        return []
    dots = db.execute(
        "SELECT o.topic_id, SUM(p.weight * o.weight) FROM g_profile p "
        "JOIN g_profile o ON o.term = p.term AND o.topic_id != p.topic_id "
        "WHERE p.topic_id = ? GROUP BY o.topic_id", (topic_id,)).fetchall()
    if not dots:
        return []
    norms = State(db).norms([tid for tid, _ in dots])
    own = math.sqrt(row[0])
    scored = sorted(((dot / (own * math.sqrt(norms[tid])), tid) for tid, dot in dots
                     if norms.get(tid)), key=lambda st: (-st[0], st[1]))
    out: list[tuple[Topic, float]] = []
    for sim, tid in scored:
        t = store.topic(tid)
        if t is not None:  # a profile can outlive a topic only until the next rebuild
            out.append((t, min(1.0, sim)))
        if len(out) >= limit:
            break
    return out
