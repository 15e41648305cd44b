"""The projection against figures worked out by hand from the format page's "Calculation".

Every expected figure below was derived on paper from the scenario in the test (the working
is in the comments), never copied from the engine's output. Money in pounds; `k` = 1,000.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from bizcase.engine.amounts import gap_by_year, one_off_amounts, share_fractions, stream_amounts
from bizcase.engine.plan import compile_plan
from bizcase.engine.projection import Draws, first_index_holding_to_end, project
from bizcase.engine.result import evaluate
from bizcase.model.scenario import Scenario
from bizcase.model.shares import parse_share
from bizcase.results.option import OptionResult, View

PENNY = 0.005


def scenario(**fields: Any) -> Scenario:
    """A scenario from 2016/17 over 4 years with partners a and b unless told otherwise."""
    data: dict[str, Any] = {
        "name": "Test option",
        "start": "2016/17",
        "years": 4,
        "partners": [{"id": "a", "name": "Council A"}, {"id": "b", "name": "Council B"}],
    }
    data.update(fields)
    return Scenario.model_validate(data)


def solo(**fields: Any) -> Scenario:
    fields.setdefault("partners", [{"id": "a", "name": "Council A"}])
    return scenario(**fields)


def run(s: Scenario) -> OptionResult:
    return evaluate(s, "test.yaml")


def money(values: list[float]) -> Any:
    return pytest.approx(values, abs=PENNY)


# --- streams: ramp, confidence, from / until ---------------------------------------------


def test_ramp_and_confidence() -> None:
    # £1.0m, ramp [25%, 50%, 75%], confidence 80%, from the start, 5 years:
    # k=0: 1,000,000 x 0.25 x 0.8 = 200,000
    # k=1: 1,000,000 x 0.50 x 0.8 = 400,000
    # k=2: 1,000,000 x 0.75 x 0.8 = 600,000
    # k=3, 4: past the list, 100%: 1,000,000 x 0.8 = 800,000
    s = solo(
        years=5,
        savings=[
            {"name": "S", "annual": "£1.0m", "ramp": ["25%", "50%", "75%"], "confidence": "80%"}
        ],
    )
    view = run(s).partners[0]
    assert view.series["savings"] == money([200_000, 400_000, 600_000, 800_000, 800_000])
    assert view.totals["total_savings"] == pytest.approx(2_800_000, abs=PENNY)


def test_ramp_longer_than_the_horizon() -> None:
    # £500k with a 5-entry ramp over a 3-year horizon: only the first three entries are used.
    # 500k x 10% = 50k, x 20% = 100k, x 30% = 150k
    s = solo(
        years=3,
        savings=[{"name": "S", "annual": "500k", "ramp": ["10%", "20%", "30%", "40%", "50%"]}],
    )
    assert run(s).total.series["savings"] == money([50_000, 100_000, 150_000])


def test_stream_from_before_start_is_part_way_up_its_ramp() -> None:
    # from 2014/15, horizon starts 2016/17: year 0 of the horizon is k = 2 of the ramp.
    # ramp [20%, 40%, 60%, 80%] on £100k: k=2 60k, k=3 80k, k=4 100k, k=5 100k
    s = solo(
        savings=[
            {
                "name": "S",
                "annual": "£100,000",
                "from": "2014/15",
                "ramp": ["20%", "40%", "60%", "80%"],
            }
        ],
    )
    assert run(s).total.series["savings"] == money([60_000, 80_000, 100_000, 100_000])


def test_from_and_until_bound_the_stream() -> None:
    # 5 years 2016/17..2020/21; £30k from 2017/18 until 2019/20 (inclusive both ends);
    # ramp [50%] counted from `from`, so 2017/18 gets 15k.
    s = solo(
        years=5,
        income=[
            {"name": "I", "annual": "30k", "from": "2017/18", "until": "2019/20", "ramp": ["50%"]}
        ],
    )
    assert run(s).total.series["income"] == money([0, 15_000, 30_000, 30_000, 0])


def test_streams_outside_the_horizon_add_nothing() -> None:
    before = solo(costs=[{"name": "C", "annual": "1m", "from": 2010, "until": "2015/16"}])
    after = solo(costs=[{"name": "C", "annual": "1m", "from": "2020/21"}])
    assert run(before).total.series["costs"] == [0.0] * 4
    assert run(after).total.series["costs"] == [0.0] * 4


def test_stream_amounts_with_a_delay_shifts_the_ramp_too() -> None:
    # delay 1: from 2016/17 becomes 2017/18; ramp [50%] on £10k then moves with it
    s = solo(savings=[{"name": "S", "annual": "10k", "ramp": ["50%"]}])
    amounts = stream_amounts(s.savings[0], s.start, s.years, delay=1)
    assert list(amounts) == money([0, 5_000, 10_000, 10_000])


# --- one-off costs -------------------------------------------------------------------------


def test_one_off_in_a_single_year() -> None:
    # £300k in 2017/18 = index 1
    s = solo(one_off_costs=[{"name": "O", "amount": "£300k", "year": "2017/18"}])
    view = run(s).total
    assert view.series["one_off_costs"] == money([0, 300_000, 0, 0])
    assert view.totals["total_one_off_costs"] == pytest.approx(300_000, abs=PENNY)


def test_one_off_phasing() -> None:
    # £1.5m phased 60% 2016/17, 40% 2017/18: 900k, 600k
    s = solo(
        one_off_costs=[
            {"name": "O", "amount": "£1.5m", "phasing": {"2016/17": "60%", "2017/18": "40%"}}
        ],
    )
    assert run(s).total.series["one_off_costs"] == money([900_000, 600_000, 0, 0])


def test_one_off_years_outside_the_horizon_are_dropped_by_the_engine() -> None:
    # 25% in 2015/16 (before) and 25% in 2020/21 (after) fall outside 2016/17..2019/20;
    # only 50% of £200k = £100k in 2018/19 is in the horizon.
    s = solo(
        one_off_costs=[
            {
                "name": "O",
                "amount": "200k",
                "phasing": {"2015/16": "25%", "2018/19": "50%", "2020/21": "25%"},
            }
        ],
    )
    assert list(one_off_amounts(s.one_off_costs[0], s.start, s.years)) == money([0, 0, 100_000, 0])


# --- shares --------------------------------------------------------------------------------

THREE = [
    {"id": "a", "name": "A", "weights": {"population": 100, "net_budget": "£1m"}},
    {"id": "b", "name": "B", "weights": {"population": 300, "net_budget": "£1m"}},
    {"id": "c", "name": "C", "weights": {"population": 600, "net_budget": "£2m"}},
]


def _split(share: Any) -> list[float]:
    s = scenario(
        partners=THREE, years=1, savings=[{"name": "S", "annual": "£1,000,000", "share": share}]
    )
    result = run(s)
    return [view.series["savings"][0] for view in result.partners]


def test_share_equal_and_omitted() -> None:
    # 1,000,000 / 3 = 333,333.333... each
    third = 1_000_000 / 3
    assert _split("equal") == money([third, third, third])
    s = scenario(partners=THREE, years=1, savings=[{"name": "S", "annual": 90_000}])
    assert [v.series["savings"][0] for v in run(s).partners] == money([30_000] * 3)


def test_share_to_one_partner() -> None:
    assert _split("b") == money([0, 1_000_000, 0])


def test_share_by_weight() -> None:
    # population 100 : 300 : 600 of 1,000 -> 10%, 30%, 60%
    assert _split("by population") == money([100_000, 300_000, 600_000])
    # net budget 1m : 1m : 2m of 4m -> 25%, 25%, 50%
    assert _split("by net_budget") == money([250_000, 250_000, 500_000])


def test_share_mapping_leaves_others_out() -> None:
    # {a: 48%, c: 52%}: b gets nothing
    assert _split({"a": "48%", "c": "52%"}) == money([480_000, 0, 520_000])


def test_share_fractions_directly() -> None:
    # 100 : 300 : 600 -> 0.1, 0.3, 0.6; a mapping naming a and c only -> 0.48, 0, 0.52
    s = scenario(partners=THREE)
    assert list(share_fractions(parse_share("by population"), s.partners)) == pytest.approx(
        [0.1, 0.3, 0.6], abs=1e-12
    )
    assert list(share_fractions(parse_share({"c": "52%", "a": "48%"}), s.partners)) == (
        pytest.approx([0.48, 0.0, 0.52], abs=1e-12)
    )


# --- budget gaps -----------------------------------------------------------------------------


def _gaps(gap: Any, years: int = 6) -> list[float]:
    s = solo(years=years, partners=[{"id": "a", "name": "A", "budget_gap": gap}])
    return run(s).partners[0].series["gap"]


def test_gap_carries_forward_from_the_nearest_listed_year_before() -> None:
    # 2016/17..2021/22; listed 2017/18 £1.0m and 2019/20 £4.1m:
    # 2016/17 before the first listed year -> 0; 2017/18, 2018/19 -> 1.0m; 2019/20 on -> 4.1m
    assert _gaps({"2017/18": "£1.0m", "2019/20": "£4.1m"}) == money(
        [0, 1_000_000, 1_000_000, 4_100_000, 4_100_000, 4_100_000]
    )


def test_gap_listed_before_the_start_applies_from_year_zero() -> None:
    # 2014/15 £500k carries into 2016/17; 2018/19 £700k from then on; keys given unsorted
    assert _gaps({"2018/19": "700k", "2014/15": "500k"}, years=4) == money(
        [500_000, 500_000, 700_000, 700_000]
    )


def test_gap_single_amount_every_year_and_none() -> None:
    assert _gaps("£2.5m", years=3) == money([2_500_000] * 3)
    s = solo(years=3)
    assert list(gap_by_year(s.partners[0], s.start, s.years)) == [0.0, 0.0, 0.0]


# --- a whole worked example -------------------------------------------------------------------


def worked_example() -> Scenario:
    """Two partners, every kind of figure, 2016/17..2019/20 at a flat 10%."""
    return scenario(
        discount_rate="10%",
        partners=[
            {
                "id": "a",
                "name": "Council A",
                "weights": {"population": 1000},
                "budget_gap": {"2017/18": "100k"},
            },
            {"id": "b", "name": "Council B", "weights": {"population": 2000}, "budget_gap": "80k"},
        ],
        savings=[{"name": "S1", "annual": "200k", "ramp": ["50%"]}],
        income=[{"name": "I1", "annual": "40k", "from": "2017/18", "share": "a"}],
        costs=[{"name": "C1", "annual": "30k", "share": {"a": "40%", "b": "60%"}}],
        one_off_costs=[
            {"name": "O1", "amount": "150k", "year": "2016/17", "share": "by population"},
            {
                "name": "O2",
                "amount": "60k",
                "phasing": {"2017/18": "50%", "2018/19": "50%"},
                "share": "b",
            },
        ],
    )


# Working, in thousands:
# S1 200k ramp [50%] equal:   total 100, 200, 200, 200 -> a and b 50, 100, 100, 100 each
# I1 40k from 2017/18 to a:   a 0, 40, 40, 40
# C1 30k, a 40% b 60%:        a 12 a year, b 18 a year
# O1 150k 2016/17 by pop 1:2: a 50, b 100 in year 0
# O2 60k 50/50 17/18, 18/19:  b 0, 30, 30, 0
#
# a: net_recurring = 50-12, 100+40-12, ... = 38, 128, 128, 128
#    net = 38-50, 128, 128, 128 = -12, 128, 128, 128;  cumulative -12, 116, 244, 372
#    gap 0, 100, 100, 100 (nothing before 2017/18); remaining -38, -28, -28, -28
#    payback 2017/18 (cumulative >= 0 from index 1), period 1 + (0 - -12) / 128 = 1.09375
#    years; remaining <= 0 all along, but the gap first appears in 2017/18, so it is closed
#    from 2017/18 (never "closed" before there was a gap); coverage 128 / 100 = 1.28
# b: net_recurring 100/2-18 = 32, then 82, 82, 82
#    one-offs 100, 30, 30, 0 -> net -68, 52, 52, 82; cumulative -68, -16, 36, 118
#    gap 80 every year; remaining 48, -2, -2, -2
#    payback 2018/19 (index 2); gap closed 2017/18 (index 1); coverage 82 / 80 = 1.025
# total: savings 100, 200, 200, 200; income 0, 40, 40, 40; costs 30 a year
#    net_recurring 70, 210, 210, 210; one-offs 150, 30, 30, 0; net -80, 180, 180, 210
#    cumulative -80, 100, 280, 490; gap 80, 180, 180, 180; remaining 10, -30, -30, -30
#    payback 2017/18; gap closed 2017/18; coverage 210 / 180 = 1.1666...
# npv at 10%, factors 1, 1/1.1, 1/1.21, 1/1.331:
#    a: -12,000 + 128,000 x (0.909091 + 0.826446 + 0.751315) = 306,317.05
#    b: -68,000 + 52,000/1.1 + 52,000/1.21 + 82,000/1.331 = 83,855.75
#    total: -80,000 + 180,000/1.1 + 180,000/1.21 + 210,000/1.331 = 390,172.80 (= a + b)

K = 1_000


def _k(values: list[float]) -> Any:
    return money([v * K for v in values])


def test_worked_example_partner_a() -> None:
    a = run(worked_example()).view("a")
    assert a.name == "Council A"
    assert a.series["savings"] == _k([50, 100, 100, 100])
    assert a.series["income"] == _k([0, 40, 40, 40])
    assert a.series["costs"] == _k([12, 12, 12, 12])
    assert a.series["one_off_costs"] == _k([50, 0, 0, 0])
    assert a.series["net_recurring"] == _k([38, 128, 128, 128])
    assert a.series["net"] == _k([-12, 128, 128, 128])
    assert a.series["cumulative_net"] == _k([-12, 116, 244, 372])
    assert a.series["gap"] == _k([0, 100, 100, 100])
    assert a.series["remaining_gap"] == _k([-38, -28, -28, -28])
    assert a.npv == pytest.approx(
        -12_000 + 128_000 / 1.1 + 128_000 / 1.21 + 128_000 / 1.331, abs=PENNY
    )
    assert a.npv == pytest.approx(306_317.05, abs=0.01)
    assert a.payback_status == "paid_back"
    assert a.payback_year == 2017
    assert a.payback_period == pytest.approx(1.09375, abs=1e-12)
    assert a.gap_status == "closed"
    assert a.gap_closed_year == 2017
    assert a.coverage == pytest.approx(1.28, abs=1e-12)
    assert a.totals == {
        "total_savings": pytest.approx(350_000, abs=PENNY),
        "total_income": pytest.approx(120_000, abs=PENNY),
        "total_costs": pytest.approx(48_000, abs=PENNY),
        "total_one_off_costs": pytest.approx(50_000, abs=PENNY),
        "total_net": pytest.approx(372_000, abs=PENNY),
        "total_optimism_bias": 0.0,  # no optimism bias given
        "total_risk_costs": 0.0,  # no risk register
        "total_non_cashable_savings": 0.0,  # every saving cashable
        "total_council_tax_harmonisation": 0.0,  # no merger
        # no `funded_by`: the one-off £50k is met from reserves
        "total_funded_from_reserves": pytest.approx(50_000, abs=PENNY),
        "total_funded_from_capital_receipts": 0.0,
        "total_funded_by_grant": 0.0,
    }


def test_worked_example_partner_b() -> None:
    b = run(worked_example()).view("b")
    assert b.series["savings"] == _k([50, 100, 100, 100])
    assert b.series["income"] == _k([0, 0, 0, 0])
    assert b.series["costs"] == _k([18, 18, 18, 18])
    assert b.series["one_off_costs"] == _k([100, 30, 30, 0])
    assert b.series["net_recurring"] == _k([32, 82, 82, 82])
    assert b.series["net"] == _k([-68, 52, 52, 82])
    assert b.series["cumulative_net"] == _k([-68, -16, 36, 118])
    assert b.series["gap"] == _k([80, 80, 80, 80])
    assert b.series["remaining_gap"] == _k([48, -2, -2, -2])
    assert b.npv == pytest.approx(83_855.75, abs=0.01)
    assert b.payback_year == 2018
    assert b.gap_closed_year == 2017
    assert b.coverage == pytest.approx(1.025, abs=1e-12)
    assert b.totals["total_one_off_costs"] == pytest.approx(160_000, abs=PENNY)
    assert b.totals["total_net"] == pytest.approx(118_000, abs=PENNY)


def test_worked_example_total() -> None:
    result = run(worked_example())
    total = result.total
    assert total.id == "total"
    assert total.name is None
    assert result.years == [2016, 2017, 2018, 2019]
    assert result.partner_ids == ["a", "b"]
    assert total.series["savings"] == _k([100, 200, 200, 200])
    assert total.series["income"] == _k([0, 40, 40, 40])
    assert total.series["costs"] == _k([30, 30, 30, 30])
    assert total.series["one_off_costs"] == _k([150, 30, 30, 0])
    assert total.series["net_recurring"] == _k([70, 210, 210, 210])
    assert total.series["net"] == _k([-80, 180, 180, 210])
    assert total.series["cumulative_net"] == _k([-80, 100, 280, 490])
    assert total.series["gap"] == _k([80, 180, 180, 180])
    assert total.series["remaining_gap"] == _k([10, -30, -30, -30])
    assert total.npv == pytest.approx(390_172.80, abs=0.01)
    assert total.payback_year == 2017
    assert total.gap_closed_year == 2017
    assert total.coverage == pytest.approx(210 / 180, abs=1e-12)
    assert total.totals["total_savings"] == pytest.approx(700_000, abs=PENNY)
    assert total.totals["total_income"] == pytest.approx(120_000, abs=PENNY)
    assert total.totals["total_costs"] == pytest.approx(120_000, abs=PENNY)
    assert total.totals["total_one_off_costs"] == pytest.approx(210_000, abs=PENNY)
    assert total.totals["total_net"] == pytest.approx(490_000, abs=PENNY)


def test_total_block_is_the_sum_of_the_partners() -> None:
    result = run(worked_example())
    a, b, total = result.view("a"), result.view("b"), result.view(None)
    for key, values in total.series.items():
        assert values == money([x + y for x, y in zip(a.series[key], b.series[key], strict=True)])
    for key, value in total.totals.items():
        assert value == pytest.approx(a.totals[key] + b.totals[key], abs=PENNY)
    assert total.npv == pytest.approx(a.npv + b.npv, abs=1e-6)


# --- payback edge cases ---------------------------------------------------------------------


def _payback(savings: str, one_offs: dict[str, str], years: int = 5) -> View:
    one_off: list[dict[str, Any]] = []
    for i, (year, amount) in enumerate(one_offs.items()):
        one_off.append({"name": f"O{i}", "amount": amount, "year": year})
    s = solo(years=years, savings=[{"name": "S", "annual": savings}], one_off_costs=one_off)
    return run(s).total


def test_payback_never() -> None:
    # only costs: cumulative -10k, -20k, -30k, -40k
    s = solo(costs=[{"name": "C", "annual": "10k"}])
    view = run(s).total
    assert view.series["cumulative_net"] == _k([-10, -20, -30, -40])
    assert view.payback_year is None


def test_nothing_to_pay_back_without_outlays() -> None:
    # £100k savings, no costs, no one-off costs: nothing was spent, so no payback is claimed
    view = _payback("100k", {})
    assert (view.payback_status, view.payback_year, view.payback_period) == (
        "nothing_to_pay_back",
        None,
        None,
    )


def test_payback_within_the_first_year() -> None:
    # £100k one-off in 2016/17 against £200k a year: the one-off falls at the start of the
    # year and the saving accrues evenly, so it is paid back half-way through: 0.5 years
    view = _payback("200k", {"2016/17": "100k"})
    assert (view.payback_status, view.payback_year) == ("paid_back", 2016)
    assert view.payback_period == pytest.approx(0.5, abs=1e-12)


def test_payback_dips_then_recovers_at_exactly_zero() -> None:
    # 100k a year; £400k one-off in 2017/18: net 100, -300, 100, 100, 100 (k)
    # cumulative 100, -200, -100, 0, 100: stays >= 0 (0 counts) from index 3 -> 2019/20
    view = _payback("100k", {"2017/18": "400k"})
    assert view.series["cumulative_net"] == _k([100, -200, -100, 0, 100])
    assert view.payback_year == 2019


def test_payback_positive_then_negative_at_the_end_is_none() -> None:
    # 100k a year over 4 years, £500k one-off in the last year: net 100, 100, 100, -400
    # cumulative 100, 200, 300, -100: below 0 in the last year -> none
    view = _payback("100k", {"2019/20": "500k"}, years=4)
    assert view.series["cumulative_net"] == _k([100, 200, 300, -100])
    assert view.payback_year is None


# --- gap closed edge cases --------------------------------------------------------------------


def _gap_view(gap: Any, savings: list[dict[str, Any]], years: int = 4) -> View:
    s = solo(years=years, partners=[{"id": "a", "name": "A", "budget_gap": gap}], savings=savings)
    return run(s).total


def test_gap_never_closed() -> None:
    # gap £1m, savings £100k: remaining 900k every year
    view = _gap_view("£1m", [{"name": "S", "annual": "100k"}])
    assert view.series["remaining_gap"] == _k([900] * 4)
    assert view.gap_closed_year is None
    assert view.coverage == pytest.approx(0.1, abs=1e-12)


def test_gap_closed_immediately() -> None:
    # gap 50k, savings 100k: remaining -50k from year 0
    view = _gap_view("50k", [{"name": "S", "annual": "100k"}])
    assert view.gap_closed_year == 2016
    assert view.coverage == pytest.approx(2.0, abs=1e-12)


def test_gap_closed_exactly_counts_as_closed() -> None:
    # gap 100k, ramp [50%] on 100k: remaining 50k, 0, 0, 0 -> closed from 2017/18
    view = _gap_view("100k", [{"name": "S", "annual": "100k", "ramp": ["50%"]}])
    assert view.series["remaining_gap"] == _k([50, 0, 0, 0])
    assert view.gap_closed_year == 2017
    assert view.coverage == pytest.approx(1.0, abs=1e-12)


def test_gap_closing_then_reopening_is_none() -> None:
    # gap 100k rising to 300k in 2018/19; savings 150k: remaining -50, -50, 150, 150 -> none
    view = _gap_view({"2016/17": "100k", "2018/19": "300k"}, [{"name": "S", "annual": "150k"}])
    assert view.series["remaining_gap"] == _k([-50, -50, 150, 150])
    assert view.gap_closed_year is None


def test_gap_closing_reopening_then_closing_for_good_gives_the_later_year() -> None:
    # gap 100k then 300k from 2017/18; savings 150k plus 200k from 2018/19:
    # net_recurring 150, 150, 350, 350; remaining -50, 150, -50, -50 -> closed from 2018/19
    view = _gap_view(
        {"2016/17": "100k", "2017/18": "300k"},
        [{"name": "S", "annual": "150k"}, {"name": "T", "annual": "200k", "from": "2018/19"}],
    )
    assert view.series["remaining_gap"] == _k([-50, 150, -50, -50])
    assert view.gap_closed_year == 2018


def test_coverage_is_null_when_the_final_gap_is_zero() -> None:
    # gap 100k in 2016/17, 0 from 2018/19: the last year's gap is 0 -> no coverage
    view = _gap_view({"2016/17": "100k", "2018/19": 0}, [{"name": "S", "annual": "10k"}])
    assert view.series["gap"] == _k([100, 100, 0, 0])
    assert view.coverage is None
    # a partner with no gap at all: no_gap, so no gap closed year and no coverage
    s = scenario(
        partners=[{"id": "a", "name": "A", "budget_gap": "40k"}, {"id": "b", "name": "B"}],
        savings=[{"name": "S", "annual": "20k"}],
    )
    result = run(s)
    assert result.view("b").coverage is None
    assert (result.view("b").gap_status, result.view("b").gap_closed_year) == ("no_gap", None)
    # a: 10k of 40k = 0.25; the total sets both councils' savings against one council's
    # gap, so it is partial: no coverage and no year
    assert result.view("a").coverage == pytest.approx(0.25, abs=1e-12)
    assert (result.total.gap_status, result.total.coverage) == ("partial", None)
    assert result.total.gap_closed_year is None


def test_first_index_holding_to_end() -> None:
    cases = np.array(
        [
            [True, True, True],  # holds from 0
            [False, True, True],  # from 1
            [True, False, True],  # from 2
            [True, True, False],  # fails at the end -> -1
            [False, False, False],  # never -> -1
        ]
    )
    assert list(first_index_holding_to_end(cases)) == [0, 1, 2, -1, -1]


# --- npv --------------------------------------------------------------------------------------


def test_npv_under_green_book() -> None:
    # savings 100k a year for 3 years, one-off 50k in year 0; green book 3.5%:
    # net 50k, 100k, 100k: 50,000 + 100,000/1.035 + 100,000/1.035^2
    # = 50,000 + 96,618.357... + 93,351.070... = 239,969.43
    s = solo(
        years=3,
        savings=[{"name": "S", "annual": "100k"}],
        one_off_costs=[{"name": "O", "amount": "50k", "year": 2016}],
    )
    view = run(s).total
    assert view.npv == pytest.approx(50_000 + 100_000 / 1.035 + 100_000 / 1.035**2, abs=PENNY)
    assert view.npv == pytest.approx(239_969.43, abs=0.01)


# --- many draws through one engine -------------------------------------------------------------


def test_batched_draws_equal_separate_single_draw_projections() -> None:
    # Savings 100k a year (a: 100%); a £250k one-off in year 0 (equal); gap b 60k.
    # Draw k scales savings by 0.5, 1, 2 and gaps by 1, 2, 3; one-offs fixed.
    # total net: x0.5: -200, 50, 50, 50 -> cumulative -200, -150, -100, -50 -> never
    #            x1:   -150, 100, 100, 100 -> -150, -50, 50, 150 -> payback index 2
    #            x2:    -50, 200, 200, 200 -> -50, 150, ... -> payback index 1
    s = scenario(
        partners=[{"id": "a", "name": "A"}, {"id": "b", "name": "B", "budget_gap": "60k"}],
        savings=[{"name": "S", "annual": "100k", "share": "a"}],
        one_off_costs=[{"name": "O", "amount": "250k", "year": 2016}],
    )
    plan = compile_plan(s)
    scales = [0.5, 1.0, 2.0]
    gap_scales = [1.0, 2.0, 3.0]

    def inputs_for(draws: list[int]) -> Draws:
        return Draws(
            count=len(draws),
            scale={
                name: np.array([[scales[d]] * plan.blocks[name].size for d in draws])
                for name in ("savings", "income", "costs")
            },
            gap_scale=np.array([[gap_scales[d]] * 2 for d in draws]),
        )

    batch = project(plan, inputs_for([0, 1, 2]))
    assert batch.draws == 3
    assert batch.savings.shape == (3, 3, 4)  # draws, views (a, b, total), years
    for d in range(3):
        single = project(plan, inputs_for([d]))
        for key in (
            "savings",
            "income",
            "costs",
            "one_off_costs",
            "net_recurring",
            "net",
            "cumulative_net",
            "gap",
            "remaining_gap",
            "npv",
            "payback_index",
            "gap_closed_index",
            "coverage",
        ):
            np.testing.assert_array_equal(getattr(batch, key)[d], getattr(single, key)[0])

    assert list(batch.payback_index[:, 2]) == [-1, 2, 1]
    assert list(batch.cumulative_net[0, 2]) == _k([-200, -150, -100, -50])
    assert list(batch.cumulative_net[2, 2]) == _k([-50, 150, 350, 550])
    # b's gap: 60k, 120k, 180k; b saves nothing, so remaining = gap and coverage = 0
    assert list(batch.remaining_gap[:, 1, 0]) == _k([60, 120, 180])
    assert list(batch.coverage[:, 1]) == [0.0, 0.0, 0.0]
    # a's savings in the x2 draw: 200k a year, none to b
    assert list(batch.savings[2, 0]) == _k([200] * 4)
    assert list(batch.savings[2, 1]) == [0.0] * 4
    # the default inputs are the scale-1 draw
    base = project(plan)
    np.testing.assert_array_equal(base.net[0], batch.net[1])
    np.testing.assert_array_equal(base.npv[0], batch.npv[1])


def test_a_drawn_delay_shifts_the_whole_stream_ramp_included() -> None:
    # Savings 100k with ramp [50%] from 2016/17 over 4 years: 50k, 100k, 100k, 100k.
    # Delayed by 1 year: 0, 50k, 100k, 100k; by 2 years: 0, 0, 50k, 100k.
    # A £40k one-off in 2016/17 delayed by 1 year falls in 2017/18.
    s = scenario(
        partners=[{"id": "a", "name": "A"}],
        savings=[{"name": "S", "annual": "100k", "ramp": ["50%"]}],
        one_off_costs=[{"name": "O", "amount": "40k", "year": 2016}],
    )
    plan = compile_plan(s, max_delay=2)
    draws = Draws(
        count=3,
        delay={
            "savings": np.array([[0], [1], [2]]),
            "one_off_costs": np.array([[0], [1], [0]]),
        },
    )
    out = project(plan, draws)
    assert list(out.savings[0, 0]) == _k([50, 100, 100, 100])
    assert list(out.savings[1, 0]) == _k([0, 50, 100, 100])
    assert list(out.savings[2, 0]) == _k([0, 0, 50, 100])
    assert list(out.one_off_costs[1, 0]) == _k([0, 40, 0, 0])
    assert list(out.one_off_costs[2, 0]) == _k([40, 0, 0, 0])


def test_scale_and_delay_combine_per_item() -> None:
    # Two savings, 100k and 10k a year, shared equally by a and b over 3 years.
    # Draw: first x1.5 and slipped a year, second x0 -> a gets 75k from year 1 only.
    s = scenario(
        partners=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        savings=[{"name": "S1", "annual": "100k"}, {"name": "S2", "annual": "10k"}],
        years=3,
    )
    plan = compile_plan(s)
    out = project(
        plan,
        Draws(
            count=1,
            scale={"savings": np.array([[1.5, 0.0]])},
            delay={"savings": np.array([[1, 0]])},
        ),
    )
    assert list(out.savings[0, 0]) == _k([0, 75, 75])
    assert list(out.savings[0, 2]) == _k([0, 150, 150])
