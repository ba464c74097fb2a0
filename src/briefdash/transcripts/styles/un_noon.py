"""UN noon briefing: topic headings with spokesperson paragraphs, then `Question:` / `Spokesperson:`."""
from __future__ import annotations

import re

from ..base import Evidence, Style, speaker_in_title

Q = re.compile(r"Question|Q|Journalist", re.I)
ASIDE = re.compile(r"Correspondent|Journalists?|Audience", re.I)
FOLLOW_UP = re.compile(r"follow[- ]?up|Question \(follow[- ]?up\)", re.I)
OFFICIAL = re.compile(r"(?:Deputy |Associate |Chief )?Spokes(?:person|man|woman)(?: [A-Z][\w'’-]+)*|Spokesperson for [\w ,-]+|Mr\.? [A-Z][\w'’-]+|Ms\.? [A-Z][\w'’-]+", re.I)
ANON = re.compile(r"(?:Deputy |Associate )?Spokes(?:person|man|woman)", re.I)
TITLE = re.compile(
    r"(?:briefing|remarks) by ([A-Z][\w'’é-]+(?: [A-Z][\w'’é-]+){1,2}),?\s+(?:the )?(?:Deputy |Associate )?Spokes",
)


title_speaker = speaker_in_title(TITLE)


def detect(ev: Evidence) -> float:
    score = float(ev.count(ANON)) * 2
    if score:
        score += ev.count(Q)
    if re.search(r"noon briefing|Secretary-General|Daily Press Briefing", ev.title + " " + ev.text_sample[:400], re.I):
        score += 4
    return score


STYLE = Style(
    name="un_noon",
    q_labels=Q,
    fu_labels=FOLLOW_UP,
    a_labels=OFFICIAL,
    anon_answer=ANON,
    unknown="a",
    aside_labels=ASIDE,
    topic_headings=True,
    title_speaker=title_speaker,
    detect=detect,
)
