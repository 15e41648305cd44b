"""One-at-a-time sensitivity against figures worked by hand.

The hand-worked option: one partner, 4 years from 2016/17, a flat 10% discount rate,
one saving of £100k a year, one one-off cost of £150k in 2016/17, a budget gap of £50k.

  discount factors 1, 1/1.1, 1/1.21, 1/1.331 = 1, 0.9090909, 0.8264463, 0.7513148
  their sum 3.4868520, so the saving is worth 348,685.20 and
  npv = 348,685.20 - 150,000 = 198,685.20

  saving -20%: 80k x 3.4868520 - 150k = 278,948.16 - 150,000 = 128,948.16
  saving +20%: 120k x 3.4868520 - 150k = 418,422.24 - 150,000 = 268,422.24
      swing 139,474.08
  saving 1 year late: 100k x (0.9090909 + 0.8264463 + 0.7513148) - 150k
      = 248,685.20 - 150,000 = 98,685.20, swing 100,000 (the first, undiscounted year lost)
  one-off -20%: 348,685.20 - 120,000 = 228,685.20; +20%: - 180,000 = 168,685.20; swing 60,000
  optimism bias +24%: 348,685.20 - 186,000 = 162,685.20, swing 36,000
  the budget gap does not enter npv: unaffected
"""

from __future__ import annotations

from typing import Any

import pytest

from bizcase.engine.plan import compile_plan
from bizcase.model.scenario import Scenario
from bizcase.results.sensitivity import Sensitivity
from bizcase.risk.sensitivity import sensitivity

FACTORS = [1.0, 1 / 1.1, 1 / 1.21, 1 / 1.331]
ANNUITY = sum(FACTORS)


def _scenario(**changes: Any) -> Scenario:
    data: dict[str, Any] = {
        "name": "Hand worked",
        "kind": "solo",
        "start": "2016/17",
        "years": 4,
        "discount_rate": "10%",
        "partners": [{"id": "a", "name": "Council A", "budget_gap": "£50k"}],
        "savings": [{"name": "Saving", "annual": "£100k"}],
        "one_off_costs": [{"name": "Setup", "amount": "£150k", "year": "2016/17"}],
    }
    data.update(changes)
    return Scenario.model_validate(data)


def _run(scenario: Scenario, **kw: Any) -> Sensitivity:
    return sensitivity(scenario, compile_plan(scenario), **kw)


def _rows(result: Sensitivity) -> dict[tuple[str, str], dict[str, float]]:
    return {(row.item, row.change): dict(row.ends) for row in result.rows}


def test_hand_worked_npv() -> None:
    assert abs(ANNUITY - 3.4868520) < 1e-7
    result = _run(_scenario(), optimism_bias=0.24)
    assert result.metric == "npv" and result.view == "total"
    assert result.base == pytest.approx(198_685.20, abs=0.01)
    rows = _rows(result)
    assert rows[("Saving", "range")] == pytest.approx(
        {"-20%": 128_948.16, "+20%": 268_422.24}, abs=0.01
    )
    assert rows[("Saving", "delay")] == pytest.approx({"1 year late": 98_685.20}, abs=0.01)
    assert rows[("Setup", "range")] == pytest.approx(
        {"-20%": 228_685.20, "+20%": 168_685.20}, abs=0.01
    )
    assert rows[("All one-off costs", "optimism bias")] == pytest.approx(
        {"+24% optimism bias": 162_685.20}, abs=0.01
    )
    # Sorted by swing, largest first: 139,474.08, 100,000, 60,000, 36,000.
    assert [(row.item, row.change) for row in result.rows] == [
        ("Saving", "range"),
        ("Saving", "delay"),
        ("Setup", "range"),
        ("All one-off costs", "optimism bias"),
    ]
    assert [row.swing for row in result.rows] == pytest.approx(
        [139_474.08, 100_000, 60_000, 36_000], abs=0.01
    )
    assert result.unaffected == ["Budget gap: Council A (range)"]


