"""Exports fit for a memo: period and latest-N filters, the brief form, clean link texts, plurals,
and feed text that still cannot inject Markdown."""
import json
from datetime import date

import pytest
from markdown_it import MarkdownIt

from briefdash.cli import main
from briefdash.export import (
    ExportOptions,
    brief_markdown,
    clean_title,
    link_text,
    plural,
    render_topic,
    select_entries,
    topic_markdown,
)
from briefdash.models import QAItem, Topic
from briefdash.topics.positions import build_timeline

EVIL = "[x](javascript:alert(1)) <script>alert(1)</script>\n# heading `code` *em* <b>b</b>"
V, A = "Veloria MFA", "Astrand MFA"


def qa(day, answer, *, ministry=V, speaker="Dana Orrel", position=None, idx=0, month=3,
       title=None, link=None):
    return QAItem(index=idx, kind="qa", question=f"QUESTION-TEXT day {day}?", answer=answer,
                  position=position if position is not None else answer.split(". ")[0].rstrip(".") + ".",
                  date=date(2026, month, day), ministry=ministry, speaker=speaker,
                  entry_key=f"{ministry}-{month}-{day}", id=f"{ministry}-{month}-{day}-{idx}",
                  entry_link=link or f"https://mfa.veloria.example/{month}/{day}",
                  entry_title=title or f"Press Briefing by Press Secretary Dana_Orrel, March {day},_2026")


ITEMS = [
    qa(2, "Veloria urges restraint in the Korsa Strait. I have nothing more for you on ANSWER-ONLY matters."),
    qa(9, "Veloria firmly opposes the naval patrols in the Korsa Strait. I have nothing more for you on ANSWER-ONLY matters."),
    qa(16, "Veloria will not hesitate to respond to the naval patrols. I have nothing more for you on ANSWER-ONLY matters."),
    qa(23, "Veloria urges restraint in the Korsa Strait. I have nothing more for you on ANSWER-ONLY matters."),
    qa(20, "Astrand rejects the accusations of Veloria outright. I have nothing more for you on ANSWER-ONLY matters.", ministry=A,
       speaker="Ilse Varn", title="Regular Press Conference on March 20, 2026"),
]
TOPIC = Topic(id=4, label="Korsa Strait patrols", count=5, first_seen=date(2026, 3, 2),
              last_seen=date(2026, 3, 23))


def timeline(items=ITEMS):
    return build_timeline(TOPIC, items)


def entries_days(tl):
    return [e.item.date.day for e in tl.entries]


def test_since_until_and_limit_select_the_statements():
    tl = timeline()
    assert entries_days(select_entries(tl, ExportOptions(since=date(2026, 3, 9)))) == [9, 16, 20, 23]
    assert entries_days(select_entries(tl, ExportOptions(until=date(2026, 3, 16)))) == [2, 9, 16]
    assert entries_days(select_entries(tl, ExportOptions(since=date(2026, 3, 9),
                                                         until=date(2026, 3, 20)))) == [9, 16, 20]
    assert entries_days(select_entries(tl, ExportOptions(limit=2))) == [20, 23]  # the latest two
    assert entries_days(select_entries(tl, ExportOptions(until=date(2026, 3, 16), limit=1))) == [16]
    assert select_entries(tl, ExportOptions(since=date(2027, 1, 1))).entries == []


def test_new_wording_stays_relative_to_the_whole_history():
    tl = select_entries(timeline(), ExportOptions(since=date(2026, 3, 16)))
    by_day = {e.item.date.day: e for e in tl.entries}
    assert by_day[16].new_phrases == ["Veloria will not hesitate to respond to the naval patrols"]
    assert by_day[23].new_phrases == []  # said on the 2nd, before the period: not new


