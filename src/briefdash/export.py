"""Rendering topics and timelines as JSON-ready dicts and as Markdown documents."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .models import QAItem, Topic


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def item_json(it: QAItem) -> dict:
    return {
        "id": it.id, "entry_link": it.entry_link, "index": it.index, "kind": it.kind,
        "date": _iso(it.date), "ministry": it.ministry, "speaker": it.speaker,
        "asker": it.asker, "question": it.question, "answer": it.answer,
        "position": it.position,
    }


def topic_json(t: Topic, items: list[QAItem] | None = None) -> dict:
    out = {"id": t.id, "label": t.label, "count": t.count, "first_seen": _iso(t.first_seen),
           "last_seen": _iso(t.last_seen), "pinned": t.pinned, "watched": t.watched,
           "ministries": t.ministries,
           "issue": {"id": t.issue_id, "label": t.issue_label} if t.issue_id is not None else None}
    if items is not None:
        out["items"] = [item_json(i) for i in items]
    return out


# ---- Markdown -------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")
_LIST_START = re.compile(r"(?m)^(\s*)(\d+)([.)])")
_RULE_START = re.compile(r"(?m)^(\s*)([-=])")
_RISKY_STARTS = frozenset("0123456789-=")


def md_escape(text: str | None) -> str:
    """Make feed text inert in Markdown: no links, HTML, headings, code or emphasis."""
    if not text:
        return ""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # A line starting with digits + "." or "-"/"=" could become a list or a setext heading.
    if "\n" in text or text.lstrip()[:1] in _RISKY_STARTS:
        text = _LIST_START.sub(r"\1\2\\\3", text)
        text = _RULE_START.sub(r"\1\\\2", text)
    return text


def md_link_target(url: str | None) -> str | None:
    """Only http(s) links are written as links; anything else is shown as text."""
    if url and re.match(r"(?i)^https?://", url) and not re.search(r"[\s<>\\]", url):
        return url
    return None


def _quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in md_escape(text).splitlines())


def timeline_json(tl) -> dict:
    """The contract's shape: topic, entries (item fields + wording changes), stock_phrases."""
    return {
        "topic": topic_json(tl.topic),
        "entries": [dict(item_json(e.item), new_phrases=e.new_phrases,
                         dropped_phrases=e.dropped_phrases, restatement=e.restatement,
                         first_formulas=e.first_formulas, follows=e.item.follows,
                         entry_title=e.item.entry_title, source=e.item.source)
                    for e in tl.entries],
        "stock_phrases": [{"phrase": s.phrase, "ministry": s.ministry, "count": s.count,
                           "first_seen": _iso(s.first_seen), "last_seen": _iso(s.last_seen)}
                          for s in tl.stock_phrases],
    }


