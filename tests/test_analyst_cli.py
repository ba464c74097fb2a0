"""An analyst on deadline at the command line: filters by date, ministry and spokesperson, a quote
with its citation, lookups that say what they matched (exit 2 when two names fit), and a search
that forgives a misspelt name."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from briefdash.cli import main
from briefdash.errors import AmbiguousName
from briefdash.topics.filters import StatementFilter, name_matches
from briefdash.topics.lookup import Named, pick_named
from helpers_feeds import no_internet  # noqa: F401
from helpers_library import NOR, VEL

WH = "The White House"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# (key, day, ministry, speaker, [(topic, question, answer)])
BRIEFINGS = [
    ("wh-1", 3, WH, "Karine Avery", [
        ("journalist", "Q  Has the President raised the Khashoggi killing with the Crown Prince?",
         "The President raised the killing of Jamal Khashoggi directly and said it was unacceptable."),
        ("detainee", "Q  Is there news on Brittney Griner?",
         "We are working every day to bring Brittney Griner home; her detention is wrongful."),
    ]),
    ("vel-1", 4, VEL, "Mei Tassen", [
        ("detainee", "Reuters: Is Veloria holding the basketball player Griner as leverage?",
         "Veloria handles the case of Griner according to law."),
    ]),
    ("wh-2", 17, WH, "Lena Ortiz", [
        ("journalist", "Q  Follow-up on Khashoggi: will the visit go ahead?",
         "The visit goes ahead; accountability for the Khashoggi killing remains our position."),
        ("detainee", "Q  Any update on Griner's appeal?",
         "Griner's appeal is a sham process and we continue to press for her release."),
    ]),
    ("nor-1", 18, NOR, "Mr Halversen", [
        ("journalist", "QUESTION: Does Norvania comment on the Khashoggi report?",
         "Norvania has read the report on the Khashoggi killing and calls for a full inquiry."),
    ]),
]
LABELS = {"journalist": "Khashoggi killing", "detainee": "Griner detention"}


def _library(tmp_path: Path) -> str:
    """A library written straight through the store: two topics, three ministries, one month."""
    from briefdash.config import Config, Paths, save_config
    from briefdash.models import Entry, QAItem
    from briefdash.store import Store, item_uid

    d = tmp_path / "lib"
    paths = Paths.resolve(d)
    save_config(Config(), paths.config_file)
    store = Store(paths.database)
    with store.transaction():
        tids = {}
        for name, label in LABELS.items():
            tids[name] = store.create_topic(label)
            store.set_topic_flags(tids[name], user_label=label)
        for key, day, ministry, speaker, rows in BRIEFINGS:
            entry = Entry(key=key, title=f"Briefing of March {day}, 2022",
                          link=f"https://briefings.example/{key}", ministry=ministry,
                          content=key, published=datetime(2022, 3, day, 15, tzinfo=UTC),
                          feed_url="t.xml", feed_title="t")
            items = [QAItem(index=i, kind="qa", question=q, answer=a, position=a.split(";")[0],
                            date=date(2022, 3, day), ministry=ministry, speaker=speaker,
                            asker="Reuters") for i, (_, q, a) in enumerate(rows)]
            store.save_entry(entry, items)
            store.assign([(item_uid(key, i), tids[row[0]]) for i, row in enumerate(rows)])
    store.close()
    return str(d)


def _ids(out: str) -> list[str]:
    return [e["id"] for e in json.loads(out)["entries"]]


def test_timeline_filters_by_period_ministry_and_speaker(tmp_path, capsys):
    d = _library(tmp_path)
    code, out, _ = run(capsys, "--data-dir", d, "timeline", "Khashoggi killing", "--json")
    assert code == 0 and len(_ids(out)) == 3
    code, out, _ = run(capsys, "--data-dir", d, "timeline", "Khashoggi killing", "--json",
                       "--since", "2022-03-10")
    dates = [e["date"] for e in json.loads(out)["entries"]]
    assert dates == ["2022-03-17", "2022-03-18"]
    # the short name a reader knows: "WH" for The White House
    code, out, _ = run(capsys, "--data-dir", d, "timeline", "Khashoggi killing", "--json",
                       "--ministry", "WH")
    assert {e["ministry"] for e in json.loads(out)["entries"]} == {WH}
    assert len(_ids(out)) == 2
    code, out, _ = run(capsys, "--data-dir", d, "timeline", "Griner detention", "--json",
                       "--speaker", "ortiz")
    entries = json.loads(out)["entries"]
    assert [e["speaker"] for e in entries] == ["Lena Ortiz"]
    code, out, err = run(capsys, "--data-dir", d, "timeline", "Griner detention",
                         "--since", "2022-03-20", "--until", "2022-03-01")
    assert code == 1 and "after --until" in err


def test_search_filters_and_each_line_starts_with_its_date(tmp_path, capsys):
    d = _library(tmp_path)
    code, out, _ = run(capsys, "--data-dir", d, "search", "Griner", "--ministry", "veloria")
    lines = [ln for ln in out.splitlines() if not ln.startswith(" ")]
    assert code == 0 and len(lines) == 1 and lines[0].startswith("2022-03-04 ")
    code, out, _ = run(capsys, "--data-dir", d, "search", "Griner", "--json",
                       "--until", "2022-03-05")
    assert {r["date"] for r in json.loads(out)["results"]} <= {"2022-03-03", "2022-03-04"}
    assert len(json.loads(out)["results"]) == 2


def test_export_filters_by_speaker(tmp_path, capsys):
    d = _library(tmp_path)
    code, out, _ = run(capsys, "--data-dir", d, "export", "Khashoggi killing", "--format", "json",
                       "--speaker", "Karine Avery")
    data = json.loads(out)
    assert code == 0 and [e["speaker"] for e in data["entries"]] == ["Karine Avery"]
    assert data["selection"]["speaker"] == "Karine Avery"
    code, out, _ = run(capsys, "--data-dir", d, "export", "Khashoggi killing", "--speaker",
                       "Karine Avery", "--ministry", "WH")
    selection = [ln for ln in out.splitlines() if ln.startswith("- Selection:")]
    assert code == 0 and selection == ["- Selection: ministry “WH”, spokesperson “Karine Avery”"]


@pytest.mark.parametrize("typed, meant", [("Khashogi", "khashoggi"), ("Kashoggi", "khashoggi"),
                                          ("Grinner", "griner"), ("Brittny Griner", "brittney")])
def test_a_misspelt_name_finds_the_statements(tmp_path, capsys, typed, meant):
    d = _library(tmp_path)
    code, out, _ = run(capsys, "--data-dir", d, "search", typed, "--json")
    data = json.loads(out)
    assert code == 0 and data["results"], f"{typed!r} found nothing"
    assert meant in data["did_you_mean"].lower()
    assert all(meant in (r["question"] + r["answer"]).lower() for r in data["results"])
    code, out, _ = run(capsys, "--data-dir", d, "search", typed)
    assert "showing" in out or "did you mean" in out


def test_a_known_word_is_not_corrected(tmp_path, capsys):
    d = _library(tmp_path)
    code, out, _ = run(capsys, "--data-dir", d, "search", "Khashoggi", "--json")
    data = json.loads(out)
    assert data["did_you_mean"] is None and len(data["results"]) == 3


def test_quote_carries_speaker_ministry_date_and_link(tmp_path, capsys):
    d = _library(tmp_path)
    code, out, _ = run(capsys, "--data-dir", d, "search", "sham", "--json")
    sid = json.loads(out)["results"][0]["id"]
    code, out, _ = run(capsys, "--data-dir", d, "quote", sid)
    assert code == 0
    assert "Griner's appeal is a sham process" in out
    assert "Lena Ortiz" in out and WH in out and "March 17, 2022" in out
    assert "https://briefings.example/wh-2" in out
    code, out, _ = run(capsys, "--data-dir", d, "quote", sid, "--format", "md")
    assert out.startswith("> ") and "[Source](<https://briefings.example/wh-2>)" in out
    code, _, err = run(capsys, "--data-dir", d, "quote", "nope-1")
    assert code == 1 and "no statement" in err


def test_ambiguous_name_exits_2_and_lists_the_candidates(tmp_path, capsys):
    d = _library(tmp_path)
    # a third topic whose label fits "killing" as well as the first
    from briefdash.config import Paths
    from briefdash.store import Store

    store = Store(Paths.resolve(Path(d)).database)
    uid = json.loads(run(capsys, "--data-dir", d, "search", "inquiry", "--json")[1])["results"][0]["id"]
    tid = store.create_topic("Killing inquiry")
    store.set_topic_flags(tid, user_label="Killing inquiry")
    store.assign([(uid, tid)])
    store.close()
    code, out, err = run(capsys, "--data-dir", d, "timeline", "killing")
    assert code == 2
    assert "Khashoggi killing" in err and "Killing inquiry" in err
    code, out, err = run(capsys, "--data-dir", d, "timeline", "killing", "--json")
    data = json.loads(out)
    assert code == 2 and data["error"] == "ambiguous"
    assert {c["label"] for c in data["candidates"]} >= {"Khashoggi killing", "Killing inquiry"}
    # an exact label is never ambiguous
    code, out, _ = run(capsys, "--data-dir", d, "timeline", "killing inquiry", "--json")
    assert code == 0 and json.loads(out)["topic"]["label"] == "Killing inquiry"


def test_lookup_prefers_exact_then_issue_then_bigger_and_refuses_unrelated():
    big_issue = Named("issue", 1, "Ukraine · Russia", 800)
    small_topic = Named("topic", 7, "War · Ukraine", 2)
    hatch = Named("topic", 9, "Hatch Act · violation", 30)
    # the words fit a two-statement topic, but an issue 400 times its size fits too: ask
    with pytest.raises(AmbiguousName) as exc:
        pick_named("Ukraine war", [big_issue, small_topic, hatch])
    assert [c[1] for c in exc.value.candidates] == [7, 1]
    # an exact label wins outright
    assert pick_named("war · ukraine", [small_topic, hatch]) == small_topic
    # an issue outranks a topic that fits as well
    trade_issue = Named("issue", 2, "Tariffs · trade", 50)
    trade_topic = Named("topic", 3, "Trade · steel", 4)
    picked = pick_named("trade", [trade_topic, trade_issue])
    assert picked is not None and picked.id == 2
    # nothing shares a word and nothing is near: no guess
    assert pick_named("Pelosi Taiwan trip", [hatch, trade_topic]) is None


def test_names_match_whole_words_short_names_and_initials():
    assert name_matches(WH, "white house") and name_matches(WH, "WH")
    assert name_matches(VEL, "Veloria") and not name_matches(VEL, "Velor")
    assert name_matches("Karine Jean-Pierre", "jean-pierre")
    keep = StatementFilter(since=date(2022, 3, 5), speaker="psaki")
    assert keep.active and "since 2022-03-05" in keep.describe()


def test_relevance_puts_one_line_courtesy_after_substance(tmp_path, capsys):
    from briefdash.config import Paths
    from briefdash.models import Entry, QAItem
    from briefdash.store import Store

    d = _library(tmp_path)
    store = Store(Paths.resolve(Path(d)).database)
    with store.transaction():
        entry = Entry(key="wh-3", title="Briefing of March 20, 2022", link="https://b.example/3",
                      ministry=WH, content="wh-3", published=datetime(2022, 3, 20, tzinfo=UTC),
                      feed_url="t.xml", feed_title="t")
        store.save_entry(entry, [QAItem(index=0, kind="qa", question="Q  Griner?", answer="Yeah.",
                                        date=date(2022, 3, 20), ministry=WH)])
    store.close()
    code, out, _ = run(capsys, "--data-dir", d, "search", "Griner", "--json")
    answers = [r["answer"] for r in json.loads(out)["results"]]
    assert "Yeah." in answers and answers[-1] == "Yeah."


def test_an_exact_but_tiny_automatic_label_does_not_hide_a_far_bigger_issue():
    tiny = Named("topic", 7, "Ukraine · War", 5)
    big = Named("issue", 1, "Russia · Ukraine", 800)
    with pytest.raises(AmbiguousName) as exc:
        pick_named("Ukraine war", [big, tiny])
    assert [c[1] for c in exc.value.candidates] == [7, 1]
    assert pick_named("Ukraine war", [tiny, Named("topic", 8, "Ukraine · grain", 12)]) == tiny
