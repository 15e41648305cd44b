"""Discount factors against the format page: factor[0] = 1, factor[t] = factor[t-1] / (1 + r)."""

from __future__ import annotations

import pytest

from bizcase.engine.plan import compile_plan
from bizcase.model.discount import GREEN_BOOK, DiscountRate
from bizcase.model.scenario import Scenario


def _plan_factors(rate: str | None, years: int) -> list[float]:
    data: dict[str, object] = {
        "name": "Discounting",
        "start": "2016/17",
        "years": years,
        "partners": [{"id": "a", "name": "A"}],
    }
    if rate is not None:
        data["discount_rate"] = rate
    return [float(f) for f in compile_plan(Scenario.model_validate(data)).discount_factors]


def test_flat_rate_from_a_file() -> None:
    # 10% flat: 1, 1/1.1 = 0.909090..., 1/1.21 = 0.826446..., 1/1.331 = 0.751314...
    factors = _plan_factors("10%", 4)
    assert factors == pytest.approx([1.0, 0.9090909091, 0.8264462810, 0.7513148009], abs=1e-10)


def test_flat_rate_year_zero_is_not_discounted() -> None:
    factors = DiscountRate.flat(0.05).factors(3)
    # 1, 1/1.05 = 0.952380952..., 1/1.1025 = 0.907029478...
    assert factors[0] == 1.0
    assert factors[1] == pytest.approx(0.9523809524, abs=1e-10)
    assert factors[2] == pytest.approx(0.9070294785, abs=1e-10)


def test_green_book_is_the_default_and_matches_the_published_table() -> None:
    # The format page: at 3.5%, 1.0000, 0.9662, 0.9335, 0.9019, 0.8714, 0.8420, ... 0.7089
    # at t = 10 (1.035**-10 = 0.708918...).
    factors = _plan_factors(None, 11)
    assert [round(f, 4) for f in factors[:6]] == [1.0, 0.9662, 0.9335, 0.9019, 0.8714, 0.8420]
    assert round(factors[10], 4) == 0.7089
    assert factors == _plan_factors("green_book", 11)


def test_green_book_switches_to_three_percent_after_index_30() -> None:
    factors = GREEN_BOOK.factors(50)
    # 3.5% applies to indexes 1..30, so factor[30] = 1.035**-30 = 0.356278...
    assert factors[30] == pytest.approx(1.035**-30, rel=1e-12)
    assert factors[30] == pytest.approx(0.3562784, abs=1e-7)
    # index 31 is discounted at 3.0%, not 3.5%
    assert factors[31] == pytest.approx(factors[30] / 1.03, rel=1e-12)
    assert factors[31] != pytest.approx(factors[30] / 1.035, rel=1e-6)
    # and so on to the last year of a 50-year horizon: 19 more years at 3.0%
    assert factors[49] == pytest.approx(1.035**-30 * 1.03**-19, rel=1e-12)
    assert GREEN_BOOK.rate(30) == 0.035
    assert GREEN_BOOK.rate(31) == 0.030
    assert GREEN_BOOK.rate(75) == 0.030


def test_zero_rate_discounts_nothing() -> None:
    assert list(DiscountRate.flat(0.0).factors(5)) == [1.0] * 5
    assert _plan_factors("0%", 3) == [1.0, 1.0, 1.0]


def test_one_year_horizon() -> None:
    assert list(GREEN_BOOK.factors(1)) == [1.0]


def test_every_schedule_of_table_8() -> None:
    # Years 0-30, 31-75, 76-125, 126-200, 201-300, 301+ (HM Treasury Green Book, Table 8)
    expected = {
        "green_book": [0.035, 0.030, 0.025, 0.020, 0.015, 0.010],
        "green_book_health": [0.015, 0.0129, 0.0107, 0.0086, 0.0064, 0.0043],
        "green_book_lower": [0.030, 0.0257, 0.0214, 0.0171, 0.0129, 0.0086],
    }
    for name, rates in expected.items():
        schedule = DiscountRate.schedule(name)
        got = [schedule.rate(t) for t in (1, 31, 76, 126, 201, 301)]
        assert got == rates, name
        assert [schedule.rate(t) for t in (30, 75, 125, 200, 300)] == rates[:5], name


def test_health_schedule_factors_by_hand() -> None:
    # 1.5% to year 30, then 1.29%: factor[30] = 1.015^-30 = 0.639762...,
    # factor[31] = factor[30] / 1.0129
    factors = _plan_factors("green_book_health", 32)
    assert factors[30] == pytest.approx(1.015**-30, rel=1e-12)
    assert factors[30] == pytest.approx(0.6397624, abs=1e-7)
    assert factors[31] == pytest.approx(1.015**-30 / 1.0129, rel=1e-12)


def test_a_misspelt_schedule_is_refused_with_the_names() -> None:
    with pytest.raises(ValueError, match="did you mean green_book_health"):
        _plan_factors("green_book_heath", 3)
    with pytest.raises(ValueError, match=r"give a percentage such as 3\.5%, or a schedule"):
        _plan_factors("treasury", 3)
