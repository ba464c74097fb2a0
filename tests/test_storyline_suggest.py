"""Suggested storylines: names, never first names or common words; aliases by spelling; two
names said together suggested as one; an issue's subject term only when it is the issue's own."""
from __future__ import annotations

from dataclasses import replace

from briefdash.library import Library, ingest
from briefdash.topics import storylines as sl
from helpers_library import rss_feed


# ---- how a word is written ---------------------------------------------------------------------
def test_a_word_in_many_longer_names_is_a_name_one_longer_name_makes_it_a_part():
    texts = ["Ships crossed the Ardent Strait near Ardent again.",
             "The Ardent Province said it will hold talks.",
             "We oppose any move by Velorian Ardent forces.",
             "The Ardent Council met, and the Ardent Affairs Office spoke.",
             "We urge calm; Ardent is close."]
    # said beside "Strait", "Province", "Velorian", "Council", "Affairs": no one longer name
    assert sl.word_usage("Ardent", texts)[1] <= 0.5
    first_name = ["Tobias Krell met the envoy.", "Later Tobias Krell spoke.",
                  "As Tobias Krell said, we agree.", "Tobias Krell declined."]
    assert sl.word_usage("Tobias", first_name)[1] > 0.5  # always "Tobias Krell": a part


def test_a_common_word_is_seen_in_its_plural_too():
    texts = ["Partner countries met.", "Our partners agreed.", "We thank our partners.",
             "The partners will meet; partners matter."]
    lower, _inside = sl.word_usage("partner", texts)
    assert lower > 0.5  # "partners" in lower case counts


class _NameCounts:
    def __init__(self, counts):
        self.counts = counts

    def term_name_counts(self, terms):
        return [(t, *self.counts[t]) for t in terms if t in self.counts]


def test_only_terms_written_as_names_are_candidates():
    top = [("ostland", 40, 1), ("partner", 60, 1), ("court", 30, 1)]
    store = _NameCounts({"ostland": (38, 0), "partner": (6, 0), "court": (1, 20)})
    kept = sl._written_as_names(store, top, sl.SuggestParams())
    assert [t for t, _d, _k in kept] == ["ostland"]  # "court": lower case outside "Supreme Court"
    assert sl._written_as_names(_NameCounts({}), top, sl.SuggestParams()) == top  # no counts


# ---- two names said together -------------------------------------------------------------------
def _cand(term, hits):
    return sl._Candidate(term, 1, set(hits), [term])


def test_two_names_each_mostly_said_with_the_other_are_also_one_storyline():
    p = replace(sl.SuggestParams(), pair_min=3)
    ost, mar = _cand("ostland", range(0, 10)), _cand("marrow", range(4, 14))  # 6 of 10 each
    fleet = _cand("fleet", range(0, 6))  # all beside "ostland", but ostland is rarely beside it
    no: list[str] = []
    heads = [(ost, set(ost.hits), no), (mar, set(mar.hits), no), (fleet, set(fleet.hits), no)]
    out = [sl.Storyline("Ostland"), sl.Storyline("Marrow"), sl.Storyline("Fleet")]
    named = {"Ostland": ost.hits, "Marrow": mar.hits, "Fleet": fleet.hits}
    sl._add_pairs(heads, out, named, set(), p)
    pairs = [s for s in out if "·" in s.name]
    assert [s.name for s in pairs] == ["Ostland · Marrow"]
    assert named["Ostland · Marrow"] == set(range(14))
    assert {"Ostland", "Marrow"} <= set(pairs[0].aliases)
    few = [(_cand("a", range(2)), {0, 1}, no), (_cand("b", range(2)), {0, 1}, no)]
    out2 = [sl.Storyline("A"), sl.Storyline("B")]
    sl._add_pairs(few, out2, {}, set(), sl.SuggestParams())  # two statements pair by chance
    assert len(out2) == 2


