"""The risk register against figures worked out by hand: each risk counts at probability x
impact as written, occurs or not in each simulated case, and is a bar of the tornado."""

from __future__ import annotations

from typing import Any

import pytest

from bizcase.engine.explain import explain
from bizcase.engine.plan import compile_plan
from bizcase.engine.result import evaluate
from bizcase.model.scenario import Scenario
from bizcase.risk.sampler import risk_model
from bizcase.risk.sensitivity import sensitivity
from bizcase.risk.simulate import simulate

# 3 years at 10%: factors 1, 1/1.1, 1/1.21. Savings £600k a year, a £500k redundancy cost
# in 2016/17. Risks: pension strain, 30% x £500k in 2017/18 (48% / 52%); licence overlap,
# 50% x £40k a year from 2017/18 (shared equally).
RISKY: dict[str, Any] = {
    "name": "Risky merger",
    "start": "2016/17",
    "years": 3,
    "discount_rate": "10%",
    "partners": [{"id": "ssdc", "name": "South Somerset"}, {"id": "sdc", "name": "Sedgemoor"}],
    "savings": [{"name": "Shared management", "annual": "£600k"}],
    "one_off_costs": [{"name": "Redundancy", "amount": "£500k", "year": "2016/17"}],
    "risks": [
        {
            "name": "Pension strain",
            "probability": "30%",
            "impact": "£500k",
            "year": "2017/18",
            "share": {"ssdc": "48%", "sdc": "52%"},
        },
        {"name": "Licence overlap", "probability": "50%", "annual": "£40k", "from": "2017/18"},
    ],
}


def scenario(**changes: Any) -> Scenario:
    return Scenario.model_validate({**RISKY, **changes})


def test_risks_count_at_expected_value() -> None:
    # Risk costs: 2017/18 150,000 + 20,000 = 170,000; 2018/19 20,000.
    # Net 100,000, 430,000, 580,000; NPV 100,000 + 430,000/1.1 + 580,000/1.21 = 970,247.93
    # SSDC: 48% of 150,000 + half of 20,000 = 82,000, then 10,000.
    result = evaluate(scenario(), "risky.yaml")
    total = result.total
    assert total.series["risk_costs"] == pytest.approx([0, 170_000, 20_000], abs=0.005)
    assert total.series["net"] == pytest.approx([100_000, 430_000, 580_000], abs=0.005)
    assert total.npv == pytest.approx(970_247.93, abs=0.005)
    assert total.totals["total_risk_costs"] == pytest.approx(190_000, abs=0.005)
    assert result.view("ssdc").series["risk_costs"] == pytest.approx([0, 82_000, 10_000])
    # net_recurring (and so the gap) is not touched: the register is not a recurring saving
    assert total.series["net_recurring"] == pytest.approx([600_000] * 3)
    # BCR: 600,000 x 2.735537 = 1,641,322.31 over 500,000 + 170,000/1.1 + 20,000/1.21 =
    # 671,074.38: 2.44582...
    assert total.bcr == pytest.approx(1_641_322.314 / 671_074.380, rel=1e-9)


def test_explain_shows_probability_times_impact() -> None:
    trail = explain(scenario(), "risk_costs", "ssdc", 2017)
    pension = next(line for line in trail.lines if "Pension" in line.label)
    assert pension.amount == pytest.approx(72_000)  # 30% x 500,000 x 48%
    assert "30% probability x £500,000.00 x 100% in 2017/18 x share 48%" in pension.detail
    assert trail.value == pytest.approx(82_000)


def test_each_case_has_each_risk_or_not() -> None:
    # Without risks NPV would be 1,141,322.31; pension strain costs 500,000/1.1 = 454,545.45;
    # the licence overlap 40,000/1.1 + 40,000/1.21 = 69,421.49. Both occur in 15% of cases,
    # neither in 35%: the 5th and 10th percentiles are 617,355.37, the 90th 1,141,322.31.
    s = scenario()
    summary = simulate(compile_plan(s), risk_model(s), 40_000, 3, ["total"]).views["total"]
    assert summary.npv.percentiles[5] == pytest.approx(617_355.37, abs=0.01)
    assert summary.npv.percentiles[10] == pytest.approx(617_355.37, abs=0.01)
    assert summary.npv.percentiles[90] == pytest.approx(1_141_322.31, abs=0.01)
    # the mean is the expected value, within sampling error (sd of the mean ~ 1,100)
    assert summary.npv.mean == pytest.approx(970_247.93, abs=5_000)


def test_a_certain_risk_always_occurs_and_is_not_simulated() -> None:
    certain = scenario(risks=[{**RISKY["risks"][0], "probability": "100%"}])
    assert risk_model(certain).is_certain


def test_each_risk_is_a_bar_from_not_occurring_to_occurring_in_full() -> None:
    s = scenario()
    result = sensitivity(s, compile_plan(s), "npv", None)
    pension = next(row for row in result.rows if row.item == "Pension strain")
    assert [label for label, _ in pension.ends] == ["does not occur", "occurs in full"]
    # does not occur: +30% x 454,545.45 = 1,106,611.57; in full: -70% x 454,545.45
    assert pension.ends[0][1] == pytest.approx(970_247.93 + 136_363.64, abs=0.01)
    assert pension.ends[1][1] == pytest.approx(970_247.93 - 318_181.82, abs=0.01)
    assert pension.swing == pytest.approx(454_545.45, abs=0.01)


@pytest.mark.parametrize(
    ("risk", "message"),
    [
        ({"name": "X", "probability": "30%", "impact": "£1m"}, "exactly one of `year`"),
        ({"name": "X", "probability": "30%", "annual": "£1m", "year": "2016/17"}, "go with"),
        ({"name": "X", "probability": "30%"}, "exactly one of `impact`"),
        ({"name": "X", "probability": "130%", "impact": "£1m", "year": 2016}, "above 100%"),
    ],
)
def test_a_risk_says_how_to_write_it(risk: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        scenario(risks=[risk])
