"""One ministry in two languages: spokespersons and ministries named once, the Chinese and the
English edition of one conference linked statement by statement (`l` in the dashboard, `export
--with-translation`). The conferences below are written for these tests."""
from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest

from briefdash.cli import main as cli_main
from briefdash.library import Library, ingest
from briefdash.models import QAItem
from briefdash.topics.editions import Anchors, align, link_all
from briefdash.transcripts.spokespersons import Identities
from helpers_tui import SIZE, main, make_app, settle

MFA = "Ministry of Foreign Affairs of the PRC"

# A Chinese edition with four exchanges; the English edition leaves the third one out.
ZH_BODY = [
    "问：据报道，伊朗外长将于3月5日访华。你能否证实？",
    "答：我们欢迎伊朗外长访华。双方将就双边关系和共同关心的问题交换意见。",
    "问：日本首相称将于4月访问东盟国家。中方对此有何评论？",
    "答：我们注意到有关报道。中方一贯支持地区国家开展友好交往。",
    "问：有报道称，一艘中国渔船在南太平洋遇险。你能否介绍有关情况？",
    "答：中国驻当地使馆正在核实有关情况，将全力协助救援。",
    "问：关于即将举行的APEC会议，中方有何期待？",
    "答：中方期待APEC会议取得积极成果，为亚太地区的发展注入动力。",
]
EN_BODY = [
    "Q: It is reported that the Iranian Foreign Minister will visit China on March 5. Can you confirm that?",
    "A: We welcome the Iranian Foreign Minister's visit. The two sides will exchange views on bilateral ties.",
    "Q: The Japanese Prime Minister said he would visit ASEAN countries in April. What is your comment?",
    "A: We have noted the reports. China always supports friendly exchanges among countries in the region.",
    "Q: What are China's expectations for the upcoming APEC meeting?",
    "A: China hopes that the APEC meeting will achieve positive results for the Asia-Pacific.",
]


def _rss(title: str, items: list[tuple[str, str, str, str, list[str]]]) -> str:
    """RSS 2.0: items are (guid, title, link, pubDate, paragraphs)."""
    out = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
           f"<title>{escape(title)}</title><link>https://feeds.example/</link>"
           "<description>test</description>"]
    for guid, t, link, pub, paragraphs in items:
        html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        out.append(f"<item><guid>{escape(guid)}</guid><title>{escape(t)}</title>"
                   f"<link>{escape(link)}</link><pubDate>{pub}</pubDate>"
                   f"<description>{escape(html)}</description></item>")
    out.append("</channel></rss>")
    return "".join(out)


def write_editions(tmp_path, *, zh_speaker="华春莹", en_speaker="Hua Chunying", zh_link=None):
    """The two feeds: the Chinese edition (a site the ministry table does not know, so its
    ministry comes from the feed title) and the English edition (on fmprc.gov.cn)."""
    zh = tmp_path / "zh.xml"
    en = tmp_path / "en.xml"
    zh.write_text(_rss("外交部发言人答记者问", [
        ("zh-0302", f"2026年3月2日外交部发言人{zh_speaker}主持例行记者会",
         zh_link or "https://mirror.example/zh/0302.html", "Mon, 02 Mar 2026 08:00:00 +0000", ZH_BODY)]),
        encoding="utf-8")
    en.write_text(_rss("Foreign Ministry Spokesperson's Regular Press Conference", [
        ("en-0302", f"Foreign Ministry Spokesperson {en_speaker}'s Regular Press Conference on "
                    "March 2, 2026", "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/0302.html",
         "Mon, 02 Mar 2026 10:00:00 +0000", EN_BODY)]), encoding="utf-8")
    return zh, en


@pytest.fixture
def bilingual(tmp_path):
    """A library holding both editions, ingested one after the other (as a user would)."""
    zh, en = write_editions(tmp_path)
    data = tmp_path / "lib"
    lib = Library.open(str(data))
    ingest(lib, [str(zh)])
    ingest(lib, [str(en)])
    lib.close()
    return data


def _editions(store):
    items = [it for it in store.items_in_order() if it.kind == "qa"]
    zh = [it for it in items if "记者会" in it.entry_title]
    en = [it for it in items if "Press Conference" in it.entry_title]
    return zh, en


