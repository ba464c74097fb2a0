"""Ministries' short names a reader recognises: "White House" / "WH", "China MFA" / "CN".

A table of the ministries briefdash knows (matched on their long names, however a feed spells
them), then a feed's own `short_name` from config.toml, then a shortening of the long name
("Ministry of Foreign Affairs of the Republic of Veloria" → "Veloria").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lookup import short_ministry

# (what the long name says, short name, abbreviation): the first that matches wins
KNOWN: list[tuple[re.Pattern[str], str, str]] = [(re.compile(p, re.I), short, abbr) for p, short, abbr in (
    (r"\bwhite\s+house\b", "White House", "WH"),
    (r"\bstate\s+department\b|\bdepartment\s+of\s+state\b", "State", "State"),
    (r"\b(?:china|chinese|prc|people's\s+republic\s+of\s+china)\b", "China MFA", "CN"),
    (r"\b(?:russia|russian)\b", "Russia MFA", "RU"),
    (r"\b(?:japan|japanese)\b", "Japan MOFA", "JP"),
    (r"\b(?:india|indian)\b|\bexternal\s+affairs\b", "India MEA", "IN"),
    (r"\bunited\s+nations\b|^un\b|\bsecretary-general\b", "UN", "UN"),
)]


def known_short(name: str) -> tuple[str, str] | None:
    """(short name, abbreviation) of a ministry in the table, else None."""
    for pattern, short, abbr in KNOWN:
        if pattern.search(name):
            return short, abbr
    return None


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w not in ("The", "Of")) or name[:2]


@dataclass
class MinistryNames:
    """Short names for the ministries of one library: `overrides` (long name → short name,
    from config.toml's feeds) before the table."""

    overrides: dict[str, str] = field(default_factory=dict)

    def short(self, name: str | None) -> str:
        """"The White House" → "White House"; an unknown one as `short_ministry` cuts it."""
        name = " ".join((name or "").split())
        if not name:
            return "—"
        if name in self.overrides:
            return self.overrides[name]
        known = known_short(name)
        return known[0] if known else short_ministry(name, 40)

    def abbreviation(self, name: str | None) -> str:
        """"The White House" → "WH": what a column too narrow for the short names shows."""
        name = " ".join((name or "").split())
        if name in self.overrides:
            short = self.overrides[name]
            return short if len(short) <= 5 else _initials(short)
        known = known_short(name)
        if known:
            return known[1]
        short = short_ministry(name, 40)
        return short if len(short) <= 4 else _initials(short)

    def legend(self, names: list[str]) -> list[tuple[str, str, str]]:
        """(abbreviation, short name, long name) for each of `names`, by abbreviation."""
        rows = {(self.abbreviation(n), self.short(n), n) for n in names if n}
        return sorted(rows)


def names_for(feeds, feed_ministries) -> MinistryNames:
    """The short names config.toml's feeds give (`short_name`): for the ministry a feed names,
    else for the ministries its statements name (`feed_ministries()`: feed address → names,
    read from the store only when a feed needs it)."""
    overrides: dict[str, str] = {}
    needs_store = []
    for f in feeds:
        if not f.short_name:
            continue
        if f.ministry:
            overrides[" ".join(f.ministry.split())] = f.short_name
        else:
            needs_store.append(f)
    if needs_store:
        spoken = feed_ministries()
        for f in needs_store:
            for m in spoken.get(f.url, ()):
                overrides.setdefault(" ".join(m.split()), f.short_name)
    return MinistryNames(overrides)
