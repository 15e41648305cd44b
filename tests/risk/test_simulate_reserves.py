"""Reserves in a simulation, against a case worked out in closed form.

Council A: opening reserves £400k, minimum £300k, budget gap £100k a year for 4 years, half
of a saving S ~ Uniform(£100k, £200k) (uncertainty low -50%, high 0% of £200k). Its balance
falls by 100k - S/2 a year, so after 4 years it is 400k - 4 (100k - S/2) = 2S, its lowest;
it ends below £300k (a breach) exactly when S < £150k: P = 0.5. The lowest balance 2S is
Uniform(£200k, £400k): median £300k, 10th percentile £220k.
"""

from __future__ import annotations

import pytest

from bizcase.engine.plan import compile_plan
from bizcase.model.scenario import Scenario
from bizcase.risk import simulate as simulate_module
from bizcase.risk.sampler import risk_model
from bizcase.risk.simulate import simulate

CASE = {
    "name": "Reserves at risk",
    "start": "2016/17",
    "years": 4,
    "discount_rate": "3.5%",
    "partners": [
        {
            "id": "a",
            "name": "A",
            "budget_gap": "£100k",
            "reserves": {"opening": "£400k", "minimum": "£300k"},
        },
        {"id": "b", "name": "B"},
    ],
    "savings": [
        {
            "name": "Shared team",
            "annual": "£200k",
            "uncertainty": {"low": "-50%", "high": "0%", "distribution": "uniform"},
        }
    ],
}
DRAWS = 40_000  # standard error of a probability of 0.5: 0.0025


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return Scenario.model_validate(CASE)


def test_chance_of_staying_above_the_minimum(scenario: Scenario) -> None:
    plan = compile_plan(scenario)
    result = simulate(plan, risk_model(scenario), DRAWS, 7, ["a", "b", "total"])
    a = result.views["a"]
    assert a.p_reserves_above_minimum == pytest.approx(0.5, abs=0.012)
    assert a.reserves_lowest is not None
    assert a.reserves_lowest.percentiles[50] == pytest.approx(300_000, abs=3_000)
    assert a.reserves_lowest.percentiles[10] == pytest.approx(220_000, abs=3_000)
    # B gives no reserves, so the total's balance is not followed either.
    assert result.views["b"].reserves_lowest is None
    assert result.views["total"].p_reserves_above_minimum is None


def test_the_streamed_simulation_agrees(
    scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond EXACT_IN_MEMORY draws x views the percentiles come from passes over the
    draws: the same figures for the same seed."""
    plan = compile_plan(scenario)
    model = risk_model(scenario)
    draws = 30_001
    # values held: draws x views x 4 figures (reserves followed); two views are just over
    monkeypatch.setattr(simulate_module, "EXACT_IN_MEMORY", 8 * (draws - 1))
    streamed = simulate(plan, model, draws, 11, ["a", "b"]).views["a"]
    held = simulate(plan, model, draws, 11, ["a"]).views["a"]
    assert streamed.p_reserves_above_minimum == held.p_reserves_above_minimum
    assert streamed.reserves_lowest is not None and held.reserves_lowest is not None
    assert streamed.reserves_lowest.percentiles == pytest.approx(
        held.reserves_lowest.percentiles, abs=1e-6
    )
