"""Where the real material the benchmarks read comes from: it is not part of the repository,
and each benchmark's --help says so in these words."""
from __future__ import annotations

WH_ARCHIVE = """\
The White House 2022 transcripts archive (`wh-press-briefings-2022`): 298 White House
press-briefing transcripts of 2022, public domain (CC0), one Markdown file each with a YAML
header (`date`, `published_time`, `source_url`, `title`), in one folder per month (`2022-01/`,
…). It is not part of this repository: get the archive (a .tar.gz) from the project's maintainers
and extract it anywhere, or build the same layout yourself from the White House briefing-room
archive (https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/). Pass the
extracted `wh-press-briefings-2022` folder."""

MFA_FEED = """\
The China MFA dev feed: an RSS file of the Chinese Ministry of Foreign Affairs' regular press
conferences of 8 June – 13 July 2026 (25 conferences, one RSS item each, every Q&A as two
paragraphs "<outlet>: question" / "<spokesperson>: answer"; the labels in
benchmarks/data/mfa_labels.json refer to it). Get it from the project's maintainers, or write it
from the transcripts the ministry publishes at https://www.fmprc.gov.cn/eng/xw/fyrbt/lxjzh/
(`briefdash feeds add URL --index` reads them too)."""

MFA_ZH_FEED = """\
The China MFA's own Chinese edition of its regular press conferences, November 2016 – November
2019 (34 conferences, one RSS item each, `content:encoded` the page's transcript as published,
questions and answers as 问：/答：; the labels in benchmarks/data/mfa_zh_labels.json refer to 19 of
them). Get it from the project's maintainers, or write it from the transcripts the ministry
publishes at https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/."""

MFA_EN2018_FEED = """\
The China MFA's own English edition of its regular press conferences, May 2018 – November 2019
(26 conferences on the same days as the Chinese edition, Q:/A: layout; the labels in
benchmarks/data/mfa_en2018_labels.json refer to 19 of them). Get it from the project's
maintainers, or write it from the transcripts the ministry publishes at
https://www.fmprc.gov.cn/eng/xw/fyrbt/."""


def epilog(doc: str, skip: int = 1, **sources: str) -> str:
    """A script's --help epilog: its docstring after its first `skip` paragraphs, then each
    source's description under the option that takes it (`__wh_dir=WH_ARCHIVE` → "--wh-dir: …")."""
    parts = [doc.split("\n\n", skip)[skip].rstrip()]
    parts += [f"{name.replace('_', '-')}: {text}" for name, text in sources.items()]
    return "\n\n".join(parts)
