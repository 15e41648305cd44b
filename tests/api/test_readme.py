"""The README's "Python API" examples are run, so what it promises is what bizcase does."""

from __future__ import annotations

import doctest
import re

import pytest

from tests.api.samples import REPO


def readme_examples() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1].split("\n## ", 1)[0]
    return "\n".join(re.findall(r"```pycon\n(.*?)```", section, flags=re.DOTALL))


def test_the_readme_has_python_examples() -> None:
    assert readme_examples().count(">>> ") >= 10


def test_the_readme_python_examples_hold() -> None:
    pytest.importorskip("pandas")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(readme_examples(), {}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
