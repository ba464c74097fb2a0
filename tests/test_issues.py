"""Source-aware term weights and issues above topics."""
import json
import random
from datetime import date, timedelta

from briefdash.library import Library, regroup_all
from briefdash.models import QAItem
from briefdash.topics.grouping import Params
from briefdash.topics.issues import roll_up
from helpers_library import database_at_version

# Words for filler items of the other ministry: each filler item talks about its own things.
_VOCAB = ("harbour lighthouse orchard railway bakery glacier quarry tannery vineyard canal "
          "observatory textile ferry brewery sawmill granary foundry aqueduct meadow kiln "
          "pottery saddle lantern compass tapestry anvil barley clover thistle juniper").split()


def _item(key: str, index: int, day: int, question: str, answer: str, ministry: str) -> QAItem:
    it = QAItem(index=index, kind="qa", question=question, answer=answer,
                date=date(2026, 3, 1) + timedelta(days=day), ministry=ministry)
    it.entry_key = key
    it.id = f"{key}#{index}"
    return it


def _mixed_store_items() -> tuple[list[QAItem], QAItem, QAItem]:
    """A ministry whose every answer names its own country, among another ministry's items."""
    rng = random.Random(7)
    items = []
    for day in range(80):
        for k in range(4):  # the other ministry: many items that never name Velmora
            w = rng.sample(_VOCAB, 4)
            items.append(_item(f"other{day}", k, day, f"What about the {w[0]} and the {w[1]}?",
                               f"The {w[2]} and the {w[3]} are being reviewed.", "Harbour Office"))
        subject = f"Zor{day:02d}dax"  # each MFA question on a matter of its own
        items.append(_item(f"mfa{day}", 0, day, f"How does Velmora see the {subject} matter?",
                           f"Velmora's position on {subject} is consistent. Velmora will keep "
                           f"talking about {subject}.", "Velmora MFA"))
    landslide = _item("mfa90", 0, 90, "A landslide hit Orvan. Is Velmora sending help?",
                      "Velmora mourns. Velmora stands with Orvan. Velmora will help.",
                      "Velmora MFA")
    islands = _item("mfa91", 0, 91, "Tessaly signed a fisheries pact. Velmora's view?",
                    "Velmora welcomes it. Velmora supports Tessaly. Velmora is a friend.",
                    "Velmora MFA")
    return items + [landslide, islands], landslide, islands


def test_a_ministrys_own_name_weighs_little_in_its_items_and_still_counts_elsewhere():
    from briefdash.topics.grouping import Grouper, State
    from briefdash.topics.terms import TermExtractor

    items, landslide, islands = _mixed_store_items()
    items.append(_item("other99", 0, 99, "Will the harbour office meet Velmora's envoy?",
                       "The envoy from Velmora is welcome at the harbour.", "Harbour Office"))
    g = Grouper(State(), TermExtractor())
    g.place_items(items)
    mfa, other = "velmora mfa", "harbour office"
    assert g.idf("velmora", mfa) < 0.5 * g.idf("velmora", other)
    assert g.idf("landslide", mfa) > 3 * g.idf("velmora", mfa)  # a rare word keeps its weight
    vec = g.vector(g.term_kinds(landslide)[0], mfa)
    plain = Grouper(State(), TermExtractor(), Params(source_prior=0.0))
    plain.place_items(items)
    assert plain.idf("velmora", mfa) == plain.idf("velmora", other)
    plain_vec = plain.vector(plain.term_kinds(landslide)[0], mfa)
    # weighed by the whole store, the name is a large part of every MFA item
    assert plain_vec["velmora"] > 2 * vec.get("velmora", 0.0)


