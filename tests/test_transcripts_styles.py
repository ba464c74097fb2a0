"""Every transcript style, on fixtures written for briefdash (fictional names and events)."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from briefdash.models import Entry
from briefdash.transcripts.clean import html_to_paragraphs
from briefdash.transcripts.segment import STYLE_NAMES, detect_style, segment_entry

FIX = Path(__file__).parent / "fixtures" / "transcripts"

TITLES = {
    "china_mfa": "Foreign Ministry Spokesperson Mao Ning’s Regular Press Conference on July 28, 2026",
    "china_mfa_old": "Foreign Ministry Spokesperson Lu Kang's Regular Press Conference on March 5, 2019",
    "china_mfa_zh": "2026年7月28日外交部发言人毛宁主持例行记者会",
    "state_dept": "Department Press Briefing – July 28, 2026",
    "white_house": "Press Briefing by Press Secretary Karine Jean-Pierre, July 28, 2026",
    "un_noon": "Noon briefing by Stéphane Dujarric, Spokesperson for the Secretary-General, 28 July 2026",
    "russia_mfa": "Briefing by Foreign Ministry Spokeswoman Maria Zakharova, Moscow, July 28, 2026",
    "japan_mofa": "Press Conference by Press Secretary ONO Hikariko (July 29, 2026)",
    "india_mea": "Transcript of Weekly Media Briefing by the Official Spokesperson (July 28, 2026)",
    "generic": "Press briefing, 28 July 2026",
}


def load(name: str) -> str:
    path = next(FIX.glob(f"{name}.*"))
    return path.read_text(encoding="utf-8")


def entry(name: str, *, style: str | None = None, published: datetime | None = None, ministry=None) -> Entry:
    return Entry(
        key=name, title=TITLES[name], link=f"https://example.org/{name}", published=published,
        content=load(name), style=style, ministry=ministry,
    )


def check(items, expected):
    """expected: list of (kind, asker, speaker, q_first, q_last, a_first, a_last, follows)."""
    assert [it.index for it in items] == list(range(len(items)))
    assert len(items) == len(expected), [(it.kind, it.question[:30], it.answer[:30]) for it in items]
    for it, (kind, asker, speaker, qf, ql, af, al, follows) in zip(items, expected, strict=True):
        assert it.kind == kind
        assert it.asker == asker
        assert it.speaker == speaker
        if kind == "statement":
            assert it.question == ""
        else:
            assert it.question.startswith(qf), it.question
            assert it.question.endswith(ql), it.question
        assert it.answer.startswith(af), it.answer
        assert it.answer.endswith(al), it.answer
        assert it.follows == follows
        assert it.position == "" or it.position in it.answer


@pytest.mark.parametrize("name", sorted(TITLES))
def test_style_is_detected_without_a_hint(name):
    paras = html_to_paragraphs(load(name))
    assert detect_style(paras, TITLES[name]) == name


@pytest.mark.parametrize("name", sorted(TITLES))
def test_hint_and_detection_agree(name):
    assert [vars(i) for i in segment_entry(entry(name))] == [vars(i) for i in segment_entry(entry(name, style=name))]


def test_style_names():
    assert set(STYLE_NAMES) == {
        "china_mfa", "china_mfa_old", "china_mfa_zh", "state_dept", "white_house", "un_noon",
        "russia_mfa", "japan_mofa", "india_mea", "generic", "report",
    }


def test_china_mfa():
    items = segment_entry(entry("china_mfa", ministry="Ministry of Foreign Affairs of China"))
    S = "Mao Ning"
    check(items, [
        ("statement", None, S, "", "", "At the invitation of the Government of Veloria", "August 2 to 5.", None),
        ("statement", None, S, "", "", "At the invitation of Foreign Minister Ostrava", "on August 9.", None),
        ("qa", "Reuters", S, "The Calderon navy said", "What is China’s response?", "China firmly opposes", "under the 1998 accord.", None),
        ("qa", "Reuters", S, "Will China send ships?", "send ships?", "I’d refer you", "competent authorities.", 2),
        ("qa", "CCTV", S, "The second Harbour Forum", "its outcome?", "We welcome the outcome", "open and safe.", None),
        ("qa", "The Paper", S, "It is reported", "any comment?", "I am not aware", "benefit everyone.", None),
        ("qa", "AFP", S, "A question on the grain deal.", "increase purchases?", "China is committed", "supply chains.", None),
    ])
    assert items[2].position.startswith("China firmly opposes any provocative military activity")
    assert items[3].position == ""  # pure deflection
    assert items[4].notes == ["(Similar question from Global Times)"]
    assert items[5].position == "Our position on trade is consistent: open markets benefit everyone."
    assert all(it.date == date(2026, 7, 28) for it in items)  # from the title: no published date
    assert all(it.ministry == "Ministry of Foreign Affairs of China" for it in items)
    text = " ".join(it.question + it.answer for it in items)
    for junk in ("Links", "Copyright", "concluded", "15:00", "Similar question", "Good afternoon"):
        assert junk not in text


def test_china_mfa_old():
    items = segment_entry(entry("china_mfa_old"))
    S = "Lu Kang"
    check(items, [
        ("statement", None, S, "", "", "At the invitation of the Government of Veloria", "on March 9.", None),
        ("qa", None, S, "The Calderon parliament", "your comment?", "China firmly rejects", "countries concerned.", None),
        ("qa", None, S, "And will China send an envoy?", "envoy?", "I have no information", "at the moment.", 1),
        ("qa", None, S, "Some analysts predict", "Can you confirm?", "The two teams", "meet each other halfway.", None),
    ])
    assert items[0].date == date(2019, 3, 5)


def test_china_mfa_zh():
    items = segment_entry(entry("china_mfa_zh"))
    S = "毛宁"
    check(items, [
        ("statement", None, S, "", "", "应维洛里亚政府邀请", "正式访问。", None),
        ("qa", "路透社", S, "卡尔德龙海军", "有何回应？", "中方坚决反对", "的行为。", None),
        ("qa", "路透社", S, "中方会派船只吗", "吗？", "请你向主管部门", "询问。", 1),
        ("qa", None, S, "港口论坛", "如何评价？", "我们欢迎", "安全畅通。", None),
    ])
    assert items[1].position == "中方坚决反对在琥珀礁附近的任何挑衅性军事活动。我们敦促有关方面停止破坏地区稳定的行为。"
    assert items[2].notes == ["（同类问题：环球时报记者）"]
    assert "结束" not in items[3].answer


def test_state_dept():
    items = segment_entry(entry("state_dept"))
    check(items, [
        ("statement", None, "Mr Price", "", "", "The United States welcomes", "terms in full.", None),
        ("qa", None, "Mr Price", "Thank you, Ned.", "monitor it?", "That is a question", "monitoring mission.", None),
        ("qa", None, "Mr Price", "And the sanctions?", "sanctions?", "They remain in place.", "in place.", 1),
        ("qa", "Jane Holt, Harbour Radio", "Ms Bruce; Mr Price", "On the grain corridor", "new inspections?", "We are concerned.", "partners on it.", None),
    ])
    assert items[0].position == "We urge both parties to respect its terms in full."


def test_white_house():
    items = segment_entry(entry("white_house", published=datetime(2026, 7, 28, 20, 0)))
    K = "Karine Jean-Pierre"
    check(items, [
        ("statement", None, K, "", "", "Today the President signed", "last year’s investment.", None),
        ("statement", None, K, "", "", "Also, tomorrow the President", "battery plant.", None),
        ("qa", None, K, "Thanks, Karine.", "going to intervene?", "We urge both sides", "deal is possible.", None),
        ("qa", None, K, "And on timing?", "timing?", "I’m not going to get ahead", "of the talks.", 2),
        ("qa", None, "Mr. Kirby", "John, on the naval exercise", "message to Calderon?", "The United States is committed", "law allows.", None),
        ("procedural", None, K, "(Inaudible.)", "(Inaudible.)", "Go ahead, Mary.", "Go ahead, Mary.", None),
        ("qa", None, K, "On student loans:", "applications open?", "Applications open next month.", "Thanks, everybody.", None),
    ])
    assert all("\u00a0" not in it.question + it.answer for it in items)
    assert all("EDT" not in it.answer and "END" not in it.answer for it in items)
    assert items[3].position == ""


def test_un_noon():
    items = segment_entry(entry("un_noon"))
    S = "Stéphane Dujarric"
    check(items, [
        ("statement", None, S, "", "", "The Secretary-General welcomes the ceasefire", "border region yesterday.", None),
        ("statement", None, S, "", "", "The Deputy Secretary-General will open", "on Monday.", None),
        ("qa", None, S, "Thanks, Steph.", "either leader?", "He spoke to both leaders", "regional organization.", None),
        ("qa", None, S, "A follow-up:", "send monitors?", "That would require", "Security Council.", 2),
        ("qa", None, S, "On the climate summit", "who will attend?", "Over 30 ministers", "when we have it.", None),
    ])
    assert items[0].notes == ["Veloria"] and items[1].notes == ["Climate Summit"]
    assert "official record" not in items[-1].answer


def test_russia_mfa():
    items = segment_entry(entry("russia_mfa"))
    S = "Maria Zakharova"
    check(items, [
        ("statement", None, S, "", "", "On August 3, the Foreign Minister", "regional security.", None),
        ("statement", None, S, "", "", "We are following the developments", "exercise restraint.", None),
        ("qa", None, S, "How does Moscow assess", "sanctions package?", "We categorically reject", "protects our interests.", None),
        ("qa", None, S, "Follow-up on that:", "response come?", "You will see.", "You will see.", 2),
        ("qa", None, S, "Is a visit by the Secretary-General", "planned?", "No such contacts", "for now.", None),
    ])
    assert items[1].notes == ["On the situation around the Amber Shoal"]
    assert items[1].position == "We call on all sides to exercise restraint."


def test_japan_mofa():
    items = segment_entry(entry("japan_mofa"))
    S = "Ono Hikariko"
    check(items, [
        ("statement", None, S, "", "", "Foreign Minister Kato will visit", "the Harbour Forum.", None),
        ("qa", "NHK", S, "The Calderon navy", "Japan's view?", "Japan strongly opposes", "the situation.", None),
        ("qa", None, S, "A question on whaling.", "commission meeting?", "Japan will attend.", "remains unchanged.", None),
        ("qa", "Kyodo News", S, "And on the grain corridor?", "corridor?", "I would refer you", "Ministry of Agriculture.", None),
    ])
    assert items[0].date == date(2026, 7, 29)
    assert items[2].position == "Our position on sustainable use remains unchanged."
    assert items[3].position == ""


def test_india_mea():
    items = segment_entry(entry("india_mea"))
    S = "Arun Verma"
    check(items, [
        ("statement", None, S, "", "", "The External Affairs Minister", "Joint Commission meeting.", None),
        ("statement", None, S, "", "", "Also, India will host", "next month.", None),
        ("qa", "Meera Nair, Harbour Times; Vikram Rao, Delhi Daily", S, "Sir, Meera Nair", "Calderon counterpart?",
         "Let me take these together.", "finalised yet.", None),
        ("qa", "Sana Iqbal, Coast News", S, "On the grain export curbs", "be lifted?", "The decision was taken", "situation evolves.", None),
    ])
    assert items[2].position == "The talks are continuing and we remain committed to a peaceful resolution."
    assert "Concludes" not in items[-1].answer and "Thank you all" not in items[-1].answer


def test_generic_plain_text_with_odd_whitespace():
    items = segment_entry(entry("generic"))
    S = "Dara Lind"
    check(items, [
        ("statement", None, S, "", "", "The Minister will travel", "harbour talks.", None),
        ("qa", None, S, "Will the harbour agreement", "the visit?", "We hope so.", "both ports.", None),
        ("qa", None, S, "And the fishing quotas?", "quotas?", "Those are still", "under negotiation.", 1),
    ])
    assert all("Copyright" not in it.answer and "00:14" not in it.answer for it in items)


def test_empty_and_label_free_content():
    assert segment_entry(Entry(key="x", title="t", link=None, published=None, content="")) == []
    assert segment_entry(Entry(key="x", title="t", link=None, published=None, content="<p> &nbsp; </p>")) == []


def test_outlet_labels_with_unknown_spokesperson_name():
    html = (
        "<p>Tessa Vel: Good afternoon. The Foreign Minister will visit Calderon on Monday.</p>"
        "<p>Harbour Radio: What will be discussed?</p><p>Tessa Vel: Trade and fisheries.</p>"
        "<p>Amsel Daily: Is a treaty planned?</p><p>Tessa Vel: Veloria supports a treaty.</p>"
    )
    items = segment_entry(Entry(key="k", title="Regular Press Conference", link=None, published=None,
                                content=html, style="china_mfa"))
    assert [(i.kind, i.asker, i.speaker) for i in items] == [
        ("statement", None, "Tessa Vel"), ("qa", "Harbour Radio", "Tessa Vel"), ("qa", "Amsel Daily", "Tessa Vel"),
    ]


def test_mfa_question_whose_outlet_was_lost_is_still_a_question():
    from briefdash.transcripts.segment import segment_text

    html = ("<p>: The Velmora coast guard began patrols near the Orvan shoal. Your comment?</p>"
            "<p>Guo Jiakun: The Orvan shoal is our territory and the patrols are lawful.</p>"
            "<p>Reuters: Will the foreign minister visit Tessaly next week?</p>"
            "<p>Guo Jiakun: We will release information in due course.</p>")
    items = segment_text(html, title="Foreign Ministry Spokesperson Guo Jiakun's Regular Press "
                                     "Conference on June 25, 2026")
    assert [it.kind for it in items] == ["qa", "qa"]
    assert items[0].question.startswith("The Velmora coast guard")
    assert items[0].answer.startswith("The Orvan shoal")
    assert items[0].speaker == "Guo Jiakun"
