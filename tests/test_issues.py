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


# ---- issues never mix: a topic joins an issue only on a shared distinctive name ----------------
def _roll(items: list[QAItem]) -> tuple[dict[str, int], dict[str, int], object]:
    """Items grouped into topics and rolled up into issues as a regroup does: item → topic,
    item → issue, and grouping's state."""
    from briefdash.topics.grouping import group_in_memory
    from briefdash.topics.issues import TopicFacts, name_test

    topics, state = group_in_memory(items)
    facts: dict[int, TopicFacts] = {}
    for it, tid in zip(items, topics, strict=True):
        day = it.date.toordinal() if it.date else 0
        f = facts.setdefault(tid, TopicFacts(source=(it.ministry or "").lower(), first=day,
                                             last=day))
        f.first, f.last = min(f.first, day), max(f.last, day)
    up = roll_up(state.profiles, state.count, facts=facts, distinctive=name_test(state))
    return ({it.id: t for it, t in zip(items, topics, strict=True)},
            {it.id: up[t] for it, t in zip(items, topics, strict=True)}, state)


def _filler(rng: random.Random, day: int, ministry: str, n: int = 3) -> list[QAItem]:
    out = []
    for k in range(n):
        w = rng.sample(_VOCAB, 4)
        out.append(_item(f"fill-{ministry[:3]}{day}", k, day, f"What about the {w[0]} and {w[1]}?",
                         f"The {w[2]} and the {w[3]} are under review.", ministry))
    return out


def _thread(key: str, day: int, ministry: str, lines: list[tuple[str, str]]) -> list[QAItem]:
    return [_item(f"{key}{day}", 10 + k, day, q, a, ministry) for k, (q, a) in enumerate(lines)]


def _cosine(state, a: int, b: int) -> float:
    from briefdash.topics.issues import unit

    ua, ub = unit(state.profiles[a]), unit(state.profiles[b])
    return sum(w * ub.get(t, 0.0) for t, w in ua.items())


def test_two_ministries_topics_sharing_only_a_common_word_stay_in_separate_issues():
    rng = random.Random(3)
    items: list[QAItem] = []
    for day in range(0, 40, 2):
        items += _filler(rng, day, "Harbour Office") + _filler(rng, day + 1, "Velmora MFA")
    water = _thread("water", 10, "Harbour Office", [
        ("Will the test of pier water samples be published?", "The pier water samples test is "
         "published; each test is weekly."),
        ("Did the pier water samples fail a test?", "No pier water samples failed the test; "
         "the test is strict."),
        ("Who pays to test pier water samples?", "The pier water samples test is paid by the "
         "port, test by test.")])
    rocket = _thread("rocket", 31, "Velmora MFA", [
        ("Why did Velmora test a rocket from Osk range?", "The rocket test at Osk range was a "
         "routine test."),
        ("Will the Osk range rocket test be repeated?", "Another rocket test at Osk range "
         "would be a routine test."),
        ("Was the rocket test a warning?", "The rocket test at Osk range was only a test.")])
    items = sorted(items + water + rocket, key=lambda it: (it.date, it.entry_key, it.index))
    topic_of, issue_of, state = _roll(items)
    tw, tr = topic_of[water[0].id], topic_of[rocket[0].id]
    assert tw != tr
    # their profiles alone are alike enough to have joined before (the word "test" in both)
    assert _cosine(state, tw, tr) >= 0.15
    assert issue_of[water[0].id] != issue_of[rocket[0].id]


def _counted_state(names: dict[str, int], words: dict[str, int], n_docs: int = 2000):
    """Grouping's counts as a store of `n_docs` items would hold them: `names` written as
    names wherever they occur, `words` never."""
    from briefdash.topics.grouping import State

    state = State()
    state.n_docs = n_docs
    for t, df in {**names, **words}.items():
        state.df[t] = df
        state.name_df[t] = (df if t in names else 0, 0)
    return state


def test_topics_sharing_a_distinctive_name_join_one_issue():
    from briefdash.topics.issues import IssueParams, TopicFacts, name_test

    state = _counted_state({"korsa strait": 40, "velmora": 300},
                           {"frigate": 15, "patrol": 60, "trawler": 12, "netting": 9, "crew": 80})
    profiles = {1: {"korsa strait": 3.0, "frigate": 2.0, "patrol": 2.0},
                2: {"korsa strait": 3.0, "trawler": 2.5, "netting": 2.0, "crew": 1.0, "patrol": 1.0}}
    sizes = {1: 12, 2: 5}
    for other in ("velmora mfa", "harbour office"):  # same ministry, then another
        facts = {1: TopicFacts(source="velmora mfa", first=740_000, last=740_030),
                 2: TopicFacts(source=other, first=740_040, last=740_050)}
        issue = roll_up(profiles, sizes, facts=facts, distinctive=name_test(state))
        assert issue[1] == issue[2]
    # the same threads sharing only a common word ("patrol") stay apart
    plain = {1: {"patrol": 3.0, "frigate": 2.0}, 2: {"patrol": 3.0, "trawler": 2.5, "netting": 2.0}}
    issue = roll_up(plain, sizes, facts=facts, distinctive=name_test(state))
    assert issue[1] != issue[2]
    bare = IssueParams(residual=0.0)  # the lexical rule alone, without the name test: joined
    assert roll_up(plain, sizes, bare)[1] == roll_up(plain, sizes, bare)[2]


