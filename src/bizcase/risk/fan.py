"""The fan of cumulative net: each year's percentiles across simulated cases, for a chart."""

from __future__ import annotations

import numpy as np

from bizcase.engine.plan import Plan
from bizcase.engine.projection import ZERO_TOLERANCE, Projection, project
from bizcase.results.simulation import FAN_PERCENTILES, Fan
from bizcase.risk.sampler import RiskModel
from bizcase.risk.simulate import chunked_projections


def cumulative_fan(plan: Plan, model: RiskModel, draws: int, seed: int, view: str) -> Fan:
    """The draws of `bizcase simulate` with the same seed (so the fan's final year agrees
    with its net over the horizon), keeping every year of one view's cumulative net.
    Memory is draws x years floats."""
    column = [*plan.partner_ids, "total"].index(view)

    def cumulative(result: Projection) -> np.ndarray:
        return result.cumulative_net[:, column, :]

    values = np.concatenate(list(chunked_projections(plan, model, draws, seed, cumulative, 1)))
    points = np.percentile(values, FAN_PERCENTILES, axis=0)
    written = project(plan).cumulative_net[0, column, :]
    return Fan(
        years=plan.calendar_years,
        percentiles={p: [float(v) for v in points[k]] for k, p in enumerate(FAN_PERCENTILES)},
        as_written=[float(v) for v in written],
        draws=draws,
        seed=seed,
        p_payback=float(np.count_nonzero(values[:, -1] >= -ZERO_TOLERANCE) / draws),
    )
