"""What-if cases as engine draws: each case changes some items' amounts or timing.

Sensitivity and switching values are many small what-ifs; expressed as draws, they run
through the engine a batch at a time (`case_values`), so memory stays linear in items.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import BLOCKS, Plan
from bizcase.engine.projection import Draws, Projection, project
from bizcase.records import frozen

GAP = "gap"
"""Pseudo-block for partners' budget gaps."""


@frozen
class Change:
    """Scale item `index` of `block` (or partner `index`'s gap) and slip it by `delay`."""

    block: str
    index: int
    scale: float = 1.0
    delay: int = 0


Case = Sequence[Change]


def case_draws(plan: Plan, cases: Sequence[Case]) -> Draws:
    """One draw per case; draw 0 is the scenario as written when the first case is empty."""
    n = len(cases)
    scale = {block: np.ones((n, plan.blocks[block].size)) for block in BLOCKS}
    delay = {block: np.zeros((n, plan.blocks[block].size), dtype=np.int64) for block in BLOCKS}
    gap_scale = np.ones((n, len(plan.partner_ids)))
    for row, case in enumerate(cases):
        for change in case:
            if change.block == GAP:
                gap_scale[row, change.index] = change.scale
                continue
            scale[change.block][row, change.index] = change.scale
            delay[change.block][row, change.index] = change.delay
    return Draws(
        count=n, scale=scale, delay={b: d for b, d in delay.items() if d.any()}, gap_scale=gap_scale
    )


Metric = Callable[[Projection, int], NDArray[np.float64]]


def npv(projection: Projection, view: int) -> NDArray[np.float64]:
    values: NDArray[np.float64] = projection.npv[:, view]
    return values


def total_net(projection: Projection, view: int) -> NDArray[np.float64]:
    values: NDArray[np.float64] = projection.net[:, view].sum(axis=-1)
    return values


def remaining_gap(projection: Projection, view: int) -> NDArray[np.float64]:
    """The final year's remaining gap: above 0 the gap is not closed."""
    values: NDArray[np.float64] = projection.remaining_gap[:, view, -1]
    return values


def final_cumulative_net(projection: Projection, view: int) -> NDArray[np.float64]:
    """The final year's cumulative net: below 0 the option has not paid back."""
    values: NDArray[np.float64] = projection.cumulative_net[:, view, -1]
    return values


METRICS: dict[str, Metric] = {
    "npv": npv,
    "remaining_gap": remaining_gap,
    "total_net": total_net,
}


def view_index(plan: Plan, view: str | None) -> int:
    """Column of a partner id (or "total"/None for the total) in projection arrays."""
    ids = [*plan.partner_ids, "total"]
    return ids.index(view or "total")


BATCH = 256
"""Cases projected together: memory is BATCH x items per block, not cases x items (the
cases grow with the items, so one call for all of them was quadratic in items)."""


def batches(count: int, size: int = BATCH) -> list[slice]:
    """Consecutive slices of at most `size` + 1 cases, none of exactly one case unless there
    is only one: numpy multiplies a single row by another BLAS routine (gemv)."""
    found = [slice(start, min(start + size, count)) for start in range(0, count, size)]
    if len(found) > 1 and found[-1].stop - found[-1].start == 1:
        found[-2:] = [slice(found[-2].start, count)]
    return found


def case_values(
    plan: Plan, cases: Sequence[Case], pick: Callable[[Projection], NDArray[np.float64]]
) -> NDArray[np.float64]:
    """`pick` of every case's projection (a row per case), projecting the cases a batch at
    a time. The figures are those of one projection of all of them to far below a penny
    (BLAS may add a product's terms in another order for another number of rows: a last
    bit); the JSON of `sensitivity` and `switching` was byte-identical on every file tried."""
    parts = [pick(project(plan, case_draws(plan, cases[rows]))) for rows in batches(len(cases))]
    return np.concatenate(parts) if parts else np.zeros(0)
