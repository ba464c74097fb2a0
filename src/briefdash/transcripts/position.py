"""The sentence(s) of an answer that state the government's stance.

`extract_position(answer)` returns one or two consecutive sentences of `answer`, always a
verbatim substring of it: the best-scoring sentence by stance formulas ("firmly opposes",
"urges", "calls on", "our position is consistent", ...), extended by the next sentence when
that one also states a stance. Pleasantries and deflections ("I'd refer you to ...") never
count. Without any stance formula the first substantive sentence is returned; "" only for an
empty answer or one that is nothing but pleasantries/deflection.
"""
from __future__ import annotations

import re

__all__ = ["extract_position", "split_sentences"]

# (pattern, weight). Patterns are matched case-insensitively on one sentence.
_STANCE_PATTERNS: list[tuple[str, int]] = [
    (r"\bfirmly (?:oppose|opposes|opposed|reject|rejects|support|supports|believe|believes)\b", 6),
    (r"\b(?:strongly|resolutely|categorically) (?:oppose|opposes|condemn|condemns|deplore|deplores|reject|rejects|support|supports)\b", 6),
    (r"\bwill take (?:resolute|firm|necessary|all necessary|strong|forceful|countermeasures)", 6),
    (r"\b(?:our|the) (?:position|stance|policy) (?:on [^.]{1,60} )?(?:is|remains) (?:consistent|clear|firm|unchanged|unequivocal|very clear)", 6),
    (r"\b(?:position|stance) (?:is|remains) (?:consistent|clear|firm|unchanged|unequivocal)", 5),
    (r"\bone[- ]china (?:principle|policy)\b", 3),
    (r"\b(?:urge|urges|urged|call on|calls on|called on|call upon|calls upon|demand|demands|demanded)\b", 5),
    (r"\b(?:oppose|opposes|opposed|condemn|condemns|condemned|reject|rejects|rejected|deplore|deplores)\b", 4),
    (r"\b(?:welcome|welcomes|welcomed|support|supports|supported|commend|commends|appreciate|appreciates)\b", 3),
    (r"\b(?:stand|stands) ready to\b", 5),
    (r"\bis (?:firmly |fully |deeply )?committed to\b|\bare (?:firmly |fully |deeply )?committed to\b|\bremains? committed to\b", 5),
    (r"\b(?:we|china|russia|india|japan|the united states|the us|the government|the ministry)[^.]{0,40}\b(?:will continue to|will never|will not|will always|will firmly|will resolutely|must|should)\b", 3),
    (r"\b(?:never (?:accept|allow|tolerate)|will not (?:accept|allow|tolerate)|cannot accept|unacceptable)\b", 5),
    (r"\b(?:sovereignty|territorial integrity|internal affairs|interference|red line|core interests?)\b", 2),
    (r"\b(?:we|i) (?:hope|believe|expect|call|ask|insist)\b", 2),
    (r"\b(?:concern|concerned|serious concerns?|grave concern)\b", 2),
    (r"\b(?:stern representations|strong protest|lodged)\b", 4),
    (r"\b(?:peaceful|political) (?:settlement|resolution|solution)\b", 2),
    (r"\bdialogue and (?:consultation|negotiation|diplomacy)\b", 2),
    (r"\bstop (?:interfering|meddling|smearing|provoking)\b", 4),
    (r"\bfalse|groundless|baseless|smear|lies\b", 1),
    # Chinese stance formulas
    (r"坚决反对|强烈不满|严正交涉|敦促|呼吁|支持|欢迎|反对|一贯的|一贯|坚定不移|谴责|立场|决不|绝不|愿同|愿与|希望", 4),
]
_STANCE = [(re.compile(p, re.I), w) for p, w in _STANCE_PATTERNS]

