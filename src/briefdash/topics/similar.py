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
    norm2 = store.topic_profile_norm2(topic_id)
    if not norm2:
        return []
    dots = store.profile_dot_products(topic_id)
    if not dots:
        return []
    norms = State(store).norms([tid for tid, _ in dots])
    own = math.sqrt(norm2)
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
