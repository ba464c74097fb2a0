"""One entry may hold at most `fetch.max_entry_bytes`: oversized entries are cut while streaming.

A feed whose single entry carries a 120 MB body used to be held whole (and copied) on its way
through download, parse and segmentation: 1.4 GB at peak. `EntryLimiter` sits between the
download (or the local file read) and the body buffer: bytes outside entries pass through, an
entry's bytes pass through until the entry reaches the cap, and the rest of that entry is
skipped without being kept. The part kept is closed so that it is still well-formed XML (an
open CDATA section and every element still open are closed, a tag, comment, entity or UTF-8
character cut in the middle is dropped) and a note saying that it was cut is written where the
text stopped. After parsing, `note_cut_entries` makes sure each cut entry carries the note (also
when the cut fell between elements) and `cap_entry_text` cuts any entry whose text is still
over the cap (a feed parsed from elsewhere, a linked page's full text).

Entries are found by their tags (`<item>`, `<entry>`, with or without a namespace prefix), as a
byte scan: the same assumption the size cap's "whole entries only" rule makes (an
ASCII-compatible encoding; UTF-16 feeds are not cut here, only capped after parsing).
"""
from __future__ import annotations

import re

from ..models import Entry

_OPEN = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)(?=[\s>/])", re.I)
_CLOSE = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.I)
_TAIL = 64  # bytes kept back between chunks so a tag split across two chunks is still seen

_TOKENS = re.compile(
    rb"<!\[CDATA\[.*?(?:\]\]>|\Z)"
    rb"|<!--.*?(?:-->|\Z)"
    rb"|<[?!].*?(?:>|\Z)"
    rb"|<(/?)([A-Za-z_][\w.:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)(>|\Z)"
    rb"|<", re.S)
_CUT_MARK = "briefdash: this entry was longer than"


def human_size(n: int) -> str:
    """1536 → '1.5 KB', 50 MiB → '50 MB' (binary units, as the cap is configured)."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            v = n / size
            return f"{v:.0f} {unit}" if v >= 10 or v == int(v) else f"{v:.1f} {unit}"
    return f"{n} bytes"


def cut_note(cap: int) -> str:
    return (f"[{_CUT_MARK} {human_size(cap)} (fetch.max_entry_bytes) and was cut here; "
            "the rest of it was not read]")


def _utf8_boundary(data: bytes | bytearray, end: int) -> int:
    """`end` moved back so that it does not split a UTF-8 character."""
    i = end
    while i > 0 and end - i < 4 and (data[i - 1] & 0xC0) == 0x80:
        i -= 1
    if i > 0 and data[i - 1] >= 0xC0:  # a lead byte: is its sequence complete before `end`?
        lead = data[i - 1]
        need = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        if end - (i - 1) < need:
            return i - 1
        return end
    return end if i == end or i == 0 or data[i - 1] < 0x80 else i


def close_cut_entry(prefix: bytes, note: str) -> bytes:
    """`prefix` (the first bytes of an entry) made whole: the note, then every open tag closed."""
    prefix = prefix[:_utf8_boundary(prefix, len(prefix))]
    stack: list[bytes] = []
    in_cdata = False
    end = len(prefix)
    text_from = 0  # where the text after the last piece of markup starts
    for m in _TOKENS.finditer(prefix):
        tok = m.group(0)
        text_from = m.end()
        if tok.startswith(b"<![CDATA["):
            if not tok.endswith(b"]]>"):
                in_cdata = True  # cut inside a CDATA section: keep its text, close it
            continue
        if tok.startswith((b"<!--", b"<?", b"<!")):
            closer = b"-->" if tok.startswith(b"<!--") else b"?>" if tok.startswith(b"<?") else b">"
            if not tok.endswith(closer) or len(tok) < len(closer) + 2:
                end = m.start()  # cut inside a comment or declaration: drop it
                break
            continue
        if m.group(2) is None:  # a "<" that starts no whole tag: drop from there if no ">" follows
            if b">" not in prefix[m.end():]:
                end = m.start()
                break
            continue
        if not m.group(4):  # cut inside a tag
            end = m.start()
            break
        name, closing, attrs = m.group(2), m.group(1) == b"/", m.group(3)
        if closing:
            if name in stack:
                while stack and stack.pop() != name:
                    pass
        elif not attrs.rstrip().endswith(b"/"):
            stack.append(name)
    body = prefix[:end]
    if not in_cdata and end == len(prefix):
        amp = body.rfind(b"&", text_from)
        if amp != -1 and b";" not in body[amp:]:
            body = body[:amp]  # an entity cut in the middle
    text = f" {note}".encode()
    if in_cdata:
        out = body + b" <p>" + text + b"</p>]]>"
    else:
        out = body + text.replace(b"&", b"&amp;").replace(b"<", b"&lt;")
    return out + b"".join(b"</" + n + b">" for n in reversed(stack))


class EntryLimiter:
    """Streams a feed's bytes through, cutting every entry at `cap` bytes (see module docstring)."""

    def __init__(self, cap: int):
        self.cap = cap
        self.note = cut_note(cap)
        self.entries = 0  # entries seen (opened)
        self.cut: list[int] = []  # 0-based numbers of the entries that were cut
        self._pending = bytearray()  # outside an entry: bytes not yet passed on
        self._entry: bytearray | None = None  # inside an entry: its bytes so far
        self._scanned = 0  # how far the current entry has been searched for its end
        self._skipping = False  # inside a cut entry: drop bytes until its end

    def feed(self, data: bytes) -> bytes:
        out = bytearray()
        while data:
            if self._skipping:
                buf = self._pending + data
                m = _CLOSE.search(buf)
                if m is None:
                    self._pending = bytearray(buf[-_TAIL:])
                    return bytes(out)
                self._skipping = False
                self._pending = bytearray()
                data = bytes(buf[m.end():])
            elif self._entry is not None:
                room = self.cap + _TAIL - len(self._entry)
                self._entry += data[:room]
                rest = data[room:]
                m = _CLOSE.search(self._entry, max(0, self._scanned - _TAIL))
                if m is not None:  # the entry ended within the cap (give or take a tag)
                    out += self._entry[:m.end()]
                    data = bytes(self._entry[m.end():]) + rest
                    self._entry = None
                    continue
                self._scanned = len(self._entry)
                if len(self._entry) > self.cap + _TAIL - 1:
                    # over the cap: keep the first `cap` bytes, closed; skip to the entry's end
                    tail = self._entry[self.cap:]
                    out += self._cut(self._entry)
                    self._entry = None
                    self._skipping = True
                    self._pending = bytearray(tail[-_TAIL:])
                    data = rest
                else:
                    data = rest
            else:
                buf = self._pending + data
                m = _OPEN.search(buf)
                if m is None:
                    keep = max(0, len(buf) - _TAIL)
                    out += buf[:keep]
                    self._pending = bytearray(buf[keep:])
                    return bytes(out)
                out += buf[:m.start()]
                self._pending = bytearray()
                self.entries += 1
                self._entry = bytearray()
                self._scanned = 0
                data = bytes(buf[m.start():])
        return bytes(out)

    def _cut(self, entry: bytes | bytearray) -> bytes:
        """The entry's first `cap` bytes, closed (its own tag is on the stack of open tags)."""
        self.cut.append(self.entries - 1)
        return close_cut_entry(bytes(entry[:self.cap]), self.note)

    def finish(self) -> bytes:
        """What is left at the end of the stream (an unfinished entry is passed on as it is)."""
        out = bytes(self._pending) if not self._skipping else b""
        if self._entry is not None:
            out += bytes(self._entry)
        self._pending, self._entry, self._skipping = bytearray(), None, False
        return out



