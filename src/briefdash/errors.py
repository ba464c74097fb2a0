"""Exceptions that carry a one-line message meant for the user."""


class BriefdashError(Exception):
    """A user-facing error: the CLI prints its message and exits 1."""


class ConfigError(BriefdashError):
    pass


class StoreError(BriefdashError):
    pass


class FeedError(BriefdashError):
    """A feed could not be fetched or parsed; the message says why in words."""
