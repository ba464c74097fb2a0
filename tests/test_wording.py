"""Wording an analyst can use: new phrases are whole phrases of substance, stock phrases are a
ministry's formulas, not the conversation of the briefing room. Crafted answers, exact output."""
from datetime import date

from briefdash.models import QAItem, Topic
from briefdash.topics.positions import Tokens, build_timeline, novel_spans, stock_phrases

V = "Veloria MFA"
BASELINE = "Veloria has made its position on the Korsa Strait clear. We urge all parties to exercise restraint."


def seen(*texts):
    out = set()
    for t in texts:
        out |= Tokens(t).gram_set()
    return out


def test_discourse_markers_and_glue_never_open_or_close_a_phrase():
    new = novel_spans("Look, the situation is serious. First, let me say this. Veloria will not "
                      "hesitate to respond to any provocation in the Korsa Strait. So, well, again.",
                      seen(BASELINE))
    assert new == ["situation is serious",
                   "Veloria will not hesitate to respond to any provocation in the Korsa Strait"]


def test_moderation_and_the_speaker_talking_are_not_new_wording():
    new = novel_spans("Okay, go ahead. I'll take your last question. I don't have anything for you "
                      "on that today. Well, I think we have said what we had to say at this point in "
                      "time. Veloria will not hesitate to respond. Why would Veloria hold back its navy?",
                      seen(BASELINE))
    assert new == ["Veloria will not hesitate to respond"]


def test_a_speakers_frame_goes_and_the_statement_stays():
    new = novel_spans("I can tell you that Veloria will not hesitate to respond. I think it is hard to "
                      "argue otherwise. I don't think that Astrand will send its frigates.",
                      seen(BASELINE))
    assert new == ["Veloria will not hesitate to respond"]  # not "Astrand will send its frigates"


def test_a_run_is_never_cut_inside_a_phrase():
    before = seen("The coast guard reported the collision to the harbour authorities of Port Lessa "
                  "yesterday.")
    new = novel_spans("As I said yesterday, relevant information is being verified by the harbour "
                      "authorities of Port Lessa, and Veloria has deployed two additional patrol vessels.",
                      before)
    assert new == ["relevant information is being verified by the harbour authorities of Port Lessa",
                   "Veloria has deployed two additional patrol vessels"]
    assert not any(p.lower().startswith(("said", "as i")) for p in new)


def test_a_small_new_part_of_a_long_clause_is_finished_not_cut():
    before = seen("Ministers met on the quay. The grain convoys from the southern provinces will reach "
                  "the capital before the winter storms close the mountain passes.")
    new = novel_spans("The grain convoys from the southern provinces will reach the capital before the "
                      "winter storms close the mountain passes and the northern ferry routes.", before)
    # "passes and the northern ferry" would be the bare run; the phrase ends where its clause does
    assert new == ["mountain passes and the northern ferry routes"]


def test_numbers_abbreviations_and_titles_do_not_split_a_clause():
    new = novel_spans("The U.S. delegation wants 6,000 tonnes more grain delivered before winter, "
                      "Mr. Varo confirmed on Monday.", seen("The weather was fine."))
    assert new == ["U.S. delegation wants 6,000 tonnes more grain delivered before winter",
                   "Mr. Varo confirmed on Monday"]


def test_a_name_alone_or_too_little_substance_is_no_phrase():
    new = novel_spans("Secretary of State Dalen Orr. Thank you so much. At this point in time, no. "
                      "Astrand navy vessels left the strait.", seen("Nothing."))
    assert new == ["Astrand navy vessels left the strait"]


def brief(day, answer, ministry=V):
    return QAItem(index=0, kind="qa", question="On the strait?", answer=answer, date=date(2026, 5, day),
                  ministry=ministry, entry_key=f"b{day}", id=f"b{day}-0")


CHATTER = [
    "Okay, go ahead. Well, I think I don't have anything for you at this point in time.",
    "Thank you. I don't have anything to announce. Well, I think that's all at this point in time.",
    "Okay, go ahead. I'm not going to get ahead of the Secretary of State on that.",
]


def test_stock_phrases_are_formulas_not_conversation():
    items = []
    for day in range(1, 6):
        items.append(brief(day, CHATTER[day % 3] + " I'm not going to get ahead of the Secretary of "
                           "State. Veloria firmly opposes any interference in its internal affairs "
                           "and upholds the one-Veloria principle."))
    items.append(brief(9, "Veloria firmly opposes any interference in its internal affairs."))
    stock = stock_phrases(items)
    phrases = [s.phrase for s in stock]
    # the spokesperson's own recurring line is a formula too (issue #23), without its "I'm"
    assert phrases == ["Veloria firmly opposes any interference in its internal affairs and upholds "
                       "the one-Veloria principle",
                       "not going to get ahead of the Secretary of State"]
    assert [s.count for s in stock] == [5, 5]
    for junk in ("don’t have anything", "don't have anything", "Okay, go ahead", "Well, I think",
                 "point in time", "I'm not"):
        assert not any(junk.lower() in p.lower() for p in phrases)


def test_stock_phrases_are_listed_by_count_and_shorter_duplicates_are_folded():
    texts = ["Veloria calls for the early resumption of talks under the memorandum of understanding.",
             "The memorandum of understanding stands. Veloria calls for the early resumption of talks "
             "under the memorandum of understanding.",
             "Veloria calls for the early resumption of talks under the memorandum of understanding.",
             "The memorandum of understanding stands. Astrand fishing fleets must respect the quotas.",
             "Astrand fishing fleets must respect the quotas. Astrand fishing fleets must respect the "
             "quotas.",
             "Astrand fishing fleets must respect the quotas.",
             "Astrand fishing fleets must respect the quotas."]
    stock = stock_phrases([brief(d + 1, t) for d, t in enumerate(texts)])
    assert [(s.phrase, s.count) for s in stock] == [
        ("Astrand fishing fleets must respect the quotas", 4),  # by count, not by length
        ("Veloria calls for the early resumption of talks under the memorandum of understanding", 3)]
    assert [s.count for s in stock] == sorted((s.count for s in stock), reverse=True)


def test_new_phrases_in_a_timeline_stay_verbatim_and_of_substance():
    answers = [BASELINE,
               "Look, the — the thing is, first, let me say this. " + BASELINE,
               "Veloria will not hesitate to respond, and, well, take your last question. " + BASELINE]
    tl = build_timeline(Topic(id=1, label="Korsa"), [brief(d + 1, a) for d, a in enumerate(answers)])
    assert [e.new_phrases for e in tl.entries] == [[], [], ["Veloria will not hesitate to respond"]]


def test_quotation_marks_do_not_cut_a_clause_and_stay_balanced():
    new = novel_spans("The minister will use the word “blockade” tomorrow. Veloria rejects the so-called "
                      "“buffer zone”.", seen("Nothing to see."))
    assert new == ["minister will use the word “blockade” tomorrow",
                   "Veloria rejects the so-called “buffer zone”"]
