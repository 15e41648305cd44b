"""Gates without the CLI: conditions parsed (valid and invalid, messages exact) and evaluated
against figures worked by hand from the scenario in the test.

The hand-worked option (one partner `a`, 2016/17 to 2018/19, flat 3.5%):
  savings £100k a year; a one-off £150k in 2016/17; budget gap £80k a year
  net           = -50,000, 100,000, 100,000     cumulative = -50,000, 50,000, 150,000
  npv           = -50,000 + 100,000 / 1.035 + 100,000 / 1.035^2
                = -50,000 + 96,618.3575 + 93,351.0700 = 139,969.4275
  payback_year  = 2017/18 (cumulative >= 0 from then on)
  remaining_gap = 80,000 - 100,000 = -20,000 every year, so gap_closed_year = 2016/17
  coverage      = 100,000 / 80,000 = 125%
  total_net = 150,000, total_savings = 300,000, total_one_off_costs = 150,000
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from bizcase.engine.result import evaluate
from bizcase.gates import (
    METRICS,
    Condition,
    GateError,
    metric_value,
    parse_condition,
    parse_conditions,
    simulated_views,
    unknown_partners,
)
from bizcase.gates import evaluate as evaluate_gates
from bizcase.model.scenario import Scenario
from bizcase.problems import InputError
from bizcase.results.option import OptionResult, View
from bizcase.results.simulation import Simulation, Spread, ViewSummary

SHAPE = "write it as [PARTNER.]METRIC OP VALUE, such as npv > 0 or ssdc.gap_closed_year <= 2019/20"
MONEY_HELP = "write pounds such as 0, 350000, £13,400, 350k, £1.2m or -£50k"


def option(**fields: Any) -> OptionResult:
    data: dict[str, Any] = {
        "name": "Hand-worked",
        "start": "2016/17",
        "years": 3,
        "discount_rate": "3.5%",
        "partners": [{"id": "a", "name": "Council A", "budget_gap": "£80k"}],
        "savings": [{"name": "Saving", "annual": "£100k"}],
        "one_off_costs": [{"name": "Set-up", "amount": "£150k", "year": "2016/17"}],
    }
    data.update(fields)
    return evaluate(Scenario.model_validate(data), "hand.yaml")


# --- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "default", "partner", "metric", "op", "threshold"),
    [
        ("npv > 0", None, "total", "npv", ">", 0.0),
        ("ssdc.gap_closed_year <= 2019/20", None, "ssdc", "gap_closed_year", "<=", 2019),
        ("gap_closed_year<2019-20", None, "total", "gap_closed_year", "<", 2019),
        ("payback_year == 2017", None, "total", "payback_year", "==", 2017),
        ("npv>=-£50k", None, "total", "npv", ">=", -50_000.0),
        ("npv >= £-50k", None, "total", "npv", ">=", -50_000.0),
        ("remaining_gap <= (£100,000)", None, "total", "remaining_gap", "<=", -100_000.0),
        ("total_net > +£2.5bn", None, "total", "total_net", ">", 2_500_000_000.0),
        ("  total . npv  !=  £1.2m ", "ssdc", "total", "npv", "!=", 1_200_000.0),
        ("NPV > 0", None, "total", "npv", ">", 0.0),
        ("SSDC.npv > 0", None, "ssdc", "npv", ">", 0.0),
        ("npv_p10 > 350k", "ssdc", "ssdc", "npv_p10", ">", 350_000.0),
        ("remaining_gap_mean <= 0", None, "total", "remaining_gap_mean", "<=", 0.0),
        ("p_gap_closed >= 80%", None, "total", "p_gap_closed", ">=", 0.8),
        ("p_payback == 1", None, "total", "p_payback", "==", 1.0),
        ("coverage < 0.8", None, "total", "coverage", "<", 0.8),
        ("coverage > 150%", None, "total", "coverage", ">", 1.5),
        ("coverage > -10%", None, "total", "coverage", ">", -0.1),
    ],
)
def test_valid_conditions(
    text: str, default: str | None, partner: str, metric: str, op: str, threshold: float
) -> None:
    condition = parse_condition(text, default)
    assert (condition.partner, condition.metric.name, condition.operator) == (partner, metric, op)
    assert condition.threshold == threshold
    assert type(condition.threshold) is type(threshold)


def test_minus_zero_is_zero() -> None:
    threshold = parse_condition("npv > -0").threshold
    assert threshold == 0.0 and math.copysign(1.0, threshold) == 1.0


def test_condition_text_is_kept_with_spaces_collapsed() -> None:
    assert parse_condition("  npv   >  0 ").text == "npv > 0"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("npvv > 0", "unknown metric 'npvv'; did you mean 'npv'?"),
        (
            "ssdc.gap_closed > 2019/20",
            "unknown metric 'gap_closed'; did you mean 'p_gap_closed' or 'gap_closed_year'?",
        ),
        ("payback > 0", "unknown metric 'payback'; did you mean 'p_payback' or 'payback_year'?"),
        ("zzz > 0", "unknown metric 'zzz'; see `bizcase check --help` for the metrics"),
        ("npv = 0", "unknown operator '=': use <, <=, >, >=, == or !=; did you mean '=='?"),
        ("npv => 0", "unknown operator '=>': use <, <=, >, >=, == or !=; did you mean '>='?"),
        ("npv <> 0", "unknown operator '<>': use <, <=, >, >=, == or !=; did you mean '!='?"),
        ("npv ≥ 0", "unknown operator '≥': use <, <=, >, >=, == or !=; did you mean '>='?"),
        ("npv >== 0", "unknown operator '>==': use <, <=, >, >=, == or !="),
        ("npv 0", f"no comparison operator (<, <=, >, >=, == or !=): {SHAPE}"),
        ("", f"no comparison operator (<, <=, >, >=, == or !=): {SHAPE}"),
        ("> 0", f"no metric before '>': {SHAPE}"),
        ("npv >", f"no value after '>': {SHAPE}"),
        ("a.b.npv > 0", f"'a.b.npv' is not [PARTNER.]METRIC: {SHAPE}"),
        ("net present value > 0", f"'net present value' is not [PARTNER.]METRIC: {SHAPE}"),
        ("npv > £1.2x", f"npv: '£1.2x' is not an amount of money: {MONEY_HELP}"),
        ("npv > --5", f"npv: '--5' is not an amount of money: {MONEY_HELP}"),
        ("npv > -(£5)", f"npv: '-(£5)' is not an amount of money: {MONEY_HELP}"),
        ("npv > 2019/20", f"npv: '2019/20' is not an amount of money: {MONEY_HELP}"),
        (
            "coverage >= 80",
            "coverage: 80 is not a percentage: write 80% (with the % sign) or the fraction 0.8",
        ),
        (
            "coverage >= 1.25",
            "coverage: 1.25 is not a percentage: write 1.25% (with the % sign) or the fraction "
            "0.0125",
        ),
        ("coverage >= lots", "coverage: 'lots' is not a percentage: write it as 3.5% or 0.035"),
        (
            "p_gap_closed >= 120%",
            "p_gap_closed: '120%' is not a probability: it must be between 0% and 100%",
        ),
        (
            "p_payback > -5%",
            "p_payback: '-5%' is not a probability: it must be between 0% and 100%",
        ),
        (
            "gap_closed_year <= 2019/21",
            "gap_closed_year: '2019/21' is not a financial year: the year after 2019 is 2019/20",
        ),
        (
            "payback_year < soon",
            "payback_year: 'soon' is not a financial year: write it as 2016/17",
        ),
    ],
)
def test_invalid_conditions(text: str, message: str) -> None:
    with pytest.raises(GateError) as caught:
        parse_condition(text)
    assert str(caught.value) == message


def test_parse_conditions_collects_every_problem() -> None:
    conditions, problems = parse_conditions(["npv > 0", "npvv > 0", "coverage > 80"], "a")
    assert [c.text for c in conditions] == ["npv > 0"]
    assert [str(p) for p in problems] == [
        "--require: 'npvv > 0': unknown metric 'npvv'; did you mean 'npv'?",
        "--require: 'coverage > 80': coverage: 80 is not a percentage: write 80% "
        "(with the % sign) or the fraction 0.8",
    ]


def test_only_p_and_spread_metrics_need_a_simulation() -> None:
    calculated_apart = {"withdrawal_cost_increase"}  # the option without each partner
    simulated = sorted(
        name
        for name, metric in METRICS.items()
        if metric.simulated and name not in calculated_apart
    )
    spreads = [
        f"{base}_{stat}"
        for base in ("npv", "total_net", "remaining_gap", "reserves_lowest")
        for stat in ("p5", "p10", "p50", "p90", "p95", "mean")
    ]
    comparing = ["p_best", "p_beats", "expected_regret"]  # several files simulated together
    assert simulated == sorted(
        ["p_gap_closed", "p_payback", "p_reserves_above_minimum", *spreads, *comparing]
    )
    conditions = [
        parse_condition(text)
        for text in ("npv > 0", "b.p_payback > 0", "npv_p5 > 0", "b.npv_mean > 0", "a.npv > 0")
    ]
    assert simulated_views(conditions) == ["b", "total"]
    assert simulated_views(conditions[:1]) == []
    # the option without each other partner is calculated, not simulated
    assert simulated_views([parse_condition("a.withdrawal_cost_increase <= 25%")]) == []


# --- evaluation against the hand-worked option --------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "passed"),
    [
        ("npv > £139,969", 139_969.4275, True),
        ("npv >= £140k", 139_969.4275, False),
        ("a.payback_year <= 2017/18", 2017, True),
        ("payback_year < 2017/18", 2017, False),
        ("payback_year != 2016/17", 2017, True),
        ("gap_closed_year == 2016/17", 2016, True),
        ("coverage >= 125%", 1.25, True),
        ("coverage > 125%", 1.25, False),
        ("remaining_gap <= -£20k", -20_000.0, True),
        ("remaining_gap < (£20,000)", -20_000.0, False),
        ("gap == £80k", 80_000.0, True),
        ("savings == 100k", 100_000.0, True),
        ("net_recurring > £100k", 100_000.0, False),
        ("total_net == £150k", 150_000.0, True),
        ("total_savings == £300k", 300_000.0, True),
        ("total_one_off_costs == £150k", 150_000.0, True),
        ("total_income == 0", 0.0, True),
        ("total_costs > 0", 0.0, False),
    ],
)
def test_hand_worked_values(text: str, value: float, passed: bool) -> None:
    result = option()
    [check] = evaluate_gates(result, [parse_condition(text)])
    assert check.value == pytest.approx(value, abs=1e-9)
    assert type(check.value) is type(value)
    assert (check.passed, check.file, check.option) == (passed, "hand.yaml", "Hand-worked")


def test_a_year_that_never_comes_fails_all_but_not_equal() -> None:
    # Gap £120k, savings £100k: 20,000 still short every year, never closed.
    result = option(partners=[{"id": "a", "name": "Council A", "budget_gap": "£120k"}])
    texts = [
        "gap_closed_year <= 2030/31",
        "gap_closed_year > 2016/17",
        "gap_closed_year == 2018/19",
        "gap_closed_year >= 1900/01",
        "gap_closed_year != 2018/19",
    ]
    checks = evaluate_gates(result, [parse_condition(t) for t in texts])
    assert [c.value for c in checks] == [None] * 5
    assert [c.passed for c in checks] == [False, False, False, False, True]


def test_coverage_without_a_gap_fails_all_but_not_equal() -> None:
    result = option(partners=[{"id": "a", "name": "Council A"}])
    checks = evaluate_gates(
        result, [parse_condition("coverage >= 0%"), parse_condition("coverage != 0%")]
    )
    assert [(c.value, c.passed) for c in checks] == [(None, False), (None, True)]


def test_partner_and_total_views() -> None:
    # Two partners sharing everything equally: each has half the total.
    result = option(
        partners=[
            {"id": "a", "name": "Council A", "budget_gap": "£40k"},
            {"id": "b", "name": "Council B", "budget_gap": "£40k"},
        ]
    )
    conditions = [parse_condition(t) for t in ("a.total_net == £75k", "total_net == £150k")]
    checks = evaluate_gates(result, conditions)
    assert [(c.condition.partner, c.value, c.passed) for c in checks] == [
        ("a", 75_000.0, True),
        ("total", 150_000.0, True),
    ]


def test_unknown_partner() -> None:
    result = option()
    conditions = [parse_condition("b.npv > 0"), parse_condition("npv > 0", "c")]
    expected = [
        "hand.yaml: --require 'b.npv > 0': 'b' is not a partner of this option "
        "(partners: a; or total for all of them)",
        "hand.yaml: --require 'npv > 0': 'c' is not a partner of this option "
        "(partners: a; or total for all of them)",
    ]
    assert [str(p) for p in unknown_partners(result, conditions)] == expected
    with pytest.raises(InputError) as caught:
        evaluate_gates(result, conditions)
    assert [str(p) for p in caught.value.problems] == expected


# --- what is compared: rounding, simulated metrics ----------------------------------------


def view(**fields: Any) -> View:
    data: dict[str, Any] = {
        "id": "total",
        "name": None,
        "series": {"remaining_gap": [0.0]},
        "npv": 0.0,
        "payback_status": "not_within_horizon",
        "payback_year": None,
        "payback_period": None,
        "gap_status": "not_closed",
        "gap_closed_year": None,
        "coverage": None,
        "totals": {},
    }
    data.update(fields)
    return View(**data)


def test_float_noise_never_decides_a_gate() -> None:
    noisy = view(npv=-1e-9, coverage=0.1 + 0.2, series={"remaining_gap": [1e-7]})
    npv = metric_value(parse_condition("npv >= 0"), noisy, None)
    assert npv == 0.0 and math.copysign(1.0, npv) == 1.0  # not -0.0
    assert parse_condition("npv >= 0").holds(npv)
    coverage = metric_value(parse_condition("coverage <= 30%"), noisy, None)
    assert coverage == 0.3 and parse_condition("coverage <= 30%").holds(coverage)
    gap = metric_value(parse_condition("remaining_gap <= 0"), noisy, None)
    assert gap == 0.0


def summary(name: str) -> ViewSummary:
    def spread(base: float) -> Spread:
        return Spread(
            {5: base + 5, 10: base + 10, 50: base + 50, 90: base + 90, 95: base + 95}, base
        )

    return ViewSummary(
        view=name,
        npv=spread(1000.0),
        total_net=spread(2000.0),
        remaining_gap=spread(3000.0),
        p_gap_closed_by_year={2016: 0.25, 2017: 0.5},
        p_gap_closed=0.5,
        p_payback=0.75,
        payback_years={2016: 0.75, None: 0.25},
    )


@pytest.mark.parametrize(
    ("metric", "value"),
    [
        ("p_gap_closed", 0.5),
        ("p_payback", 0.75),
        ("npv_p5", 1005.0),
        ("npv_p10", 1010.0),
        ("npv_p50", 1050.0),
        ("npv_p90", 1090.0),
        ("npv_p95", 1095.0),
        ("npv_mean", 1000.0),
        ("total_net_p10", 2010.0),
        ("total_net_mean", 2000.0),
        ("remaining_gap_p95", 3095.0),
        ("remaining_gap_mean", 3000.0),
    ],
)
def test_simulated_metrics_read_the_summary(metric: str, value: float) -> None:
    simulation = Simulation(draws=4, seed=0, views={"a": summary("a")})
    condition = parse_condition(f"a.{metric} >= 0")
    assert metric_value(condition, view(), simulation) == value


def test_a_simulated_metric_without_a_simulation_is_a_bug() -> None:
    condition: Condition = parse_condition("p_gap_closed >= 80%")
    with pytest.raises(ValueError, match="p_gap_closed needs a simulation of total"):
        metric_value(condition, view(), None)


def test_bcr_is_a_plain_number() -> None:
    # 3 years at 3.5%: factors 1, 1/1.035, 1/1.035^2 sum to 2.899694...; savings £100k a
    # year against a £150k set-up in 2016/17: 289,969.4... / 150,000 = 1.933129...
    condition = parse_condition("bcr >= 1.9")
    assert (condition.metric.name, condition.threshold) == ("bcr", 1.9)
    [check] = evaluate_gates(option(), [condition])
    assert check.value == pytest.approx(1.9331295, abs=1e-7) and check.passed
    [check] = evaluate_gates(option(), [parse_condition("bcr > 2")])
    assert not check.passed
    with pytest.raises(GateError, match=r"bcr: '150%' is not a number, such as 1.5"):
        parse_condition("bcr > 150%")


def test_bcr_where_nothing_is_spent_fails_every_comparison_but_not_equal() -> None:
    free = option(one_off_costs=[])
    [low, different] = evaluate_gates(
        free, [parse_condition("bcr >= 0"), parse_condition("bcr != 1")]
    )
    assert low.value is None and not low.passed
    assert different.passed
