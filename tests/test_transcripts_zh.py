"""China MFA transcripts in every layout, Chinese and English, on fixtures written for these tests
(fictional countries, places and events)."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from briefdash.transcripts.clean import html_to_paragraphs
from briefdash.transcripts.segment import detect_style, segment_text

TITLE_2020 = "2020年7月2日外交部发言人华春莹主持例行记者会"
TITLE_2018 = "2018年3月6日外交部发言人耿爽主持例行记者会"
TITLE_EN_2020 = "Foreign Ministry Spokesperson Hua Chunying's Regular Press Conference on July 2, 2020"
TITLE_EN_2018 = "Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on March 6, 2018"


def seg(html: str, title: str = TITLE_2020):
    return segment_text(html, title=title)


def exchanges(items):
    return [it for it in items if it.kind in ("qa", "procedural")]


def p(*paras: str) -> str:
    return "".join(f"<p>\u3000\u3000{x}</p>\n" for x in paras)


# --- the labelled layout since 2020 --------------------------------------------------------------

LAYOUT_2020 = p(
    "应白帆国外长邀请，国务委员将于7月6日至8日访问白帆国。",
    "双方将就双边关系和共同关心的问题交换意见。",
    "<b>总台央视记者：</b>据报道，青石国昨天宣布启动一座新港口。中方对此有何评论？",
    "<b>华春莹：</b>我们注意到有关报道。中方支持各国开展互利合作。",
    "<b>法新社记者：</b>第一，中方是否已同对方沟通？第二，双方何时举行会谈？",
    "<b>华春莹：</b>关于第一个问题，双方保持着沟通。",
    "关于第二个问题，请你保持关注。",
    "<b>追问：</b>中方能否透露会谈的更多细节？",
    "<b>华春莹：</b>目前我没有更多信息可以提供。",
    "<b>《环球时报》记者：</b>有评论称某机构的年度报告有失公允。你对此有何回应？",
    "<b>华春莹：</b>这份报告罔顾事实，我们坚决反对。",
    "<b>记者：</b>还有一个问题，中方对明天的论坛有何期待？",
    "<b>华春莹：</b>我们期待论坛取得积极成果。",
    "会后有记者问及：据报道，银湾发生地震。是否有中国公民伤亡？",
    "华春莹：中国驻当地使馆正在核实情况。",
    "会后，有记者问及：青石国领导人将访华的消息是否属实？",
    "华春莹：我们会适时发布消息。",
)


def test_2020_layout_every_exchange_with_its_outlet_and_a_clean_speaker():
    items = seg(LAYOUT_2020)
    assert detect_style(html_to_paragraphs(LAYOUT_2020), TITLE_2020) == "china_mfa_zh"
    qa = exchanges(items)
    assert [it.asker for it in qa] == ["总台央视", "法新社", "法新社", "环球时报", None, None, None]
    assert all(it.speaker == "华春莹" for it in items)
    assert qa[1].answer.endswith("请你保持关注。")  # the unlabelled paragraph continues the answer
    assert all(it.date == date(2020, 7, 2) for it in items)


def test_2020_layout_follow_up_is_its_own_exchange_asked_by_the_previous_outlet():
    qa = exchanges(seg(LAYOUT_2020))
    follow = qa[2]
    assert follow.question == "中方能否透露会谈的更多细节？"
    assert follow.answer == "目前我没有更多信息可以提供。"
    assert follow.asker == "法新社"
    assert follow.follows == qa[1].index
    assert "追问" not in qa[1].answer + follow.question


def test_2020_layout_after_briefing_questions_are_each_their_own_exchange():
    items = seg(LAYOUT_2020)
    after = [it for it in items if "银湾" in it.question or "访华的消息" in it.question]
    assert [it.question for it in after] == ["据报道，银湾发生地震。是否有中国公民伤亡？", "青石国领导人将访华的消息是否属实？"]
    assert [it.answer for it in after] == ["中国驻当地使馆正在核实情况。", "我们会适时发布消息。"]
    assert all(it.speaker == "华春莹" and it.asker is None and it.follows is None for it in after)
    # nothing glued onto the answer before them
    forum = next(it for it in items if "论坛有何期待" in it.question)
    assert forum.answer == "我们期待论坛取得积极成果。"


def test_2020_layout_bare_reporter_label_opens_a_new_exchange_without_an_asker():
    items = seg(LAYOUT_2020)
    forum = next(it for it in items if "论坛有何期待" in it.question)
    assert forum.kind == "qa" and forum.asker is None and forum.follows is None


def test_opening_announcements_before_the_first_question_are_statements():
    items = seg(LAYOUT_2020)
    assert items[0].kind == "statement"
    assert items[0].answer.startswith("应白帆国外长邀请") and items[0].answer.endswith("交换意见。")
    assert items[0].speaker == "华春莹"
    assert sum(it.kind == "statement" for it in items) == 1


# --- the 问/答 layout before 2020 ----------------------------------------------------------------

LAYOUT_2018 = p(
    "一、应红岩国总统邀请，国家副主席将出席红岩国总统就职仪式。",
    "红岩国是中国在南方大陆的重要合作伙伴。",
    "二、经中方和蓝湖国商定，两国外交部将于下周举行第五轮战略对话。",
    "问：据报道，蓝湖国议会通过了一项涉华议案。中方对此有何回应？",
    "答：我们注意到有关报道。中方坚决反对。",
    "我们敦促蓝湖国停止干涉中国内政。",
    "追问：中方是否已提出交涉？",
    "中方已经通过外交渠道提出严正交涉。",
    "问：有消息称两国将签署渔业协定，你能否证实？",
    "答：这个问题我需要核实一下。你看到相关报道了吗？",
    "记者：我看到有报道这样说。",
    "答：如果有消息，我们会及时发布。",
    "问：第二轮磋商何时举行？",
    "答：你指的是渔业磋商吗？",
    "记者澄清：是的。",
    "答：双方正在商定具体时间。这里我要指出：第一，磋商一直在进行；第二，双方都有诚意。",
    "问：今年是两国建交周年，中方将举办哪些活动？",
    "答：我们将举办一系列纪念活动。",
    "********",
    "根据春节放假安排，下周例行记者会暂停一次。",
    "祝大家节日快乐！",
)


def test_question_answer_layout_counts_each_exchange_once():
    items = seg(LAYOUT_2018, TITLE_2018)
    assert detect_style(html_to_paragraphs(LAYOUT_2018), TITLE_2018) == "china_mfa_zh"
    qa = exchanges(items)
    assert len(qa) == 5
    assert all(it.speaker == "耿爽" for it in items)
    assert all(it.date == date(2018, 3, 6) for it in items)
    assert qa[0].answer.endswith("停止干涉中国内政。")


def test_numbered_announcements_are_one_statement_each():
    statements = [it for it in seg(LAYOUT_2018, TITLE_2018) if it.kind == "statement"]
    assert statements[0].answer.startswith("一、应红岩国") and statements[0].answer.endswith("合作伙伴。")
    assert statements[1].answer.startswith("二、经中方和蓝湖国商定")


def test_follow_up_answered_without_an_answer_label():
    qa = exchanges(seg(LAYOUT_2018, TITLE_2018))
    assert qa[1].question == "中方是否已提出交涉？"
    assert qa[1].answer == "中方已经通过外交渠道提出严正交涉。"
    assert qa[1].follows == qa[0].index and qa[1].speaker == "耿爽"


def test_reporter_answering_the_spokespersons_question_stays_in_the_exchange():
    qa = exchanges(seg(LAYOUT_2018, TITLE_2018))
    fishery = qa[2]
    assert "我看到有报道这样说。" in fishery.question
    assert fishery.answer.endswith("我们会及时发布。")
    rounds = qa[3]
    assert "是的。" in rounds.question
    assert rounds.speaker == "耿爽"  # not "记者澄清", nor a clause ending in a colon
    assert "这里我要指出：第一" in rounds.answer


def test_closing_notices_after_the_asterisks_are_a_statement_not_part_of_the_last_answer():
    items = seg(LAYOUT_2018, TITLE_2018)
    assert items[-2].kind == "qa" and items[-2].answer == "我们将举办一系列纪念活动。"
    assert items[-1].kind == "statement"
    assert items[-1].answer.startswith("根据春节放假安排") and items[-1].speaker == "耿爽"


# --- labels the page split ---------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "<p><b>新华</b><b>社记者</b><b>：</b><span>据报道，</span><span>绿洲国</span>"
    "<span>将举行</span><b>大选</b><span>。中方有何期待？</span></p>",
    "<p>新华社记者<br>：据报道，绿洲国将举行大选。中方有何期待？</p>",
    "<p>新华社记者</p><p>：据报道，绿洲国将举行大选。中方有何期待？</p>",
    "<p>新华社记者：</p><p>据报道，绿洲国将举行大选。中方有何期待？</p>",
    "<p>新华社记者 ：据报道，绿洲国将举行大选。中方有何期待？</p>",
    "<p>新华社记者:据报道，绿洲国将举行大选。中方有何期待？</p>",
], ids=["inline-elements", "line-break", "two-paragraphs", "label-alone", "space-before-colon", "half-width"])
@pytest.mark.parametrize("answer", [
    "<p><span>华</span><span>春莹</span>：<span>我们希望选举顺利进行。</span></p>",
    "<p>华春莹：<br>我们希望选举顺利进行。</p>",
    "<p>华春莹</p><p>：我们希望选举顺利进行。</p>",
    "<p>华春莹:</p><p>我们希望选举顺利进行。</p>",
], ids=["inline-elements", "line-break", "two-paragraphs", "half-width-label-alone"])
def test_labels_split_across_inline_elements_lines_and_paragraphs(question, answer):
    items = seg(question + answer)
    assert len(items) == 1
    it = items[0]
    assert (it.kind, it.asker, it.speaker) == ("qa", "新华社", "华春莹")
    assert it.question == "据报道，绿洲国将举行大选。中方有何期待？"
    assert it.answer == "我们希望选举顺利进行。"


def test_half_width_colons_in_the_question_answer_layout():
    html = p("问:据报道，白帆国更换了外长。中方有何评论？", "答:中方愿同新外长保持沟通。",
             "追问: 中方会发贺电吗？", "答: 请你保持关注。")
    qa = exchanges(seg(html, TITLE_2018))
    assert [(it.question, it.answer, it.speaker) for it in qa] == [
        ("据报道，白帆国更换了外长。中方有何评论？", "中方愿同新外长保持沟通。", "耿爽"),
        ("中方会发贺电吗？", "请你保持关注。", "耿爽"),
    ]
    assert qa[1].follows == qa[0].index


def test_announcement_without_labels_is_not_dropped_as_a_heading():
    html = p("应绿洲国邀请，外长将访问绿洲国。", "问：此访有何期待？", "答：我们期待此访取得成功。")
    items = seg(html, TITLE_2018)
    assert [it.kind for it in items] == ["statement", "qa"]
    assert items[0].answer == "应绿洲国邀请，外长将访问绿洲国。"


# --- English editions ----------------------------------------------------------------------------

EN_2018 = p(
    "At the invitation of President Amal of Redrock, Vice President Han will attend the inauguration.",
    "Redrock is an important partner of China in the southern region.",
    "At the invitation of Foreign Minister Tove of Bluelake, the two ministries will hold talks.",
    "Q: The Bluelake parliament passed a bill on China. What is your response?",
    "A: We have noted the reports. China firmly opposes it.",
    "We urge Bluelake to stop interfering in China's internal affairs.",
    "Follow-up: Has China lodged representations?",
    "A: China has done so through diplomatic channels.",
    "Q: Reports say the two countries will sign a fishery accord. Can you confirm?",
    "A: Is this information accurate?",
    "Journalist: Some reports said so.",
    "A: We will release information in due course.",
    "Q: When will the next round be held?",
    "A: The two sides are in touch.",
)


def test_english_question_answer_layout_with_unlabelled_continuations():
    items = seg(EN_2018, TITLE_EN_2018)
    assert detect_style(html_to_paragraphs(EN_2018), TITLE_EN_2018) == "china_mfa_old"
    assert [it.kind for it in items] == ["statement", "statement", "qa", "qa", "qa", "qa"]
    assert items[0].answer.endswith("southern region.")
    assert all(it.speaker == "Geng Shuang" for it in items)
    assert items[2].answer.endswith("internal affairs.")
    assert items[3].question == "Has China lodged representations?" and items[3].follows == 2
    assert "Some reports said so." in items[4].question
    assert items[4].answer.endswith("in due course.")
    assert all(it.date == date(2018, 3, 6) for it in items)


EN_2020 = p(
    "At the invitation of Foreign Minister Tove of Bluelake, State Councilor Wang will visit Bluelake.",
    "Xinhua News Agency: Redrock announced a new port project yesterday. What is your comment?",
    "Hua Chunying: We have noted the reports. China supports mutually beneficial cooperation.",
    "AFP: Has China been in touch with Redrock on this?",
    "Hua Chunying: The two sides are in close communication.",
    "We hope the project goes well.",
    "Follow-up: Will there be a meeting?",
    "Hua Chunying: Please stay tuned.",
    "The following question was raised after the press conference:",
    "Bloomberg: Is it true that Redrock's leader will visit China?",
    "Hua Chunying: We will release information in due course.",
)


def test_english_labelled_layout_since_2020():
    items = seg(EN_2020, TITLE_EN_2020)
    assert detect_style(html_to_paragraphs(EN_2020), TITLE_EN_2020) == "china_mfa"
    qa = exchanges(items)
    assert [it.asker for it in qa] == ["Xinhua News Agency", "AFP", "AFP", "Bloomberg"]
    assert all(it.speaker == "Hua Chunying" for it in items)
    assert qa[1].answer.endswith("We hope the project goes well.")
    assert qa[2].follows == qa[1].index
    assert "raised after" not in " ".join(it.question + it.answer for it in items)
    assert items[0].kind == "statement"


def test_plain_text_with_one_line_per_label():
    text = ("2020年7月2日外交部发言人华春莹主持例行记者会\n\n"
            "总台CGTN记者：白帆国宣布新的签证政策。中方如何看待？\n"
            "华春莹：我们欢迎一切便利人员往来的举措。\n"
            "《环球时报》记者\n：青石国议员发表涉华言论。你有何回应？\n"
            "华春莹：这种言论毫无根据。\n"
            "会后，有记者问及：中方是否会派团出席银湾论坛？\n"
            "华春莹：我们会适时发布消息。\n")
    items = seg(text)
    assert [(it.asker, it.speaker) for it in items] == [
        ("总台CGTN", "华春莹"), ("环球时报", "华春莹"), (None, "华春莹")]
    assert [it.answer for it in items] == ["我们欢迎一切便利人员往来的举措。", "这种言论毫无根据。", "我们会适时发布消息。"]


def test_english_after_briefing_questions_as_q_and_a():
    html = p(
        "CGTN: How do you see the new shipping route?",
        "Hua Chunying: It will benefit trade in the region.",
        "The following question was raised after the press conference:",
        "Q: Will China send observers to the Redrock election?",
        "A: China respects Redrock's choice. We will release information in due course.",
    )
    items = seg(html, TITLE_EN_2020)
    assert [(it.kind, it.asker, it.speaker) for it in items] == [
        ("qa", "CGTN", "Hua Chunying"), ("qa", None, "Hua Chunying")]
    assert items[0].answer == "It will benefit trade in the region."
    assert items[1].question == "Will China send observers to the Redrock election?"


def test_a_rhetorical_question_closing_a_long_answer_does_not_swallow_the_next_question():
    html = p(
        "路透社记者：青石国指责中方在银湾的渔业活动。你有何回应？",
        "华春莹：中方渔船一直依法依规作业，同当地保持着良好合作，相关指责毫无事实依据。"
        "青石国自己长期在该海域过度捕捞，却反过来指责别人，这难道不是典型的双重标准吗？",
        "记者：下周的区域论坛中方将派谁出席？",
        "华春莹：我们会适时发布消息。",
    )
    items = seg(html)
    assert [it.question for it in items] == ["青石国指责中方在银湾的渔业活动。你有何回应？", "下周的区域论坛中方将派谁出席？"]
    assert items[1].answer == "我们会适时发布消息。"


def test_the_title_date_wins_over_the_feed_timestamp():
    items = segment_text(LAYOUT_2020, title=TITLE_2020, published=datetime(2020, 7, 3, 1, 30, tzinfo=UTC))
    assert {it.date for it in items} == {date(2020, 7, 2)}


def test_a_schedule_notice_after_the_last_answer_is_a_closing_statement():
    html = p("问：中方对峰会有何期待？", "答：我们期待峰会取得成功。",
             "因工作安排原因，下周一外交部例行记者会推迟至16:00举行，地点不变。")
    items = seg(html, TITLE_2018)
    assert [(it.kind, it.answer) for it in items] == [
        ("qa", "我们期待峰会取得成功。"),
        ("statement", "因工作安排原因，下周一外交部例行记者会推迟至16:00举行，地点不变。"),
    ]


def test_english_2020_labels_glued_to_their_text_parse():
    html = p(
        "At the invitation of Foreign Minister Tove of Bluelake, State Councilor Wang will visit Bluelake.",
        "Reuters:Will the visit cover the port project?",
        "Hua Chunying:The two sides will discuss issues of mutual interest.",
    )
    items = seg(html, TITLE_EN_2020)
    assert [it.kind for it in items] == ["statement", "qa"]
    assert (items[1].asker, items[1].speaker) == ("Reuters", "Hua Chunying")
    assert items[1].answer == "The two sides will discuss issues of mutual interest."


def test_a_follow_up_naming_another_outlet_is_asked_by_that_outlet():
    html = p("彭博社记者：青石国港口项目何时开工？", "华春莹：请向主管部门询问。",
             "法新社记者追问：中方企业是否参与该项目？", "华春莹：我不掌握具体情况。",
             "追问：中方会派人考察吗？", "华春莹：目前没有这方面的消息。")
    items = seg(html)
    assert [(it.asker, it.follows) for it in items] == [("彭博社", None), ("法新社", 0), ("法新社", 1)]
