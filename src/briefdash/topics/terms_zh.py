"""Chinese words: jieba segmentation with a briefing user dictionary and stop-words.

A run of Chinese characters is cut into words (jieba's precise mode, HMM on for unknown names);
words of one character and the stock vocabulary of every briefing (中方, 有关, 问题, 表示, 记者,
我们, 希望, 情况…) are dropped; names and places stay whole (蓬佩奥, 香港国安法, 中印边界) by a
small user dictionary of briefing names, and are flagged as names, as are the words jieba's own
dictionary tags as person, place or organisation names (nr/ns/nt) and the unknown words of three
characters or more its HMM joins (transliterated names: 布朗菲尔德).

jieba is imported, and its dictionary loaded, only when the first Chinese text is met (a store
with no Chinese never pays for it), and once per process. The dictionary is jieba's own, cut to
its `DICT_WORDS` most frequent words (loading all 349k costs ~2 s a process, these ~0.3 s), and
kept as a prefix table in the user's cache directory after the first build.
"""
from __future__ import annotations

import io
import logging
import os
import pickle
import re
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

DICT_WORDS = 60_000  # jieba's most frequent words kept (its dictionary holds 349,046)
HMM = True  # unknown words (names) joined by jieba's HMM; see benchmarks/bench_zh_terms.py
# jieba tags many plain words nr or nz (和平, 公正, 友谊): only these count as names, and nr from
# three characters
NAME_TAGS = frozenset({"ns", "nt", "nrt", "nrfg"})
_CACHE_VERSION = 4

# Briefing names and places said as one word, with jieba's tag (nr person, ns place, nt body,
# nz other proper noun). Written for this project; extend freely.
USER_WORDS: dict[str, str] = {w: tag for tag, words in {
    "nr": """蓬佩奥 特朗普 彭斯 蒂勒森 博尔顿 莫迪 文在寅 金正恩 安倍晋三 安倍 杜特尔特 普京 拜登
        奥巴马 希拉里 莫里森 特鲁多 马克龙 默克尔 约翰逊 孟晚舟 达赖 斯派塞 麦克马斯特
        蔡英文 林郑月娥 黄之锋 罗伯逊 纳瓦罗 莱特希泽 姆努钦 马蒂斯 埃斯珀 哈斯佩尔
        杨洁篪 王毅 习近平 李克强 刘鹤 华春莹 耿爽 陆慷 赵立坚 汪文斌 王晓龙 武大伟 金立群
        洪森 昂山素季 哈梅内伊 鲁哈尼 马杜罗 瓜伊多 内塔尼亚胡 埃尔多安 卡舒吉""",
    "ns": """中印边界 中印边境 中朝边境 中越边境 锡金段 洞朗 南海 东海 黄岩岛 南沙群岛 西沙群岛
        钓鱼岛 台湾海峡 台海 朝鲜半岛 半岛 香港 澳门 新疆 西藏 台湾 海湖庄园 达沃斯 平壤 首尔
        新德里 华盛顿 莫斯科 东京 伊斯兰堡 德黑兰 加拉加斯 大马士革 喀布尔 霍尔木兹海峡
        中美 中日 中印 中俄 中欧 中朝 中韩 中菲 中越 中巴 中非 中澳 中加 中英 中德 中法 中梵
        美朝 朝美 朝韩 美韩 日韩 中美洲 拉美 亚太 印太""",
    "nt": """亚投行 世卫组织 世界卫生组织 世贸组织 世界贸易组织 联合国安理会 安理会 联合国大会 东盟
        上合组织 金砖国家 二十国集团 北约 欧盟 华为 中兴 国航 核供应国集团 国际刑事法院
        美国国务院 美国国会 美国财政部 美国商务部 白宫 外交部 商务部 国防部 全国人大""",
    "nz": """香港国安法 国安法 香港国家安全法 国家安全法 一带一路 一国两制 港独 台独 藏独 疆独
        萨德 萨德系统 反导系统 汇率操纵国 中导条约 伊核协议 全面协议 巴黎协定 新冠肺炎 新冠
        修例风波 修例 逃犯条例 实体清单 经贸磋商 贸易战 贸易摩擦 加征关税 半岛无核化 无核化
        九段线 南海仲裁案 仲裁案 航行自由 横行自由 人权理事会 联合国人权理事会 职业技能教育培训中心
        教培中心 香港人权与民主法案 台湾旅行法 对台军售 军售 一个中国原则 一个中国政策 内政 坚决反对""",
}.items() for w in words.split()}

