"""Data flows one way: schema -> loaders -> graph -> queries -> dkg (CLI, endpoint, bench).
A lower layer never imports a higher one; this test reads every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

ORDER = ["schema", "loaders", "graph", "queries", "dkg"]


def imported_layers(path: Path, layer: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: inside dkg.<layer>, level 2 reaches a sibling layer
                base = node.module or ""
                if node.level >= 2 and layer != "dkg":
                    names = [base] if base else [a.name for a in node.names]
                else:
                    names = [f"{layer}.{base}"] if layer != "dkg" else [f"dkg.{base}"]
            else:
                names = [node.module or ""]
        for name in names:
            parts = name.split(".")
            if parts[0] == "dkg" and len(parts) > 1 and parts[1] in ORDER[:-1]:
                found.add(parts[1])
            elif parts[0] == "dkg":
                found.add("dkg")
            elif parts[0] in ORDER[:-1]:
                found.add(parts[0])
    return found


@pytest.mark.parametrize("layer", ORDER[:-1])
def test_lower_layers_never_import_higher_ones(layer):
    allowed = set(ORDER[: ORDER.index(layer) + 1])
    offenders = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        bad = imported_layers(path, layer) - allowed
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert not offenders, offenders