def test_brief_has_date_ministry_spokesperson_position_new_wording_and_link_only():
    md = brief_markdown(timeline(), ExportOptions(brief=True))
    assert "QUESTION-TEXT" not in md and "ANSWER-ONLY" not in md  # no questions, no full answers
    assert "### 2026-03-16 · Veloria MFA · Dana Orrel" in md
    assert "- “**Veloria will not hesitate to respond to the naval patrols**.”" in md
    assert "Source: [Dana Orrel, March 16, 2026](<https://mfa.veloria.example/3/16>)" in md
    assert "Source: [Ilse Varn, March 20, 2026](<https://mfa.veloria.example/3/20>)" in md
    assert md.startswith("# Korsa Strait patrols\n\n5 statements by 2 ministries, 2026-03-02 to "
                         "2026-03-23.\n")


def test_brief_lists_a_briefings_statements_under_one_heading_and_one_link():
    items = [qa(5, "Veloria recalls its envoy from Astrand.", idx=0),
             qa(5, "Veloria suspends the fishing accord with Astrand.", idx=1, speaker="Lio Brandt"),
             qa(6, "Veloria reopens the border crossings at Vell.")]
    md = brief_markdown(build_timeline(TOPIC, items), ExportOptions(brief=True))
    assert md.count("### 2026-03-05 · Veloria MFA\n") == 1  # two spokespeople: named per statement
    assert "- **Dana Orrel:** “Veloria recalls its envoy from Astrand.”" in md
    assert "- **Lio Brandt:** “**Veloria suspends the fishing accord with Astrand**.”" in md
    assert md.count("Source: ") == 2


def test_plurals_are_right():
    one = brief_markdown(build_timeline(TOPIC, ITEMS[:1]), ExportOptions(brief=True))
    assert "\n1 statement by 1 ministry, 2026-03-02.\n" in one
    assert "1 statements" not in one and "1 ministries" not in one
    assert plural(0, "statement") == "0 statements" and plural(2, "ministry", "ministries") == "2 ministries"
    assert "the latest statement" in ExportOptions(limit=1).describe()
    assert "the latest 3 statements" in ExportOptions(limit=3).describe()


@pytest.mark.parametrize("raw, clean", [
    ("Press Briefing by Press Secretary Dana_Orrel, March 15,_2026",
     "Press Briefing by Press Secretary Dana Orrel, March 15, 2026"),
    ('"Press Briefing by Press Secretary Dana_Orrel and Port Envoy to the Palace_\\',
     "Press Briefing by Press Secretary Dana Orrel and Port Envoy to the Palace …"),
    ("Briefing on COVID-\\u206019 by the Health_Team", "Briefing on COVID-19 by the Health Team"),
    ('"Regular Press Conference on June 3, 2026"', "Regular Press Conference on June 3, 2026"),
    ("Spokesperson Lin Varo’s Regular Press Conference", "Spokesperson Lin Varo’s Regular Press Conference"),
])
def test_feed_titles_lose_archive_debris(raw, clean):
    assert clean_title(raw) == clean


def test_link_texts_read_cleanly_in_both_forms():
    tl = timeline()
    full = topic_markdown(tl)
    assert "Source: [Press Briefing by Press Secretary Dana Orrel, March 9, 2026]" \
           "(<https://mfa.veloria.example/3/9>)" in full
    brief = brief_markdown(tl, ExportOptions(brief=True))
    for md in (full, brief):
        for line in md.splitlines():
            if line.startswith("Source: ["):
                text = line[len("Source: ["):line.index("](")]
                assert "\\" not in text and "_" not in text
    assert link_text(qa(3, "x", speaker=None, title="Regular Press Conference on_March 3")) == \
        "Regular Press Conference on March 3"


def hostile_items():
    return [qa(d, "Veloria firmly opposes the drills. " + EVIL, speaker="Lin [bold]Varo[/] " + EVIL,
               ministry="Veloria ](x) MFA", position="Veloria **firmly** opposes [x](javascript:y). " + EVIL,
               title="Briefing ](https://evil.example) " + EVIL, link=link)
            for d, link in [(3, "javascript:alert(2)"), (11, "https://mfa.veloria.example/11?a=1&b=(2)")]]


