"""The public API of queries/ and graph/ says what it returns and why it exists (issue 27).

Notebooks, the CLI, the endpoint and the pages are written against these two packages, so every
public function and class in them, and every public method of a public class, carries a
docstring. An override of a method that a dkg base class documents (`OxigraphStore.query`,
documented on `Store.query`) shares that docstring rather than repeating it. Names starting with
`_` and functions nested in others are private and not checked.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("queries", "graph")
MODULES = sorted(path for package in PACKAGES for path in (ROOT / package).glob("*.py"))


def _public_defs(tree: ast.Module):
    """(qualified name, line, has its own docstring, class name or None) of each public
    module-level function and class and each public method of a public class."""
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    for node in tree.body:
        if not isinstance(node, kinds) or node.name.startswith("_"):
            continue
        yield node.name, node.lineno, ast.get_docstring(node) is not None, None
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)) and not member.name.startswith("_"):
                    yield f"{node.name}.{member.name}", member.lineno, ast.get_docstring(member) is not None, node.name


def _documented_by_a_base(module, class_name: str, qualified: str) -> bool:
    """Whether a dkg class this one inherits from documents the method it overrides."""
    method = qualified.split(".", 1)[1]
    for base in getattr(module, class_name).__mro__[1:]:
        if base.__module__.startswith("dkg.") and method in vars(base) and getattr(vars(base)[method], "__doc__", None):
            return True
    return False


def undocumented(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = None
    missing = []
    for name, line, has_doc, owner in _public_defs(tree):
        if has_doc:
            continue
        if owner is not None:
            module = module or importlib.import_module(f"dkg.{path.parent.name}.{path.stem}")
            if _documented_by_a_base(module, owner, name):
                continue
        missing.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    return missing


@pytest.mark.parametrize("path", MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_public_api_is_documented(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path.relative_to(ROOT)} has no module docstring"
    assert undocumented(path) == []


def test_the_scan_finds_what_is_undocumented():
    source = '''
def documented():
    """Says why."""

def bare(): pass

def _private(): pass

class Answer:
    """An answer."""
    def total(self): return 0
    @property
    def shown(self):
        """How it reads."""
    def _helper(self): pass

class Bare:
    pass
'''
    found = [(name, has_doc) for name, _, has_doc, _ in _public_defs(ast.parse(source))]
    assert found == [("documented", True), ("bare", False), ("Answer", True), ("Answer.total", False),
                     ("Answer.shown", True), ("Bare", False)]
