"""Short human labels for topics and issues, made from their key phrases.

A label leads with the topic's most distinctive multi-word phrase ("debt ceiling", "Title 42",
"spy balloon"): phrases that recur in the topic's own statements, scored by how often they recur
there times how rare their words are in the whole store (a class-based TF-IDF over n-grams,
computed on the topic's latest statements). The second part is the strongest other term of the
topic's profile. The names of the officials who answer and of the reporters who ask, and
conversational words ("guess", "happy", "wow"), never make a label.

Chinese topics get Chinese labels the same way: their phrases are runs of two or three
segmented words said together ("香港国安法 · BNO护照"), cut as written, and their profile terms are
Chinese words (`terms_zh`).
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter

from . import marks, terms_zh
from .terms import GENERIC, STOPWORDS, normalise_word

_ACRONYM_MAX = 5
PHRASE_ITEMS = 25  # statements read per topic for its phrases (the latest)
PHRASE_CHARS = 600  # characters of each answer read for phrases
MIN_PHRASE_ITEMS = 3  # a topic needs this many statements to be labelled by phrases

# Words of conversation and moderation: never a label.
CONVERSATIONAL = frozenset("""
hey happy guess wow teasing worse better best bad fine nice glad true maybe probably definitely
huh fun funny joke joking kidding gonna wanna gotta stuff bit whole piece yep nope hmm ah
alright bye welcome appreciate congratulation congratulations birthday cool awesome terrible
wonderful amazing interesting honestly literally frankly simply certainly clearly anybody nobody
somebody everybody anything everything nothing something prime senior background official
deputy principal assistant correspondent reporter reporters audience member members folk folks
gentleman gentlemen lady ladies guy guys colleague colleagues sorry excuse pardon mind minute
second moment real quick quickly briefly wrap front row middle lot lots couple tough easy hard
fly flew flying trip ride plane pool midst unborn soup embargoed
""".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d{1,4}")
_BREAK = re.compile(r"[.!?;:,()\"“”\n—–]|\s-\s")
_JOINERS = frozenset({"of", "the", "and", "for", "on"})
_POSSESSIVE = re.compile(r"['’]s$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# a Chinese clause: ends at Chinese or Latin punctuation (spaces do not end it)
_ZH_BREAK = re.compile(r"[，。！？；：、（）《》“”‘’「」『』【】…—·,.!?;:()\"\n]+")
_ZH_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9\-]*|[0-9]+[A-Za-z]+[0-9A-Za-z]*|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def text_words(text: str) -> set[str]:
    """The words whose rarity a label weighs: normalised Latin words and Chinese words."""
    out = {normalise_word(w.lower()) for w in _WORD.findall(text)}
    for run in _CJK_RUN.findall(text):
        out.update(terms_zh.words(run))
    return out


def phrase_words(phrase: str) -> list[str]:
    """The words of a phrase as terms are spelt ("BNO护照" → bno, 护照)."""
    if not _CJK.search(phrase):
        return [normalise_word(w) for w in phrase.lower().split(" ")]
    out: list[str] = []
    for tok in _ZH_TOKEN.findall(phrase):
        out.extend(terms_zh.words(tok) if _CJK.match(tok) else [tok.lower()])
    return out


def display(term: str, kind: int) -> str:
    """How a normalised term is shown: names capitalised, short single-word names upper-cased."""
    if kind == 0:
        return term
    if kind == 2 and len(term) <= _ACRONYM_MAX:
        return term.upper()
    return " ".join(w if w in ("of", "the", "and", "for", "on") else w[:1].upper() + w[1:]
                    for w in term.split(" "))


def person_words(names) -> set[str]:
    """Lower-case words of people's names ("Karine Jean-Pierre; Mr. Kirby" → karine, jean-pierre,
    kirby), and their normalised forms."""
    out: set[str] = set()
    for name in names:
        out.update(n for n in _CJK_RUN.findall(name or "") if len(n) > 1)
        for w in re.findall(r"[A-Za-z][A-Za-z'’\-]+", name or ""):
            low = w.lower().replace("’", "'")
            if low not in ("mr", "ms", "mrs", "dr", "the", "of", "and"):
                out.add(low)
                out.add(normalise_word(low))
    return out


_FULL_NAME = re.compile(r"\b([A-Z][a-z]+)\s+(?=(?:[A-Z]\.\s+)?([A-Z][\w'’-]+))")


_PEOPLE_CACHE: dict[tuple[int, str, int], set[str]] = {}
STATE_PEOPLE = "people_sources"  # the names and title pairs `people_in_store` read, and how far


def people_in_store(store) -> set[str]:
    """Words of the names of everyone who speaks or asks in the store, with the first names the
    briefing titles give them ("Press Briefing by Press Secretary Jen Psaki" → jen).

    Read once per store state in a process; between processes the names and title pairs read
    are kept in the store's state, and only what was added since is read (a full scan of 100k
    items and their titles costs ~0.2 s)."""
    key = (id(store), str(getattr(store, "path", "")), store.max_item_number())
    cached = _PEOPLE_CACHE.get(key)
    if cached is not None:
        return set(cached)
    names, pairs = _people_sources(store)
    words = _people_words(names, pairs)
    _PEOPLE_CACHE.clear()
    _PEOPLE_CACHE[key] = words
    return set(words)


def _people_words(names, pairs) -> set[str]:
    words = person_words(names)
    surnames = {w for w in words if len(w) > 2}
    for first, last in pairs:
        if last.lower() in surnames and first.lower() not in GENERIC:
            words.add(first.lower())
    return words


def _title_pairs(titles) -> set[tuple[str, str]]:
    """(first, last) of every capitalised word followed by another in the titles."""
    return {(f, la) for title in titles for f, la in _FULL_NAME.findall(title or "")}


def _people_sources(store) -> tuple[set[str], set[tuple[str, str]]]:
    """Every speaker's and asker's name and the title pairs of the store: those saved in its
    state by the last reading plus those of the statements and entries added since; all of them
    read again when anything else changed (an entry replaced or removed, names made canonical
    since among the statements read then, a migration)."""
    from .editions import STATE_MARK, STATE_NAMES

    with store.transaction():
        mark = {"schema": store.schema_version, "editions_names": store.get_state(STATE_NAMES),
                "editions_mark": int(store.get_state(STATE_MARK) or 0),
                "items": marks.items_mark(store), "entries": marks.entries_mark(store)}
        try:
            saved = json.loads(store.get_state(STATE_PEOPLE) or "null")
        except ValueError:
            saved = None
        was = saved.get("mark") if isinstance(saved, dict) else None
        if was == mark:
            return set(saved["names"]), {(f, la) for f, la in saved["pairs"]}
        if isinstance(was, dict) and _only_added(store, was, mark):
            names = set(saved["names"]) | set(store.person_names_since(was["items"][1]))
            pairs = {(f, la) for f, la in saved["pairs"]} | \
                _title_pairs(store.entry_titles_since(was["entries"][1]))
        else:
            names, pairs = set(store.person_names()), _title_pairs(store.entry_titles())
        store.set_state(STATE_PEOPLE, json.dumps(
            {"mark": mark, "names": sorted(names), "pairs": sorted(pairs)}, ensure_ascii=False))
    return names, pairs


def _only_added(store, was: dict, now: dict) -> bool:
    """True when, since `was`, statements and entries were only added (`marks`), no names were
    made canonical since among the statements read then (all were, by the same table) and no
    migration ran."""
    items, settled = was.get("items"), was.get("editions_mark")
    return (was.get("schema") == now["schema"] and was.get("editions_names") == now["editions_names"]
            and marks.items_only_added(store, items, now["items"])
            and isinstance(settled, int) and isinstance(items, list) and settled >= items[1]
            and marks.entries_only_added(store, was.get("entries"), now["entries"]))


def _usable(term: str, excluded: set[str]) -> bool:
    words = term.split(" ")
    return not any(w in excluded or w in CONVERSATIONAL for w in words) and \
        (len(term) > 2 or (len(term) == 2 and bool(_CJK.match(term))))


def label_for(profile: dict[str, float], kinds: dict[str, int], max_parts: int = 2,
              excluded: set[str] | frozenset[str] = frozenset(),
              lead: str | None = None, second: str | None = None) -> str:
    """'Korsa Strait · patrol': a leading phrase (or the strongest name) and the next term."""
    ranked = [(t, w) for t, w in sorted(profile.items(), key=lambda kv: (-kv[1], kv[0]))
              if _usable(t, set(excluded))][:12]
    if not ranked and not lead:
        return "(untitled)"
    parts: list[str] = []
    shown: list[str] = []
    if lead:
        parts.append(lead.lower())
        shown.append(lead)
    else:
        top_weight = ranked[0][1]
        names = [(t, w) for t, w in ranked if kinds.get(t, 0) > 0]
        phrases = [(t, w) for t, w in names if " " in t and w >= 0.5 * top_weight]
        first = (phrases or names or ranked)[0][0]
        parts.append(first)
        shown.append(_shown(first, kinds))
    if second and max_parts > 1:
        parts.append(second.lower())
        shown.append(second)
    names_first = sorted(ranked, key=lambda kv: (kinds.get(kv[0], 0) == 0,))  # stable: names first
    for t, _ in names_first:
        if len(parts) >= max_parts:
            break
        lead_words = {w for p in parts for w in p.split(" ")} | \
            {normalise_word(w) for p in parts for w in p.split(" ")}
        if t in parts or any(w in lead_words for w in t.split(" ")) or \
                any(t in p.split(" ") or p in t.split(" ") for p in parts) or \
                (_CJK.search(t) and any(t in p or p in t for p in parts)):
            continue
        parts.append(t)
        shown.append(_shown(t, kinds))
    cjk_terms = [t for t, _ in ranked if _CJK.search(t)]
    if cjk_terms and 2 * len(cjk_terms) >= len(ranked) and not any(_CJK.search(p) for p in shown):
        # a Chinese topic is labelled in Chinese: its best Chinese term takes the last place
        shown[-1:] = shown[-1:] if len(shown) < max_parts else []
        shown.append(_shown(cjk_terms[0], kinds))
    label = " · ".join(shown)
    return label[:1].upper() + label[1:]


def _shown(term: str, kinds: dict[str, int]) -> str:
    text = display(term, kinds.get(term, 0))
    if term.count(" ") >= 3 and " of the " in term:  # "Halle Venen of the United Republic of …"
        text = text.split(" of the ")[0]
    return text


def key_phrases(texts: list[str], idf, excluded: set[str], limit: int = 5,
                vocab: set[str] | None = None) -> list[tuple[str, float]]:
    """Recurring 2–3-word phrases of `texts`, most distinctive first, in their usual spelling.

    A phrase counts once per text; it must recur in at least two texts and a fifth of them.
    Its score is that count times the mean rarity (`idf`) of its words in the whole store.
    A Chinese phrase starts and ends with one of `vocab` (the topic's terms) when given: with no
    parts of speech to go by, that keeps "香港发生" (Hong Kong + happened) out.
    """
    seen: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for text in texts:
        found: set[str] = set()
        if _CJK.search(text):
            _zh_phrases(text, excluded, seen, spelling, vocab)
            continue
        for chunk in _BREAK.split(text):
            # each word read once: its form without "'s", lower-cased, and whether it may start
            # or sit inside a phrase (`inner`) or end one (`last`)
            words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(chunk)]
            low = [w.lower().replace("’", "'") for w in words]
            inner = [_content(w, excluded) for w in low]
            last = [_content(w, excluded, last=True) for w in low]
            for n in (2, 3):
                for i in range(len(words) - n + 1):
                    j = i + n - 1
                    if not inner[i] or not last[j]:
                        continue
                    if any(not (inner[k] or low[k] in _JOINERS) for k in range(i + 1, j)):
                        continue
                    if low[j].isdigit() and not words[i][:1].isupper():
                        continue  # "Title 42" yes, "percent 40" no
                    key = " ".join(normalise_word(w) for w in low[i:j + 1])
                    if key not in found:
                        found.add(key)
                        seen[key] += 1
                        spelling.setdefault(key, Counter())[" ".join(words[i:j + 1])] += 1
    need = max(2, math.ceil(0.2 * len(texts)))
    scored = []
    for key, n in seen.items():
        if n < need:
            continue
        words = [w for w in (phrase_words(key) if _CJK.search(key) else key.split(" "))
                 if w not in _JOINERS and not w.isdigit()]
        rarity = sum(idf(w) for w in words) / (len(words) or 1)
        scored.append((key, n * rarity * (1.15 if key.count(" ") == 2 else 1.0)))
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    longer: dict[str, str] = {}
    for key, _ in scored:  # "reduction act" inside "inflation reduction act", said together
        for other, _ in scored:
            if other != key and f" {key} " in f" {other} " and seen[other] >= 0.8 * seen[key]:
                longer.setdefault(key, other)
    out: list[tuple[str, float]] = []
    keys: list[str] = []
    for key, score in scored:
        key = longer.get(key, key)
        # a phrase inside a better one ("debt" "ceiling" in "the debt ceiling") adds nothing
        if any(key in k or k in key for k in keys):
            continue
        keys.append(key)
        out.append((_spelling(spelling[key]), score))
        if len(out) >= limit:
            break
    return out


def _zh_phrases(text: str, excluded: set[str], seen: Counter[str],
                spelling: dict[str, Counter[str]], vocab: set[str] | None) -> None:
    """Count the Chinese phrases of `text` (each once): runs of two or three words said
    together within a clause, none of one character, starting and ending with a word of
    substance (one of `vocab` when given), the last a noun or a name."""
    found: set[str] = set()
    for clause in _ZH_BREAK.split(text):
        toks: list[str] = []
        for tok in _ZH_TOKEN.findall(clause):
            toks.extend(terms_zh.words(tok) if _CJK.match(tok) else [tok])
        # each token read once: may it start or end a phrase (of substance, two characters or
        # more, one of `vocab`), may it end one (a noun or a name), is it Chinese
        edge = [len(w) >= 2 and _zh_content(w, excluded) and (vocab is None or w.lower() in vocab)
                for w in toks]
        ends = [e and terms_zh.is_nounlike(w) for e, w in zip(edge, toks, strict=True)]
        cjk = [bool(_CJK.match(w)) for w in toks]
        # tokens separated by a space are not said together
        for n in (2, 3):
            for i in range(len(toks) - n + 1):
                j = i + n - 1
                if not (edge[i] and ends[j]) or any(len(toks[k]) < 2 for k in range(i + 1, j)):
                    continue  # "人员非法", "即将组建": a phrase ends with what it names
                if not any(cjk[i:j + 1]):
                    continue  # a Latin phrase inside Chinese text: its words are terms already
                gram = toks[i:j + 1]
                surface = _join(gram)
                if surface not in clause:
                    continue
                key = surface.lower()
                if key not in found:
                    found.add(key)
                    seen[key] += 1
                    spelling.setdefault(key, Counter())[surface] += 1


def _join(words: list[str]) -> str:
    """Words as written together: Chinese unspaced, Latin words spaced from each other."""
    out = words[0]
    for w in words[1:]:
        out += (" " if out[-1:].isascii() and out[-1:].isalnum() and w[:1].isascii() else "") + w
    return out


def _zh_content(word: str, excluded: set[str]) -> bool:
    if _CJK.match(word):
        return not terms_zh.is_stopword(word) and word not in excluded
    return _content(word.lower(), excluded) or (word.isupper() and len(word) > 1)


def _spelling(forms: Counter[str]) -> str:
    """The usual written form; lower case unless the words are capitalised mid-sentence."""
    best = forms.most_common(1)[0][0]
    words = best.split(" ")
    if all(w[:1].isupper() or w.isdigit() or w.lower() in _JOINERS for w in words):
        return best
    return " ".join(w if (w.isupper() and len(w) > 1) else w.lower() for w in words)


def _content(word: str, excluded: set[str], last: bool = False) -> bool:
    if word.isdigit():
        return last
    w = normalise_word(word)
    return (len(word) > 2 and word not in STOPWORDS and w not in STOPWORDS and word not in GENERIC
            and w not in GENERIC and word not in CONVERSATIONAL and w not in CONVERSATIONAL
            and word not in excluded and w not in excluded)


def topic_label(profile: dict[str, float], kinds: dict[str, int], items, idf,
                people: set[str] | frozenset[str] = frozenset()) -> str:
    """The label of a topic from its profile and (some of) its statements; `people` are the
    words of every official's and reporter's name in the store."""
    excluded = set(people) | person_words(
        [n for it in items for n in (it.speaker, it.asker)] +
        [n for it in items for n in re.split(r"[;,]", it.speaker or "")])
    lead = second = None
    if len(items) >= MIN_PHRASE_ITEMS:
        texts = [f"{it.question or ''}\n{(it.answer or '')[:PHRASE_CHARS]}" for it in items]
        for text in texts:  # first names said with a known surname ("John Kirby")
            for first, last in _FULL_NAME.findall(text):
                if last.lower() in excluded and first.lower() not in GENERIC:
                    excluded.add(first.lower())
        # a phrase must hold one of the topic's strongest terms: rare words alone make odd
        # phrases ("arc of history" for a Taiwan thread)
        core = {w for t, _ in sorted(profile.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
                if _usable(t, excluded) for w in t.split(" ")}
        vocab = {t for t in profile if _CJK.search(t)} | \
            {w for t in profile if not _CJK.search(t) for w in t.split(" ")}
        phrases = [(p, sc) for p, sc in key_phrases(texts, idf, excluded, limit=6, vocab=vocab)
                   if core & {normalise_word(w.lower()) for w in p.split(" ")}
                   or core & {w.lower() for w in p.split(" ")} or core & set(phrase_words(p))][:2]
        if phrases:
            lead = phrases[0][0]
        if len(phrases) > 1 and phrases[1][1] >= 0.5 * phrases[0][1]:
            second = phrases[1][0]
    return label_for(profile, kinds, excluded=excluded, lead=lead, second=second)


def relabel(store, state, topic_ids) -> None:
    """Recompute the automatic label of each topic in `topic_ids`."""
    rows = []
    idf = state.idf
    people = people_in_store(store)
    for tid in topic_ids:
        prof = state.profile(tid)
        state.load_terms(prof.keys())
        items = store.topic_items(tid, latest=PHRASE_ITEMS) if state.count.get(tid, 0) >= \
            MIN_PHRASE_ITEMS or state.store is not None else []
        if items:
            words = set().union(*(text_words(f"{it.question} {(it.answer or '')[:PHRASE_CHARS]}")
                                  for it in items))
            state.load_terms(words)
        rows.append((topic_label(prof, state.kind, items, idf, people), tid))
    store.set_topic_labels(rows)


def shared_names(heavy: list[tuple[str, int]], size: int, distinctive, kinds: dict[str, int],
                 share: float = 0.5, max_parts: int = 2) -> str | None:
    """An issue's label from the names most of it shares: `heavy` is (term, statements of the
    issue's topics holding it as a key term); a distinctive name held by at least `share` of the
    `size` statements leads, a second such name (no word in common) follows. None when no name
    is shared that widely (then no term of one small topic may stand for the issue)."""
    shared = [(t, n) for t, n in heavy if n >= share * max(size, 1) and distinctive(t)]
    shared.sort(key=lambda tn: (-tn[1], " " not in tn[0], tn[0]))
    parts: list[str] = []
    for t, n in shared:
        # a name said in full nearly as often stands for it ("Putin" → "Vladimir Putin")
        t = next((p for p, m in shared if m >= 0.8 * n and f" {t} " in f" {p} " and p != t), t)
        words = set(t.split(" "))
        if any(words & set(p.split(" ")) for p in parts):
            continue
        parts.append(t)
        if len(parts) >= max_parts:
            break
    if not parts:
        return None
    label = " · ".join(_shown(t, kinds) for t in parts)
    return label[:1].upper() + label[1:]


def relabel_issues(store, state, issue_ids) -> None:
    """Recompute the automatic label of each issue: its topic's label when it holds one topic,
    else the distinctive names most of its statements' topics share, else the label of its
    largest topic (its main thread)."""
    from .issues import IssueParams, name_test

    ids = sorted(set(issue_ids))
    rows = []
    people = people_in_store(store)
    p = IssueParams()
    for iid in ids:
        topics = store.issue_topic_ids(iid)
        if not topics:
            continue
        labels = store.topic_labels(topics)
        if len(topics) > 1:
            heavy = store.issue_heavy_terms(iid, p.key_weight)
            terms = [t for t, _ in heavy]
            state.load_terms(terms)
            state.load_names(terms)
            label = shared_names(heavy, store.issue_size(iid), name_test(state, p, people),
                                 state.kind)
            if label:
                rows.append((label, iid))
                continue
        sizes = dict(store.topic_sizes(topics))
        main = max(topics, key=lambda t: (sizes.get(t, 0), -t))
        rows.append((labels.get(main) or "(untitled)", iid))
    store.set_issue_labels(rows)
