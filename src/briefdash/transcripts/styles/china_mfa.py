"""China MFA, English, since 2020: `Reuters:` / `CCTV:` ask, `Mao Ning:` answers, `Follow-up:`.

Questions put after the briefing may come as `Q:` / `A:` (no outlet; the title names the
spokesperson); `Journalist:` answering the spokesperson's own question stays in its exchange."""
from __future__ import annotations

import re

from ..base import Evidence, Style, speaker_in_title

SPOKESPERSONS = frozenset(
    ["Mao Ning", "Lin Jian", "Wang Wenbin", "Zhao Lijian", "Hua Chunying", "Guo Jiakun",
     "Geng Shuang", "Lu Kang", "Hong Lei", "Qin Gang", "Wang Yi"]
)
OUTLETS = re.compile(
    r"(?:Reuters|AFP|AP|Bloomberg|CCTV|CGTN|CNR|Xinhua(?: News Agency)?|China Daily|Global Times|"
    r"The Paper|Beijing Daily|Hubei Media Group|Shenzhen TV|Dragon TV|Phoenix TV|Yonhap(?: News Agency)?|"
    r"Kyodo(?: News)?|NHK|Nippon TV|TBS|Asahi Shimbun|RIA Novosti|TASS|Sputnik|EFE|ANSA|dpa|DPA|"
    r"Anadolu(?: Agency)?|Al Jazeera|BBC|CNN|Bloomberg News|China Review News|Macau Monthly|"
    r"China News Service|Prasar Bharati|PTI|Press Trust of India|Ukrinform|[A-Z][\w.&'’ -]{0,40}"
    r"(?: News| News Agency| TV| Television| Daily| Times| Post| Group| Radio| Agency| Media))",
)
FOLLOW_UP = re.compile(r"follow[- ]?up(?: question)?|further question", re.I)
# a reporter answering a question the spokesperson asked back: part of the exchange
REPLY = re.compile(r"Journalist|Reporter|Correspondent", re.I)
ANON_Q = re.compile(r"Q|Question", re.I)
ANON_A = re.compile(r"A|Answer", re.I)


def _asker(label: str, question: str) -> str | None:
    return None if REPLY.fullmatch(label) or ANON_Q.fullmatch(label) else label
TITLE_NAME = re.compile(
    r"Spokes(?:person|man|woman)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}?)\s*(?:['’]s\b|\s(?:on|at|holds|hosts)\b|,|$)"
)


title_speaker = speaker_in_title(TITLE_NAME)


def detect(ev: Evidence) -> float:
    score = 0.0
    officials = {s.lower() for s in SPOKESPERSONS}
    for lab, n in ev.counts.items():
        if lab.lower() in officials:
            score += 2 * n
        elif OUTLETS.fullmatch(lab):
            score += 1.5 * n
        elif FOLLOW_UP.fullmatch(lab):
            score += n
    if "Foreign Ministry Spokesperson" in ev.title or "Regular Press Conference" in ev.title:
        score += 4
    return score


STYLE = Style(
    name="china_mfa",
    fu_labels=FOLLOW_UP,
    q_labels=None,
    unknown="auto",
    statement_per_paragraph=True,  # (the bundled demo corpus is written this way)
    title_speaker=title_speaker,
    anon_answer=ANON_A,
    asker_from=_asker,
    reply_labels=REPLY,
    known_officials=SPOKESPERSONS,
    detect=detect,
)
