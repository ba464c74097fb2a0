"""Rendering topics and timelines as JSON-ready dicts and as Markdown documents."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from .models import QAItem, Topic

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def plural(n: int, word: str, many: str | None = None) -> str:
    """"1 statement", "2 statements" ("1 ministry", "3 ministries" with `many`)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def long_date(d: date) -> str:
    """"March 15, 2022", whatever the locale."""
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def parse_day(text: str, what: str = "date") -> date:
    """An ISO date (YYYY-MM-DD); ValueError with a one-line reason otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{what} {text.strip()!r} is not a date; use YYYY-MM-DD") from None


@dataclass(frozen=True)
class ExportOptions:
    """Which statements an export holds, and in which form.

    `since`/`until` bound the briefing's day (inclusive), `limit` keeps the latest N of those;
    `brief` gives per statement only the date, ministry, spokesperson, the position quoted, the
    new wording and the link.
    """

    since: date | None = None
    until: date | None = None
    limit: int | None = None
    brief: bool = False
    ministry: str | None = None
    speaker: str | None = None
    # each statement followed by its counterpart in the other edition of its briefing
    with_translation: bool = False

    @property
    def statement_filter(self):
        """The period, ministry and spokesperson as a `StatementFilter`."""
        from .topics.filters import StatementFilter

        return StatementFilter(since=self.since, until=self.until, ministry=self.ministry,
                               speaker=self.speaker)

    @property
    def filtered(self) -> bool:
        return self.statement_filter.active or self.limit is not None

    def describe(self) -> str:
        """The selection in words, for a document's header ("" when everything is shown)."""
        chosen = self.statement_filter.describe()
        parts = [chosen] if chosen else []
        if self.limit is not None:
            parts.append(f"the latest {plural(self.limit, 'statement')}" if self.limit != 1
                         else "the latest statement")
        return ", ".join(parts)


def select_entries(tl, opts: ExportOptions):
    """The timeline narrowed to the options' period and latest N.

    New and dropped wording stay relative to the topic's whole history (a statement's wording
    is new or not whatever period is exported); the stock phrases are those of the selection.
    """
    from .topics.positions import Timeline, stock_phrases

    if not opts.filtered:
        return tl
    keep = opts.statement_filter
    entries = [e for e in tl.entries if keep.keeps(e.item)]
    if opts.limit is not None:
        entries = entries[-opts.limit:] if opts.limit > 0 else []
    stock = stock_phrases([e.item for e in entries]) if tl.stock_phrases else []
    # first said / dropped are dated in the whole history, as new wording is; listed are the
    # formulas in use during the period
    formulas = [f for f in tl.formulas
                if (opts.until is None or f.first_seen is None or f.first_seen <= opts.until)
                and (opts.since is None or f.last_seen is None or f.last_seen >= opts.since)]
    return Timeline(topic=tl.topic, entries=entries, stock_phrases=stock, formulas=formulas)


def item_json(it: QAItem) -> dict:
    return {
        "id": it.id, "entry_link": it.entry_link, "index": it.index, "kind": it.kind,
        "date": _iso(it.date), "ministry": it.ministry, "speaker": it.speaker,
        "asker": it.asker, "question": it.question, "answer": it.answer,
        "position": it.position,
    }


def topic_json(t: Topic, items: list[QAItem] | None = None) -> dict:
    out = {"id": t.id, "label": t.label, "count": t.count, "first_seen": _iso(t.first_seen),
           "last_seen": _iso(t.last_seen), "pinned": t.pinned, "watched": t.watched,
           "ministries": t.ministries,
           "issue": {"id": t.issue_id, "label": t.issue_label} if t.issue_id is not None else None}
    if items is not None:
        out["items"] = [item_json(i) for i in items]
    return out


# ---- Markdown -------------------------------------------------------------------------------
# Brackets, emphasis, code, HTML, entities, headings and table pipes. Parentheses need no
# escape: they only matter right after "]", and every "[" and "]" of feed text is escaped.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#+!|~&])")
_LIST_START = re.compile(r"(?m)^(\s*)(\d+)([.)])")
_RULE_START = re.compile(r"(?m)^(\s*)([-=])")
_RISKY_STARTS = frozenset("0123456789-=")


