"""Russia MFA: topic-headed opening remarks, then `Question:` / `Answer:`."""
from __future__ import annotations

import re

from ..base import Evidence, Style, speaker_in_title

Q = re.compile(r"Question|Q", re.I)
A = re.compile(r"Answer|A", re.I)
FOLLOW_UP = re.compile(r"follow[- ]?up(?: question)?|Question \(follow[- ]?up\)", re.I)
TITLE = re.compile(
    r"(?:Spokes(?:person|man|woman)|Minister|Director of the [\w ]+?)\s+([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}?)(?=\s*(?:['’]s\b|,|$|\s(?:on|at|in|during)\b))"
)


title_speaker = speaker_in_title(TITLE)


def detect(ev: Evidence) -> float:
    q = ev.count(Q)
    a = ev.counts.get("Answer", 0)
    if not a:
        return 0.0
    score = q + 2.0 * a
    if re.search(r"Zakharova|Russia|Russian|Lavrov", ev.title):
        score += 4
    return score


STYLE = Style(
    name="russia_mfa",
    q_labels=Q,
    fu_labels=FOLLOW_UP,
    anon_answer=A,
    unknown="a",
    topic_headings=True,
    title_speaker=title_speaker,
    detect=detect,
)
