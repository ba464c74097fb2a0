"""Regular expressions compiled when first used.

Compiling is most of what importing the transcript and term modules costs (0.3 s in all at the
start of every command). A pattern that a command may never use (another ministry's labels, a
layout of plain-text transcripts, the terminal's cell widths) is made with `lazy_compile`: the
same expression, compiled the first time one of its methods is called; after that its methods
are the compiled pattern's own.
"""
from __future__ import annotations

import re
from typing import Any, cast


class _LazyPattern:
    def __init__(self, source: str, flags: int) -> None:
        self._source, self._flags = source, flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
            for method in ("match", "fullmatch", "search", "findall", "finditer", "sub", "subn",
                           "split"):
                setattr(self, method, getattr(compiled, method))  # plain attributes from now on
        return getattr(compiled, name)


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
