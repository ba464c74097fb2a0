"""Finding a topic from what a user typed: an id, a label, or something close to a label."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from ..errors import AmbiguousName
from ..models import Topic


@dataclass(frozen=True)
class Named:
    """Something a user can name: a topic or an issue, with its label and size."""

    kind: str  # "topic" | "issue" | "storyline"
    id: int
    label: str
    count: int
    score: float = 0.0


# A non-exact match is taken only when nothing else comes within this many points of it …
CLOSE_POINTS = 6.0
# … and no candidate that fits fairly well (this score, or sharing a typed word) is this many
# times bigger.
BIGGER_SCORE, BIGGER_FACTOR, BIGGER_MIN = 75.0, 5, 10


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _score(text: str, label: str) -> float:
    """How well `label` fits what was typed: rapidfuzz's WRatio, raised to 95 when every typed
    word is one of the label's words ("Ukraine war" → "War · Ukraine")."""
    score = fuzz.WRatio(text, label, processor=utils.default_process)
    typed = _words(text)
    if typed and set(typed) <= set(_words(label)):
        score = max(score, 95.0)
    return score


def pick_named(text: str, named: list[Named]) -> Named | None:
    """The one candidate `text` names, or None when none fits; raises `AmbiguousName` when
    several fit about equally, or a much bigger one fits nearly as well.

    An exact label (case-insensitive) wins, an issue before a topic, the bigger first, unless
    a candidate five times its size also names a typed word; otherwise the best fuzzy fit is
    taken only when it stands clear of the others and, when several words were typed, it names
    most of them and no other names more (`AmbiguousName(partial=True)` when none names most)."""
    text = text.strip()
    folded = " ".join(_words(text))
    exact = [n for n in named if " ".join(_words(n.label)) == folded and folded]
    if exact:
        hit = min(exact, key=lambda n: (n.kind != "issue", -n.count, n.id))
        # an automatic label can be exact by chance ("Ukraine · War", 5 statements): a far
        # bigger candidate naming a typed word makes it a question, not an answer
        bigger = [n for n in named if n is not hit and _shares_word(text, n)
                  and n.count >= max(BIGGER_MIN, BIGGER_FACTOR * hit.count)]
        if not bigger:
            return hit
        bigger.sort(key=lambda n: (-n.count, n.id))
        raise AmbiguousName(text, [(n.kind, n.id, n.label, n.count) for n in [hit, *bigger][:6]])
    scored = [Named(n.kind, n.id, n.label, n.count, _score(text, n.label)) for n in named]
    fits = sorted((n for n in scored if n.score >= 60 and _plausible(text, n)),
                  key=lambda n: (-n.score, n.kind != "issue", -n.count, n.id))
    fits = _distinct(fits)
    if not fits:
        return None
    # several typed words: a label naming more of them beats one naming fewer, however well
    # it scores ("Pelosi Taiwan trip" is not the issue "Taiwan"); when no label names most of
    # them, the closest are listed instead of a guess
    typed = content_words(text)
    leading = fits
    if len(typed) >= 2:
        covers = {id(n): covered_count(typed, n.label) for n in fits}
        most = max(covers.values())
        if most < len(typed) // 2 + 1:
            fits.sort(key=lambda n: (-covers[id(n)], -n.score, n.kind != "issue", -n.count, n.id))
            raise AmbiguousName(text, [(n.kind, n.id, n.label, n.count) for n in fits[:6]],
                                partial=True)
        leading = [n for n in fits if covers[id(n)] == most]
    best = leading[0]
    rivals = [n for n in fits
              if n is not best
              and ((n in leading and n.score >= best.score - CLOSE_POINTS and not _outranks(best, n))
                   # a far bigger one naming fewer typed words must share a real word
                   # ("Ukraine"), not only score well or share a short one ("Act")
                   or (((n in leading and n.score >= BIGGER_SCORE) or _shares_word(text, n))
                       and n.count >= max(BIGGER_MIN, BIGGER_FACTOR * best.count)))]
    if rivals:
        shown = [best, *rivals][:6]
        raise AmbiguousName(text, [(n.kind, n.id, n.label, n.count) for n in shown])
    return best


# typed words that name nothing by themselves
_FILLER = frozenset("the and for with about from into over what who how its his her their this that "
                    "then than are was were has have had not but".split())


def content_words(text: str) -> list[str]:
    """The typed words that name something: 3+ letters, not a filler word, each once."""
    out: list[str] = []
    for w in _words(text):
        if len(w) >= 3 and w not in _FILLER and w not in out:
            out.append(w)
    return out


def _names_word(word: str, label_words: list[str]) -> bool:
    """`word` is one of the label's words, a near spelling of one, or (4+ letters) the start
    of one ("Ukrain" → "Ukrainian")."""
    for lw in label_words:
        if lw == word or (len(word) >= 4 and len(lw) >= 4 and (
                lw.startswith(word) or word.startswith(lw) or fuzz.ratio(word, lw) >= 80)):
            return True
    return False


