"""News reports of a briefing (fixture modelled on the shape of a real report, fictional content)."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from briefdash.models import Entry
from briefdash.transcripts.clean import html_to_paragraphs
from briefdash.transcripts.dates import resolve_weekday
from briefdash.transcripts.segment import detect_style, segment_entry

FIX = Path(__file__).parent / "fixtures" / "transcripts" / "report.txt"
TITLE = "Veloria urges Calderon to halt drills near Amber Shoal"


def _entry(published=datetime(2026, 7, 31, 18, 10), style=None, content=None) -> Entry:
    return Entry(
        key="r1", title=TITLE, link="https://www.harbourgazette.example/page/1", published=published,
        content=content if content is not None else FIX.read_text(encoding="utf-8"),
        feed_title="Harbour Gazette", style=style,
    )


def test_report_detected():
    assert detect_style(html_to_paragraphs(FIX.read_text(encoding="utf-8")), TITLE) == "report"


def test_report_item():
    items = segment_entry(_entry())
    assert len(items) == 1
    it = items[0]
    assert it.kind == "report" and it.index == 0
    assert it.speaker == "Ilsa Moran"
    assert it.date == date(2026, 7, 30)  # "on Thursday", published Friday 31 July 2026
    assert it.date.weekday() == 3
    assert it.source == "Harbour Gazette"
    assert it.question.startswith("The Calderon navy's announcement on Monday")
    assert it.question.endswith("near the shoal next week")
    assert it.answer.startswith("Moran said that the drills")
    assert it.answer.endswith("a new round of talks in Port Amsel.")
    for junk in ("Photo", "Published", "WORLD / DIPLOMACY", "Harbour Gazette", "40 kilometres"):
        assert junk not in it.answer
    assert it.position and it.position in it.answer
    assert "firmly opposes" in it.position
    assert it.ministry == "Velorian Foreign Ministry"


def test_report_date_without_published_uses_published_line():
    it = segment_entry(_entry(published=None))[0]
    assert it.date == date(2026, 7, 30)


def test_report_source_falls_back_to_site():
    e = _entry()
    e.feed_title = ""
    assert segment_entry(e)[0].source == "harbourgazette.example"


def test_report_as_html_and_with_hint():
    html = "".join(f"<p>{p}</p>" for p in FIX.read_text(encoding="utf-8").split("\n\n"))
    a = segment_entry(_entry(content=html))
    b = segment_entry(_entry(style="report"))
    assert a[0].speaker == b[0].speaker == "Ilsa Moran"
    assert a[0].answer == b[0].answer


def test_weekday_resolution_on_the_day():
    assert resolve_weekday("Thursday", date(2026, 7, 30)) == date(2026, 7, 30)
    assert resolve_weekday("thursday", date(2026, 8, 5)) == date(2026, 7, 30)
