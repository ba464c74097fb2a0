"""Chinese terms at scale: jieba's cost, 10,000 Chinese statements grouped, one Chinese conference
added to a 100k mixed store.

One command: `python benchmarks/bench_zh_terms.py [--zh-feed FILE] [--skip-store] [--runs N]`.
Prints:
- jieba's import and dictionary load, in a fresh process: the first time (the cut dictionary
  built from jieba's own and cached) and every later time (read from the cache);
- jieba's modes (precise with and without HMM, search mode, the full dictionary) on the same
  text: characters per second;
- segmenting (terms) and grouping 10,000 Chinese statements from scratch, in memory. The
  statements are generated from this script's own vocabulary; with --zh-feed they are the Chinese
  dev feed's statements, their sentences permuted in memory into 10,000 new ones (nothing of it
  is written anywhere);
- `briefdash --data-dir STORE ingest ONE_CHINESE_CONFERENCE.xml` (process start included) on a
  copy of the 100k store of bench_grouping.py (built first if missing, under benchmarks/out/ or
  --out) into which 20 Chinese conferences were ingested, so that the store is mixed; then the
  same for one English briefing (bench_grouping.py's one-briefing feed). Wall and CPU seconds of
  each run. As an installed package would, the sources are byte-compiled first (with
  PYTHONDONTWRITEBYTECODE set, every process would compile them again: ~0.3 s), and each copy
  of the store is flushed to disk before the run (else the ingest's commit writes the copy).
  --src times other sources of briefdash (an older checkout's src/) with this script's venv.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
PY = sys.executable
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

# ---- this script's own vocabulary -------------------------------------------------------------
ACTORS = "美国 日本 印度 英国 澳大利亚 加拿大 德国 法国 菲律宾 越南 韩国 俄罗斯 欧盟 北约 东盟 联合国".split()
ISSUES = [
    ("香港国安法", "BNO护照"), ("南海", "航行自由"), ("台湾", "对台军售"), ("新疆", "教培中心"),
    ("中美经贸磋商", "加征关税"), ("华为", "5G网络"), ("一带一路", "基础设施"), ("朝鲜半岛", "无核化"),
    ("中印边界", "边防部队"), ("伊核协议", "制裁豁免"), ("气候变化", "巴黎协定"), ("新冠疫情", "疫苗合作"),
    ("钓鱼岛", "海警船"), ("孟晚舟", "引渡听证"), ("WHO", "溯源调查"), ("稀土", "出口管制"),
    ("网络安全", "黑客攻击"), ("留学签证", "人文交流"), ("粮食安全", "化肥出口"), ("北极航道", "科考站"),
]
Q_FORMS = [
    "据报道，{actor}官员称将就{a}问题采取新措施，并提到{b}。中方对此有何评论？",
    "{actor}外长昨天表示，{a}局势令人关切，{b}问题需要各方关注。你能否介绍中方立场？",
    "有媒体称{actor}正在考虑调整{b}政策，这是否会影响{a}？",
    "关于{a}，{actor}议会通过了涉及{b}的议案。中方是否会采取反制措施？",
]
A_FORMS = [
    "中方在{a}问题上的立场是明确和一贯的。我们敦促{actor}停止在{b}问题上的错误做法。",
    "{a}事务纯属中国内政，不容任何外部势力干涉。{actor}有关{b}的言论罔顾事实。",
    "我们注意到有关报道。中方愿同{actor}通过对话协商妥善处理{b}问题，维护{a}和平稳定。",
    "{actor}应当恪守承诺，在{b}问题上谨言慎行，不要向{a}释放错误信号。中方将采取必要措施。",
]


def generated_statements(n: int, seed: int = 7) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = rnd.choice(ISSUES)
        actor = rnd.choice(ACTORS)
        out.append((rnd.choice(Q_FORMS).format(actor=actor, a=a, b=b),
                    " ".join(rnd.choice(A_FORMS).format(actor=actor, a=a, b=b) for _ in range(3))))
    return out


def permuted_statements(feed: Path, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """The feed's statements, their sentences shuffled into `n` new ones (in memory only)."""
    import re

    from eval_grouping import mfa_items

    items, *_ = mfa_items(feed, [])
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        base = rnd.choice(items)
        other = rnd.choice(items)
        sents = re.split(r"(?<=[。！？])", (base.answer or "") + (other.answer or ""))
        rnd.shuffle(sents)
        out.append((base.question or "", "".join(sents)[:600]))
    return out