def md_escape(text: str | None) -> str:
    """Make feed text inert in Markdown: no links, HTML, headings, code or emphasis."""
    if not text:
        return ""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # A line starting with digits + "." or "-"/"=" could become a list or a setext heading.
    if "\n" in text or text.lstrip()[:1] in _RISKY_STARTS:
        text = _LIST_START.sub(r"\1\2\\\3", text)
        text = _RULE_START.sub(r"\1\\\2", text)
    return text


def md_link_target(url: str | None) -> str | None:
    """Only http(s) links are written as links; anything else is shown as text."""
    if url and re.match(r"(?i)^https?://", url) and not re.search(r"[\s<>\\]", url):
        return url
    return None


_LINK_SPECIAL = re.compile(r"([\\`*_\[\]<>]|&(?=#?\w+;))")
_TITLE_JUNK = re.compile(r"\\u[0-9a-fA-F]{4}|[\u200b-\u200f\u2060\ufeff]")


def clean_title(text: str | None) -> str:
    """A feed's title as a reader expects it: archive debris gone.

    Some archives keep non-breaking spaces as "_" ("Jen_Psaki, March 15,_2022"), leave escape
    sequences ("\\u2060") and cut long titles off inside their quotes ('"Press Briefing … the
    White_\\'): spaces, no escapes, no stray quotes, and "…" where the title was cut.
    """
    t = _TITLE_JUNK.sub("", text or "").replace("_", " ").replace("\u00a0", " ")
    t = " ".join(t.split())
    cut = t.endswith("\\")
    t = t.rstrip("\\ ")
    if t.startswith('"') and t.count('"') % 2 == 1:
        t = t[1:].strip()
    if t.startswith('"') and t.endswith('"') and len(t) > 1:
        t = t[1:-1].strip()
    return t + " …" if cut and t else t


def md_link_text(text: str) -> str:
    """Escape only what could make link text more than text: it reads cleanly in the source.

    Inside link text no block syntax applies ("#", "1.", "-" are inert there), so only the
    characters that open inline syntax — brackets, emphasis, code, HTML, entities — are escaped.
    """
    return _LINK_SPECIAL.sub(r"\\\1", _one_line(text))


def link_text(it: QAItem) -> str:
    """A short, clean label for a statement's source: "Jen Psaki, March 15, 2022"."""
    who = _one_line(it.speaker)
    if who and it.date:
        return f"{who}, {long_date(it.date)}"
    return clean_title(it.entry_title) or (long_date(it.date) if it.date else "") or "source"


def _source_line(it: QAItem, text: str, label: str = "Source: ") -> str:
    target = md_link_target(it.entry_link)
    if target:
        return f"{label}[{md_link_text(text)}](<{target}>)"
    return f"{label}{md_escape(_one_line(text))} ({md_escape(it.entry_link or 'no link')})"


def timeline_json(tl, counterparts: dict[str, QAItem] | None = None) -> dict:
    """The contract's shape: topic, entries (item fields + wording changes), stock_phrases.

    With `counterparts` (`export --with-translation`) each entry also carries "counterpart":
    the same exchange in the other edition of its briefing (item fields), or null."""
    out: dict = {
        "topic": topic_json(tl.topic),
        "entries": [dict(item_json(e.item), new_phrases=e.new_phrases,
                         dropped_phrases=e.dropped_phrases, restatement=e.restatement,
                         first_formulas=e.first_formulas, follows=e.item.follows,
                         entry_title=e.item.entry_title, source=e.item.source)
                    for e in tl.entries],
        "stock_phrases": [{"phrase": s.phrase, "ministry": s.ministry, "count": s.count,
                           "first_seen": _iso(s.first_seen), "last_seen": _iso(s.last_seen)}
                          for s in tl.stock_phrases],
        "first_said": first_said_json(tl),
    }
    if counterparts is not None:
        for entry, e in zip(out["entries"], tl.entries, strict=True):
            other = counterparts.get(e.item.id)
            entry["counterpart"] = item_json(other) if other else None
    return out


def first_said_json(tl) -> list[dict]:
    """Each formula with the day it was first said, the last day, and whether it was dropped."""
    return [{"phrase": f.phrase, "ministry": f.ministry, "first_seen": _iso(f.first_seen),
             "last_seen": _iso(f.last_seen), "dropped": f.dropped}
            for f in getattr(tl, "formulas", [])]


