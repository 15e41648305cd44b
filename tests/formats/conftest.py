"""Fixtures for the format tests: scenarios built to need the largest-remainder rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import Result

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
"""The root conftest's `invoke` and `write` fixtures, typed for these tests."""


@pytest.fixture
def three_way(write: Write) -> str:
    return write("three-way.yaml", THREE_WAY)
