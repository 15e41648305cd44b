"""Monte Carlo over a scenario's uncertainties, in fixed-size chunks of draws.

Each chunk has its own random stream, spawned from the seed by the chunk's number, so the
numbers do not depend on how many threads ran or in what order: the same seed gives the
same figures on any machine. Each chunk is projected by the same engine as `bizcase run`
and reduced at once to a few numbers per draw, so memory stays bounded however many draws
are asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.funding import ABOVE
from bizcase.engine.plan import Plan
from bizcase.engine.projection import NONE_INDEX, Projection, project
from bizcase.results.simulation import PERCENTILES, Simulation, Spread, ViewSummary
from bizcase.risk.sampler import RiskModel, draw

CHUNK = 8192
"""Draws per chunk: big enough for numpy to be efficient, small enough (tens of MB) to
keep memory flat. Fixed, because the random streams are tied to chunk numbers."""

MAX_DRAWS = 100_000_000

Progress = Callable[[int, int], None]
T = TypeVar("T")


@dataclass(frozen=True)
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


_PER_DRAW = (
    "npv",
    "total_net",
    "remaining_gap",
    "payback_index",
    "gap_closed_index",
    "reserves_lowest",
    "reserves_above",
)


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
    width = len(views)
    out = Outcomes(
        npv=np.empty((draws, width)),
        total_net=np.empty((draws, width)),
        remaining_gap=np.empty((draws, width)),
        payback_index=np.empty((draws, width), dtype=np.int16),
        gap_closed_index=np.empty((draws, width), dtype=np.int16),
        reserves_lowest=np.empty((draws, width)),
        reserves_above=np.empty((draws, width), dtype=np.bool_),
    )
    row = 0
    for chunk in chunk_outcomes(plan, model, draws, seed, views, jobs, progress):
        rows = slice(row, row + chunk.npv.shape[0])
        for name in _PER_DRAW:
            getattr(out, name)[rows] = getattr(chunk, name)
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
    selected = list(views)

    followed = plan.funding is not None

    def reduce(result: Projection) -> Outcomes:
        funded = result.funded
        shape = (result.draws, len(selected))
        return Outcomes(
            npv=result.npv[:, selected],
            total_net=result.cumulative_net[:, selected, -1],
            remaining_gap=result.remaining_gap[:, selected, -1],
            payback_index=result.payback_index[:, selected].astype(np.int16),
            gap_closed_index=result.gap_closed_index[:, selected].astype(np.int16),
            reserves_lowest=np.nan_to_num(funded.reserves_lowest[:, selected])
            if followed
            else np.broadcast_to(0.0, shape),
            reserves_above=funded.reserves_status[:, selected] == ABOVE
            if followed
            else np.broadcast_to(False, shape),
        )

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
    """The one random stream of every simulation (`simulate`, `check`, the report's fan):
    draws in chunks of CHUNK, each projected and reduced by `reduce`, yielded in chunk
    order. A chunk's stream is spawned from the seed by its number, so the same seed gives
    the same draws whatever the threads."""
    if not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be between 1 and {MAX_DRAWS:,}")
    chunks = [(j, min(CHUNK, draws - j * CHUNK)) for j in range((draws + CHUNK - 1) // CHUNK)]

    def run_chunk(job: tuple[int, int]) -> tuple[int, T]:
        number, size = job
        stream = np.random.SeedSequence(seed, spawn_key=(number,))
        rng = np.random.Generator(np.random.PCG64(stream))
        return size, reduce(project(plan, draw(model, rng, size)))

    workers = max(1, min(jobs or os.cpu_count() or 1, len(chunks)))
    done = passes[0] * draws
    if workers == 1:
        results: Iterable[tuple[int, T]] = map(run_chunk, chunks)
        for size, chunk in results:
            done += size
            if progress:
                progress(done, draws * passes[1])
            yield chunk
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        # A window of chunks in flight, so finished chunks never pile up in memory.
        window = 2 * workers
        for first in range(0, len(chunks), window):
            for size, chunk in pool.map(run_chunk, chunks[first : first + window]):
                done += size
                if progress:
                    progress(done, draws * passes[1])
                yield chunk


def summarise(outcomes: Outcomes, column: int, view: str, plan: Plan) -> ViewSummary:
    """Percentiles, probabilities and the payback-year distribution of one view."""
    draws = outcomes.npv.shape[0]
    names = spreads_of(plan, [[*plan.partner_ids, "total"].index(view)])
    spreads = {name: spread(getattr(outcomes, name)[:, column]) for name in names}
    closed = year_counts(outcomes.gap_closed_index[:, column], plan.years)
    payback = year_counts(outcomes.payback_index[:, column], plan.years)
    above = int(outcomes.reserves_above[:, column].sum())
    return summary_of(view, plan, draws, spreads, closed, payback, above)


def year_counts(index: NDArray[np.int16], years: int) -> NDArray[np.int64]:
    """How many draws have each year index, with 'never' (-1) counted in the last slot."""
    return np.bincount(np.where(index == NONE_INDEX, years, index), minlength=years + 1)


def summary_of(
    view: str,
    plan: Plan,
    draws: int,
    spreads: dict[str, Spread],
    closed: NDArray[np.int64],
    payback: NDArray[np.int64],
    above: int,
) -> ViewSummary:
    by_year = np.cumsum(closed[: plan.years]) / draws
    payback_years: dict[int | None, float] = {
        plan.start + t: float(payback[t] / draws) for t in range(plan.years)
    }
    payback_years[None] = float(payback[plan.years] / draws)
    return ViewSummary(
        view=view,
        npv=spreads["npv"],
        total_net=spreads["total_net"],
        remaining_gap=spreads["remaining_gap"],
        p_gap_closed_by_year={plan.start + t: float(by_year[t]) for t in range(plan.years)},
        p_gap_closed=float(by_year[-1]),
        p_payback=float((draws - payback[plan.years]) / draws),
        payback_years=payback_years,
        **_reserves(plan, view, draws, spreads, above),
    )


def _reserves(
    plan: Plan, view: str, draws: int, spreads: dict[str, Spread], above: int
) -> dict[str, Any]:
    """The reserves figures of a view whose balance is followed; none otherwise."""
    ids = [*plan.partner_ids, "total"]
    if plan.funding is None or not plan.funding.followed[ids.index(view)]:
        return {}
    return {
        "reserves_lowest": spreads["reserves_lowest"],
        "p_reserves_above_minimum": above / draws,
    }


def spread(values: NDArray[np.float64]) -> Spread:
    points = np.percentile(values, PERCENTILES)
    return Spread(
        percentiles={p: float(v) for p, v in zip(PERCENTILES, points, strict=True)},
        mean=float(values.mean()),
    )


EXACT_IN_MEMORY = 2_000_000
"""Per-draw figures (draws x views) held whole, about 60 MB. Beyond, the simulation keeps
counts and sums as it goes and finds its percentiles exactly in two more passes over the
same draws (`bizcase.risk.quantiles`): memory stays flat at the cost of running it three
times."""

_SPREADS = ("npv", "total_net", "remaining_gap")


def spreads_of(plan: Plan, columns: Sequence[int]) -> tuple[str, ...]:
    """The figures whose percentiles are found: the lowest reserves only where some view
    asked for has its balance followed (no sorting of zeros otherwise)."""
    funding = plan.funding
    if funding is not None and any(funding.followed[c] for c in columns):
        return (*_SPREADS, "reserves_lowest")
    return _SPREADS


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
        from bizcase.risk.streamed import simulate_streamed

        return simulate_streamed(plan, model, draws, seed, view_ids, columns, jobs, progress)
    outcomes = simulate_outcomes(plan, model, draws, seed, columns, jobs, progress)
    return Simulation(
        draws=draws,
        seed=seed,
        views={view: summarise(outcomes, c, view, plan) for c, view in enumerate(view_ids)},
    )
