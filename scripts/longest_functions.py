"""The longest functions under a directory (default src/), by lines from `def` to the last line.

    python scripts/longest_functions.py [DIR] [-n N]
"""
from __future__ import annotations

import argparse
import ast
from pathlib import Path


def lengths(root: Path) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                out.append((n, f"{path}:{node.lineno} {node.name}"))
    return sorted(out, key=lambda x: (-x[0], x[1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("root", nargs="?", default="src")
    ap.add_argument("-n", type=int, default=5)
    args = ap.parse_args()
    for n, where in lengths(Path(args.root))[:args.n]:
        print(f"{n:5d}  {where}")


if __name__ == "__main__":
    main()
