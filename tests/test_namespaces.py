"""Namespaces are declared once, in schema/iris.py (issue 27): no other module of the package
writes a namespace IRI of iris.PREFIXES, or one under dkg's own base, as a string of its own.
Docstrings and comments may name them; code takes them from iris. (The query page's JavaScript
copy is held equal to iris.PREFIXES by its own test.)"""

from __future__ import annotations

import ast
from pathlib import Path

from dkg.schema import iris

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("schema", "loaders", "graph", "queries", "dkg")
NAMESPACES = sorted({*iris.PREFIXES.values(), iris.BASE}, key=len, reverse=True)


def _strings(tree: ast.AST):
    """String constants that are not docstrings, with their line."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def retyped() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == ROOT / "schema" / "iris.py":
                continue
            for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
                hit = next((ns for ns in NAMESPACES if ns in text), None)
                if hit:
                    found.append(f"{path.relative_to(ROOT)}:{line}: {hit}")
    return found


def test_no_module_retypes_a_namespace():
    assert retyped() == []


def test_the_scan_finds_a_retyped_namespace(tmp_path):
    tree = ast.parse('"""About http://www.w3.org/ns/prov# in words."""\nPROV = "http://www.w3.org/ns/prov#"\n')
    assert [text for _, text in _strings(tree)] == ["http://www.w3.org/ns/prov#"]