def test_roll_up_joins_threads_of_one_storyline_and_keeps_others_apart():
    profiles = {
        1: {"korsa strait": 3.0, "patrol": 2.0, "frigate": 1.0},
        2: {"korsa strait": 2.5, "fishing boat": 2.0, "patrol": 0.5},
        3: {"selva dam": 3.0, "reservoir": 2.0},
        4: {"korsa strait": 1.0, "frigate": 2.0, "escort": 1.0},
    }
    sizes = {1: 10, 2: 4, 3: 6, 4: 2}
    issue = roll_up(profiles, sizes)
    assert issue[1] == issue[2] == issue[4]
    assert issue[3] != issue[1]


def _topics_json(lib_dir):
    import contextlib
    import io

    from briefdash.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(lib_dir), "topics", "--json"]) == 0
    return json.loads(out.getvalue())


def test_every_topic_rolls_up_into_an_issue_that_survives_a_regroup(demo_library):
    before = _topics_json(demo_library)["topics"]
    assert before and all(t["issue"] and t["issue"]["id"] and t["issue"]["label"] for t in before)
    # far fewer issues than topics would mean nothing; some topics share an issue
    issues = {t["issue"]["id"] for t in before}
    assert len(issues) <= len(before)
    lib = Library.open(str(demo_library))
    try:
        regroup_all(lib)
    finally:
        lib.close()
    after = _topics_json(demo_library)["topics"]
    issue_before = {t["id"]: t["issue"]["id"] for t in before}
    issue_after = {t["id"]: t["issue"]["id"] for t in after}
    kept = sum(1 for tid, iid in issue_before.items() if issue_after.get(tid) == iid)
    assert kept >= 0.9 * len(issue_before)


def _schema3_store(path) -> None:
    """A store as a version before issues wrote it: schema 3, one grouped-nowhere item."""
    con = database_at_version(path, 3)
    con.execute("INSERT INTO entries(key, title, content, content_hash) VALUES('k', 't', 'c', 'h')")
    con.execute("INSERT INTO items(uid, entry_id, idx, kind, date, question, answer) VALUES"
                "('k#0', 1, 0, 'qa', '2026-03-02', 'Will the Korsa Strait patrols go on?', "
                "'The Korsa Strait patrols are lawful and will go on.')")
    con.commit()
    con.close()


def test_a_store_from_before_issues_is_regrouped_once_on_upgrade(tmp_path):
    from briefdash.store import SCHEMA_VERSION, Store

    path = tmp_path / "old.sqlite3"
    _schema3_store(path)
    s = Store(path)
    assert s.schema_version == SCHEMA_VERSION
    assert s.get_state("needs_regroup") == "1"


def _cli(lib_dir, *argv) -> str:
    import contextlib
    import io

    from briefdash.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(lib_dir), *argv]) == 0
    return out.getvalue()


def test_a_declared_issue_is_a_storyline_and_moves_no_topic(demo_library):
    before = _topics_json(demo_library)["topics"]
    out = _cli(demo_library, "issues", "declare", "Strait crisis", "Korsa Strait", "frigate")
    assert "declared 'Strait crisis'" in out
    after = _topics_json(demo_library)["topics"]
    assert [(t["id"], t["issue"]) for t in after] == [(t["id"], t["issue"]) for t in before]
    # its statements are those naming its terms (and their follow-ups), whatever their topic
    named = [it for t in after for it in t["items"] if "Strait crisis" in it["storylines"]]
    assert named and any("korsa strait" in (it["question"] + it["answer"]).lower() for it in named)
    # declared issues live in config.toml (as storylines) and survive a regroup
    assert "[storylines]" in (demo_library / "config.toml").read_text()
    lib = Library.open(str(demo_library))
    try:
        regroup_all(lib)
    finally:
        lib.close()
    again = [it["id"] for t in _topics_json(demo_library)["topics"] for it in t["items"]
             if "Strait crisis" in it["storylines"]]
    assert sorted(again) == sorted(it["id"] for it in named)