def test_brief_keeps_feed_text_inert():
    md = brief_markdown(build_timeline(Topic(id=7, label="Korsa # drills [x](javascript:y)"),
                                       hostile_items()), ExportOptions(brief=True))
    toks = MarkdownIt("commonmark").parse(md)
    kinds = {c.type for t in toks for c in ([t] + list(t.children or []))}
    assert not kinds & {"html_inline", "html_block", "code_inline", "code_block", "fence", "image"}
    hrefs = [c.attrGet("href") for t in toks for c in (t.children or []) if c.type == "link_open"]
    assert hrefs == ["https://mfa.veloria.example/11?a=1&b=(2)"]  # javascript: is shown as text
    assert sum(1 for t in toks if t.type == "heading_open") == 1 + 2  # title + two briefings
    html = MarkdownIt("commonmark").render(md)
    assert "<script>" not in html and "<b>" not in html and "&lt;script&gt;" in html
    # the link text of the safe link is the spokesperson and day, escaped but readable
    link = next(t for t in toks if t.type == "inline" and any(c.type == "link_open" for c in t.children))
    inner = link.children[link.children.index(next(c for c in link.children if c.type == "link_open")) + 1:]
    text = "".join(c.content for c in inner if c.type == "text")
    assert text.endswith("March 11, 2026") and "[bold]" in text


def test_json_export_honours_the_same_filters():
    opts = ExportOptions(since=date(2026, 3, 9), until=date(2026, 3, 20))
    data = json.loads(render_topic(timeline(), "json", opts))
    assert [e["date"] for e in data["entries"]] == ["2026-03-09", "2026-03-16", "2026-03-20"]
    assert data["selection"] == {"since": "2026-03-09", "until": "2026-03-20", "limit": None,
                                 "ministry": None, "speaker": None}
    for e in data["entries"]:
        for p in e["new_phrases"]:
            assert p.lower() in e["answer"].lower()
    brief = json.loads(render_topic(timeline(), "json", ExportOptions(limit=1, brief=True)))
    assert brief["brief"] is True and len(brief["entries"]) == 1
    e = brief["entries"][0]
    assert set(e) == {"id", "date", "ministry", "speaker", "position", "question", "new_phrases",
                      "restatement", "entry_link", "link_text"}
    assert e["question"] is None  # the position stands on its own: no question needed
    assert e["date"] == "2026-03-23" and e["link_text"] == "Dana Orrel, March 23, 2026"


