"""Chinese briefings as first-class as English: terms, grouping, labels, procedural exchanges,
sentences, stock phrases and new wording (fixtures written for these tests)."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

from briefdash.models import QAItem, Topic
from briefdash.topics import terms_zh
from briefdash.topics.grouping import group_in_memory
from briefdash.topics.labels import topic_label
from briefdash.topics.positions import Tokens, build_timeline, stock_phrases
from briefdash.topics.terms import TermExtractor
from briefdash.transcripts.position import extract_position, split_sentences
from briefdash.transcripts.procedural import is_procedural, sentences

CJK = re.compile(r"[\u4e00-\u9fff]")
MFA = "中华人民共和国外交部"


def qa(day: int, index: int, question: str, answer: str, briefing: str | None = None) -> QAItem:
    it = QAItem(index=index, kind="qa", question=question, answer=answer,
                date=date(2020, 7, day), ministry=MFA)
    it.entry_key = briefing or f"b{day}"
    it.id = f"{it.entry_key}#{index}"
    return it


# Six exchanges of three briefings: two on Hong Kong, two on the South China Sea, two on trade.
ITEMS = [
    qa(1, 0, "英国宣布将扩大BNO护照持有人在英居留的权利，中方对此有何回应？",
       "香港国安法是维护国家安全的法律。英方借BNO护照问题干涉香港事务，中方坚决反对。"),
    qa(1, 1, "美国国务卿蓬佩奥称美方拒绝承认中方在南海的海洋权益主张，你对此有何评论？",
       "中方在南海的主权和权益有充分的历史和法理依据。美方蓄意挑拨南海岛礁争议，破坏地区和平稳定。"),
    qa(2, 0, "美国商务部宣布对更多中国企业加征关税，这是否会影响中美经贸磋商？",
       "加征关税解决不了问题。中美经贸磋商应当在平等和相互尊重的基础上进行，美方应当停止加征关税。"),
    qa(2, 1, "美军舰再次进入南海岛礁邻近海域开展所谓航行自由行动，中方有何回应？",
       "美军舰打着航行自由旗号在南海耀武扬威，中方将采取必要措施维护南海主权。"),
    qa(3, 0, "英国外交大臣称BNO护照持有人可以申请入籍，香港国安法实施后英方还将采取什么措施？",
       "香港国安法实施以来香港社会恢复稳定。英方有关BNO护照的做法违背承诺，中方将考虑采取反制措施。"),
    qa(3, 1, "美方表示将对中国输美商品加征新一轮关税，中方是否会反制？",
       "中方不希望打贸易战，但也不怕打贸易战。美方加征关税损人不利己，中美经贸磋商的大门是敞开的。"),
]


def test_chinese_terms_keep_names_whole_and_drop_stopwords():
    terms = TermExtractor().terms("美国国务卿蓬佩奥就香港国安法发表声明，中方表示坚决反对。我们希望有关问题妥善解决。")
    words = [t for t, _ in terms]
    flags = dict(terms)
    assert "蓬佩奥" in words and flags["蓬佩奥"] is True  # a name, whole
    assert "香港国安法" in words and flags["香港国安法"] is True
    for stop in ("中方", "表示", "我们", "希望", "有关", "问题"):
        assert stop not in words
    assert all(len(w) > 1 for w in words if CJK.search(w))  # no single characters
    assert "蓬佩" not in words and "佩奥" not in words and "国安" not in words


def test_mixed_script_terms_keep_latin_acronyms():
    words = [t for t, _ in TermExtractor().terms("英方宣布扩大BNO护照持有人的权利，并禁止华为参与5G建设。WHO对此表示关切。")]
    assert "bno" in words and "护照" in words
    assert "world health organization" in words  # "WHO" in capitals is the organisation
    assert "华为" in words and "5g" in words


def test_border_and_places_kept_whole():
    words = terms_zh.words("中印边界西段发生对峙，双方通过外交渠道沟通")
    assert "中印边界" in words


def _grouped():
    topics, state = group_in_memory(ITEMS)
    return topics, state


def test_two_statements_on_the_same_matter_group_and_an_unrelated_one_does_not():
    topics, _ = _grouped()
    hk_a, scs_a, trade_a, scs_b, hk_b, trade_b = topics
    assert hk_a == hk_b  # BNO passports / national security law, two days apart
    assert hk_a != scs_a and hk_a != trade_a
    assert scs_a == scs_b or trade_a == trade_b  # the other matters hold together too


def test_chinese_topics_are_labelled_in_chinese():
    topics, state = _grouped()
    tid = topics[0]
    members = [it for it, t in zip(ITEMS, topics, strict=True) if t == tid]
    label = topic_label(state.profile(tid), state.kind, members, state.idf)
    assert label != "(untitled)"
    assert CJK.search(label)
    assert any(w in label for w in ("香港国安法", "BNO护照", "护照", "BNO"))
    for stop in ("中方", "表示", "问题"):
        assert stop not in label.split(" · ")


def _conference(path, day: int, pairs) -> None:
    """An RSS file of one conference in the ministry's 问：/答： layout."""
    import html

    body = "".join(f"<p>问：{html.escape(q)}</p><p>答：{html.escape(a)}</p>" for q, a in pairs)
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>例行记者会</title>'
        '<link>http://127.0.0.1/zh/</link><item>'
        f"<title>2020年7月{day}日外交部发言人主持例行记者会</title>"
        f"<link>http://127.0.0.1/zh/{day}.html</link><pubDate>{day:02d} Jul 2020 08:00:00 +0000</pubDate>"
        f"<content:encoded>{html.escape(body)}</content:encoded></item></channel></rss>",
        encoding="utf-8")


