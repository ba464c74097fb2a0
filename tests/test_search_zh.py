"""Search inside Chinese words (issue #21): a query of Chinese characters finds every statement
that holds it as a substring, whatever word it sits in; mixed Chinese/Latin queries; the hit is
highlighted in the store's snippet, the CLI and the search screen; old stores are upgraded."""
from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from textual.widgets import Input

from briefdash.cli import main
from briefdash.config import Config, Paths, save_config
from briefdash.models import Entry, QAItem
from briefdash.store import SCHEMA_VERSION, Store, item_uid
from briefdash.tui.widgets.lists import SearchList
from helpers_library import database_at_version
from helpers_tui import make_app, settle

# our own sentences (fictional places and people)
CABLE = "我们注意到凯斯特海峡海底电缆中断的报道，有关方面正在抓紧修复。"
LAW = "维洛里亚议会昨天通过了涉港国安立法修正案，中方对此表示坚决反对。"
RESTRAINT = "我们敦促有关各方保持克制，通过对话协商妥善处理分歧。"
APART = "国安部门负责人表示，立法工作仍在稳步推进。"  # 国安 … 立法, never 国安立法
SEAM = "报告列出了国安 安立法案两个条目。"  # 国安 | 安立法案: only a word break joins them
PASSPORT = "英方宣布扩大BNO护照持有人的居留权利，我们对此强烈不满。"
PASSPORT_ONLY = "护照签发工作一切正常。"


def _entry(k: int, day: int = 1) -> Entry:
    return Entry(key=f"zh-{k}", title=f"外交部发言人例行记者会 {k}", link=f"https://mfa.example/zh/{k}",
                 content=f"记者会 {k}", feed_url="zh.xml", ministry="维洛里亚外交部",
                 published=datetime(2026, 3, day, 8, tzinfo=UTC))


def _store(tmp_path: Path, answers: list[str]) -> Store:
    """One briefing per answer, in order, each a single statement (question: 问题k)."""
    s = Store(tmp_path / "db.sqlite3")
    for k, answer in enumerate(answers):
        s.save_entry(_entry(k, 1 + k % 28), [QAItem(index=0, kind="qa", question=f"问题{k}",
                                                    answer=answer, date=date(2026, 3, 1 + k % 28))])
    return s


def _found(s: Store, query: str) -> list[str]:
    return [it.answer for it, _ in s.search(query)]


def test_two_and_four_character_words_are_found_inside_sentences(tmp_path):
    s = _store(tmp_path, [CABLE, LAW, RESTRAINT])
    assert _found(s, "国安立法") == [LAW]  # inside the run 涉港国安立法修正案
    assert _found(s, "电缆") == [CABLE]  # inside 海峡海底电缆中断的报道
    assert _found(s, "克制") == [RESTRAINT]
    assert sorted(_found(s, "有关")) == sorted([CABLE, RESTRAINT])
    assert s.search_count("国安立法") == 1 and s.search_count("有关") == 2
    assert _found(s, "立") == [LAW]  # one character: still found inside the run


def test_a_sequence_not_in_the_text_finds_nothing(tmp_path):
    s = _store(tmp_path, [APART, SEAM, CABLE])
    for query in ("国安立法", "国安立", "门立法", "海底光缆", "电缆中继"):
        assert _found(s, query) == [], query
        assert s.search_count(query) == 0
    assert _found(s, "安立法案") == [SEAM]  # what is there is found
    assert sorted(_found(s, "国安")) == sorted([APART, SEAM])


def test_chinese_matches_are_exactly_the_statements_holding_the_substring(tmp_path):
    """Random texts over four characters and three separators: every query of two to five
    characters finds exactly the statements that contain it (no bigram glued across a break)."""
    rng = random.Random(21)
    alphabet, breaks = "国安立法", ["，", " ", "A"]
    texts = []
    for _ in range(120):
        texts.append("".join(rng.choice(alphabet) if rng.random() > 0.2 else rng.choice(breaks)
                             for _ in range(rng.randint(3, 14))))
    s = _store(tmp_path, texts)
    for _ in range(60):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 5)))
        expected = sorted(t for t in texts if query in t)
        assert sorted(_found(s, query)) == expected, query
        assert s.search_count(query) == len(expected)


