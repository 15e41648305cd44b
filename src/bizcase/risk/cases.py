"""What-if cases as engine draws: each case changes some items' amounts or timing.

Sensitivity and switching values are many small what-ifs; expressed as draws, they all run
through the engine in one call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import BLOCKS, Plan
from bizcase.engine.projection import Draws, Projection

GAP = "gap"
"""Pseudo-block for partners' budget gaps."""


@dataclass(frozen=True)
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
