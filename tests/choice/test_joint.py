"""Options simulated together: common random numbers, the chance each is best, regret and
pairs. Expected figures are worked out by hand from uniform distributions (each case's
working is in its comment), never taken from the code. Statistical tolerances are 4
standard errors; seeds are fixed, so every check is deterministic."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from bizcase.engine.plan import compile_plan
from bizcase.model.scenario import Scenario
from bizcase.results.choice import Choice
from bizcase.results.convergence import Precision
from bizcase.risk.chunks import CHUNK
from bizcase.risk.joint import compare_npvs, joint_outcomes, simulate_joint
from bizcase.risk.sampler import risk_model


def one_saving(annual: str, low: str, high: str, driver: str | None, **more: Any) -> Scenario:
    """One partner, one year at 0%: NPV is the year's saving, annual x (1 + change)."""
    saving: dict[str, Any] = {
        "name": "Saving",
        "annual": annual,
        "uncertainty": {"low": low, "high": high, "distribution": "uniform"},
    }
    if driver is not None:
        saving["driver"] = driver
    return Scenario.model_validate(
        {
            "name": f"Saving {annual}",
            "kind": "solo",
            "start": "2020/21",
            "years": 1,
            "discount_rate": "0%",
            "partners": [{"id": "a", "name": "Council A"}],
            "savings": [saving],
            **more,
        }
    )


def together(scenarios: list[Scenario], draws: int, seed: int = 7, **kw: Any) -> Choice:
    plans = [compile_plan(s) for s in scenarios]
    return simulate_joint(plans, [risk_model(s) for s in scenarios], draws, seed, ["a"], **kw)


def four_se(p: float, draws: int) -> float:
    return 4 * math.sqrt(p * (1 - p) / draws)


def test_identical_driven_files_differ_by_exactly_zero_in_every_draw() -> None:
    scenario = one_saving("£100k", "-50%", "50%", "staffing")
    plans = [compile_plan(scenario)] * 2
    models = [risk_model(scenario)] * 2
    first, second = joint_outcomes(plans, models, 20_000, 3, ["a"])
    assert np.ptp(first.npv) > 50_000  # the draws do vary...
    assert np.array_equal(first.npv, second.npv)  # ...and identically in both options
    choice = together([scenario, scenario], 20_000, 3)
    pair = choice.views["a"].pairs[0]
    assert (pair.p_first_higher, pair.p_second_higher) == (0.0, 0.0)
    assert set(pair.difference.percentiles.values()) == {0.0}
    assert choice.views["a"].p_best == (0.5, 0.5)  # every draw a tie, shared equally
    assert choice.views["a"].expected_regret == (0.0, 0.0)


def test_items_without_a_driver_are_independent_across_options() -> None:
    scenario = one_saving("£100k", "-50%", "50%", None)
    first, second = joint_outcomes([compile_plan(scenario)] * 2, [risk_model(scenario)] * 2,
                                   20_000, 3, ["a"])  # fmt: skip
    correlation = np.corrcoef(first.npv[:, 0], second.npv[:, 0])[0, 1]
    assert abs(correlation) < 4 / math.sqrt(20_000)


def test_a_shared_driver_moves_the_chance_one_beats_the_other_as_worked_out() -> None:
    """A = £100k x (1 + X), X uniform -50%..+50%: A = 50k + 100k u.
    B = £80k x (1 + Y), Y uniform -20%..+20%: B = 64k + 32k v.

    Shared driver (v = u): A > B when 68k u > 14k, so P(A > B) = 1 - 14/68 = 54/68. A - B
    = -14k + 68k u is uniform on -£14k..£54k: P10 -£7.2k, P50 £20k, P90 £47.2k. Regret of
    A = E[max(0, B - A)] = 14²/(2 x 68) k = £1,441.18; of B = 54²/(2 x 68) k = £21,441.18.

    Independent (no driver): P(100 u > 14 + 32 v) = E_v[0.86 - 0.32 v] = 0.70."""
    draws = 40_000
    shared = together(
        [one_saving("£100k", "-50%", "50%", "d"), one_saving("£80k", "-20%", "20%", "d")], draws
    )
    view = shared.views["a"]
    pair = view.pairs[0]
    assert pair.p_first_higher == pytest.approx(54 / 68, abs=four_se(54 / 68, draws))
    assert pair.p_first_higher + pair.p_second_higher == pytest.approx(1.0)
    for p, expected in ((10, -7_200), (50, 20_000), (90, 47_200)):
        # a percentile of u is within 4 x sqrt(p(1-p)/n) = 0.006 of p: 68k x 0.006 = £408
        assert pair.difference.percentiles[p] == pytest.approx(expected, abs=420)
    assert view.p_best[0] == pytest.approx(54 / 68, abs=four_se(54 / 68, draws))
    # regret: sd of max(0, B - A) under £5k, so 4 SE is under £100
    assert view.expected_regret[0] == pytest.approx(14**2 / 136 * 1000, abs=100)
    assert view.expected_regret[1] == pytest.approx(54**2 / 136 * 1000, abs=200)

    apart = together(
        [one_saving("£100k", "-50%", "50%", "d"), one_saving("£80k", "-20%", "20%", "e")], draws
    )
    assert apart.views["a"].pairs[0].p_first_higher == pytest.approx(0.70, abs=four_se(0.70, draws))


