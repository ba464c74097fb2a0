"""Clean names: speakers without title debris, full names, ministries as publishers."""
from __future__ import annotations

import pytest

from briefdash.feeds.parse import parse_feed
from briefdash.models import FeedConfig
from briefdash.transcripts.names import (
    clean_speaker,
    full_name,
    publisher,
    publisher_by_site,
    strip_feed_suffix,
)
from briefdash.transcripts.segment import segment_entry


@pytest.mark.parametrize("raw,clean", [
    ("Nora Quill En", "Nora Quill"),
    ("Teodor Mase And", "Teodor Mase"),
    ("Ana Lund-Berg Aboard", "Ana Lund-Berg"),
    ("Nora Quill En; Mr. Ostrow", "Nora Quill; Mr. Ostrow"),
    ("Nora Quill; Nora Quill En", "Nora Quill"),
    ("Andrea Von Bauer", "Andrea Von Bauer"),
    ("Mei Tassen", "Mei Tassen"),
    (None, None),
])
def test_clean_speaker(raw, clean):
    assert clean_speaker(raw) == clean


def test_full_name_from_the_transcript():
    title = "Press Briefing by Press Secretary Nora Quill and Coordinator Sam Ostrow, May 2, 2024"
    assert full_name("Mr. Ostrow", [title, ""]) == "Sam Ostrow"
    text = "Q Thanks, Admiral Ostrow.\nMS. QUILL: As Admiral Sam Ostrow said, the talks go on."
    assert full_name("Mr. Ostrow", ["Press Gaggle", text]) == "Sam Ostrow"
    # never a title word or a sentence start as a first name
    assert full_name("Mr. Ostrow", ["Press Gaggle", "Will Admiral Ostrow stay? Thanks, Ostrow."]) == "Mr. Ostrow"
    assert full_name("Nora Quill", [title]) == "Nora Quill"


def test_white_house_style_speakers_from_a_title_with_debris():
    html = ("<p>MS. QUILL: Hi, everyone. The President lands in Dayton at noon.</p>"
            "<p>Q Will he meet the flood victims today?</p>"
            "<p>MS. QUILL: He will meet families at the shelter this afternoon.</p>"
            "<p>Q And the levee funding?</p>"
            "<p>MR. OSTROW: The funding was approved last week, as Coordinator Sam Ostrow announced.</p>")
    from briefdash.transcripts.segment import segment_text

    items = segment_text(html, title="Press Gaggle by Press Secretary Nora Quill En Route Dayton, Ohio",
                         style="white_house")
    assert {it.speaker for it in items} == {"Nora Quill", "Sam Ostrow"}


def test_publisher_by_site_and_feed_title():
    assert publisher_by_site("https://www.whitehouse.gov/briefing-room/2024/05/02/x/") == "The White House"
    assert publisher_by_site("https://bidenwhitehouse.archives.gov/briefing-room/") == "The White House"
    assert publisher_by_site("https://www.fmprc.gov.cn/eng/xw/") == "Ministry of Foreign Affairs of the PRC"
    assert publisher_by_site("https://www.state.gov/briefings/") == "U.S. Department of State"
    assert publisher_by_site("https://mid.ru/en/press_service/") == "Ministry of Foreign Affairs of the Russian Federation"
    assert publisher_by_site("https://www.mofa.go.jp/press/") == "Ministry of Foreign Affairs of Japan"
    assert publisher_by_site("https://www.mea.gov.in/media-briefings.htm") == "Ministry of External Affairs of India"
    assert publisher_by_site("https://press.un.org/en/") == "United Nations"
    assert publisher_by_site("https://notwhitehouse.gov.example/") is None
    assert publisher_by_site("/tmp/feed.xml") is None
    assert strip_feed_suffix("Example Office: Press Briefings (2024)") == "Example Office"
    assert strip_feed_suffix("Ministry of Foreign Affairs of Norvia: Regular Press Conferences (dev set, May 2024)") \
        == "Ministry of Foreign Affairs of Norvia"
    assert strip_feed_suffix("Norvia DFA — Department Press Briefings") == "Norvia DFA"
    assert strip_feed_suffix("Harbour Times") == "Harbour Times"
    assert strip_feed_suffix("Ministry of Foreign Affairs: Asia Desk") == "Ministry of Foreign Affairs: Asia Desk"
    assert publisher("Configured Ministry", ["https://www.state.gov/x"], "T") == "Configured Ministry"
    assert publisher(None, [None, "https://www.state.gov/x"], "Whatever: Press Briefings") == "U.S. Department of State"
    assert publisher(None, [None], "Example Office: Press Briefings (2024)") == "Example Office"


FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>{title}</title><link>{channel_link}</link>
<item><title>Regular Press Conference on May 2, 2024</title><link>{link}</link><guid>x1</guid>
<pubDate>Thu, 02 May 2024 15:00:00 +0800</pubDate>
<content:encoded><![CDATA[<p>Q: Will the ministry send observers to the vote?</p>
<p>A: We will send two observers at the invitation of the commission.</p>]]></content:encoded></item>
</channel></rss>"""


@pytest.mark.parametrize("title,channel_link,link,config_ministry,expected", [
    ("Ministry of Foreign Affairs of the PRC: Regular Press Conferences (archive)", "https://rsshub.example/mfa",
     "https://www.fmprc.gov.cn/eng/xw/202405/t20240502_1.html", None, "Ministry of Foreign Affairs of the PRC"),
    ("Press Briefings", "https://www.whitehouse.gov/briefing-room/", "https://example.test/p/1", None,
     "The White House"),
    ("Example Office: Press Briefings (2024)", "https://example.test/", "https://example.test/p/1", None,
     "Example Office"),
    ("Example Office: Press Briefings (2024)", "https://example.test/", "https://www.state.gov/p/1",
     "Office of the Spokesperson", "Office of the Spokesperson"),
])
def test_feed_ministry_is_the_publisher(title, channel_link, link, config_ministry, expected):
    xml = FEED.format(title=title, channel_link=channel_link, link=link).encode()
    parsed = parse_feed(xml, "/tmp/f.xml", FeedConfig(name="f.xml", url="/tmp/f.xml", ministry=config_ministry))
    entry = parsed.entries[0]
    assert entry.ministry == expected
    assert {it.ministry for it in segment_entry(entry)} == {expected}


@pytest.mark.parametrize("raw,clean", [
    ("Commerce Ana Lund", "Ana Lund"),
    ("Advisers Petra Ostrow", "Petra Ostrow"),
    ("I’m Sam Ostrow", "Sam Ostrow"),
    ("P.m. Edt Moderator", "Moderator"),
    ("Doctor Quill", "Dr. Quill"),
    ("Dr. QUILL", "Dr. Quill"),
    ("Senior Administration Official Two", "Senior Administration Official Two"),
])
def test_clean_speaker_role_words_and_capitals(raw, clean):
    assert clean_speaker(raw) == clean


def test_titled_surnames_and_typos_resolve_to_full_names():
    assert full_name("Secretary Lund", ["Call", "with the Secretary of Commerce Ana Lund, and"]) == "Ana Lund"
    assert full_name("Administrator Quill", ["Call", "Agency Administrator Nora Quill said"]) == "Nora Quill"
    title = "Press Briefing by Press Secretary Nora Quill and Security Advisor Sam Ostrow"
    assert full_name("Mr. Ostorw", [title, ""]) == "Sam Ostrow"
    # a misspelt surname is matched against the title only
    assert full_name("Mr. Ostorw", ["Press Gaggle", "MR. OSTROW: Thanks. As Advisor Sam Ostrow said"]) == "Mr. Ostorw"
    # a sentence start is not a first name; an introduction or a second mention is
    assert full_name("Ms. Quill", ["Gaggle", "Yesterday Nora Quill said so."]) == "Ms. Quill"
    assert full_name("Ms. Quill", ["Gaggle", "Hi, I'm Nora Quill. Thanks."]) == "Nora Quill"
    assert full_name("Ms. Quill", ["Gaggle", "Nora Quill spoke. Later Nora Quill left."]) == "Nora Quill"
    assert full_name("Mr. Zed", [title, ""]) == "Mr. Zed"


def test_white_house_text_that_looks_like_a_label_is_text():
    from briefdash.transcripts.segment import segment_text

    html = ("<p>MS. QUILL: Good afternoon.</p>"
            "<p>Q Two questions.</p>"
            "<p>First, on the harbour DEAL: when does the dredging start, and who pays for it?</p>"
            "<p>MS. QUILL: On Norvia: the dredging starts in May and the state pays half of it.</p>"
            "<p>4:05 P.M. EDT MODERATOR: Next question.</p>"
            "<p>Q Will the governor attend the signing on Friday?</p>"
            "<p>Dr. OSTROW: She will attend the signing with the mayors on Friday.</p>")
    items = segment_text(html, title="Press Briefing by Press Secretary Nora Quill, May 2, 2024",
                         style="white_house")
    qa = [it for it in items if it.kind == "qa"]
    assert "First, on the harbour DEAL:" in qa[0].question
    assert qa[0].answer.startswith("On Norvia: the dredging")
    assert {it.speaker for it in qa} == {"Nora Quill", "Dr. Ostrow"}


@pytest.mark.parametrize("raw,clean", [
    ("On Norvia; Nora Quill", "Nora Quill"),
    ("Also, on the harbour", None),
    ("So, Harbourbank; Nora Quill", "Nora Quill"),
    ("毛宁", "毛宁"),
    ("Ostrowa", "Ostrowa"),
])
def test_text_read_as_a_label_is_not_a_speaker(raw, clean):
    assert clean_speaker(raw) == clean


def test_capital_labels_keep_acronyms_and_lower_their_joiners():
    from briefdash.transcripts.base import default_speaker_name

    assert default_speaker_name("MEMBERS OF BTS") == "Members of BTS"
    assert default_speaker_name("RM") == "RM"
    assert default_speaker_name("THE PRESIDENT") == "The President"
    assert default_speaker_name("MR. MCDONOUGH") == "Mr. McDonough"
    assert default_speaker_name("DR. JHA") == "Dr. Jha"


def test_a_cleaned_name_keeps_an_acronym():
    from briefdash.transcripts.names import clean_speaker

    assert clean_speaker("Members of BTS; RM") == "Members of BTS; RM"
    assert clean_speaker("Dr. WALENSKY") == "Dr. Walensky"