# ---- an issue's subject term -------------------------------------------------------------------
class _IssueStore:
    """Three issues, each led by one term: a reporter's first name, a word said everywhere,
    and a subject word said mostly inside its issue."""

    people = ["Jake Morrow"]

    def __init__(self):
        self.issue_members = {1: set(range(0, 20)), 2: set(range(20, 40)), 3: set(range(40, 60))}
        self.hits = {"jake": set(range(0, 15)),
                     "testing": set(range(20, 32)) | set(range(100, 300)),  # 12 of 212 here
                     "harbour": set(range(40, 55)) | set(range(300, 320))}  # 15 of 35 here
        self.text = {"jake": "Jake asked again.", "testing": "More testing is planned.",
                     "harbour": "The harbour fees rose."}

    def issues(self):
        return [{"id": i} for i in (1, 2, 3)]

    def issue_profiles(self, ids):
        lead = {1: "jake", 2: "testing", 3: "harbour"}
        return {i: {lead[i]: 1.0} for i in ids}

    def issue_statement_numbers(self, ids):
        return {i: set(self.issue_members[i]) for i in ids}

    def procedural_numbers(self):
        return set()

    def person_names(self):
        return self.people

    def term_doc_frequencies(self, terms):
        return [(t, len(self.hits[t]), 0 if t != "jake" else 1) for t in terms]

    def statements_naming(self, word_lists):
        return set().union(*(self.hits[w[0]] for w in word_lists))

    def statement_texts(self, numbers):
        return [next(self.text[t] for t, h in self.hits.items() if n in h) for n in numbers]


def test_an_issue_term_is_never_a_persons_word_nor_a_word_said_everywhere():
    out: list[sl.Storyline] = []
    named: dict[str, set[int]] = {}
    p = replace(sl.SuggestParams(), issue_max_share=0.5)
    sl._add_issue_storylines(_IssueStore(), p, 1000, out, named, set())
    assert [s.name for s in out] == ["harbour"]  # lower case, as it is written


# ---- the whole suggestion on a small library ----------------------------------------------------
FILLER = [("What about the orchestra tour of {x}?", "The orchestra plays in {x} in June."),
          ("Is the new railway to {x} on schedule?", "The railway to {x} opens soon."),
          ("Will the museum in {x} lend its paintings?", "The museum in {x} agreed to lend them.")]
PLACES = ["Brisa", "Cordel", "Dunmere", "Essling", "Falkor", "Garrow", "Helvik", "Istra",
          "Jorvale", "Kestov", "Lumen", "Morvath", "Norbeck", "Orlin", "Pellan", "Quarry",
          "Rusk", "Selmar"]


def _briefing(day: int, pairs: list[tuple[str, str]]):
    pairs = pairs + [(q.format(x=PLACES[(day - 1) * 3 + k]), a.format(x=PLACES[(day - 1) * 3 + k]))
                     for k, (q, a) in enumerate(FILLER)]
    body = "\n\n".join(f"Q: {q}\n\nA: {a}" for q, a in pairs)
    return (f"pc-2026-05-{day:02d}", f"Regular Press Conference on May {day}, 2026",
            f"Fri, {day:02d} May 2026 08:00:00 +0000", body)


FEED = rss_feed("Veloria MFA (suggestion test)", [
    _briefing(1, [("Will President Zelvenskyy of Marrow visit the Kestrel Strait?",
                   "We have invited President Zelvenskyy and we welcome his visit."),
                  ("What is the partner position on grain exports to Ostland?",
                   "Our partners support grain exports to Ostland and we stay in touch.")]),
    _briefing(2, [("Has Zelvensky accepted the invitation to the Kestrel Strait?",
                   "Zelvensky has accepted; the visit starts next week."),
                  ("Any news on the grain convoys to Ostland?",
                   "The grain convoys reached Ostland on Monday, our partners said.")]),
    _briefing(3, [("Did Zelvenskyy sign the Kestrel Strait accord?",
                   "Yes, Zelvenskyy signed it with our minister."),
                  ("Will the Ostland grain corridor reopen?",
                   "The Ostland grain corridor reopens when the partners agree.")]),
    _briefing(4, [("Zelvensky said the accord protects fishermen. Do you agree?",
                   "We agree with Zelvensky that fishermen need protection."),
                  ("How many grain ships left for Ostland?",
                   "Twelve grain ships left for Ostland this week.")]),
    _briefing(5, [("Is President Zelvenskyy coming back in the autumn?",
                   "President Zelvenskyy is always welcome here.")]),
    _briefing(6, [("Reports say Zelvensky fell ill. Can you confirm?",
                   "We wish Zelvensky a quick recovery.")]),
])


def test_suggestions_find_spelling_aliases_and_no_common_word(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, encoding="utf-8")
    lib = Library.open(str(tmp_path / "lib"))
    try:
        ingest(lib, [str(feed)])
        stories = sl.suggest(lib.store, lib.config)
    finally:
        lib.close()
    names = {s.name.lower(): s for s in stories}
    assert "ostland" in names
    zel = next(s for s in stories if "zelvenskyy" in {n.lower() for n in s.names})
    assert "zelvensky" in {n.lower() for n in zel.names}  # one storyline, both spellings
    assert len(zel.items) >= 4
    assert not any(s.name.lower() in ("partner", "partners") for s in stories)