_DEFLECT = re.compile(
    r"(?:i(?:'|’)?d refer you|i would refer you|i refer you|refer you to|please refer to|"
    r"i (?:don(?:'|’)t|do not) have (?:any |more |further |anything |specific )?(?:information|details|update|updates|comment|anything)|"
    r"i(?:'|’)m not aware|i am not aware|not in a position to|have nothing (?:to share|further)|"
    r"no information to (?:offer|share|release)|i(?:'|’)ll have to check|we(?:'|’)ll check|"
    r"i(?:'|’)m not going to (?:get ahead|comment|speak)|won(?:'|’)t get ahead|"
    r"competent authorit|i don(?:'|’)t have anything|nothing to add|let me check|"
    r"^(?:go ahead|next question|sure|yes|no|okay|ok|right|yeah|thanks?|thank you)\b[^a-z]{0,3}$|"
    r"请你向|请向主管部门|我不掌握|我没有可以发布的信息|我不了解)",
    re.I,
)
_PLEASANTRY = re.compile(
    r"^(?:(?:good (?:morning|afternoon|evening)|hi|hello|hey|welcome|thank you|thanks|"
    r"go ahead|sure|okay|ok|all right|alright|yes|yeah|right|great|next question|"
    r"i have (?:\w+ )?(?:announcements?|items?|things?)|"
    r"(?:now|so),? (?:the floor is open|i(?:'|’)m happy to take|let(?:'|’)s take)|"
    r"下午好|上午好|谢谢|好的|请提问|现在开始)\b.{0,60})$",
    re.I,
)

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENT_END = re.compile(r"(?<=[.!?。！？])[\"'”’)\]]*\s+|(?<=[。！？])|\n+")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|St|Mt|No|Gen|Lt|Col|Sen|Rep|Gov|Amb|Prof|Jr|Sr|Inc|Ltd|Co|vs|etc|U\.S|U\.N|U\.K|e\.g|i\.e|[A-Z])\.)$"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of `text` (spans exclude outer whitespace)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _SENT_END.finditer(text):
        end = m.start()
        if end <= start:
            continue
        piece = text[start:end]
        if m.group(0) and not m.group(0).startswith("\n") and _ABBREV.search(piece):
            continue  # "Mr." / "U.S." — not a sentence end
        _add_span(text, start, end, spans)
        start = m.end()
    if start < n:
        _add_span(text, start, n, spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    # include closing quotes/brackets that the split regex consumed after the punctuation
    while end < len(text) and text[end] in "\"'”’)]":
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _score(sentence: str) -> int:
    score = 0
    for rx, w in _STANCE:
        if rx.search(sentence):
            score += w
    return score


def _is_filler(sentence: str) -> bool:
    s = sentence.strip()
    if not s:
        return True
    if _DEFLECT.search(s):
        return True
    if len(s) < 90 and _PLEASANTRY.match(s):
        return True
    return False


def _substantive(sentence: str) -> bool:
    if _is_filler(sentence):
        return False
    words = sentence.split()
    if len(words) >= 4:
        return True
    # CJK sentences have no spaces
    return sum(1 for ch in sentence if "\u4e00" <= ch <= "\u9fff") >= 6


def extract_position(answer: str) -> str:
    """Return the stance-stating span of `answer` (a verbatim substring; "" if none)."""
    if not answer or not answer.strip():
        return ""
    spans = split_sentences(answer)
    if not spans:
        return ""
    best = -1
    best_score = 0
    scores: list[int] = []
    fillers: list[bool] = []
    for i, (s, e) in enumerate(spans):
        sent = answer[s:e]
        filler = _is_filler(sent)
        fillers.append(filler)
        sc = 0 if filler or (len(sent) < 12 and not _CJK.search(sent)) else _score(sent)
        scores.append(sc)
        if sc > best_score:
            best_score = sc
            best = i
    if best >= 0 and best_score >= 3:
        start, end = spans[best]
        # extend with the next sentence when it also states a stance and the pair stays short
        if best + 1 < len(spans) and scores[best + 1] >= 4 and spans[best + 1][1] - start <= 450:
            end = spans[best + 1][1]
        elif best > 0 and scores[best - 1] >= 5 and end - spans[best - 1][0] <= 450:
            start = spans[best - 1][0]
        return answer[start:end]
    for i, (s, e) in enumerate(spans):
        if not fillers[i] and _substantive(answer[s:e]):
            return answer[s:e]
    return ""
