"""HTML (or plain text) of one briefing → a list of paragraphs.

Each ``<p>``, ``<div>``, heading, list item, table row and ``<br><br>`` run becomes a paragraph;
entities are decoded; scripts, styles, navigation, forms and page chrome are dropped.
Non-breaking spaces are kept inside paragraphs (White House questions are marked ``Q\\xa0\\xa0``),
while runs of ordinary whitespace collapse to one space.

Parsing uses lxml's recovering HTML parser with network access off; pathological input (huge
nesting, broken markup that lxml rejects) falls back to a regex tag-stripper, so this never raises.
"""
from __future__ import annotations

import html as _html
import re

from ..lazy_regex import lazy_compile

try:  # lxml is a hard dependency of the project, but keep a fallback for robustness
    from lxml import etree
    from lxml import html as lxml_html
except Exception:  # pragma: no cover
    etree = None
    lxml_html = None

__all__ = ["html_to_paragraphs", "text_to_paragraphs", "looks_like_html", "normalize_space"]

_BLOCK_TAGS = frozenset(
    """p div section article main header footer aside li ul ol dl dt dd h1 h2 h3 h4 h5 h6
    blockquote pre table thead tbody tfoot tr td th hr figure figcaption address center
    body html""".split()
)
_DROP_TAGS = frozenset(
    """script style noscript template iframe object embed nav form button select option
    textarea svg math head title meta link input label menu canvas audio video""".split()
)
_DROP_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|share|sharing|social|cookie|"
    r"skip-link|sidebar|site-header|site-footer|footer|masthead|related|pagination|print-link)"
    r"(?:$|[\s_-])",
    re.I,
)

_ASCII_WS = re.compile(r"[ \t\n\r\f\v\u2028\u2029\u200b]+")
_BLANK_SPLIT = re.compile(r"\n[ \t\u00a0\u3000]*\n")
# A line starting with a speaker label opens a new paragraph even without a blank line.
_LABEL_START = lazy_compile(
    r"^(?:Q[\s\u00a0]*[:\uff1a]|Q[\u00a0 ]{2,}|Q\u00a0|Q (?=[A-Z(\u201c\u0022\u2014-])|A[\s]*[:\uff1a]"
    r"|[A-Z][\w.'\u2019&-]*(?:[ ,][\w.'\u2019&()-]+){0,7}\s*[:\uff1a]\s"
    r"|[\u4e00-\u9fff\u00b7\u300a\u300bA-Za-z0-9]{0,19}[\u4e00-\u9fff\u300b][ \u3000]*[:\uff1a]"
    r"|会后[，,]?有?(?:记者|媒体)[\u4e00-\u9fff]{1,10}[:\uff1a]"
    r"|\(?\[?\d{1,2}:\d{2}(?::\d{2})?\]?\)?\s*$)"
)
_CJK_LABEL_ALONE = lazy_compile(r"^[\u4e00-\u9fff\u00b7\u300a\u300bA-Za-z0-9]{0,19}[\u4e00-\u9fff\u300b]$")
_TAG_RE = re.compile(r"<[^>]*>")
_DROP_BLOCK_RE = re.compile(
    r"<(script|style|noscript|template|nav|head|svg|iframe|form)\b.*?</\1\s*>", re.I | re.S
)
_BLOCK_RE = re.compile(
    r"<\s*(?:br\s*/?\s*>\s*<\s*br|/?(?:p|div|li|h[1-6]|tr|section|article|blockquote|table|ul|ol|header|footer)\b)[^>]*>",
    re.I,
)
_BR_RE = re.compile(r"<\s*br\s*/?\s*>", re.I)


