"""Labels made of a topic's key phrases: no officials' or reporters' names, no conversation."""
from datetime import date, timedelta

from briefdash.models import QAItem
from briefdash.topics.grouping import Grouper, State
from briefdash.topics.labels import CONVERSATIONAL, key_phrases, topic_label
from briefdash.topics.terms import TermExtractor

DEBT = [
    ("Hey, Karine, happy Friday. Where do the debt ceiling talks stand?",
     "Karine, the President wants a clean debt ceiling increase, and Congress must act."),
    ("Karine, I guess the Speaker says the debt ceiling needs spending cuts. Your response?",
     "We will not negotiate over the debt ceiling: default is not an option."),
    ("Wow, Karine, another meeting on the debt ceiling today?",
     "The debt ceiling meeting with congressional leaders is at four o'clock."),
    ("Does the Treasury still see an X-date for the debt ceiling in early June?",
     "Treasury has said the debt ceiling could be reached in early June."),
]


def _items(rows, ministry="The White House", speaker="Karine Jean-Pierre", asker="Peter Doocy"):
    items = []
    for k, (q, a) in enumerate(rows):
        it = QAItem(index=k, kind="qa", question=q, answer=a, ministry=ministry, speaker=speaker,
                    asker=asker, date=date(2023, 5, 1) + timedelta(days=k))
        it.entry_key, it.id = f"b{k}", f"b{k}#0"
        items.append(it)
    return items


def _one_topic(items):
    """The items' profile as one topic (as a user's merge would make it)."""
    g = Grouper(State(), TermExtractor())
    for it in items:
        tf, kinds, _ = g.term_kinds(it)
        g.state.add_document({t: kinds.get(t, 0) for t in tf})
    for it in items:
        g.state.add_to_topic(1, g.vector(g.term_kinds(it)[0]), it.date.toordinal())
    return 1, g.state


def test_a_recurring_phrase_leads_the_label_and_names_and_chatter_stay_out():
    items = _items(DEBT)
    tid, state = _one_topic(items)
    n = state.n_docs + 20.0

    def idf(word):
        import math
        return math.log(n / (state.df.get(word, 0) + 1))

    label = topic_label(state.profile(tid), state.kind, items, idf, people={"karine"})
    assert label.lower().startswith("debt ceiling"), label
    words = {w.strip("·").lower() for w in label.split()}
    assert not words & {"karine", "jean-pierre", "peter", "doocy", "hey", "happy", "guess", "wow"}


def test_without_the_store_names_a_speaker_in_the_text_still_never_labels():
    # the reporter's and the official's names come from the items themselves
    items = _items(DEBT, speaker="Ms. Jean-Pierre", asker="Karine Example")
    tid, state = _one_topic(items)
    label = topic_label(state.profile(tid), state.kind, items, lambda w: 5.0)
    assert "karine" not in label.lower() and "jean-pierre" not in label.lower()


def test_key_phrases_keep_their_written_form_and_numbers_inside_names():
    texts = ["Title 42 expulsions end on Thursday.", "Will Title 42 be extended by the court?",
             "The Title 42 order stays in place.", "Nothing about it here."]
    phrases = key_phrases(texts, lambda w: 4.0, excluded=set())
    assert phrases and phrases[0][0] == "Title 42"


def test_conversational_words_are_a_closed_list_of_chatter():
    assert {"hey", "happy", "guess", "wow", "teasing", "worse"} <= CONVERSATIONAL
    assert not {"ceiling", "border", "sanctions", "tariff"} & CONVERSATIONAL
