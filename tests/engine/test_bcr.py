"""Benefit-cost ratio against figures worked out by hand: PV(savings + income) over
PV(recurring costs + one-off costs), each discounted as NPV is (year 0 not discounted)."""

from __future__ import annotations

from typing import Any

import pytest

from bizcase.engine.result import evaluate
from bizcase.model.scenario import Scenario


def option(**fields: Any) -> Any:
    data: dict[str, Any] = {
        "name": "Ratio",
        "start": "2016/17",
        "years": 3,
        "discount_rate": "10%",
        "partners": [{"id": "a", "name": "Council A"}, {"id": "b", "name": "Council B"}],
    }
    data.update(fields)
    return evaluate(Scenario.model_validate(data), "ratio.yaml")


def test_ratio_of_discounted_benefits_to_discounted_outlays() -> None:
    # Discount factors 1, 1/1.1, 1/1.21: their sum is 2.735537190...
    # Benefits: savings £100 + income £10 a year: 110 x 2.735537... = 300.909090...
    # Outlays: costs £20 a year and a £50 one-off in 2016/17: 20 x 2.735537... + 50
    #        = 104.710743...
    # BCR = 300.909090... / 104.710743... = 2.873717...
    result = option(
        savings=[{"name": "S", "annual": 100}],
        income=[{"name": "I", "annual": 10}],
        costs=[{"name": "C", "annual": 20}],
        one_off_costs=[{"name": "O", "amount": 50, "year": "2016/17"}],
    )
    assert result.total.bcr == pytest.approx(2.8737174427782, rel=1e-12)
    # Each partner has half of every item (shared equally), so the same ratio.
    assert result.view("a").bcr == pytest.approx(2.8737174427782, rel=1e-12)


def test_a_partner_with_only_costs_has_a_ratio_of_zero() -> None:
    # Council A bears the one-off alone and gets nothing back: 0 / 50 = 0.
    # Council B gets the saving and spends nothing: no ratio.
    result = option(
        savings=[{"name": "S", "annual": 100, "share": {"b": "100%"}}],
        one_off_costs=[{"name": "O", "amount": 50, "year": "2016/17", "share": {"a": "100%"}}],
    )
    assert result.view("a").bcr == 0.0
    assert result.view("b").bcr is None
    # Total: 100 x 2.735537... / 50 = 5.471074...
    assert result.total.bcr == pytest.approx(5.4710743801653, rel=1e-12)


def test_nothing_spent_has_no_ratio() -> None:
    assert option(savings=[{"name": "S", "annual": 100}]).total.bcr is None
    assert option().total.bcr is None


def test_bundled_joint_authority_for_south_somerset() -> None:
    # Green Book factors 1, 1/1.035 = 0.966184, 0.933511, 0.901943, 0.871442.
    # Savings 192k, 540k, 792k, 1,044k, 1,200k: PV 192,000 + 521,739.1 + 739,340.5
    #   + 941,628.2 + 1,045,730.7 = 3,440,438.5
    # One-off with optimism bias (redundancy +10%, ICT +20%): 48% of 1,125k, 1,275k, 330k
    # = 540,000, 612,000, 158,400: PV 540,000 + 591,304.3 + 147,868.1 = 1,279,172.4
    # BCR 3,440,438.5 / 1,279,172.4 = 2.6896
    from pathlib import Path

    from bizcase.io.loader import load_scenario

    file = Path(__file__).resolve().parents[2] / "scenarios" / "ssdc-sdc-joint.yaml"
    result = evaluate(load_scenario(file).scenario, str(file))
    assert result.view("ssdc").bcr == pytest.approx(3_440_438.5 / 1_279_172.4, abs=1e-5)


def test_npv_at_the_lower_rate_only_over_long_horizons() -> None:
    # 60 years from 2020/21: £2m built in year 0, £100k a year saved from year 0.
    # Net: -1.9m in year 0, then 100k in each of years 1 to 59. The lower schedule
    # (green_book_lower) is 3.0% for years 1-30 and 2.57% for years 31-75, so
    # PV = -1.9m + 100k x [a(30, 3%) + 1.03^-30 x a(29, 2.57%)], a(n, r) = (1 - (1+r)^-n) / r.
    def annuity(n: int, r: float) -> float:
        return (1 - (1 + r) ** -n) / r

    expected = -1_900_000 + 100_000 * (annuity(30, 0.03) + 1.03**-30 * annuity(29, 0.0257))
    long = Scenario.model_validate(
        {
            "name": "Depot",
            "start": "2020/21",
            "years": 60,
            "partners": [{"id": "a", "name": "A"}],
            "savings": [{"name": "Avoided", "annual": "£100k"}],
            "one_off_costs": [{"name": "Build", "amount": "£2m", "year": "2020/21"}],
        }
    )
    result = evaluate(long, "long.yaml")
    assert result.total.npv_lower_rate == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx(895_108, abs=1)  # about £895,108
    # 50 years or less: the Green Book does not ask for it
    short = long.model_copy(update={"years": 50})
    assert evaluate(short, "short.yaml").total.npv_lower_rate is None