def test_hand_worked_exact_against_the_formula() -> None:
    result = _run(_scenario())
    ends = _rows(result)[("Saving", "range")]
    assert ends["-20%"] == pytest.approx(80_000 * ANNUITY - 150_000, abs=1e-6)
    assert ends["+20%"] == pytest.approx(120_000 * ANNUITY - 150_000, abs=1e-6)
    late = _rows(result)[("Saving", "delay")]["1 year late"]
    assert late == pytest.approx(100_000 * sum(FACTORS[1:]) - 150_000, abs=1e-6)
    # No --optimism-bias: no such row.
    assert all(row.change != "optimism bias" for row in result.rows)


def test_items_with_uncertainty_use_their_low_and_high() -> None:
    # Saving -30% / +10%: 70k x 3.4868520 - 150k = 94,079.64; 110k x ... - 150k = 233,553.72.
    # Setup normal, likely 0%, sd 10%: P5/P95 at -/+16.448536%:
    #   150k x (1 -/+ 0.16448536) = 125,327.20 / 174,672.80;
    #   npv 348,685.20 - those = 223,358.00 / 174,012.40
    scenario = _scenario(
        savings=[
            {
                "name": "Saving",
                "annual": "£100k",
                "uncertainty": {"low": "-30%", "likely": "0%", "high": "10%"},
            }
        ],
        one_off_costs=[
            {
                "name": "Setup",
                "amount": "£150k",
                "year": "2016/17",
                "uncertainty": {"likely": "0%", "sd": "10%", "distribution": "normal"},
            }
        ],
    )
    rows = _rows(_run(scenario, default_range=0.5))
    assert rows[("Saving", "range")] == pytest.approx(
        {"-30%": 94_079.64, "+10%": 233_553.72}, abs=0.01
    )
    assert rows[("Setup", "range")] == pytest.approx(
        {"-16.4485%": 223_358.00, "+16.4485%": 174_012.40}, abs=0.01
    )


def test_default_range_applies_to_items_without_uncertainty() -> None:
    rows = _rows(_run(_scenario(), default_range=0.1))
    assert rows[("Saving", "range")] == pytest.approx(
        {"-10%": 90_000 * ANNUITY - 150_000, "+10%": 110_000 * ANNUITY - 150_000}, abs=1e-6
    )


def test_remaining_gap_metric() -> None:
    # Final-year remaining gap = 50k - 100k = -50,000. Saving -20%/+20%: 50k - 80k = -30,000,
    # 50k - 120k = -70,000 (swing 40,000); gap -20%/+20%: 40k - 100k = -60,000,
    # 60k - 100k = -40,000 (swing 20,000); a year late changes nothing in the final year,
    # nor does the one-off cost.
    result = _run(_scenario(), metric="remaining_gap")
    assert result.base == pytest.approx(-50_000)
    rows = _rows(result)
    assert list(rows) == [("Saving", "range"), ("Council A", "range")]
    assert rows[("Saving", "range")] == pytest.approx({"-20%": -30_000, "+20%": -70_000})
    assert rows[("Council A", "range")] == pytest.approx({"-20%": -60_000, "+20%": -40_000})
    assert result.unaffected == ["Saving: Saving (delay)", "One-off cost: Setup (range)"]


def test_partner_view() -> None:
    # Two partners, the saving split 30/70 and the one-off all b's: a's npv is
    # 30k x 3.4868520 = 104,605.56, moved by the saving only.
    scenario = _scenario(
        kind="joint",
        partners=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        savings=[{"name": "Saving", "annual": "£100k", "share": {"a": "30%", "b": "70%"}}],
        one_off_costs=[{"name": "Setup", "amount": "£150k", "year": "2016/17", "share": "b"}],
    )
    result = _run(scenario, view="a")
    assert result.view == "a"
    assert result.base == pytest.approx(30_000 * ANNUITY, abs=1e-6)
    assert [(row.item, row.change) for row in result.rows] == [
        ("Saving", "range"),
        ("Saving", "delay"),
    ]
    assert result.unaffected == ["One-off cost: Setup (range)"]