# ---- one person, one ministry ----------------------------------------------------------------
def test_identities_map_either_script_to_one_name():
    ids = Identities({"张三": "Zhang San"})
    assert ids.person("华春莹") == ids.person("Hua Chunying") == ids.person("hua  chunying") == "Hua Chunying"
    assert ids.person("张三") == "Zhang San"
    assert ids.person("耿爽; 陆慷") == "Geng Shuang; Lu Kang"
    assert ids.person("Mei Tassen") == "Mei Tassen"  # unknown names stay as they are
    assert ids.ministry("外交部") == ids.ministry("中华人民共和国外交部") == MFA
    assert ids.ministry("外交部发言人例行记者会") == MFA  # a Chinese feed's title
    assert ids.ministry("俄罗斯外交部") == "俄罗斯外交部"  # another country's ministry
    assert ids.same_person("毛宁", "Mao Ning") and not ids.same_person("毛宁", "Lin Jian")


def test_both_editions_name_one_spokesperson_and_one_ministry(bilingual):
    lib = Library.open(str(bilingual))
    try:
        zh, en = _editions(lib.store)
        assert len(zh) == 4 and len(en) == 3
        assert {it.speaker for it in zh + en} == {"Hua Chunying"}
        assert {it.ministry for it in zh + en} == {MFA}
        # search by the name finds the statements of both editions
        assert {it.id for it, _ in lib.store.search("Chunying")} >= {zh[0].id, en[0].id}
    finally:
        lib.close()


def test_export_speaker_filter_takes_either_script(bilingual, capsys):
    lib = Library.open(str(bilingual))
    try:
        zh, en = _editions(lib.store)
        topics = {it.topic_id for it in zh + en}
    finally:
        lib.close()
    args = ["--data-dir", str(bilingual), "export", *[str(t) for t in sorted(topics)], "--format", "json"]
    assert cli_main([*args, "--speaker", "华春莹"]) == 0
    docs = json.loads(capsys.readouterr().out)
    docs = docs if isinstance(docs, list) else [docs]
    shown = [e for d in docs for e in d["entries"]]
    assert len(shown) == 7 and {e["speaker"] for e in shown} == {"Hua Chunying"}
    assert cli_main([*args, "--speaker", "Lu Kang"]) == 0
    docs = json.loads(capsys.readouterr().out)
    docs = docs if isinstance(docs, list) else [docs]
    assert not [e for d in docs for e in d["entries"]]


def test_side_by_side_sees_one_ministry(bilingual):
    from briefdash.topics.positions import Timeline, TimelineEntry
    from briefdash.tui.screens.views import side_by_side

    lib = Library.open(str(bilingual))
    try:
        zh, en = _editions(lib.store)
        topic = lib.store.topics()[0]
        tl = Timeline(topic=topic, entries=[TimelineEntry(item=it) for it in zh + en], stock_phrases=[])
        view = side_by_side(tl, None)
        assert view is not None and [c.ministry for c in view.columns] == [MFA]
    finally:
        lib.close()


# ---- the two editions linked ---------------------------------------------------------------
def test_editions_linked_by_order_and_shared_names(bilingual):
    lib = Library.open(str(bilingual))
    try:
        zh, en = _editions(lib.store)
        linked = lib.store.counterparts([it.id for it in zh + en])
        assert linked[en[0].id].id == zh[0].id  # Iran, "3月5日" = "March 5"
        assert linked[en[1].id].id == zh[1].id  # Japan, ASEAN
        assert linked[en[2].id].id == zh[3].id  # APEC: the fishing boat is skipped
        assert linked[zh[3].id].id == en[2].id  # both ways
        assert zh[2].id not in linked  # the exchange only the Chinese edition has
    finally:
        lib.close()


def test_alignment_follows_the_names_not_only_the_order():
    """Two exchanges swapped in the English edition: the shared names decide (the alignment
    stays monotonic, so one of the pair is left out rather than linked wrongly)."""
    def qa(i, q, a):
        return QAItem(index=i, kind="qa", question=q, answer=a, id=f"x{i}")
    zh = [qa(0, "关于华为，中方有何评论？", "我们反对打压华为。"),
          qa(1, "关于巴西总统选举，中方有何评论？", "我们祝贺巴西。"),
          qa(2, "2026年G20峰会何时举行？", "G20峰会将于11月举行。")]
    en = [qa(10, "Any comment on the Brazilian presidential election?", "We congratulate Brazil."),
          qa(11, "When will the 2026 G20 summit be held?", "The G20 summit will be in November.")]
    links = [(i, j) for i, j, _ in align(zh, en, Anchors())]
    assert links == [(1, 0), (2, 1)]