def test_issue_curation_survives_refresh_and_regroup(demo_library):
    data = json.loads(_cli(demo_library, "issues", "--json"))["issues"]
    big, other = data[0], data[1]
    _cli(demo_library, "issues", "rename", str(big["id"]), "My storyline")
    _cli(demo_library, "issues", "pin", str(other["id"]))
    moved = other["topics"][0]
    _cli(demo_library, "issues", "move", str(moved), str(big["id"]))
    for _ in range(2):  # once as is, once after a full regroup
        issues = {i["id"]: i for i in json.loads(_cli(demo_library, "issues", "--json"))["issues"]}
        assert issues[big["id"]]["label"] == "My storyline"
        assert moved in issues[big["id"]]["topics"]
        if other["id"] in issues:
            assert issues[other["id"]]["pinned"]
        lib = Library.open(str(demo_library))
        try:
            regroup_all(lib)
        finally:
            lib.close()
    # an issue's timeline is the union of its topics
    tl = json.loads(_cli(demo_library, "timeline", f"issue:{big['id']}", "--json"))
    topics = {t["id"]: t for t in _topics_json(demo_library)["topics"]}
    issue_now = next(i for i in json.loads(_cli(demo_library, "issues", "--json"))["issues"]
                     if i["id"] == big["id"])
    assert len(tl["entries"]) == sum(topics[t]["count"] for t in issue_now["topics"])
    dates = [e["date"] for e in tl["entries"]]
    assert dates == sorted(dates)


def test_search_within_an_issue_keeps_only_its_statements(demo_library):
    data = json.loads(_cli(demo_library, "issues", "--json"))["issues"]
    issue = data[0]
    hits = json.loads(_cli(demo_library, "search", "the", "--issue", str(issue["id"]), "--json",
                           "--limit", "500"))["results"]
    assert hits and all(h["topic_id"] in issue["topics"] for h in hits)
    everything = json.loads(_cli(demo_library, "search", "the", "--json", "--limit", "500"))
    assert len(everything["results"]) > len(hits)


def test_opening_an_old_library_regroups_it_once_with_issues(tmp_path, capsys):
    from briefdash.config import Paths

    path = Paths.resolve(tmp_path / "lib").database
    path.parent.mkdir(parents=True, exist_ok=True)
    _schema3_store(path)
    lib = Library.open(str(tmp_path / "lib"))
    try:
        err = capsys.readouterr().err
        assert "upgrading" in err and "regrouping the library once" in err
        assert lib.store.get_state("needs_regroup") == "0"
        topics = lib.store.topics()
        assert len(topics) == 1 and topics[0].issue_id is not None and topics[0].issue_label
    finally:
        lib.close()
    lib = Library.open(str(tmp_path / "lib"))  # the second time: nothing to do, nothing said
    lib.close()
    assert capsys.readouterr().err == ""


def test_briefings_ingested_one_feed_at_a_time_roll_up_into_existing_issues(tmp_path):
    """The daily case: a library that has issues takes in another feed. Its topics join the
    issues already stored (whose profiles are loaded as their posting lists are read) instead
    of failing on an issue named in a posting list whose profile was never loaded."""
    from pathlib import Path

    import briefdash
    from briefdash.library import ingest

    feeds = sorted((Path(briefdash.__file__).parent / "demo" / "feeds").glob("*.xml"))
    assert len(feeds) >= 3
    lib = Library.open(str(tmp_path / "lib"))
    try:
        for feed in feeds:
            res = ingest(lib, [str(feed)])[0]
            assert res.ok, res.error
        issue_of = lib.store.topic_issue_ids()
        assert issue_of and all(iid is not None for iid in issue_of.values())
        ministries_per_issue: dict[int, set[str]] = {}
        for t in lib.store.topics():
            iid = issue_of[t.id]
            assert iid is not None
            ministries_per_issue.setdefault(iid, set()).update(t.ministries)
        # later feeds joined issues the first ones started
        assert max(len(m) for m in ministries_per_issue.values()) >= 3
    finally:
        lib.close()
