"""The simulation's lean projection (the views asked for only) says what `project` says
for those views: the same draws, the same figures (to the last bit or two, where BLAS adds
a product with fewer columns in another order), the same years and statuses."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bizcase.engine.funding import ABOVE
from bizcase.engine.plan import Plan, compile_plan
from bizcase.engine.projection import project
from bizcase.engine.reduced import reduced
from bizcase.engine.view_plan import view_plan
from bizcase.engine.workspace import Workspace
from bizcase.model.scenario import Scenario
from bizcase.risk.cases import batches, case_draws, case_values, npv, remaining_gap
from bizcase.risk.chunks import chunk_rng
from bizcase.risk.sampler import RiskModel, draw, risk_model
from bizcase.risk.sensitivity import _item_cases
from tests.risk.rich import rich, some_views

SHAPES = [(4, 12, True, True), (5, 9, False, True), (7, 20, True, False), (3, 5, True, False)]


def _loaded(shape: tuple[int, int, bool, bool]) -> tuple[Scenario, Plan, RiskModel]:
    scenario = Scenario.model_validate(yaml.safe_load(rich(*shape)))
    return scenario, compile_plan(scenario), risk_model(scenario)


LOADED = [_loaded(shape) for shape in SHAPES]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.integers(0, len(SHAPES) - 1),
    seed=st.integers(0, 2**32),
    size=st.integers(1, 300),
    data=st.data(),
)
def test_reduced_views_equal_the_full_projection(
    which: int, seed: int, size: int, data: st.DataObject
) -> None:
    _, plan, model = LOADED[which]
    views = data.draw(some_views(plan))
    draws = draw(model, chunk_rng(seed, 0), size)
    full = project(plan, draws)
    lean = reduced(view_plan(plan, views), draws)
    cols = list(views)
    close = {"rtol": 1e-12, "atol": 1e-6}
    np.testing.assert_allclose(lean.npv, full.npv[:, cols], **close)
    np.testing.assert_allclose(lean.total_net, full.cumulative_net[:, cols, -1], **close)
    np.testing.assert_allclose(lean.remaining_gap, full.remaining_gap[:, cols, -1], **close)
    np.testing.assert_allclose(
        lean.reserves_lowest, full.funded.reserves_lowest[:, cols], equal_nan=True, **close
    )
    assert np.array_equal(lean.payback_index, full.payback_index[:, cols])
    assert np.array_equal(lean.gap_closed_index, full.gap_closed_index[:, cols])
    assert np.array_equal(lean.reserves_above, full.funded.reserves_status[:, cols] == ABOVE)


@given(count=st.integers(0, 2000), size=st.integers(2, 300))
def test_batches_cover_every_case_once_and_never_a_lone_row(count: int, size: int) -> None:
    found = batches(count, size)
    assert [i for rows in found for i in range(rows.start, rows.stop)] == list(range(count))
    assert count <= 1 or all(rows.stop - rows.start > 1 for rows in found)


@pytest.mark.parametrize("which", range(len(SHAPES)))
def test_cases_in_batches_equal_one_projection_of_them_all(which: int) -> None:
    scenario, plan, _ = LOADED[which]
    _, cases = _item_cases(scenario, 0.2)
    cases = (cases * (600 // len(cases) + 2))[:513]  # two full batches and a lone case
    whole = project(plan, case_draws(plan, cases))
    for figure in (remaining_gap, npv):
        batched = case_values(plan, cases, lambda run, f=figure: f(run, 0))
        # BLAS may add a product's terms in another order for another number of rows
        np.testing.assert_allclose(batched, figure(whole, 0), rtol=1e-13, atol=1e-6)


@pytest.mark.parametrize("views", [(0,), (1, 4), (0, 1, 2, 3, 4)])
def test_a_chunks_figures_are_its_own_whatever_comes_next_in_its_workspace(
    views: tuple[int, ...],
) -> None:
    """Chunks reuse a thread's workspace, and several may wait to be counted (threads): what
    a chunk keeps must not be overwritten by the next."""
    _, plan, model = LOADED[0]
    cut, space = view_plan(plan, views), Workspace()
    first = reduced(cut, draw(model, chunk_rng(1, 0), 64, space=space), space)
    kept = copy.deepcopy(first)
    reduced(cut, draw(model, chunk_rng(1, 1), 64, space=space), space)
    for name in ("npv", "total_net", "remaining_gap", "payback_index", "gap_closed_index"):
        assert np.array_equal(getattr(first, name), getattr(kept, name)), name
    assert np.array_equal(first.reserves_lowest, kept.reserves_lowest, equal_nan=True)
    assert np.array_equal(first.reserves_above, kept.reserves_above)