# The vocabulary of every briefing: never a term (words of one character are dropped anyway).
STOPWORDS_ZH = frozenset("""
中方 中国 我国 我们 你们 他们 她们 它们 我方 对方 有关 相关 问题 表示 记者 这个 那个 这些 那些
希望 情况 方面 进行 已经 一直 目前 当前 今天 昨天 明天 近日 日前 此前 近期 最近 报道 据报道 消息
评论 回应 看法 立场 介绍 证实 能否 是否 如何 什么 怎么 为什么 哪些 有何 对此 此事 这一 这种 那种
以及 并且 而且 但是 不过 因为 所以 如果 虽然 还是 或者 还有 没有 不是 就是 也是 都是 一些 一个
所有 各方 双方 两国 国家 各国 地区 国际 有关方面 有关国家 方面 关于 对于 根据 通过 为了 由于
我想 我们认为 认为 指出 强调 重申 说明 注意 注意到 了解 掌握 关注 关切 高度重视 重视 相信 期待
愿意 愿同 支持 推动 促进 加强 维护 发展 合作 关系 共同 积极 重要 有利于 有利 作出 做出 发挥
继续 保持 坚持 不断 努力 工作 问道 提问 回答 答问 发言人 外交部 外交部发言人 政府 官员 领导人
部长 总统 总理 主席 外长 国务委员 大使 代表 先生 女士 朋友们 大家 谢谢 感谢 好的 下午好 上午好
再见 请问 第一 第二 第三 首先 其次 此外 另外 同时 然后 最后 刚才 已 将 会 能 要 应 应该 可以
需要 必须 可能 不会 不能 不要 一定 非常 十分 特别 比较 更加 更 很 最 都 也 还 又 再 就 才
这样 那样 怎样 这么 那么 一样 其他 其它 其中 之间 之后 之前 以来 以后 以前 以上 以下 左右 上述
如下 下列 有没有 是不是 会不会 能不能 有所 有些 任何 一切 每个 各个 某些 某种 具体 进一步
相互 彼此 一方面 另一方面 总之 总的来说 事实上 实际上 的确 确实 当然 显然 一贯 明确 清楚 一贯
有关报道 相关报道 有关情况 相关情况 据悉 获悉 据称 据了解 称 说 讲 问 答 听说 看到 看 听 提到
提出 提及 谈到 谈及 涉及 有意 打算 计划 准备 宣布 决定 开始 结束 举行 召开 出席 参加 会见 会谈
访问 访华 举办 期间 方式 方向 角度 方面 层面 意义 作用 影响 原因 结果 目的 基础 原则 精神
本着 按照 依照 依据 基于 鉴于 针对 围绕 就此 对此 为此 因此 从而 进而 以便 以免 便于
外界 媒体 舆论 有人 有些人 一些人 个别 少数 多数 大多数 许多 很多 不少 多次 一再 再次 反复
今年 去年 明年 上周 本周 下周 上个月 本月 下个月 日本时间 当地时间 北京时间 几天 这次 此次 上次
本次 下次 方才 现在 当时 那时 届时 以往 过去 未来 将来 今后 长期 短期 时间 时候 年 月 日
先生们 女士们 您 你 我 他 她 它 咱们 自己 本人 人们 我们的 他们的 你们的
稳定 解决 和平 对话 尊重 开展 人民 领域 包括 沟通 采取 提供 利益 发布 取得 中国政府 友好 能够
形势 共识 作为 全面 一道 推进 实现 达成 协商 伙伴 活动 务实 高度 一下 进程 至于 要求 政策 行动 主张
表态 坚定 始终 态度 交流 所谓 局势 成果 互信 密切 欢迎 措施 符合 发表 增进 建设性 在内 落实 完全
进展 这是 事实 行为 事务 互利 评价 深化 妥善 自身 正在 意见 良好 敦促 势头 正常 接受 询问 深入 部门
交换 贡献 关心 充分 致力 赞赏 人士 扩大 协调 正式 得到 繁荣 知道 正确 双边 多边 参与 考虑 持续 依法
向前 建立 处理 历史 安排 创造 相向 而行 第一个 第二个 第三个 公开 讨论 客观 做法 表明 承诺 带来 切实
这里 主要 一致 理解 看待 一段 交往 帮助 一系列 平等互利 事情 告诉 履行 复杂 阶段 造成 同意 应对 广泛
成为 表达 细节 对外 当地 探讨 负责 正如 所说 及时 友谊 意愿 类似 分别 存在 出现 合理 往来 中国外交部
新政府 大国 福祉 高水平 诚信 安宁 普通 共赢 外国 内政 坚决反对 坚决 反对 严正 公正 权威 顾问 文明
互利共赢 合作共赢 和平稳定 平等 双方同意 享有 深切 哀悼 慰问 表示深切 哪份 利民 发生 一名 两名 有关部门
主管部门 有关规定 有关法律 依法依规 上月 本月 今日 昨日 日内 当天 连日来 日前 有效 有力 不利 有益 积极作用 建设性作用 重要作用 一道努力
""".split())

_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_lock = threading.Lock()


