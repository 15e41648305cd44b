"""What a simulation keeps of each draw: a few numbers per view, never the years."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import Plan
from bizcase.engine.projection import Draws
from bizcase.engine.reduced import reduced
from bizcase.engine.reduced_funding import needs_every_view
from bizcase.engine.view_plan import view_plan
from bizcase.engine.workspace import Workspace
from bizcase.records import frozen


@frozen
class Outcomes:
    """Per-draw results for the views asked for: arrays shaped (draws, views)."""

    npv: NDArray[np.float64]
    total_net: NDArray[np.float64]
    remaining_gap: NDArray[np.float64]
    payback_index: NDArray[np.int16]
    gap_closed_index: NDArray[np.int16]
    reserves_lowest: NDArray[np.float64]
    """0 for a view whose reserves are not followed (its summary then has none)."""
    reserves_above: NDArray[np.bool_]
    """Whether the balance never ends a year below the minimum."""


PER_DRAW = (
    "npv",
    "total_net",
    "remaining_gap",
    "payback_index",
    "gap_closed_index",
    "reserves_lowest",
    "reserves_above",
)


Reducer = Callable[[Draws, Workspace | None], Outcomes]


def reducer(plan: Plan, views: Sequence[int]) -> Reducer:
    """A chunk of draws projected for the views asked for only (`bizcase.engine.reduced`;
    every view where one balance carries into another) and reduced at once to a few
    numbers per draw and view (in a workspace reused chunk after chunk where given)."""
    every = needs_every_view(plan)
    cut = view_plan(plan, tuple(range(len(plan.partner_ids) + 1)) if every else tuple(views))
    pick = list(views)

    def reduce(draws: Draws, space: Workspace | None = None) -> Outcomes:
        figures = reduced(cut, draws, space)
        found = Outcomes(
            npv=figures.npv,
            total_net=figures.total_net,
            remaining_gap=figures.remaining_gap,
            payback_index=figures.payback_index,
            gap_closed_index=figures.gap_closed_index,
            reserves_lowest=cut.once(figures.reserves_lowest, "zeros", np.nan_to_num),
            reserves_above=figures.reserves_above,
        )
        # the columns asked for, copied out of every view's
        return columns_of(found, pick) if every else found

    return reduce


def empty_outcomes(draws: int, width: int) -> Outcomes:
    return Outcomes(
        npv=np.empty((draws, width)),
        total_net=np.empty((draws, width)),
        remaining_gap=np.empty((draws, width)),
        payback_index=np.empty((draws, width), dtype=np.int16),
        gap_closed_index=np.empty((draws, width), dtype=np.int16),
        reserves_lowest=np.empty((draws, width)),
        reserves_above=np.empty((draws, width), dtype=np.bool_),
    )


def put(out: Outcomes, rows: slice, chunk: Outcomes) -> None:
    """A chunk's outcomes into their rows of the whole run's."""
    for name in PER_DRAW:
        getattr(out, name)[rows] = getattr(chunk, name)


def head(outcomes: Outcomes, draws: int) -> Outcomes:
    """The first `draws` draws (views of the same arrays, not copies)."""
    return Outcomes(**{name: getattr(outcomes, name)[:draws] for name in PER_DRAW})


def columns_of(outcomes: Outcomes, columns: list[int]) -> Outcomes:
    """Some views' columns of each figure (copies)."""
    return Outcomes(**{name: getattr(outcomes, name)[:, columns] for name in PER_DRAW})
