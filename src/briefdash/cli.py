"""The `briefdash` command: parses arguments, calls the services, prints text or JSON."""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from . import __version__
from .config import STYLES, load_config, save_config
from .errors import BriefdashError
from .models import FeedConfig, FetchResult

EXIT_OK, EXIT_USER, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with one line + usage hint
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="keep config and database in DIR (env BRIEFDASH_DATA_DIR)")
    common.add_argument("--verbose", "-v", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks and more detail")

    p = _Parser(prog="briefdash", parents=[common],
                description="A terminal dashboard for diplomatic press briefings. "
                            "Without a command, opens the dashboard.")
    p.add_argument("--version", action="version", version=f"briefdash {__version__}")
    p.add_argument("--demo", action="store_true",
                   help="open the dashboard on the bundled demo corpus (throw-away data dir)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    feeds = sub.add_parser("feeds", parents=[common], help="manage subscribed feeds")
    fsub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True,
                                parser_class=_Parser)
    a = fsub.add_parser("add", parents=[common], help="subscribe to a feed URL or file")
    a.add_argument("source", metavar="URL_OR_PATH")
    a.add_argument("--name", help="a short name (default: the address)")
    a.add_argument("--style", choices=STYLES, help="transcript style hint for this feed")
    a.add_argument("--ministry", help="who speaks in this feed")
    fsub.add_parser("list", parents=[common], help="list feeds with their last fetch status") \
        .add_argument("--json", action="store_true", help="print JSON")
    r = fsub.add_parser("remove", parents=[common], help="unsubscribe (stored briefings stay)")
    r.add_argument("feed", metavar="NAME_OR_URL")
    for verb, enabled in (("enable", True), ("disable", False)):
        e = fsub.add_parser(verb, parents=[common], help=f"{verb} a feed")
        e.add_argument("feed", metavar="NAME_OR_URL")
    i = fsub.add_parser("import", parents=[common], help="subscribe to every feed in an OPML file")
    i.add_argument("file", metavar="FILE.opml")
    x = fsub.add_parser("export", parents=[common], help="write subscriptions as OPML 2.0")
    x.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")

    sub.add_parser("fetch", parents=[common], help="refresh all enabled feeds, then regroup")
    ing = sub.add_parser("ingest", parents=[common], help="read feed files/URLs once, without subscribing")
    ing.add_argument("sources", nargs="+", metavar="URL_OR_PATH")
    sub.add_parser("regroup", parents=[common], help="rebuild all topics from scratch (curation kept)")

    t = sub.add_parser("topics", parents=[common], help="list topics, or curate them")
    t.add_argument("--json", action="store_true", help="print JSON with every item")
    tsub = t.add_subparsers(dest="topics_command", metavar="ACTION", parser_class=_Parser)
    rn = tsub.add_parser("rename", parents=[common], help="give a topic your own label")
    rn.add_argument("topic", metavar="TOPIC")
    rn.add_argument("label")
    mg = tsub.add_parser("merge", parents=[common], help="merge SOURCE into TARGET")
    mg.add_argument("source", metavar="SOURCE")
    mg.add_argument("target", metavar="TARGET")
    mv = tsub.add_parser("move", parents=[common], help="move an item to another topic")
    mv.add_argument("item", metavar="ITEM_ID")
    mv.add_argument("topic", metavar="TOPIC")
    sp = tsub.add_parser("split", parents=[common], help="split items off into a new topic")
    sp.add_argument("items", nargs="+", metavar="ITEM_ID")
    sp.add_argument("--label", help="label of the new topic")
    si = tsub.add_parser("similar", parents=[common],
                         help="topics most alike TOPIC: likely duplicates to merge")
    si.add_argument("topic", metavar="TOPIC")
    si.add_argument("--limit", type=int, default=10)
    si.add_argument("--json", action="store_true", help="print JSON")
    for verb in ("pin", "unpin", "watch", "unwatch"):
        tsub.add_parser(verb, parents=[common], help=f"{verb} a topic").add_argument("topic", metavar="TOPIC")

    tl = sub.add_parser("timeline", parents=[common], help="a topic's statements in date order")
    tl.add_argument("topic", metavar="TOPIC", help="topic id or label (fuzzy)")
    tl.add_argument("--json", action="store_true", help="print JSON")
    se = sub.add_parser("search", parents=[common], help="full-text search over all Q&A")
    se.add_argument("query", nargs="+")
    se.add_argument("--json", action="store_true", help="print JSON")
    se.add_argument("--limit", type=int, default=50)
    ex = sub.add_parser("export", parents=[common], help="export topic timelines to Markdown or JSON")
    ex.add_argument("topics", nargs="*", metavar="TOPIC")
    ex.add_argument("--all", action="store_true", help="every topic: one file each plus an index")
    ex.add_argument("-o", "--output", metavar="PATH", help="file (or directory with --all)")
    ex.add_argument("--format", choices=("md", "json"), default="md")
    return p


# ---- helpers --------------------------------------------------------------------------------
def _open(args):
    from .library import Library

    return Library.open(getattr(args, "data_dir", None))


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def _print_result(res: FetchResult, done: int, total: int) -> None:
    print(f"[{done}/{total}] {res.summary()}" + (f" ({res.error})" if res.ok and res.error else ""),
          flush=True)


def _terminal_safe(text: str) -> str:
    from .sanitize import sanitize

    return sanitize(text)


# ---- commands -------------------------------------------------------------------------------
def cmd_feeds(args) -> int:
    from .feeds.fetch import is_remote
    from .feeds.opml import parse_opml, to_opml
    from .config import Paths

    cfg_path = Paths.resolve(getattr(args, "data_dir", None)).config_file
    cfg = load_config(cfg_path)
    action = args.feeds_command
    if action == "add":
        src = args.source
        if not is_remote(src):
            p = Path(src).expanduser()
            if not p.exists():
                raise BriefdashError(f"no such file or directory: {src}")
            src = str(p.resolve())
        elif "://" not in src or src.split("://", 1)[1] == "":
            raise BriefdashError(f"not a valid address: {src}")
        if cfg.find_feed(src):
            raise BriefdashError(f"already subscribed: {src}")
        name = args.name or src
        if any(f.name == name for f in cfg.feeds):
            raise BriefdashError(f"a feed named '{name}' exists; choose another --name")
        cfg.feeds.append(FeedConfig(name=name, url=src, style=args.style, ministry=args.ministry))
        save_config(cfg, cfg_path)
        print(f"added {name}")
    elif action == "list":
        lib = _open(args)
        status = lib.store.all_feed_status()
        rows = []
        for f in cfg.feeds:
            st = status.get(f.url)
            rows.append({"name": f.name, "url": f.url, "style": f.style, "ministry": f.ministry,
                         "enabled": f.enabled, "status": st["status"] if st else "never fetched",
                         "last_fetch": st["last_fetch"] if st else None,
                         "last_success": st["last_success"] if st else None,
                         "error": st["error"] if st else None})
        if args.json:
            _print_json({"feeds": rows})
        elif not rows:
            print("no feeds yet: add one with `briefdash feeds add URL` or `briefdash feeds import FILE.opml`")
        else:
            for r in rows:
                flag = "" if r["enabled"] else " (disabled)"
                err = f" — {r['error']}" if r["error"] else ""
                print(_terminal_safe(f"{r['name']}{flag}  {r['url']}  [{r['status']}"
                                     f"{', ' + r['last_fetch'] if r['last_fetch'] else ''}]{err}"))
    elif action == "remove":
        f = cfg.find_feed(args.feed)
        if not f:
            raise BriefdashError(f"no feed named {args.feed} (see `briefdash feeds list`)")
        cfg.feeds.remove(f)
        save_config(cfg, cfg_path)
        print(f"removed {f.name} (its briefings stay in the library)")
    elif action in ("enable", "disable"):
        f = cfg.find_feed(args.feed)
        if not f:
            raise BriefdashError(f"no feed named {args.feed} (see `briefdash feeds list`)")
        f.enabled = action == "enable"
        save_config(cfg, cfg_path)
        print(f"{action}d {f.name}")
    elif action == "import":
        p = Path(args.file).expanduser()
        if not p.is_file():
            raise BriefdashError(f"no such file: {args.file}")
        added = skipped = 0
        for f in parse_opml(p.read_bytes()):
            if cfg.find_feed(f.url):
                skipped += 1
                continue
            while any(x.name == f.name for x in cfg.feeds):
                f.name += " (2)"
            cfg.feeds.append(f)
            added += 1
        save_config(cfg, cfg_path)
        print(f"imported {added} feeds, skipped {skipped} already subscribed")
    elif action == "export":
        text = to_opml(cfg.feeds)
        if args.output:
            Path(args.output).expanduser().write_text(text, encoding="utf-8")
            print(f"wrote {len(cfg.feeds)} feeds to {args.output}")
        else:
            sys.stdout.write(text)
    return EXIT_OK


def _report(results: list[FetchResult], lib) -> int:
    failures = [r for r in results if not r.ok]
    from .watch import watched_news

    news = watched_news(lib.store)
    for line in news.lines():
        print(line)
    if results and len(failures) == len(results):
        print(f"all {len(results)} feeds failed", file=sys.stderr)
        return EXIT_USER
    return EXIT_OK


def cmd_fetch(args) -> int:
    from .library import refresh

    lib = _open(args)
    feeds = [f for f in lib.config.feeds if f.enabled]
    if not feeds:
        raise BriefdashError("no feeds to fetch: add one with `briefdash feeds add URL`")
    results = refresh(lib, _print_result)
    return _report(results, lib)


def cmd_ingest(args) -> int:
    from .library import ingest

    lib = _open(args)
    results = ingest(lib, args.sources, _print_result)
    return _report(results, lib)


def cmd_regroup(args) -> int:
    from .library import regroup_all

    lib = _open(args)
    n = regroup_all(lib)
    print(f"regrouped {n} items into {len(lib.store.topics())} topics")
    return EXIT_OK


def resolve_topic(store, text: str):
    """A topic by id, else by label (exact, then fuzzy)."""
    from .topics.lookup import find_topic

    t = find_topic(store, text)
    if t is None:
        raise BriefdashError(f"no topic matches '{text}' (see `briefdash topics`)")
    return t


def cmd_topics(args) -> int:
    from .export import item_json, topic_json

    lib = _open(args)
    store = lib.store
    action = getattr(args, "topics_command", None)
    if action:
        from .topics import curation

        if action == "rename":
            t = resolve_topic(store, args.topic)
            curation.rename(store, t.id, args.label)
            print(f"topic {t.id} renamed to {args.label}")
        elif action == "merge":
            src, dst = resolve_topic(store, args.source), resolve_topic(store, args.target)
            if src.id == dst.id:
                raise BriefdashError("cannot merge a topic into itself")
            curation.merge(store, src.id, dst.id, lib.config)
            print(f"merged topic {src.id} ({src.label}) into {dst.id} ({dst.label})")
        elif action == "move":
            t = resolve_topic(store, args.topic)
            if store.item(args.item) is None:
                raise BriefdashError(f"no item with id {args.item}")
            curation.move(store, args.item, t.id, lib.config)
            print(f"moved {args.item} to topic {t.id} ({t.label})")
        elif action == "similar":
            from .topics.similar import similar_topics

            t = resolve_topic(store, args.topic)
            if args.limit < 1:
                raise BriefdashError("--limit must be at least 1")
            alike = similar_topics(store, t.id, args.limit)
            if args.json:
                _print_json({"topic": t.id, "similar": [
                    {"id": o.id, "label": o.label, "count": o.count, "similarity": round(sim, 3)}
                    for o, sim in alike]})
                return EXIT_OK
            if not alike:
                print(_terminal_safe(f"no topic shares key terms with {t.id} ({t.label})"))
            for o, sim in alike:
                print(_terminal_safe(f"{o.id:>5}  {sim:4.2f}  {o.label}  ({o.count})"))
            return EXIT_OK
        elif action == "split":
            missing = [i for i in args.items if store.item(i) is None]
            if missing:
                raise BriefdashError(f"no item with id {missing[0]}")
            tid = curation.split(store, args.items, args.label, lib.config)
            print(f"split {len(args.items)} items into topic {tid}")
        else:
            t = resolve_topic(store, args.topic)
            curation.set_flag(store, t.id, action)
            print(f"topic {t.id} ({t.label}): {action}ned" if action.endswith("pin") else
                  f"topic {t.id} ({t.label}): {action}ed")
        return EXIT_OK
    topics = store.topics()
    if args.json:
        by_topic: dict[int, list] = {}
        for it in store.items_in_order("i.topic_id IS NOT NULL"):
            by_topic.setdefault(it.topic_id, []).append(it)
        _print_json({"topics": [topic_json(t, by_topic.get(t.id, [])) for t in topics],
                     "unassigned": [item_json(it) for it in store.unassigned_items(everything=True)]})
        return EXIT_OK
    if not topics:
        print("no topics yet: `briefdash fetch` or `briefdash ingest FILE` first")
    for t in topics:
        flags = ("📌 " if t.pinned else "") + ("👁 " if t.watched else "")
        span = f"{t.first_seen} – {t.last_seen}" if t.first_seen else ""
        print(_terminal_safe(f"{t.id:>5}  {flags}{t.label}  ({t.count}, {span})"))
    return EXIT_OK


def cmd_timeline(args) -> int:
    from .topics.positions import build_timeline
    from .export import timeline_json

    lib = _open(args)
    t = resolve_topic(lib.store, args.topic)
    tl = build_timeline(t, lib.store.topic_items(t.id))
    if args.json:
        _print_json(timeline_json(tl))
        return EXIT_OK
    print(_terminal_safe(f"{t.label} — {t.count} statements, {t.first_seen} – {t.last_seen}"))
    for e in tl.entries:
        it = e.item
        who = it.speaker or it.ministry or ""
        asked = f" (asked by {it.asker})" if it.asker else ""
        mark = " [restatement]" if e.restatement else ""
        new = f"  new: {', '.join(repr(p) for p in e.new_phrases[:3])}" if e.new_phrases else ""
        print(_terminal_safe(f"{it.date}  {it.ministry or ''} · {who}{asked}{mark}\n    "
                             f"{it.position or it.answer[:200]}{new}"))
    return EXIT_OK


def cmd_search(args) -> int:
    from .export import item_json

    lib = _open(args)
    query = " ".join(args.query)
    hits = lib.store.search(query, limit=args.limit)
    if args.json:
        _print_json({"query": query, "results": [
            dict(item_json(it), topic_id=it.topic_id,
                 snippet=snip.replace("\x01", "").replace("\x02", "")) for it, snip in hits]})
        return EXIT_OK
    if not hits:
        print(f"no statements match '{query}'")
    for it, snip in hits:
        s = " ".join(snip.replace("\x01", "»").replace("\x02", "«").split())
        print(_terminal_safe(f"{it.date}  {it.ministry or ''} · {it.speaker or ''}  [topic {it.topic_id}] {it.id}\n    {s}"))
    return EXIT_OK


def cmd_export(args) -> int:
    from .export import export_topics

    lib = _open(args)
    if args.all and args.topics:
        raise BriefdashError("give topics or --all, not both")
    if not args.all and not args.topics:
        raise BriefdashError("name at least one topic, or use --all")
    topics = lib.store.topics() if args.all else [resolve_topic(lib.store, t) for t in args.topics]
    written = export_topics(lib.store, topics, args.output, fmt=args.format, all_mode=args.all)
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def run_tui(args) -> int:
    if getattr(args, "demo", False):
        from .demo_library import prepare_demo_library

        print("briefdash: reading the demo corpus into a throw-away library…", file=sys.stderr,
              flush=True)
        data_dir = prepare_demo_library()
    else:
        data_dir = getattr(args, "data_dir", None)
    from .tui.app import run

    return run(data_dir, demo=getattr(args, "demo", False)) or EXIT_OK


COMMANDS = {"feeds": cmd_feeds, "fetch": cmd_fetch, "ingest": cmd_ingest, "regroup": cmd_regroup,
            "topics": cmd_topics, "timeline": cmd_timeline, "search": cmd_search,
            "export": cmd_export}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    verbose = getattr(args, "verbose", False) or bool(os.environ.get("BRIEFDASH_VERBOSE"))
    try:
        if args.command is None:
            return run_tui(args)
        return COMMANDS[args.command](args)
    except BriefdashError as exc:
        if verbose:
            traceback.print_exc()
        print(f"briefdash: {exc}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("briefdash: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one line, and the traceback with --verbose
        if verbose:
            traceback.print_exc()
        print(f"briefdash: internal error: {type(exc).__name__}: {exc} "
              "(run with --verbose for details, and please report it)", file=sys.stderr)
        return EXIT_USER
