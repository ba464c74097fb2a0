"""A background call's ground rules run the room: they are no substance of a statement, a
statement made only of them is procedural, and the sentences that only look like them stay."""
from __future__ import annotations

import pytest

from briefdash.models import QAItem
from briefdash.topics.grouping import Grouper, State
from briefdash.topics.terms import TermExtractor
from briefdash.transcripts.procedural import (
    is_courtesy_or_moderation,
    is_procedural_statement,
    without_the_room,
)

GROUND_RULES = [
    "As a reminder, this call is on background, attributable to a “senior administration official.”",
    "Today's call will be on background and the contents are embargoed until the end of the call.",
    "For your awareness but not for reporting, our speaker today is [senior official].",
    "Not for reporting but just for your knowledge, joining us again is [senior official].",
    "Before I turn it over to the speaker, let me just do the ground rules really quickly.",
    "With that, I will pass it off to [senior official].",
    "Over to you for some opening comments.",
    "We'll have some remarks at the top and then take as many questions as we can.",
    "Eastern tomorrow, Monday, September 12.",
    "On today's call, we have [senior official] and [senior official].",
]

SUBSTANCE = [
    "Will the ministers agree an oil embargo on Ostland this week?",
    "A senior administration official told us the talks stalled. Is that right?",
    "For your information, the harbour fees rise on Monday for all foreign ships.",
    "The committee will answer questions from farmers on the grain plan.",
    "We have concerns about the naval drills near Korsa.",
]


@pytest.mark.parametrize("sentence", GROUND_RULES)
def test_ground_rules_run_the_room(sentence):
    assert is_courtesy_or_moderation(sentence)


@pytest.mark.parametrize("sentence", SUBSTANCE)
def test_sentences_that_only_look_like_ground_rules_keep_their_substance(sentence):
    assert not is_courtesy_or_moderation(sentence)


def test_a_statement_of_ground_rules_alone_is_procedural():
    rules = " ".join(GROUND_RULES[:3] + GROUND_RULES[5:7])
    assert is_procedural_statement(rules)
    preview = rules + " The summit will launch a grain corridor from Ostland to Korsa."
    assert not is_procedural_statement(preview)
    assert without_the_room(preview) == "The summit will launch a grain corridor from Ostland to Korsa."


def _statement(text: str) -> QAItem:
    return QAItem(index=0, kind="statement", question="", answer=text, ministry="Veloria MFA")


def test_a_statements_terms_leave_its_ground_rules_out():
    g = Grouper(State(), TermExtractor())
    rules = " ".join(GROUND_RULES[:4])
    terms = g.term_kinds(_statement(rules + " The grain corridor from Ostland opens in May."))[0]
    assert "grain corridor" in terms or "corridor" in terms
    assert not {"background", "embargoed", "reporting", "awareness", "speaker"} & set(terms)
