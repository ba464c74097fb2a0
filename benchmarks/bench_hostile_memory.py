"""Peak memory while ingesting hostile feeds: a 200 MB body, an entity bomb, one 120 MB entry.

    .venv/bin/python benchmarks/bench_hostile_memory.py

Each case runs in a fresh child process (so ru_maxrss is that case's peak) against a local
server on 127.0.0.1 that streams the body; prints the child's peak RSS and tracemalloc peak.
Target: < 300 MB each. The default fetch.max_bytes (50 MB) applies to the 200 MB body. The feed
with one 120 MB entry runs twice: `entry120mb` with the default settings (the download stops at
fetch.max_bytes) and `entry120mb_all` with fetch.max_bytes raised to 256 MB, so the whole entry
arrives and only fetch.max_entry_bytes (2 MB by default) limits what is kept. Pass case names to
run a subset.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile

CHILD = r'''
import json, resource, sys, threading, time, tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
sys.path.insert(0, "tests")
case = sys.argv[1]
TOTAL = 200 * 1024 * 1024

def entry(i):
    return (f"<item><title>Entry {i}</title><guid>big-{i}</guid><link>http://example.test/big/{i}</link>"
            f"<description>Q: question {i}? A: answer {i}. {'padding text ' * 150}</description></item>\n"
            f"<!-- {'filler ' * 4000} -->\n").encode()

class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if case.startswith("entry120mb"):
            head = (b'<?xml version="1.0"?><rss version="2.0" '
                    b'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Huge</title>'
                    b'<item><title>One huge briefing</title><guid>huge-1</guid>'
                    b'<link>http://example.test/huge/1</link><content:encoded><![CDATA['
                    b'<p>Q: Will the talks on the river dam resume?</p><p>A: We urge restraint.</p>')
            para = b"<p>The spokesperson went on about the river dam at great length, again. </p>" * 200
            tail = b"]]></content:encoded></item></channel></rss>"
            total = 120 * 1024 * 1024
            n = len(head) + (total // len(para)) * len(para) + len(tail)
            self.send_header("Content-Length", str(n))
            self.end_headers()
            try:
                self.wfile.write(head)
                for _ in range(total // len(para)):
                    self.wfile.write(para)
                self.wfile.write(tail)
            except OSError:
                pass
        elif case == "body200mb":
            self.send_header("Content-Length", str(TOTAL))
            self.end_headers()
            head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>'
            self.wfile.write(head); n = len(head); i = 0
            try:
                while n < TOTAL:
                    chunk = b"".join(entry(i + k) for k in range(20)); i += 20
                    self.wfile.write(chunk[: TOTAL - n]); n += len(chunk)
            except OSError:
                pass
        else:
            ents = ['<!ENTITY a0 "lollollollollol">'] + [
                f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 12)]
            body = ('<?xml version="1.0"?>\n<!DOCTYPE rss [' + "".join(ents) + ']>\n'
                    '<rss version="2.0"><channel><title>&a11;</title><item><title>&a11;</title>'
                    '<guid>l1</guid><description>Q: &a11;? A: &a11;.</description></item>'
                    '</channel></rss>').encode()
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
threading.Thread(target=srv.serve_forever, daemon=True).start()
from helpers_feeds import make_library, feed
from briefdash.library import refresh
import pathlib
settings = {"max_bytes": 256 * 1024 * 1024} if case == "entry120mb_all" else {}
lib = make_library(pathlib.Path(sys.argv[2]), [feed(f"http://127.0.0.1:{srv.server_address[1]}/f", case)],
                   **settings)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start() if "--tracemalloc" in sys.argv else None
t0 = time.time()
res = refresh(lib)[0]
elapsed = time.time() - t0
peak_tm = tracemalloc.get_traced_memory()[1] if tracemalloc.is_tracing() else None
print(json.dumps({"case": case, "seconds": round(elapsed, 2),
                  "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "rss_before_mb": round(base / 1024, 1),
                  "tracemalloc_peak_mb": round(peak_tm / 2**20, 1) if peak_tm else None,
                  "entries": lib.store.entry_count(), "status": res.status, "message": res.error,
                  "longest_entry_chars": max((len(r["content"]) for r in lib.store.entries()), default=0)}))
srv.shutdown()
'''


EXTRAS = ([], ["--tracemalloc"]) if "--tracemalloc" in sys.argv else ([],)


def main() -> int:
    worst = 0.0
    cases = [a for a in sys.argv[1:] if not a.startswith("-")] or ["body200mb", "entitybomb", "entry120mb", "entry120mb_all"]
    for case in cases:
        for extra in EXTRAS:
            with tempfile.TemporaryDirectory() as d:
                out = subprocess.run([sys.executable, "-c", CHILD, case, d, *extra],
                                     capture_output=True, text=True, timeout=900)
            if out.returncode != 0:
                print(case, "FAILED:", out.stderr[-2000:])
                return 1
            r = json.loads(out.stdout.strip().splitlines()[-1])
            if not extra:
                worst = max(worst, r["maxrss_mb"])
            print(f"{r['case']:<11} {'tracemalloc' if extra else 'ru_maxrss ':<11} "
                  f"peak RSS {r['maxrss_mb']:>7.1f} MB (before fetch {r['rss_before_mb']:.1f})  "
                  f"tracemalloc peak {r['tracemalloc_peak_mb'] or '-':>6} MB  {r['seconds']:>6.2f} s  "
                  f"entries {r['entries']} (longest {r['longest_entry_chars']:,} chars)  {r['status']}: {r['message'] or ''}")
    print(f"worst peak RSS {worst:.1f} MB (target < 300 MB): {'OK' if worst < 300 else 'OVER'}")
    return 0 if worst < 300 else 1


if __name__ == "__main__":
    sys.exit(main())