def first_said_lines(tl) -> list[str]:
    """The "First said" section of a memo: one line per formula, dropped ones with their last day."""
    formulas = getattr(tl, "formulas", [])
    if not formulas:
        return []
    lines = ["## First said", ""]
    for f in formulas:
        row = f"- {_iso(f.first_seen) or 'undated'}: “{md_escape(_one_line(f.phrase))}” " \
              f"({md_escape(_one_line(f.ministry)) or 'unknown'})"
        if f.dropped:
            row += f", dropped: last said {_iso(f.last_seen) or '?'}"
        lines.append(row)
    return lines + [""]


def _mark_new(answer_part: str, phrases: list[str]) -> str:
    """Escape `answer_part` and wrap each new phrase in **bold** (marks added after escaping)."""
    if not phrases:
        return md_escape(answer_part)
    low = answer_part.lower()
    spans = []
    for p in phrases:
        m = _whole_words(p).search(low)  # never inside a word: "the state", not "the state|ment"
        if m:
            spans.append(m.span())
    spans.sort()
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out.append(md_escape(answer_part[pos:a]))
        out.append("**" + md_escape(answer_part[a:b]) + "**")
        pos = b
    out.append(md_escape(answer_part[pos:]))
    return "".join(out)


def _whole_words(phrase: str) -> re.Pattern[str]:
    """`phrase` (lower case) where it starts and ends at word boundaries."""
    p = phrase.lower()
    head = "" if _CJK_CHAR.match(p[:1]) else r"(?<![\w-])"  # Chinese has no spaces between words
    tail = "" if _CJK_CHAR.match(p[-1:]) else r"(?![\w])"
    return re.compile(head + re.escape(p) + tail)


_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


BOLD_LEGEND = "**bold**: wording new on this topic (not said before by that ministry)."


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _span(tl) -> tuple[date | None, date | None]:
    days = [e.item.date for e in tl.entries if e.item.date]
    if days:
        return min(days), max(days)
    return tl.topic.first_seen, tl.topic.last_seen


def counterpart_markdown(other: QAItem) -> list[str]:
    """The same exchange in the other edition of the briefing, under a statement."""
    lines = [f"> **Other edition:** {md_escape(_one_line(other.entry_title)) or 'the other edition'}"
             + (f" · {md_escape(_one_line(other.speaker))}" if other.speaker else ""), ">"]
    if other.question:
        lines += [f"> **Question:** {md_escape(_one_line(other.question))}", ">"]
    if other.answer:
        lines += [f"> {md_escape(_one_line(other.answer))}"]
    return lines + [""]