def covered_count(typed: list[str], label: str) -> int:
    """How many of the typed content words `label` names."""
    label_words = _words(label)
    return sum(_names_word(w, label_words) for w in typed)


def _shares_word(text: str, n: Named) -> bool:
    """A typed word of 4+ letters is one of the label's words."""
    label = set(_words(n.label))
    return any(len(w) >= 4 and w in label for w in _words(text))


def _plausible(text: str, n: Named) -> bool:
    """A fuzzy fit counts only when it shares a typed word (of 3+ letters) or is a near match:
    "Pelosi Taiwan trip" must not land on an unrelated label that merely scores 60."""
    if n.score >= 85:
        return True
    label = set(_words(n.label))
    return any(len(w) >= 3 and w in label for w in _words(text))


def _outranks(best: Named, other: Named) -> bool:
    """An issue over a topic, or something five times the size: a fit as good is no rival."""
    if best.kind == "issue" and other.kind == "topic":
        return True
    return best.count >= BIGGER_FACTOR * max(other.count, 1)


def _distinct(fits: list[Named]) -> list[Named]:
    """Drop a topic that is the whole of an issue listed before it (same label and size)."""
    seen: set[tuple[str, int]] = set()
    out = []
    for n in fits:
        key = (n.label.casefold(), n.count)
        if key in seen:
            continue
        seen.add(key)
        out.append(n)
    return out


def _topic_named(topics: list[Topic]) -> list[Named]:
    return [Named("topic", t.id, t.label, t.count) for t in topics]


def _issue_named(issues: list[dict]) -> list[Named]:
    return [Named("issue", i["id"], i["label"], i["count"]) for i in issues]


def find_topic(store, text: str) -> Topic | None:
    """A topic by id, else by label: exact, then a clear fuzzy fit (`AmbiguousName` if none is
    clear)."""
    text = text.strip()
    if text.isdigit():
        t = store.topic(int(text))
        if t is not None:
            return t
    topics = store.topics()
    hit = pick_named(text, _topic_named(topics))
    return next(t for t in topics if t.id == hit.id) if hit else None


def find_issue(store, text: str) -> dict | None:
    """An issue (as `Store.issues()` lists it) by id, else by label: exact, then a clear fuzzy
    fit (`AmbiguousName` if none is clear)."""
    text = text.strip()
    issues = store.issues()
    if text.isdigit():
        for i in issues:
            if i["id"] == int(text):
                return i
    hit = pick_named(text, _issue_named(issues))
    return next(i for i in issues if i["id"] == hit.id) if hit else None


def find_topic_or_issue(store, text: str) -> tuple[str, Topic | dict] | None:
    """What a bare TOPIC_OR_ISSUE names: a topic id, else the issue or topic whose label fits
    (issues preferred on equal fit, then bigger ones); `AmbiguousName` when two fit closely."""
    text = text.strip()
    if text.isdigit():
        t = store.topic(int(text))
        if t is not None:
            return "topic", t
    topics, issues = store.topics(), store.issues()
    hit = pick_named(text, _issue_named(issues) + _topic_named(topics))
    if hit is None:
        return None
    if hit.kind == "issue":
        return "issue", next(i for i in issues if i["id"] == hit.id)
    return "topic", next(t for t in topics if t.id == hit.id)


def find_storyline(store, text: str) -> str | None:
    """A stored storyline's name: exact (any case), else the one clear fit as `pick_named`
    picks it (`AmbiguousName` when several fit, or none names most of the typed words)."""
    names = list(store.storyline_signatures())
    folded = text.strip().casefold()
    for name in names:
        if name.casefold() == folded:
            return name
    if not names:
        return None
    counts = {s["name"]: s["count"] for s in store.storyline_summaries()}
    named = [Named("storyline", k, name, counts.get(name, 0)) for k, name in enumerate(names)]
    hit = pick_named(text, named)
    return hit.label if hit else None


def _timeline_topic(topic_id: int, label: str, items: list, **flags) -> Topic:
    """A Topic standing for statements shown as one timeline (an issue's, a storyline's)."""
    return Topic(id=topic_id, label=label, count=len(items),
                 first_seen=items[0].date if items else None,
                 last_seen=items[-1].date if items else None,
                 ministries=sorted({it.ministry for it in items if it.ministry}), **flags)


def issue_as_topic(store, issue: dict):
    """An issue shown as one timeline: a Topic holding the union of its topics' statements."""
    from datetime import date

    items = []
    for tid in issue["topics"]:
        items.extend(store.topic_items(tid))
    items.sort(key=lambda it: (it.date or date.min, it.entry_key, it.index))
    topic = _timeline_topic(issue["id"], issue["label"], items, pinned=issue["pinned"],
                            watched=issue["watched"], issue_id=issue["id"],
                            issue_label=issue["label"])
    return topic, items


def storyline_as_topic(store, name: str):
    """A storyline shown as one timeline: (a Topic standing for it, its statements in order)."""
    items = store.storyline_items(name)
    return _timeline_topic(0, name, items), items


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