def test_each_option_keeps_its_own_figures_in_a_joint_run() -> None:
    """A's NPV is uniform on £50k..£150k whatever it is simulated with: P10 £60k, P90 £140k."""
    choice = together(
        [one_saving("£100k", "-50%", "50%", "d"), one_saving("£80k", "-20%", "20%", "e")], 40_000
    )
    npv = choice.options[0].views["a"].npv
    assert npv.percentiles[10] == pytest.approx(60_000, abs=600)
    assert npv.percentiles[90] == pytest.approx(140_000, abs=600)
    assert npv.mean == pytest.approx(100_000, abs=4 * 100_000 / math.sqrt(12 * 40_000))


def test_a_joint_run_does_not_depend_on_threads() -> None:
    scenarios = [one_saving("£100k", "-50%", "50%", "d"), one_saving("£80k", "-20%", "20%", None)]
    assert together(scenarios, 2 * CHUNK + 5, jobs=1) == together(scenarios, 2 * CHUNK + 5, jobs=2)


def test_a_precise_joint_run_too_big_to_hold_is_refused() -> None:
    """--precision looks at every draw so far at each check: it keeps them (a run without
    it streams, `test_joint_streamed`)."""
    scenario = one_saving("£100k", "-50%", "50%", "d")
    with pytest.raises(ValueError, match="keeps every draw"):
        together([scenario] * 3, 3_000_000, precision=Precision("1%", fraction=0.01))


def test_comparison_worked_by_hand() -> None:
    """Draws (A, B): (1, 2) B best; (3, 1) A best; (2, 2) a tie, half each.
    P(best) = (1.5/3, 1.5/3); regret A = (1 + 0 + 0)/3, B = (0 + 2 + 0)/3; A - B = -1, 2, 0:
    A higher in 1 of 3, B higher in 1 of 3 (the tie counts for neither)."""
    view = compare_npvs("a", np.array([[1.0, 2.0], [3.0, 1.0], [2.0, 2.0]]))
    assert view.p_best == pytest.approx((0.5, 0.5))
    assert view.expected_regret == pytest.approx((1 / 3, 2 / 3))
    pair = view.pairs[0]
    assert (pair.p_first_higher, pair.p_second_higher) == pytest.approx((1 / 3, 1 / 3))
    assert pair.difference.percentiles[50] == 0.0
    assert pair.difference.mean == pytest.approx(1 / 3)


npv_tables = st.integers(2, 5).flatmap(
    lambda options: arrays(
        np.float64,
        st.tuples(st.integers(1, 30), st.just(options)),
        elements=st.sampled_from([-1e6, -2.5, 0.0, 0.001, 1.0, 1e6, 3e7]),
    )
)


@settings(max_examples=200, deadline=None)
@given(npv_tables)
def test_chances_of_being_best_sum_to_one_and_regret_is_never_negative(npv: Any) -> None:
    view = compare_npvs("a", npv)
    assert sum(view.p_best) == pytest.approx(1.0, abs=1e-12)
    assert all(0.0 <= p <= 1.0 for p in view.p_best)
    assert all(r >= 0.0 for r in view.expected_regret)
    for pair in view.pairs:
        assert pair.p_first_higher + pair.p_second_higher <= 1.0 + 1e-12
        # the mean difference is the difference of the regrets, the other way round
        expected = view.expected_regret[pair.second] - view.expected_regret[pair.first]
        assert pair.difference.mean == pytest.approx(expected, rel=1e-9, abs=1e-6)
