"""Generic fallback for any `X:`-labelled transcript.

Question words (Q, Question, Reporter, Journalist, …) ask; when the transcript has them, every
other label is an official. Without them the most frequent label is the official and the others
are askers (outlets or reporters)."""
from __future__ import annotations

import re

from ..base import Evidence, Style, speaker_in_title

Q = re.compile(r"Q|QUESTION|Question|Questioner|Reporter|REPORTER|Journalist|Press|Audience(?: Member)?|AUDIENCE MEMBER|Participant|PARTICIPANT|问|记者", re.I)
FOLLOW_UP = re.compile(r"follow[- ]?up(?: question)?|追问", re.I)
MOD = re.compile(r"Moderator|Operator|Host|Staff", re.I)
A = re.compile(r"A|Answer|答", re.I)
TITLE = re.compile(
    r"(?:Spokes(?:person|man|woman)|Press Secretary|Minister|Ambassador|Secretary)\s+([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}?)(?=\s*(?:['’]s\b|,|$|\s(?:on|at|in|holds)\b))"
)


title_speaker = speaker_in_title(TITLE)


def detect(ev: Evidence) -> float:
    labelled = sum(ev.counts.values())
    return 0.5 if labelled >= 2 else 0.0


STYLE = Style(
    name="generic",
    q_labels=Q,
    fu_labels=FOLLOW_UP,
    mod_labels=MOD,
    anon_answer=A,
    unknown="auto",
    title_speaker=title_speaker,
    asker_from=lambda label, q: None if Q.fullmatch(label) else label,
    detect=detect,
)
