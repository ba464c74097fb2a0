"""China MFA, Chinese, every layout.

Before 2020: `问：` / `答：`, `追问：`, opening announcements (`一、应…邀请`) before the first
question. From 2020: outlet labels ask (`新华社记者：`, `《环球时报》记者：`, a bare `记者：`), the
spokesperson's name answers (`华春莹：`), `追问：` follows up (asked by the previous outlet) and
`会后有记者问及：` opens each question put after the briefing. A reporter's reply to a question
the spokesperson asked back (`记者：我看到有报道这样说。`, `记者澄清：是的。`) stays in its exchange.
"""
from __future__ import annotations

import re

from ...lazy_regex import lazy_compile
from ..base import Evidence, Style, speaker_in_title

SPOKESPERSONS_ZH = frozenset(["毛宁", "林剑", "汪文斌", "赵立坚", "华春莹", "郭嘉昆", "耿爽", "陆慷", "洪磊"])
AFTER_BRIEFING = re.compile(r"会后有?(?:记者|媒体)(?:问及|问到|提问|询问|追问|问)[\u4e00-\u9fff]{0,8}")
Q = re.compile(rf"问|提问|.{{0,14}}记者|{AFTER_BRIEFING.pattern}")
FOLLOW_UP = re.compile(r"(?:.{0,14}记者)?(?:追问|又问|再问)")
A = re.compile(r"答")
REPLY = re.compile(r"记者(?:澄清|补充|回答|答|说)?")
# a spokesperson's name (2–4 characters, or a transliterated name with "·"), not a clause that
# happens to end in a colon ("这里我要指出：第一，…")
NAME = lazy_compile(
    r"^(?!.*(?:指出|表示|强调|认为|称|如下|说|道|是|了|的|时|问|答)$)"
    r"(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12})$"
)
TITLE = re.compile(r"发言人([\u4e00-\u9fff\u00b7]{2,6}?)(?:主持|答记者问|就|在)")
CJK = re.compile(r"[\u4e00-\u9fff]")


title_speaker = speaker_in_title(TITLE)


def _asker(label: str, question: str) -> str | None:
    m = re.fullmatch(r"(.+记者)(?:追问|又问|再问)", label)  # "法新社记者追问" → 法新社
    if m:
        label = m.group(1)
    if label in ("问", "提问", "记者") or AFTER_BRIEFING.fullmatch(label):
        return None
    outlet = label[:-2] if label.endswith("记者") and len(label) > 2 else label
    if outlet.startswith("《") and outlet.endswith("》") and outlet.count("《") == 1:
        outlet = outlet[1:-1]  # "《环球时报》记者" → "环球时报"
    return outlet


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
    title_speaker=title_speaker,
    asker_from=_asker,
    known_officials=SPOKESPERSONS_ZH,
    speaker_label=NAME,
    reply_labels=REPLY,
    unlabelled_answers=True,
    detect=detect,
)
