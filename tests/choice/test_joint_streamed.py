"""Options simulated together beyond what memory holds: no draw kept, and the figures of
keeping every draw (percentiles and chances to the last digit, means and errors to the
last bit or so), in three passes over the same seeded draws."""

from __future__ import annotations

import math

import pytest

from bizcase.engine.plan import compile_plan
from bizcase.results.choice import Choice
from bizcase.risk import joint as joint_module
from bizcase.risk.chunks import CHUNK
from bizcase.risk.joint import simulate_joint
from bizcase.risk.sampler import risk_model
from tests.choice.test_joint import one_saving
from tests.risk.test_simulate import UNCERTAIN, _build

DRAWS = 3 * CHUNK + 11  # three full chunks and a short one


def _three_options() -> tuple[list[object], list[object]]:
    scenarios = [
        one_saving("£100k", "-50%", "50%", "d"),
        one_saving("£80k", "-20%", "20%", "d"),
        one_saving("£90k", "-30%", "10%", None),
    ]
    return [compile_plan(s) for s in scenarios], [risk_model(s) for s in scenarios]


def _both(
    monkeypatch: pytest.MonkeyPatch, plans: list[object], models: list[object], views: list[str]
) -> tuple[Choice, Choice]:
    whole = simulate_joint(plans, models, DRAWS, 5, views, jobs=2)  # type: ignore[arg-type]
    monkeypatch.setattr(joint_module, "JOINT_IN_MEMORY", 10)

    def nothing_kept(*args: object) -> None:
        raise AssertionError("the streamed path must not hold every draw")

    monkeypatch.setattr(joint_module, "empty_outcomes", nothing_kept)
    streamed = simulate_joint(plans, models, DRAWS, 5, views, jobs=1)  # type: ignore[arg-type]
    return whole, streamed


def _same_spread(a: object, b: object, where: str) -> None:
    assert b.percentiles == a.percentiles, where  # type: ignore[attr-defined]
    assert b.mean == pytest.approx(a.mean, rel=1e-12, abs=1e-6), where  # type: ignore[attr-defined]
    assert b.se.percentiles == a.se.percentiles, where  # type: ignore[attr-defined]
    assert b.se.mean == pytest.approx(a.se.mean, rel=1e-9), where  # type: ignore[attr-defined]


def test_the_comparison_streamed_is_the_comparison_of_every_draw(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plans, models = _three_options()
    whole, streamed = _both(monkeypatch, plans, models, ["a"])
    assert streamed.draws == whole.draws == DRAWS
    a, b = whole.views["a"], streamed.views["a"]
    assert b.p_best == pytest.approx(a.p_best, rel=1e-12)
    assert math.fsum(b.p_best) == pytest.approx(1.0)
    assert b.expected_regret == pytest.approx(a.expected_regret, rel=1e-12)
    assert b.p_best_se == pytest.approx(a.p_best_se, rel=1e-9)
    assert b.expected_regret_se == pytest.approx(a.expected_regret_se, rel=1e-9)
    assert len(b.pairs) == 3
    for x, y in zip(a.pairs, b.pairs, strict=True):
        where = f"{x.first} vs {x.second}"
        assert (y.first, y.second) == (x.first, x.second)
        assert (y.p_first_higher, y.p_second_higher) == (x.p_first_higher, x.p_second_higher)
        assert (y.p_first_higher_se, y.p_second_higher_se) == (
            x.p_first_higher_se,
            x.p_second_higher_se,
        )
        _same_spread(x.difference, y.difference, where)


def test_each_options_figures_streamed_are_those_of_every_draw(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # two partners and the total, gaps, payback: every figure of a view's summary
    scenario = _build(**UNCERTAIN)
    other = _build(**UNCERTAIN, discount_rate="6%")  # the same draws, other figures
    plans = [compile_plan(scenario), compile_plan(other)]
    models = [risk_model(scenario), risk_model(other)]
    views = ["ssdc", "sdc", "total"]
    whole, streamed = _both(monkeypatch, plans, models, views)
    for place, (x, y) in enumerate(zip(whole.options, streamed.options, strict=True)):
        for view in views:
            a, b = x.views[view], y.views[view]
            for name in ("npv", "total_net", "remaining_gap"):
                _same_spread(getattr(a, name), getattr(b, name), f"{place} {view} {name}")
            assert b.p_gap_closed_by_year == a.p_gap_closed_by_year
            assert b.p_payback == a.p_payback
            assert b.payback_years == a.payback_years
            assert b.standard_errors.p_payback == a.standard_errors.p_payback  # type: ignore[union-attr]
