"""China MFA, English, before 2020: `Q:` / `A:`; the spokesperson is named in the title.

Unlabelled paragraphs continue the answer (or the question); `Follow-up:` is its own exchange;
a reporter's reply to a question the spokesperson asked back (`Journalist: …`) stays in its
exchange; opening announcements (`At the invitation of …`) are statements, one per announcement.
"""
from __future__ import annotations

import re

from ..base import Evidence, Style
from .china_mfa import OUTLETS, SPOKESPERSONS, title_speaker

Q = re.compile(r"Q|Journalist|Reporter", re.I)
A = re.compile(r"A", re.I)
FOLLOW_UP = re.compile(r"follow[- ]?up(?: question)?", re.I)
REPLY = re.compile(r"Journalist|Reporter|Correspondent", re.I)


def detect(ev: Evidence) -> float:
    q = ev.counts.get("Q", 0)
    a = ev.counts.get("A", 0)
    if not (q and a):
        return 0.0
    # Bare "Q:"/"A:" labels are strong evidence: no outlet or spokesperson is called "Q".
    score = 2 * (q + a)
    if any(w in ev.title for w in ("Spokesperson", "Foreign Ministry", "Press Conference")):
        score += 4
    # the labelled layout since 2020 names the spokesperson and the outlets; its Q:/A: are only
    # the questions put after the briefing
    officials = {o.lower() for o in SPOKESPERSONS}
    named = sum(n for lab, n in ev.counts.items() if lab.lower() in officials or OUTLETS.fullmatch(lab))
    return float(max(score - 2 * named, 0))


STYLE = Style(
    name="china_mfa_old",
    q_labels=Q,
    fu_labels=FOLLOW_UP,
    anon_answer=A,
    unknown="a",
    reply_labels=REPLY,
    unlabelled_answers=True,
    title_speaker=title_speaker,
    known_officials=SPOKESPERSONS,
    detect=detect,
)
