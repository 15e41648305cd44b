"""A simulation too big to hold: counts and sums taken as the chunks go, and the exact
percentiles found in two more passes over the same seeded draws."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from bizcase.engine.plan import Plan
from bizcase.results.simulation import PERCENTILES, Simulation, Spread
from bizcase.risk.quantiles import OrderStatistics
from bizcase.risk.sampler import RiskModel
from bizcase.risk.simulate import Progress, chunk_outcomes, spreads_of, summary_of, year_counts


def simulate_streamed(
    plan: Plan,
    model: RiskModel,
    draws: int,
    seed: int,
    view_ids: Sequence[str],
    columns: Sequence[int],
    jobs: int | None,
    progress: Progress | None,
) -> Simulation:
    width = len(columns)
    names = spreads_of(plan, columns)
    order = OrderStatistics(draws, len(names) * width, PERCENTILES)
    sums: list[list[float]] = [[] for _ in range(len(names) * width)]
    closed = np.zeros((width, plan.years + 1), dtype=np.int64)
    payback = np.zeros((width, plan.years + 1), dtype=np.int64)
    above = np.zeros(width, dtype=np.int64)
    for number in range(OrderStatistics.passes):
        for chunk in chunk_outcomes(
            plan, model, draws, seed, columns, jobs, progress, (number, OrderStatistics.passes)
        ):
            block = np.hstack([getattr(chunk, name) for name in names])
            order.feed(block)
            if number == 0:
                for c, total in enumerate(block.sum(axis=0).tolist()):
                    sums[c].append(total)
                above += chunk.reserves_above.sum(axis=0)
                for v in range(width):
                    closed[v] += year_counts(chunk.gap_closed_index[:, v], plan.years)
                    payback[v] += year_counts(chunk.payback_index[:, v], plan.years)
        order.next_pass()
    views = {}
    for v, view in enumerate(view_ids):
        spreads = {
            name: Spread(
                percentiles=order.percentiles_of(k * width + v),
                mean=math.fsum(sums[k * width + v]) / draws,
            )
            for k, name in enumerate(names)
        }
        views[view] = summary_of(view, plan, draws, spreads, closed[v], payback[v], int(above[v]))
    return Simulation(draws=draws, seed=seed, views=views)
