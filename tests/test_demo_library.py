"""The demo corpus as a user sees it after `briefdash --demo`: every item placed, positions found,
issues grouped well."""
import json
from collections import Counter, defaultdict
from pathlib import Path

from briefdash.library import Library

LABELS = Path(__file__).parent / "data" / "demo_labels.json"


def test_positions_are_found_and_verbatim(demo_library):
    lib = Library.open(str(demo_library))
    items = [it for it in lib.store.items_in_order() if it.answer.strip()]
    with_position = [it for it in items if it.position]
    assert len(with_position) / len(items) >= 0.90
    assert all(it.position in it.answer for it in with_position)


def test_every_item_is_in_exactly_one_topic(demo_library):
    lib = Library.open(str(demo_library))
    items = lib.store.items_in_order()
    assert len(items) >= 1000
    assert all(it.topic_id is not None for it in items)
    assert sum(t.count for t in lib.store.topics()) == len(items)


def test_recurring_issues_mostly_land_in_one_topic(demo_library):
    """For each recurring issue, the topic holding most of its items holds at least 60 %."""
    lib = Library.open(str(demo_library))
    labels = json.loads(LABELS.read_text())
    by_guid = defaultdict(list)
    for it in lib.store.items_in_order():
        by_guid[it.entry_key.rsplit("#", 1)[-1]].append(it)
    per_issue: defaultdict[str, Counter[int | None]] = defaultdict(Counter)
    for guid, recs in labels.items():
        texts = {" ".join((it.question or it.answer).split()[:6]).lower(): it
                 for it in by_guid.get(guid, [])}
        for r in recs:
            start = (r["question_start"] or r["answer_start"]).lower()
            found = texts.get(" ".join(start.split()[:6]))
            if found is not None and not r["issue"].startswith("oneoff"):
                per_issue[r["issue"]][found.topic_id] += 1
    assert len(per_issue) >= 12
    shares = {issue: c.most_common(1)[0][1] / sum(c.values()) for issue, c in per_issue.items()}
    assert sum(shares.values()) / len(shares) >= 0.75, shares
    assert min(shares.values()) >= 0.5, shares
