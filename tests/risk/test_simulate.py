"""Monte Carlo: a scenario with no uncertainty gives a zero-width simulation equal to
`run`; the same seed gives the same figures however the draws are split or threaded;
drivers, delays and the budget-gap uncertainty do what the format says.

Statistical tolerances are 4 standard errors of the statistic checked (see each test);
seeds are fixed, so every check is deterministic.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bizcase.engine.plan import compile_plan
from bizcase.engine.result import evaluate
from bizcase.io.loader import load_scenario
from bizcase.model.scenario import Scenario
from bizcase.results.option import OptionResult
from bizcase.results.simulation import PERCENTILES, Simulation
from bizcase.risk.sampler import draw, risk_model
from bizcase.risk.simulate import CHUNK, simulate, simulate_outcomes

ROOT = Path(__file__).resolve().parents[2]
JOINT_FILE = ROOT / "scenarios" / "ssdc-sdc-joint.yaml"


def _build(**changes: Any) -> Scenario:
    """Two partners, 5 years from 2016/17 at a flat 3.5%: a saving, an income, a cost and a
    one-off cost; ssdc has a budget gap. `changes` replace top-level keys."""
    data: dict[str, Any] = {
        "name": "Risk test",
        "kind": "joint",
        "start": "2016/17",
        "years": 5,
        "discount_rate": "3.5%",
        "partners": [
            {"id": "ssdc", "name": "South Somerset", "budget_gap": {"2016/17": "£300k"}},
            {"id": "sdc", "name": "Sedgemoor"},
        ],
        "savings": [
            {
                "name": "Management",
                "annual": "£400k",
                "ramp": ["50%"],
                "share": {"ssdc": "48%", "sdc": "52%"},
            },
        ],
        "income": [{"name": "Trading", "annual": "£50k", "from": "2017/18"}],
        "costs": [{"name": "Licences", "annual": "£20k", "share": "sdc"}],
        "one_off_costs": [{"name": "Redundancy", "amount": "£500k", "year": "2016/17"}],
    }
    data.update(changes)
    return Scenario.model_validate(data)


def _run(scenario: Scenario, draws: int, seed: int = 1, **kw: Any) -> Simulation:
    plan = compile_plan(scenario)
    views = [*plan.partner_ids, "total"]
    return simulate(plan, risk_model(scenario), draws, seed, views, **kw)


def _assert_equals_run(simulation: Simulation, result: OptionResult) -> None:
    for view_id, summary in simulation.views.items():
        view = result.view(view_id)
        expected = {
            "npv": view.npv,
            "total_net": view.totals["total_net"],
            "remaining_gap": view.last("remaining_gap"),
        }
        for key, value in expected.items():
            spread = getattr(summary, key)
            for p in PERCENTILES:
                assert spread.percentiles[p] == pytest.approx(value, abs=1e-6), (view_id, key, p)
            assert spread.mean == pytest.approx(value, abs=1e-6), (view_id, key)
        assert summary.p_gap_closed == (1.0 if view.gap_closed_year is not None else 0.0)
        assert summary.p_payback == (1.0 if view.payback_year is not None else 0.0)
        for year, p in summary.p_gap_closed_by_year.items():
            closed = view.gap_closed_year is not None and year >= view.gap_closed_year
            assert p == (1.0 if closed else 0.0)
        assert summary.payback_years[view.payback_year] == 1.0
        assert sum(summary.payback_years.values()) == 1.0


# ---------------------------------------------------------------- no uncertainty = run


@pytest.mark.parametrize("source", ["built", "bundled"])
def test_no_uncertainty_gives_a_zero_width_simulation_equal_to_run(source: str) -> None:
    scenario = _build() if source == "built" else load_scenario(JOINT_FILE).scenario
    assert risk_model(scenario).is_certain
    result = evaluate(scenario, "x.yaml")
    _assert_equals_run(_run(scenario, 500), result)


def test_no_uncertainty_covers_both_outcomes_of_gap_and_payback() -> None:
    # ssdc's £300k gap against its share of savings (48% of £400k = £192k) is never closed;
    # sdc has no gap, so nothing is closed for it either. With a £1 one-off cost everyone
    # pays back at once; with a £5m one-off nobody does.
    for one_off in ("£1", "£5m"):
        scenario = _build(
            one_off_costs=[{"name": "Redundancy", "amount": one_off, "year": "2016/17"}]
        )
        result = evaluate(scenario, "x.yaml")
        assert result.view("ssdc").gap_closed_year is None
        assert (result.view("sdc").gap_status, result.view("sdc").gap_closed_year) == (
            "no_gap",
            None,
        )
        _assert_equals_run(_run(scenario, 50), result)


# ----------------------------------------------------------------------- reproducible

UNCERTAIN = {
    "savings": [
        {
            "name": "Management",
            "annual": "£400k",
            "ramp": ["50%"],
            "share": {"ssdc": "48%", "sdc": "52%"},
            "uncertainty": {"low": "-30%", "likely": "0%", "high": "10%"},
            "delay": {0: "60%", 1: "30%", 2: "10%"},
        },
        {
            "name": "Procurement",
            "annual": "£150k",
            "uncertainty": {"low": "-50%", "high": "20%", "distribution": "uniform"},
            "driver": "market",
        },
    ],
    "income": [
        {
            "name": "Trading",
            "annual": "£50k",
            "from": "2017/18",
            "uncertainty": {"likely": "0%", "sd": "15%", "distribution": "normal"},
            "driver": "market",
        }
    ],
    "one_off_costs": [
        {
            "name": "Redundancy",
            "amount": "£500k",
            "year": "2016/17",
            "uncertainty": {
                "low": "-10%",
                "likely": "0%",
                "high": "40%",
                "distribution": "triangular",
            },
            "delay": {0: "80%", 1: "20%"},
        }
    ],
}


def test_same_seed_gives_identical_summaries_and_another_seed_does_not() -> None:
    scenario = _build(**UNCERTAIN)
    first, second = _run(scenario, 3000, seed=42), _run(scenario, 3000, seed=42)
    assert first == second
    assert _run(scenario, 3000, seed=43) != first
    # Something did vary.
    spread = first.views["total"].npv.percentiles
    assert spread[5] < spread[50] < spread[95]


def test_results_do_not_depend_on_jobs_or_chunking() -> None:
    scenario = _build(**UNCERTAIN)
    draws = CHUNK * 2 + 5  # three chunks, the last of 5 draws
    one = _run(scenario, draws, seed=7, jobs=1)
    two = _run(scenario, draws, seed=7, jobs=2)
    assert one == two
    assert one.draws == draws


def test_first_draws_of_a_bigger_run_equal_a_smaller_run() -> None:
    scenario = _build(**UNCERTAIN)
    plan, model = compile_plan(scenario), risk_model(scenario)
    views = [0, 1, 2]
    small = simulate_outcomes(plan, model, CHUNK, 9, views, jobs=1)
    big = simulate_outcomes(plan, model, CHUNK * 2 + 5, 9, views, jobs=2)
    for field in ("npv", "total_net", "remaining_gap", "payback_index", "gap_closed_index"):
        assert np.array_equal(getattr(big, field)[:CHUNK], getattr(small, field)), field
    # The remaining draws are new ones, not the first chunk again.
    assert not np.array_equal(big.npv[CHUNK : 2 * CHUNK], small.npv)


def test_draws_out_of_range_are_refused() -> None:
    scenario = _build()
    with pytest.raises(ValueError, match="draws"):
        _run(scenario, 0)


# --------------------------------------------------------------------------- drivers


def _ranks(values: np.ndarray) -> np.ndarray:
    return np.argsort(np.argsort(values, kind="stable"), kind="stable").astype(float)


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(_ranks(a), _ranks(b))[0, 1])


def test_items_sharing_a_driver_are_perfectly_rank_correlated() -> None:
    # "Procurement" (uniform) and "Trading" (normal) share the driver "market": both take
    # the same quantile, so their scales are comonotone (Spearman 1) though their
    # distributions differ. "Management" and "Redundancy" vary on their own: their rank
    # correlation with the driven items is sampling noise, sd 1/sqrt(n - 1); 4 sd allowed.
    n = 20_000
    model = risk_model(_build(**UNCERTAIN))
    assert model.drivers == ("market",)
    d = draw(model, np.random.default_rng(5), n)
    procurement, trading = d.scale["savings"][:, 1], d.scale["income"][:, 0]
    management, redundancy = d.scale["savings"][:, 0], d.scale["one_off_costs"][:, 0]
    assert _spearman(procurement, trading) == pytest.approx(1.0, abs=1e-12)
    # Same quantile, so any order of one is the order of the other.
    order = np.argsort(procurement)
    assert np.all(np.diff(trading[order]) >= 0)
    limit = 4 / math.sqrt(n - 1)
    for a, b in ((management, procurement), (management, redundancy), (redundancy, trading)):
        assert abs(_spearman(a, b)) < limit


def test_a_shared_driver_carries_through_to_the_outcomes() -> None:
    # Two savings on one driver, each for one partner only: the partners' NPVs move
    # together draw by draw (rank correlation 1); without the driver they are independent.
    def scenario(driver: str | None) -> Scenario:
        items = [
            {
                "name": name,
                "annual": "£100k",
                "share": partner,
                "uncertainty": {"low": "-40%", "likely": "0%", "high": "20%"},
                **({"driver": driver} if driver else {}),
            }
            for name, partner in (("A", "ssdc"), ("B", "sdc"))
        ]
        return _build(savings=items, income=[], costs=[], one_off_costs=[])

    n = 10_000
    for driver, check in (
        ("d", lambda r: r == pytest.approx(1.0, abs=1e-12)),
        (None, lambda r: abs(r) < 4 / math.sqrt(n - 1)),
    ):
        s = scenario(driver)
        out = simulate_outcomes(compile_plan(s), risk_model(s), n, 3, [0, 1], jobs=1)
        assert check(_spearman(out.npv[:, 0], out.npv[:, 1])), driver


# ---------------------------------------------------------------------------- delays


def test_a_certain_one_year_delay_equals_starting_a_year_later() -> None:
    # delay {1: 100%} on the ramped saving that runs from 2016/17 to 2019/20 must give
    # exactly the run of the same scenario with from 2017/18 and until 2020/21.
    saving = {
        "name": "Management",
        "annual": "£400k",
        "from": "2016/17",
        "until": "2019/20",
        "ramp": ["25%", "75%"],
        "share": {"ssdc": "48%", "sdc": "52%"},
    }
    delayed = _build(savings=[{**saving, "delay": {1: "100%"}}])
    shifted = _build(savings=[{**saving, "from": "2017/18", "until": "2020/21"}])
    late = evaluate(shifted, "x.yaml")
    as_written = evaluate(delayed, "x.yaml")
    assert late.total.npv != pytest.approx(as_written.total.npv)  # the delay matters
    _assert_equals_run(_run(delayed, 200), late)


def test_a_certain_delay_on_a_one_off_cost_moves_its_year() -> None:
    cost = {
        "name": "Redundancy",
        "amount": "£500k",
        "phasing": {"2016/17": "60%", "2017/18": "40%"},
    }
    delayed = _build(one_off_costs=[{**cost, "delay": {2: "100%"}}])
    moved = _build(one_off_costs=[{**cost, "phasing": {"2018/19": "60%", "2019/20": "40%"}}])
    _assert_equals_run(_run(delayed, 200), evaluate(moved, "x.yaml"))


# ------------------------------------------------------------------- budget-gap risk


def test_gap_uncertainty_moves_the_remaining_gap_but_not_npv() -> None:
    partners = [
        {
            "id": "ssdc",
            "name": "South Somerset",
            "budget_gap": "£300k",
            "uncertainty": {"low": "-20%", "likely": "0%", "high": "50%"},
        },
        {"id": "sdc", "name": "Sedgemoor"},
    ]
    scenario = _build(partners=partners)
    result = evaluate(scenario, "x.yaml")
    simulation = _run(scenario, 4000)
    for view_id in ("ssdc", "sdc", "total"):
        summary, view = simulation.views[view_id], result.view(view_id)
        for key, value in (("npv", view.npv), ("total_net", view.totals["total_net"])):
            spread = getattr(summary, key)
            assert all(v == pytest.approx(value, abs=1e-6) for v in spread.percentiles.values())
    # ssdc's final remaining gap is 300k x scale - 217k (48% of the £400k saving and half of
    # the £50k income), with the scale's PERT on [0.8, 1.5]: PERT(-20%, 0%, +50%) is
    # Beta(2.143, 3.857) on [-0.2, 0.5], median +3.826%, so P50 is near
    # 300k x 1.03826 - 217k = 94,478. The sample median of 4,000 draws has sd
    # 0.5 / (sqrt(4000) x f) with f about 2.9 per unit of scale at the median: 0.0027 of
    # the scale, £820; allowed 4 of them, rounded up to £3,500.
    gap = simulation.views["ssdc"].remaining_gap.percentiles
    assert 300_000 * 0.8 - 217_000 < gap[5] < gap[50] < gap[95] < 300_000 * 1.5 - 217_000
    assert gap[50] == pytest.approx(94_478, abs=3_500)
    assert simulation.views["sdc"].remaining_gap.percentiles[5] == pytest.approx(
        result.view("sdc").last("remaining_gap"), abs=1e-6
    )


# -------------------------------------------------------- linear transform, analytic


def test_npv_percentiles_of_a_uniform_saving_follow_its_quantiles() -> None:
    """NPV is linear in the saving's scale s: npv(s) = s x V - C, where V is the saving's
    discounted value and C the discounted one-off cost, so NPV's P_k is npv at 1 + the
    uniform's P_k: -30% + 40% x k/100. A sample P_k of n draws has sd
    sqrt(k(100-k)/n)/100 x 0.4 in the scale (the uniform's density is 1/0.4); allowed
    4 of them, times V."""
    saving = {
        "name": "Management",
        "annual": "£400k",
        "share": {"ssdc": "48%", "sdc": "52%"},
        "uncertainty": {"low": "-30%", "high": "10%", "distribution": "uniform"},
    }
    scenario = _build(savings=[saving], income=[], costs=[])
    certain = _build(
        savings=[{k: v for k, v in saving.items() if k != "uncertainty"}], income=[], costs=[]
    )
    at_one = evaluate(certain, "x.yaml").total.npv
    zero = _build(savings=[{**saving, "annual": 0}], income=[], costs=[])
    at_zero = evaluate(zero, "x.yaml").total.npv  # -C
    value = at_one - at_zero  # V
    # Hand check of V: £400k a year for 5 years at 3.5%, first year undiscounted:
    # 400k x (1 + 1/1.035 + 1/1.035^2 + 1/1.035^3 + 1/1.035^4) = 400k x 4.6730792 = 1,869,231.7
    assert value == pytest.approx(400_000 * sum(1.035**-t for t in range(5)), abs=1e-6)
    assert value == pytest.approx(1_869_231.7, abs=0.1)
    n = 40_000
    npv = _run(scenario, n, seed=2024).views["total"].npv
    for k in PERCENTILES:
        scale = 1 + (-0.3 + 0.4 * k / 100)
        sd = math.sqrt(k * (100 - k) / n) / 100 * 0.4 * value
        assert abs(npv.percentiles[k] - (at_zero + scale * value)) < 4 * sd, k
    # The mean: scale 1 - 10% on average, sd of the mean 0.4/sqrt(12 n) x V.
    assert abs(npv.mean - (at_zero + 0.9 * value)) < 4 * 0.4 / math.sqrt(12 * n) * value
