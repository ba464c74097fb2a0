"""The `briefdash` command: parses arguments, calls the services, prints text or JSON."""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

from . import __version__
from .config import STYLES, load_config, save_config
from .errors import AmbiguousName, BriefdashError
from .models import FeedConfig, FetchResult, Topic

EXIT_OK, EXIT_USER, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with one line + usage hint
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)  # only lends its arguments to the parsers below
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="keep config and database in DIR (env BRIEFDASH_DATA_DIR)")
    common.add_argument("--store", metavar="URL", default=argparse.SUPPRESS,
                        help="the store: sqlite:///PATH (default: in the data dir) or "
                             "postgresql://user@host/db (env BRIEFDASH_STORE, or [store] url "
                             "in config.toml)")
    common.add_argument("--verbose", "-v", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks and more detail")

    p = _Parser(prog="briefdash", parents=[common],
                description="A terminal dashboard for diplomatic press briefings. "
                            "Without a command, opens the dashboard.")
    p.add_argument("--version", action="version", version=f"briefdash {__version__}")
    p.add_argument("--demo", action="store_true",
                   help="open the dashboard on the bundled demo corpus (throw-away data dir)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add_feeds_parser(sub, common)
    sub.add_parser("fetch", parents=[common], help="refresh all enabled feeds, then regroup")
    ing = sub.add_parser(
        "ingest", parents=[common], help="read feed files/URLs once, without subscribing",
        description="Read feeds (files, directories of feed files, URLs) once, without "
                    "subscribing. A web page or a .html/.txt file that is not a feed is read as "
                    "one briefing: a news report of a briefing (one report item with the "
                    "spokesperson and the briefing's date) or a transcript page (its Q&A items).")
    ing.add_argument("sources", nargs="+", metavar="URL_OR_PATH")
    sub.add_parser("regroup", parents=[common], help="rebuild all topics from scratch (curation kept)")
    _add_topics_parser(sub, common)
    _add_store_parser(sub, common)
    _add_issues_parser(sub, common)
    _add_storylines_parser(sub, common)
    tl = sub.add_parser("timeline", parents=[common],
                        help="a topic's (or an issue's) statements in date order")
    tl.add_argument("topic", metavar="TOPIC_OR_ISSUE",
                    help="topic id or label (fuzzy); issue:ID or issue:LABEL for an issue; "
                         "storyline:NAME for a storyline")
    tl.add_argument("--json", action="store_true", help="print JSON")
    _add_filter_args(tl)
    se = sub.add_parser("search", parents=[common], help="full-text search over all Q&A")
    se.add_argument("query", nargs="+")
    se.add_argument("--json", action="store_true", help="print JSON")
    se.add_argument("--limit", type=int, default=50)
    se.add_argument("--issue", metavar="ISSUE", help="only statements of this issue (id or label)")
    _add_filter_args(se)
    qu = sub.add_parser("quote", parents=[common],
                        help="a statement's words with speaker, ministry, date and link")
    qu.add_argument("statement", metavar="STATEMENT_ID")
    qu.add_argument("--format", choices=("md", "text"), default="text")
    se.add_argument("--storyline", metavar="NAME", help="only statements of this storyline")
    _add_export_parser(sub, common)
    _add_serve_parser(sub, common)
    return p


def _add_filter_args(p) -> None:
    """`--since/--until/--ministry/--speaker`, as `timeline` and `search` take them."""
    p.add_argument("--since", metavar="DATE", help="only statements on or after DATE (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="only statements on or before DATE (YYYY-MM-DD)")
    _add_name_filter_args(p)


def _add_name_filter_args(p) -> None:
    p.add_argument("--ministry", metavar="NAME",
                   help="only this ministry's statements (its name, short name or initials)")
    p.add_argument("--speaker", metavar="NAME", help="only this spokesperson's statements")


def statement_filter(args):
    """The command's `--since/--until/--ministry/--speaker` as a `StatementFilter`."""
    from .export import parse_day
    from .topics.filters import StatementFilter

    try:
        since = parse_day(args.since, "--since") if getattr(args, "since", None) else None
        until = parse_day(args.until, "--until") if getattr(args, "until", None) else None
    except ValueError as exc:
        raise BriefdashError(str(exc)) from None
    if since and until and since > until:
        raise BriefdashError(f"--since {since} is after --until {until}")
    return StatementFilter(since=since, until=until, ministry=getattr(args, "ministry", None),
                           speaker=getattr(args, "speaker", None))


def _in_stored_names(keep, lib):
    """The filter with its spokesperson and ministry as the store keeps them: one person in
    either script (华春莹 = Hua Chunying), one ministry (外交部)."""
    from dataclasses import replace

    from .transcripts.spokespersons import Identities

    names = Identities(lib.config.spokespersons)
    return replace(keep, speaker=names.person(keep.speaker), ministry=names.ministry(keep.ministry))


def _add_feeds_parser(sub, common) -> None:
    feeds = sub.add_parser("feeds", parents=[common], help="manage subscribed feeds")
    fsub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True,
                                parser_class=_Parser)
    a = fsub.add_parser(
        "add", parents=[common], help="subscribe to a feed, a briefing index page or a command",
        description="Subscribe to a feed (URL or file), a page listing briefings (--index), "
                    "or a command: exec:COMMAND prints a feed, filter:COMMAND:URL turns the page "
                    "at URL into one. A web page that is not a feed is searched for the feeds it "
                    "names (<link rel=\"alternate\">).")
    a.add_argument("source", metavar="URL_OR_PATH")
    a.add_argument("--name", help="a short name (default: the address)")
    a.add_argument("--style", choices=STYLES, help="transcript style hint for this feed")
    a.add_argument("--ministry", help="who speaks in this feed")
    a.add_argument("--index", action="store_true",
                   help="URL is a page listing briefings: fetch the briefing pages it links to")
    a.add_argument("--match", metavar="RE",
                   help="with --index: briefing links match RE (default: under the page's path)")
    a.add_argument("--max", type=int, metavar="N", dest="max_links",
                   help="with --index: at most N briefing links per fetch (default 20)")
    a.add_argument("--yes", "-y", action="store_true",
                   help="a web page naming several feeds: take the first without asking")
    fsub.add_parser("list", parents=[common], help="list feeds with their last fetch status") \
        .add_argument("--json", action="store_true", help="print JSON")
    r = fsub.add_parser("remove", parents=[common], help="unsubscribe (stored briefings stay)")
    r.add_argument("feed", metavar="NAME_OR_URL")
    for verb in ("enable", "disable"):
        e = fsub.add_parser(verb, parents=[common], help=f"{verb} a feed")
        e.add_argument("feed", metavar="NAME_OR_URL")
    i = fsub.add_parser("import", parents=[common], help="subscribe to every feed in an OPML file")
    i.add_argument("file", metavar="FILE.opml")
    i.add_argument("--allow-commands", action="store_true",
                   help="trust the file: also import exec:/filter: sources (they run commands) and "
                        "index --match patterns; only for files you wrote")
    x = fsub.add_parser("export", parents=[common], help="write subscriptions as OPML 2.0")
    x.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")


def _add_store_parser(sub, common) -> None:
    st = sub.add_parser("store", parents=[common], help="move a library between stores")
    ssub = st.add_subparsers(dest="store_command", metavar="ACTION", parser_class=_Parser)
    ssub.required = True
    cp = ssub.add_parser("copy", parents=[common],
                         help="copy a library into an empty store (SQLite ↔ PostgreSQL)",
                         description="Copy every table of the library at --from into the empty "
                                     "store at --to, then check that every count matches.")
    cp.add_argument("--from", dest="source", required=True, metavar="URL",
                    help="sqlite:///PATH or postgresql://user@host/db")
    cp.add_argument("--to", dest="dest", required=True, metavar="URL",
                    help="an empty store: sqlite:///PATH or postgresql://user@host/db")


def _add_topics_parser(sub, common) -> None:
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


def _add_issues_parser(sub, common) -> None:
    iss = sub.add_parser("issues", parents=[common],
                         help="list issues (topics rolled up into storylines), or curate them")
    iss.add_argument("--json", action="store_true", help="print JSON")
    isub = iss.add_subparsers(dest="issues_command", metavar="ACTION")
    irn = isub.add_parser("rename", parents=[common], help="give an issue your own label")
    irn.add_argument("issue", metavar="ISSUE")
    irn.add_argument("label")
    img = isub.add_parser("merge", parents=[common], help="merge issue SOURCE into TARGET")
    img.add_argument("source", metavar="SOURCE")
    img.add_argument("target", metavar="TARGET")
    imv = isub.add_parser("move", parents=[common],
                          help="move a topic into another issue (or --new: an issue of its own)")
    imv.add_argument("topic", metavar="TOPIC")
    imv.add_argument("issue", metavar="ISSUE", nargs="?")
    imv.add_argument("--new", action="store_true", help="into a new issue of its own")
    idc = isub.add_parser("declare", parents=[common],
                          help="declare an issue by its terms (saved in config.toml [issues])")
    idc.add_argument("name")
    idc.add_argument("terms", nargs="+", metavar="TERM")
    iud = isub.add_parser("undeclare", parents=[common], help="forget a declared issue's terms")
    iud.add_argument("name")
    for verb in ("pin", "unpin", "watch", "unwatch"):
        isub.add_parser(verb, parents=[common], help=f"{verb} an issue").add_argument(
            "issue", metavar="ISSUE")


def _add_storylines_parser(sub, common) -> None:
    st = sub.add_parser(
        "storylines", parents=[common], help="storylines: every statement naming a name or its aliases",
        description="A storyline is a name and its aliases; it holds every statement naming any "
                    "of them (plus the follow-ups that continue it). Storylines never change "
                    "topics or issues. Accepted ones live in config.toml [storylines].")
    st.add_argument("--json", action="store_true", help="print JSON")
    ssub = st.add_subparsers(dest="storylines_command", metavar="ACTION", parser_class=_Parser)
    ls = ssub.add_parser("list", parents=[common], help="the accepted storylines")
    ls.add_argument("--json", action="store_true", help="print JSON")
    sg = ssub.add_parser("suggest", parents=[common],
                         help="the store's main storylines, to accept (add) or dismiss")
    sg.add_argument("--json", action="store_true", help="print JSON")
    sg.add_argument("--limit", type=int, default=25,
                    help="at most N names (default 25), besides one subject from each of the "
                         "40 largest issues")
    ad = ssub.add_parser("add", parents=[common], help="accept a storyline: a name and its aliases")
    ad.add_argument("name")
    ad.add_argument("aliases", nargs="*", metavar="ALIAS")
    ac = ssub.add_parser("accept", parents=[common], help="accept a suggestion with its aliases")
    ac.add_argument("name")
    rm = ssub.add_parser("remove", parents=[common], help="forget an accepted storyline")
    rm.add_argument("name")
    dm = ssub.add_parser("dismiss", parents=[common], help="never suggest this name again")
    dm.add_argument("name")


def _add_export_parser(sub, common) -> None:
    ex = sub.add_parser("export", parents=[common], help="export topic timelines to Markdown or JSON")
    ex.add_argument("topics", nargs="*", metavar="TOPIC_OR_ISSUE",
                    help="topic id or label (fuzzy); issue:ID or issue:LABEL for an issue; "
                         "storyline:NAME for a storyline")
    ex.add_argument("--all", action="store_true", help="every topic: one file each plus an index")
    ex.add_argument("-o", "--output", metavar="PATH", help="file (or directory with --all)")
    ex.add_argument("--format", choices=("md", "json"), default="md")
    ex.add_argument("--since", metavar="DATE", help="only statements on or after DATE (YYYY-MM-DD)")
    ex.add_argument("--until", metavar="DATE", help="only statements on or before DATE (YYYY-MM-DD)")
    ex.add_argument("--limit", metavar="N", type=int, help="only the latest N statements (per topic)")
    _add_name_filter_args(ex)
    ex.add_argument("--brief", action="store_true",
                    help="per statement only date, ministry, spokesperson, position, new wording, link")
    ex.add_argument("--with-translation", action="store_true",
                    help="under each statement, the same exchange in the other edition of its "
                         "briefing (Chinese/English), when both are stored")


def _add_serve_parser(sub, common) -> None:
    sv = sub.add_parser(
        "serve", parents=[common], help="the dashboard in a browser (textual-serve)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Serve the dashboard to web browsers through textual-serve: the same store, "
                    "--data-dir and config.toml as the terminal dashboard.",
        epilog="Each browser tab that connects gets a dashboard process of its own (started with\n"
               "--data-dir, so every one works on the same store). Several browsers and a\n"
               "`briefdash fetch` from cron can use one store at once: SQLite in WAL mode, one\n"
               "short transaction per write, nothing lost. Press r in a dashboard to refresh it.\n"
               "\n"
               "There is NO AUTHENTICATION: anyone who can reach the port can use the dashboard\n"
               "(read everything, curate topics, add feeds, refresh). So only loopback addresses\n"
               "(127.0.0.1, ::1, localhost) are served unless --public is given; a web page from\n"
               "another site cannot open a dashboard (its websocket is refused).\n"
               "\n"
               "Ctrl+C or SIGTERM stops the server and every dashboard it started.")
    sv.add_argument("--host", default=None, metavar="H",
                    help="address to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=_port, default=None, metavar="P", help="port (default 8000)")
    sv.add_argument("--public", action="store_true",
                    help="allow a non-loopback --host such as 0.0.0.0: anyone who can reach the "
                         "port can use the dashboard")


def _port(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1–65535, not {n}")
    return n


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
    from .config import Paths

    cfg_path = Paths.resolve(getattr(args, "data_dir", None)).config_file
    cfg = load_config(cfg_path)
    _FEEDS_ACTIONS[args.feeds_command](args, cfg, cfg_path)
    return EXIT_OK


def _feeds_add(args, cfg, cfg_path) -> None:
    fc = cfg.add_feed(_add_source(args, cfg))
    save_config(cfg, cfg_path)
    print(_terminal_safe(f"added {fc.name}" + (f" ({fc.kind})" if fc.kind != "feed" else "")))


def _feeds_list(args, cfg, cfg_path) -> None:
    lib = _open(args)
    status = lib.store.all_feed_status()
    rows: list[dict[str, Any]] = []
    for f in cfg.feeds:
        st = status.get(f.url)
        rows.append({"name": f.name, "url": f.url, "kind": f.kind, "style": f.style,
                     "ministry": f.ministry,
                     "enabled": f.enabled, "status": st["status"] if st else "never fetched",
                     "last_fetch": st["last_fetch"] if st else None,
                     "last_success": st["last_success"] if st else None,
                     "result": st["result"] if st else None,
                     "error": st["error"] if st else None})
    if args.json:
        _print_json({"feeds": rows})
    elif not rows:
        print("no feeds yet: add one with `briefdash feeds add URL` or `briefdash feeds import FILE.opml`")
    else:
        for r in rows:
            flag = "" if r["enabled"] else " (disabled)"
            err = f" — {r['error']}" if r["error"] else ""
            kind = f"{r['kind']}: " if r["kind"] != "feed" else ""
            print(_terminal_safe(f"{r['name']}{flag}  {kind}{r['url']}  [{r['status']}"
                                 f"{', ' + r['last_fetch'] if r['last_fetch'] else ''}]{err}"))


def _named_feed(cfg, name: str) -> FeedConfig:
    found = cfg.find_feed(name)
    if not found:
        raise BriefdashError(f"no feed named {name} (see `briefdash feeds list`)")
    return found


def _feeds_remove(args, cfg, cfg_path) -> None:
    found = _named_feed(cfg, args.feed)
    cfg.feeds.remove(found)
    save_config(cfg, cfg_path)
    print(f"removed {found.name} (its briefings stay in the library)")


def _feeds_enable(args, cfg, cfg_path) -> None:
    found = _named_feed(cfg, args.feed)
    found.enabled = args.feeds_command == "enable"
    save_config(cfg, cfg_path)
    print(f"{args.feeds_command}d {found.name}")


def _feeds_import(args, cfg, cfg_path) -> None:
    from .feeds.opml import parse_opml

    p = Path(args.file).expanduser()
    if not p.is_file():
        raise BriefdashError(f"no such file: {args.file}")
    added = skipped = 0
    commands: list[str] = []
    for f in parse_opml(p.read_bytes()):
        if cfg.find_feed(f.url):
            skipped += 1
            continue
        if f.kind in ("exec", "filter") and not args.allow_commands:
            commands.append(f.url)
            continue
        if f.match and not args.allow_commands:
            # a regular expression from someone else's file could be made to run for ages
            print(_terminal_safe(f"note: {f.name}: its --match pattern was not imported "
                                 "(--allow-commands trusts the file)"), file=sys.stderr)
            f.match = None
        while any(x.name == f.name for x in cfg.feeds):
            f.name += " (2)"
        cfg.add_feed(f)
        added += 1
    save_config(cfg, cfg_path)
    print(f"imported {added} feeds, skipped {skipped} already subscribed")
    for c in commands:
        print(_terminal_safe(f"skipped a command source (not run, not subscribed): {c[:200]}"),
              file=sys.stderr)
    if commands:
        print(f"{len(commands)} command source{'s' if len(commands) > 1 else ''} skipped: an "
              "OPML file can name any command; if you wrote this file yourself, import it again "
              "with --allow-commands", file=sys.stderr)


def _feeds_export(args, cfg, cfg_path) -> None:
    from .feeds.opml import to_opml

    text = to_opml(cfg.feeds)
    if args.output:
        Path(args.output).expanduser().write_text(text, encoding="utf-8")
        print(f"wrote {len(cfg.feeds)} feeds to {args.output}")
    else:
        sys.stdout.write(text)


_FEEDS_ACTIONS = {"add": _feeds_add, "list": _feeds_list, "remove": _feeds_remove,
                  "enable": _feeds_enable, "disable": _feeds_enable, "import": _feeds_import,
                  "export": _feeds_export}


def _add_source(args, cfg) -> FeedConfig:
    """`feeds add`: check the source; an index page is read once, a web page is searched for
    the feeds it names. Being offline never stops an add: the next fetch reports."""
    import asyncio

    from .feeds.sources import needs_probe, new_source

    fc = new_source(cfg, args.source, name=args.name, index=args.index, match=args.match,
                    max_links=args.max_links, style=args.style, ministry=args.ministry)
    if fc.kind == "index":
        from .feeds.index import nothing_usable, probe_index

        try:
            page = asyncio.run(probe_index(fc.url, cfg.fetch, fc.match))
        except BriefdashError as exc:
            print(_terminal_safe(f"note: could not read {fc.url} now ({exc}); adding it anyway, "
                                 "`briefdash fetch` will report"), file=sys.stderr)
            return fc
        if not page.links:
            raise BriefdashError(nothing_usable(fc.url, page, fc.match))
        newest = page.links[0]
        print(_terminal_safe(f"{len(page.links)} briefing links on the page (each fetch takes the "
                             f"newest {fc.max_links or 20}); newest: {newest.text or newest.url}"))
        return fc
    if not needs_probe(fc):
        return fc
    from .feeds.discover import probe

    found = asyncio.run(probe(fc.url, cfg.fetch))
    if found.kind == "feed":
        return fc
    if found.kind == "unknown":
        print(_terminal_safe(f"note: could not read {fc.url} as a feed now ({found.error}); adding "
                             "it anyway, `briefdash fetch` will report"), file=sys.stderr)
        return fc
    alts = found.alternates
    if not alts:
        raise BriefdashError(
            f"{fc.url} is a web page, not a feed, and names no feed (no <link rel=\"alternate\"> "
            f"of RSS or Atom); if it lists briefings, add it as an index page: "
            f"briefdash feeds add {fc.url} --index")
    if len(alts) == 1 or args.yes:
        chosen = alts[0]
    else:
        print(_terminal_safe(f"{fc.url} is a web page; it names {len(alts)} feeds:"))
        for n, alt in enumerate(alts, 1):
            print(_terminal_safe(f"  {n}. {alt.title or '(untitled)'} — {alt.url} ({alt.type})"))
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise BriefdashError(f"the page names {len(alts)} feeds (listed above): add one by its "
                                 "address, or pass --yes to take the first")
        while True:
            try:
                answer = input(f"Subscribe to which? [1-{len(alts)}, Enter = 1, q = cancel] ").strip()
            except EOFError:
                answer = "q"
            if answer.lower() in ("q", "quit", "n", "no"):
                raise BriefdashError("nothing added")
            if not answer or (answer.isdigit() and 1 <= int(answer) <= len(alts)):
                chosen = alts[int(answer or 1) - 1]
                break
            print(f"type a number from 1 to {len(alts)}, or q")
    print(_terminal_safe(f"{fc.url} is a web page; subscribing to the feed it names: {chosen.url}"))
    return new_source(cfg, chosen.url, name=args.name, style=args.style, ministry=args.ministry)


def _report(results: list[FetchResult], lib, what: str = "feeds") -> int:
    failures = [r for r in results if not r.ok]
    from .watch import watched_news

    news = watched_news(lib.store)
    for line in news.lines():
        print(line)
    if results and len(failures) == len(results):
        if what == "sources":
            print("nothing was read" + (f" (all {len(results)} sources failed)"
                                        if len(results) > 1 else ""), file=sys.stderr)
        else:
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
    return _report(results, lib, "sources")


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


def resolve_issue(store, text: str) -> dict:
    """An issue by id, else by label (exact, then fuzzy)."""
    from .topics.lookup import find_issue

    issue = find_issue(store, text)
    if issue is None:
        raise BriefdashError(f"no issue matches '{text}' (see `briefdash issues`)")
    return issue


def resolve_storyline(store, text: str) -> str:
    """A stored storyline's name: exact (any case), else the one clear fit (`pick_named`)."""
    from .topics.lookup import find_storyline

    name = find_storyline(store, text)
    if name is None:
        raise BriefdashError(f"no storyline matches '{text}' (see `briefdash storylines list`)")
    return name


def resolve_target(store, text: str):
    """`issue:ID`/`issue:LABEL` → the issue as one timeline; `storyline:NAME` → the
    storyline; else a topic or an issue by name. Returns (topic, items)."""
    from .topics.lookup import find_topic_or_issue, issue_as_topic, storyline_as_topic

    if text.lower().startswith("storyline:"):
        return storyline_as_topic(store, resolve_storyline(store, text[len("storyline:"):]))
    if text.lower().startswith("issue:"):
        return issue_as_topic(store, resolve_issue(store, text[len("issue:"):]))
    if text.lower().startswith("topic:"):
        t = resolve_topic(store, text[len("topic:"):])
        return t, store.topic_items(t.id)
    own = next((n for n in store.storyline_signatures() if n.lower() == text.strip().lower()), None)
    if own is not None:  # the analyst's own storyline, named exactly, before any automatic label
        return storyline_as_topic(store, own)
    found = find_topic_or_issue(store, text)
    if found is None:
        raise BriefdashError(f"no topic or issue matches '{text}' (see `briefdash issues` and "
                             "`briefdash topics`)")
    kind, what = found
    if kind == "issue":
        assert isinstance(what, dict)
        return issue_as_topic(store, what)
    assert isinstance(what, Topic)
    return what, store.topic_items(what.id)


def _dispatch(args, action: str | None, listing, actions: dict, flag) -> int:
    """Run a command group's action (a flag action such as pin/watch when not in `actions`),
    or its listing when none was given."""
    lib = _open(args)
    if action is None:
        listing(args, lib)
    else:
        actions.get(action, flag)(args, lib)
    return EXIT_OK


def cmd_issues(args) -> int:
    return _dispatch(args, getattr(args, "issues_command", None), _issues_list, _ISSUES_ACTIONS,
                     _issue_flag)


def _issue_declare(args, lib) -> None:
    """A declared issue is a storyline: topics and issues stay as they are."""
    n = _accept_storyline(lib, args.name, list(args.terms))
    print(_terminal_safe(f"declared '{args.name}' as a storyline: {n} statements name its terms "
                         "or follow up on them (topics and issues unchanged)"))


def _issue_undeclare(args, lib) -> None:
    if not _forget_storyline(lib, args.name):
        raise BriefdashError(f"no declared issue named '{args.name}' (see config.toml [storylines])")
    print(_terminal_safe(f"'{args.name}' is no longer declared"))


def _issue_rename(args, lib) -> None:
    from .topics import curation

    i = resolve_issue(lib.store, args.issue)
    curation.rename_issue(lib.store, i["id"], args.label)
    print(_terminal_safe(f"issue {i['id']} renamed to {args.label}"))


def _issue_merge(args, lib) -> None:
    from .topics import curation

    store = lib.store
    src, dst = resolve_issue(store, args.source), resolve_issue(store, args.target)
    if src["id"] == dst["id"]:
        raise BriefdashError("cannot merge an issue into itself")
    curation.merge_issues(store, src["id"], dst["id"])
    print(_terminal_safe(f"merged issue {src['id']} ({src['label']}) into {dst['id']} "
                         f"({dst['label']})"))


def _issue_move(args, lib) -> None:
    from .topics import curation

    store = lib.store
    t = resolve_topic(store, args.topic)
    if args.new == bool(args.issue):
        raise BriefdashError("name the issue to move the topic into, or give --new")
    target = None if args.new else resolve_issue(store, args.issue)["id"]
    iid = curation.move_topic_to_issue(store, t.id, target)
    print(_terminal_safe(f"moved topic {t.id} ({t.label}) into issue {iid}"))


def _issue_flag(args, lib) -> None:
    """pin, unpin, watch, unwatch."""
    from .topics import curation

    action = args.issues_command
    i = resolve_issue(lib.store, args.issue)
    curation.set_issue_flag(lib.store, i["id"], action)
    print(_terminal_safe(f"issue {i['id']} ({i['label']}): {action}"
                         f"{'ned' if action.endswith('pin') else 'ed'}"))


def _issues_list(args, lib) -> None:
    issues = lib.store.issues()
    if args.json:
        _print_json({"issues": issues})
        return
    if not issues:
        print("no issues yet: `briefdash fetch` or `briefdash ingest FILE` first")
    for i in issues:
        flags = ("📌 " if i["pinned"] else "") + ("👁 " if i["watched"] else "") + \
            ("◆ " if i["declared"] else "")
        print(_terminal_safe(f"{i['id']:>5}  {flags}{i['label']}  ({i['count']} statements in "
                             f"{len(i['topics'])} topics, {i['first_seen']} – {i['last_seen']})"))


_ISSUES_ACTIONS = {"declare": _issue_declare, "undeclare": _issue_undeclare,
                   "rename": _issue_rename, "merge": _issue_merge, "move": _issue_move}


def cmd_storylines(args) -> int:
    return _dispatch(args, getattr(args, "storylines_command", None), _storylines_list,
                     _STORYLINES_ACTIONS, _storylines_list)


def _accept_storyline(lib, name: str, aliases: list[str]) -> int:
    """Save a storyline in config.toml and match it; returns how many statements it holds."""
    from .topics.storylines import sync

    name = " ".join(name.split())
    if not name:
        raise BriefdashError("a storyline needs a name")
    cfg = lib.config
    cfg.storylines[name] = [a for a in dict.fromkeys(" ".join(a.split()) for a in aliases) if a]
    cfg.dismissed_storylines = [d for d in cfg.dismissed_storylines if d.lower() != name.lower()]
    save_config(cfg, lib.paths.config_file)
    lib.store.redeclare_storyline(name)  # declared again, after a removal on a shared store
    sync(lib.store, cfg)
    return len(lib.store.storyline_members().get(name, []))


def _forget_storyline(lib, name: str) -> bool:
    from .topics.storylines import forget, sync

    cfg = lib.config
    shared = list(lib.store.shared_storylines()) if lib.store.pushes_changes else []
    found = next((k for k in [*cfg.storylines, *cfg.issues, *shared]
                  if k.lower() == name.strip().lower()), None)
    if found is None:
        return False
    if found in cfg.storylines or found in cfg.issues:
        cfg.storylines.pop(found, None)
        cfg.issues.pop(found, None)
        save_config(cfg, lib.paths.config_file)
    forget(lib.store, found)  # on a shared store, for every analyst of the desk
    sync(lib.store, cfg)
    return True


def _storylines_list(args, lib) -> None:
    from .topics.storylines import accepted, sync

    sync(lib.store, lib.config)
    members = lib.store.storyline_members()
    stories = accepted(lib.config, lib.store)
    for s in stories:
        s.items = members.get(s.name, [])
    _print_storylines(args, stories, "no storylines yet: `briefdash storylines suggest`, then "
                                     "`briefdash storylines add NAME ALIAS...`")


def _print_storylines(args, stories, empty: str) -> None:
    if getattr(args, "json", False):
        _print_json({"storylines": [s.as_json() for s in stories]})
        return
    if not stories:
        print(empty)
    for s in stories:
        aliases = f" ({', '.join(s.aliases)})" if s.aliases else ""
        print(_terminal_safe(f"{len(s.items):>6}  {s.name}{aliases}  [{s.status}]"))


def _storylines_suggest(args, lib) -> None:
    from .topics.storylines import SuggestParams, suggest

    if args.limit < 1:
        raise BriefdashError("--limit must be at least 1")
    stories = suggest(lib.store, lib.config, SuggestParams(limit=args.limit))
    _print_storylines(args, stories, "no storylines to suggest yet: `briefdash fetch` or "
                                     "`briefdash ingest FILE` first")


def _storylines_add(args, lib) -> None:
    n = _accept_storyline(lib, args.name, list(args.aliases))
    print(_terminal_safe(f"storyline '{args.name}': {n} statements"))


def _storylines_accept(args, lib) -> None:
    from .topics.storylines import suggest

    found = next((s for s in suggest(lib.store, lib.config)
                  if s.name.lower() == args.name.strip().lower()), None)
    if found is None:
        raise BriefdashError(f"no suggested storyline named '{args.name}' "
                             "(see `briefdash storylines suggest`)")
    n = _accept_storyline(lib, found.name, found.aliases)
    print(_terminal_safe(f"storyline '{found.name}': {n} statements"))


def _storylines_remove(args, lib) -> None:
    if not _forget_storyline(lib, args.name):
        raise BriefdashError(f"no storyline named '{args.name}' (see `briefdash storylines list`)")
    print(_terminal_safe(f"storyline '{args.name}' removed (topics and issues unchanged)"))


def _storylines_dismiss(args, lib) -> None:
    cfg = lib.config
    name = " ".join(args.name.split())
    if name.lower() not in (d.lower() for d in cfg.dismissed_storylines):
        cfg.dismissed_storylines.append(name)
        save_config(cfg, lib.paths.config_file)
    print(_terminal_safe(f"'{name}' will not be suggested again"))


_STORYLINES_ACTIONS = {"list": _storylines_list, "suggest": _storylines_suggest,
                       "add": _storylines_add, "accept": _storylines_accept,
                       "remove": _storylines_remove, "dismiss": _storylines_dismiss}


def cmd_topics(args) -> int:
    return _dispatch(args, getattr(args, "topics_command", None), _topics_list, _TOPICS_ACTIONS,
                     _topic_flag)


def _topic_rename(args, lib) -> None:
    from .topics import curation

    t = resolve_topic(lib.store, args.topic)
    curation.rename(lib.store, t.id, args.label)
    print(f"topic {t.id} renamed to {args.label}")


def _topic_merge(args, lib) -> None:
    from .topics import curation

    store = lib.store
    src, dst = resolve_topic(store, args.source), resolve_topic(store, args.target)
    if src.id == dst.id:
        raise BriefdashError("cannot merge a topic into itself")
    curation.merge(store, src.id, dst.id, lib.config)
    print(f"merged topic {src.id} ({src.label}) into {dst.id} ({dst.label})")


def _topic_move(args, lib) -> None:
    from .topics import curation

    store = lib.store
    t = resolve_topic(store, args.topic)
    if store.item(args.item) is None:
        raise BriefdashError(f"no item with id {args.item}")
    curation.move(store, args.item, t.id, lib.config)
    print(f"moved {args.item} to topic {t.id} ({t.label})")


def _topic_similar(args, lib) -> None:
    from .topics.similar import similar_topics

    t = resolve_topic(lib.store, args.topic)
    if args.limit < 1:
        raise BriefdashError("--limit must be at least 1")
    alike = similar_topics(lib.store, t.id, args.limit)
    if args.json:
        _print_json({"topic": t.id, "similar": [
            {"id": o.id, "label": o.label, "count": o.count, "similarity": round(sim, 3)}
            for o, sim in alike]})
        return
    if not alike:
        print(_terminal_safe(f"no topic shares key terms with {t.id} ({t.label})"))
    for o, sim in alike:
        print(_terminal_safe(f"{o.id:>5}  {sim:4.2f}  {o.label}  ({o.count})"))


def _topic_split(args, lib) -> None:
    from .topics import curation

    store = lib.store
    missing = [i for i in args.items if store.item(i) is None]
    if missing:
        raise BriefdashError(f"no item with id {missing[0]}")
    tid = curation.split(store, args.items, args.label, lib.config)
    print(f"split {len(args.items)} items into topic {tid}")


def _topic_flag(args, lib) -> None:
    """pin, unpin, watch, unwatch."""
    from .topics import curation

    action = args.topics_command
    t = resolve_topic(lib.store, args.topic)
    curation.set_flag(lib.store, t.id, action)
    print(f"topic {t.id} ({t.label}): {action}ned" if action.endswith("pin") else
          f"topic {t.id} ({t.label}): {action}ed")


def _topics_list(args, lib) -> None:
    from .export import item_json, topic_json

    store = lib.store
    topics = store.topics()
    if args.json:
        by_topic: dict[int, list] = {}
        for it in store.items_in_order("i.topic_id IS NOT NULL"):
            by_topic.setdefault(it.topic_id, []).append(it)
        from .topics.storylines import sync

        sync(store, lib.config)
        named_in = store.storylines_by_item()
        doc = {"topics": [topic_json(t, by_topic.get(t.id, [])) for t in topics],
               "unassigned": [item_json(it) for it in store.unassigned_items(everything=True)]}
        for item in [i for t in doc["topics"] for i in t["items"]] + doc["unassigned"]:
            item["storylines"] = named_in.get(item["id"], [])
        _print_json(doc)
        return
    if not topics:
        print("no topics yet: `briefdash fetch` or `briefdash ingest FILE` first")
    for t in topics:
        flags = ("📌 " if t.pinned else "") + ("👁 " if t.watched else "")
        span = f"{t.first_seen} – {t.last_seen}" if t.first_seen else ""
        print(_terminal_safe(f"{t.id:>5}  {flags}{t.label}  ({t.count}, {span})"))


_TOPICS_ACTIONS = {"rename": _topic_rename, "merge": _topic_merge, "move": _topic_move,
                   "similar": _topic_similar, "split": _topic_split}


def cmd_timeline(args) -> int:
    from .export import ExportOptions, plural, select_entries, timeline_json
    from .topics.subject import timeline_in

    lib = _open(args)
    keep = _in_stored_names(statement_filter(args), lib)
    t, items = resolve_target(lib.store, args.topic)
    # wording is new or not against the whole history; the filter narrows what is shown
    tl = select_entries(timeline_in(lib.store, t, items), ExportOptions(
        since=keep.since, until=keep.until, ministry=keep.ministry, speaker=keep.speaker))
    if args.json:
        _print_json(timeline_json(tl))
        return EXIT_OK
    shown = f" · {plural(len(tl.entries), 'statement')} {keep.describe()}" if keep.active else ""
    print(_terminal_safe(f"{t.label} — {plural(t.count, 'statement')}, {t.first_seen} – "
                         f"{t.last_seen}{shown}"))
    if keep.active and not tl.entries:
        print(_terminal_safe(f"no statement of '{t.label}' is {keep.describe()}"))
    for e in tl.entries:
        it = e.item
        who = it.speaker or it.ministry or ""
        asked = f" (asked by {it.asker})" if it.asker else ""
        mark = " [restatement]" if e.restatement else ""
        new = f"  new: {', '.join(repr(p) for p in e.new_phrases[:3])}" if e.new_phrases else ""
        print(_terminal_safe(f"{it.date}  {it.ministry or ''} · {who}{asked}{mark}\n    "
                             f"{it.position or it.answer[:200]}{new}"))
    return EXIT_OK


def _search_hits(store, query: str, limit: int, keep, topics: set[int] | None,
                 members: set[str] | None = None) -> list:
    """The first `limit` matches of `query` that the filter keeps, within an issue's topics or
    a storyline's statements when given."""
    from .topics.filters import search_kept

    if not keep.active and topics is None and members is None:
        return store.search(query, limit=limit)

    def within(it) -> bool:
        return (topics is None or it.topic_id in topics) and (members is None or it.id in members)

    return search_kept(store, query, keep, limit=limit, page=max(limit * 4, 200), also=within)


def cmd_search(args) -> int:
    from .export import item_json
    from .topics.suggest import did_you_mean

    lib = _open(args)
    keep = _in_stored_names(statement_filter(args), lib)
    query = " ".join(args.query)
    members: set[str] | None = None
    topics: set[int] | None = None
    if args.storyline:
        members = set(lib.store.storyline_members().get(
            resolve_storyline(lib.store, args.storyline), []))
    elif args.issue:
        topics = set(resolve_issue(lib.store, args.issue)["topics"])
    hits = _search_hits(lib.store, query, args.limit, keep, topics, members)
    suggestion = None
    if len(hits) < 3:
        suggestion = did_you_mean(query, lib.store.vocabulary_near)
    used = query
    if suggestion and not hits:
        hits = _search_hits(lib.store, suggestion, args.limit, keep, topics, members)
        used = suggestion
    if args.json:
        _print_json({"query": query, "did_you_mean": suggestion, "showing": used,
                     "filter": keep.describe() or None, "results": [
            dict(item_json(it), topic_id=it.topic_id,
                 snippet=snip.replace("\x01", "").replace("\x02", "")) for it, snip in hits]})
        return EXIT_OK
    where = f" {keep.describe()}" if keep.active else ""
    if used != query:
        print(_terminal_safe(f"no statements match '{query}'{where}; showing '{used}'"))
    elif suggestion:
        print(_terminal_safe(f"did you mean '{suggestion}'? (`briefdash search {suggestion}`)"))
    if not hits:
        print(_terminal_safe(f"no statements match '{used}'{where}"))
    for it, snip in hits:
        s = " ".join(snip.replace("\x01", "»").replace("\x02", "«").split())
        print(_terminal_safe(f"{it.date}  {it.ministry or ''} · {it.speaker or ''}  [topic {it.topic_id}] {it.id}\n    {s}"))
    return EXIT_OK


def cmd_quote(args) -> int:
    from .export import quote_text

    lib = _open(args)
    item = lib.store.item(args.statement)
    if item is None:
        raise BriefdashError(f"no statement with id {args.statement} (ids are in `search` and "
                             "`topics --json`)")
    print(_terminal_safe(quote_text(item, args.format)))
    return EXIT_OK


def export_options(args):
    """`--since/--until/--limit/--brief` as ExportOptions; a bad value is a user error."""
    from .export import ExportOptions, parse_day

    try:
        since = parse_day(args.since, "--since") if args.since else None
        until = parse_day(args.until, "--until") if args.until else None
    except ValueError as exc:
        raise BriefdashError(str(exc)) from None
    if since and until and since > until:
        raise BriefdashError(f"--since {since} is after --until {until}")
    if args.limit is not None and args.limit < 1:
        raise BriefdashError("--limit must be at least 1")
    return ExportOptions(since=since, until=until, limit=args.limit, brief=args.brief,
                         ministry=args.ministry, speaker=args.speaker,
                         with_translation=getattr(args, "with_translation", False))


def cmd_export(args) -> int:
    from .export import export_topics

    opts = export_options(args)
    lib = _open(args)
    if opts.speaker:  # one person in either script: the name as the store keeps it
        from dataclasses import replace

        from .transcripts.spokespersons import Identities

        opts = replace(opts, speaker=Identities(lib.config.spokespersons).person(opts.speaker))
    if args.all and args.topics:
        raise BriefdashError("give topics or --all, not both")
    if not args.all and not args.topics:
        raise BriefdashError("name at least one topic, or use --all")
    topics = lib.store.topics() if args.all else [resolve_target(lib.store, t) for t in args.topics]
    written = export_topics(lib.store, topics, args.output, fmt=args.format, all_mode=args.all,
                            opts=opts)
    for path in written:
        if path != "-":  # the document itself went to stdout: nothing may follow it there
            print(f"wrote {path}")
    return EXIT_OK


def cmd_store(args) -> int:
    from .store import Store
    from .store.copy import copy_library

    source = Store(args.source)
    try:
        dest = Store(args.dest)
    except BaseException:
        source.close()
        raise
    try:
        shown: dict[str, int] = {}

        def progress(table: str, n: int) -> None:
            if n - shown.get(table, 0) >= 20000 or table not in shown:
                shown[table] = n
                print(f"  {table}: {n:,} rows…", file=sys.stderr, flush=True)

        print(f"copying {source.describe()} → {dest.describe()}", file=sys.stderr, flush=True)
        counts = copy_library(source, dest, progress)
    finally:
        source.close()
        dest.close()
    print(f"copied {counts['items']:,} statements, {counts['entries']:,} briefings, "
          f"{counts['topics']:,} topics, {counts['issues']:,} issues, "
          f"{counts['curation']:,} curations; every table's count checked")
    return EXIT_OK


def run_tui(args) -> int:
    if getattr(args, "demo", False):
        from .demo_library import prepare_demo_library

        print("briefdash: reading the demo corpus into a throw-away library…", file=sys.stderr,
              flush=True)
        data_dir: str | None = prepare_demo_library()
    else:
        data_dir = getattr(args, "data_dir", None)
    from .tui.app import run

    return run(data_dir, demo=getattr(args, "demo", False)) or EXIT_OK


def cmd_serve(args) -> int:
    from .tui.serve import (
        DEFAULT_HOST,
        DEFAULT_PORT,
        DashboardServer,
        dashboard_command,
        is_loopback,
    )

    host = args.host if args.host is not None else DEFAULT_HOST
    port = args.port or DEFAULT_PORT
    if not is_loopback(host) and not args.public:
        shown = host or "''"
        print(f"briefdash serve: --host {shown} is not a loopback address and the browser "
              "dashboard has no authentication; add --public to let anyone who can reach the "
              "port use it", file=sys.stderr)
        return EXIT_USAGE
    # fail now, in words, on a broken config or store rather than in every browser tab
    lib = _open(args)
    label = str(lib.paths.data_dir)
    lib.close()
    if not is_loopback(host):
        print(f"briefdash serve: WARNING: serving on {host}:{port} with --public. There is no "
              "authentication: anyone who can reach this port can use the dashboard (read the "
              "store, curate topics, add feeds). Use a firewall or an authenticating proxy.",
              file=sys.stderr, flush=True)
    data_dir = getattr(args, "data_dir", None)
    server = DashboardServer(dashboard_command(data_dir, getattr(args, "verbose", False)),
                             host, port, public=args.public, label=label)
    try:
        server.serve()
    except OSError as exc:
        raise BriefdashError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); "
                             "is another server using the port? choose one with --port") from None
    print("briefdash serve: stopped", file=sys.stderr)
    return EXIT_OK


COMMANDS = {"serve": cmd_serve, "store": cmd_store, "feeds": cmd_feeds, "fetch": cmd_fetch, "ingest": cmd_ingest, "regroup": cmd_regroup,
            "topics": cmd_topics, "issues": cmd_issues, "storylines": cmd_storylines, "timeline": cmd_timeline, "search": cmd_search, "quote": cmd_quote,
            "export": cmd_export}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    verbose = getattr(args, "verbose", False) or bool(os.environ.get("BRIEFDASH_VERBOSE"))
    if getattr(args, "store", None):  # as BRIEFDASH_STORE: dashboards `serve` starts inherit it
        os.environ["BRIEFDASH_STORE"] = args.store
    try:
        if args.command is None:
            return run_tui(args)
        return COMMANDS[args.command](args)
    except AmbiguousName as exc:
        if getattr(args, "json", False):
            _print_json({"error": "ambiguous", "query": exc.text, "partial": exc.partial,
                         "candidates": [{"kind": kind, "id": cid, "label": label, "count": count}
                                        for kind, cid, label, count in exc.candidates]})
        what = ("no name holds most of its words; the closest (name one)" if exc.partial
                else "fits several; name one")
        print(_terminal_safe(f"briefdash: '{exc.text}' {what}:"), file=sys.stderr)
        for kind, cid, label, count in exc.candidates:
            ref = {"issue": f"issue:{cid}", "storyline": f"storyline:{label}"}.get(kind, str(cid))
            print(_terminal_safe(f"  {ref:>11}  {label}  ({kind}, {count} statements)"),
                  file=sys.stderr)
        return EXIT_USAGE
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
        from .store import redact

        if type(exc).__module__.startswith("psycopg"):  # the server went away, refused, …
            print(f"briefdash: the PostgreSQL store failed: {redact(' '.join(str(exc).split()))}"
                  " (what was committed is kept; run the command again)", file=sys.stderr)
            return EXIT_USER
        if verbose:
            traceback.print_exc()
        print(f"briefdash: internal error: {type(exc).__name__}: {redact(str(exc))} "
              "(run with --verbose for details, and please report it)", file=sys.stderr)
        return EXIT_USER
