"""Property tests with prices and funding: indexation and funding neither create nor lose
money, and the reserves follow their rule, for random scenarios.

The expected figures are recomputed here from the format page (the index factor's
definition, the funding rules), not by the engine.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bizcase.results.option import FUNDED, SERIES
from tests.property.test_conservation import (
    SETTINGS,
    close,
    money_values,
    percent,
    result_of,
    scenarios,
)


def rate_of(rates: Any, year: int) -> float:
    """The format page: flat, or the nearest listed year at or before; 0 before the first."""
    if not isinstance(rates, dict):
        return float(rates)
    listed = [y for y in rates if y <= year]
    return float(rates[max(listed)]) if listed else 0.0


def factor(rates: Any, base: int, year: int) -> float:
    """I[b] = 1; I[t] = I[t-1] (1 + rate(t)) after b; I[t] = I[t+1] / (1 + rate(t+1))."""
    value = 1.0
    for y in range(base + 1, year + 1):
        value *= 1 + rate_of(rates, y)
    for y in range(year + 1, base + 1):
        value /= 1 + rate_of(rates, y)
    return value


rates = st.one_of(
    st.integers(-500, 800).map(lambda bp: bp / 10_000),
    st.dictionaries(
        st.integers(2000, 2045), st.integers(-500, 800).map(lambda bp: bp / 10_000), min_size=1
    ),
)


@st.composite
def finance_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(scenarios())
    start = data["start"]
    data["prices"] = {
        "base": draw(st.integers(start - 3, start + 3)),
        "indices": {"pay": draw(rates), "contracts": draw(rates)},
        "deflator": draw(rates),
    }
    for section in ("savings", "income", "costs", "one_off_costs"):
        for item in data[section]:
            index = draw(st.sampled_from([None, "pay", "contracts"]))
            if index is not None:
                item["index"] = index
    for cost in data["one_off_costs"]:
        cost["funded_by"] = draw(st.sampled_from(["reserves", "capital_receipts", "grant"]))
    for partner in data["partners"]:
        if draw(st.booleans()):
            partner["reserves"] = {
                "opening": draw(money_values),
                "minimum": draw(money_values),
            }
        if draw(st.booleans()):
            years = st.integers(start - 2, start + data["years"] - 1)
            partner["capital_receipts"] = draw(
                st.dictionaries(years, money_values, min_size=1, max_size=3)
            )
    return data


def as_fraction(text: str) -> float:
    return int(text[:-1].replace(".", "")) / 10_000


@SETTINGS
@given(finance_scenarios())
def test_indexed_streams_are_their_amount_times_the_index(data: dict[str, Any]) -> None:
    result = result_of(data)
    prices, start = data["prices"], data["start"]
    for section in ("savings", "income", "costs"):
        for t in range(data["years"]):
            year = start + t
            expected = 0.0
            for stream in data[section]:
                first, last = stream.get("from", start), stream.get("until")
                if year < first or (last is not None and year > last):
                    continue
                ramp = [as_fraction(r) for r in stream["ramp"]]
                k = year - first
                amount = stream["annual"] * (ramp[k] if k < len(ramp) else 1.0)
                amount *= as_fraction(stream["confidence"])
                if "index" in stream:
                    amount *= factor(prices["indices"][stream["index"]], prices["base"], year)
                expected += amount
            got = result.total.series[section][t]
            assert close(got, expected, abs(expected)), (section, t)
    deflators = [
        factor(prices["deflator"], prices["base"], start + t) for t in range(data["years"])
    ]
    assert result.deflators is not None
    for got, want in zip(result.deflators, deflators, strict=True):
        assert math.isclose(got, want, rel_tol=1e-9)


@SETTINGS
@given(finance_scenarios())
def test_funding_and_reserves_conserve_money(data: dict[str, Any]) -> None:
    result = result_of(data)
    years = data["years"]
    for view in [*result.partners, result.total]:
        s = view.series
        for t in range(years):
            funded = math.fsum(s[key][t] for key in FUNDED)
            assert close(funded, s["one_off_costs"][t], abs(s["one_off_costs"][t])), (view.id, t)
            assert all(s[key][t] >= -1e-6 for key in FUNDED)
        if view.reserves is not None:
            assert view.reserves_opening is not None
            balance = view.reserves_opening
            for t in range(years):
                balance -= s["funded_from_reserves"][t] + s["remaining_gap"][t]
                scale = abs(balance) + abs(s["remaining_gap"][t]) + abs(s["one_off_costs"][t])
                assert close(view.reserves[t], balance, scale * (t + 1)), (view.id, t)
            assert view.reserves_lowest == min(view.reserves)
    for key in SERIES:
        for t in range(years):
            parts = [view.series[key][t] for view in result.partners]
            assert close(math.fsum(parts), result.total.series[key][t], sum(map(abs, parts)))
    if all(p.get("reserves") for p in data["partners"]):
        assert result.total.reserves is not None
        for t in range(years):
            parts = [view.reserves[t] for view in result.partners if view.reserves is not None]
            assert close(math.fsum(parts), result.total.reserves[t], sum(map(abs, parts)))
    npvs = [view.npv for view in result.partners]
    assert close(math.fsum(npvs), result.total.npv, sum(map(abs, npvs)))


@SETTINGS
@given(finance_scenarios())
def test_receipts_are_never_spent_twice(data: dict[str, Any]) -> None:
    result = result_of(data)
    start = data["start"]
    for partner, view in zip(data["partners"], result.partners, strict=True):
        receipts = partner.get("capital_receipts") or {}
        used = 0.0
        for t in range(data["years"]):
            available = sum(a for y, a in receipts.items() if y <= start + t)
            used += view.series["funded_from_capital_receipts"][t]
            assert used <= available + 1e-6 * max(1.0, available)


def test_percent_helper_round_trips() -> None:
    assert as_fraction(percent(1234)) == 0.1234