def cap_text(text: str, cap: int) -> tuple[str, bool]:
    """`text` (HTML or plain) at most about `cap` characters, with the note when it was cut."""
    if len(text) <= cap:
        return text, False
    cut = text[:cap]
    lt = cut.rfind("<")
    if lt > cut.rfind(">"):
        cut = cut[:lt]  # do not end inside a tag
    amp = cut.rfind("&")
    if amp > max(cut.rfind(";"), cut.rfind(" ")):
        cut = cut[:amp]  # nor inside an entity
    return f"{cut} <p>{cut_note(cap)}</p>", True


def has_cut_note(text: str) -> bool:
    return _CUT_MARK in text


def note_cut_entries(entries: list[Entry], limiter: EntryLimiter | None, cap: int) -> int:
    """Give every cut entry its note, and cap any entry still over `cap`; how many were cut.

    The limiter numbers entries as it meets them in the bytes; that numbering is trusted only
    when the parser found no more entries than the limiter saw (it may have found fewer: the
    tail of a feed cut at fetch.max_bytes is dropped)."""
    cut: set[int] = set()
    if limiter is not None and limiter.cut and len(entries) <= limiter.entries:
        cut.update(i for i in limiter.cut if i < len(entries))
    for i, e in enumerate(entries):
        if has_cut_note(e.content):
            cut.add(i)
            continue
        e.content, was_cut = cap_text(e.content, cap)
        if was_cut or i in cut:
            cut.add(i)
            if not was_cut:
                e.content = f"{e.content} <p>{cut_note(cap)}</p>"
    return len(cut)


def cut_message(n: int, cap: int) -> str:
    what = "1 entry was" if n == 1 else f"{n} entries were"
    return (f"{what} longer than {human_size(cap)} (fetch.max_entry_bytes) and cut; "
            "the text says where")
