"""The sentence(s) of an answer that state the government's stance.

`extract_position(answer)` returns one or two consecutive sentences of `answer`, always a
verbatim substring of it: the best-scoring sentence by stance formulas ("firmly opposes",
"urges", "calls on", "our position is consistent", ...), extended by the next sentence when
that one also states a stance. Pleasantries, courtesy and moderation lines ("Appreciate it.", "I'll come to the back
in a second.", see `procedural.is_courtesy_or_moderation`) and deflections ("I'd refer you to
...") never count. Without any stance formula the first substantive sentence is returned; "" only for an
empty answer or one that is nothing but pleasantries/deflection.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .procedural import echoes_the_question, is_courtesy_or_moderation, substance_words

__all__ = ["extract_position", "split_sentences"]

# (pattern, weight). Patterns are matched case-insensitively on one sentence.
_STANCE_PATTERNS: list[tuple[str, int, str]] = [
    (r"\bfirmly (?:oppose|opposes|opposed|reject|rejects|support|supports|believe|believes)\b", 6, "firmly"),
    (r"\b(?:strongly|resolutely|categorically) (?:oppose|opposes|condemn|condemns|deplore|deplores|reject|rejects|support|supports)\b", 6, "strongly resolutely categorically"),
    (r"\bwill take (?:resolute|firm|necessary|all necessary|strong|forceful|countermeasures)", 6, "take"),
    (r"\b(?:our|the) (?:position|stance|policy) (?:on [^.]{1,60} )?(?:is|remains) (?:consistent|clear|firm|unchanged|unequivocal|very clear)", 6, "position stance policy"),
    (r"\b(?:position|stance) (?:is|remains) (?:consistent|clear|firm|unchanged|unequivocal)", 5, "position stance"),
    (r"\bone[- ]china (?:principle|policy)\b", 3, "principle policy"),
    (r"\b(?:urge|urges|urged|call on|calls on|called on|call upon|calls upon|demand|demands|demanded)\b", 5, "urge urges urged call calls called demand demands demanded"),
    (r"\b(?:oppose|opposes|opposed|condemn|condemns|condemned|reject|rejects|rejected|deplore|deplores)\b", 4, "oppose opposes opposed condemn condemns condemned reject rejects rejected deplore deplores"),
    (r"\b(?:welcome|welcomes|welcomed|support|supports|supported|commend|commends|appreciate|appreciates)\b", 3, "welcome welcomes welcomed support supports supported commend commends appreciate appreciates"),
    (r"\b(?:stand|stands) ready to\b", 5, "ready"),
    (r"\b(?:is|are) (?:firmly |fully |deeply )?committed to\b|\bremains? committed to\b", 5, "committed"),
    (r"\b(?:we|china|russia|india|japan|the united states|the us|the government|the ministry)\b[^.]{0,40}\b(?:will continue to|will never|will not|will always|will firmly|will resolutely|must|should)\b", 3, "continue never not always firmly resolutely must should"),
    (r"\b(?:never (?:accept|allow|tolerate)|will not (?:accept|allow|tolerate)|cannot accept|unacceptable)\b", 5, "accept allow tolerate unacceptable"),
    (r"\b(?:sovereignty|territorial integrity|internal affairs|interference|red line|core interests?)\b", 2, "sovereignty territorial internal interference red core"),
    (r"\b(?:we|i) (?:hope|believe|expect|call|ask|insist)\b", 2, "hope believe expect call ask insist"),
    (r"\b(?:concern|concerned|serious concerns?|grave concern)\b", 2, "concern concerned concerns"),
    (r"\b(?:stern representations|strong protest|lodged)\b", 4, "representations protest lodged"),
    (r"\b(?:peaceful|political) (?:settlement|resolution|solution)\b", 2, "settlement resolution solution"),
    (r"\bdialogue and (?:consultation|negotiation|diplomacy)\b", 2, "dialogue"),
    (r"\bstop (?:interfering|meddling|smearing|provoking)\b", 4, "stop"),
    (r"\b(?:false|groundless|baseless|smear|lies)\b", 1, "false groundless baseless smear lies"),
    # Chinese stance formulas
    (r"坚决反对|强烈不满|严正交涉|敦促|呼吁|支持|欢迎|反对|一贯的|一贯|坚定不移|谴责|立场|决不|绝不|愿同|愿与|希望", 4, "*cjk*"),
]
# matched on lower-cased text, and only when the sentence holds one of the trigger words
_STANCE = [(re.compile(p), w, frozenset(t.split())) for p, w, t in _STANCE_PATTERNS]


_DEFLECT = re.compile(
    r"(?:i(?:'|’)?d refer you|i would refer you|i refer you|refer you to|please refer to|"
    r"i (?:don(?:'|’)t|do not) have (?:any |more |further |anything |specific )?(?:information|details|update|updates|comment|anything)|"
    r"i(?:'|’)m not aware|i am not aware|not in a position to|have nothing (?:to share|further)|"
    r"no information to (?:offer|share|release)|i(?:'|’)ll have to check|we(?:'|’)ll check|"
    r"i(?:'|’)m not going to (?:get ahead|comment|speak)|won(?:'|’)t get ahead|"
    r"competent authorit|i don(?:'|’)t have anything|nothing to add|let me check|"
    r"请你向|请向主管部门|我不掌握|我没有可以发布的信息|我不了解|建议你向|建议你去问|请你去问|向主管部门|"
    r"向军方询问|我没有听说|我还没有看到|我尚不掌握|我目前不掌握|没有进一步的补充|没有更多可以提供|"
    r"问了同样的问题|问过同样的问题|回答过类似的问题|已经回答过)",
    re.I,
)
_SHORT_FILLER = re.compile(
    r"^(?:go ahead|next question|sure|yes|no|okay|ok|right|yeah|thanks?|thank you)\b[^a-z]{0,3}$", re.I
)
_PLEASANTRY = re.compile(
    r"^(?:(?:good (?:morning|afternoon|evening)|hi|hello|hey|welcome|thank you|thanks|"
    r"go ahead|sure|okay|ok|all right|alright|yes|yeah|right|great|next question|"
    r"i have (?:\w+ )?(?:announcements?|items?|things?)|"
    r"(?:now|so),? (?:the floor is open|i(?:'|’)m happy to take|let(?:'|’)s take)|"
    r"下午好|上午好|谢谢|好的|请提问|现在开始)\b.{0,60})$",
    re.I,
)

_ROOM_GREETING = re.compile(
    r"\b(?:beautiful|smiling|happy|shining|familiar|friendly) faces\b|\bfaces in the room\b|"
    r"\b(?:nice|good|great|wonderful) to see (?:everybody|everyone|you all|all of you)\b", re.I)
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


_TRIGGER_INDEX: dict[str, list[int]] = {}
for _i, (_rx, _w, _triggers) in enumerate(_STANCE):
    for _t in _triggers:
        _TRIGGER_INDEX.setdefault(_t, []).append(_i)
_CJK_PATTERNS = _TRIGGER_INDEX.pop("*cjk*", [])


def _score(sentence: str, words: set[str] | None = None, cjk: bool = False) -> int:
    """Stance score of one lower-cased sentence."""
    if words is None:
        words = set(_WORDS.findall(sentence))
        cjk = _CJK.search(sentence) is not None
    candidates: set[int] = set(_CJK_PATTERNS) if cjk else set()
    for w in words:
        idx = _TRIGGER_INDEX.get(w)
        if idx:
            candidates.update(idx)
    score = 0
    for i in candidates:
        rx, weight, _ = _STANCE[i]
        if rx.search(sentence):
            score += weight
    return score


def _substantive(sentence: str) -> bool:
    words = sentence.split()
    if len(words) >= 4:
        return _CJK.search(sentence) is not None or len(substance_words(sentence)) >= 2
    # CJK sentences have no spaces
    return sum(1 for ch in sentence if "\u4e00" <= ch <= "\u9fff") >= 6


_WORDS = re.compile(r"[a-z]+")
# Words a deflection needs; sentences without any are not scanned for one.
_DEFLECT_TRIGGERS = frozenset(
    """refer information details update updates comment anything aware position nothing share
    offer release check ahead comment speak competent add""".split()
)


@lru_cache(maxsize=8192)
def extract_position(answer: str, question: str = "") -> str:
    """Return the stance-stating span of `answer` (a verbatim substring; "" if none).

    Without a stance formula, the first sentence with words of substance is taken — and, when
    the question is given, the first such sentence that shares a word with it (a hand-over such
    as "Let me start, but I'd love Tony's thoughts." never does)."""
    if not answer or not answer.strip():
        return ""
    spans = split_sentences(answer)
    if not spans:
        return ""
    n = len(spans)
    has_cjk = _CJK.search(answer) is not None
    scores = [0] * n
    fillers = [False] * n
    for i, (s, e) in enumerate(spans):
        sent = answer[s:e]
        low = sent.lower()
        words = set(_WORDS.findall(low))
        if (has_cjk or not words.isdisjoint(_DEFLECT_TRIGGERS)) and _DEFLECT.search(sent):
            fillers[i] = True
            continue
        if e - s < 90 and (_PLEASANTRY.match(sent) or _SHORT_FILLER.match(sent)):
            fillers[i] = True
            continue
        if _ROOM_GREETING.search(sent) and len(words) <= 20:
            fillers[i] = True  # "Just calling out some especially beautiful faces in the room."
            continue
        if sent.rstrip("\"'”’)]）").endswith(("?", "？")):
            fillers[i] = True  # a question ("In terms of what we would do in response?") states no view
            continue
        if not has_cjk and (e - s <= 300 and (is_courtesy_or_moderation(sent) or echoes_the_question(sent, question))
                            or _cut_off(sent) or _label_only(sent)):
            fillers[i] = True  # "Appreciate it.", "I'll come to the back in a second.", "I — I don't —"
            continue
        if e - s < 12 and not has_cjk:
            continue
        scores[i] = _score(low, words, has_cjk)
    best = max(range(n), key=lambda i: (scores[i], -i))
    best_score = scores[best]
    if best_score >= 3:
        start, end = spans[best]
        # extend with the next sentence when it also states a stance and the pair stays short
        if best + 1 < n and scores[best + 1] >= 4 and spans[best + 1][1] - start <= 450 and "\n" not in answer[end:spans[best + 1][0]]:
            end = spans[best + 1][1]
        elif best > 0 and scores[best - 1] >= 4 and end - spans[best - 1][0] <= 450 and "\n" not in answer[spans[best - 1][1]:start]:
            start = spans[best - 1][0]
        return answer[start:end]
    # no stance formula: the first sentence that says something (several words of substance),
    # else the first that says anything
    candidates = [i for i in range(n) if not fillers[i] and _substantive(answer[spans[i][0]:spans[i][1]])]
    if not candidates:
        return ""
    rich = [i for i in candidates if has_cjk or len(substance_words(answer[spans[i][0]:spans[i][1]])) >= 4]
    pool = rich or candidates
    asked = {w[:5] for w in substance_words(question)} if question and not has_cjk else set()
    if asked:
        on_topic = [i for i in pool
                    if asked & {w[:5] for w in substance_words(answer[spans[i][0]:spans[i][1]])}]
        pool = on_topic or pool
    s, e = spans[pool[0]]
    return answer[s:e]


def _cut_off(sentence: str) -> bool:
    """An interrupted fragment ("I — I just —") or one with almost no words of substance."""
    t = sentence.strip()
    if t.endswith(("\u2014", "\u2013", "--")) and len(substance_words(t)) < 4:
        return True
    return False


_LABEL_WORD = re.compile(r"[A-Za-z][A-Za-z'’.&-]*")
# no "and": "Europe and the United States." answers a question; a label names one person or outlet
_LABEL_JOINERS = frozenset({"of", "the", "for", "de", "al", "von", "van", "at"})


def _label_only(sentence: str) -> bool:
    """A name, a title or an outlet and nothing else ("Sheryl Stolberg, New York Times."): every
    word capitalised, no verb, no more than ten words. It names someone; it states no view."""
    words = _LABEL_WORD.findall(sentence)
    if not words or len(words) > 10 or re.search(r"[0-9?:;]", sentence):
        return False
    return words[0][0].isupper() and all(w[0].isupper() or w.lower() in _LABEL_JOINERS for w in words)