def topic_markdown(tl, opts: ExportOptions | None = None,
                   counterparts: dict[str, QAItem] | None = None) -> str:
    """One topic as a Markdown document: span, counts, stock phrases, then the timeline (each
    statement followed by its other edition's, given `counterparts`)."""
    opts = opts or ExportOptions()
    if opts.brief:
        return brief_markdown(tl, opts)
    t = tl.topic
    first, last = _span(tl)
    lines = [f"# {md_escape(_one_line(t.label))}", ""]
    if opts.filtered:
        lines.append(f"- Selection: {opts.describe()}")
    lines.append(f"- Span: {_iso(first) or '?'} to {_iso(last) or '?'}")
    lines.append(f"- Statements: {len(tl.entries)}")
    per_min = Counter(e.item.ministry or "unknown" for e in tl.entries)
    for m, n in sorted(per_min.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  - {md_escape(_one_line(m))}: {n}")
    lines.append("")
    if any(e.new_phrases for e in tl.entries):
        lines += [BOLD_LEGEND, ""]
    if tl.stock_phrases:
        lines += ["## Stock phrases", ""]
        for s in tl.stock_phrases:
            lines.append(f"- “{md_escape(s.phrase)}” ({md_escape(_one_line(s.ministry)) or 'unknown'}): "
                         f"{s.count}×, first {_iso(s.first_seen)}, last {_iso(s.last_seen)}")
        lines.append("")
    lines += first_said_lines(tl)
    lines += ["## Timeline", ""]
    for e in tl.entries:
        it = e.item
        head = f"### {_iso(it.date) or 'undated'} · {md_escape(_one_line(it.ministry)) or 'unknown ministry'}"
        lines += [head, ""]
        meta = []
        if it.speaker:
            meta.append(f"Spokesperson: {md_escape(_one_line(it.speaker))}")
        if it.asker:
            meta.append(f"Asked by: {md_escape(_one_line(it.asker))}")
        if it.kind != "qa":
            meta.append(f"Kind: {it.kind}")
        if e.restatement:
            meta.append("Restatement of the previous position")
        if meta:
            lines += [" · ".join(meta), ""]
        if it.question:
            lines += [f"**Question:** {md_escape(_one_line(it.question))}", ""]
        stance = it.position or it.answer
        if stance:
            lines += [_quote_marked(_one_line(stance), e.new_phrases), ""]
        if e.new_phrases:
            lines += ["New wording: " + "; ".join(f"“{md_escape(_one_line(p))}”" for p in e.new_phrases[:8]), ""]
        if e.dropped_phrases:
            lines += ["Dropped since the previous statement: " +
                      "; ".join(f"“{md_escape(_one_line(p))}”" for p in e.dropped_phrases[:8]), ""]
        if e.first_formulas:
            lines += ["First use of: " + "; ".join(f"“{md_escape(p)}”" for p in e.first_formulas), ""]
        lines += [_source_line(it, clean_title(it.entry_title) or link_text(it)), ""]
        if counterparts and it.id in counterparts:
            lines += counterpart_markdown(counterparts[it.id])
    if not tl.entries:
        lines += ["No statements in this selection.", ""]
    return "\n".join(lines).rstrip() + "\n"


def _ministries_line(tl) -> str:
    per_min = Counter(_one_line(e.item.ministry) or "unknown ministry" for e in tl.entries)
    return "; ".join(f"{md_escape(m)}: {n}" for m, n in
                     sorted(per_min.items(), key=lambda kv: (-kv[1], kv[0])))


BRIEF_NEW_PHRASES = 3  # new phrases quoted per statement in the brief form
QUESTION_WORDS = 25  # a question quoted for context is cut to this many words
SHORT_ANSWER_WORDS = 6  # a position shorter than this needs its question

# An answer that points back at something said before, or that answers "yes"/"no" to the
# question: it does not stand on its own in a memo.
_REFERS_BACK = re.compile(
    r"\b(?:(?:i|we)(?:'ve| have)? (?:already |just )?(?:spoke|spoken|talked|addressed|answered|"
    r"mentioned|covered|touched on|said)(?: to| about| on)? (?:this|that|it|these|those)\b|"
    r"(?:as|like) (?:i|we)(?:'ve| have)? (?:just )?(?:said|mentioned|noted|stated)|"
    r"(?:what|which) (?:i|we) (?:just )?said|(?:i|we) said (?:earlier|before|yesterday|last)|"
    r"(?:a few|a couple of) minutes (?:ago|earlier)|earlier (?:today|this week)|"
    r"(?:to|on) your (?:first|second|last|other|earlier) (?:question|point)|"
    r"(?:as|like) (?:the president|he|she) (?:just )?(?:said|noted|mentioned))", re.I)
_LEANS_ON_THE_QUESTION = re.compile(
    r"^[\s\"“—–-]*(?:it|it's|its|that|that's|this|those|these|they|they're|them|their|he|he's|she|"
    r"she's|his|her|him|yes|no|yeah|nope|well|so|and|but|because|which|also|again|sure|"
    r"absolutely|exactly|correct|not|there|here)\b", re.I)


def stands_alone(position: str) -> bool:
    """Whether a quoted position reads without its question: it does not refer back ("as I
    said", "I spoke to this"), does not open on a pronoun or an answer word ("Yes", "Well",
    "That's…") and is not short."""
    text = _one_line(position)
    if len(text.split()) < SHORT_ANSWER_WORDS:
        return False
    return not (_REFERS_BACK.search(text) or _LEANS_ON_THE_QUESTION.match(text))


_Q_SENTENCE = re.compile(r"[^.?!]+(?:[.?!]+[\"”’)]*|$)")
# a full stop that ends an initial or a title, not a sentence ("U.S.", "Mr.", "Gen.")
_ABBREVIATED = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|No|vs|Jr|Sr))\.$")


