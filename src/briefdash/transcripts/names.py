"""Clean names: spokespeople without title debris, ministries as their publishers call themselves.

* `clean_speaker("Olivia Dalton En")` → "Olivia Dalton" (from "… Olivia Dalton En Route …"),
  "Karine Jean-Pierre And" → "Karine Jean-Pierre".
* `full_name("Mr. Kirby", texts)` → "John Kirby" when the title or transcript names him in full.
* `publisher(config_ministry, links, feed_title)` → "The White House" / "Ministry of Foreign Affairs
  of the PRC": the feed's configured ministry, else a small table of known publishers by site,
  else the feed title without suffixes such as ": Press Briefings (…)".

Pure functions over strings.
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

__all__ = ["clean_speaker", "full_name", "resolve_full_names", "publisher", "publisher_by_site",
           "strip_feed_suffix", "KNOWN_PUBLISHERS"]

# Words that end a name taken from a title: "… Olivia Dalton En Route …", "… Jean-Pierre And NSC …"
_TRAILING_DEBRIS = frozenset(
    """en route and aboard on in at to for with following via from during before after upon air
    force one the of as en-route travelling traveling""".split()
)
_TITLES = (r"Mr|Ms|Mrs|Dr|Doctor|Admiral|Adm|Ambassador|Amb|General|Gen|Secretary|Assistant Secretary|"
           r"Deputy Secretary|Administrator|Advisor|Adviser|Chair|Chairman|Director|Governor|Commissioner|"
           r"Colonel|Col|Mayor|Representative|Rep|Senator|Sen|Surgeon General|Chief|Coordinator|Minister|"
           r"Spokesperson|Deputy|Principal Deputy|Captain|Lieutenant|Major|Judge|Justice")
_HONORIFIC = re.compile(r"^(?P<h>" + _TITLES + r")\.?\s+(?P<last>[A-Z][\w'’-]+)$")
# Role words that open a label before the name: "Commerce Gina Raimondo", "Advisors Anne Neuberger"
_ROLE_WORDS = frozenset(
    """administrator advisor advisors adviser advisers secretary director deputy commerce energy response
    general mayor governor chair chairman commissioner colonel representative senator surgeon chief
    assistant principal press coordinator ambassador special envoy national security council senior
    doctor minister spokesperson admiral treasury defense homeland transportation agriculture labor
    interior education health hhs cdc fda nih usda epa i'm i’m im member members force task team
    office affairs policy technology technologies cyber emerging communications strategic economic
    infrastructure implementation supply chain disruptions climate domestic international
    cea nsc omb nec fema usaid""".split()
)
_NOT_NAME = _ROLE_WORDS | {"administration", "official", "officials", "house", "white", "department",
                           "one", "two", "three", "four", "member", "members", "of", "the"}
_TIME_PREFIX = re.compile(r"^(?:\d{1,2}:\d{2}\s*)?[AP]\.?\s?M\.?\s+(?:[A-Z]{2,4}\s+)?", re.I)
_HAS_LOWER = re.compile(r"[a-z]")
# Capitalised words that precede a name in running text but are not first names
_NOT_FIRST = frozenset(
    """Mr Ms Mrs Dr Admiral Adm Ambassador Amb General Gen Secretary Press Deputy Principal Senior
    Coordinator Director Advisor Adviser President Vice Spokesperson Spokesman Spokeswoman Minister
    Chair Chairman Counselor Council National Security Strategic Communications NSC Rear Colonel
    Captain Senator Governor Representative Congressman Congresswoman Leader Speaker Chief Staff
    Communications Officer The And Of For Mister Madam Thank Thanks Hi Hello Okay So Well Yes No
    House White Department Pentagon State Defense Homeland Economic Domestic Policy Climate
    Special Envoy Assistant Under Acting Lieutenant Major Sergeant Judge Justice Attorney Q""".split()
)


_NOT_SPEAKER_START = frozenset(
    "on also and as for first so next in at but then now secondly second third finally again "
    "with about regarding if when because".split())


def looks_like_speaker(name: str) -> bool:
    """Could this be who spoke? Not a sentence start ("On Russia"), a list ("So, Citigroup") or
    a typo'd role ("Moerator")."""
    words = name.split()
    if not words:
        return False
    if words[0].strip(",.").lower() in _NOT_SPEAKER_START or name.lower() in ("moerator", "modertor"):
        return False
    if "," in name and not re.search(r"^(?:Dr|Mr|Ms|Mrs)\.? [^,]+, ", name):
        return False
    return True


