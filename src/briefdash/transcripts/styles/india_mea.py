"""India MEA: `Official Spokesperson, Shri X:` answers; questions labelled with the reporter's
name (often "Name, Outlet" or "Sir, Name from Outlet" in the question); several questions are
often taken together and answered at once (they become one item with several askers)."""
from __future__ import annotations

import re

from ...lazy_regex import lazy_compile
from ..base import Evidence, Style

OFFICIAL = lazy_compile(
    r"(?:Shri |Smt\.? |Dr\.? |Mr\.? |Ms\.? )?[\w .'’-]*,?\s*Official Spokesperson(?:,? (?:Shri |Smt\.? |Dr\.? )?[\w .'’-]+)?|"
    r"Official Spokesperson|Foreign Secretary(?:,? (?:Shri |Smt\.? |Dr\.? )?[\w .'’-]+)?|"
    r"(?:Shri|Smt\.?|Dr\.?) [\w .'’-]+,? (?:Joint|Additional) Secretary[\w ()-]*|(?:Joint|Additional) Secretary[\w ()-]*",
    re.I,
)
Q = re.compile(r"Question|Q|Questioner|Speaker \d+|Reporter", re.I)
_HONORIFIC = re.compile(r"^(?:Shri|Smt\.?|Dr\.?|Mr\.?|Ms\.?)\s+")
_FROM = re.compile(
    r"^(?:(?:Sir|Ma'am|Ma’am|Hi|Hello|Good (?:afternoon|morning|evening))[,.]?\s+)*(?:(?:I am|I'm|This is|my name is)\s+)?"
    r"(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}) (?:from|with|of) (?:the )?(?P<outlet>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4})"
)


def _outlet(text: str) -> str:
    return re.split(r"[.,;?!]\s", text + " ")[0].rstrip(".")


def _speaker(label: str) -> str:
    parts = [p.strip() for p in label.split(",")]
    names = [p for p in parts if p and not re.search(r"Spokesperson|Secretary", p, re.I)]
    name = names[0] if names else parts[0]
    return _HONORIFIC.sub("", name).strip()


def _asker(label: str, question: str) -> str | None:
    m = _FROM.match(question)
    if Q.fullmatch(label):
        if m:
            return f"{m.group('name')}, {_outlet(m.group('outlet'))}"
        m2 = re.search(r"\((?:Question by |Q by )?([^()]{3,60})\)\s*$", question)
        return m2.group(1) if m2 else None
    if "," in label:
        return label
    if m and m.group("name").split()[0] == label.split()[0]:
        return f"{m.group('name')}, {_outlet(m.group('outlet'))}"
    return label


def detect(ev: Evidence) -> float:
    n = sum(c for lab, c in ev.counts.items() if "official spokesperson" in lab.lower())
    score = 3.0 * n
    if re.search(r"Official Spokesperson|MEA|Weekly Media Briefing", ev.title):
        score += 4
    return score


STYLE = Style(
    name="india_mea",
    q_labels=Q,
    a_labels=OFFICIAL,
    unknown="q",
    merge_consecutive_questions=True,
    speaker_name=_speaker,
    asker_from=_asker,
    detect=detect,
)
