"""The examples in the API's docstrings are run, so the documentation cannot drift from
what the code does."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "bizcase",
    "bizcase.api.checks",
    "bizcase.api.functions",
    "bizcase.api.loading",
    "bizcase.api.option",
    "bizcase.api.results",
    "bizcase.api.simulation",
    "bizcase.api.tidy",
]


@pytest.mark.parametrize("name", MODULES)
def test_examples_in_docstrings_hold(name: str) -> None:
    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    outcome = doctest.testmod(module, optionflags=flags, verbose=False)
    assert outcome.failed == 0


def test_the_api_documents_its_examples() -> None:
    """The functions a user starts from each show an example, so each is tested above."""
    import bizcase

    for name in ("load", "loads", "run", "compare", "simulate", "choose", "sweep", "check"):
        assert ">>> " in (getattr(bizcase, name).__doc__ or ""), name