def cache_dir() -> Path:
    """Where the cut dictionary is kept: $BRIEFDASH_CACHE_DIR, else the user's cache directory."""
    env = os.environ.get("BRIEFDASH_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefdash"))


Table = tuple[dict[str, int], int, list[str], list[str]]


def _build_table(jieba: Any) -> Table:
    """jieba's prefix table of its `DICT_WORDS` most frequent words, its name words and its
    nouns (tagged n…, vn or an: what a label's phrase may end with)."""
    path = Path(jieba.__file__).with_name("dict.txt")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2:
            rows.append((int(parts[1]), parts[0], parts[2] if len(parts) > 2 else ""))
    rows.sort(key=lambda r: (-r[0], r[1]))
    kept = rows[:DICT_WORDS]
    text = "".join(f"{w} {f}\n" for f, w, _ in kept).encode("utf-8")
    freq, total = jieba.Tokenizer.gen_pfdict(io.BytesIO(text))
    names = [w for _, w, tag in kept
             if (tag in NAME_TAGS and len(w) > 1) or (tag == "nr" and len(w) > 2)]
    nouns = [w for _, w, tag in kept if len(w) > 1 and (tag.startswith("n") or tag in ("vn", "an"))]
    return freq, total, names, nouns


def _load_table(jieba: Any) -> Table:
    """The cut dictionary from the cache, built (and cached, best effort) the first time.

    The cache is a pickle the process wrote itself in the user's own cache directory (pickle
    loads this table in a third of marshal's time: 0.07 s against 0.21 s here)."""
    version = getattr(jieba, "__version__", "0")
    folder = cache_dir()
    path = folder / f"jieba-{version}-top{DICT_WORDS}-v{_CACHE_VERSION}.pickle"
    try:
        with open(path, "rb") as f:
            freq, total, names, nouns = pickle.load(f)
        return freq, total, names, nouns
    except (OSError, ValueError, EOFError, TypeError, pickle.UnpicklingError):
        pass
    table = _build_table(jieba)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".jieba-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(table, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in folder.glob("jieba-*"):  # tables of other versions
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache: build it again next time
    return table


def _import_jieba() -> Any:
    """`import jieba`, without the pkg_resources it imports only to find its own files (0.4 s of
    its 0.6 s import; jieba opens them by path when pkg_resources is missing, as it is on
    setuptools without it)."""
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


class _Segmenter:
    """A jieba tokenizer over the cut dictionary plus the briefing user dictionary."""

    def __init__(self) -> None:
        jieba = _import_jieba()
        jieba.setLogLevel(logging.WARNING)
        freq, total, names, nouns = _load_table(jieba)
        tk = jieba.Tokenizer()
        tk.FREQ, tk.total = freq, total
        tk.initialized = True
        for word in USER_WORDS:
            tk.add_word(word, freq=max(tk.suggest_freq(word, tune=False), 2000))
        self.tokenizer = tk
        self.names = frozenset(names) | frozenset(USER_WORDS)
        self.nouns = frozenset(nouns) | self.names

    def is_nounlike(self, word: str) -> bool:
        """A noun or name by jieba's tags or the user dictionary, or a word jieba's dictionary
        does not know (joined by its HMM: mostly names)."""
        return word in self.nouns or not self.tokenizer.FREQ.get(word)

    def cut(self, text: str) -> list[str]:
        return self.tokenizer.lcut(text, HMM=HMM)


_segmenter: _Segmenter | None = None


def segmenter() -> _Segmenter:
    """The process's segmenter, made on first use (import and dictionary load paid once)."""
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                _segmenter = _Segmenter()
    return _segmenter


@lru_cache(maxsize=100_000)
def words(run: str) -> tuple[str, ...]:
    """The words of a run of Chinese text (punctuation and spaces dropped), in order."""
    return tuple(w for w in segmenter().cut(run) if w.strip() and not _is_punct(w))


def _is_punct(word: str) -> bool:
    return all(not (c.isalnum()) for c in word)


def is_stopword(word: str) -> bool:
    return word in STOPWORDS_ZH or len(word) < 2 or bool(_LATIN_OR_DIGIT.search(word))


def is_nounlike(word: str) -> bool:
    """See `_Segmenter.is_nounlike`; Latin words (BNO, 5G) count as names."""
    return not _CJK_CHAR.search(word) or segmenter().is_nounlike(word)


_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=100_000)
def terms(run: str) -> tuple[tuple[str, bool], ...]:
    """Terms of a run of Chinese characters: (word, is_name), stop-words and single characters
    dropped. Latin letters and digits are the Latin extractor's (BNO, 5G)."""
    seg = segmenter()
    out = []
    for w in words(run):
        if is_stopword(w):
            continue
        name = w in seg.names or (len(w) >= 3 and not seg.tokenizer.FREQ.get(w))
        out.append((w, name))
    return tuple(out)