def _mark_new(answer_part: str, phrases: list[str]) -> str:
    """Escape `answer_part` and wrap each new phrase in **bold** (marks added after escaping)."""
    if not phrases:
        return md_escape(answer_part)
    low = answer_part.lower()
    spans = []
    for p in phrases:
        i = low.find(p.lower())
        if i >= 0:
            spans.append((i, i + len(p)))
    spans.sort()
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out.append(md_escape(answer_part[pos:a]))
        out.append("**" + md_escape(answer_part[a:b]) + "**")
        pos = b
    out.append(md_escape(answer_part[pos:]))
    return "".join(out)


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def topic_markdown(tl) -> str:
    """One topic as a Markdown document: span, counts, stock phrases, then the timeline."""
    t = tl.topic
    lines = [f"# {md_escape(_one_line(t.label))}", ""]
    lines.append(f"- Span: {_iso(t.first_seen) or '?'} to {_iso(t.last_seen) or '?'}")
    lines.append(f"- Statements: {len(tl.entries)}")
    per_min = Counter(e.item.ministry or "unknown" for e in tl.entries)
    for m, n in sorted(per_min.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  - {md_escape(_one_line(m))}: {n}")
    lines.append("")
    if tl.stock_phrases:
        lines += ["## Stock phrases", ""]
        for s in tl.stock_phrases:
            lines.append(f"- “{md_escape(s.phrase)}” ({md_escape(_one_line(s.ministry)) or 'unknown'}): "
                         f"{s.count}×, first {_iso(s.first_seen)}, last {_iso(s.last_seen)}")
        lines.append("")
    lines += ["## Timeline", ""]
    for e in tl.entries:
        it = e.item
        head = f"### {_iso(it.date) or 'undated'} · {md_escape(_one_line(it.ministry)) or 'unknown ministry'}"
        lines += [head, ""]
        meta = []
        if it.speaker:
            meta.append(f"Spokesperson: {md_escape(_one_line(it.speaker))}")
        if it.asker:
            meta.append(f"Asked by: {md_escape(_one_line(it.asker))}")
        if it.kind != "qa":
            meta.append(f"Kind: {it.kind}")
        if e.restatement:
            meta.append("Restatement of the previous position")
        if meta:
            lines += [" · ".join(meta), ""]
        if it.question:
            lines += [f"**Question:** {md_escape(_one_line(it.question))}", ""]
        stance = it.position or it.answer
        if stance:
            lines += [_quote_marked(_one_line(stance), e.new_phrases), ""]
        if e.new_phrases:
            lines += ["New wording: " + "; ".join(f"“{md_escape(_one_line(p))}”" for p in e.new_phrases[:8]), ""]
        if e.dropped_phrases:
            lines += ["Dropped since the previous statement: " +
                      "; ".join(f"“{md_escape(_one_line(p))}”" for p in e.dropped_phrases[:8]), ""]
        if e.first_formulas:
            lines += ["First use of: " + "; ".join(f"“{md_escape(p)}”" for p in e.first_formulas), ""]
        target = md_link_target(it.entry_link)
        title = md_escape(_one_line(it.entry_title)) or "source"
        if target:
            lines += [f"Source: [{title}](<{target}>)", ""]
        else:
            lines += [f"Source: {title} ({md_escape(it.entry_link or 'no link')})", ""]
    return "\n".join(lines).rstrip() + "\n"


def _quote_marked(text: str, phrases: list[str]) -> str:
    return "> " + _mark_new(text, phrases)


def _slug(text: str) -> str:
    s = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return s[:60] or "topic"


PARALLEL_EXPORT_MIN = 5000  # statements above which `--all` renders in several processes


def render_topic(tl, fmt: str) -> str:
    """One topic's document: Markdown, or the timeline JSON."""
    import json

    if fmt == "json":
        return json.dumps(timeline_json(tl), ensure_ascii=False, indent=1) + "\n"
    return topic_markdown(tl)


def _topic_file(t, fmt: str) -> str:
    return f"{t.id:05d}-{_slug(t.label)}.{'json' if fmt == 'json' else 'md'}"


def _write_topic_files(db_path: str, topics: list, out_dir: str, fmt: str) -> None:
    """Worker: render and write these topics' files from its own read connection."""
    from pathlib import Path

    from .store import Store
    from .topics.positions import build_timeline

    store = Store(db_path)
    try:
        for t in topics:
            tl = build_timeline(t, store.topic_items(t.id))
            (Path(out_dir) / _topic_file(t, fmt)).write_text(render_topic(tl, fmt), encoding="utf-8")
    finally:
        store.close()


def _balanced(topics: list, parts: int) -> list[list]:
    """Split topics into `parts` lists of about equal total statements (largest first)."""
    bins: list[list] = [[] for _ in range(parts)]
    load = [0] * parts
    for t in sorted(topics, key=lambda t: -t.count):
        k = load.index(min(load))
        bins[k].append(t)
        load[k] += t.count
    return [b for b in bins if b]


def export_topics(store, topics: list, output: str | None, *, fmt: str = "md",
                  all_mode: bool = False) -> list[str]:
    """Write topics to files; returns the paths written ("-" for stdout).

    `--all` writes one file per topic plus an index; a large library is rendered by one
    process per core.
    """
    import json
    import os
    import sys
    from pathlib import Path

    from .topics.positions import build_timeline

    if not all_mode:
        texts = [render_topic(build_timeline(t, store.topic_items(t.id)), fmt) for t in topics]
        text = ("\n\n".join(texts) if fmt == "md" else
                texts[0] if len(texts) == 1 else "[" + ",\n".join(texts) + "]\n")
        if output in (None, "-"):
            sys.stdout.write(text)
            return ["-"]
        path = Path(output).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        return [str(path)]
    out_dir = Path(output or "briefdash-export").expanduser()
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and sum(t.count for t in topics) > PARALLEL_EXPORT_MIN and len(topics) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            jobs = [pool.submit(_write_topic_files, str(store.path), part, str(out_dir), fmt)
                    for part in _balanced(topics, workers)]
            for job in jobs:
                job.result()
    else:
        _write_topic_files(str(store.path), topics, str(out_dir), fmt)
    index = [(t, _topic_file(t, fmt)) for t in topics]
    written = [str(out_dir / n) for _, n in index]
    if fmt == "json":
        idx_text = json.dumps({"topics": [dict(topic_json(t), file=n) for t, n in index]},
                              ensure_ascii=False, indent=1) + "\n"
        idx_name = "index.json"
    else:
        rows = ["# briefdash export", "", f"{len(index)} topics.", ""]
        rows += [f"- [{md_escape(_one_line(t.label))}](<{n}>) — {t.count} statements, "
                 f"{_iso(t.first_seen)} to {_iso(t.last_seen)}" for t, n in index]
        idx_text = "\n".join(rows) + "\n"
        idx_name = "index.md"
    (out_dir / idx_name).write_text(idx_text, encoding="utf-8")
    written.append(str(out_dir / idx_name))
    return written
