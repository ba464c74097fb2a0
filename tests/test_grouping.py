"""Topic grouping: follow-ups, aliases, stable ids, curation kept, incremental == regroup."""
from datetime import UTC, date, datetime, timedelta

import pytest

from briefdash.library import Library, ingest, regroup_all
from briefdash.models import QAItem
from briefdash.topics import curation
from briefdash.topics.grouping import Grouper, State, group_in_memory
from briefdash.topics.terms import TermExtractor, strip_courtesies

ISSUES = {
    "korsa": [
        ("What is your response to the naval patrols in the Korsa Strait by the Royal Strait Navy?",
         "Veloria firmly opposes the patrols in the Korsa Strait and urges restraint."),
        ("Has the Royal Strait Navy moved more frigates into the Korsa Strait this week?",
         "The Korsa Strait patrols threaten navigation. We urge the Royal Strait Navy to withdraw."),
        ("Will Veloria escort merchant ships through the Korsa Strait after the frigate incident?",
         "We will take resolute measures to protect shipping in the Korsa Strait."),
    ],
    "dam": [
        ("Downstream farmers say the Selva Dam reservoir is cutting river flow. Your comment?",
         "The Selva Dam is a clean energy project and the river commission keeps flow data open."),
        ("Will the Selva River Commission meet about the dam's reservoir filling schedule?",
         "The Selva River Commission will meet and the reservoir filling of the dam stays on schedule."),
    ],
    "tariffs": [
        ("Astrand raised tariffs on Velorian steel and aluminium to 40 percent. Will you retaliate?",
         "We oppose unilateral steel tariffs and reserve the right to take countermeasures."),
        ("Has the WTO panel on the steel tariffs issued its ruling yet?",
         "The WTO panel on steel and aluminium tariffs is still deliberating."),
    ],
}


def briefing_items(day: int, plan: list[tuple[str, int]], ministry="Veloria MFA",
                   follow_up: bool = False) -> list[QAItem]:
    items: list[QAItem] = []
    for k, (issue, variant) in enumerate(plan):
        q, a = ISSUES[issue][variant % len(ISSUES[issue])]
        items.append(QAItem(index=len(items), kind="qa", question=q, answer=a,
                            date=date(2026, 5, 1) + timedelta(days=day), ministry=ministry))
        if follow_up and k == 0:
            items.append(QAItem(index=len(items), kind="qa", question="Follow-up: And when?",
                                answer="I have nothing more to add.", follows=len(items) - 1,
                                date=date(2026, 5, 1) + timedelta(days=day), ministry=ministry))
    for it in items:
        it.entry_key = f"b{day}-{ministry}"
        it.id = f"{it.entry_key}-{it.index}"
    return items


def test_follow_up_inherits_its_topic():
    items = briefing_items(0, [("korsa", 0), ("dam", 0)], follow_up=True)
    topics, _ = group_in_memory(items)
    assert items[1].follows == 0
    assert topics[1] == topics[0]
    assert topics[2] != topics[0]


def test_same_issue_across_briefings_and_ministries_groups_together():
    items = (briefing_items(0, [("korsa", 0), ("dam", 0), ("tariffs", 0)])
             + briefing_items(3, [("tariffs", 1), ("korsa", 1)], ministry="Astrand MFA")
             + briefing_items(7, [("dam", 1), ("korsa", 2)]))
    topics, _ = group_in_memory(items)
    by_issue: dict[str, set[int]] = {}
    for it, t in zip(items, topics, strict=True):
        issue = next(k for k, v in ISSUES.items() if any(it.question == q for q, _ in v))
        by_issue.setdefault(issue, set()).add(t)
    assert all(len(ts) == 1 for ts in by_issue.values()), by_issue
    assert len({next(iter(ts)) for ts in by_issue.values()}) == 3


def test_aliases_fold_names_together():
    ex = TermExtractor({"Velorian Navy": "royal strait navy"})
    assert ("north korea", True) in ex.terms("The DPRK launched a missile.")
    assert ("north korea", True) in ex.terms("North Korea launched a missile.")
    assert ("united states", True) in ex.terms("The U.S. and the US agree.")
    assert ("royal strait navy", True) in ex.terms("the Velorian Navy sailed")
    assert ex.terms("Sanctions") == ex.terms("sanction")


def test_acronyms_keep_a_final_capital_s_and_aliases_are_names():
    from briefdash.topics.labels import display

    ex = TermExtractor()
    terms = dict(ex.terms("HHS and the IRS met NGOs from the PRC."))
    assert {t: terms.get(t) for t in ("hhs", "irs", "ngo", "china", "hh", "ir")} == \
        {"hhs": 2, "irs": 2, "ngo": 2, "china": True, "hh": None, "ir": None}
    assert display("hhs", 2) == "HHS"
    assert display("china", int(terms["china"])) == "China"  # not "CHINA"


def test_numbers_belong_to_names_and_codes_are_names():
    from briefdash.topics.labels import display

    terms = dict(TermExtractor().terms("Will Title 42 end before the G20? F-16 jets, 5 cases, in 2022."))
    assert terms.get("title 42") is True and display("title 42", 1) == "Title 42"
    assert terms.get("g20") == 2 and display("g20", 2) == "G20"
    assert terms.get("f-16") == 2
    assert not any(t.isdigit() or t.endswith((" 5", " 2022")) for t in terms)


