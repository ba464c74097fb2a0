"""Finding a topic from what a user typed: an id, a label, or something close to a label."""
from __future__ import annotations

import re

from rapidfuzz import fuzz, process, utils

from ..models import Topic


def find_topic(store, text: str) -> Topic | None:
    text = text.strip()
    if text.isdigit():
        t = store.topic(int(text))
        if t is not None:
            return t
    topics = store.topics()
    low = text.lower()
    for t in topics:
        if t.label.lower() == low:
            return t
    if not topics:
        return None
    match = process.extractOne(text, [t.label for t in topics], scorer=fuzz.WRatio,
                               processor=utils.default_process, score_cutoff=60)
    return topics[match[2]] if match else None


def find_issue(store, text: str) -> dict | None:
    """An issue (as `Store.issues()` lists it) by id, else by label: exact, then fuzzy."""
    text = text.strip()
    issues = store.issues()
    if text.isdigit():
        for i in issues:
            if i["id"] == int(text):
                return i
    low = text.lower()
    for i in issues:
        if i["label"].lower() == low:
            return i
    if not issues:
        return None
    match = process.extractOne(text, [i["label"] for i in issues], scorer=fuzz.WRatio,
                               processor=utils.default_process, score_cutoff=60)
    return issues[match[2]] if match else None


def issue_as_topic(store, issue: dict):
    """An issue shown as one timeline: a Topic holding the union of its topics' statements."""
    from datetime import date

    items = []
    for tid in issue["topics"]:
        items.extend(store.topic_items(tid))
    items.sort(key=lambda it: (it.date or date.min, it.entry_key, it.index))
    ministries = sorted({it.ministry for it in items if it.ministry})
    topic = Topic(id=issue["id"], label=issue["label"], count=len(items),
                  first_seen=items[0].date if items else None,
                  last_seen=items[-1].date if items else None, pinned=issue["pinned"],
                  watched=issue["watched"], ministries=ministries, issue_id=issue["id"],
                  issue_label=issue["label"])
    return topic, items


_MINISTRY_PREFIX = re.compile(
    r"^(?:the\s+)?(?:republic|kingdom|federation|commonwealth|state|people's republic|"
    r"united states|federal republic|islamic republic|principality|grand duchy)\s+of\s+",
    re.I)


def short_ministry(name: str | None, width: int = 12) -> str:
    """"Ministry of Foreign Affairs of the Republic of Veloria" → "Veloria"."""
    name = " ".join((name or "").split())
    if not name:
        return "—"
    parts = re.split(r"\s+of\s+(?:the\s+)?", name, flags=re.I)
    short = parts[-1] if len(parts) > 1 else name
    short = _MINISTRY_PREFIX.sub("", short)
    return short[:width]


def fuzzy_topics(query: str, topics: list[Topic], limit: int | None = None) -> list[int]:
    """Indexes of topics matching `query`, best first.

    Substring of the label > letters in order (fzf-style, compact spans first) > typo-tolerant
    match on label and ministries.
    """
    q = " ".join(query.lower().split())
    if not q:
        return list(range(len(topics)))
    sub = re.compile(".*?".join(re.escape(c) for c in q.replace(" ", "")))
    scored: list[tuple[float, int]] = []
    for i, t in enumerate(topics):
        label = t.label.lower()
        pos = label.find(q)
        if pos >= 0:
            scored.append((200 - (0 if pos == 0 or not label[pos - 1].isalnum() else 5), i))
            continue
        m = sub.search(label)
        if m:
            scored.append((150 - min(40, m.end() - m.start() - len(q)), i))
            continue
        hay = f"{label} {' '.join(short_ministry(x).lower() for x in t.ministries)}"
        score = fuzz.partial_ratio(q, hay, processor=utils.default_process)
        if score >= 80:
            scored.append((score, i))
    scored.sort(key=lambda s: (-s[0], s[1]))
    out = [i for _, i in scored]
    return out[:limit] if limit else out
