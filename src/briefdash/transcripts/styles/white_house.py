"""White House: `Q` + (non-breaking) spaces asks; `MS. JEAN-PIERRE:` / `MR. KIRBY:` answer."""
from __future__ import annotations

import re

from ..base import Evidence, Style

Q = re.compile(r"Q|QUESTION|AUDIENCE MEMBER|PARTICIPANT|REPORTER")
MOD = re.compile(r"MODERATOR|MOERATOR|MODERTOR|OPERATOR|WHITE HOUSE AIDE|AIDE|STAFF", re.I)
# officials are labelled in capitals ("MS. PSAKI", "Dr. WALENSKY", "SENIOR ADMINISTRATION OFFICIAL")
SPEAKER_LABEL = re.compile(r"^(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][A-Z0-9'’. &-]*$")
OFFICIAL = re.compile(r"(?:MR|MS|MRS|DR)\. [A-Z][A-Z'’ .-]+|[A-Z][A-Z'’ .-]+")


def title_speaker(title: str) -> str | None:
    m = re.search(r"(?:Press Secretary|Secretary)\s+((?:[A-Z][\w'’.-]+[\s\u00a0]?){2,3})", title)
    return " ".join(m.group(1).split()) if m else None


def detect(ev: Evidence) -> float:
    q = ev.counts.get("Q", 0)
    officials = sum(n for lab, n in ev.counts.items() if lab != "Q" and lab.isupper() and "." in lab)
    caps = sum(n for lab, n in ev.counts.items() if lab not in ("Q", "QUESTION") and lab.isupper() and len(lab) > 2)
    score = 1.5 * q + officials + 0.5 * caps
    if "White House" in ev.title or "Press Gaggle" in ev.title or re.search(
        r"Press Secretary|Background Press Call|Press Call by|Remarks by (?:President|Vice President)", ev.title
    ):
        score += 4
    if not q:
        score *= 0.3
    if ev.counts.get("QUESTION", 0) > q:
        score *= 0.5  # State Department shape
    return score


STYLE = Style(
    name="white_house",
    q_labels=Q,
    mod_labels=MOD,
    a_labels=OFFICIAL,
    unknown="a",
    title_speaker=title_speaker,
    speaker_label=SPEAKER_LABEL,
    detect=detect,
)
