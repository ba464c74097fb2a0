"""`extract_position`: stance sentences, always a verbatim substring of the answer."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefdash.transcripts.position import extract_position, split_sentences


def test_stance_formula_wins_over_first_sentence():
    a = ("Thank you for your question. The delegation arrived on Monday. "
         "Veloria firmly opposes the so-called sanctions and urges Calderon to lift them. The weather was fine.")
    assert extract_position(a) == "Veloria firmly opposes the so-called sanctions and urges Calderon to lift them."


def test_two_consecutive_stance_sentences():
    a = "We condemn the attack. We call on all parties to exercise restraint. Thank you."
    assert extract_position(a) == "We condemn the attack. We call on all parties to exercise restraint."


def test_fallback_to_first_substantive_sentence():
    assert extract_position("Sure. The talks took place in Port Amsel last week.") == "The talks took place in Port Amsel last week."


def test_deflections_and_empty():
    assert extract_position("") == ""
    assert extract_position("   ") == ""
    assert extract_position("I'd refer you to the competent authorities.") == ""
    assert extract_position("Go ahead.") == ""
    assert extract_position("I don't have any information on that. Thank you.") == ""


def test_abbreviations_do_not_split():
    a = "Mr. Vel said the U.S. delegation will arrive. We welcome the visit."
    spans = [a[s:e] for s, e in split_sentences(a)]
    assert spans == ["Mr. Vel said the U.S. delegation will arrive.", "We welcome the visit."]


def test_chinese():
    a = "谢谢。中方坚决反对任何形式的单边制裁。"
    assert extract_position(a) == "中方坚决反对任何形式的单边制裁。"


WORDS = st.sampled_from(
    "we China urges firmly opposes the position is consistent calls on I'd refer you to Mr. U.S. "
    "stands ready welcome . . ? ! \n \n\n 。 坚决反对 ” \" ) ( : ; thank you go ahead sovereignty".split(" ")
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_position_is_substring_random_text(answer):
    pos = extract_position(answer)
    assert pos in answer
    assert pos == "" or pos.strip() == pos


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=80).map(" ".join))
def test_position_is_substring_stance_soup(answer):
    pos = extract_position(answer)
    assert pos in answer


# ---- positions of substance (issue #12) ----------------------------------------------------



@pytest.mark.parametrize("answer,expected", [
    ("Appreciate it. The harbour bill funds dredging for five years.",
     "The harbour bill funds dredging for five years."),
    ("So, a couple of things. The President will sign the compact on Friday with the governors.",
     "The President will sign the compact on Friday with the governors."),
    ("That's a good question. We support the mediation led by the regional council.",
     "We support the mediation led by the regional council."),
    ("I'll come to the back in a second. We oppose any unilateral change to the status quo.",
     "We oppose any unilateral change to the status quo."),
    ("I'm going to keep going.", ""),
    ("Go ahead, Priya. I'll come back to you.", ""),
    ("Thank you. Okay.", ""),
    ("I — I just —", ""),
    ("Appreciate it.", ""),
    ("In terms of what we would do in response? We will not accept the blockade.",
     "We will not accept the blockade."),
    ("De-escalation in what regard?", ""),
])
def test_position_is_never_a_courtesy_or_moderation_line(answer, expected):
    assert extract_position(answer) == expected


def test_without_a_stance_formula_the_position_answers_the_question():
    answer = ("Let me start, but I would love Sam's thoughts on this as well. "
              "The dredging of the harbour channel begins in May.")
    assert extract_position(answer, "When does the dredging of the harbour begin?") == \
        "The dredging of the harbour channel begins in May."
    assert extract_position("The harbour reopens in May. Weather permitting.", "") == "The harbour reopens in May."


def test_a_name_and_an_outlet_is_no_position():
    # the spokesperson calls on a reporter: a label, no view -> none rather than filler
    assert extract_position("Dana Quill, Harbour Times.", "Who is next?") == ""
    assert extract_position("Okay. Sam Ostrow, Daily Courier.") == ""
    assert extract_position("The President of the Harbour Press Association.", "Who's that?") == ""
    # a short answer naming places is an answer, not a label
    assert extract_position("Norvia and the Harbour Republic.", "Which countries will join the talks?") == \
        "Norvia and the Harbour Republic."
    a = "Sam Ostrow, Daily Courier. The tariff will stay in place until the talks resume."
    assert extract_position(a, "Will the tariff stay?") == "The tariff will stay in place until the talks resume."


def test_room_talk_gives_way_to_the_view():
    a = ("I really appreciate it. I think somebody asked a similar question. "
         "We have had direct talks with the council on the tariff.")
    assert extract_position(a, "What about the tariff?") == "We have had direct talks with the council on the tariff."
    assert extract_position("We appreciate that. I'm sure we can get you the exact figure.") == ""


def test_a_remark_on_the_question_is_no_position():
    q = "Will the tariff on harbour imports stay, and when?"
    a = "Because I've answered the tariff question several times today. The tariff stays until the talks resume."
    assert extract_position(a, q) == "The tariff stays until the talks resume."
    assert extract_position("I wouldn't agree with the premise of the question, Lars.", q) == ""


def test_a_greeting_to_the_faces_in_the_room_is_no_position():
    answer = ("Just calling out some especially beautiful faces in the room. The ferry line to "
              "Astrand reopens on Monday.")
    assert extract_position(answer) == "The ferry line to Astrand reopens on Monday."
    assert extract_position("Astrand faces limits on its fishing fleet.") == \
        "Astrand faces limits on its fishing fleet."  # "faces" as a verb is no greeting
