"""Monte Carlo over a scenario's uncertainties, in fixed-size chunks of draws.

Each chunk has its own random stream (`bizcase.risk.chunks`), so the same seed gives the
same figures on any machine, whatever the threads. Each chunk is projected by the same
engine as `bizcase run` and reduced at once to a few numbers per draw, so memory stays
bounded however many draws are asked for.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import numpy as np

from bizcase.engine.plan import Plan
from bizcase.engine.projection import Projection, project
from bizcase.results.simulation import PERCENTILES, Simulation, Spread
from bizcase.risk.chunks import CHUNK, MAX_DRAWS, Progress, chunk_rng, in_chunks
from bizcase.risk.outcomes import Outcomes, empty_outcomes, put, reducer
from bizcase.risk.quantiles import OrderStatistics
from bizcase.risk.sampler import RiskModel, draw
from bizcase.risk.summary import spread, spreads_of, summarise, view_summary, year_counts

__all__ = [
    "CHUNK",
    "EXACT_IN_MEMORY",
    "MAX_DRAWS",
    "Outcomes",
    "chunk_outcomes",
    "chunked_projections",
    "simulate",
    "simulate_outcomes",
    "spread",
    "summarise",
]

T = TypeVar("T")


def simulate_outcomes(
    plan: Plan,
    model: RiskModel,
    draws: int,
    seed: int,
    views: Sequence[int],
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Outcomes:
    """Run `draws` simulated cases and keep, for each view index, a few numbers per draw."""
    out = empty_outcomes(draws, len(views))
    row = 0
    for chunk in chunk_outcomes(plan, model, draws, seed, views, jobs, progress):
        rows = slice(row, row + chunk.npv.shape[0])
        put(out, rows, chunk)
        row = rows.stop
    return out


def chunk_outcomes(
    plan: Plan,
    model: RiskModel,
    draws: int,
    seed: int,
    views: Sequence[int],
    jobs: int | None = None,
    progress: Progress | None = None,
    passes: tuple[int, int] = (0, 1),
) -> Iterator[Outcomes]:
    """Each chunk's outcomes in chunk order, reduced at once to a few numbers per draw and
    view. `passes` (this pass, of how many) only scales the progress reported."""
    reduce = reducer(views, plan.funding is not None)
    return chunked_projections(plan, model, draws, seed, reduce, jobs, progress, passes)


def chunked_projections(
    plan: Plan,
    model: RiskModel,
    draws: int,
    seed: int,
    reduce: Callable[[Projection], T],
    jobs: int | None = None,
    progress: Progress | None = None,
    passes: tuple[int, int] = (0, 1),
) -> Iterator[T]:
    """The one random stream of every simulation of one option (`simulate`, `check`, the
    report's fan): draws in chunks of CHUNK, each projected and reduced by `reduce`,
    yielded in chunk order."""

    def run_chunk(number: int, size: int) -> T:
        return reduce(project(plan, draw(model, chunk_rng(seed, number), size)))

    return in_chunks(draws, run_chunk, jobs, progress, passes)


EXACT_IN_MEMORY = 2_000_000
"""Per-draw figures (draws x views) held whole, about 60 MB. Beyond, the simulation keeps
counts and sums as it goes and finds its percentiles exactly in two more passes over the
same draws (`bizcase.risk.quantiles`): memory stays flat at the cost of running it three
times."""


def simulate(
    plan: Plan,
    model: RiskModel,
    draws: int,
    seed: int,
    view_ids: Sequence[str],
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Simulation:
    """The simulation summary for each view asked for (partner ids, or "total")."""
    ids = [*plan.partner_ids, "total"]
    columns = [ids.index(view) for view in view_ids]
    if draws * len(columns) > EXACT_IN_MEMORY:
        return _simulate_streamed(plan, model, draws, seed, view_ids, columns, jobs, progress)
    outcomes = simulate_outcomes(plan, model, draws, seed, columns, jobs, progress)
    return Simulation(
        draws=draws,
        seed=seed,
        views={view: summarise(outcomes, c, view, plan) for c, view in enumerate(view_ids)},
    )


def _simulate_streamed(
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
        views[view] = view_summary(view, plan, draws, spreads, closed[v], payback[v], int(above[v]))
    return Simulation(draws=draws, seed=seed, views=views)