def test_new_edition_links_during_ingest_not_only_on_regroup(tmp_path):
    """The English edition arrives a day later: its ingest links it (no full regroup)."""
    zh, en = write_editions(tmp_path)
    lib = Library.open(str(tmp_path / "lib"))
    try:
        ingest(lib, [str(zh)])
        assert lib.store.edition_link_count() == 0
        ingest(lib, [str(en)])
        assert lib.store.edition_link_count() == 2 * 3
        # a full regroup computes the same links again
        link_all(lib.store, lib.config.spokespersons)
        assert lib.store.edition_link_count() == 2 * 3
    finally:
        lib.close()


def test_chinese_edition_arriving_second_links_too(tmp_path):
    zh, en = write_editions(tmp_path)
    lib = Library.open(str(tmp_path / "lib"))
    try:
        ingest(lib, [str(en)])
        ingest(lib, [str(zh)])
        zh_items, en_items = _editions(lib.store)
        linked = lib.store.counterparts([it.id for it in en_items])
        assert [linked[it.id].id for it in en_items] == [zh_items[0].id, zh_items[1].id, zh_items[3].id]
    finally:
        lib.close()


def test_config_spokesperson_is_honoured(tmp_path):
    """A spokesperson the built-in table does not know, added in config.toml."""
    zh, en = write_editions(tmp_path, zh_speaker="白泽明", en_speaker="Bai Zeming")
    data = tmp_path / "lib"
    data.mkdir()
    (data / "config.toml").write_text('[spokespersons]\n"白泽明" = "Bai Zeming"\n', encoding="utf-8")
    lib = Library.open(str(data))
    try:
        assert lib.config.spokespersons == {"白泽明": "Bai Zeming"}
        ingest(lib, [str(zh), str(en)])
        zh_items, en_items = _editions(lib.store)
        assert {it.speaker for it in zh_items + en_items} == {"Bai Zeming"}
    finally:
        lib.close()


def test_without_the_config_entry_the_names_stay_apart(tmp_path):
    zh, en = write_editions(tmp_path, zh_speaker="白泽明", en_speaker="Bai Zeming")
    lib = Library.open(str(tmp_path / "lib"))
    try:
        ingest(lib, [str(zh), str(en)])
        zh_items, en_items = _editions(lib.store)
        assert {it.speaker for it in zh_items} == {"白泽明"}
        assert {it.speaker for it in en_items} == {"Bai Zeming"}
    finally:
        lib.close()


