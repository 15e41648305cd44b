"""Funding of one-off costs and the reserves each council ends with, against figures worked
out by hand (the rules of the format page's "Funding and reserves")."""

from __future__ import annotations

from typing import Any

import pytest

from bizcase.engine.result import evaluate
from bizcase.model.scenario import Scenario
from bizcase.results.option import OptionResult

PENNY = 0.005

FUNDED: dict[str, Any] = {
    "name": "Funded",
    "start": "2016/17",
    "years": 3,
    "discount_rate": "10%",
    "partners": [
        {
            "id": "a",
            "name": "A",
            "budget_gap": "£100k",
            "reserves": {"opening": "£500k", "minimum": "£300k"},
            "capital_receipts": {"2016/17": "£40k", "2017/18": "£30k"},
        },
        {"id": "b", "name": "B", "reserves": {"opening": "£200k"}},
    ],
    "savings": [{"name": "Shared team", "annual": "£60k"}],
    "one_off_costs": [
        {
            "name": "Redundancy",
            "amount": "£200k",
            "year": "2016/17",
            "funded_by": "capital_receipts",
        },
        {"name": "ICT", "amount": "£60k", "year": "2017/18", "funded_by": "grant"},
        {"name": "Programme team", "amount": "£40k", "year": "2017/18"},
    ],
}


def run(data: dict[str, Any]) -> OptionResult:
    return evaluate(Scenario.model_validate(data), "funded.yaml")


def test_funding_by_source_hand_worked() -> None:
    a = run(FUNDED).view("a")
    # A's half: redundancy 100,000 in 2016/17 from receipts: 40,000 available, 60,000 falls
    # to reserves. 2017/18: 30,000 more receipts come in, nothing asks for them; the ICT
    # 30,000 is grant; the programme team's 20,000 is reserves.
    assert a.series["funded_from_capital_receipts"] == pytest.approx([40_000, 0, 0])
    assert a.series["funded_from_reserves"] == pytest.approx([60_000, 20_000, 0])
    assert a.series["funded_by_grant"] == pytest.approx([0, 30_000, 0])
    # Every pound of one-off cost is funded once.
    for t in range(3):
        funded = sum(
            a.series[key][t]
            for key in ("funded_from_reserves", "funded_from_capital_receipts", "funded_by_grant")
        )
        assert funded == pytest.approx(a.series["one_off_costs"][t])


def test_reserves_follow_the_gap_and_the_funding() -> None:
    a = run(FUNDED).view("a")
    # Remaining gap = 100,000 - 30,000 = 70,000 each year.
    # 500,000 - 60,000 - 70,000 = 370,000; - 20,000 - 70,000 = 280,000; - 70,000 = 210,000.
    assert a.reserves == pytest.approx([370_000, 280_000, 210_000])
    assert a.reserves_lowest == pytest.approx(210_000)
    assert a.reserves_breach_year == 2017  # 280,000 < 300,000 first in 2017/18
    assert a.reserves_status == "below_minimum"
    assert (a.reserves_opening, a.reserves_minimum) == (500_000, 300_000)


def test_a_partner_without_a_gap_adds_its_saving_to_reserves() -> None:
    b = run(FUNDED).view("b")
    # No gap: remaining gap = -30,000 (a surplus). B has no receipts: all 100,000 of its
    # redundancy share falls to reserves. 200,000 - 100,000 + 30,000 = 130,000;
    # - 20,000 + 30,000 = 140,000; + 30,000 = 170,000. Minimum 0: never breached.
    assert b.reserves == pytest.approx([130_000, 140_000, 170_000])
    assert b.reserves_status == "above_minimum"
    assert b.reserves_breach_year is None
    assert b.reserves_lowest == pytest.approx(130_000)


def test_the_total_adds_up_when_every_partner_gives_reserves() -> None:
    result = run(FUNDED)
    total = result.total
    assert total.reserves == pytest.approx([500_000, 420_000, 380_000])  # 370+130, ...
    assert total.reserves_minimum == pytest.approx(300_000)
    assert total.reserves_status == "above_minimum"


def test_the_total_is_partial_when_only_some_partners_give_reserves() -> None:
    data = {**FUNDED, "partners": [FUNDED["partners"][0], {"id": "b", "name": "B"}]}
    result = run(data)
    assert result.total.reserves_status == "partial"
    assert result.total.reserves is None and result.total.reserves_lowest is None
    b = result.view("b")
    assert b.reserves_status == "no_reserves_given" and b.reserves is None
    # Funding series are still given for a partner without reserves.
    assert b.series["funded_from_reserves"] == pytest.approx([100_000, 20_000, 0])


def test_receipts_used_in_later_years_and_one_amount_available_from_the_start() -> None:
    data = {
        **FUNDED,
        "partners": [
            {"id": "a", "name": "A", "capital_receipts": "£150k"},
            {"id": "b", "name": "B", "capital_receipts": {"2015/16": "£20k", "2017/18": "£200k"}},
        ],
        "one_off_costs": [
            {
                "name": "Redundancy",
                "amount": "£200k",
                "phasing": {"2016/17": "50%", "2017/18": "50%"},
                "funded_by": "capital_receipts",
            }
        ],
    }
    result = run(data)
    # A: 150,000 available; asks 50,000 then 50,000: all from receipts.
    assert result.view("a").series["funded_from_capital_receipts"] == pytest.approx(
        [50_000, 50_000, 0]
    )
    # B: 20,000 from before the horizon is available in 2016/17: 30,000 falls to reserves;
    # 2017/18 has 200,000 in: the 50,000 is covered.
    b = result.view("b")
    assert b.series["funded_from_capital_receipts"] == pytest.approx([20_000, 50_000, 0])
    assert b.series["funded_from_reserves"] == pytest.approx([30_000, 0, 0])


def test_without_funding_fields_the_figures_are_as_before() -> None:
    data = {key: value for key, value in FUNDED.items() if key not in ("partners", "one_off_costs")}
    data["partners"] = [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]
    data["one_off_costs"] = [{"name": "ICT", "amount": "£60k", "year": "2017/18"}]
    total = run(data).total
    assert total.series["funded_from_reserves"] == total.series["one_off_costs"]
    assert total.reserves is None and total.reserves_status == "no_reserves_given"
    assert total.npv == pytest.approx(60_000 + 0 / 1.1 + 60_000 / 1.21, abs=PENNY)


def test_explain_reserves_adds_up_to_the_balance() -> None:
    import math

    from bizcase.engine.explain import explain

    e = explain(Scenario.model_validate(FUNDED), "reserves", "a", 2017)
    assert e.value == pytest.approx(280_000)
    # Opening 500,000; 2016/17 -130,000 (60,000 receipts' shortfall + 70,000 gap);
    # 2017/18 -90,000 (20,000 programme team + 70,000 gap).
    assert [round(line.amount) for line in e.lines] == [500_000, -130_000, -90_000]
    assert math.fsum(line.amount for line in e.lines) == pytest.approx(e.value)
    spent = explain(Scenario.model_validate(FUNDED), "funded_from_reserves", "a", 2016)
    assert [line.label for line in spent.lines] == ["Capital receipts short of the costs they fund"]
    assert spent.value == pytest.approx(60_000)
