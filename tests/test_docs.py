"""The documentation holds for someone who clones the repository.

Every ```toml block of the README is a config.toml that briefdash's own loader accepts, and every
`[keys]` id it remaps is a binding id of the dashboard. Nothing the README, SECURITY.md, the
benchmarks or the scripts say points at files outside the repository (`../shared`, a machine's
own paths). Domain code never imports Textual.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from briefdash.config import load_config

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)


def _blocks(lang: str) -> list[str]:
    return [body for tag, body in _FENCE.findall(README.read_text(encoding="utf-8")) if tag == lang]


def _binding_ids() -> set[str]:
    from briefdash.tui.app import _all_bindings  # what the app itself checks [keys] against

    return {b.id for bindings in _all_bindings() for b in bindings if b.id}


def test_the_readme_has_a_config_example_with_keys():
    blocks = _blocks("toml")
    assert blocks, "the README shows no ```toml example"
    assert any("[keys]" in b for b in blocks)


@pytest.mark.parametrize("n", range(len(_blocks("toml"))))
def test_every_toml_block_of_the_readme_loads(tmp_path, n):
    block = _blocks("toml")[n]
    path = tmp_path / "config.toml"
    path.write_text(block, encoding="utf-8")
    cfg = load_config(path)  # raises ConfigError on anything briefdash would refuse
    known = _binding_ids()
    unknown = sorted(set(cfg.keys) - known)
    assert not unknown, f"README [keys] uses ids the dashboard does not have: {unknown}"
    if "[keys]" in block:
        assert cfg.keys, "the [keys] table was read as empty (an unquoted dotted id?)"
    if "[[feeds]]" in block:
        assert cfg.feeds and all(f.url for f in cfg.feeds)


def test_the_binding_ids_include_the_documented_refresh():
    assert "app.refresh" in _binding_ids()


def test_the_readme_links_the_architecture_doc():
    text = README.read_text(encoding="utf-8")
    assert "(docs/architecture.md)" in text
    arch = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for module in ("store/", "library.py", "feeds/", "transcripts/", "topics/", "tui/", "cli.py"):
        assert module in arch


_OUTSIDE = re.compile(r"\.\./shared|/work/|/tmp/wh\b|/home/(?!me/)|/Users/")


def _documents() -> list[Path]:
    return ([ROOT / "README.md", ROOT / "SECURITY.md", *sorted((ROOT / "docs").glob("*.md")),
             *sorted((ROOT / "benchmarks").rglob("*.md"))]
            + sorted((ROOT / "benchmarks").glob("*.py")) + sorted((ROOT / "scripts").glob("*.py")))


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_paths_outside_the_repository(path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert not _OUTSIDE.search(line), f"{path.name}:{n} points outside the repository: {line.strip()}"


def test_domain_code_never_imports_textual():
    src = ROOT / "src" / "briefdash"
    offenders = []
    for py in src.rglob("*.py"):
        if "tui" in py.relative_to(src).parts:
            continue
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            if any(n == "textual" or n.startswith("textual.") for n in names):
                offenders.append(py.relative_to(src).as_posix())
    assert not offenders, f"only tui/ may import textual: {offenders}"


async def test_the_readme_keys_take_effect_in_the_dashboard(tmp_path):
    """The [keys] of the README's example, given to the dashboard: each remapped key reaches the
    binding it names, and no id is reported unknown."""
    import tomllib

    from briefdash.library import Library
    from briefdash.tui.app import BriefdashApp
    from helpers_library import build_tiny_library

    keys: dict[str, str] = {}
    for block in _blocks("toml"):
        keys.update(tomllib.loads(block).get("keys", {}))
    assert keys
    d = build_tiny_library(tmp_path / "lib", keys=keys)
    app = BriefdashApp(Library.open(str(d)), export_dir=tmp_path, label="docs")
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert not [n.message for n in app._notifications if "unknown binding id" in n.message]
        active = app.active_bindings
        for binding_id, key_list in keys.items():
            for key in key_list.split(","):
                assert key in active and active[key].binding.id == binding_id, (binding_id, key)