_VOWELS = re.compile(r"[AEIOUY]")


def clean_speaker(name: str | None) -> str | None:
    """A speaker's name without trailing title debris ("En", "And", "Aboard", …)."""
    if not name:
        return name
    parts = []
    for one in name.split("; "):
        one = _TIME_PREFIX.sub("", one.strip())  # "P.M. EDT Moderator"
        words = one.split()
        while len(words) > 1 and words[-1].strip(",.").lower() in _TRAILING_DEBRIS:
            words.pop()
        # "Commerce Gina Raimondo", "I’m Bob Fenton", "Response Dawn O’Connell" → the name
        while (len(words) > 2 and words[0].strip(",.").lower() in _ROLE_WORDS
               and all(w[:1].isupper() and w.lower() not in _NOT_NAME for w in words[1:])):
            words.pop(0)
        if len(words) == 2 and words[0] == "Doctor":
            words[0] = "Dr."
        # "Dr. WALENSKY" → "Dr. Walensky" (a label half in capitals)
        # (an acronym without vowels stays: "Members of BTS")
        words = [w if not (len(w) > 2 and w.isupper() and w.isalpha() is not False
                           and _HAS_LOWER.search(one) and not (len(w) <= 4 and not _VOWELS.search(w)))
                 else "-".join(p[:1] + p[1:].lower() for p in w.split("-")) for w in words]
        cleaned = " ".join(words).strip(" ,;:")
        if cleaned and not looks_like_speaker(cleaned):
            continue  # "On Russia", "Inflation", "So, Citigroup": text read as a label by older versions
        if cleaned and cleaned not in parts:
            parts.append(cleaned)
    return "; ".join(parts) or None


def full_name(speaker: str, texts: list[str]) -> str:
    """"Mr. Kirby" → "John Kirby" when one of `texts` (title first) names him in full.

    The title is trusted; in the transcript a full name counts when it is introduced by a role
    or title ("Coordinator John Kirby", "Secretary of Commerce Gina Raimondo", "I'm Bob Fenton")
    or written at least twice — so a sentence start ("Yesterday Kate …") is never a first name.
    """
    m = _HONORIFIC.match(speaker.strip())
    if not m:
        return speaker
    last = m.group("last")
    rx = re.compile(
        r"(?:\b([\w'’.]+)[\s\u00a0]+)?\b([A-Z][a-z'’]+(?:[\s\u00a0][A-Z]\.)?(?:[\s\u00a0][A-Z][a-z'’]+)?)"
        r"[\s\u00a0]+" + re.escape(last) + r"\b")
    for n, text in enumerate(texts):
        found: Counter[str] = Counter()
        introduced: set[str] = set()
        for before, cand in rx.findall(text or ""):
            words = cand.split()
            lead = [before] if before else []
            while words and (words[0].strip(".") in _NOT_FIRST or words[0].lower() in _ROLE_WORDS):
                lead.append(words.pop(0))
            if not words or any(w.strip(".") in _NOT_FIRST or w.lower() in _ROLE_WORDS for w in words):
                continue
            if n > 0 and len(words) > 1:  # in running text only the word before is the first name
                keep = words[-2:] if re.fullmatch(r"[A-Z]\.", words[-1]) else words[-1:]
                lead.extend(words[:len(words) - len(keep)])
                words = keep
            name = " ".join(words + [last])
            found[name] += 1
            if lead and (lead[-1].strip(".,") in _NOT_FIRST or lead[-1].strip(".,").lower() in _ROLE_WORDS
                         or lead[-1].lower() in ("of", "and", "by", "with")):
                introduced.add(name)
        good = [(c, name) for name, c in found.items() if n == 0 or name in introduced or c >= 2]
        if good:
            return max(good)[1]
    close = _close_title_name(last, texts[0] if texts else "")  # a misspelt surname
    return close or speaker


