"""Storylines: every statement naming a name or its aliases, plus the follow-ups that continue
it; several storylines per statement; declared issues are storylines and change nothing else."""
from __future__ import annotations

import contextlib
import io
import json
import tomllib

from briefdash.cli import main
from briefdash.config import load_config
from briefdash.library import Library, ingest, regroup_all
from briefdash.topics.storylines import Row, Storyline, compile_names, match_rows, members
from helpers_library import rss_feed


def _cli(lib_dir, *argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(lib_dir), *argv]) == 0
    return out.getvalue()


def _row(n, question, answer="", *, entry=1, follows=None, kind="qa") -> Row:
    return Row(n=n, uid=f"u{n}", entry=entry, index=n, kind=kind, question=question,
               answer=answer, follows=follows)


BRIEFING = [
    _row(0, "What is your comment on the shelling near Dravik?", "We call for restraint."),
    _row(1, "And will the ministry send envoys there?", "We are studying it."),  # opener
    _row(2, "A follow-up on the convoy.", "No more to add.", follows=1),  # marked follow-up
    _row(3, "Can you update us on the grain talks with Ostland?", "Talks continue."),
    _row(4, "Does the Dravikan delegation arrive on Friday?", "Yes."),  # not Dravik: another word
    _row(5, "Thank you. (Inaudible.)", "", kind="procedural"),
    _row(6, "On a different topic, the Dravik's harbour fees?", "We answered that."),  # names it
    _row(7, "Switching topics, what about the port strike?", "No comment."),  # says it leaves
    _row(8, "Any news on the Ostland tariffs?", "See the statement.", entry=2),
    _row(9, "And on the shelling in Dravik, casualties?", "None reported.", entry=2),
]


def test_a_storyline_holds_what_names_it_and_its_follow_ups_and_nothing_else():
    found = match_rows(BRIEFING, [Storyline("Dravik", ["Dravik shelling"])])["Dravik"]
    assert found == {0: True, 1: False, 2: False, 6: True, 9: True}
    # the unnamed ones continue a named statement; nothing in another briefing does
    assert not any(found[n] for n in (1, 2))


def test_names_match_word_bounded_in_any_case_plural_and_possessive_chinese_as_substring():
    pattern = compile_names(["Kyiv", "Zelenskyy", "乌克兰", "US"])
    assert pattern is not None
    for text in ("kyiv's mayor", "two KYIVs", "President Zelenskyy’s visit", "关于乌克兰局势",
                 "the US position"):
        assert pattern.search(text), text
    for text in ("Kyivstar shares", "Zelenskyyan", "tell us more", "乌克"):
        assert not pattern.search(text), text


def test_follow_ups_reach_at_most_a_few_statements_and_never_past_a_gap():
    rows = [_row(0, "On Dravik: the ceasefire?")] + [_row(k, "And then?") for k in range(1, 8)]
    assert sorted(members(rows, {0})) == [0, 1, 2, 3]
    gap = [_row(0, "On Dravik: the ceasefire?"), _row(5, "And then?")]
    assert sorted(members(gap, {0})) == [0]


FEED = rss_feed("Veloria MFA (storyline test)", [
    ("pc-2026-04-01", "Regular Press Conference on April 1, 2026", "Wed, 01 Apr 2026 08:00:00 +0000",
     "Q: What is your response to the floods in Marrowick and the Selden dam?\n\n"
     "A: Veloria sends relief convoys to Marrowick and inspects the Selden dam.\n\n"
     "Q: And how many engineers will go?\n\n"
     "A: Forty engineers leave tomorrow.\n\n"
     "Q: Can you comment on the orchestra tour?\n\n"
     "A: The tour is a cultural exchange."),
])
NEXT = rss_feed("Veloria MFA (storyline test)", [
    ("pc-2026-04-08", "Regular Press Conference on April 8, 2026", "Wed, 08 Apr 2026 08:00:00 +0000",
     "Q: Has the water behind the Selden dam gone down?\n\n"
     "A: The reservoir is falling and the dam holds.\n\n"
     "Q: What about the new ambassador to Ostland?\n\n"
     "A: The nomination will be announced."),
])


def _library(tmp_path, storylines: str = ""):
    d = tmp_path / "lib"
    d.mkdir()
    if storylines:
        (d / "config.toml").write_text(storylines, encoding="utf-8")
    feed = tmp_path / "first.xml"
    feed.write_text(FEED, encoding="utf-8")
    lib = Library.open(str(d))
    ingest(lib, [str(feed)])
    return d, lib


