"""Likely duplicate topics: `similar_topics`, `briefdash topics similar` and the TUI merge picker."""
import json

from briefdash.cli import main
from briefdash.library import Library
from briefdash.topics.similar import similar_topics
from helpers_library import split_biggest_topic


def test_a_split_off_half_finds_its_twin_first(demo_library):
    lib = Library.open(str(demo_library))
    try:
        big, new = split_biggest_topic(lib)
        alike = similar_topics(lib.store, new, limit=5)
        assert alike, "a topic with key terms must have neighbours"
        assert alike[0][0].id == big.id
        assert all(t.id != new for t, _ in alike)
        sims = [s for _, s in alike]
        assert sims == sorted(sims, reverse=True) and all(0 < s <= 1 for s in sims)
        # the twin is clearly more alike than the next topic (with topics kept to tight threads,
        # the next is often a sibling thread of the same issue: 0.84 against 0.49 in the demo)
        assert sims[0] > 1.5 * sims[1]
        assert len(similar_topics(lib.store, new, limit=2)) == 2
        # a topic without a grouping profile (created by hand, nothing in it) has no neighbours
        empty = lib.store.create_topic("empty")
        assert similar_topics(lib.store, empty) == []
    finally:
        lib.close()


def test_cli_topics_similar(demo_library, capsys):
    lib = Library.open(str(demo_library))
    try:
        big, new = split_biggest_topic(lib)
    finally:
        lib.close()
    assert main(["--data-dir", str(demo_library), "topics", "similar", str(new), "--json",
                 "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["topic"] == new
    assert [s["id"] for s in data["similar"]][0] == big.id
    assert len(data["similar"]) == 3
    assert set(data["similar"][0]) == {"id", "label", "count", "similarity"}
    assert main(["--data-dir", str(demo_library), "topics", "similar", str(new)]) == 0
    first = capsys.readouterr().out.splitlines()[0].split()
    assert first[0] == str(big.id)
    assert main(["--data-dir", str(demo_library), "topics", "similar", str(new), "--limit", "0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--limit" in err
