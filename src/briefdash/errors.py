"""Exceptions that carry a one-line message meant for the user."""


class BriefdashError(Exception):
    """A user-facing error: the CLI prints its message and exits 1."""


class ConfigError(BriefdashError):
    pass


class StoreError(BriefdashError):
    pass


class FeedError(BriefdashError):
    """A feed could not be fetched or parsed; the message says why in words."""


class AmbiguousName(BriefdashError):
    """A name the user typed fits several topics/issues about equally: the CLI lists them and
    exits 2 instead of guessing. `candidates` are (kind, id, label, count) tuples, best first;
    `partial` when none of them names most of the typed words."""

    def __init__(self, text: str, candidates: list[tuple[str, int, str, int]], *,
                 partial: bool = False):
        self.text = text
        self.candidates = candidates
        self.partial = partial  # no candidate names most of the typed words
        shown = "; ".join(f"{kind} {cid} “{label}” ({count})"
                          for kind, cid, label, count in candidates)
        what = "names only part of it" if partial else "fits several"
        super().__init__(f"'{text}': {what}: {shown}. Name one by its id "
                         "(`issue:ID` for an issue)")
