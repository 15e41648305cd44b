"""Property tests: shares, phasing and totals neither create nor lose money.

For random scenarios the partners' figures add up to the total's, every pound written in a
file appears exactly once in the result, and rounding to pennies keeps the sums exact.
The expected figures are recomputed here from the format page's rules, not by the engine.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bizcase.engine.result import evaluate
from bizcase.model.scenario import Scenario
from bizcase.render.money import pennies, split_pennies
from bizcase.results.option import SERIES, TOTALS, OptionResult

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

money_values = st.one_of(
    st.integers(0, 20_000_000),
    st.integers(0, 2_000_000_000).map(lambda p: p / 100),  # pounds and pence
)


def percent(basis_points: int) -> str:
    """A written percentage from basis points: 3333 -> '33.33%'."""
    return f"{basis_points // 100}.{basis_points % 100:02d}%"


@st.composite
def partition(draw: st.DrawFn, parts: int) -> list[int]:
    """`parts` non-negative basis points adding up to exactly 10,000 (100%)."""
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=parts - 1, max_size=parts - 1)))
    edges = [0, *cuts, 10_000]
    return [edges[i + 1] - edges[i] for i in range(parts)]


@st.composite
def shares(draw: st.DrawFn, ids: list[str]) -> Any:
    kind = draw(
        st.sampled_from(["omitted", "equal", "partner", "population", "net_budget", "mapping"])
    )
    if kind == "omitted":
        return None
    if kind == "equal":
        return "equal"
    if kind == "partner":
        return draw(st.sampled_from(ids))
    if kind in ("population", "net_budget"):
        return f"by {kind}"
    named = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True))
    points = draw(partition(len(named)))
    return {pid: percent(bp) for pid, bp in zip(named, points, strict=True)}


def with_share(item: dict[str, Any], share: Any) -> dict[str, Any]:
    if share is not None:
        item["share"] = share
    return item


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(2, 6))
    ids = [f"p{i}" for i in range(count)]
    start = draw(st.integers(2000, 2030))
    years = draw(st.integers(1, 12))
    near = st.integers(start - 4, start + years + 2)

    partners = []
    for pid in ids:
        partner: dict[str, Any] = {
            "id": pid,
            "name": f"Council {pid}",
            "weights": {
                "population": draw(st.integers(1, 1_000_000)),
                "net_budget": draw(money_values.filter(lambda m: m > 0)),
            },
        }
        gap_kind = draw(st.sampled_from(["none", "single", "years"]))
        if gap_kind == "single":
            partner["budget_gap"] = draw(money_values)
        elif gap_kind == "years":
            listed = draw(st.lists(near, min_size=1, max_size=4, unique=True))
            partner["budget_gap"] = {year: draw(money_values) for year in listed}
        partners.append(partner)

    data: dict[str, Any] = {
        "name": "Random option",
        "kind": "joint",
        "start": start,
        "years": years,
        "discount_rate": draw(st.sampled_from(["green_book", "3.5%", "0%", "7%"])),
        "partners": partners,
    }
    for section in ("savings", "income", "costs"):
        streams = []
        for i in range(draw(st.integers(0, 4))):
            stream: dict[str, Any] = {"name": f"{section} {i}", "annual": draw(money_values)}
            first = draw(st.one_of(st.none(), near))
            if first is not None:
                stream["from"] = first
            if draw(st.booleans()):
                stream["until"] = draw(st.integers(first or start, start + years + 2))
            stream["ramp"] = [
                percent(bp) for bp in draw(st.lists(st.integers(0, 10_000), max_size=6))
            ]
            stream["confidence"] = percent(draw(st.integers(0, 10_000)))
            streams.append(with_share(stream, draw(shares(ids))))
        data[section] = streams
    one_offs = []
    for i in range(draw(st.integers(0, 4))):
        cost: dict[str, Any] = {"name": f"one-off {i}", "amount": draw(money_values)}
        if draw(st.booleans()):
            cost["year"] = draw(near)
        else:
            phased_years = draw(st.lists(near, min_size=1, max_size=4, unique=True))
            points = draw(partition(len(phased_years)))
            cost["phasing"] = {
                year: percent(bp) for year, bp in zip(phased_years, points, strict=True)
            }
        one_offs.append(with_share(cost, draw(shares(ids))))
    data["one_off_costs"] = one_offs
    return data


def close(a: float, b: float, scale: float) -> bool:
    """Equal within 1e-6 relative to the size of the figures involved."""
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6 * max(1.0, scale))


def expected_stream_total(data: dict[str, Any], section: str) -> list[float]:
    """The format page: annual x ramp factor x confidence when from <= year <= until."""
    start, years = data["start"], data["years"]
    out = [0.0] * years
    for stream in data[section]:
        first = stream.get("from", start)
        last = stream.get("until")
        ramp = [int(r[:-1].replace(".", "")) / 10_000 for r in stream["ramp"]]
        confidence = int(stream["confidence"][:-1].replace(".", "")) / 10_000
        for t in range(years):
            year = start + t
            if year < first or (last is not None and year > last):
                continue
            k = year - first
            out[t] += stream["annual"] * (ramp[k] if k < len(ramp) else 1.0) * confidence
    return out


def expected_one_off_total(data: dict[str, Any]) -> float:
    """Every cost's amount in the horizon's years, whichever way it is phased."""
    start, end = data["start"], data["start"] + data["years"] - 1
    total = 0.0
    for cost in data["one_off_costs"]:
        phased = cost.get("phasing") or {cost.get("year"): "100.00%"}
        for year, written in phased.items():
            if start <= year <= end:
                total += cost["amount"] * int(written[:-1].replace(".", "")) / 10_000
    return total


def expected_gap(partner: dict[str, Any], start: int, years: int) -> list[float]:
    gap = partner.get("budget_gap")
    if gap is None:
        return [0.0] * years
    if not isinstance(gap, dict):
        return [float(gap)] * years
    out = []
    for t in range(years):
        before = [year for year in gap if year <= start + t]
        out.append(float(gap[max(before)]) if before else 0.0)
    return out


def result_of(data: dict[str, Any]) -> OptionResult:
    return evaluate(Scenario.model_validate(data), "random.yaml")


@SETTINGS
@given(scenarios())
def test_partners_add_up_to_the_total(data: dict[str, Any]) -> None:
    result = result_of(data)
    for key in SERIES:
        for t in range(data["years"]):
            parts = [view.series[key][t] for view in result.partners]
            scale = sum(abs(x) for x in parts)
            assert close(math.fsum(parts), result.total.series[key][t], scale), (key, t)
    for key in TOTALS:
        parts = [view.totals[key] for view in result.partners]
        assert close(math.fsum(parts), result.total.totals[key], sum(abs(x) for x in parts))
    partner_npvs = [view.npv for view in result.partners]
    assert close(math.fsum(partner_npvs), result.total.npv, sum(abs(x) for x in partner_npvs))


@SETTINGS
@given(scenarios())
def test_shares_and_phasing_neither_create_nor_lose_money(data: dict[str, Any]) -> None:
    result = result_of(data)
    for section in ("savings", "income", "costs"):
        expected = expected_stream_total(data, section)
        for t in range(data["years"]):
            by_partner = math.fsum(view.series[section][t] for view in result.partners)
            assert close(by_partner, expected[t], abs(expected[t])), (section, t)
            assert close(result.total.series[section][t], expected[t], abs(expected[t]))
    expected_one_off = expected_one_off_total(data)
    all_one_off = math.fsum(x for view in result.partners for x in view.series["one_off_costs"])
    assert close(all_one_off, expected_one_off, expected_one_off)
    assert close(result.total.totals["total_one_off_costs"], expected_one_off, expected_one_off)
    for partner, view in zip(data["partners"], result.partners, strict=True):
        gap = expected_gap(partner, data["start"], data["years"])
        assert view.series["gap"] == gap


@SETTINGS
@given(scenarios())
def test_each_view_follows_the_calculation(data: dict[str, Any]) -> None:
    result = result_of(data)
    factors = result.discount_factors
    for view in [*result.partners, result.total]:
        s = view.series
        running = 0.0
        for t in range(data["years"]):
            scale = abs(s["savings"][t]) + abs(s["income"][t]) + abs(s["costs"][t])
            net_recurring = s["savings"][t] + s["income"][t] - s["costs"][t]
            assert close(s["net_recurring"][t], net_recurring, scale)
            net = s["net_recurring"][t] - s["one_off_costs"][t]
            assert close(s["net"][t], net, scale + abs(s["one_off_costs"][t]))
            running += s["net"][t]
            assert close(s["cumulative_net"][t], running, abs(running) + scale * (t + 1))
            assert close(
                s["remaining_gap"][t], s["gap"][t] - s["net_recurring"][t], abs(s["gap"][t]) + scale
            )
        npv = math.fsum(n * f for n, f in zip(s["net"], factors, strict=True))
        assert close(view.npv, npv, sum(abs(n) for n in s["net"]))
        for key, source in TOTALS.items():
            assert close(view.totals[key], math.fsum(s[source]), sum(abs(x) for x in s[source]))


@SETTINGS
@given(scenarios())
def test_rounded_partner_figures_add_up_to_the_rounded_total(data: dict[str, Any]) -> None:
    result = result_of(data)
    for key in ("net", "one_off_costs", "remaining_gap"):
        for t in range(data["years"]):
            parts = [view.series[key][t] for view in result.partners]
            total = result.total.series[key][t]
            split = split_pennies(parts, total)
            assert sum(split) == pennies(total)
            # each part moves by less than a penny from its exact value
            assert all(abs(p - x * 100) <= 1 for p, x in zip(split, parts, strict=True))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1e10, 1e10, allow_nan=False), min_size=1, max_size=8))
def test_split_pennies_always_sums_to_the_rounded_total(parts: list[float]) -> None:
    total = math.fsum(parts)
    split = split_pennies(parts, total)
    assert sum(split) == pennies(total)
    assert len(split) == len(parts)
    assert all(abs(p - x * 100) <= 1 + 1e-6 for p, x in zip(split, parts, strict=True))


@SETTINGS
@given(
    weights=st.lists(
        st.one_of(st.just(10**13), st.just(0), st.integers(0, 10**13), st.floats(0, 1e-300)),
        min_size=2,
        max_size=6,
    ).filter(lambda w: sum(w) > 0),
    annual=money_values,
)
def test_extreme_weights_still_add_up_to_the_total(weights: list[float], annual: float) -> None:
    # Weights at the ceiling (£10 trillion), zero and tiny: each partner's share is
    # weight / sum, and the partners' savings add up to the whole amount every year.
    ids = [f"p{i}" for i in range(len(weights))]
    scenario = Scenario.model_validate(
        {
            "name": "Weights",
            "start": 2020,
            "years": 2,
            "partners": [
                {"id": pid, "name": pid, "weights": {"population": w}}
                for pid, w in zip(ids, weights, strict=True)
            ],
            "savings": [{"name": "s", "annual": annual, "share": "by population"}],
        }
    )
    result = evaluate(scenario, "weights.yaml")
    for t in range(2):
        parts = math.fsum(view.series["savings"][t] for view in result.partners)
        assert parts == pytest.approx(annual, rel=1e-12, abs=1e-9)
        assert result.total.series["savings"][t] == annual
