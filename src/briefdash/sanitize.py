"""Removal of terminal control sequences and other hostile characters from feed text.

Applied to every string that enters the store: C0 controls except newline and tab, DEL,
C1 controls (U+0080–U+009F, which include the 8-bit CSI U+009B), and bidi override/isolate
characters. ANSI/OSC escape sequences are removed whole, not just their ESC byte, so that no
"[2J" or "]0;title" residue is left in the text.
"""
from __future__ import annotations

import re

# Whole escape sequences first: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other ESC x.
_ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI ... final byte
    | \x9b[0-?]*[ -/]*[@-~]            # 8-bit CSI
    | \x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   # OSC ... BEL / ST
    | \x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?     # 8-bit OSC
    | \x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?        # DCS/SOS/PM/APC strings
    | \x1b[@-Z\\-_]                     # other two-byte escapes
    """,
    re.VERBOSE,
)
# Remaining single characters: C0 except \t \n, \r handled separately, DEL, C1, bidi controls.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def sanitize(text: str | None) -> str:
    """Return `text` with escape sequences and control/bidi characters removed.

    Carriage returns become newlines (CRLF → LF) so that no line can overwrite another.
    """
    if not text:
        return ""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCES.sub("", text)
    return _BAD_CHARS.sub("", text)


def has_hostile_characters(text: str) -> bool:
    """True when `text` still holds something `sanitize` would remove."""
    return bool(_BAD_CHARS.search(text) or "\x1b" in text or "\r" in text)


# The same sequences at the byte level, for raw feed bytes before the XML parser sees them:
# 7-bit sequences match in any ASCII-compatible encoding; the 8-bit CSI/OSC/DCS/ST are matched
# in their UTF-8 form (C2 9B …). feedparser would otherwise turn an 8-bit CSI into its
# Windows-1252 look-alike "›" and leave the rest of the sequence ("31m") in the text.
_ESCAPE_BYTES = re.compile(
    rb"""
    \x1b\[[0-?]*[ -/]*[@-~]
    | \xc2\x9b[0-?]*[ -/]*[@-~]
    | \x1b\][^\x07\x1b]*?(?:\x07|\x1b\\|\xc2\x9c)
    | \xc2\x9d[^\x07\x1b]*?(?:\x07|\x1b\\|\xc2\x9c)
    | \x1b[PX^_][^\x1b]*?(?:\x1b\\|\xc2\x9c)
    | \x1b[@-Z\\-_]
    """,
    re.VERBOSE,
)


def strip_escape_bytes(data: bytes) -> bytes:
    """Remove terminal escape sequences from raw bytes (a no-op, and cheap, when there are none)."""
    if b"\x1b" not in data and b"\xc2\x9b" not in data and b"\xc2\x9d" not in data:
        return data
    return _ESCAPE_BYTES.sub(b"", data)