def test_the_snippet_marks_the_matched_substring(tmp_path):
    s = _store(tmp_path, [LAW, CABLE + "电缆运营商称，电缆将在两周内恢复。"])
    [(_, snip)] = s.search("国安立法")
    assert "\x01国安立法\x02" in snip
    assert snip.count("\x01") == snip.count("\x02") == 1
    assert snip.replace("\x01", "").replace("\x02", "").strip("…") in LAW
    [(_, snip)] = s.search("电缆")
    assert snip.count("\x01电缆\x02") == 3  # every occurrence within the excerpt


def test_a_long_statement_is_cut_around_the_hit(tmp_path):
    long = RESTRAINT * 6 + LAW + CABLE * 6
    s = _store(tmp_path, [long])
    [(_, snip)] = s.search("国安立法")
    assert snip.startswith("…") and snip.endswith("…") and "\x01国安立法\x02" in snip
    assert len(snip) < len(long) // 3


def test_mixed_chinese_and_latin_query(tmp_path):
    glued = "有记者问，持BNO护照者能否入境？"
    s = _store(tmp_path, [PASSPORT, PASSPORT_ONLY, glued, "The BNO scheme was discussed."])
    for query in ("BNO 护照", "护照 BNO", "bno护照", "BN 护照"):
        assert sorted(_found(s, query)) == sorted([PASSPORT, glued]), query
    [(_, snip)] = [h for h in s.search("BNO 护照") if h[0].answer == PASSPORT]
    assert "\x01BNO\x02" in snip and "\x01护照\x02" in snip
    # an English query is answered by the English index as before
    assert _found(s, "BNO") == ["The BNO scheme was discussed."]


def test_relevance_ranks_more_mentions_first_and_date_order_pages(tmp_path):
    filler = "双方就共同关心的问题交换了意见。"
    once = "海峡" + filler * 3
    twice = "海峡" + filler + "海峡" + filler * 2
    thrice = "海峡" + filler + "海峡" + filler + "海峡" + filler
    s = _store(tmp_path, [once, thrice, twice])
    assert _found(s, "海峡") == [thrice, twice, once]
    by_date = [it.answer for it, _ in s.search("海峡", order="date")]
    assert by_date == [twice, thrice, once]  # 3 March, 2 March, 1 March
    assert [it.answer for it, _ in s.search("海峡", limit=1, offset=1)] == [twice]


def test_index_follows_edits_and_deletions(tmp_path):
    s = _store(tmp_path, [LAW])
    entry = Entry(key="zh-0", title="外交部发言人例行记者会 0", link="https://mfa.example/zh/0",
                  content="记者会 0，修订版", feed_url="zh.xml", published=datetime(2026, 3, 1, tzinfo=UTC))
    assert s.save_entry(entry, [QAItem(index=0, kind="qa", question="问题0", answer=CABLE)]) == "updated"
    assert _found(s, "国安立法") == [] and _found(s, "海底电缆") == [CABLE]
    s.db.execute("UPDATE items SET answer = ? WHERE answer = ?", (RESTRAINT, CABLE))
    assert _found(s, "海底电缆") == [] and _found(s, "保持克制") == [RESTRAINT]
    s.db.execute("DELETE FROM entries")
    assert s.search_count("保持克制") == 0
    s.db.execute("INSERT INTO items_fts_cjk(items_fts_cjk) VALUES('integrity-check')")


