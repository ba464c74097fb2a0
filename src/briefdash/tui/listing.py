"""What the main screen's lists show, read from the store: topic and issue rows with their
recent activity, their order, the statements of a topic or an issue, an issue's terms."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date, timedelta

from ..models import Topic
from .text import sparkline, weekly_counts
from .widgets.lists import IssueRow, StorylineRow, TopicRow

SORTS = ("recent", "activity", "count", "name")
SORT_NAMES = {"recent": "recent volume", "activity": "last activity", "count": "count", "name": "name"}
TERMS_PER_TOPIC = 8  # key terms `f` matches besides the label
RECENT_DAYS = 14  # "what matters now": statements in the library's last two weeks weigh first
SPARK_WEEKS = 10

Key = tuple[str, int]  # ("t", topic id) or ("i", issue id): what a list row stands for


def sort_topics(rows: list, mode: str) -> list:
    """Pinned topics first, then by the chosen order."""
    def by_count(r):
        return (not r.topic.pinned, -r.topic.count, r.topic.label.casefold(), r.topic.id)

    def by_name(r):
        return (not r.topic.pinned, r.topic.label.casefold(), r.topic.id)

    def by_recent(r):
        return (not r.topic.pinned, -(r.topic.last_seen.toordinal() if r.topic.last_seen else 0),
                -r.topic.count, r.topic.id)

    def by_volume(r):  # what matters now: recent volume, then all-time volume
        return (not r.topic.pinned, -r.recent, -r.topic.count, r.topic.label.casefold(), r.topic.id)

    key = {"count": by_count, "name": by_name, "activity": by_recent}.get(mode, by_volume)
    return sorted(rows, key=key)


def load_list_rows(store) -> tuple[list[TopicRow], list[IssueRow | TopicRow]]:
    """Every topic (the flat view) and the issues they roll up into (the issues view: an issue
    row per issue, holding its topics; a topic without an issue stands alone).

    Three queries (topics, recent activity, issues); issue sparklines sum their topics'."""
    topics = store.topics()
    latest = store.latest_item_date()
    activity = store.topic_activity(latest - timedelta(days=7 * SPARK_WEEKS - 1)) if latest else {}
    rows: list[TopicRow] = []
    weekly: dict[int, list[int]] = {}
    by_id: dict[int, TopicRow] = {}
    since = latest - timedelta(days=RECENT_DAYS - 1) if latest else None
    terms = store.topic_top_terms(TERMS_PER_TOPIC)
    for t in topics:
        days = activity.get(t.id)
        if days:
            weekly[t.id] = weekly_counts(days, latest, SPARK_WEEKS)
        recent = sum(n for d, n in days or () if since is not None and d >= since)
        row = TopicRow(t, sparkline(weekly[t.id]) if days else "", recent=recent,
                       terms=tuple(terms.get(t.id, ())))
        rows.append(row)
        by_id[t.id] = row
    top: list[IssueRow | TopicRow] = []
    placed: set[int] = set()
    for iss in store.issues():
        members = [by_id[tid] for tid in iss["topics"] if tid in by_id]
        if not members:
            continue
        placed.update(r.topic.id for r in members)
        counts = [sum(weekly[r.topic.id][k] for r in members if r.topic.id in weekly)
                  for k in range(SPARK_WEEKS)]
        as_topic = Topic(
            id=iss["id"], label=iss["label"] or f"issue {iss['id']}",
            count=sum(r.topic.count for r in members),
            first_seen=min((r.topic.first_seen for r in members if r.topic.first_seen), default=None),
            last_seen=max((r.topic.last_seen for r in members if r.topic.last_seen), default=None),
            pinned=iss["pinned"], watched=iss["watched"],
            ministries=sorted({m for r in members for m in r.topic.ministries}),
            issue_id=iss["id"], issue_label=iss["label"])
        children = [replace(r, depth=1) for r in members]
        top.append(IssueRow(as_topic, declared=iss["declared"], children=children,
                            spark=sparkline(counts) if any(counts) else "",
                            recent=sum(r.recent for r in members),
                            terms=tuple(dict.fromkeys(x for r in members for x in r.terms))))
    top += [r for r in rows if r.topic.id not in placed]
    return rows, storyline_rows(store) + top


def storyline_rows(store) -> list[StorylineRow]:
    """The analyst's storylines as list rows (ids -1, -2, … in name order)."""
    out = []
    for k, s in enumerate(store.storyline_summaries(), 1):
        t = Topic(id=-k, label=s["name"], count=s["count"], first_seen=s["first_seen"],
                  last_seen=s["last_seen"], ministries=s["ministries"])
        out.append(StorylineRow(t, name=s["name"], terms=(s["name"].lower(),)))
    return out


def items_of(store, topic_ids: list[int], latest: int | None = None,
             storyline: str | None = None):
    """The statements of one topic, or of an issue's topics together, or of a storyline, in
    date order."""
    if storyline is not None:
        items = store.storyline_items(storyline)
        return items[-latest:] if latest else items
    if len(topic_ids) == 1:
        return store.topic_items(topic_ids[0], latest=latest)
    items = [it for tid in topic_ids for it in store.topic_items(tid, latest=latest)]
    items.sort(key=lambda it: (it.date or date.min, it.entry_key or "", it.index))
    return items[-latest:] if latest else items


def nice_terms(profile: dict[str, float], texts: list[str], limit: int = 6) -> list[tuple[str, float]]:
    """An issue's most distinctive terms for a person to read: a phrase rather than its words
    ("viktor halm", not also "viktor" and "halm"), spelt as the statements spell it ("Viktor Halm")."""
    chosen: list[tuple[str, float]] = []
    for term, w in sorted(profile.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0])):
        words = set(term.split())
        if any(words <= set(c.split()) for c, _ in chosen):
            continue  # already said by a phrase
        chosen = [(c, cw) for c, cw in chosen if not set(c.split()) <= words]  # a phrase says it all
        chosen.append((term, w))
        if len(chosen) >= limit:
            break
    blob = "\n".join(texts)
    out = []
    for term, w in chosen:
        forms: dict[str, int] = {}
        for m in re.finditer(r"(?<!\w)" + r"\s+".join(re.escape(x) for x in term.split()) + r"(?!\w)",
                             blob, re.I):
            form = " ".join(m.group().split())
            forms[form] = forms.get(form, 0) + 1
        out.append((max(forms, key=lambda f: (forms[f], f)) if forms else term, w))
    return out


def first_on_or_after(entries: list, day: date) -> int | None:
    """The index of the first of `entries` (a timeline's, in date order) dated on or after
    `day` (a binary search: instant at any size); None when all are earlier."""
    i = bisect_left(entries, day, key=lambda e: e.item.date or date.min)
    return i if i < len(entries) else None
