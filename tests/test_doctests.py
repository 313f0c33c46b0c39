"""Every docstring example in dkg runs as a test, so it stays true.

The modules are found, not listed: every module of the installed `dkg` package (schema, loaders,
graph, queries, the CLI and server) is read, and each one whose docstrings hold examples is a
test case, so an example added anywhere is run without touching this file. They are found from
the source text, so collecting the suite imports none of them; each test imports its module.

Why not pytest's own `--doctest-modules`: pytest names a module by its folder, and the source
folders are mapped to package names in pyproject.toml (schema/ is `dkg.schema`), so it imports
schema/iris.py as `schema.iris` and every module with a relative import across layers fails to
import ("attempted relative import beyond top-level package", also with
`--import-mode=importlib`). The folders and names here come from the installed packages, so
they follow pyproject.toml's mapping rather than repeating it.
"""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

PACKAGES = ("dkg", "dkg.schema", "dkg.loaders", "dkg.graph", "dkg.queries")  # the folders pyproject.toml maps
SKIP = ("dkg.bench.__main__", "dkg.__main__")  # entry points that run on import


def _has_examples(source: str) -> bool:
    """Whether any docstring (module, class or function) holds a `>>>` example."""
    if ">>>" not in source:
        return False
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node, clean=False)
            if doc and any(line.lstrip().startswith(">>>") for line in doc.splitlines()):
                return True
    return False


def _modules(package_name: str):
    """(dotted name, path) of every module under a package's folder, subpackages included."""
    folder = Path(importlib.import_module(package_name).__path__[0])
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(folder).with_suffix("").parts
        if not all((folder.joinpath(*parts[:i]) / "__init__.py").is_file() for i in range(1, len(parts))):
            continue  # a folder of scripts or data, not a subpackage
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join((package_name, *parts)), path


def modules_with_examples() -> list[str]:
    found = {name for package in PACKAGES for name, path in _modules(package)
             if name not in SKIP and _has_examples(path.read_text(encoding="utf-8"))}
    return sorted(found)


MODULES = modules_with_examples()


def test_examples_are_found_across_the_packages():
    layers = {name.split(".")[1] for name in MODULES}
    assert {"schema", "loaders", "graph"} <= layers, MODULES


def test_the_scan_finds_examples_in_docstrings_only():
    assert _has_examples('def f():\n    """Twice.\n\n    >>> f()\n    2\n    """\n')
    assert _has_examples('class C:\n    """>>> C()"""\n')
    assert not _has_examples('PROMPT = ">>> "\n"""No examples here."""\n')


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0, f"{name} has no examples"
    assert failed == 0
