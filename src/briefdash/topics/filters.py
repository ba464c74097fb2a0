"""Narrowing statements to a period, a ministry or a spokesperson, as an analyst asks for them.

`StatementFilter` is what `timeline`, `search` and `export` take as `--since/--until/--ministry/
--speaker`: dates inclusive, names matched case-insensitively on whole words, a ministry also by
the short name the dashboard shows ("Veloria", "WH") or by its initials.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..models import QAItem
from .lookup import short_ministry


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _initials(name: str) -> str:
    """"The White House" → "wh", "Ministry of Foreign Affairs" → "mfa" (small words left out)."""
    small = {"the", "of", "and", "for", "on", "in"}
    return "".join(w[0] for w in _words(name) if w not in small)


def name_matches(name: str | None, query: str) -> bool:
    """True when `query` names `name`: its words appear in order as whole words ("white house",
    "Jean-Pierre", "Psaki"), or it is the name's short form or initials ("WH", "MFA")."""
    if not name or not query.strip():
        return False
    want = _words(query)
    have = _words(name)
    if not want:
        return False
    for start in range(len(have) - len(want) + 1):
        if have[start:start + len(want)] == want:
            return True
    folded = query.strip().casefold()
    if folded in (_initials(name), short_ministry(name, 200).casefold()):
        return True
    from .ministries import known_short  # "China", "China MFA", "CN", "WH", "State"

    known = known_short(name)
    if known is None:
        return False
    short_words = _words(known[0])
    return folded == known[1].casefold() or any(
        short_words[k:k + len(want)] == want for k in range(len(short_words) - len(want) + 1))


@dataclass(frozen=True)
class StatementFilter:
    """A period (inclusive) and/or a ministry and/or a spokesperson; empty keeps everything."""

    since: date | None = None
    until: date | None = None
    ministry: str | None = None
    speaker: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.since, self.until, self.ministry, self.speaker))

    def keeps(self, item: QAItem) -> bool:
        if self.since is not None and (item.date is None or item.date < self.since):
            return False
        if self.until is not None and (item.date is None or item.date > self.until):
            return False
        if self.ministry is not None and not name_matches(item.ministry, self.ministry):
            return False
        if self.speaker is not None and not any(
                name_matches(one.strip(), self.speaker) for one in (item.speaker or "").split(";")):
            return False
        return True

    def apply(self, items: Iterable[QAItem]) -> list[QAItem]:
        return [it for it in items if self.keeps(it)]

    def describe(self) -> str:
        """The selection in words ("" when everything is kept)."""
        parts = []
        if self.since and self.until:
            parts.append(f"from {self.since.isoformat()} to {self.until.isoformat()}")
        elif self.since:
            parts.append(f"since {self.since.isoformat()}")
        elif self.until:
            parts.append(f"until {self.until.isoformat()}")
        if self.ministry:
            parts.append(f"ministry “{self.ministry}”")
        if self.speaker:
            parts.append(f"spokesperson “{self.speaker}”")
        return ", ".join(parts)


SEARCH_SCAN = 5000  # with a filter of topics or statements (`also`), kept matches read at most

StoredNames = Callable[[str], list[str]]  # "ministry" | "speaker" → every stored value


def stored_values(keep: StatementFilter, names: StoredNames
                  ) -> tuple[list[str] | None, list[str] | None]:
    """The stored ministries and speakers `keep` names, as the store's search filters on them
    (None: any); an empty list when the filter names none of them."""
    ministries = speakers = None
    if keep.ministry is not None:
        ministries = [m for m in names("ministry") if name_matches(m, keep.ministry)]
    if keep.speaker is not None:
        speakers = [s for s in names("speaker")
                    if any(name_matches(one.strip(), keep.speaker) for one in s.split(";"))]
    return ministries, speakers


