"""The bundled demo corpus: fictional ministries, spokespeople, outlets and issues.

``DEMO_DIR`` is the directory of the committed RSS 2.0 feed files; ``DEMO_FEEDS`` describes each
file: ``name`` (feed title), ``file`` (absolute path as a string; ``DEMO_DIR / f["file"]`` also
works), ``filename``, ``style`` (transcript style hint) and ``ministry`` (``None`` for the news
site, whose reports cover several ministries). The files are written by the repository's
``scripts/generate_demo.py`` (from ``scripts/data/demo_corpus.json``), which the package does not ship.
"""
from __future__ import annotations

from pathlib import Path

DEMO_DIR: Path = Path(__file__).resolve().parent / "feeds"

_FEEDS = [
    ("Veloria MFA — Regular Press Conferences", "veloria-mfa.xml", "china_mfa",
     "Ministry of Foreign Affairs of the Republic of Veloria"),
    ("Norvania DFA — Department Press Briefings", "norvania-dfa.xml", "state_dept",
     "Department of Foreign Affairs of the Federation of Norvania"),
    ("Ministry of Foreign Affairs of the Kingdom of Astrand — Briefings", "astrand-mfa.xml", "russia_mfa",
     "Ministry of Foreign Affairs of the Kingdom of Astrand"),
    ("Office of the President of Calvera — Press Briefings", "calvera-presidency.xml", "white_house",
     "Office of the President of the Commonwealth of Calvera"),
    ("Harbor Times — World", "harbor-times.xml", "report", None),
]

DEMO_FEEDS: list[dict] = [
    {"name": name, "file": str(DEMO_DIR / fname), "filename": fname, "style": style, "ministry": ministry}
    for name, fname, style, ministry in _FEEDS
]

__all__ = ["DEMO_DIR", "DEMO_FEEDS"]