# ---- measurements -----------------------------------------------------------------------------
LOAD = r"""
import time, json, os, sys
sys.path.insert(0, {src!r})
from briefdash.topics import terms_zh
w, c = time.perf_counter(), time.process_time()
terms_zh._import_jieba()
t_import = (time.perf_counter() - w, time.process_time() - c)
w, c = time.perf_counter(), time.process_time()
terms_zh.segmenter()
t_load = (time.perf_counter() - w, time.process_time() - c)
print(json.dumps({{"import": t_import, "load": t_load}}))
"""

PLAIN = r"""
import time, json
w, c = time.perf_counter(), time.process_time()
import jieba
t_import = (time.perf_counter() - w, time.process_time() - c)
w, c = time.perf_counter(), time.process_time()
full = jieba.Tokenizer(); full.initialize()
print(json.dumps({"import": t_import, "full": (time.perf_counter() - w, time.process_time() - c)}))
"""


def _fig(pair) -> str:
    return f"{pair[0]:.2f} s ({pair[1]:.2f} s CPU)"


def jieba_load() -> None:
    """Wall and CPU seconds: this shared machine's wall times vary with its load."""
    cache = Path(tempfile.mkdtemp(prefix="bd-jieba-"))
    env = {"BRIEFDASH_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    code = LOAD.format(src=str(ROOT / "src"))
    for what in ("first use ever (builds the cut dictionary)", "every later process"):
        out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True, env=env)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{what}: import jieba {_fig(r['import'])}; cut dictionary and user words "
              f"{_fig(r['load'])}")
    shutil.rmtree(cache, ignore_errors=True)
    subprocess.run([PY, "-c", PLAIN], capture_output=True, check=True)  # jieba's own cache
    out = subprocess.run([PY, "-c", PLAIN], capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"for comparison, plain `import jieba` {_fig(r['import'])}; its full dictionary from "
          f"its own cache {_fig(r['full'])}")


def modes(texts: list[str]) -> None:
    import jieba

    from briefdash.topics import terms_zh

    tk = terms_zh.segmenter().tokenizer
    n = sum(len(t) for t in texts)
    for name, cut in (("precise, HMM on (used)", lambda s: tk.lcut(s, HMM=True)),
                      ("precise, HMM off", lambda s: tk.lcut(s, HMM=False)),
                      ("search, HMM on", lambda s: tk.lcut_for_search(s, HMM=True)),
                      ("search, HMM off", lambda s: tk.lcut_for_search(s, HMM=False))):
        t = time.process_time()
        for s in texts:
            cut(s)
        dt = time.process_time() - t
        print(f"  {name:24} {n / dt / 1000:6.0f}k characters per CPU second")
    full = jieba.Tokenizer()
    full.initialize()
    t = time.process_time()
    for s in texts:
        full.lcut(s)
    print(f"  {'full dictionary, HMM on':24} {n / (time.process_time() - t) / 1000:6.0f}k "
          "characters per CPU second")