def test_one_statement_in_two_storylines_and_new_briefings_join_at_ingest(tmp_path):
    d, lib = _library(tmp_path, '[storylines]\n"Marrowick floods" = ["Marrowick"]\n'
                                '"Selden dam" = ["Selden"]\n')
    try:
        first = lib.store.storyline_members()
        assert len(first["Marrowick floods"]) == 2  # named, and the "And…" follow-up
        assert first["Selden dam"][0] == first["Marrowick floods"][0]  # one statement, both
        nxt = tmp_path / "next.xml"
        nxt.write_text(NEXT, encoding="utf-8")
        ingest(lib, [str(nxt)])
        after = lib.store.storyline_members()
        assert len(after["Selden dam"]) == len(first["Selden dam"]) + 1
        assert after["Marrowick floods"] == first["Marrowick floods"]
        by_item = lib.store.storylines_by_item()
        assert by_item[first["Selden dam"][0]] == ["Marrowick floods", "Selden dam"]
    finally:
        lib.close()
    data = json.loads(_cli(d, "topics", "--json"))
    items = [it for t in data["topics"] for it in t["items"]]
    tour = next(it for it in items if "orchestra" in it["question"])
    assert tour["storylines"] == []
    assert sorted(it["storylines"] for it in items if "Marrowick" in it["question"]) == \
        [["Marrowick floods", "Selden dam"]]


def test_storylines_cli_json_shape_timeline_search_and_export(tmp_path):
    d, lib = _library(tmp_path)
    lib.close()
    _cli(d, "storylines", "add", "Selden dam", "Selden", "Marrowick")
    data = json.loads(_cli(d, "storylines", "list", "--json"))
    assert list(data) == ["storylines"]
    (s,) = data["storylines"]
    assert set(s) == {"name", "aliases", "status", "count", "items"}
    assert s["name"] == "Selden dam" and s["aliases"] == ["Selden", "Marrowick"]
    assert s["status"] == "accepted" and s["count"] == len(s["items"]) == 2
    topics = json.loads(_cli(d, "topics", "--json"))
    ids = {it["id"] for t in topics["topics"] for it in t["items"]}
    assert set(s["items"]) <= ids
    tl = json.loads(_cli(d, "timeline", "storyline:selden dam", "--json"))
    assert [e["id"] for e in tl["entries"]] == s["items"]
    found = json.loads(_cli(d, "search", "engineers", "--storyline", "Selden dam", "--json"))
    assert [r["id"] for r in found["results"]] == [s["items"][1]]
    assert json.loads(_cli(d, "search", "orchestra", "--storyline", "Selden dam", "--json"))[
        "results"] == []
    md = _cli(d, "export", "storyline:Selden dam", "-o", "-")
    assert "Selden dam" in md and "orchestra" not in md
    cfg = tomllib.loads((d / "config.toml").read_text(encoding="utf-8"))
    assert cfg["storylines"] == {"Selden dam": ["Selden", "Marrowick"]}
    _cli(d, "storylines", "remove", "Selden dam")
    assert json.loads(_cli(d, "storylines", "list", "--json")) == {"storylines": []}
    assert all(it["storylines"] == [] for t in json.loads(_cli(d, "topics", "--json"))["topics"]
               for it in t["items"])


def test_declaring_and_removing_an_issue_leaves_the_library_as_it_was(demo_library):
    issues_before = _cli(demo_library, "issues", "--json")
    topics_before = _cli(demo_library, "topics", "--json")
    out = _cli(demo_library, "issues", "declare", "Strait crisis", "Korsa Strait", "frigate")
    assert "Strait crisis" in out
    assert _cli(demo_library, "issues", "--json") == issues_before  # nothing reshuffled
    held = json.loads(_cli(demo_library, "storylines", "list", "--json"))["storylines"]
    assert [s["name"] for s in held] == ["Strait crisis"] and held[0]["count"] > 0
    topics = json.loads(_cli(demo_library, "topics", "--json"))
    named = [it for t in topics["topics"] for it in t["items"] if "Strait crisis" in it["storylines"]]
    assert len(named) == held[0]["count"]
    assert all("korsa strait" in (it["question"] + it["answer"]).lower() or
               "frigate" in (it["question"] + it["answer"]).lower() or
               not any(w in (it["question"] + it["answer"]).lower() for w in ("korsa", "frigate"))
               for it in named)
    _cli(demo_library, "issues", "undeclare", "Strait crisis")
    assert _cli(demo_library, "issues", "--json") == issues_before
    assert _cli(demo_library, "topics", "--json") == topics_before


