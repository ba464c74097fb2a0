"""One module per transcript style; `STYLES` maps style names to their definitions.

Style names (usable as `style = "…"` hints in config.toml): china_mfa, china_mfa_old,
china_mfa_zh, state_dept, white_house, un_noon, russia_mfa, japan_mofa, india_mea, generic.
("report" is handled by `transcripts.report`, not by the labelled-transcript engine.)
"""
from __future__ import annotations

from ..base import Style
from . import (
    china_mfa,
    china_mfa_old,
    china_mfa_zh,
    generic,
    india_mea,
    japan_mofa,
    russia_mfa,
    state_dept,
    un_noon,
    white_house,
)

STYLES: dict[str, Style] = {
    m.STYLE.name: m.STYLE
    for m in (
        china_mfa, china_mfa_old, china_mfa_zh, state_dept, white_house, un_noon,
        russia_mfa, japan_mofa, india_mea, generic,
    )
}

__all__ = ["STYLES"]
