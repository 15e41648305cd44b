"""Statements a committee relies on: payback and gap closure, worked by hand.

A payback is only claimed where something was spent; a gap is only "closed" once it
exists; the payback period counts one-off costs at the start of their year and the net
recurring saving as accruing evenly through it.
"""

from __future__ import annotations

from typing import Any

import pytest

from bizcase.results.option import View
from tests.engine.test_projection import run, scenario, solo


def _total(**fields: Any) -> View:
    return run(solo(**fields)).total


def test_the_merger_example_pays_back_in_3_19_years() -> None:
    # £6.8m one-off in year 0 (2016/17), £3.1m a year from year 1:
    # cumulative -6.8, -3.7, -0.6, +2.5 (£m): paid back in year 3 (2019/20);
    # period 3 + (0 - -0.6) / 3.1 = 3.19354838... years from the start of the horizon
    view = _total(
        years=5,
        savings=[{"name": "Merger", "annual": "£3.1m", "from": "2017/18"}],
        one_off_costs=[{"name": "Transition", "amount": "£6.8m", "year": "2016/17"}],
    )
    assert view.series["cumulative_net"][:4] == pytest.approx([-6.8e6, -3.7e6, -0.6e6, 2.5e6])
    assert view.payback_status == "paid_back"
    assert view.payback_year == 2019
    assert view.payback_period == pytest.approx(3 + 0.6 / 3.1, abs=1e-12)


def test_an_outlay_not_recovered_is_not_within_the_horizon() -> None:
    # £1m one-off, £100k a year over 3 years: cumulative -0.9m, -0.8m, -0.7m
    view = _total(
        years=3,
        savings=[{"name": "S", "annual": "100k"}],
        one_off_costs=[{"name": "O", "amount": "£1m", "year": "2016/17"}],
    )
    assert (view.payback_status, view.payback_year, view.payback_period) == (
        "not_within_horizon",
        None,
        None,
    )


def test_a_do_nothing_option_claims_no_payback_and_no_closure() -> None:
    view = run(scenario(partners=[{"id": "a", "name": "A", "budget_gap": "£1m"}])).view("a")
    assert (view.payback_status, view.payback_year) == ("nothing_to_pay_back", None)
    assert (view.gap_status, view.gap_closed_year) == ("not_closed", None)


def test_running_costs_alone_are_an_outlay() -> None:
    # no one-off cost, but net -50k in year 0 (costs before savings), then +100k a year:
    # cumulative -50k, +50k: paid back in year 1, period 1 + 50/100 = 1.5
    view = _total(
        years=3,
        costs=[{"name": "C", "annual": "50k", "until": "2016/17"}],
        savings=[{"name": "S", "annual": "100k", "from": "2017/18"}],
    )
    assert view.payback_status == "paid_back"
    assert view.payback_year == 2017
    assert view.payback_period == pytest.approx(1.5, abs=1e-12)


def test_a_gap_is_never_closed_before_it_exists() -> None:
    # savings of £300k from 2018/19; the gap of £250k first appears in 2019/20:
    # remaining 0, 0, -300k, +250k - 300k = -50k, -50k: never short, so closed from the
    # later of (the year after the last short year: none, so 2016/17) and 2019/20
    view = run(
        scenario(
            partners=[{"id": "a", "name": "A", "budget_gap": {"2019/20": "250k"}}],
            savings=[{"name": "S", "annual": "300k", "from": "2018/19"}],
            years=5,
        )
    ).view("a")
    assert (view.gap_status, view.gap_closed_year) == ("closed", 2019)


def test_a_gap_that_closes_and_reopens_is_not_closed() -> None:
    # gap 100k, then 300k from 2018/19; savings 150k: remaining -50k, -50k, 150k, 150k
    view = run(
        scenario(
            partners=[
                {"id": "a", "name": "A", "budget_gap": {"2016/17": "100k", "2018/19": "300k"}}
            ],
            savings=[{"name": "S", "annual": "150k"}],
            years=4,
        )
    ).view("a")
    assert (view.gap_status, view.gap_closed_year) == ("not_closed", None)


def test_the_total_is_partial_when_only_some_partners_give_a_gap() -> None:
    result = run(
        scenario(
            partners=[
                {"id": "a", "name": "A", "budget_gap": "40k"},
                {"id": "b", "name": "B"},
            ],
            savings=[{"name": "S", "annual": "100k"}],
        )
    )
    assert result.view("b").gap_status == "no_gap"
    assert (result.total.gap_status, result.total.gap_closed_year, result.total.coverage) == (
        "partial",
        None,
        None,
    )


def test_the_total_is_closed_when_every_partner_gives_a_gap() -> None:
    # gaps 40k and 60k; savings 150k shared equally: each partner 75k, total 150k vs 100k
    result = run(
        scenario(
            partners=[
                {"id": "a", "name": "A", "budget_gap": "40k"},
                {"id": "b", "name": "B", "budget_gap": "60k"},
            ],
            savings=[{"name": "S", "annual": "150k"}],
        )
    )
    assert (result.total.gap_status, result.total.gap_closed_year) == ("closed", 2016)
    assert result.total.coverage == pytest.approx(1.5, abs=1e-12)


def test_penny_exact_amounts_count_as_zero() -> None:
    # £0.1 + £0.2 of savings against a £0.3 gap: remaining is 0.3 - (0.1 + 0.2), about
    # -5.6e-17, within a hundredth of a penny of zero: closed, not "short by a rounding"
    view = run(
        scenario(
            partners=[{"id": "a", "name": "A", "budget_gap": "0.3"}],
            savings=[{"name": "S1", "annual": "0.1"}, {"name": "S2", "annual": "0.2"}],
            one_off_costs=[{"name": "O", "amount": "0.3", "year": "2016/17"}],
        )
    ).view("a")
    assert view.gap_status == "closed"
    assert view.payback_status == "paid_back"