def test_issues_declared_in_config_are_read_as_storylines(tmp_path):
    d = tmp_path / "lib"
    d.mkdir()
    (d / "config.toml").write_text('[issues]\n"Dam" = ["Selden dam"]\n', encoding="utf-8")
    cfg = load_config(d / "config.toml")
    assert cfg.storylines == {"Dam": ["Selden dam"]} and cfg.issues == {}


def test_an_accepted_suggestion_survives_refresh_and_regroup(demo_library, tmp_path):
    suggested = json.loads(_cli(demo_library, "storylines", "suggest", "--json"))["storylines"]
    assert suggested and all(s["status"] == "suggested" and s["count"] == len(s["items"])
                             for s in suggested)
    first = suggested[0]
    _cli(demo_library, "storylines", "accept", first["name"])
    listed = json.loads(_cli(demo_library, "storylines", "list", "--json"))["storylines"]
    assert [(s["name"], s["aliases"], s["status"]) for s in listed] == \
        [(first["name"], first["aliases"], "accepted")]
    before = listed[0]["items"]
    assert set(first["items"]) <= set(before)  # suggestion counted what acceptance holds
    again = json.loads(_cli(demo_library, "storylines", "suggest", "--json"))["storylines"]
    assert first["name"] not in [s["name"] for s in again]
    lib = Library.open(str(demo_library))
    try:
        regroup_all(lib)
    finally:
        lib.close()
    nxt = tmp_path / "more.xml"
    nxt.write_text(rss_feed("More", [
        ("pc-2027-01-05", "Regular Press Conference on January 5, 2027",
         "Tue, 05 Jan 2027 08:00:00 +0000",
         f"Q: Any update on {first['name']}?\n\nA: We follow {first['name']} closely.")]),
        encoding="utf-8")
    _cli(demo_library, "ingest", str(nxt))
    after = json.loads(_cli(demo_library, "storylines", "list", "--json"))["storylines"]
    assert after[0]["name"] == first["name"]
    assert after[0]["items"][:-1] == before and len(after[0]["items"]) == len(before) + 1


def test_a_dismissed_suggestion_is_not_suggested_again(demo_library):
    suggested = json.loads(_cli(demo_library, "storylines", "suggest", "--json"))["storylines"]
    name = suggested[0]["name"]
    _cli(demo_library, "storylines", "dismiss", name)
    again = json.loads(_cli(demo_library, "storylines", "suggest", "--json"))["storylines"]
    assert name not in [s["name"] for s in again]
    assert load_config(demo_library / "config.toml").dismissed_storylines == [name]


def test_fetch_reports_new_statements_on_storylines(tmp_path):
    from briefdash.watch import watched_news

    d, lib = _library(tmp_path, '[storylines]\n"Selden dam" = ["Selden"]\n')
    try:
        assert watched_news(lib.store).per_storyline == []  # first look: nothing new yet
        nxt = tmp_path / "next.xml"
        nxt.write_text(NEXT, encoding="utf-8")
        ingest(lib, [str(nxt)])
        news = watched_news(lib.store)
        assert news.per_storyline == [("Selden dam", 1)]
        assert "Selden dam (storyline): 1 new" in "\n".join(news.lines())
        assert watched_news(lib.store).per_storyline == []
    finally:
        lib.close()


def test_suggestions_read_follow_up_marks_as_matching_would_find_them(demo_library):
    """Suggestions count follow-ups from the marks kept at ingest; matching the statements
    themselves (as accepting does) finds the same ones."""
    from briefdash.store import Store
    from briefdash.topics import storylines as sl

    store = Store(demo_library / "briefdash.sqlite3")
    try:
        stories = sl.suggest(store)
        named = {s.name: store.statements_naming(sl.fts_words(s.names)) - store.procedural_numbers()
                 for s in stories}
        by_rows = [sl.Storyline(s.name, s.aliases) for s in stories]
        sl._add_follow_ups_by_rows(store, by_rows, named, sl.FollowRules())
        assert [s.items for s in by_rows] == [s.items for s in stories]
        assert any(len(s.items) > len(named[s.name]) for s in stories)  # follow-ups were added
    finally:
        store.close()
