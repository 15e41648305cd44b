"""Fixtures for the format tests: a clean CLI runner and scenarios written into tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bizcase.cli import app

CLEAN_ENV: dict[str, str | None] = {
    "FORCE_COLOR": None,
    "NO_COLOR": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
    "COLUMNS": None,
    "LINES": None,
    "BIZCASE_DEBUG": None,
}

# £100 a year shared equally three ways, and £10 of one-off cost likewise: a third of a
# penny is left over in every split, so the partners' pennies only add up to the total's
# with the largest-remainder rule (the first partner takes the odd penny).
THREE_WAY = """\
    name: Three-way split
    kind: shared_service
    start: 2016/17
    years: 2
    discount_rate: 10%
    partners:
      - id: a
        name: Council A
        budget_gap: £50
      - id: b
        name: Council B
      - id: c
        name: Council C
    savings:
      - name: Shared post
        annual: £100
        share: equal
    one_off_costs:
      - name: Set-up
        amount: £10
        year: 2016/17
        share: equal
    """

Invoke = Callable[..., Result]
Write = Callable[[str, str], str]


@pytest.fixture
def invoke() -> Invoke:
    runner = CliRunner(env=CLEAN_ENV)

    def _invoke(*args: str) -> Result:
        return runner.invoke(app, list(args))

    return _invoke


@pytest.fixture
def write(tmp_path: Path) -> Write:
    def _write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return str(path)

    return _write


@pytest.fixture
def three_way(write: Write) -> str:
    return write("three-way.yaml", THREE_WAY)
