"""Every docstring example in dkg runs as a test, so it stays true.

The modules are found, not listed: every module of the installed `dkg` package (schema, loaders,
graph, queries, the CLI and server) is walked and each one whose docstrings hold examples is a
test case, so an example added anywhere is run without touching this file. (pytest's own
`--doctest-modules` would import schema/ as `schema` rather than `dkg.schema`, since the source
folders are mapped to package names in pyproject.toml, and fail on their relative imports.)"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import dkg

SKIP = ("dkg.bench.__main__", "dkg.__main__")  # entry points that run on import


def _modules_with_examples() -> list[str]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    found = []
    names = [info.name for info in pkgutil.walk_packages(dkg.__path__, "dkg.")]
    for layer in ("schema", "loaders", "graph", "queries"):  # folders mapped to dkg.* (pyproject.toml)
        package = importlib.import_module(f"dkg.{layer}")
        names += [f"dkg.{layer}"] + [info.name for info in pkgutil.walk_packages(package.__path__, f"dkg.{layer}.")]
    for name in dict.fromkeys(names):
        if name in SKIP:
            continue
        module = importlib.import_module(name)
        if any(t.examples for t in finder.find(module)):
            found.append(name)
    return sorted(found)


MODULES = _modules_with_examples()


def test_examples_are_found_across_the_packages():
    layers = {name.split(".")[1] for name in MODULES}
    assert {"schema", "loaders", "graph"} <= layers, MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0, f"{name} has no examples"
    assert failed == 0