_CAP_WORD = re.compile(r"[A-Z][a-z][\w'’-]*")


def _close_title_name(last: str, title: str) -> str | None:
    """A misspelt surname ("Mr. Sullian") matched to a full name the title gives ("Jake Sullivan")."""
    if not title or len(last) < 4:
        return None
    from rapidfuzz.distance import Levenshtein

    words = _CAP_WORD.findall(title.replace("\u00a0", " "))
    best = None
    for first, surname in zip(words, words[1:], strict=False):
        if first in _NOT_FIRST or surname in _NOT_FIRST:
            continue
        if Levenshtein.distance(last.lower(), surname.lower()) <= 2:
            best = f"{first} {surname}"
            break
    return best


def resolve_full_names(speakers: list[str | None], texts: list[str]) -> dict[str, str]:
    """For each "Mr. X" among `speakers`, the full name `texts` give (only those that change)."""
    out: dict[str, str] = {}
    for sp in speakers:
        for one in (sp or "").split("; "):
            if one and one not in out and _HONORIFIC.match(one):
                full = full_name(one, texts)
                if full != one:
                    out[one] = full
    return out


# ---- ministries ---------------------------------------------------------------------------------
KNOWN_PUBLISHERS: list[tuple[str, str]] = [
    # (host suffix, publisher) — the first suffix the host ends with wins
    ("whitehouse.gov", "The White House"),
    ("bidenwhitehouse.archives.gov", "The White House"),
    ("trumpwhitehouse.archives.gov", "The White House"),
    ("obamawhitehouse.archives.gov", "The White House"),
    ("fmprc.gov.cn", "Ministry of Foreign Affairs of the PRC"),
    ("mfa.gov.cn", "Ministry of Foreign Affairs of the PRC"),
    ("state.gov", "U.S. Department of State"),
    ("mid.ru", "Ministry of Foreign Affairs of the Russian Federation"),
    ("mofa.go.jp", "Ministry of Foreign Affairs of Japan"),
    ("mea.gov.in", "Ministry of External Affairs of India"),
    ("press.un.org", "United Nations"),
    ("un.org", "United Nations"),
]

_SUFFIX_WORDS = re.compile(
    r"\b(?:press|briefings?|conferences?|transcripts?|remarks|spokes\w*|statements?|news|releases?|"
    r"feeds?|rss|archive|updates?|gaggles?|dev set|regular)\b", re.I)
_SUFFIX_SPLIT = re.compile(r"\s*(?::|\s[|\u2013\u2014-]\s|\s[|\u2013\u2014]|[|\u2013\u2014]\s)\s*")


def publisher_by_site(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host:
        return None
    for suffix, name in KNOWN_PUBLISHERS:
        if host == suffix or host.endswith("." + suffix):
            return name
    return None


def strip_feed_suffix(title: str) -> str:
    """"The White House: Press Briefings (2022)" → "The White House"."""
    t = re.sub(r"\s+", " ", title or "").strip()
    parts = _SUFFIX_SPLIT.split(t, maxsplit=1)
    if len(parts) == 2 and parts[0] and _SUFFIX_WORDS.search(parts[1]):
        t = parts[0]
    t = re.sub(r"\s*\([^()]*\)\s*$", "", t).strip()  # a trailing "(dev set, Jun-Jul 2026)"
    return t or (title or "").strip()


def publisher(config_ministry: str | None, links: list[str | None], feed_title: str) -> str | None:
    """Who publishes these briefings: config, else a known site, else the trimmed feed title."""
    if config_ministry and config_ministry.strip():
        return config_ministry.strip()
    for link in links:
        name = publisher_by_site(link)
        if name:
            return name
    return strip_feed_suffix(feed_title) or None
