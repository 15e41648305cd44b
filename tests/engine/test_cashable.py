"""Cashable and non-cashable savings against figures worked out by hand: only the cashable
share counts in the cash figures; the rest is reported and counted in the economic NPV."""

from __future__ import annotations

from typing import Any

import pytest

from bizcase.engine.explain import explain
from bizcase.engine.result import evaluate
from bizcase.model.scenario import Scenario

CASH: dict[str, Any] = {
    "name": "Cashable",
    "start": "2016/17",
    "years": 3,
    "discount_rate": "10%",
    "partners": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    "savings": [
        {"name": "Staff time released", "annual": "£100k", "cashable": "60%"},
        {"name": "Posts deleted", "annual": "£50k", "share": {"a": "100%"}},
    ],
    "one_off_costs": [{"name": "Set-up", "amount": "£150k", "year": "2016/17"}],
}


def test_only_the_cashable_share_is_cash() -> None:
    # Savings: 60% of £100k + £50k = £110,000 a year; non-cashable £40,000 a year.
    # Net -40,000, 110,000, 110,000: NPV -40,000 + 100,000 + 90,909.09 = 150,909.09.
    # Economic NPV adds 40,000 x (1 + 1/1.1 + 1/1.21) = 109,421.49: 260,330.58.
    result = evaluate(Scenario.model_validate(CASH), "cash.yaml")
    total = result.total
    assert total.series["savings"] == pytest.approx([110_000] * 3)
    assert total.series["non_cashable_savings"] == pytest.approx([40_000] * 3)
    assert total.npv == pytest.approx(150_909.09, abs=0.005)
    assert total.economic_npv == pytest.approx(260_330.58, abs=0.005)
    # A: half the staff time (30,000 cash, 20,000 not) and all the posts (50,000).
    a = result.view("a")
    assert a.series["savings"] == pytest.approx([80_000] * 3)
    assert a.series["non_cashable_savings"] == pytest.approx([20_000] * 3)
    # -75,000 + 80,000 x (1/1.1 + 1/1.21) + 80,000 = 143,842.98; plus 20,000 x 2.735537
    assert a.economic_npv == pytest.approx(a.npv + 54_710.74, abs=0.005)


def test_fully_cashable_options_have_no_economic_npv() -> None:
    data = {**CASH, "savings": [{"name": "Posts deleted", "annual": "£50k"}]}
    assert evaluate(Scenario.model_validate(data), "cash.yaml").total.economic_npv is None


def test_explain_shows_the_cashable_share() -> None:
    trail = explain(Scenario.model_validate(CASH), "savings", None, 2016)
    staff = next(line for line in trail.lines if "Staff" in line.label)
    assert staff.amount == pytest.approx(60_000)
    assert "x cashable 60%" in staff.detail


def test_cashable_is_for_savings_only() -> None:
    from bizcase.model.rules import check

    data = {**CASH, "costs": [{"name": "Licences", "annual": "£10k", "cashable": "50%"}]}
    [finding] = check(Scenario.model_validate(data))
    assert finding.path == ("costs", 0, "cashable")
    assert "`cashable` is for savings" in finding.message
