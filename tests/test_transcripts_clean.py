"""HTML → paragraphs, full-page extraction, robustness, purity and speed."""
from __future__ import annotations

import ast
import time
from pathlib import Path

from briefdash.models import Entry
from briefdash.transcripts.clean import html_to_paragraphs
from briefdash.transcripts.extract import extract_main_text
from briefdash.transcripts.segment import segment_entry

FIX = Path(__file__).parent / "fixtures" / "transcripts"
SRC = Path(__file__).parent.parent / "src" / "briefdash" / "transcripts"


def test_paragraph_structure_entities_and_nbsp():
    html = (
        "<html><head><title>x</title><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a></nav><script>alert(1)</script>"
        "<p>One &amp; <b>two</b>\n wrapped</p>"
        "<div>Block&nbsp;A<div>Nested</div>tail</div>"
        "<p>First<br><br>Second<br>same para</p>"
        "<p>Q&nbsp;&nbsp; Question?<br>MS. VEL:&nbsp; Answer.</p>"
        "<footer>Copyright</footer></body></html>"
    )
    assert html_to_paragraphs(html) == [
        "One & two wrapped", "Block\u00a0A", "Nested", "tail", "First", "Second same para",
        "Q\u00a0\u00a0 Question?", "MS. VEL:\u00a0 Answer.",
    ]


def test_plain_text_paragraphs_and_label_lines():
    text = "Title line\n\nQ: first\nA: answer\nwrapped\n\u00a0\nNext  para"
    assert html_to_paragraphs(text) == ["Title line", "Q: first", "A: answer wrapped", "Next para"]


def test_no_entity_or_network_resolution():
    html = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><p>&e; safe</p>'
    paras = html_to_paragraphs(html)
    assert "root:" not in " ".join(paras)
    assert any("safe" in p for p in paras)


def test_deep_nesting_and_garbage_do_not_crash():
    deep = "<div>" * 50000 + "deep text" + "</div>" * 50000
    assert html_to_paragraphs(deep) == ["deep text"]
    unclosed = "<p>" + "<b><i>" * 20000 + "inner"
    assert html_to_paragraphs(unclosed) == ["inner"]
    for junk in ("<", "<<>>", "</p>", "&#0;", "<p\x00>", "<![CDATA[x]]>", "<?xml version='1.0'?><p>a</p>"):
        html_to_paragraphs(junk)


def _page(inner: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Briefing</title><script>var a=1;</script></head><body>"
        "<header class='site-header'><a href='/'>Home</a> <a href='/news'>News</a></header>"
        "<nav class='menu'><ul><li><a href='/a'>About the ministry and its many departments</a></li>"
        "<li><a href='/b'>Press releases, statements and other documents</a></li></ul></nav>"
        "<div class='layout'><aside class='sidebar'><p>Related: an older briefing about another topic entirely.</p></aside>"
        f"<main><article><h1>Briefing</h1><div class='entry-content'>{inner}</div></article></main></div>"
        "<div class='share'>Share on social networks and subscribe to our newsletter today</div>"
        "<footer class='site-footer'><p>Copyright 2026. All rights reserved. Privacy policy and terms of use.</p></footer>"
        "</body></html>"
    )


def test_extract_main_text_gives_same_items_as_inline():
    for name, title in (
        ("white_house", "Press Briefing by Press Secretary Karine Jean-Pierre, July 28, 2026"),
        ("china_mfa", "Foreign Ministry Spokesperson Mao Ning’s Regular Press Conference on July 28, 2026"),
        ("state_dept", "Department Press Briefing – July 28, 2026"),
    ):
        inline = (FIX / f"{name}.html").read_text(encoding="utf-8")
        page = extract_main_text(_page(inline))
        assert "Privacy policy" not in page and "About the ministry" not in page and "older briefing" not in page
        a = segment_entry(Entry(key="a", title=title, link=None, published=None, content=inline))
        b = segment_entry(Entry(key="b", title=title, link=None, published=None, content=page))
        assert [vars(x) for x in a] == [vars(x) for x in b]
    page = extract_main_text(_page((FIX / "white_house.html").read_text(encoding="utf-8")))
    assert "Q\u00a0\u00a0" in "\n".join(html_to_paragraphs(page))


def test_extract_main_text_br_structured_page():
    inner = "<div class='body'>" + "<br><br>".join(
        ["Reuters: What is the view on the forum?", "Tessa Vel: Veloria supports it.",
         "AFP: And the treaty text?", "Tessa Vel: It will be published soon."]) + "</div>"
    page = extract_main_text(_page(inner))
    items = segment_entry(Entry(key="c", title="Regular Press Conference", link=None, published=None, content=page))
    assert [i.asker for i in items] == ["Reuters", "AFP"]


def test_extract_main_text_empty():
    assert extract_main_text("") == ""


def test_pure_modules_import_no_textual_or_io():
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for n in names:
                assert not n.startswith(("textual", "httpx", "requests", "sqlite3", "urllib.request")), (path, n)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "open", path


def test_fifteen_item_briefing_is_fast():
    q = "<p>Harbour Radio: On the harbour talks, what is the ministry's view of the latest proposal from Calderon?</p>"
    a = ("<p>Tessa Vel: Veloria firmly opposes any unilateral change to the status of the harbour. We urge Calderon "
         "to return to the negotiating table. Our position is consistent and clear, and we stand ready to talk.</p>")
    html = "<p>Tessa Vel: The Minister will travel to Port Amsel on Monday.</p>" + (q + a) * 15
    e = Entry(key="f", title="Regular Press Conference", link=None, published=None, content=html, style="china_mfa")
    assert len(segment_entry(e)) == 16
    runs = []
    for _ in range(20):
        t = time.perf_counter()
        segment_entry(e)
        runs.append(time.perf_counter() - t)
    assert min(runs) < 0.010, min(runs)
