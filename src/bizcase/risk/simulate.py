"""Monte Carlo over a scenario's uncertainties, in fixed-size chunks of draws.

Each chunk has its own random stream, spawned from the seed by the chunk's number, so the
numbers do not depend on how many threads ran or in what order: the same seed gives the
same figures on any machine. Each chunk is projected by the same engine as `bizcase run`
and reduced at once to a few numbers per draw, so memory stays bounded however many draws
are asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import Plan
from bizcase.engine.projection import NONE_INDEX, project
from bizcase.risk.sampler import RiskModel, draw

CHUNK = 8192
"""Draws per chunk: big enough for numpy to be efficient, small enough (tens of MB) to
keep memory flat. Fixed, because the random streams are tied to chunk numbers."""

PERCENTILES = (5, 10, 50, 90, 95)
MAX_DRAWS = 100_000_000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Outcomes:
    """Per-draw results for the views asked for: arrays shaped (draws, views)."""

    npv: NDArray[np.float64]
    total_net: NDArray[np.float64]
    remaining_gap: NDArray[np.float64]
    payback_index: NDArray[np.int16]
    gap_closed_index: NDArray[np.int16]


@dataclass(frozen=True)
class Spread:
    """Percentiles and mean of one result across the draws."""

    percentiles: dict[int, float]
    mean: float


@dataclass(frozen=True)
class ViewSummary:
    """What the simulation says about one partner (or the total)."""

    view: str
    npv: Spread
    total_net: Spread
    remaining_gap: Spread
    p_gap_closed_by_year: dict[int, float]
    p_gap_closed: float
    p_payback: float
    payback_years: dict[int | None, float]


@dataclass(frozen=True)
class Simulation:
    draws: int
    seed: int
    views: dict[str, ViewSummary]


def simulate_outcomes(
    plan: Plan,
    model: RiskModel,
    draws: int,
    seed: int,
    views: Sequence[int],
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Outcomes:
    """Run `draws` simulated cases and keep, for each view index, five numbers per draw."""
    if not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be between 1 and {MAX_DRAWS:,}")
    chunks = [(j, min(CHUNK, draws - j * CHUNK)) for j in range((draws + CHUNK - 1) // CHUNK)]
    width = len(views)
    out = Outcomes(
        npv=np.empty((draws, width)),
        total_net=np.empty((draws, width)),
        remaining_gap=np.empty((draws, width)),
        payback_index=np.empty((draws, width), dtype=np.int16),
        gap_closed_index=np.empty((draws, width), dtype=np.int16),
    )
    selected = list(views)

    def run_chunk(job: tuple[int, int]) -> int:
        number, size = job
        stream = np.random.SeedSequence(seed, spawn_key=(number,))
        rng = np.random.Generator(np.random.PCG64(stream))
        result = project(plan, draw(model, rng, size))
        rows = slice(number * CHUNK, number * CHUNK + size)
        out.npv[rows] = result.npv[:, selected]
        out.total_net[rows] = result.cumulative_net[:, selected, -1]
        out.remaining_gap[rows] = result.remaining_gap[:, selected, -1]
        out.payback_index[rows] = result.payback_index[:, selected]
        out.gap_closed_index[rows] = result.gap_closed_index[:, selected]
        return size

    workers = max(1, min(jobs or os.cpu_count() or 1, len(chunks)))
    done = 0
    if workers == 1:
        for job in chunks:
            done += run_chunk(job)
            if progress:
                progress(done, draws)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for size in pool.map(run_chunk, chunks):
                done += size
                if progress:
                    progress(done, draws)
    return out


def summarise(outcomes: Outcomes, column: int, view: str, plan: Plan) -> ViewSummary:
    """Percentiles, probabilities and the payback-year distribution of one view."""
    draws = outcomes.npv.shape[0]
    closed = outcomes.gap_closed_index[:, column]
    payback = outcomes.payback_index[:, column]
    closed_counts = np.bincount(closed[closed != NONE_INDEX], minlength=plan.years)
    by_year = np.cumsum(closed_counts) / draws
    payback_counts = np.bincount(payback[payback != NONE_INDEX], minlength=plan.years)
    payback_years: dict[int | None, float] = {
        plan.start + t: float(payback_counts[t] / draws) for t in range(plan.years)
    }
    payback_years[None] = float(np.count_nonzero(payback == NONE_INDEX) / draws)
    return ViewSummary(
        view=view,
        npv=spread(outcomes.npv[:, column]),
        total_net=spread(outcomes.total_net[:, column]),
        remaining_gap=spread(outcomes.remaining_gap[:, column]),
        p_gap_closed_by_year={plan.start + t: float(by_year[t]) for t in range(plan.years)},
        p_gap_closed=float(by_year[-1]),
        p_payback=float(np.count_nonzero(payback != NONE_INDEX) / draws),
        payback_years=payback_years,
    )


def spread(values: NDArray[np.float64]) -> Spread:
    points = np.percentile(values, PERCENTILES)
    return Spread(
        percentiles={p: float(v) for p, v in zip(PERCENTILES, points, strict=True)},
        mean=float(values.mean()),
    )


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
    outcomes = simulate_outcomes(plan, model, draws, seed, columns, jobs, progress)
    return Simulation(
        draws=draws,
        seed=seed,
        views={view: summarise(outcomes, c, view, plan) for c, view in enumerate(view_ids)},
    )
