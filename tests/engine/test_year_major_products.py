"""A simulation's block products, written year by year (`view_plan.block_by_year`): the
figures worked out by hand, and the same sums as `block_part`'s draw-by-draw layout."""

from __future__ import annotations

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bizcase.engine.plan import compile_plan
from bizcase.engine.projection import Draws, project
from bizcase.engine.reduced import reduced
from bizcase.engine.view_plan import block_by_year, block_part, view_plan
from bizcase.model.scenario import Scenario
from bizcase.risk.chunks import chunk_rng
from bizcase.risk.sampler import draw
from tests.risk.rich import some_views
from tests.risk.test_reduced_views import LOADED

TWO_STREAMS = """
name: Two streams
kind: joint
start: 2020/21
years: 2
discount_rate: 0%
partners:
  - {id: a, name: Council A, budget_gap: £150k}
  - {id: b, name: Council B}
savings:
  - {name: S1, annual: £100k, share: {a: 60%, b: 40%}, delay: {0: 50%, 1: 50%}}
  - {name: S2, annual: £50k, from: 2021/22, share: {a: 100%, b: 0%}}
one_off_costs:
  - {name: Programme, amount: £120k, year: 2020/21, share: {a: 50%, b: 50%}}
"""

# Two draws. Draw 0: S1 as written, S2 doubled. Draw 1: S1 half as much again and a year
# late, S2 nothing.
SCALE = np.array([[1.0, 2.0], [1.5, 0.0]])
DELAY = np.array([[0, 0], [1, 0]])

# By hand, savings (years, views a / b / total, draws):
# draw 0: S1 £100k a year (a 60k, b 40k), S2 £100k in 2021/22 (all a's):
#   a 60k, 160k; b 40k, 40k; total 100k, 200k.
# draw 1: S1 £150k from 2021/22 only (a 90k, b 60k), S2 nothing:
#   a 0, 90k; b 0, 60k; total 0, 150k.
SAVINGS = np.array(
    [
        [[60_000, 0], [40_000, 0], [100_000, 0]],
        [[160_000, 90_000], [40_000, 60_000], [200_000, 150_000]],
    ],
    dtype=float,
)


def _two_streams() -> tuple[object, Draws]:
    scenario = Scenario.model_validate(yaml.safe_load(TWO_STREAMS))
    plan = compile_plan(scenario)
    draws = Draws(count=2, scale={"savings": SCALE}, delay={"savings": DELAY})
    return plan, draws


def test_savings_by_year_are_the_hand_worked_figures() -> None:
    plan, draws = _two_streams()
    cut = view_plan(plan, (0, 1, 2))  # type: ignore[arg-type]
    found = block_by_year(cut, "savings", draws, cut.views, np.empty((2, 3, 2)))
    assert found is not None
    np.testing.assert_array_equal(found, SAVINGS)


def test_a_view_cut_keeps_its_own_rows_in_order() -> None:
    plan, draws = _two_streams()
    cut = view_plan(plan, (2, 0))  # type: ignore[arg-type]
    found = block_by_year(cut, "savings", draws, cut.views, np.empty((2, 2, 2)))
    assert found is not None
    np.testing.assert_array_equal(found, SAVINGS[:, [2, 0]])


def test_a_block_nothing_varies_in_is_one_column_for_every_draw() -> None:
    plan, draws = _two_streams()
    cut = view_plan(plan, (0, 1, 2))  # type: ignore[arg-type]
    found = block_by_year(cut, "one_off_costs", draws, cut.views, np.empty((2, 3, 2)))
    assert found is not None and found.shape == (2, 3, 1)
    # £120k in 2020/21, half each: a 60k, b 60k, total 120k; nothing in 2021/22
    np.testing.assert_array_equal(found[:, :, 0], [[60_000, 60_000, 120_000], [0, 0, 0]])
    assert block_by_year(cut, "income", draws, cut.views, np.empty((2, 3, 2))) is None


def test_the_kept_figures_are_the_hand_worked_ones() -> None:
    plan, draws = _two_streams()
    figures = reduced(view_plan(plan, (0, 1, 2)), draws)  # type: ignore[arg-type]
    # net = savings - one-off (60k a, 60k b, 120k total in 2020/21); 0% discount: NPV = sum
    # draw 0: a 0 + 160k; b -20k + 40k; total -20k + 200k
    # draw 1: a -60k + 90k; b -60k + 60k; total -120k + 150k
    np.testing.assert_array_equal(figures.npv, [[160_000, 20_000, 180_000], [30_000, 0, 30_000]])
    np.testing.assert_array_equal(figures.total_net, figures.npv)
    # 2021/22's gap less savings: a £150k - 160k or 90k; b none given, so minus its
    # savings; the total's gap is the partners' (£150k): 150k - 200k or 150k.
    np.testing.assert_array_equal(
        figures.remaining_gap, [[-10_000, -40_000, -50_000], [60_000, -60_000, 0]]
    )
    # payback: something spent in 2020/21 everywhere; the cumulative net stays at or above 0
    # from 2020/21 (index 0) for a in draw 0 (60k saved, 60k spent), else from 2021/22
    # (b's draw 1 ends exactly at 0: paid back).
    np.testing.assert_array_equal(figures.payback_index, [[0, 1, 1], [1, 1, 1]])
    # a's gap: short in 2020/21 (150k - 60k or 0), closed from 2021/22 in draw 0 only; b
    # gives none; the total's is partial (a gives one, b not): never closed
    np.testing.assert_array_equal(figures.gap_closed_index, [[1, -1, -1], [-1, -1, -1]])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.sampled_from([0, 3]), seed=st.integers(0, 2**32), data=st.data())
def test_by_year_is_the_draw_by_draw_product_laid_out_by_year(
    which: int, seed: int, data: st.DataObject
) -> None:
    _, plan, model = LOADED[which]  # with funding; gaps given by some partners or all
    views, size = data.draw(some_views(plan)), data.draw(st.integers(1, 300))
    draws = draw(model, chunk_rng(seed, 0), size)
    cut = view_plan(plan, views)
    for name in plan.blocks:
        by_draw = block_part(cut, name, draws, views)
        by_year = block_by_year(cut, name, draws, views, np.empty((plan.years, len(views), size)))
        if by_draw is None:
            assert by_year is None
            continue
        assert by_year is not None
        expected = by_draw.transpose(2, 1, 0)
        # the same terms, added by BLAS in an order that may differ in the last bit
        np.testing.assert_allclose(np.broadcast_to(by_year, expected.shape), expected, rtol=1e-13)


@pytest.mark.parametrize("size", [1, 7, 300])
def test_the_npv_is_projects_to_the_last_bit_or_two(size: int) -> None:
    _, plan, model = LOADED[0]
    draws = draw(model, chunk_rng(5, 0), size)
    figures = reduced(view_plan(plan, tuple(range(len(plan.partner_ids) + 1))), draws)
    np.testing.assert_allclose(figures.npv, project(plan, draws).npv, rtol=1e-13, atol=1e-6)
