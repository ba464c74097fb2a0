"""US State Department: `QUESTION:` asks, `MR PRICE:` / `MS BRUCE:` answer, `STAFF:`/`MODERATOR:` moderate."""
from __future__ import annotations

import re

from ..base import Evidence, Style

Q = re.compile(r"QUESTION|Question|Q|PARTICIPANT|AUDIENCE MEMBER|REPORTER")
MOD = re.compile(r"STAFF|MODERATOR|OPERATOR", re.I)
OFFICIAL = re.compile(r"(?:MR|MS|MRS|DR)\.? [A-Z][A-Z'’ -]+|SECRETARY [A-Z][A-Z'’ -]+|SENIOR STATE DEPARTMENT OFFICIAL(?: [A-Z]+)?|AMBASSADOR [A-Z][A-Z'’ -]+")


def detect(ev: Evidence) -> float:
    q = ev.counts.get("QUESTION", 0)
    if not q:
        return 0.0
    score = 2.0 * q + ev.count(OFFICIAL) + ev.count(MOD)
    if re.search(r"Department Press Briefing|State Department", ev.title):
        score += 4
    return score


STYLE = Style(
    name="state_dept",
    q_labels=Q,
    mod_labels=MOD,
    a_labels=OFFICIAL,
    unknown="a",
    detect=detect,
)