def test_courtesies_are_not_terms():
    assert strip_courtesies("Thanks, Jen. On Ukraine —") == "On Ukraine —"
    assert strip_courtesies("Thank you, Karine. And on gas prices?") == "And on gas prices?"


def test_candidates_come_from_the_index_not_from_every_topic(monkeypatch):
    """With hundreds of unrelated topics, an item is fully scored against a handful only."""
    state = State()
    g = Grouper(state)
    for i in range(300):
        g.place(QAItem(index=0, kind="qa", question=f"Question about zyx{i} and qwv{i}?",
                       answer=f"Answer on zyx{i}.", date=date(2026, 1, 1), entry_key=f"e{i}"))
    calls = []
    real = Grouper.score

    def counted(self, *a, **k):
        calls.append(1)
        return real(self, *a, **k)

    monkeypatch.setattr(Grouper, "score", counted)
    g.place(QAItem(index=0, kind="qa", question="What about zyx7?", answer="zyx7 matters.",
                   date=date(2026, 1, 2), entry_key="new"))
    assert 0 < len(calls) <= g.p.max_candidates + 2


# ---- through the store ----------------------------------------------------------------------
FEED_HEAD = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Veloria MFA</title>"""


def write_feed(path, days: list[int], plans: dict[int, list[tuple[str, int]]]):
    parts = [FEED_HEAD]
    for day in days:
        d = datetime(2026, 5, 1, 9, tzinfo=UTC) + timedelta(days=day)
        paras = []
        for issue, v in plans[day]:
            q, a = ISSUES[issue][v % len(ISSUES[issue])]
            paras += [f"<p>Q: {q}</p>", f"<p>A: {a}</p>"]
        parts.append(f"""<item><title>Press Conference on {d:%B %d, %Y}</title>
<link>https://mfa.veloria.example/{day}</link><guid>day-{day}</guid>
<pubDate>{d:%a, %d %b %Y %H:%M:%S} GMT</pubDate>
<content:encoded><![CDATA[{''.join(paras)}]]></content:encoded></item>""")
    parts.append("</channel></rss>")
    path.write_text("\n".join(parts))
    return path


PLANS = {0: [("korsa", 0), ("dam", 0)], 2: [("tariffs", 0), ("korsa", 1)],
         5: [("dam", 1), ("tariffs", 1)], 9: [("korsa", 2), ("dam", 0)]}


def snapshot(lib):
    return {it.id: it.topic_id for it in lib.store.items_in_order()}


@pytest.fixture
def lib(tmp_path):
    lib = Library.open(str(tmp_path / "d"))
    yield lib
    lib.close()


def test_ids_stable_when_more_briefings_arrive_and_incremental_equals_regroup(lib, tmp_path):
    for day in sorted(PLANS):  # one briefing at a time, in date order
        ingest(lib, [str(write_feed(tmp_path / f"f{day}.xml", [day], PLANS))])
        if day == 2:
            early = snapshot(lib)
    later = snapshot(lib)
    assert all(later[u] == t for u, t in early.items())
    assert len(set(later.values())) == 3  # korsa, dam, tariffs
    regroup_all(lib)
    assert snapshot(lib) == later


def test_curation_survives_refresh_and_regroup(lib, tmp_path):
    ingest(lib, [str(write_feed(tmp_path / "a.xml", [0, 2], PLANS))])
    items = lib.store.items_in_order()
    korsa = items[0].topic_id
    dam = items[1].topic_id
    tariffs = next(it.topic_id for it in items if "tariff" in it.question)
    curation.rename(lib.store, korsa, "Korsa Strait standoff")
    curation.set_flag(lib.store, dam, "pin")
    curation.merge(lib.store, tariffs, dam)  # the user decides trade and the dam are one story
    moved = items[-1].id  # the day-2 Korsa item, moved to the dam topic by hand
    curation.move(lib.store, moved, dam)
    ingest(lib, [str(write_feed(tmp_path / "b.xml", [5, 9], PLANS))])
    for round_ in ("refresh", "regroup"):
        if round_ == "regroup":
            regroup_all(lib)
        store = lib.store
        assert store.topic(korsa).label == "Korsa Strait standoff"
        assert store.topic(dam).pinned
        assert not store.topic_exists(tariffs)
        assert store.item(moved).topic_id == dam
        assert all(it.topic_id == dam for it in store.items_in_order() if "tariff" in it.question)


def test_chinese_items_group_by_bigrams():
    zh = [("请问中方对科萨海峡巡逻有何回应？", "中方坚决反对在科萨海峡的巡逻行动。"),
          ("科萨海峡的紧张局势是否升级？", "我们敦促有关方面在科萨海峡保持克制。"),
          ("关于塞尔瓦大坝蓄水，中方有何评论？", "塞尔瓦大坝是清洁能源项目。")]
    items = []
    for i, (q, a) in enumerate(zh):
        items.append(QAItem(index=0, kind="qa", question=q, answer=a, date=date(2026, 5, 1 + i * 3),
                            entry_key=f"zh{i}", id=f"zh{i}"))
    topics, _ = group_in_memory(items)
    assert topics[0] == topics[1] != topics[2]