def test_a_chinese_store_labels_its_topics_in_chinese(tmp_path, capsys):
    import json

    from briefdash.cli import main

    feeds = []
    for day in (1, 2, 3):
        f = tmp_path / f"c{day}.xml"
        _conference(f, day, [(it.question, it.answer) for it in ITEMS if it.date and it.date.day == day])
        feeds.append(str(f))
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "ingest", *feeds]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "topics", "--json"]) == 0
    topics = json.loads(capsys.readouterr().out)["topics"]
    assert sum(t["count"] for t in topics) == len(ITEMS)
    for t in topics:
        assert t["label"] != "(untitled)" and CJK.search(t["label"]), t["label"]
        assert CJK.search(t["issue"]["label"]), t["issue"]["label"]


def test_procedural_chinese_exchanges_are_detected():
    assert is_procedural("", "今天的记者会到此结束。谢谢大家！")
    assert is_procedural("谢谢。", "下一个问题。")
    assert is_procedural("还有没有问题？", "没有了。谢谢。")
    assert not is_procedural("关于香港国安法，中方有何回应？", "我们坚决反对外部势力干涉香港事务。")
    assert not is_procedural("中方能否证实？", "我不掌握有关情况。")


def test_chinese_sentences_end_at_full_stops_and_marks():
    text = "中方坚决反对。美方应当停止挑衅！这是否符合国际法？我们拭目以待。"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["中方坚决反对。", "美方应当停止挑衅！", "这是否符合国际法？", "我们拭目以待。"]
    assert sentences(text) == ["中方坚决反对。", "美方应当停止挑衅！", "这是否符合国际法？", "我们拭目以待。"]
    tok = Tokens(text)
    assert len(set(tok.sents)) == 4
    assert extract_position(text) in text


def test_a_chinese_stock_phrase_is_found():
    formula = "中方坚决反对任何外部势力干涉中国内政"
    items = [qa(d, 0, "问题", f"{lead}{formula}。{tail}", briefing=f"b{d}") for d, lead, tail in (
        (1, "关于新疆问题，", "新疆社会稳定。"),
        (2, "关于香港问题，", "香港是中国的香港。"),
        (3, "关于西藏问题，", "西藏各族人民安居乐业。"),
    )]
    found = stock_phrases(items)
    assert found, "no formula found"
    top = found[0]
    assert "干涉中国内政" in top.phrase and top.count == 3
    for it in items:
        assert top.phrase in it.answer