def search_page(store, query: str, keep: StatementFilter, *, order: str = "relevance",
                limit: int = 200, offset: int = 0, names: StoredNames | None = None
                ) -> list[tuple[QAItem, str]]:
    """One page of the matches of `query` that `keep` keeps (the store filters them: every
    kept match is reachable, however common the words); `names` lists stored names (default:
    read from the store)."""
    if not keep.active:
        return store.search(query, limit=limit, offset=offset, order=order)
    ministries, speakers = stored_values(keep, names or store.names_in_use)
    return store.search_filtered(query, since=keep.since, until=keep.until, ministries=ministries,
                                 speakers=speakers, limit=limit, offset=offset, order=order)


def search_count_kept(store, query: str, keep: StatementFilter,
                      names: StoredNames | None = None) -> int:
    """How many matches of `query` `keep` keeps."""
    if not keep.active:
        return store.search_count(query)
    ministries, speakers = stored_values(keep, names or store.names_in_use)
    return store.search_filtered_count(query, since=keep.since, until=keep.until,
                                       ministries=ministries, speakers=speakers)


def search_kept(store, query: str, keep: StatementFilter, *, order: str = "relevance",
                limit: int | None = None, page: int = 1000,
                also: Callable[[QAItem], bool] | None = None) -> list[tuple[QAItem, str]]:
    """The matches of `query` that `keep` (and `also`, when given) keep, in the search's order:
    the store applies `keep`; `also` is applied here, among the first SEARCH_SCAN kept
    matches. The first `limit` of them when given."""
    hits: list[tuple[QAItem, str]] = []
    names_read: dict[str, list[str]] = {}

    def names(column: str) -> list[str]:
        if column not in names_read:
            names_read[column] = store.names_in_use(column)
        return names_read[column]

    if also is None and limit is not None:
        page = max(limit, 1)  # the store keeps exactly what is wanted: one page of it
    for offset in range(0, SEARCH_SCAN, page):
        batch = search_page(store, query, keep, order=order, limit=page, offset=offset, names=names)
        hits += [h for h in batch if also is None or also(h[0])]
        if (limit is not None and len(hits) >= limit) or len(batch) < page:
            break
    return hits if limit is None else hits[:limit]


_FILTER_TOKEN = re.compile(r'(?<!\S)(ministry|speaker|since|until):(?:"([^"]*)"?|(\S+))', re.I)


@dataclass(frozen=True)
class FilteredQuery:
    """A search typed with filters in it: `words` for the full-text search, `keep` for the
    statements, `filters` the filter tokens as typed (to put back after a corrected word)."""

    words: str
    keep: StatementFilter
    filters: str = ""


def split_query(text: str) -> FilteredQuery:
    """`ministry:NAME speaker:NAME since:DATE until:DATE` taken out of a search query (a name
    of several words in quotes: `ministry:"white house"`); dates as `topics.dates.parse_when`
    reads them (`since:2022-03`, `until:"15 March 2022"`). ValueError names a bad date."""
    from .dates import parse_when

    found: dict[str, str] = {}
    tokens: list[str] = []
    for m in _FILTER_TOKEN.finditer(text):
        value = (m.group(2) if m.group(2) is not None else m.group(3) or "").strip()
        if value:
            found[m.group(1).lower()] = value
            tokens.append(m.group(0))
    words = " ".join(_FILTER_TOKEN.sub(" ", text).split())
    days: dict[str, date | None] = {"since": None, "until": None}
    for key in days:
        if key in found:
            try:
                days[key] = parse_when(found[key])
            except ValueError as exc:
                raise ValueError(f"{key}: {exc}") from None
    since, until = days["since"], days["until"]
    if "until" in found and until is not None and re.fullmatch(r"\d{4}(-\d{1,2})?", found["until"].strip()):
        until = _end_of(found["until"].strip(), until)  # until:2022-03 keeps all of March
    if since and until and since > until:
        raise ValueError(f"since {since.isoformat()} is after until {until.isoformat()}")
    keep = StatementFilter(since=since, until=until, ministry=found.get("ministry"),
                           speaker=found.get("speaker"))
    return FilteredQuery(words, keep, " ".join(tokens))


def _end_of(text: str, first: date) -> date:
    """The last day of the month or year `text` ("2022-03", "2022") names."""
    from datetime import timedelta

    if "-" in text:
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    else:
        nxt = date(first.year + 1, 1, 1)
    return nxt - timedelta(days=1)
