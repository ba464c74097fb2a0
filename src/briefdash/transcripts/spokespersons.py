"""One official, one ministry, whichever script the transcript is in.

The China MFA publishes each press conference in Chinese and in English: 华春莹 in one edition is
Hua Chunying in the other. `Identities` maps every name a transcript may give a spokesperson or a
ministry to one canonical name (the Latin one), so that filters, side by side and exports see one
person and one ministry. The built-in table holds the MFA's spokespersons; config.toml's
`[spokespersons]` table adds more ("华春莹" = "Hua Chunying").
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# The MFA's spokespersons (and ministers who held its press conferences), Chinese → Latin.
MFA_SPOKESPERSONS: dict[str, str] = {
    "华春莹": "Hua Chunying",
    "赵立坚": "Zhao Lijian",
    "耿爽": "Geng Shuang",
    "陆慷": "Lu Kang",
    "汪文斌": "Wang Wenbin",
    "毛宁": "Mao Ning",
    "林剑": "Lin Jian",
    "郭嘉昆": "Guo Jiakun",
    "洪磊": "Hong Lei",
    "秦刚": "Qin Gang",
    "姜瑜": "Jiang Yu",
    "马朝旭": "Ma Zhaoxu",
    "刘建超": "Liu Jianchao",
    "孔泉": "Kong Quan",
    "章启月": "Zhang Qiyue",
}

# Names a transcript or a feed gives a ministry → the name the English edition's site gives it.
MINISTRY_ALIASES: dict[str, str] = {
    "外交部": "Ministry of Foreign Affairs of the PRC",
    "中国外交部": "Ministry of Foreign Affairs of the PRC",
    "中华人民共和国外交部": "Ministry of Foreign Affairs of the PRC",
    "Foreign Ministry of China": "Ministry of Foreign Affairs of the PRC",
    "Chinese Foreign Ministry": "Ministry of Foreign Affairs of the PRC",
    "Ministry of Foreign Affairs of the People's Republic of China":
        "Ministry of Foreign Affairs of the PRC",
    "Ministry of Foreign Affairs of the People’s Republic of China":
        "Ministry of Foreign Affairs of the PRC",
}

# Names that begin with these are the ministry (a feed title: "外交部发言人表态", …); another
# country's ministry ("俄罗斯外交部") does not begin so.
MINISTRY_PREFIXES: tuple[tuple[str, str], ...] = (
    ("中华人民共和国外交部", "Ministry of Foreign Affairs of the PRC"),
    ("中国外交部", "Ministry of Foreign Affairs of the PRC"),
    ("外交部", "Ministry of Foreign Affairs of the PRC"),
)

_SPACE = re.compile(r"[\s\u00a0\u3000·•]+")


def _key(name: str) -> str:
    """What two spellings of one name share: case, spaces and middle dots ignored."""
    return _SPACE.sub("", name).casefold()


@dataclass
class Identities:
    """Canonical names of people and ministries; `extra` (config) wins over the built-in table."""

    extra: Mapping[str, str] = field(default_factory=dict)
    _people: dict[str, str] = field(init=False, repr=False)
    _ministries: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._people = {}
        for table in (MFA_SPOKESPERSONS, self.extra):
            for native, latin in table.items():
                if native.strip() and latin.strip():
                    canonical = " ".join(latin.split())
                    self._people[_key(native)] = canonical
                    self._people[_key(latin)] = canonical
        self._ministries = {_key(k): v for k, v in MINISTRY_ALIASES.items()}
        for v in MINISTRY_ALIASES.values():
            self._ministries[_key(v)] = v

    def person(self, name: str | None) -> str | None:
        """The canonical name of `name` ("华春莹" → "Hua Chunying"); several speakers joined by
        "; " are mapped one by one; an unknown name is returned as it is."""
        if not name:
            return name
        parts = [self._people.get(_key(p), p) for p in name.split("; ")]
        return "; ".join(dict.fromkeys(parts))

    def ministry(self, name: str | None) -> str | None:
        """The canonical name of a ministry ("外交部" → "Ministry of Foreign Affairs of the PRC");
        a Chinese feed's title that starts with the ministry's name ("外交部发言人答记者问") is
        that ministry too."""
        if not name:
            return name
        key = _key(name)
        if key in self._ministries:
            return self._ministries[key]
        for prefix, canonical in MINISTRY_PREFIXES:
            if key.startswith(prefix):
                return canonical
        return name

    def settled(self) -> bool:
        """True when every canonical name is its own canonical name, so that making names
        canonical twice changes nothing (a config table could chain "A" = "B" and "B" = "C")."""
        people = set(self._people.values())
        ministries = set(self._ministries.values()) | {c for _, c in MINISTRY_PREFIXES}
        return all("; " not in p and self.person(p) == p for p in people) and \
            all(self.ministry(m) == m for m in ministries)

    def signature(self) -> str:
        """What the canonical names depend on: the people's and the ministries' tables."""
        import hashlib
        import json

        tables = [sorted(self._people.items()), sorted(self._ministries.items()), MINISTRY_PREFIXES]
        return hashlib.sha1(json.dumps(tables, ensure_ascii=False).encode()).hexdigest()

    def same_person(self, a: str | None, b: str | None) -> bool:
        return bool(a and b) and _key(self.person(a) or "") == _key(self.person(b) or "")

    def pairs(self) -> list[tuple[str, str]]:
        """Every (native, Latin) name pair known, for matching names across the two scripts."""
        out = dict(MFA_SPOKESPERSONS)
        out.update({k: v for k, v in self.extra.items() if k.strip() and v.strip()})
        return [(k.strip(), " ".join(v.split())) for k, v in out.items()]
