"""`self.bd_app`: the running app, typed as `BriefdashApp`, for the screens.

Textual types `self.app` as `App[object]`, which knows nothing of `lib`, `open_store` or
`export_dir`; the screens mix this in rather than casting (or ignoring the type) at each use.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.app import App

    from .app import BriefdashApp


class BriefdashAppMixin:
    """Mixed into a screen (before Textual's class), which supplies `app` at run time."""

    if TYPE_CHECKING:
        app: App[object]

    @property
    def bd_app(self) -> BriefdashApp:
        return cast("BriefdashApp", self.app)
