"""Sensitivity to prices: each index and the deflator a percentage point lower and higher
in every year, against figures worked out by hand."""

from __future__ import annotations

import pytest

from bizcase.engine.plan import compile_plan
from bizcase.model.scenario import Scenario
from bizcase.risk.sensitivity import sensitivity

CASE = {
    "name": "Indexed",
    "start": "2016/17",
    "years": 3,
    "discount_rate": "10%",
    "prices": {"indices": {"pay": "2%"}, "deflator": "2%"},
    "partners": [{"id": "a", "name": "A"}],
    "savings": [{"name": "Team", "annual": "£100k", "index": "pay"}],
}


def test_an_index_and_the_deflator_a_point_either_way() -> None:
    scenario = Scenario.model_validate(CASE)
    result = sensitivity(scenario, compile_plan(scenario))
    # As written, pay and the deflator both 2%: real savings are 100,000 every year.
    # NPV = 100,000 (1 + 1/1.1 + 1/1.21) = 273,553.72.
    assert result.base == pytest.approx(273_553.72, abs=0.005)
    bars = {row.item: dict(row.ends) for row in result.rows}
    # Pay 1% (3%): real savings 100,000 x (1, 1.01/1.02, 1.0201/1.0404).
    low = 100_000 * (1 + 1.01 / 1.02 / 1.1 + 1.0201 / 1.0404 / 1.21)
    high = 100_000 * (1 + 1.03 / 1.02 / 1.1 + 1.0609 / 1.0404 / 1.21)
    assert bars["pay index"]["-1 point a year"] == pytest.approx(low, abs=0.005)
    assert bars["pay index"]["+1 point a year"] == pytest.approx(high, abs=0.005)
    # Deflator 1% (3%): cash 100,000 x (1, 1.02, 1.0404) over 1.01^t (1.03^t).
    low = 100_000 * (1 + 1.02 / 1.01 / 1.1 + 1.0404 / 1.0201 / 1.21)
    high = 100_000 * (1 + 1.02 / 1.03 / 1.1 + 1.0404 / 1.0609 / 1.21)
    assert bars["GDP deflator"]["-1 point a year"] == pytest.approx(low, abs=0.005)
    assert bars["GDP deflator"]["+1 point a year"] == pytest.approx(high, abs=0.005)
    assert {row.section for row in result.rows if "index" in row.item} == {"prices"}


def test_no_price_bars_without_prices() -> None:
    data = {k: v for k, v in CASE.items() if k != "prices"}
    data["savings"] = [{"name": "Team", "annual": "£100k"}]
    scenario = Scenario.model_validate(data)
    result = sensitivity(scenario, compile_plan(scenario))
    assert all(row.section != "prices" for row in result.rows)
