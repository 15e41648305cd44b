"""Prices and indexation against figures worked out by hand: amounts grow with their index
into cash, budgets stay cash as written, and NPV discounts real flows (cash / deflator)."""

from __future__ import annotations

from typing import Any

import pytest

from bizcase.engine.result import evaluate
from bizcase.model.prices import IndexRate
from bizcase.model.scenario import Scenario

PENNY = 0.005

INDEXED: dict[str, Any] = {
    "name": "Indexed",
    "start": "2016/17",
    "years": 3,
    "discount_rate": "10%",
    "prices": {
        "indices": {"pay": {"2017/18": "1%", "2018/19": "2%"}, "contracts": "3%"},
        "deflator": "2%",
    },
    "partners": [
        {"id": "a", "name": "A", "budget_gap": "£200k"},
        {"id": "b", "name": "B", "budget_gap": "£200k"},
    ],
    "savings": [
        {"name": "Shared team", "annual": "£100k", "index": "pay"},
        {"name": "Flat cash", "annual": "£50k"},
    ],
    "costs": [{"name": "Contract", "annual": "£20k", "index": "contracts"}],
    "one_off_costs": [
        {"name": "ICT", "amount": "£100k", "year": "2017/18", "index": "contracts"},
    ],
}


def test_index_factors_by_year_hand_worked() -> None:
    rate = IndexRate(by_year=((2017, 0.01), (2018, 0.02)))
    # Base 2016/17 = 1; 2017/18 x 1.01; 2018/19 x 1.02; 2019/20 takes 2018/19's 2%.
    assert rate.factors(2016, 2016, 2019) == pytest.approx([1.0, 1.01, 1.0302, 1.050804])
    # Before the base, divide back: 2015/16 = 1 / (1 + rate(2016/17)) = 1 (0% before the
    # first listed year); with the base at 2018/19, 2016/17 = 1 / (1.02 x 1.01).
    assert rate.factors(2016, 2015, 2016) == pytest.approx([1.0, 1.0])
    assert rate.factors(2018, 2016, 2018) == pytest.approx([1 / 1.0302, 1 / 1.02, 1.0])
    flat = IndexRate(flat=-0.5)
    assert flat.factors(2016, 2015, 2017) == pytest.approx([2.0, 1.0, 0.5])


def test_cash_amounts_grow_with_their_index() -> None:
    total = evaluate(Scenario.model_validate(INDEXED), "indexed.yaml").total
    # Pay 100,000 x (1, 1.01, 1.0302) + flat 50,000 = 150,000, 151,000, 153,020.
    assert total.series["savings"] == pytest.approx([150_000, 151_000, 153_020], abs=PENNY)
    # Contracts 3%: 20,000, 20,600, 21,218; the ICT cost in 2017/18 prices x 1.03 = 103,000.
    assert total.series["costs"] == pytest.approx([20_000, 20_600, 21_218], abs=PENNY)
    assert total.series["one_off_costs"] == pytest.approx([0, 103_000, 0], abs=PENNY)
    # Budget gaps are cash as written: 400,000 each year; remaining = gap - net recurring.
    assert total.series["gap"] == pytest.approx([400_000] * 3)
    assert total.series["remaining_gap"] == pytest.approx([270_000, 269_600, 268_198], abs=PENNY)
    # Net 130,000, 27,400, 131,802; cumulative 130,000, 157,400, 289,202.
    assert total.series["cumulative_net"] == pytest.approx([130_000, 157_400, 289_202], abs=PENNY)


def test_npv_discounts_real_flows() -> None:
    total = evaluate(Scenario.model_validate(INDEXED), "indexed.yaml").total
    # Real net = cash / 1.02^t: 130,000; 27,400 / 1.02 = 26,862.745; 131,802 / 1.0404 =
    # 126,683.968. Discounted at 10%: 130,000 + 24,420.677 + 104,697.494 = 259,118.17.
    assert total.npv == pytest.approx(259_118.17, abs=PENNY)


def test_without_prices_the_figures_are_as_before() -> None:
    flat = {key: value for key, value in INDEXED.items() if key != "prices"}
    for section in ("savings", "costs", "one_off_costs"):
        flat[section] = [{k: v for k, v in item.items() if k != "index"} for item in flat[section]]
    total = evaluate(Scenario.model_validate(flat), "flat.yaml").total
    # Net 130,000, 30,000 - 100,000 + ... : savings 150,000, costs 20,000, one-off 100,000.
    assert total.series["net"] == pytest.approx([130_000, 30_000, 130_000])
    assert total.npv == pytest.approx(130_000 + 30_000 / 1.1 + 130_000 / 1.21, abs=PENNY)


def test_a_base_year_after_the_start_deflates_the_early_years() -> None:
    data = {
        **INDEXED,
        "prices": {"base": "2017/18", "indices": {"pay": "2%"}, "deflator": "2%"},
        "savings": [{"name": "Shared team", "annual": "£102k", "index": "pay"}],
        "costs": [],
        "one_off_costs": [],
    }
    total = evaluate(Scenario.model_validate(data), "base.yaml").total
    # £102k in 2017/18 prices: 100,000 in 2016/17, 102,000, 104,040.
    assert total.series["savings"] == pytest.approx([100_000, 102_000, 104_040], abs=PENNY)
    # The deflator has the same base: real flows are 102,000 in every year (2017/18 prices).
    assert total.npv == pytest.approx(102_000 * (1 + 1 / 1.1 + 1 / 1.21), abs=PENNY)


def test_a_slipped_item_takes_the_index_of_the_year_it_lands_in() -> None:
    from bizcase.engine.plan import compile_plan

    data = {
        **INDEXED,
        "one_off_costs": [
            {
                "name": "ICT",
                "amount": "£100k",
                "year": "2016/17",
                "index": "contracts",
                "delay": {0: "50%", 1: "50%"},
            }
        ],
    }
    plan = compile_plan(Scenario.model_validate(data))
    block = plan.blocks["one_off_costs"]
    assert list(block.delayed[0][0]) == pytest.approx([100_000, 0, 0])
    assert list(block.delayed[1][0]) == pytest.approx([0, 103_000, 0])


def test_explain_shows_the_index_factor_and_the_deflator() -> None:
    from bizcase.engine.explain import explain

    scenario = Scenario.model_validate(INDEXED)
    savings = explain(scenario, "savings", None, 2018)
    team = next(line for line in savings.lines if "Shared team" in line.label)
    assert team.amount == pytest.approx(103_020)
    assert "x pay index 1.030200" in team.detail
    npv = explain(scenario, "npv", None, None)
    assert "/ 1.040400 x" in npv.lines[2].detail
    assert sum(line.amount for line in npv.lines) == pytest.approx(259_118.17, abs=PENNY)
