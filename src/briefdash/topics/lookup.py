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
