"""Plain-text helpers for the dashboard: nothing here parses markup, everything is feed-safe."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from rich.cells import cell_len, set_cell_size
from rich.text import Text

if TYPE_CHECKING:
    from textual.binding import Binding

SPARK = "▁▂▃▄▅▆▇█"


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def is_safe_url(url: str | None) -> bool:
    """Only http(s) links with a host may be opened in a browser."""
    if not url:
        return False
    try:
        p = urlparse(url.strip())
    except ValueError:
        return False
    return p.scheme.lower() in ("http", "https") and bool(p.netloc) and not any(
        c in url for c in "\n\r\t ")


def weekly_counts(days: list[tuple[date, int]], end: date, weeks: int) -> list[int]:
    """Statements per week for the `weeks` weeks ending with `end` (oldest first)."""
    out = [0] * weeks
    start = end - timedelta(days=7 * weeks - 1)
    for d, n in days:
        if start <= d <= end:
            out[(d - start).days // 7] += n
    return out


def sparkline(counts: list[int]) -> str:
    top = max(counts) if counts else 0
    if top <= 0:
        return " " * len(counts)
    return "".join(" " if c == 0 else SPARK[min(len(SPARK) - 1, (c * len(SPARK) - 1) // top)]
                   for c in counts)


def find_spans(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Case-insensitive positions of each phrase in `text` (every occurrence)."""
    low = text.lower()
    spans = []
    for p in phrases:
        p = p.lower()
        if not p:
            continue
        i = low.find(p)
        while i >= 0:
            spans.append((i, i + len(p)))
            i = low.find(p, i + len(p))
    return sorted(spans)


def snippet_text(snippet: str, hit_style, base_style=None) -> Text:
    """A search snippet with hits wrapped in \\x01…\\x02 as Rich Text (plain, no markup)."""
    out = Text(style=base_style or "")
    on = False
    for part in re.split(r"([\x01\x02])", snippet.replace("\n", " ")):
        if part == "\x01":
            on = True
        elif part == "\x02":
            on = False
        elif part:
            out.append(part, style=hit_style if on else None)
    return out


def fit(text: str, width: int) -> str:
    """Cut or pad `text` to exactly `width` cells (ellipsis when cut)."""
    text = one_line(text)
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, max(0, width - 1)) + "…"
    return set_cell_size(text, width)


def fit_words(text: str, width: int) -> str:
    """Like `fit`, but a cut falls between words (never inside one), then "…"."""
    text = one_line(text)
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    cut = set_cell_size(text, max(0, width - 1))
    if not text[len(cut):len(cut) + 1].isspace():  # the cut falls inside a word: drop it
        space = cut.rstrip().rfind(" ")
        if space > 0:
            cut = cut[:space]
        elif cut:  # one long word: better cut than nothing
            return set_cell_size(cut, width - 1) + "…"
    cut = cut.rstrip(" ·,;:–-")
    return set_cell_size(cut + "…", width)


def display_key(binding: Binding, keymap: dict[str, str]) -> str:
    """The key(s) a binding has now (remapped in `keymap` or not), as the help shows them."""
    keys = keymap.get(binding.id or "", binding.key)
    names = {"question_mark": "?", "slash": "/", "escape": "Esc", "enter": "Enter", "tab": "Tab",
             "shift+tab": "Shift+Tab", "space": "Space", "delete": "Del", "pagedown": "PgDn",
             "pageup": "PgUp", "home": "Home", "end": "End", "down": "↓", "up": "↑", "right": "→", "left": "←", "ctrl+p": "Ctrl+P"}
    return ", ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))
