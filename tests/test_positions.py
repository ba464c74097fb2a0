"""How positions move: novel and dropped wording, restatements, stock phrases and their dates."""
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from briefdash.models import QAItem, Topic
from briefdash.topics.positions import build_timeline, novel_spans

V = "Veloria MFA"
A = "Astrand MFA"


def item(day, answer, ministry=V, position="", idx=0):
    return QAItem(index=idx, kind="qa", question="On the Korsa Strait?", answer=answer,
                  position=position, date=date(2026, 5, day), ministry=ministry,
                  entry_key=f"{ministry}-{day}", id=f"{ministry}-{day}-{idx}")


ANSWERS = [
    (1, "Veloria is closely following the situation in the Korsa Strait. "
        "We urge all parties to exercise restraint.",
     "We urge all parties to exercise restraint."),
    (8, "Veloria firmly opposes the naval patrols in the Korsa Strait. "
        "We urge all parties to exercise restraint.",
     "Veloria firmly opposes the naval patrols in the Korsa Strait."),
    (15, "Veloria firmly opposes the naval patrols in the Korsa Strait. "
         "We urge all parties to exercise restraint.",
     "Veloria firmly opposes the naval patrols in the Korsa Strait."),
    (22, "Veloria will take resolute countermeasures to defend its sovereignty. "
         "We urge all parties to exercise restraint.",
     "Veloria will take resolute countermeasures to defend its sovereignty."),
]


def timeline(extra=()):
    items = [item(d, a, position=p) for d, a, p in ANSWERS] + list(extra)
    return build_timeline(Topic(id=1, label="Korsa Strait"), items)


def test_novel_wording_is_exactly_what_is_new():
    tl = timeline()
    new = [e.new_phrases for e in tl.entries]
    assert new[0] == []  # the first statement is the baseline
    # most of the clause is new: the whole clause, not "… naval patrols" cut before its place
    assert new[1] == ["Veloria firmly opposes the naval patrols in the Korsa Strait"]
    assert new[2] == []
    assert new[3] == ["Veloria will take resolute countermeasures to defend its sovereignty"]
    for e in tl.entries:
        for p in e.new_phrases:
            assert p.lower() in e.item.answer.lower()


def test_dropped_wording_is_the_previous_stance_no_longer_used():
    tl = timeline()
    assert tl.entries[3].dropped_phrases == ["Veloria firmly opposes the naval patrols in the Korsa Strait"]
    assert tl.entries[2].dropped_phrases == []


def test_restatement_is_recognised():
    tl = timeline()
    assert [e.restatement for e in tl.entries] == [False, False, True, False]


def test_stock_phrase_first_appearance_is_dated_right():
    tl = timeline()
    stock = {s.phrase: s for s in tl.stock_phrases}
    s = stock["urge all parties to exercise restraint"]
    assert (s.ministry, s.count, s.first_seen, s.last_seen) == (V, 4, date(2026, 5, 1), date(2026, 5, 22))
    assert "urge all parties to exercise restraint" in tl.entries[0].first_formulas
    # used in only two briefings: not (yet) a formula; a place name alone is no formula either
    assert not any("firmly opposes" in p for p in stock)
    assert "korsa strait" not in stock
    assert list(stock) == ["urge all parties to exercise restraint"]


def test_each_ministry_has_its_own_history():
    other = item(9, "Astrand firmly opposes the naval patrols in the Korsa Strait.", ministry=A)
    tl = timeline([other])
    e = next(e for e in tl.entries if e.item.ministry == A)
    assert e.new_phrases == []  # Astrand's first statement: its baseline, whatever Veloria said


def test_entries_are_chronological():
    tl = timeline([item(3, "Astrand has no comment.", ministry=A)])
    dates = [e.item.date for e in tl.entries]
    assert dates == sorted(dates)


def test_novel_spans_stay_within_sentences():
    seen: set[tuple[str, ...]] = set()
    assert novel_spans("Veloria recalls its envoy. Astrand closes the border crossings.", seen) == \
        ["Veloria recalls its envoy", "Astrand closes the border crossings"]



_words = st.sampled_from("Veloria firmly opposes the patrols in Korsa Strait We urge restraint "
                         "İstanbul STRASSE ß naïve — . ; ! ? \n resolute countermeasures".split(" "))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_words, min_size=1, max_size=30).map(" ".join), min_size=2, max_size=6))
def test_new_phrases_are_always_verbatim_in_their_answer(answers):
    items = [item(i + 1, a) for i, a in enumerate(answers)]
    tl = build_timeline(Topic(id=1, label="x"), items)
    for e in tl.entries:
        for p in e.new_phrases:
            assert p.lower() in e.item.answer.lower()
        for p in e.dropped_phrases:
            assert p