def short_question(question: str | None, max_words: int = QUESTION_WORDS) -> str:
    """The question in a line: its first real question sentence (courtesy such as "Thanks,
    Karine." skipped), cut at a word to `max_words` words with "…"."""
    from .transcripts.procedural import is_courtesy_or_moderation

    text = without_repeats(without_broken_words(_one_line(question)))
    if not text:
        return ""
    spans: list[list[int]] = []
    for m in _Q_SENTENCE.finditer(text):
        if not m.group().strip():
            continue
        if spans and _ABBREVIATED.search(text[spans[-1][0]:spans[-1][1]].rstrip()):
            spans[-1][1] = m.end()  # "A U.S. District Court judge …" is one sentence
        else:
            spans.append([m.start(), m.end()])
    sents = [text[a:b].strip() for a, b in spans]
    real = [x for x in sents if not is_courtesy_or_moderation(x)]
    if not real:
        return ""  # "Hi." / "Thank you.": nothing to quote
    asks = [k for k, x in enumerate(real) if x.endswith(("?", "?”", '?"'))]
    k = asks[0] if asks else 0
    pick = real[k]
    if k and len(pick.split()) < 5 and len((real[k - 1] + " " + pick).split()) <= max_words:
        pick = real[k - 1] + " " + pick  # "Why?" needs what came before it
    pick = pick.lstrip("—–- ")
    if pick[:1].islower():
        pick = "… " + pick  # the transcript starts the question mid-sentence
    words = pick.split()
    if len(words) > max_words:
        return " ".join(words[:max_words]).rstrip(",;:—–-") + " …"
    return pick


_TOKEN = re.compile(r"\S+")
_DOUBLED_ON_PURPOSE = frozenset({"that", "had"})  # "I think that that is…", "had had"


def _norm_token(t: str) -> str:
    return re.sub(r"[^\w]", "", t.lower()) or t


