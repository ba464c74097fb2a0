"""Finding a topic from what a user typed: an id, a label, or something close to a label."""
from __future__ import annotations

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
