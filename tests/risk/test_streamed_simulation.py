"""Memory stays flat in draws: beyond a bound the simulation keeps counts and sums as it
goes and finds its percentiles in more passes. It must say exactly what the in-memory
path says (numpy's percentiles of every draw), not an approximation."""

from __future__ import annotations

import numpy as np
import pytest

from bizcase.engine.plan import compile_plan
from bizcase.risk import quantiles
from bizcase.risk import simulate as simulate_module
from bizcase.risk.quantiles import OrderStatistics, percentile_ranks
from bizcase.risk.sampler import risk_model
from bizcase.risk.simulate import CHUNK, simulate
from tests.risk.test_simulate import UNCERTAIN, _build


@pytest.mark.parametrize("draws", [1, 2, 3, 10, 101, 5_000, 100_003])
def test_order_statistics_equal_numpy_percentiles(draws: int) -> None:
    rng = np.random.default_rng(draws)
    data = np.column_stack(
        [
            rng.normal(size=draws) * 1e6,
            np.round(rng.normal(size=draws)),  # atoms: a few values many times each
            np.full(draws, 3.0),  # every draw the same
        ]
    )
    blocks = [data[i : i + 777] for i in range(0, draws, 777)]
    wanted = (5, 10, 50, 90, 95)
    order = OrderStatistics(draws, 3, wanted)
    for _ in range(OrderStatistics.passes):
        for block in blocks:
            order.feed(block)
        order.next_pass()
    for column in range(3):
        expected = np.percentile(data[:, column], wanted)
        got = order.percentiles_of(column)
        assert [got[p] for p in wanted] == expected.tolist()


def test_percentile_ranks_are_the_neighbours_numpy_reads() -> None:
    # 11 values: p50 reads index 5 exactly; p5 reads 0.5 (ranks 0 and 1); p95 9.5 (9, 10)
    assert percentile_ranks(11, (5, 50, 95)) == [0, 1, 5, 6, 9, 10]


def test_streamed_simulation_says_what_the_in_memory_one_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = _build(**UNCERTAIN)
    plan, model = compile_plan(scenario), risk_model(scenario)
    draws = CHUNK * 3 + 11
    views = ["ssdc", "sdc", "total"]
    whole = simulate(plan, model, draws, 5, views, jobs=2)
    monkeypatch.setattr(simulate_module, "EXACT_IN_MEMORY", 10)  # values
    passes: list[tuple[int, int]] = []
    streamed = simulate(
        plan, model, draws, 5, views, jobs=1, progress=lambda d, t: passes.append((d, t))
    )
    assert passes[-1] == (3 * draws, 3 * draws)  # three passes reported as one bar
    for view in views:
        a, b = whole.views[view], streamed.views[view]
        for name in ("npv", "total_net", "remaining_gap"):
            assert getattr(b, name).percentiles == getattr(a, name).percentiles, (view, name)
            assert getattr(b, name).mean == pytest.approx(getattr(a, name).mean, rel=1e-12)
            assert getattr(b, name).se == getattr(a, name).se, (view, name)
        assert b.p_gap_closed_by_year == a.p_gap_closed_by_year
        assert b.p_gap_closed == a.p_gap_closed
        assert b.p_payback == a.p_payback
        assert b.payback_years == a.payback_years


def test_values_kept_between_passes_do_not_pile_up_block_by_block() -> None:
    """Pass three keeps a few values of each column per block: merged as it goes, what is
    held stays a few arrays per column however many blocks come (memory flat in draws)."""
    rng = np.random.default_rng(3)
    # atoms: every block has values in the bins of the wanted order statistics
    blocks = [np.round(rng.normal(size=(50, 2)) * 3) for _ in range(1_000)]
    order = OrderStatistics(50_000, 2, (5, 50, 95))
    for number in range(OrderStatistics.passes):
        for block in blocks:
            order.feed(block)
            if number == 2:
                assert all(len(kept) < quantiles.MERGE_EVERY for kept in order.kept)
        order.next_pass()
    data = np.concatenate(blocks)
    for column in range(2):
        got = order.percentiles_of(column)
        assert [got[p] for p in (5, 50, 95)] == np.percentile(data[:, column], (5, 50, 95)).tolist()