def group_10k(statements: list[tuple[str, str]]) -> None:
    from briefdash.models import QAItem
    from briefdash.topics.grouping import group_in_memory
    from briefdash.topics.terms import TermExtractor

    items = []
    for k, (q, a) in enumerate(statements):
        it = QAItem(index=k % 12, kind="qa", question=q, answer=a,
                    date=date(2019, 1, 1) + timedelta(days=k // 12), ministry="外交部")
        it.entry_key = f"c{k // 12}"
        it.id = f"{it.entry_key}#{k % 12}"
        items.append(it)
    chars = sum(len(q) + len(a) for q, a in statements)
    te = TermExtractor()
    t = time.process_time()
    for it in items:
        te.terms(it.question)
        te.terms(it.answer[:1200])
    t_terms = time.process_time() - t
    from briefdash.topics import terms_zh

    terms_zh.words.cache_clear()
    terms_zh.terms.cache_clear()
    t, c = time.perf_counter(), time.process_time()
    topics, _ = group_in_memory(items)
    t_group, c_group = time.perf_counter() - t, time.process_time() - c
    print(f"{len(items)} statements ({chars / len(items):.0f} characters each): terms alone "
          f"{t_terms:.1f} s CPU; segment + group from scratch {t_group:.1f} s ({c_group:.1f} s CPU, "
          f"{len(items) / c_group:.0f} statements per CPU second), {len(set(topics))} topics")


def conference_xml(path: Path, day: date, statements: list[tuple[str, str]], n: int) -> None:
    """An RSS file of one Chinese conference in the ministry's 问：/答： layout."""
    body = "".join(f"<p>问：{html.escape(q)}</p><p>答：{html.escape(a)}</p>" for q, a in statements)
    title = f"{day.year}年{day.month}月{day.day}日外交部发言人主持例行记者会"
    link = f"https://example.org/zh/{day.isoformat()}-{n}.html"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>外交部例行记者会</title>'
        f'<link>https://example.org/zh/</link><item><title>{title}</title><link>{link}</link>'
        f'<pubDate>{day.strftime("%a, %d %b %Y")} 08:00:00 +0000</pubDate>'
        f"<content:encoded>{html.escape(body)}</content:encoded></item></channel></rss>",
        encoding="utf-8")


def _ingest_argv(src: Path | None) -> tuple[list[str], dict[str, str]]:
    """The command that runs `briefdash` (this venv's, or `src`'s) and its environment."""
    env = dict(os.environ)
    if src is None:
        return [str(Path(PY).parent / "briefdash")], env
    env["PYTHONPATH"] = str(src)
    return [PY, "-m", "briefdash"], env


def time_ingest(store: Path, feed: Path, runs: int, src: Path | None) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of `briefdash ingest FEED` on a fresh copy of `store`, each run."""
    argv, env = _ingest_argv(src)
    times = []
    for _ in range(runs):
        copy = store.with_name(store.name + "-copy")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(store, copy)
        os.sync()  # the copy on disk, as a store is: the ingest's commit does not write it
        t = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([*argv, "--data-dir", str(copy), "ingest", str(feed)],
                       check=True, capture_output=True, env=env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((time.perf_counter() - t, after.ru_utime + after.ru_stime
                      - before.ru_utime - before.ru_stime))
    return times


def ingest_into_100k(statements: list[tuple[str, str]], runs: int = 3, src: Path | None = None) -> None:
    import bench_grouping as bg

    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run([PY, "-m", "compileall", "-q", str(src or ROOT / "src")], check=True)
    store = bg.build_store(bg.build_corpus(93))
    mixed = OUT / "store-mixed-zh"
    zh_dir = OUT / "zh-conferences"
    argv, env = _ingest_argv(src)
    if not (mixed / "done").exists():
        shutil.rmtree(mixed, ignore_errors=True)
        shutil.copytree(store, mixed)
        zh_dir.mkdir(parents=True, exist_ok=True)
        feeds = []
        for k in range(20):
            f = zh_dir / f"conf-{k:02d}.xml"
            conference_xml(f, date(2027, 1, 4) + timedelta(days=k), statements[k * 12:(k + 1) * 12], k)
            feeds.append(str(f))
        subprocess.run([*argv, "--data-dir", str(mixed), "ingest", *feeds],
                       check=True, capture_output=True, env=env)
        (mixed / "done").write_text("ok")
    one = zh_dir / "one.xml"
    conference_xml(one, date(2027, 3, 1), statements[500:512], 99)
    times = time_ingest(mixed, one, runs, src)
    out = subprocess.run([*argv, "--data-dir", str(mixed), "topics", "--json"],
                         check=True, capture_output=True, text=True, env=env).stdout
    n_items = sum(t["count"] for t in json.loads(out)["topics"])
    print(f"add one Chinese conference (12 statements) to the mixed store ({n_items} statements), "
          "process start included: " + ", ".join(_fig(t) for t in times))
    english = time_ingest(mixed, bg.one_briefing_feed(), runs, src)
    print("add one English briefing (~15 statements) to the same store, process start included: "
          + ", ".join(_fig(t) for t in english))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog=__doc__.split("\n\n", 1)[1],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zh-feed", type=Path, help="the Chinese MFA dev feed (mfa-dev-2016-2019-zh.xml, "
                    "not part of this repository): its statements permuted instead of generated ones")
    ap.add_argument("--n", type=int, default=10_000, help="statements grouped from scratch")
    ap.add_argument("--skip-store", action="store_true", help="skip the 100k-store ingest")
    ap.add_argument("--store-only", action="store_true", help="only the 100k-store ingests")
    ap.add_argument("--runs", type=int, default=3, help="runs of each 100k-store ingest")
    ap.add_argument("--src", type=Path, help="time these briefdash sources (a src/ folder) in the "
                    "100k-store ingests instead of this checkout's")
    ap.add_argument("--out", type=Path, help="where the stores are built and kept "
                    "(default benchmarks/out/)")
    args = ap.parse_args()
    if args.out:
        global OUT
        OUT = args.out
        import bench_grouping as bg

        bg.OUT = args.out
    if args.store_only:
        ingest_into_100k(generated_statements(600, seed=3), args.runs, args.src)
        return
    jieba_load()
    statements = (permuted_statements(args.zh_feed, args.n) if args.zh_feed
                  else generated_statements(args.n))
    print("jieba's modes on 300 statements:")
    modes([q + a for q, a in statements[:300]])
    group_10k(statements)
    if not args.skip_store:
        ingest_into_100k(generated_statements(600, seed=3), args.runs, args.src)


if __name__ == "__main__":
    main()
