"""China MFA, Chinese: `问：` / `答：`, `路透社记者：` ask, `毛宁：` answers, `追问：` follows up."""
from __future__ import annotations

import re

from ..base import Evidence, Style, speaker_in_title

SPOKESPERSONS_ZH = frozenset(["毛宁", "林剑", "汪文斌", "赵立坚", "华春莹", "郭嘉昆", "耿爽", "陆慷", "洪磊"])
Q = re.compile(r"问|提问|.{0,14}记者")
FOLLOW_UP = re.compile(r"追问|又问|再问")
A = re.compile(r"答")
TITLE = re.compile(r"发言人([\u4e00-\u9fff\u00b7]{2,6}?)(?:主持|答记者问|就|在)")
CJK = re.compile(r"[\u4e00-\u9fff]")


title_speaker = speaker_in_title(TITLE)


def _asker(label: str, question: str) -> str | None:
    if label in ("问", "提问"):
        return None
    return label[:-2] if label.endswith("记者") and len(label) > 2 else label


def detect(ev: Evidence) -> float:
    score = 0.0
    for lab, n in ev.counts.items():
        if CJK.search(lab):
            score += 1.5 * n
    if "外交部" in ev.title or "例行记者会" in ev.title:
        score += 4
    return score


STYLE = Style(
    name="china_mfa_zh",
    q_labels=Q,
    fu_labels=FOLLOW_UP,
    anon_answer=A,
    unknown="auto",
    statement_per_paragraph=True,
    title_speaker=title_speaker,
    asker_from=_asker,
    known_officials=SPOKESPERSONS_ZH,
    detect=detect,
)
