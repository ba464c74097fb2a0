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
    assert new == ["the situation is serious",
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
    assert new == ["relevant information is being verified by the harbour authorities of Port Lessa, "
                   "and Veloria has deployed two additional patrol vessels"]  # the frame goes
    assert not any(p.lower().startswith(("said", "as i")) for p in new)


def test_new_wording_is_given_as_its_whole_sentence_never_a_piece_of_one():
    before = seen("Ministers met on the quay. The grain convoys from the southern provinces will reach "
                  "the capital before the winter storms close the mountain passes.")
    sentence = ("The grain convoys from the southern provinces will reach the capital before the "
                "winter storms close the mountain passes and the northern ferry routes")
    # "passes and the northern ferry" would be the bare run: the reader gets what was said
    assert novel_spans(sentence + ".", before) == [sentence]
    # a sentence broken off and picked up again, or a long one, gives no piece of itself
    broken = ("Veloria raised the dredging contracts with the Astrand — with the northern delegation "
              "yesterday.")
    assert novel_spans(broken, before) == []
    long = " ".join(["The northern delegation raised the dredging contracts"] + ["and the ferry tariffs"] * 12)
    assert novel_spans(long + ".", before) == []


def test_numbers_abbreviations_and_titles_do_not_split_a_clause():
    new = novel_spans("The U.S. delegation wants 6,000 tonnes more grain delivered before winter, "
                      "Mr. Varo confirmed on Monday.", seen("The weather was fine."))
    assert new == ["The U.S. delegation wants 6,000 tonnes more grain delivered before winter, "
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
    assert new == ["The minister will use the word “blockade” tomorrow",
                   "Veloria rejects the so-called “buffer zone”"]


# ---- issue #23: wording that moved ---------------------------------------------------------
def moved(*answers, asker=None):
    items = [QAItem(index=0, kind="qa", question="On the strait?", answer=a, date=date(2026, 5, d + 1),
                    ministry=V, entry_key=f"b{d}", id=f"b{d}-0", asker=asker)
             for d, a in enumerate(answers)]
    return build_timeline(Topic(id=1, label="Korsa"), items)


def test_reordered_boilerplate_is_not_new():
    tl = moved("Veloria opposes official interactions of any form between Astrand and the island "
               "authorities.",
               "Veloria opposes any form of official interaction between the island authorities and "
               "Astrand.")
    assert tl.entries[1].new_phrases == []


def test_inflection_is_not_new_but_new_words_are():
    tl = moved("Veloria supported the fishing quotas agreed by the coastal states.",
               "Veloria supports the fishing quota agreement of the coastal state.",
               "Veloria supports the fishing quotas. Astrand trawlers violated the northern spawning "
               "grounds.")
    assert tl.entries[1].new_phrases == []
    assert tl.entries[2].new_phrases == ["Astrand trawlers violated the northern spawning grounds"]


def test_greetings_reporters_names_and_broken_off_words_are_never_new():
    tl = moved("Veloria has made its position on the Korsa Strait clear.",
               "It's so nice to see everybody's beautiful smiling faces this morning. Go ahead, Marisol. "
               "— Marisol, the harbour pilots — we raised the dredging contracts with hi- — with the "
               "Astrand delegation yesterday. Veloria raised the dredging contracts with the Astrand "
               "delegation on the quay.",
               asker="Tomas Quill")
    new = tl.entries[1].new_phrases
    assert new, "the dredging contracts are new"
    for p in new:
        assert "faces" not in p and "Marisol" not in p and "nice to see" not in p
        assert not p.endswith(" hi") and " hi " not in p  # the broken-off "hi-" is no word
    assert any("dredging contracts" in p for p in new)


def test_a_new_phrase_needs_two_new_content_words():
    tl = moved("Veloria urges restraint in the Korsa Strait and supports the talks.",
               "Veloria urges restraint in the Korsa Strait and strongly supports the talks.",
               "Veloria urges restraint in the Korsa Strait and backs the stalled ceasefire negotiations.")
    assert tl.entries[1].new_phrases == []  # one adverb more is no new wording
    assert tl.entries[2].new_phrases != []


def test_a_recurring_formula_is_a_stock_phrase_and_a_fragment_is_not():
    texts = [
        "The Korsa islands are an inalienable part of Veloria's territory. Our navy will be conducting "
        "standard air and maritime patrols near the islands.",
        "Our navy will be conducting standard air and maritime patrols. The Korsa islands are an "
        "inalienable part of Veloria's territory.",
        "The Korsa islands are an inalienable part of Veloria's territory, and our navy will be "
        "conducting standard air, maritime patrols there.",
        "Fishing is open. The Korsa islands are an inalienable part of Veloria's territory.",
    ]
    stock = [s.phrase for s in stock_phrases([brief(d + 1, t) for d, t in enumerate(texts)])]
    assert "Korsa islands are an inalienable part of Veloria's territory" in stock
    assert not any(p.endswith("standard air") for p in stock)


def test_first_said_and_dropped_formulas():
    said = "Veloria calls for the early resumption of the fisheries talks."
    other = ["Astrand trawlers left the bay.", "The ferry line reopened.", "Harbour fees were cut.",
             "The lighthouse was repaired.", "Pilots went on strike."]
    tl = moved(said, said, said + " The border crossings at Vell remain closed.",
               "The border crossings at Vell remain closed. " + other[0],
               "The border crossings at Vell remain closed. " + other[1], other[2], other[3])
    formulas = {f.phrase: f for f in tl.formulas}
    calls = formulas["Veloria calls for the early resumption of the fisheries talks"]
    assert (calls.first_seen, calls.last_seen, calls.dropped) == (date(2026, 5, 1), date(2026, 5, 3), True)
    closed = formulas["border crossings at Vell remain closed"]
    assert (closed.first_seen, closed.dropped) == (date(2026, 5, 3), False)  # said three times lately
    assert [f.first_seen for f in tl.formulas] == sorted(f.first_seen for f in tl.formulas)


def test_a_phrase_never_stops_inside_a_hyphenated_word():
    new = novel_spans("Veloria will deal with the smuggling networks head-on.", seen("Nothing."))
    assert new == ["Veloria will deal with the smuggling networks head-on"]


def test_a_formula_does_not_stop_at_the_subject_of_a_clause_it_opens():
    texts = [f"The decision that Astrand-Plus {verb} hurts the ferry lines." for verb in
             ("took", "made", "announced", "reached")]
    stock = [s.phrase for s in stock_phrases([brief(d + 1, t) for d, t in enumerate(texts)])]
    assert not any(p.endswith("Astrand-Plus") for p in stock)


def test_a_phrase_is_not_cut_before_what_completes_it():
    before = seen("Veloria needed to be ready for the storms on the coast.")
    new = novel_spans("The fleet was moved because the admiralty knew there needed to be ready for the "
                      "storms on the coast.", before)
    assert not any(p.endswith("needed") for p in new)
    new = novel_spans("The judge ruled in a way that certainly anyone, whatever their party, respects.",
                      seen("Nothing."))
    assert not any(p.endswith("anyone") for p in new)


def test_a_phrase_never_drops_the_negation_before_it_or_stops_inside_a_name():
    new = novel_spans("It shouldn't surprise anyone given her exemplary record on the harbour court. "
                      "She was appointed by President Dalen W. Orr in the spring.", seen("Nothing."))
    assert not any(p.lower().startswith("surprise anyone") for p in new)
    assert not any(p.endswith(" W") for p in new)
    new = novel_spans("We don't want fishing families across the northern coast to be stressed about "
                      "the quotas.", seen("Nothing."))
    assert not any(p.lower().startswith("fishing families") for p in new)  # the "don't" is lost


# ---- a long answer's other matters: new wording is kept to the timeline's subject ----------
ON_STRAIT = ("Veloria firmly opposes any provocation in the Korsa Strait.",
             "Veloria firmly opposes any provocation in the Korsa Strait. Astrand warships shadowed "
             "the Korsa Strait ferry convoys overnight.\n\nOn another matter, the Orlen harvest "
             "festival fireworks ordinance takes effect across the northern provinces.")


def strait_items(answers, questions=None):
    questions = questions or ["What about the Korsa Strait patrols?"] * len(answers)
    return [QAItem(index=0, kind="qa", question=q, answer=a, date=date(2026, 5, d + 1), ministry=V,
                   entry_key=f"b{d}", id=f"b{d}-0") for d, (q, a) in enumerate(zip(questions, answers, strict=True))]


def test_new_wording_of_another_matter_in_a_long_answer_is_not_new_on_the_topic():
    items = strait_items(ON_STRAIT)
    without = build_timeline(Topic(id=1, label="Korsa"), items).entries[1].new_phrases
    assert any("fireworks ordinance" in p for p in without)  # new, but not on the strait
    kept = build_timeline(Topic(id=1, label="Korsa"), items,
                          subject=frozenset({"korsa", "strait", "patrol"})).entries[1].new_phrases
    assert kept and all("fireworks" not in p and "harvest" not in p for p in kept)
    assert any("Astrand warships shadowed" in p for p in kept)


class CountingStore:
    """The two reads `timeline_subject` makes of a store: the grouping's document counts."""

    def __init__(self, n_docs, df):
        self.n_docs, self.df = n_docs, df

    def grouping_doc_counts(self):
        return self.n_docs, {}

    def term_doc_frequencies(self, terms):
        return [(t, self.df[t], 0) for t in terms if t in self.df]


def test_the_subject_is_what_reporters_asked_about_far_more_than_the_store_says_it():
    from briefdash.topics.subject import timeline_subject

    questions = ["What about the Korsa Strait patrols and the sanctions?",
                 "Will Veloria answer the Korsa Strait patrols with sanctions?",
                 "Any reaction to the Korsa ferry convoys?", "And the harvest festival?"]
    items = strait_items(["Veloria opposes provocations."] * 4, questions)
    store = CountingStore(10_000, {"korsa": 40, "strait": 60, "patrol": 90, "sanction": 2_500,
                                   "festival": 3, "harvest": 5, "convoy": 30})
    subject = timeline_subject(store, items)
    assert subject is not None
    assert {"korsa", "strait", "patrol"} <= subject  # asked often, rare in the store
    assert "sanction" not in subject  # asked often here, but the store says it everywhere
    assert "festival" not in subject and "convoy" not in subject  # asked about once
    assert timeline_subject(CountingStore(0, {}), items) is None  # no counts: no subject
    everywhere = CountingStore(10_000, {t: 5_000 for t in store.df})
    assert timeline_subject(everywhere, items) is None  # nothing stands out: nothing is kept out


def test_speech_broken_off_at_a_dash_stuttered_or_turned_round_is_no_phrase():
    new = novel_spans(
        "Historically, detained fishermen from abroad tend to get — just anecdotally — tend to get "
        "longer sentences. Its navy patrols with — with ours in the Korsa Strait and the northern "
        "gulf. The trade envoy stressed at this moment for the for the Veloria harbour workers. "
        "There are no current plans for the Chancellor to travel to Astrand. More grain has been "
        "shipped from the northern ports this month than in all of last year.",
        seen("Nothing."))
    assert not any(p.endswith("tend to get") for p in new)  # broken off at the dash
    assert not any(p.startswith("with ours") for p in new)  # picks up a broken-off "with —"
    assert not any("for the for the" in p for p in new)
    assert not any(p.startswith("current plans") for p in new)  # "no" plans read as plans
    assert not any(p.startswith("grain has been shipped") for p in new)  # "more" grain, lost
    kept = novel_spans("Astrand navy vessels left the Korsa Strait overnight.", seen("Nothing."))
    assert kept == ["Astrand navy vessels left the Korsa Strait overnight"]  # whole: kept


def test_a_short_piece_must_say_something_and_a_pair_it_opens_must_close():
    new = novel_spans(
        "Buyers should take whatever is in the store, barley versus rye, or any brand. A "
        "harbour inquiry has been scheduled. We condemned the vandalism at Orlen chapels. "
        "It reflects a misunderstanding of both the fisheries treaty. It was Sheikh Tamim bin "
        "Hamad of Qaramia. The dredging contracts were frozen, and Veloria will not reopen them.",
        seen("Nothing."))
    assert "barley versus rye" not in new  # a list item alone is not something said
    assert "A harbour inquiry has been scheduled" in new  # short, but said
    assert any("vandalism at Orlen chapels" in p for p in new)
    assert not any("both the fisheries treaty" in p for p in new)  # "both" never closed
    assert not any(p.startswith("Sheikh Tamim") for p in new)  # a name alone
    said = ["Veloria upholds the one-Korsa principle firmly.", "Astrand must respect the one-Korsa "
            "principle at sea.", "Every envoy knows the one-Korsa principle well.", "We urge "
            "observance of the one-Korsa principle today."]
    formula = stock_phrases([QAItem(index=0, kind="qa", question="?", ministry=V, entry_key=f"b{d}",
                                    id=f"b{d}-0", date=date(2026, 5, d + 1), answer=a)
                             for d, a in enumerate(said)])
    assert [s.phrase for s in formula] == ["one-Korsa principle"]  # a formula may be a noun phrase


def test_a_clause_ending_on_what_its_verb_takes_keeps_it():
    new = novel_spans("The northern provinces asked for a new grain corridor, and Veloria has been "
                      "supportive of efforts by the coastal senators to do exactly that.",
                      seen("Nothing."))
    assert any(p.endswith("to do exactly that") for p in new), new


def test_a_phrase_keeps_the_particle_that_ends_it_and_drops_a_cut_list_of_qualities():
    new = novel_spans("Veloria is announcing harbour measures today to speed the grain shipments up. "
                      "The envoy named a range of credible, seasoned negotiators for the talks. "
                      "The minister will consult the fishermen not only with the council's consent, "
                      "but with its advice.", seen("Nothing."))
    assert any(p.endswith("speed the grain shipments up") for p in new), new
    assert not any(p.endswith("credible") for p in new)  # the list of qualities goes on
    assert not any(p.endswith("council's consent") for p in new)  # "not only" without its "but"


def test_a_phrase_does_not_drop_the_no_of_its_clause_or_stop_on_its_verb():
    new = novel_spans("Nothing has changed in the harbour accord that guides the northern fleets. "
                      "There is no need for this kind of sabre-rattling over the reef. "
                      "The tribunal ruling on the quotas essentially means that the trawlers stay.",
                      seen("Nothing."))
    assert not any(p.startswith("changed in the harbour accord") for p in new), new
    assert not any(p.startswith("for this kind of sabre-rattling") for p in new), new
    assert "The tribunal ruling on the quotas essentially means that the trawlers stay" in new


def test_a_name_with_a_number_keeps_its_number():
    said = ["Veloria will keep Article 12 in force at the border for now.",
            "The lifting of Article 12 is a matter for the health ministry to decide.",
            "Nobody expects the lifting of Article 12 before the winter.",
            "After the lifting of Article 12 the border posts reopen."]
    stock = stock_phrases([QAItem(index=0, kind="qa", question="?", ministry=V, entry_key=f"b{d}",
                                  id=f"b{d}-0", date=date(2026, 5, d + 1), answer=a)
                           for d, a in enumerate(said)])
    assert any(s.phrase.endswith("Article 12") for s in stock), [s.phrase for s in stock]
    assert not any(s.phrase.endswith("Article") for s in stock)
