"""Optimism bias against figures worked out by hand from HM Treasury's Table 2 (upper and
lower bounds per category): uplift = max(lower, upper x (1 - mitigation))."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bizcase.engine.explain import explain
from bizcase.engine.plan import compile_plan
from bizcase.engine.result import evaluate
from bizcase.model.optimism_bias import parse_optimism_bias
from bizcase.model.scenario import Scenario
from bizcase.problems import FieldError
from bizcase.risk.sensitivity import sensitivity


def scenario(**fields: Any) -> Scenario:
    data: dict[str, Any] = {
        "name": "Uplifts",
        "start": "2016/17",
        "years": 3,
        "discount_rate": "0%",
        "partners": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "savings": [{"name": "Saving", "annual": "£3m"}],
        "costs": [
            {
                "name": "Outsourced",
                "annual": "£1.1m",
                "optimism_bias": {"category": "outsourcing", "mitigation": "25%"},
            },
            {"name": "Licences", "annual": "£80k", "optimism_bias": "10%"},
        ],
        "one_off_costs": [
            {
                "name": "ICT",
                "amount": "£0.4m",
                "year": "2016/17",
                "optimism_bias": {"category": "equipment_development", "mitigation": "60%"},
            },
            {
                "name": "Office",
                "amount": "£1m",
                "year": "2016/17",
                "optimism_bias": {"category": "non_standard_buildings", "mitigation": "92%"},
            },
            {"name": "Depot", "amount": "£1m", "year": "2016/17"},
        ],
    }
    data.update(fields)
    return Scenario.model_validate(data)


def test_table_2_example_non_standard_buildings_92_percent_managed() -> None:
    # max(4%, 51% x (1 - 92%)) = max(4%, 4.08%) = 4.08%
    bias = parse_optimism_bias({"category": "non_standard_buildings", "mitigation": "92%"})
    assert bias.uplift == pytest.approx(0.0408, abs=1e-12)
    # fully managed, the lower bound remains: max(4%, 0%) = 4%
    assert (
        parse_optimism_bias({"category": "non_standard_buildings", "mitigation": "100%"}).uplift
        == 0.04
    )
    # unmanaged, the upper bound: equipment and development 200%
    assert parse_optimism_bias({"category": "equipment_development"}).uplift == 2.0
    assert parse_optimism_bias("10%").uplift == 0.10


def test_uplifts_are_part_of_the_figures() -> None:
    # Outsourced: max(0%, 41% x 75%) = 30.75% of £1.1m = £338,250; Licences 10% of £80k =
    # £8,000: recurring costs 1,100,000 + 338,250 + 80,000 + 8,000 = £1,526,250 a year.
    # ICT: max(10%, 200% x 40%) = 80% of £400k = £320,000; Office 4.08% of £1m = £40,800;
    # Depot none: one-off costs 720,000 + 1,040,800 + 1,000,000 = £2,760,800.
    # Optimism bias: 2016/17 346,250 + 320,000 + 40,800 = £707,050, then £346,250 a year.
    result = evaluate(scenario(), "uplifts.yaml")
    total = result.total
    assert total.series["costs"] == pytest.approx([1_526_250] * 3, abs=0.005)
    assert total.series["one_off_costs"] == pytest.approx([2_760_800, 0, 0], abs=0.005)
    assert total.series["optimism_bias"] == pytest.approx([707_050, 346_250, 346_250], abs=0.005)
    assert total.totals["total_optimism_bias"] == pytest.approx(1_399_550, abs=0.005)
    # shared equally: each partner carries half, and the halves add up to the total
    a, b = result.view("a"), result.view("b")
    assert a.series["optimism_bias"] == pytest.approx([353_525, 173_125, 173_125], abs=0.005)
    assert [
        x + y for x, y in zip(a.series["optimism_bias"], b.series["optimism_bias"], strict=True)
    ] == (pytest.approx(total.series["optimism_bias"], abs=1e-6))


def test_explain_shows_the_uplift_in_each_line() -> None:
    trail = explain(scenario(), "one_off_costs", None, 2016)
    office = next(line for line in trail.lines if "Office" in line.label)
    assert office.amount == pytest.approx(1_040_800, abs=0.005)
    assert "optimism bias 4.08% (non_standard_buildings: max(4%, 51% x (1 - 92%)))" in office.detail
    assert trail.value == pytest.approx(2_760_800, abs=0.005)


def test_sensitivity_adds_its_uplift_only_where_an_item_gives_none() -> None:
    # --optimism-bias 24% raises only the Depot (£1m, no uplift of its own): NPV at 0% falls
    # by £240,000.
    s = scenario()
    result = sensitivity(s, compile_plan(s), "npv", None, 0.2, 0.24)
    [row] = [r for r in result.rows if r.change == "optimism bias"]
    assert row.item == "One-off costs without their own optimism bias"
    assert row.swing == pytest.approx(240_000, abs=0.005)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"category": "equipment_developmnt"}, "did you mean equipment_development?"),
        ({"category": "outsourcing", "mitigaton": "20%"}, "did you mean 'mitigation'?"),
        ({"mitigation": "20%"}, "give the category"),
        ({"category": "outsourcing", "mitigation": "120%"}, "mitigation: '120%' is above 100%"),
        ("3.5", "write 3.5% (with the % sign)"),
        ("600%", "more than bizcase takes"),
    ],
)
def test_bad_optimism_bias_says_how_to_fix_it(value: Any, message: str) -> None:
    with pytest.raises(FieldError, match=re.escape(message)):
        parse_optimism_bias(value)