def test_topics_more_than_a_year_apart_sharing_only_common_words_stay_apart():
    from briefdash.topics.issues import TopicFacts, name_test

    state = _counted_state({"orvan": 30}, {"fuel": 90, "price": 200, "subsidy": 40,
                                            "farmer": 30, "winter": 50, "diesel": 20})
    sizes = {1: 10, 2: 6}
    early = TopicFacts(source="velmora mfa", first=740_000, last=740_020)
    later = TopicFacts(source="velmora mfa", first=740_450, last=740_460)
    common = {1: {"fuel": 3.0, "price": 3.0, "farmer": 1.0},
              2: {"fuel": 2.5, "price": 2.5, "subsidy": 1.5, "winter": 1.0}}
    assert roll_up(common, sizes)[1] == roll_up(common, sizes)[2]  # alike by their words
    issue = roll_up(common, sizes, facts={1: early, 2: later}, distinctive=name_test(state))
    assert issue[1] != issue[2]
    # a shared name joins them, a year apart too, when it is what both are about
    named = {1: {"orvan": 4.0, "fuel": 3.0, "price": 3.0},
             2: {"orvan": 3.5, "fuel": 2.5, "price": 2.5, "diesel": 1.0}}
    issue = roll_up(named, sizes, facts={1: early, 2: later}, distinctive=name_test(state))
    assert issue[1] == issue[2]
    # …but not when the later topic only mentions it
    mention = {1: named[1], 2: {"fuel": 2.5, "price": 2.5, "diesel": 2.0, "orvan": 1.5}}
    assert roll_up(mention, sizes)[1] == roll_up(mention, sizes)[2]
    issue = roll_up(mention, sizes, facts={1: early, 2: later}, distinctive=name_test(state))
    assert issue[1] != issue[2]


def test_an_issue_label_is_a_name_most_of_its_topics_share():
    from briefdash.topics.labels import shared_names

    kinds = {"orvan": 1, "landslide relief": 1, "mudflow": 1, "rescue": 0}
    names = {"orvan", "landslide relief", "mudflow"}
    # 40 statements: all topics name Orvan, one small topic (5) names the mudflow
    heavy = [("orvan", 40), ("mudflow", 5), ("rescue", 30), ("landslide relief", 22)]
    label = shared_names(heavy, 40, names.__contains__, kinds)
    assert label == "Orvan · Landslide Relief"
    assert "Mudflow" not in label and "rescue" not in label.lower()  # one small topic; a word
    # nothing shared by most: no label from a small topic's name
    assert shared_names([("mudflow", 5), ("orvan", 12)], 40, names.__contains__, kinds) is None


def test_an_issue_label_says_a_name_in_full_when_it_is_said_so_nearly_as_often():
    from briefdash.topics.labels import shared_names

    kinds = {"putin": 1, "vladimir putin": 1, "vladimir": 1, "kremlin talks": 1}
    heavy = [("putin", 50), ("vladimir", 45), ("vladimir putin", 44), ("kremlin talks", 30)]
    label = shared_names(heavy, 50, kinds.__contains__, kinds)
    assert label == "Vladimir Putin · Kremlin Talks"


def test_a_shared_name_with_nothing_else_alike_does_not_join_two_storylines():
    """An agency named by two stories (the formula shortage, a vacancy at the agency) is no
    storyline of its own: besides the name, the topics must be alike."""
    from briefdash.topics.issues import IssueParams, name_test

    state = _counted_state({"valder agency": 40}, {"formula": 12, "shortage": 20, "recall": 15,
                                                   "vacancy": 8, "nominee": 10, "senate": 30})
    shortage = {"valder agency": 3.0, "formula": 2.5, "shortage": 2.0, "recall": 1.0}
    vacancy = {"valder agency": 3.0, "vacancy": 2.5, "nominee": 2.0, "senate": 1.0}
    more = {"valder agency": 3.0, "formula": 1.5, "shortage": 2.5}
    sizes = {1: 20, 2: 5, 3: 4}
    issue = roll_up({1: shortage, 2: vacancy, 3: more}, sizes, distinctive=name_test(state))
    assert issue[2] != issue[1]
    assert issue[3] == issue[1]  # the same story under the same name still joins
    old = roll_up({1: shortage, 2: vacancy, 3: more}, sizes, IssueParams(residual=0.0),
                  distinctive=name_test(state))
    assert old[2] == old[1]  # the name alone was enough before


def test_a_chinese_shared_name_needs_less_alike_besides_it_than_a_latin_one():
    """Chinese topics' words overlap less beyond their names (jieba words, paraphrase): the same
    small likeness besides a shared Chinese name joins them, besides a Latin name it does not."""
    from briefdash.topics.issues import name_test

    for name, words, joined in (("科尔萨海峡", ("巡逻", "护卫舰", "演习", "渔船", "船员"), True),
                                ("korsa strait", ("patrol", "frigate", "drill", "trawler", "crew"), False)):
        a, b, c, d, e = words
        state = _counted_state({name: 30}, {a: 40, b: 12, c: 15, d: 9, e: 20})
        first = {name: 3.0, a: 2.0, b: 2.0, c: 1.0}
        second = {name: 3.0, a: 0.3, d: 2.0, e: 2.0}  # besides the name: cosine 0.07
        issue = roll_up({1: first, 2: second}, {1: 12, 2: 5}, distinctive=name_test(state))
        assert (issue[1] == issue[2]) is joined, name