def looks_like_html(text: str) -> bool:
    return "<" in text and re.search(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*[\s/>]", text) is not None


def normalize_space(text: str) -> str:
    """Collapse all whitespace (NBSP included) to single spaces and strip."""
    return " ".join(text.split())


def _split_lines(block: str) -> list[str]:
    """Split a block on blank lines, then on lines that start with a speaker label."""
    out: list[str] = []
    for chunk in _BLANK_SPLIT.split(block):
        if not chunk.strip():
            continue
        cur: list[str] = []
        lines = [ln.strip(" \t\u00a0\u3000") for ln in chunk.split("\n")]
        lines = [ln for ln in lines if ln]
        for i, stripped in enumerate(lines):
            split_label = (i + 1 < len(lines) and lines[i + 1][:1] in (":", "\uff1a")
                           and _CJK_LABEL_ALONE.match(stripped) is not None)  # "新华社记者" / "：…"
            if cur and (_LABEL_START.match(stripped) or split_label):
                out.append(_join(cur))
                cur = []
            cur.append(stripped)
        if cur:
            out.append(_join(cur))
    return [p for p in out if p.strip()]


def _join(lines: list[str]) -> str:
    text = " ".join(lines)
    text = _ASCII_WS.sub(" ", text)
    return text.strip()


def text_to_paragraphs(text: str) -> list[str]:
    """Plain text → paragraphs (blank lines separate; label lines start a new paragraph)."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p for p in (_clean_para(p) for p in _split_lines(text)) if p]


def _clean_para(p: str) -> str:
    # strip() removes NBSP at the edges; keep it inside (markers such as "Q\xa0\xa0").
    return p.strip()


def html_to_paragraphs(html: str) -> list[str]:
    """Return the paragraphs of an HTML (or plain-text) briefing, in order."""
    if not html or not html.strip():
        return []
    if not looks_like_html(html):
        return text_to_paragraphs(_html.unescape(html) if "&" in html else html)
    if lxml_html is not None:
        try:
            paras = _lxml_paragraphs(html)
        except Exception:  # lxml rejects some inputs outright (e.g. empty documents)
            paras = None
        if paras is not None:
            return paras
    return _regex_paragraphs(html)


def _regex_paragraphs(html: str) -> list[str]:
    text = _DROP_BLOCK_RE.sub(" ", html)
    text = _BLOCK_RE.sub("\n\n", text)
    text = _BR_RE.sub("\n", text)
    text = _TAG_RE.sub("", text)
    text = _html.unescape(text)
    return text_to_paragraphs(text)


_PARSER = None


def _parser():
    global _PARSER
    if _PARSER is None:
        _PARSER = lxml_html.HTMLParser(
            recover=True, no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
        )
    return _PARSER


_NEEDS_WS = re.compile(r"[\t\n\r\f\v\u2028\u2029\u200b]|  ")


def _ws(text: str) -> str:
    return _ASCII_WS.sub(" ", text) if _NEEDS_WS.search(text) else text


def _is_dropped(el) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return True  # comments, processing instructions, entities
    tag = tag.lower()
    if tag in _DROP_TAGS:
        return True
    if tag in ("footer", "aside", "header") and el.getparent() is not None:
        # page chrome; transcripts inside feeds do not use these for content
        return True
    cls = el.get("class") or ""
    ident = el.get("id") or ""
    role = el.get("role") or ""
    if role in ("navigation", "banner", "contentinfo", "search"):
        return True
    if (cls or ident) and _DROP_CLASS.search(cls + " " + ident):
        return True
    if el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", ""):
        return True
    return False


def _lxml_paragraphs(html: str) -> list[str] | None:
    src = html.strip()
    if src.startswith("<?xml"):
        src = re.sub(r"^<\?xml[^>]*>", "", src)
    parser = _parser()
    root = lxml_html.document_fromstring(src, parser=parser)
    for err in parser.error_log:
        if "RESOURCE_LIMIT" in str(err) or "depth" in err.message.lower():
            return None  # libxml2 truncated the document: let the regex fallback read it all
    if root is None:
        return []
    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            blocks.append("".join(buf))
            buf.clear()

    walker = etree.iterwalk(root, events=("start", "end"))
    dropped: list = []  # elements whose subtree was skipped (a stack)
    for event, el in walker:
        if event == "start":
            if _is_dropped(el):
                walker.skip_subtree()  # the matching "end" event still arrives
                dropped.append(el)
                continue
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if tag in _BLOCK_TAGS:
                flush()
            elif tag == "br":
                buf.append("\n")
            elif tag in ("td", "th"):
                buf.append(" ")
            if el.text:
                buf.append(_ws(el.text))
        else:
            if dropped and dropped[-1] is el:
                dropped.pop()
            else:
                tag = el.tag.lower() if isinstance(el.tag, str) else ""
                if tag in _BLOCK_TAGS:
                    flush()
            if el.tail:
                buf.append(_ws(el.tail))
    flush()
    paras: list[str] = []
    for block in blocks:
        # Inside a block, ordinary newlines are just whitespace; <br> produced "\n".
        if "\n" in block:
            # "\n" comes only from <br>: <br><br> separates paragraphs, a single <br>
            # does so only when the next line starts with a speaker label.
            block = re.sub(r" *\n *", "\n", block)
            paras.extend(_split_lines(block))
        else:
            p = _ASCII_WS.sub(" ", block).strip()
            if p:
                paras.append(p)
    return [p for p in paras if p]
