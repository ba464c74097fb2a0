"""The statement detail names its ministry as the lists do: the short names table ("China
MFA"), or the library's own short name from config.toml; the full name comes at the end."""
from __future__ import annotations

from datetime import date

from briefdash.models import QAItem
from briefdash.topics.ministries import MinistryNames
from briefdash.topics.positions import TimelineEntry
from briefdash.tui.widgets.detail import detail_content

PRC = "Ministry of Foreign Affairs of the PRC"


def _entry(ministry: str) -> TimelineEntry:
    return TimelineEntry(item=QAItem(
        index=0, kind="qa", date=date(2026, 7, 9), question="Any comment?", answer="None.",
        ministry=ministry, speaker="Lin Sora", asker="AFP", entry_title="Regular briefing",
        entry_link="https://example.org/b"))


def test_the_header_uses_the_short_name_and_ends_with_the_full_one():
    text = detail_content(_entry(PRC), 100).plain
    meta = text.split("\n")[1]
    assert meta.startswith("2026-07-09 · China MFA · Lin Sora") and "PRC" not in meta
    assert f"Ministry: {PRC}" in text
    own = detail_content(_entry(PRC), 100, MinistryNames(overrides={PRC: "MFA Beijing"})).plain
    assert "· MFA Beijing ·" in own.split("\n")[1]