# ---- the CLI -------------------------------------------------------------------------------
FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Veloria MFA</title>
{items}
</channel></rss>"""
ITEM = """<item><title>Regular_Press Conference on July {day},_2026</title>
<link>https://mfa.veloria.example/{day}</link><guid>brief-{day}</guid>
<pubDate>Mon, {day} Jul 2026 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Q: What is Veloria's view on the Korsa Strait patrols of day {day}?</p>
<p>A: Veloria firmly opposes any provocation in the Korsa Strait. {extra}</p>]]></content:encoded></item>"""
EXTRA = {6: "", 13: "Veloria will not hesitate to respond to the naval patrols.",
         20: "Veloria has recalled its ambassador from Astrand for consultations."}


@pytest.fixture
def lib(tmp_path, capsys):
    feed = tmp_path / "f.xml"
    feed.write_text(FEED.format(items="\n".join(ITEM.format(day=d, extra=x) for d, x in EXTRA.items())))
    d = str(tmp_path / "d")
    assert main(["--data-dir", d, "ingest", str(feed)]) == 0
    return d


def run(capsys, *args):
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def topic_id(capsys, d):
    _, out, _ = run(capsys, "--data-dir", d, "topics", "--json")
    topics = json.loads(out)["topics"]
    return str(max(topics, key=lambda t: t["count"])["id"])


@pytest.mark.parametrize("args, message", [
    (["--since", "2026-13-01"], "--since '2026-13-01' is not a date; use YYYY-MM-DD"),
    (["--until", "July 4"], "--until 'July 4' is not a date; use YYYY-MM-DD"),
    (["--since", "2026-07-20", "--until", "2026-07-06"], "--since 2026-07-20 is after --until 2026-07-06"),
    (["--limit", "0"], "--limit must be at least 1"),
])
def test_bad_dates_and_limits_exit_1_with_one_line(lib, capsys, args, message):
    code, out, err = run(capsys, "--data-dir", lib, "export", topic_id(capsys, lib), *args)
    assert code == 1 and out == ""
    assert err == f"briefdash: {message}\n"


def test_cli_brief_export_with_a_period(lib, capsys, tmp_path):
    tid = topic_id(capsys, lib)
    out_file = tmp_path / "brief.md"
    code, out, _ = run(capsys, "--data-dir", lib, "export", tid, "--brief", "--since", "2026-07-10",
                       "--until", "2026-07-31", "-o", str(out_file))
    assert code == 0 and out == f"wrote {out_file}\n"
    md = out_file.read_text()
    assert "2 statements by 1 ministry, 2026-07-13 to 2026-07-20." in md
    assert "Selection: from 2026-07-10 to 2026-07-31." in md
    # no statement of the 6th; the first-said list may date a formula to it (whole history)
    assert "### 2026-07-06" not in md and "What is Veloria" not in md
    assert "](<https://mfa.veloria.example/13>)" in md
    assert "\\_" not in md


def test_cli_json_export_with_limit(lib, capsys):
    tid = topic_id(capsys, lib)
    code, out, _ = run(capsys, "--data-dir", lib, "export", tid, "--format", "json", "--limit", "1")
    data = json.loads(out)
    assert code == 0 and [e["date"] for e in data["entries"]] == ["2026-07-20"]
    assert data["entries"][0]["new_phrases"] == [
        "Veloria has recalled its ambassador from Astrand for consultations"]


def test_cli_export_all_with_a_period_skips_silent_topics(lib, capsys, tmp_path):
    code, out, _ = run(capsys, "--data-dir", lib, "export", "--all", "--since", "2027-01-01",
                       "-o", str(tmp_path / "all"))
    assert code == 0
    index = (tmp_path / "all" / "index.md").read_text()
    assert "0 topics." in index and list((tmp_path / "all").iterdir()) == [tmp_path / "all" / "index.md"]


def test_statements_without_position_or_new_wording_are_counted_not_listed():
    items = [qa(5, "Veloria recalls its envoy from Astrand.", idx=0),
             qa(5, "Thank you.", idx=1, position=""),
             qa(5, "Thank you.", idx=2, position=""),
             qa(6, "Thank you.", idx=0, position="")]
    md = brief_markdown(build_timeline(TOPIC, items), ExportOptions(brief=True))
    day5, day6 = md.split("### 2026-03-06")
    assert day5.count("\n- ") == 2
    assert "\n- 2 more statements without a stated position or new wording.\n" in day5
    assert "\n- 1 statement without a stated position or new wording.\n" in day6  # plural right
    assert "4 statements by 1 ministry" in md  # still counted in the header


# ---- issue #23: memos that stand alone -----------------------------------------------------
def asked(day, question, answer, *, idx=0, kind="qa", position=None):
    it = qa(day, answer, idx=idx, position=position)
    it.question, it.kind = question, kind
    return it


def test_an_answer_that_refers_back_carries_its_shortened_question():
    long_q = ("Thanks, Dana. On the Korsa Strait patrols announced by the Astrand navy yesterday "
              "evening near the northern islands and the fishing grounds beyond the harbour of "
              "Port Lessa and its lighthouse, what will Veloria do? And a second one on ferries.")
    items = [asked(5, long_q, "I think I spoke to this a few minutes earlier, and Veloria will "
                   "respond in kind."),
             asked(6, "Will the envoy return?", "Yes."),
             asked(7, "On the strait?", "Veloria firmly opposes the naval patrols in the Korsa Strait.")]
    md = brief_markdown(build_timeline(TOPIC, items), ExportOptions(brief=True))
    row5 = next(line for line in md.splitlines() if "spoke to this" in line)
    q = row5.split("Asked “")[1].split("”")[0]
    assert q.startswith("On the Korsa Strait patrols") and q.endswith("…") and "Thanks" not in q
    assert len(q.split()) <= 26  # 25 words and "…"
    assert "Asked “Will the envoy return?”: “Yes.”" in md
    row7 = next(line for line in md.splitlines() if "naval patrols" in line)
    assert "Asked" not in row7  # it stands on its own


def test_courtesy_and_procedural_exchanges_are_left_out_of_the_brief():
    items = [asked(5, "Thanks, Dana.", "Good afternoon, everybody.", position="Good afternoon, everybody."),
             asked(5, "Can I follow up?", "Sure.", idx=1, kind="procedural", position="Sure."),
             asked(5, "On the strait?", "Veloria recalls its envoy from Astrand.", idx=2)]
    md = brief_markdown(build_timeline(TOPIC, items), ExportOptions(brief=True))
    assert "Good afternoon" not in md and "Sure." not in md and "follow up" not in md
    assert "without a stated position" not in md  # left out, not counted as silent
    rows = [line for line in md.splitlines() if line.startswith("- ")]
    assert rows == ["- “**Veloria recalls its envoy from Astrand**.”"] or \
        rows == ["- “Veloria recalls its envoy from Astrand.”"]
    data = json.loads(render_topic(build_timeline(TOPIC, items), "json", ExportOptions(brief=True)))
    assert [e["position"] for e in data["entries"]] == ["Veloria recalls its envoy from Astrand."]


def test_a_repeated_clause_is_shown_once_and_a_fragment_never():
    stutter = ("The harbour cranes — Marisol, that are not — Marisol, that are not — Marisol, that are "
               "not being used will be sold to Astrand.")
    items = [asked(5, "On cranes?", stutter, position=stutter),
             asked(6, "On ferries?", "Veloria reopens the ferry line.",
                   position="— and the pilots that went on strike —")]
    md = brief_markdown(build_timeline(TOPIC, items), ExportOptions(brief=True))
    assert md.count("that are not") == 1
    assert "Marisol, that are not being used will be sold to Astrand." in md
    assert "pilots that went on strike" not in md  # a fragment is not quoted


def test_bold_never_splits_a_word_and_the_header_explains_it():
    from briefdash.export import _mark_new

    marked = _mark_new("The statement of the state is firm; the state agrees.", ["the state"])
    assert marked == "The statement of **the state** is firm; the state agrees."
    md = brief_markdown(timeline(), ExportOptions(brief=True))
    assert "**bold**: wording new on this topic" in md.split("### ")[0]
    for line in md.splitlines():
        for part in line.split("**")[1::2]:  # every bold run starts and ends at a word boundary
            at = line.index("**" + part + "**")
            before, after = line[at - 1:at], line[at + len(part) + 4:at + len(part) + 5]
            assert not before.isalnum() and not after.isalnum()
    full = topic_markdown(timeline())
    assert "**bold**: wording new on this topic" in full.split("## Timeline")[0]


def test_a_question_that_is_only_courtesy_is_not_quoted():
    from briefdash.export import short_question

    assert short_question("Hi.") == "" and short_question("Thanks, Dana.") == ""
    assert short_question("So why keep the carve- — the carveout when the ferry is bene- — is "
                          "going to profit?") == "So why keep the carveout when the ferry is going to profit?"


def test_a_shortened_question_is_not_cut_at_an_initial_or_a_title():
    from briefdash.export import short_question

    assert short_question("A U.S. District Court judge gave the ministry until Friday. Will "
                          "Veloria appeal the ruling before then?") == \
        "Will Veloria appeal the ruling before then?"
    assert short_question("Did Mr. Orrel speak to Gen. Tassen about the U.N. ferry talks?") == \
        "Did Mr. Orrel speak to Gen. Tassen about the U.N. ferry talks?"
    assert short_question("A U.S. District Court judge has ruled on the ferry case.") == \
        "A U.S. District Court judge has ruled on the ferry case."
