"""Narrowing statements to a period, a ministry or a spokesperson, as an analyst asks for them.

`StatementFilter` is what `timeline`, `search` and `export` take as `--since/--until/--ministry/
--speaker`: dates inclusive, names matched case-insensitively on whole words, a ministry also by
the short name the dashboard shows ("Veloria", "WH") or by its initials.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
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
    return folded in (_initials(name), short_ministry(name, 200).casefold())


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