def test_new_wording_in_chinese_is_word_level_and_verbatim():
    first = qa(1, 0, "中方对南海问题有何立场？", "中方在南海问题上的立场是明确和一贯的。中方致力于同东盟国家维护南海和平稳定。")
    second = qa(2, 0, "美方称将在南海开展航行自由行动，中方有何回应？",
                "中方在南海问题上的立场是明确和一贯的。美方军舰擅自闯入西沙领海，中方已提出严正交涉。")
    timeline = build_timeline(Topic(id=1, label="南海"), [first, second])
    new = timeline.entries[1].new_phrases
    assert new
    tok = Tokens(second.answer)
    starts = {a for a, _ in tok.spans}
    ends = {b for _, b in tok.spans}
    for phrase in new:
        at = second.answer.find(phrase)
        assert at >= 0  # verbatim
        assert at in starts and at + len(phrase) in ends  # whole words, never half of one
        assert "立场是明确和一贯" not in phrase  # the repeated wording is not new
    assert any("严正交涉" in p or "西沙领海" in p for p in new)


def test_english_only_grouping_never_imports_jieba():
    code = """
import sys
from datetime import date
from briefdash.models import QAItem, Topic
from briefdash.topics.grouping import group_in_memory
from briefdash.topics.labels import topic_label
from briefdash.topics.positions import build_timeline
from briefdash.transcripts.procedural import is_procedural
items = []
for i, (q, a) in enumerate([("On the Korsa Strait patrols, any comment?", "We oppose the patrols firmly."),
                            ("Will the Korsa Strait patrols continue?", "The patrols must stop."),
                            ("What about the trade talks?", "Tariffs solve nothing.")]):
    it = QAItem(index=i, kind="qa", question=q, answer=a, date=date(2020, 1, 1 + i), ministry="M")
    it.entry_key = f"b{i}"; it.id = f"b{i}#0"; items.append(it)
topics, state = group_in_memory(items)
topic_label(state.profile(topics[0]), state.kind, items, state.idf)
build_timeline(Topic(id=1, label="x"), items)
is_procedural("Thanks.", "Next question.")
assert "jieba" not in sys.modules, "jieba imported"
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_cut_dictionary_is_cached_and_reused(tmp_path, monkeypatch):
    import jieba

    monkeypatch.setenv("BRIEFDASH_CACHE_DIR", str(tmp_path))
    freq, total, names, nouns = terms_zh._load_table(jieba)
    files = list(tmp_path.glob("jieba-*"))
    assert len(files) == 1
    again = terms_zh._load_table(jieba)
    assert again[1] == total and len(again[0]) == len(freq)
    assert "北京" in names and freq.get("北京", 0) > 0
    assert "护照" in nouns and "反对" not in nouns


def test_a_store_with_chinese_made_with_bigrams_regroups_once_on_upgrade(tmp_path):
    import sqlite3

    from briefdash.store import MIGRATIONS, Store, _split_sql

    # the migration that flags stores holding Chinese (their terms were character bigrams)
    flag = next(m for m in MIGRATIONS if isinstance(m, str) and "GLOB" in m)

    def upgraded(answer: str) -> Store:
        """A store holding one statement, as the upgrade finds it, after that migration ran."""
        path = tmp_path / f"s{abs(hash(answer))}.sqlite3"
        Store(path).close()
        con = sqlite3.connect(path)
        con.execute("INSERT INTO entries(id, key, title) VALUES(1, 'k', 't')")
        con.execute("INSERT INTO items(uid, entry_id, idx, kind, question, answer) "
                    "VALUES('u1', 1, 0, 'qa', 'q', ?)", (answer,))
        con.execute("INSERT OR REPLACE INTO state(key, value) VALUES('needs_regroup', '0')")
        for stmt in _split_sql(flag):
            con.execute(stmt)
        con.commit()
        con.close()
        return Store(path)

    chinese = upgraded("中方坚决反对。")
    english = upgraded("We firmly oppose it.")
    assert chinese.get_state("needs_regroup") == "1"
    assert english.get_state("needs_regroup") == "0"
