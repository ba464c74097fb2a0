"""Markdown export: CommonMark structure, chronology, source links, and inert feed text."""
import json
from datetime import date

from markdown_it import MarkdownIt

from briefdash.export import timeline_json, topic_markdown
from briefdash.models import QAItem, Topic
from briefdash.topics.positions import build_timeline

EVIL = "[x](javascript:alert(1)) <script>alert(1)</script>\n# heading `code` *em* <b>b</b>"


def items():
    out = []
    for day, ministry, link, answer in [
        (20, "Veloria MFA", "https://mfa.veloria.example/20", "Veloria firmly opposes the drills. " + EVIL),
        (3, "Astrand MFA", "javascript:alert(2)", "Astrand urges restraint in the strait."),
        (11, "Veloria MFA", "https://mfa.veloria.example/11?a=1&b=(2)", "Veloria urges restraint."),
    ]:
        out.append(QAItem(index=0, kind="qa", question="About the drills? " + EVIL, answer=answer,
                          position=answer.split(".")[0] + ".", date=date(2026, 5, day),
                          ministry=ministry, speaker="Lin [bold]Varo[/]", asker="Meridian `Wire`",
                          entry_key=f"k{day}", id=f"k{day}-0", entry_link=link,
                          entry_title=f"Briefing ](https://evil.example) {day}"))
    return out


def render():
    topic = Topic(id=7, label="Korsa # drills [x](javascript:y)", count=3,
                  first_seen=date(2026, 5, 3), last_seen=date(2026, 5, 20))
    tl = build_timeline(topic, items())
    return tl, topic_markdown(tl)


def tokens(md):
    return MarkdownIt("commonmark").parse(md)


def test_structure_headings_quotes_and_links():
    tl, md = render()
    toks = tokens(md)
    headings = [(t.tag, toks[i + 1].content) for i, t in enumerate(toks) if t.type == "heading_open"]
    assert headings[0][0] == "h1" and "Korsa" in headings[0][1]
    assert [h for h in headings if h[0] == "h2"][-1][1] == "Timeline"
    h3 = [c for tag, c in headings if tag == "h3"]
    assert len(h3) == 3
    assert [c[:10] for c in h3] == ["2026-05-03", "2026-05-11", "2026-05-20"]  # chronological
    assert sum(1 for t in toks if t.type == "blockquote_open") == 3
    links = [c.attrGet("href") for t in toks if t.type == "inline"
             for c in (t.children or []) if c.type == "link_open"]
    assert links == ["https://mfa.veloria.example/11?a=1&b=(2)", "https://mfa.veloria.example/20"]


def test_every_statement_carries_its_source():
    _, md = render()
    sections = md.split("\n### ")[1:]
    assert len(sections) == 3
    assert all("Source:" in s for s in sections)
    assert "javascript:alert" in sections[0]  # shown as text, not as a link


def test_feed_text_is_inert():
    _, md = render()
    toks = tokens(md)
    kinds = {c.type for t in toks for c in ([t] + list(t.children or []))}
    assert not kinds & {"html_inline", "html_block", "code_inline", "code_block", "fence", "image"}
    hrefs = [c.attrGet("href") or "" for t in toks for c in (t.children or []) if c.type == "link_open"]
    assert all(h.startswith("https://mfa.veloria.example/") for h in hrefs)
    headings = [t for t in toks if t.type == "heading_open"]
    assert len(headings) == 1 + 1 + 3  # title, Timeline, three statements: no "# heading" from feeds
    html = MarkdownIt("commonmark").render(md)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html  # the text is still there, as text


def test_json_export_has_the_same_content():
    tl, _ = render()
    data = json.loads(json.dumps(timeline_json(tl)))
    assert [e["date"] for e in data["entries"]] == ["2026-05-03", "2026-05-11", "2026-05-20"]
    assert all("new_phrases" in e and "entry_link" in e for e in data["entries"])