def test_an_old_store_finds_chinese_words_after_the_upgrade(tmp_path):
    path = tmp_path / "old.sqlite3"
    con = database_at_version(path, 5)  # before the Chinese index existed
    con.execute("INSERT INTO entries(id, key, title, link, content, content_hash, ministry) "
                "VALUES(1, 'k', '例行记者会', 'https://mfa.example/1', 'c', 'h', '维洛里亚外交部')")
    con.execute("INSERT INTO items(uid, entry_id, idx, kind, date, question, answer) "
                "VALUES('u0', 1, 0, 'qa', '2026-03-01', '问题', ?)", (LAW,))
    con.commit()
    assert con.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH '\"国安立法\"'"
                       ).fetchone()[0] == 0  # what the issue reported
    con.close()
    s = Store(path)
    assert s.schema_version == SCHEMA_VERSION
    assert _found(s, "国安立法") == [LAW] and s.search_count("立法") == 1


def test_another_sqlite_client_can_edit_statements_and_search_follows(tmp_path):
    """The triggers are plain SQL: the sqlite3 shell or a script can still edit statements
    (English and Chinese), and both indexes follow."""
    s = Store(tmp_path / "db.sqlite3")
    s.save_entry(_entry(0), [QAItem(index=0, kind="qa", question="On the strait?", answer="No comment."),
                             QAItem(index=1, kind="qa", question="问题", answer=LAW)])
    s.close()
    con = sqlite3.connect(tmp_path / "db.sqlite3")
    with con:
        con.execute("UPDATE items SET answer = 'We urge restraint.' WHERE idx = 0")
        con.execute("UPDATE items SET answer = ? WHERE idx = 1", (CABLE,))
    con.close()
    s = Store(tmp_path / "db.sqlite3")
    assert _found(s, "restraint") == ["We urge restraint."] and _found(s, "comment") == []
    assert _found(s, "海底电缆") == [CABLE] and _found(s, "国安立法") == []
    s.db.execute("INSERT INTO items_fts(items_fts) VALUES('integrity-check')")


def _library(d: Path, answers: list[str]) -> Path:
    paths = Paths.resolve(d)
    save_config(Config(), paths.config_file)
    s = Store(paths.database)
    tid = s.create_topic("香港")
    for k, answer in enumerate(answers):
        s.save_entry(_entry(k), [QAItem(index=0, kind="qa", question=f"问题{k}", answer=answer,
                                        date=date(2026, 3, 1), speaker="梅塔森")])
        s.assign([(item_uid(f"zh-{k}", 0), tid)])
    s.close()
    return d


def test_cli_search_finds_and_marks_a_chinese_word(tmp_path, capsys):
    d = str(_library(tmp_path / "lib", [LAW, CABLE]))
    assert main(["--data-dir", d, "search", "国安立法"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2026-03-01") and "»国安立法«" in out and "电缆" not in out
    assert main(["--data-dir", d, "search", "国安立法", "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)["results"]
    assert result["answer"] == LAW and "国安立法" in result["snippet"]


async def test_search_screen_highlights_the_chinese_hit(tmp_path):
    app = make_app(_library(tmp_path / "lib", [LAW, CABLE, RESTRAINT]), tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        app.screen.query_one("#search-input", Input).value = "国安立法"
        await settle(pilot)
        lst = app.screen.query_one("#results", SearchList)
        assert [r.item.answer for r in lst.rows] == [LAW]
        body = lst.render_row(lst.rows[0], 0, 120)[1]
        hit = lst.style("hit")
        marked = [body.plain[sp.start:sp.end] for sp in body.spans if sp.style == hit]
        assert marked == ["国安立法"]


def test_only_statements_with_cjk_text_enter_the_chinese_index(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    s.save_entry(_entry(0), [QAItem(index=i, kind="qa", question="Any comment?", answer=a,
                                    ministry="Foreign Ministry") for i, a in
                             enumerate(["We’re firmly opposed — the café talks stalled.", LAW, "Plain."])])
    assert s.db.execute("SELECT count(*) FROM items_fts_cjk_docsize").fetchone()[0] == 1
    assert s.db.execute("SELECT count(*) FROM items_cjk_pending").fetchone()[0] == 0
    assert _found(s, "cafe") == ["We’re firmly opposed — the café talks stalled."]  # English index
    assert _found(s, "国安 cafe") == []
