"""Labels made of a topic's key phrases: no officials' or reporters' names, no conversation."""
from datetime import date, timedelta

import pytest

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


# ---- the people of a store, kept between processes ---------------------------------------------
def _briefing(store, key, title, people, content=None):
    """One entry whose statements are spoken by `people` ((speaker, asker) pairs), stored as
    an ingest stores it (names then made canonical)."""
    from datetime import UTC, datetime

    from briefdash.models import Entry
    from briefdash.topics.editions import link_editions

    entry = Entry(key=key, title=title, link=f"https://m.example/{key}", feed_url="feed",
                  content=content or f"<p>{key}</p>", published=datetime(2026, 7, 28, tzinfo=UTC))
    store.save_entry(entry, [QAItem(index=k, kind="qa", question=f"question {k} of {key}",
                                    answer=f"answer {k}", speaker=s, asker=a)
                             for k, (s, a) in enumerate(people)])
    link_editions(store)


def _as_a_new_process_reads_it(store):
    from briefdash.topics import labels

    labels._PEOPLE_CACHE.clear()
    return labels.people_in_store(store)


def _read_in_full(store):
    from briefdash.topics import labels

    return labels._people_words(set(store.person_names()), labels._title_pairs(store.entry_titles()))


def test_the_people_kept_in_the_store_are_those_a_full_reading_finds_and_appends_read_only_the_new(
        tmp_path, monkeypatch):
    from briefdash.store import Store

    store = Store(tmp_path / "db.sqlite3")
    _briefing(store, "a", "Press Briefing by Spokesperson Mei Tassen", [("Mei Tassen", "Reuters")])
    assert _as_a_new_process_reads_it(store) == _read_in_full(store)

    # a briefing added: its asker's first name comes from its title alone, and only what is new
    # is read (the whole store is not)
    _briefing(store, "b", "Briefing with Lena Marsh", [("Mei Tassen", "Ms. Marsh"), ("Mei Tassen", None)])
    full = _read_in_full(store)
    assert "lena" in full and "marsh" in full
    with monkeypatch.context() as m:
        m.setattr(Store, "person_names", lambda self: pytest.fail("read every name again"))
        m.setattr(Store, "entry_titles", lambda self: pytest.fail("read every title again"))
        assert _as_a_new_process_reads_it(store) == full

    # an older briefing replaced: read in full again
    _briefing(store, "a", "Briefing with Tom Okafor", [("Mei Tassen", "Mr. Okafor")],
              content="<p>a, corrected</p>")
    full = _read_in_full(store)
    assert "tom" in full
    assert _as_a_new_process_reads_it(store) == full

    # replaced again, its statements now the newest (same ids, stored in the same second): the
    # entry's content tells; read in full again
    _briefing(store, "a", "Briefing with Ana Rivas", [("Mei Tassen", "Ms. Rivas")],
              content="<p>a, corrected twice</p>")
    full = _read_in_full(store)
    assert "ana" in full and "tom" not in full
    assert _as_a_new_process_reads_it(store) == full
    store.close()
