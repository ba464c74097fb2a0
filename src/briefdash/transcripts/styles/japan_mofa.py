"""Japan MOFA: `Reporter:` / `Reporter (NHK):` ask, `Press Secretary ONO:` / `Minister X:` answer."""
from __future__ import annotations

import re

from ...lazy_regex import lazy_compile
from ..base import Evidence, Style

Q = re.compile(r"(?:Reporter|Journalist|Question|Q)(?: ?\(.*\)| from .+| of .+)?", re.I)
OFFICIAL = lazy_compile(
    r"(?:Deputy )?Press Secretary(?: [\w'’-]+){0,3}|(?:Foreign )?Minister(?: [\w'’-]+){0,3}|"
    r"(?:Chief Cabinet )?Secretary(?: [\w'’-]+){0,3}|(?:Mr|Ms)\.? [\w'’-]+|Director[- ]General(?: [\w'’-]+){0,3}",
    re.I,
)
ANON = re.compile(r"(?:Deputy )?Press Secretary|(?:Foreign )?Minister|Answer|A", re.I)
TITLE = re.compile(r"(?:Press Secretary|Minister for Foreign Affairs|Foreign Minister)\s+([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2})")


def title_speaker(title: str) -> str | None:
    m = TITLE.search(title)
    if not m:
        return None
    parts = m.group(1).split()
    # MOFA writes family names in capitals: "ONO Hikariko" → "Ono Hikariko"
    return " ".join(p.capitalize() if p.isupper() and len(p) > 1 else p for p in parts)


def _asker(label: str, question: str) -> str | None:
    m = re.search(r"\(([^)]+)\)|\bfrom (.+)|\bof (.+)", label)
    if m:
        return next(g for g in m.groups() if g).strip()
    return None


def _speaker(label: str) -> str:
    parts = label.split()
    return " ".join(p.capitalize() if p.isupper() and len(p) > 2 else p for p in parts)


def detect(ev: Evidence) -> float:
    q = sum(n for lab, n in ev.counts.items() if lab.lower().startswith("reporter"))
    if not q:
        return 0.0
    score = 2.0 * q + ev.count(OFFICIAL)
    if re.search(r"Press Secretary|Japan|MOFA|Press Conference by", ev.title):
        score += 3
    return score


STYLE = Style(
    name="japan_mofa",
    q_labels=Q,
    a_labels=OFFICIAL,
    anon_answer=ANON,
    unknown="a",
    title_speaker=title_speaker,
    speaker_name=_speaker,
    asker_from=_asker,
    detect=detect,
)