# ---- export and dashboard ------------------------------------------------------------------
def test_export_with_translation_puts_the_counterpart_under_each_statement(bilingual, capsys):
    lib = Library.open(str(bilingual))
    try:
        zh, en = _editions(lib.store)
        topic = en[2].topic_id
    finally:
        lib.close()
    base = ["--data-dir", str(bilingual), "export", str(topic)]
    assert cli_main([*base, "--with-translation"]) == 0
    md = capsys.readouterr().out
    assert "Other edition" in md and "APEC会议" in md
    assert cli_main(base) == 0
    assert "Other edition" not in capsys.readouterr().out
    assert cli_main([*base, "--with-translation", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    by_id = {e["id"]: e for e in doc["entries"]}
    if en[2].id in by_id:
        assert by_id[en[2].id]["counterpart"]["id"] == zh[3].id
    if zh[3].id in by_id:
        assert by_id[zh[3].id]["counterpart"]["id"] == en[2].id
    assert any(e["counterpart"] for e in doc["entries"])


async def select_statement(pilot, m, uid: str) -> None:
    """Walk the topic list with the keys until a timeline holds `uid`, then put the timeline's
    cursor on it."""
    m.topics_list.focus()
    await pilot.press("g")
    await settle(pilot)
    for _ in range(len(m.topics_list.rows)):
        if any(r.item.id == uid for r in m.timeline_list.rows):
            break
        await pilot.press("j")
        await settle(pilot)
    m.timeline_list.focus()
    await pilot.press("g")
    for _ in range(len(m.timeline_list.rows)):
        if m.timeline_list.current.item.id == uid:
            break
        await pilot.press("j")
    await settle(pilot)
    assert m.detail.entry is not None and m.detail.entry.item.id == uid


async def test_l_shows_the_other_edition_and_back(bilingual, tmp_path):
    lib = Library.open(str(bilingual))
    try:
        zh, en = _editions(lib.store)
    finally:
        lib.close()
    app = make_app(bilingual, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        await select_statement(pilot, m, en[2].id)
        await pilot.press("l")
        await settle(pilot)
        assert m.detail.other is not None and m.detail.other.item.id == zh[3].id
        body = str(m.detail.query_one("#detail-body").render())
        assert "Other edition" in body and "APEC会议" in body
        await pilot.press("l")  # back to the statement
        await settle(pilot)
        assert m.detail.other is None and m.detail.entry.item.id == en[2].id
        assert "Other edition" not in str(m.detail.query_one("#detail-body").render())


async def test_l_on_a_statement_without_counterpart_warns(bilingual, tmp_path):
    lib = Library.open(str(bilingual))
    try:
        zh, _ = _editions(lib.store)
    finally:
        lib.close()
    app = make_app(bilingual, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        m = main(app)
        await select_statement(pilot, m, zh[2].id)
        await pilot.press("l")
        await settle(pilot)
        assert m.detail.other is None
        assert any("No other edition" in str(n.message) for n in app._notifications)


def test_spokesperson_added_to_config_later_renames_stored_statements(tmp_path):
    """The table changed since the statements were stored: the next ingest renames them."""
    zh, en = write_editions(tmp_path, zh_speaker="白泽明", en_speaker="Bai Zeming")
    data = tmp_path / "lib"
    lib = Library.open(str(data))
    try:
        ingest(lib, [str(zh), str(en)])
    finally:
        lib.close()
    (data / "config.toml").write_text('[spokespersons]\n"白泽明" = "Bai Zeming"\n', encoding="utf-8")
    lib = Library.open(str(data))
    try:
        ingest(lib, [str(en)])  # nothing new in it: still the names are made one
        zh_items, en_items = _editions(lib.store)
        assert {it.speaker for it in zh_items + en_items} == {"Bai Zeming"}
    finally:
        lib.close()


def test_brief_export_with_translation_quotes_the_other_edition(bilingual, capsys):
    lib = Library.open(str(bilingual))
    try:
        _, en = _editions(lib.store)
        topic = en[2].topic_id
    finally:
        lib.close()
    base = ["--data-dir", str(bilingual), "export", str(topic), "--brief"]
    assert cli_main([*base, "--with-translation"]) == 0
    assert "Other edition: “中方期待APEC会议" in capsys.readouterr().out
    assert cli_main([*base, "--with-translation", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert any(e["counterpart"] and "APEC" in e["counterpart"]["position"] for e in doc["entries"])


def test_a_follow_up_that_names_nothing_is_linked_by_its_place():
    """Between two sure links, one short exchange on each side: linked by order. An extra one on
    one side only stays unlinked."""
    def qa(i, q, a):
        return QAItem(index=i, kind="qa", question=q, answer=a, id=f"x{i}")
    zh = [qa(0, "关于华为，中方有何评论？", "我们反对打压华为。"),
          qa(1, "你能具体说说吗？", "我刚才已经说过了。"),
          qa(2, "2026年G20峰会何时举行？", "G20峰会将于11月举行。")]
    en = [qa(10, "Any comment on Huawei?", "We oppose the suppression of Huawei."),
          qa(11, "Could you be more specific?", "I have just answered that."),
          qa(12, "When will the 2026 G20 summit be held?", "The G20 summit will be in November.")]
    assert [(i, j) for i, j, _ in align(zh, en, Anchors())] == [(0, 0), (1, 1), (2, 2)]
    assert [(i, j) for i, j, _ in align(zh, [en[0], en[2]], Anchors())] == [(0, 0), (2, 1)]


def test_outlet_labels_of_the_2020_layout_pair_the_exchanges(tmp_path):
    """From 2020 each question opens with its outlet (`路透社记者：` / `Reuters:`); the English
    edition leaves the Xinhua exchange out, and a follow-up that names nothing else is paired
    by its outlet."""
    zh = tmp_path / "zh.xml"
    en = tmp_path / "en.xml"
    zh.write_text(_rss("外交部发言人例行记者会", [(
        "zh-0304", "2026年3月4日外交部发言人毛宁主持例行记者会", "https://www.fmprc.gov.cn/web/0304.html",
        "Wed, 04 Mar 2026 08:00:00 +0000", [
            "路透社记者：关于印度尼西亚的地震，中方是否会提供援助？",
            "毛宁：中方对印尼人民表示慰问，愿提供必要帮助。",
            "新华社记者：中方如何评价今年的进博会？",
            "毛宁：进博会取得了丰硕成果，展现了开放合作的精神。",
            "法新社记者：你能否再介绍一些情况？",
            "毛宁：我没有更多信息可以提供。"])]), encoding="utf-8")
    en.write_text(_rss("Foreign Ministry Spokesperson's Regular Press Conference", [(
        "en-0304", "Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on March 4, 2026",
        "https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/0304.html", "Wed, 04 Mar 2026 10:00:00 +0000", [
            "Reuters: Regarding the earthquake in Indonesia, will China provide assistance?",
            "Mao Ning: China extends sympathies to the Indonesian people and stands ready to help.",
            "AFP: Could you share more details?",
            "Mao Ning: I have no further information to offer."])]), encoding="utf-8")
    lib = Library.open(str(tmp_path / "lib"))
    try:
        ingest(lib, [str(zh), str(en)])
        items = [it for it in lib.store.items_in_order() if it.kind == "qa"]
        zh_items = [it for it in items if "记者会" in it.entry_title]
        en_items = [it for it in items if "Press Conference" in it.entry_title]
        assert [it.asker for it in zh_items] == ["路透社", "新华社", "法新社"]
        assert {it.speaker for it in items} == {"Mao Ning"}
        linked = lib.store.counterparts([it.id for it in items])
        assert linked[en_items[0].id].id == zh_items[0].id
        assert linked[en_items[1].id].id == zh_items[2].id
        assert zh_items[1].id not in linked
    finally:
        lib.close()


def _stored_briefing(store, key, day, ministry, speaker, content=None):
    """A one-statement briefing written straight through the store, as an ingest writes it
    (then `link_editions`)."""
    from datetime import UTC, datetime

    from briefdash.models import Entry
    from briefdash.topics.editions import link_editions

    entry = Entry(key=key, title=f"记者会 {key}", link=f"https://m.example/{key}", feed_url="feed",
                  ministry=ministry, content=content or f"<p>{key}</p>",
                  published=datetime(2026, 7, day, tzinfo=UTC))
    store.save_entry(entry, [QAItem(index=0, kind="qa", question=f"问题 {key}", answer="回答",
                                    speaker=speaker, ministry=ministry)])
    link_editions(store)


def test_names_made_canonical_reading_only_new_statements_match_a_full_reading(tmp_path, monkeypatch):
    from briefdash.store import Store

    store = Store(tmp_path / "db.sqlite3")
    _stored_briefing(store, "a", 1, "外交部", "华春莹")
    # statements only added since: the new ones are renamed without rewriting the whole store
    with monkeypatch.context() as m:
        m.setattr(Store, "rename_names", lambda *a: pytest.fail("rewrote every statement"))
        _stored_briefing(store, "b", 2, "外交部", "华春莹")
    assert set(store.distinct_names("ministry")) == {"Ministry of Foreign Affairs of the PRC"}
    assert set(store.distinct_names("speaker")) == {"Hua Chunying"}

    # the newest briefing replaced (its statement takes its old number again, so it is not new
    # to `link_editions`): its names stay as written until a later briefing names them, then
    # the whole store is renamed, as it always was
    _stored_briefing(store, "b", 2, "中国外交部", "华春莹", content="<p>b, corrected</p>")
    assert "中国外交部" in store.distinct_names("ministry")
    _stored_briefing(store, "c", 3, "中国外交部", "华春莹")
    assert set(store.distinct_names("ministry")) == {"Ministry of Foreign Affairs of the PRC"}
    assert set(store.distinct_names("speaker")) == {"Hua Chunying"}
    store.close()
