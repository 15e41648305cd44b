"""What a simulation gathers as its chunks come in: counts, sums and the values whose
percentiles are reported, and nothing else of each draw.

The payback and gap-closed years, and whether the reserves stay above the minimum, are
counted per chunk (a few integers per view). Only the figures whose percentiles are
reported (NPV, net over the horizon, the final remaining gap, the lowest reserves where a
balance is followed) are kept draw by draw, and only for the views asked for; beyond
`EXACT_IN_MEMORY` values even those are not kept and the percentiles are found exactly in
more passes (`bizcase.risk.quantiles`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import Plan
from bizcase.engine.workspace import Workspace
from bizcase.results.simulation import PERCENTILES, Spread, ViewSummary
from bizcase.risk.errors import Moments, percentile_errors
from bizcase.risk.outcomes import Outcomes
from bizcase.risk.summary import spread, view_summary, year_counts

MEANS_BY_CHUNK = 2_000_000
"""Beyond this many draws x views, a mean is the exactly rounded sum (`math.fsum`) of each
chunk's sums; up to it, numpy's mean of every draw. The rule predates the values kept
(`EXACT_IN_MEMORY`) and is kept so that every figure stays the same bit for bit."""


class Tally:
    """Counts and sums per view as chunks come in; the reported figures' values too when
    `values` is True (else the caller feeds them to an exact streamed percentile finder)."""

    def __init__(
        self, plan: Plan, draws: int, width: int, names: Sequence[str], values: bool
    ) -> None:
        self.plan, self.draws, self.width, self.names = plan, draws, width, tuple(names)
        self.closed = np.zeros((width, plan.years + 1), dtype=np.int64)
        self.payback = np.zeros((width, plan.years + 1), dtype=np.int64)
        self.above = np.zeros(width, dtype=np.int64)
        self.moments = Moments(len(self.names) * width)
        self.values: NDArray[np.float64] | None = (
            np.empty((len(self.names), width, draws)) if values else None
        )
        self.row = 0
        self.space = Workspace()

    def block(self, chunk: Outcomes) -> NDArray[np.float64]:
        """The chunk's reported figures side by side, (draws, figures x views): an array
        reused chunk after chunk, to be done with before the next. Laid out column by
        column, as the chunk's figures are, so each is one contiguous run of draws (a
        straight copy here, and the sums and searches along it read memory in order)."""
        shape = (len(self.names) * self.width, chunk.npv.shape[0])
        parts = [getattr(chunk, name).T for name in self.names]
        block: NDArray[np.float64] = np.concatenate(
            parts, axis=0, out=self.space.floats("block", shape)
        ).T
        return block

    def add(self, chunk: Outcomes, block: NDArray[np.float64]) -> None:
        """Count a chunk (in chunk order) and, where kept, keep its values."""
        size = block.shape[0]
        centred = self.space.floats("centred", block.shape[::-1]).T  # laid out as `block`
        self.moments.add(block, block.sum(axis=0).tolist(), centred)
        if chunk.reserves_above.any():  # numpy sums short rows slowly: a product counts
            self.above += (np.ones(size) @ chunk.reserves_above).astype(np.int64)
        self.closed += year_counts(chunk.gap_closed_index, self.plan.years)
        self.payback += year_counts(chunk.payback_index, self.plan.years)
        if self.values is not None:
            rows = slice(self.row, self.row + size)
            for k, name in enumerate(self.names):
                self.values[k, :, rows] = getattr(chunk, name).T
        self.row += size

    def spreads(self, view: int, percentiles: dict[str, list[float]] | None) -> dict[str, Spread]:
        """Each reported figure's spread for view `view` over the draws counted so far:
        percentiles found here from the values kept, or as given (found by passes: the
        percentiles, then the ends of their intervals, as `bizcase.risk.errors` orders them).
        """
        found = {}
        draws = self.row
        for k, name in enumerate(self.names):
            column = k * self.width + view
            if self.values is not None:
                held = spread(self.values[k, view, :draws], mean_se=0.0)
                mean = held.mean
                points = held.percentiles
                assert held.se is not None
                errors = held.se.percentiles
            else:
                assert percentiles is not None
                given = percentiles[name]
                points = dict(zip(PERCENTILES, given, strict=False))
                errors = percentile_errors(PERCENTILES, given[len(PERCENTILES) :])
                mean = math.nan
            if self.values is None or draws * self.width > MEANS_BY_CHUNK:
                mean = math.fsum(self.moments.sums[column]) / draws
            se = Spread(percentiles=errors, mean=self.moments.error(column))
            found[name] = Spread(percentiles=points, mean=mean, se=se)
        return found

    def summary(
        self, view_id: str, view: int, percentiles: dict[str, list[float]] | None = None
    ) -> ViewSummary:
        spreads = self.spreads(view, percentiles)
        return view_summary(
            view_id,
            self.plan,
            self.row,
            spreads,
            self.closed[view],
            self.payback[view],
            int(self.above[view]),
        )
