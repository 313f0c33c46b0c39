"""The examples in the small pure modules' docstrings run as tests, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "dkg.schema.fold",
    "dkg.schema.iris",
    "dkg.schema.numbers",
    "dkg.schema.dates",
    "dkg.schema.vocab",
    "dkg.loaders.texts",
    "dkg.graph.remote",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0, f"{name} has no examples"
    assert failed == 0
