"""Tests of the bundled demo corpus itself (feeds in src/briefdash/demo/feeds + tests/data/demo_labels.json)
and of scripts/generate_demo.py, which writes both."""
from __future__ import annotations

import html
import importlib.util
import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import feedparser
import pytest

from briefdash.demo import DEMO_DIR, DEMO_FEEDS

LABELS_PATH = Path(__file__).parent / "data" / "demo_labels.json"
GENERATOR = Path(__file__).resolve().parents[1] / "scripts" / "generate_demo.py"
STYLES = {"china_mfa", "state_dept", "white_house", "russia_mfa", "japan_mofa", "report"}


@pytest.fixture(scope="module")
def labels() -> dict:
    return json.loads(LABELS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed() -> dict:
    """feed description -> feedparser result."""
    out = {}
    for f in DEMO_FEEDS:
        d = feedparser.parse(str(DEMO_DIR / f["file"]))
        assert not d.bozo, f"{f['file']}: {d.get('bozo_exception')}"
        out[f["filename"]] = (f, d)
    return out


def _text(entry) -> str:
    raw = entry.content[0].value
    raw = re.sub(r"<[^>]+>", " ", raw)
    return " ".join(html.unescape(raw).split())


def _briefings(parsed):
    return [(f, e) for f, d in parsed.values() if f["style"] != "report" for e in d.entries]


def test_feed_descriptions_match_files():
    files = sorted(p.name for p in DEMO_DIR.glob("*.xml"))
    assert files == sorted(f["filename"] for f in DEMO_FEEDS)
    for f in DEMO_FEEDS:
        assert set(f) >= {"name", "file", "style", "ministry"}
        assert f["style"] in STYLES
        assert Path(f["file"]).is_file()
        assert (DEMO_DIR / f["file"]).stat().st_size < 2_000_000


def test_rss_shape(parsed):
    guids = set()
    for _f, d in parsed.values():
        assert d.version == "rss20"
        assert d.namespaces.get("content") == "http://purl.org/rss/1.0/modules/content/"
        for e in d.entries:
            assert e.title and e.link.startswith("https://") and ".example/" in e.link
            assert e.guidislink is False
            assert e.id not in guids
            guids.add(e.id)
            assert e.published_parsed is not None
            assert e.description and "\n" not in e.description
            assert e.content[0].value.startswith("<p>")


def test_enough_briefings_over_six_months_and_styles(parsed):
    briefings = _briefings(parsed)
    assert len(briefings) >= 60
    days = sorted(date(*e.published_parsed[:3]) for _, e in briefings)
    assert (days[-1] - days[0]).days >= 180
    assert len({(d.year, d.month) for d in days}) >= 6
    assert all(d.weekday() < 5 for d in days)
    assert len({f["style"] for f, _ in briefings}) >= 3
    ministries = {f["ministry"] for f, _ in briefings}
    assert len(ministries) >= 3


def test_labels_cover_every_guid(parsed, labels):
    guids = {e.id for _, d in parsed.values() for e in d.entries}
    assert guids == set(labels)
    for guid, recs in labels.items():
        assert [r["index"] for r in recs] == list(range(len(recs))), guid
        for r in recs:
            assert r["kind"] in {"qa", "statement", "report"}
            assert r["issue"]


def test_counts(labels):
    recs = [r for rs in labels.values() for r in rs]
    assert sum(r["kind"] == "qa" for r in recs) >= 600
    assert sum(r["kind"] == "report" for r in recs) >= 5
    assert all(len(rs) == 1 for rs in labels.values() if rs[0]["kind"] == "report")
    oneoff = sum(r["issue"].startswith("oneoff-") for r in recs if r["kind"] == "qa")
    qa = sum(r["kind"] == "qa" for r in recs)
    assert 0.05 <= oneoff / qa <= 0.2


def test_recurring_issues_across_briefings_and_ministries(labels):
    briefings = defaultdict(set)
    ministries = defaultdict(set)
    for guid, recs in labels.items():
        for r in recs:
            briefings[r["issue"]].add(guid)
            ministries[r["issue"]].add(r["ministry"])
    recurring = [k for k, v in briefings.items() if len(v) >= 3]
    assert len(recurring) >= 12
    assert all(not k.startswith("oneoff-") for k in recurring)
    assert len([k for k, v in ministries.items() if len(v) >= 2]) >= 6
    # every one-off key lives in exactly one item
    counts: defaultdict[str, int] = defaultdict(int)
    for recs in labels.values():
        for r in recs:
            counts[r["issue"]] += 1
    assert all(n == 1 for k, n in counts.items() if k.startswith("oneoff-"))


def test_wording_shifts_over_time(labels):
    """Within each (issue, ministry) the stance phase never goes back, and new phrases appear later."""
    seq = defaultdict(list)
    for recs in labels.values():
        for r in recs:
            if r["kind"] != "report" and not r["issue"].startswith("oneoff-") and r["phase"] >= 0:
                seq[(r["issue"], r["ministry"])].append((r["date"], r["phase"], r["position"]))
    shifting = set()
    for (issue, _), rows in seq.items():
        rows.sort()
        phases = [p for _, p, _ in rows]
        assert phases == sorted(phases), issue
        if len(set(phases)) >= 3:
            first = {pos for _, p, pos in rows if p == phases[0]}
            last = {pos for _, p, pos in rows if p == phases[-1]}
            assert not first & last
            shifting.add(issue)
    assert len(shifting) >= 10


def test_labels_match_feed_text(parsed, labels):
    """Every label's question/answer start and position occur in the entry's text, in label order."""
    for _f, d in parsed.values():
        for e in d.entries:
            text = _text(e)
            pos = 0
            for r in labels[e.id]:
                if r["kind"] == "report":  # paraphrased question comes after the lead paragraph
                    assert r["question_start"] in text and r["answer_start"] in text
                    assert r["position"] in text and r["speaker"] in text
                    continue
                for field in ("question_start", "answer_start"):
                    if r[field]:
                        i = text.find(r[field], pos)
                        assert i >= 0, (e.id, r["index"], field, r[field])
                        pos = i + len(r[field])
                if r["position"]:
                    assert r["position"] in text, (e.id, r["index"], r["position"])


def test_style_markers(parsed, labels):
    by_style = {f["style"]: d for f, d in parsed.values()}
    china = _text(by_style["china_mfa"].entries[0])
    assert "Follow-up:" in " ".join(_text(e) for e in by_style["china_mfa"].entries)
    assert "Copyright ©" in china and "Links:" in china
    state = [_text(e) for e in by_style["state_dept"].entries]
    assert all("QUESTION:" in t and "(The briefing was concluded at" in t for t in state)
    assert all(re.search(r"\bM[RS] [A-Z]+:", t) for t in state)
    russia = [_text(e) for e in by_style["russia_mfa"].entries]
    assert all("Question:" in t and "Answer:" in t for t in russia)
    wh = [e.content[0].value for e in by_style["white_house"].entries]
    assert all(re.search("<p>Q(\u00a0|&nbsp;)", c) for c in wh)
    assert all("<p>END</p>" in c and "MS. VANTERPOOL:" in c for c in wh)
    reports = [_text(e) for e in by_style["report"].entries]
    assert all("routine press conference" in t or "daily briefing" in t for t in reports)
    assert not any(re.search(r"\b(Question|QUESTION|Answer):", t) for t in reports)
    # follow-ups point at the item they follow, with the same issue
    for recs in labels.values():
        for r in recs:
            if r.get("follows") is not None:
                assert recs[r["follows"]]["issue"] == r["issue"]


@pytest.fixture(scope="module")
def gen():
    """scripts/generate_demo.py, the repository tool that writes the corpus (not in the package)."""
    spec = importlib.util.spec_from_file_location("generate_demo", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_is_deterministic(tmp_path, gen):
    res = gen.generate(tmp_path / "a", labels_path=tmp_path / "labels.json")
    assert res["briefings"] >= 60
    for f in DEMO_FEEDS:
        assert (tmp_path / "a" / f["filename"]).read_bytes() == (DEMO_DIR / f["filename"]).read_bytes(), f["filename"]
    assert (tmp_path / "labels.json").read_bytes() == LABELS_PATH.read_bytes()


def test_generator_scales(tmp_path, gen):
    res = gen.generate(tmp_path, n_briefings_per_ministry=45, seed=3)
    assert res["briefings"] == 180
    assert res["qa"] > 1500
    for feed in res["feeds"]:
        d = feedparser.parse(str(tmp_path / feed["file"]))
        assert not d.bozo and len(d.entries) == feed["entries"]