def without_repeats(text: str) -> str:
    """A sentence with stutters said once: "— Kristen, that are not — Kristen, that are not —
    Kristen, that are not being utilized." → "— Kristen, that are not being utilized."."""
    toks = _TOKEN.findall(text)
    keys = [_norm_token(t) for t in toks]
    changed = True
    while changed:
        changed = False
        for size in range(min(12, len(toks) // 2), 0, -1):
            for i in range(len(toks) - 2 * size + 1):
                if keys[i:i + size] == keys[i + size:i + 2 * size] and (
                        size > 1 or keys[i] not in _DOUBLED_ON_PURPOSE):
                    del toks[i + size:i + 2 * size]
                    del keys[i + size:i + 2 * size]
                    changed = True
                    break
            if changed:
                break
    return " ".join(toks)


def is_fragment(position: str) -> bool:
    """A position that is a piece of a sentence: it opens on a dash or in lower case, or it
    stops on a dash."""
    t = position.strip()
    if not t:
        return True
    if t[0] in "—–-" or t.rstrip("\"'”’").endswith(("—", "–", "-")):
        return True
    first = t.lstrip("\"“‘'(")[:1]
    return first.isalpha() and first.islower() and not _CJK_CHAR.match(first)


def left_out_of_memo(it: QAItem) -> bool:
    """Courtesy and procedural exchanges: nothing for a memo."""
    from .transcripts.procedural import is_courtesy_or_moderation

    if it.kind == "procedural":
        return True
    pos = _one_line(it.position)
    if _YES_OR_NO.match(pos):
        return False  # "Yes." to a question of substance answers it
    return bool(pos) and (is_courtesy_or_moderation(pos) or is_greeting(pos))


def is_greeting(text: str) -> bool:
    """"Just calling out some especially beautiful faces in the room.": words to the room."""
    from .topics.positions import _GREETING

    return bool(_GREETING.search(text)) and len(text.split()) <= 20


_YES_OR_NO = re.compile(r"(?i)^(?:yes|no|nope|yeah|yep|correct|absolutely|exactly|not yet)\b")


def memo_position(it: QAItem) -> str:
    """The position as a memo quotes it: words broken off and stutters said once; "" when it
    is a fragment or words to the room."""
    pos = without_repeats(without_broken_words(_one_line(it.position)))
    return "" if is_fragment(pos) or left_out_of_memo(it) else pos


_BROKEN_WORD = re.compile(r"(?<![\w-])[^\W\d_]+-\s*(?:[—–]|--)\s*")


def without_broken_words(text: str) -> str:
    """"the Pres- — President" → "the President": a word the speaker broke off goes."""
    return _BROKEN_WORD.sub("", text)


def _by_briefing(entries) -> list[list]:
    """Consecutive entries of one briefing (the timeline keeps a briefing's items together)."""
    groups: list[list] = []
    for e in entries:
        if groups and groups[-1][0].item.entry_key == e.item.entry_key and \
                groups[-1][0].item.date == e.item.date:
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups


def brief_markdown(tl, opts: ExportOptions | None = None,
                   counterparts: dict[str, QAItem] | None = None) -> str:
    """A topic for a memo: per statement the date, ministry, spokesperson, the position quoted,
    the new wording and the link; no full answers. The question is given (in a line) only where
    the position does not stand on its own (`stands_alone`); courtesy and procedural exchanges
    are left out, stutters said once, fragments never quoted.

    Statements are listed under their briefing (its day, ministry and spokesperson as the
    heading, its link once below), so that a long topic stays short enough to paste."""
    opts = opts or ExportOptions(brief=True)
    t = tl.topic
    first, last = _span(tl)
    n = len(tl.entries)
    ministries = len({e.item.ministry or "" for e in tl.entries})
    head = f"{plural(n, 'statement')} by {plural(ministries, 'ministry', 'ministries')}"
    if n:
        head += (f", {_iso(first) or '?'}" if first == last else
                 f", {_iso(first) or '?'} to {_iso(last) or '?'}")
    lines = [f"# {md_escape(_one_line(t.label))}", "", head + ".", ""]
    if opts.filtered:
        lines += [f"Selection: {opts.describe()}.", ""]
    if n:
        lines += [_ministries_line(tl), ""]
    if any(e.new_phrases for e in tl.entries):
        lines += [BOLD_LEGEND, ""]
    if tl.stock_phrases:
        top = tl.stock_phrases[:5]
        lines += ["Formulas: " + "; ".join(f"“{md_escape(_one_line(sp.phrase))}” ({sp.count}×)"
                                          for sp in top), ""]
    lines += first_said_lines(tl)
    for group in _by_briefing(tl.entries):
        first_item = group[0].item
        speakers = list(dict.fromkeys(_one_line(e.item.speaker) for e in group if e.item.speaker))
        heading = [_iso(first_item.date) or "undated",
                   md_escape(_one_line(first_item.ministry)) or "unknown ministry"]
        if len(speakers) == 1:
            heading.append(md_escape(speakers[0]))
        lines += ["### " + " · ".join(heading), ""]
        silent = 0  # statements with neither a position nor new wording: counted, not listed
        for e in group:
            it = e.item
            if left_out_of_memo(it) and not e.new_phrases:
                continue  # courtesy, greetings, procedure (with new wording, only that is shown)
            position = memo_position(it)
            if not position and not e.new_phrases:
                silent += 1
                continue
            row = "- "
            if len(speakers) > 1:
                row += f"**{md_escape(_one_line(it.speaker) or 'unnamed')}:** "
            asked = short_question(it.question) if position and not stands_alone(position) else ""
            if asked:
                row += f"Asked “{md_escape(asked)}”: "
            if position:
                row += "“" + _mark_new(position, e.new_phrases) + "”"
            else:
                row += "(no position stated)"
            if e.restatement:
                row += " (restates the previous position)"
            quoted = position.lower()
            others = [p for p in e.new_phrases if p.lower() not in quoted]  # the rest is in bold
            if others:
                row += " New wording: " + "; ".join(f"“{md_escape(_one_line(p))}”"
                                                    for p in others[:BRIEF_NEW_PHRASES]) + "."
            lines.append(row)
            other = (counterparts or {}).get(it.id)
            if other is not None and (other.position or other.answer):
                lines.append(f"  - Other edition: “{md_escape(_one_line(other.position or other.answer))}”")
        if silent:
            more = "" if silent == len(group) else "more "
            lines.append(f"- {silent} {more}{'statement' if silent == 1 else 'statements'} without "
                         "a stated position or new wording.")
        named = next((e.item for e in group if e.item.speaker), first_item)
        lines += ["", _source_line(first_item, link_text(named), label="Source: "), ""]
    if not n:
        lines += ["No statements in this selection.", ""]
    return "\n".join(lines).rstrip() + "\n"


def brief_json(tl, opts: ExportOptions | None = None,
               counterparts: dict[str, QAItem] | None = None) -> dict:
    """The brief form as JSON: the same fields as the Markdown brief (and, given
    `counterparts`, each entry's "counterpart": id and position in the other edition)."""
    out: dict = {
        "topic": topic_json(tl.topic),
        "brief": True,
        "selection": _selection_json(opts),
        "entries": [{"id": e.item.id, "date": _iso(e.item.date), "ministry": e.item.ministry,
                     "speaker": e.item.speaker, "position": memo_position(e.item),
                     "question": (short_question(e.item.question) or None
                                  if memo_position(e.item) and not stands_alone(memo_position(e.item))
                                  else None),
                     "new_phrases": e.new_phrases, "restatement": e.restatement,
                     "entry_link": e.item.entry_link, "link_text": link_text(e.item)}
                    for e in tl.entries if not left_out_of_memo(e.item) or e.new_phrases],
        "stock_phrases": [{"phrase": s.phrase, "ministry": s.ministry, "count": s.count,
                           "first_seen": _iso(s.first_seen), "last_seen": _iso(s.last_seen)}
                          for s in tl.stock_phrases],
    }
    if counterparts is not None:
        for entry, e in zip(out["entries"], tl.entries, strict=True):
            other = counterparts.get(e.item.id)
            entry["counterpart"] = ({"id": other.id, "position": other.position or other.answer}
                                    if other else None)
    return out


def _selection_json(opts: ExportOptions | None) -> dict:
    opts = opts or ExportOptions()
    return {"since": _iso(opts.since), "until": _iso(opts.until), "limit": opts.limit,
            "ministry": opts.ministry, "speaker": opts.speaker}


def _quote_marked(text: str, phrases: list[str]) -> str:
    return "> " + _mark_new(text, phrases)


def _slug(text: str) -> str:
    s = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return s[:60] or "topic"


PARALLEL_EXPORT_MIN = 5000  # statements above which `--all` renders in several processes


def render_topic(tl, fmt: str, opts: ExportOptions | None = None, store=None) -> str:
    """One topic's document (Markdown or JSON, full or brief), narrowed to the options; with
    `opts.with_translation`, the counterparts of its statements are read from `store`."""
    import json

    opts = opts or ExportOptions()
    tl = select_entries(tl, opts)
    counterparts = None
    if opts.with_translation and store is not None:
        from .topics.editions import counterpart_map

        counterparts = counterpart_map(store, [e.item for e in tl.entries])
    if fmt == "json":
        data = brief_json(tl, opts, counterparts) if opts.brief else timeline_json(tl, counterparts)
        if opts.filtered and not opts.brief:
            data["selection"] = _selection_json(opts)
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return brief_markdown(tl, opts, counterparts) if opts.brief else topic_markdown(tl, opts, counterparts)


def _topic_file(t, fmt: str) -> str:
    return f"{t.id:05d}-{_slug(t.label)}.{'json' if fmt == 'json' else 'md'}"


def _in_selection(items: list, opts: ExportOptions) -> bool:
    keep = opts.statement_filter
    return any(keep.keeps(it) for it in items)


def _write_topic_files(db_path: str, topics: list, out_dir: str, fmt: str,
                       opts: ExportOptions | None = None) -> list:
    """Worker: render and write these topics' files from its own read connection.

    Returns the topics written: with a period, topics silent in it get no file."""
    from pathlib import Path

    from .store import Store
    from .topics.subject import timeline_in

    opts = opts or ExportOptions()
    store = Store(db_path)
    written = []
    try:
        for t in topics:
            items = store.topic_items(t.id)
            if opts.filtered and not _in_selection(items, opts):
                continue
            tl = timeline_in(store, t, items)
            (Path(out_dir) / _topic_file(t, fmt)).write_text(render_topic(tl, fmt, opts, store),
                                                             encoding="utf-8")
            written.append(t.id)
    finally:
        store.close()
    return written


def _balanced(topics: list, parts: int) -> list[list]:
    """Split topics into `parts` lists of about equal total statements (largest first)."""
    bins: list[list] = [[] for _ in range(parts)]
    load = [0] * parts
    for t in sorted(topics, key=lambda t: -t.count):
        k = load.index(min(load))
        bins[k].append(t)
        load[k] += t.count
    return [b for b in bins if b]


def export_topics(store, topics: list, output: str | None, *, fmt: str = "md",
                  all_mode: bool = False, opts: ExportOptions | None = None) -> list[str]:
    """Write topics to files; returns the paths written ("-" for stdout).

    `--all` writes one file per topic plus an index; a large library is rendered by one
    process per core.
    """
    import json
    import os
    import sys
    from pathlib import Path

    from .topics.subject import timeline_in

    if not all_mode:
        opts = opts or ExportOptions()
        # a target is a Topic, or (Topic, items) for an issue shown as one timeline
        pairs = [t if isinstance(t, tuple) else (t, store.topic_items(t.id)) for t in topics]
        texts = [render_topic(timeline_in(store, t, items), fmt, opts, store) for t, items in pairs]
        text = ("\n\n".join(texts) if fmt == "md" else
                texts[0] if len(texts) == 1 else "[" + ",\n".join(texts) + "]\n")
        if output in (None, "-"):
            sys.stdout.write(text)
            return ["-"]
        path = Path(output).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        return [str(path)]
    out_dir = Path(output or "briefdash-export").expanduser()
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and sum(t.count for t in topics) > PARALLEL_EXPORT_MIN and len(topics) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            jobs = [pool.submit(_write_topic_files, str(store.target), part, str(out_dir), fmt, opts)
                    for part in _balanced(topics, workers)]
            done = {tid for job in jobs for tid in job.result()}
    else:
        done = set(_write_topic_files(str(store.target), topics, str(out_dir), fmt, opts))
    index = [(t, _topic_file(t, fmt)) for t in topics if t.id in done]
    written = [str(out_dir / n) for _, n in index]
    if fmt == "json":
        idx_text = json.dumps({"topics": [dict(topic_json(t), file=n) for t, n in index]},
                              ensure_ascii=False, indent=1) + "\n"
        idx_name = "index.json"
    else:
        rows = ["# briefdash export", "", f"{plural(len(index), 'topic')}."
                + (f" Selection: {opts.describe()}." if opts and opts.filtered else ""), ""]
        rows += [f"- [{md_link_text(t.label)}](<{n}>) — {plural(t.count, 'statement')}, "
                 f"{_iso(t.first_seen)} to {_iso(t.last_seen)}" for t, n in index]
        idx_text = "\n".join(rows) + "\n"
        idx_name = "index.md"
    (out_dir / idx_name).write_text(idx_text, encoding="utf-8")
    written.append(str(out_dir / idx_name))
    return written


def citation(it: QAItem) -> str:
    """Who said it, for whom, when and where: "Jen Psaki, The White House, 15 March 2022, in
    answer to Reuters"."""
    parts = [p for p in (_one_line(it.speaker), _one_line(it.ministry)) if p]
    if it.date:
        parts.append(long_date(it.date))
    cite = ", ".join(parts) or "unattributed"
    if it.asker:
        cite += f", in answer to {_one_line(it.asker)}"
    return cite


def quote_text(it: QAItem, fmt: str = "text") -> str:
    """A statement's words with its citation and link, ready to paste: plain text, or a
    Markdown block quote (`fmt="md"`)."""
    words = "\n".join(p.strip() for p in (it.answer or it.question).split("\n") if p.strip())
    if fmt == "md":
        quoted = "\n>\n".join(f"> {md_escape(p)}" for p in words.split("\n"))
        target = md_link_target(it.entry_link)
        source = f" [Source](<{target}>)" if target else ""
        return f"{quoted}\n>\n> — {md_escape(citation(it))}.{source}"
    link = f"\n{it.entry_link}" if it.entry_link else ""
    return f"“{words}”\n— {citation(it)}{link}"
