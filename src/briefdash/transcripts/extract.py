"""The main transcript of a full web page (navigation, header, footer and sidebars removed).

`extract_main_text(html)` returns HTML of the transcript's container that
`segment_entry` segments exactly like the inline transcript: paragraphs, `<br>` breaks and
non-breaking spaces (the White House `Q\\xa0\\xa0` marker) are kept as they were.

Method (readability-style, with lxml): drop chrome (`nav`, `header`, `footer`, `aside`,
scripts, forms, and elements whose class/id says menu/share/sidebar/…); score each element by
the text of the paragraphs it directly holds (its parent gets half, grandparent a quarter);
serialise the best-scoring element. When the page has no such container, trafilatura's
extraction (favouring recall) is used; on any failure the page is returned unchanged.
"""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from .clean import _DROP_CLASS, _DROP_TAGS

__all__ = ["extract_main_text"]

_CHROME_TAGS = _DROP_TAGS | {"header", "footer", "aside", "nav"}
_PARA_TAGS = {"p", "li", "blockquote", "pre", "h2", "h3", "h4"}
_LINKY = re.compile(r"\s+")


def _is_chrome(el) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag:
        return True
    tag = tag.lower()
    if tag in _CHROME_TAGS:
        return True
    if el.get("role") in ("navigation", "banner", "contentinfo", "search", "complementary"):
        return True
    cls = (el.get("class") or "") + " " + (el.get("id") or "")
    if cls.strip() and _DROP_CLASS.search(cls):
        return True
    return False


def _text_len(el) -> int:
    return len(_LINKY.sub(" ", el.text_content() or "").strip())


def _link_density(el) -> float:
    total = _text_len(el)
    if not total:
        return 1.0
    links = sum(_text_len(a) for a in el.iter("a"))
    return links / total


def extract_main_text(html: str) -> str:
    """HTML of the page's main transcript (or the page itself when nothing better is found)."""
    if not html or not html.strip():
        return ""
    try:
        parser = lxml_html.HTMLParser(recover=True, no_network=True, remove_comments=True, remove_pis=True)
        root = lxml_html.document_fromstring(html, parser=parser)
    except Exception:
        return _trafilatura(html) or html
    try:
        chrome = [el for el in root.iter() if el is not root and _is_chrome(el)]
        for el in chrome:
            parent = el.getparent()
            if parent is not None:
                el.drop_tree()
        scores: dict = {}
        for p in root.iter(*_PARA_TAGS):
            n = _text_len(p)
            if n < 20:
                continue
            parent = p.getparent()
            if parent is None:
                continue
            scores[parent] = scores.get(parent, 0.0) + n
            gp = parent.getparent()
            if gp is not None:
                scores[gp] = scores.get(gp, 0.0) + n / 2
                ggp = gp.getparent()
                if ggp is not None:
                    scores[ggp] = scores.get(ggp, 0.0) + n / 4
        # <br>-structured transcripts: a block with many breaks and much text
        for el in root.iter("div", "td", "section", "article"):
            brs = sum(1 for _ in el.iterchildren("br"))
            if brs >= 4:
                scores[el] = scores.get(el, 0.0) + _text_len(el) * 0.9
        if not scores:
            return _trafilatura(html) or html
        best = max(scores, key=lambda el: scores[el] * (1.0 - min(_link_density(el), 0.9)))
        out = etree.tostring(best, encoding="unicode", method="html")
        return out
    except Exception:
        return _trafilatura(html) or html


def _trafilatura(html: str) -> str | None:
    try:
        import trafilatura

        out = trafilatura.extract(
            html, output_format="html", include_comments=False, favor_recall=True,
            include_tables=True,
        )
        return out or None
    except Exception:
        return None
