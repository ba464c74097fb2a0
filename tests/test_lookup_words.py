"""Lookups weigh the typed words a name covers: a short label contained in a longer query
("Taiwan" in "Pelosi Taiwan trip") is not taken for it; a label naming more of the words wins;
when none names most of them the CLI lists the closest and exits 2 (storylines too)."""
from __future__ import annotations

import json

import pytest

from briefdash.errors import AmbiguousName
from briefdash.topics.lookup import Named, content_words, covered_count, pick_named
from helpers_feeds import no_internet  # noqa: F401
from test_analyst_cli import _library, run


def test_content_words_and_coverage():
    assert content_words("the Pelosi trip to Taiwan") == ["pelosi", "trip", "taiwan"]
    assert covered_count(["pelosi", "taiwan", "trip"], "Taiwan") == 1
    assert covered_count(["pelosi", "taiwan", "trip"], "Pelosi · Taiwanese visit") == 2
    assert covered_count(["ukrane", "war"], "War · Ukraine") == 2  # a near spelling counts


def test_a_short_label_inside_a_longer_query_is_not_taken_for_it():
    taiwan = Named("issue", 1, "Taiwan", 40)
    hatch = Named("topic", 9, "Hatch Act · violation", 30)
    with pytest.raises(AmbiguousName) as exc:
        pick_named("Pelosi Taiwan trip", [taiwan, hatch])
    assert exc.value.partial and [c[1] for c in exc.value.candidates] == [1]


def test_the_label_naming_more_typed_words_wins():
    taiwan = Named("issue", 1, "Taiwan", 40)
    visit = Named("topic", 5, "Pelosi · Taiwan · visit", 12)
    picked = pick_named("Pelosi Taiwan trip", [taiwan, visit])
    assert picked is not None and (picked.kind, picked.id) == ("topic", 5)
    # one typed word: the fuzzy rules as before (an issue outranks a topic)
    assert pick_named("taiwan", [visit, taiwan]).id == 1  # type: ignore[union-attr]


def test_cli_lists_the_closest_when_no_label_names_most_words(tmp_path, capsys):
    d = _library(tmp_path)
    code, out, err = run(capsys, "--data-dir", d, "timeline", "Brittney Griner prison swap",
                         "--json")
    assert code == 2
    data = json.loads(out)
    assert data["error"] == "ambiguous" and data["partial"] is True
    assert [c["label"] for c in data["candidates"]] == ["Griner detention"]
    assert "closest" in err
    # naming most of the words opens it
    code, out, _ = run(capsys, "--data-dir", d, "timeline", "Griner detention appeal", "--json")
    assert code == 0 and json.loads(out)["topic"]["label"] == "Griner detention"


def test_storylines_are_looked_up_by_the_shared_picker(tmp_path, capsys):
    d = _library(tmp_path)
    assert run(capsys, "--data-dir", d, "storylines", "add", "Griner", "Brittney Griner")[0] == 0
    code, out, _ = run(capsys, "--data-dir", d, "timeline", "storyline:Grinner", "--json")
    assert code == 0 and json.loads(out)["topic"]["label"] == "Griner"
    code, out, err = run(capsys, "--data-dir", d, "timeline", "storyline:Griner trade deal",
                         "--json")
    assert code == 2 and json.loads(out)["partial"] is True
    assert "storyline:Griner" in err


def test_a_far_bigger_label_sharing_only_a_short_word_is_no_rival():
    hatch = Named("issue", 3, "Hatch Act · event", 12)
    inflation = Named("issue", 7, "Inflation Reduction Act · Democrats", 109)
    picked = pick_named("Hatch Act", [hatch, inflation])
    assert picked is not None and picked.id == 3
