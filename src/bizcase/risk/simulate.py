"""Monte Carlo over a scenario's uncertainties, in fixed-size chunks of draws.

Each chunk has its own random stream (`bizcase.risk.chunks`), so the same seed gives the
same figures on any machine, whatever the threads. Each chunk is projected for the views
asked for only (`bizcase.engine.reduced`) and reduced at once to a few numbers per draw;
a simulation keeps counts, sums and the values of the figures whose percentiles it reports
(`bizcase.risk.tally`), so memory is bounded however many draws are asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TypeVar

from bizcase.engine.plan import Plan
from bizcase.engine.projection import Projection, project
from bizcase.engine.workspace import Workspaces
from bizcase.results.convergence import Precision
from bizcase.results.simulation import PERCENTILES, Simulation
from bizcase.risk.chunks import CHUNK, MAX_DRAWS, Progress, chunk_rng, in_chunks
from bizcase.risk.converge import converge, draws_up_to, simulation_figures
from bizcase.risk.errors import bound_percentiles
from bizcase.risk.outcomes import Outcomes, empty_outcomes, put, reducer
from bizcase.risk.quantiles import OrderStatistics
from bizcase.risk.sampler import RiskModel, draw
from bizcase.risk.summary import spread, spreads_of, summarise
from bizcase.risk.tally import Tally

__all__ = [
    "CHUNK",
    "EXACT_IN_MEMORY",
    "MAX_DRAWS",
    "Outcomes",
    "chunk_outcomes",
    "chunked_projections",
    "simulate",
    "simulate_outcomes",
    "simulate_precise",
    "spread",
    "summarise",
]

T = TypeVar("T")

EXACT_IN_MEMORY = 12_000_000
"""Values (draws x views x figures reported) held whole, 96 MB: the percentiles are then
numpy's of every draw, in one pass. Beyond, the simulation keeps counts and sums as it goes
and finds its percentiles exactly in two more passes over the same draws
(`bizcase.risk.quantiles`): memory stays flat at the cost of running it three times."""


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
    first: int = 0,
) -> Iterator[Outcomes]:
    """Each chunk's outcomes in chunk order (from chunk `first`), projected for `views`
    only and reduced at once to a few numbers per draw and view. `passes` (this pass, of
    how many) only scales the progress reported."""
    reduce = reducer(plan, views)
    spaces = Workspaces()

    def run_chunk(number: int, size: int) -> Outcomes:
        space = spaces.mine
        return reduce(draw(model, chunk_rng(seed, number), size, space=space), space)

    return in_chunks(draws, run_chunk, jobs, progress, passes, first)


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
    """The draws of `simulate`, each chunk projected in full (every figure, view and year)
    and reduced by `reduce`, yielded in chunk order: for the report's fan."""

    def run_chunk(number: int, size: int) -> T:
        return reduce(project(plan, draw(model, chunk_rng(seed, number), size)))

    return in_chunks(draws, run_chunk, jobs, progress, passes)


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
    names = spreads_of(plan, columns)
    width = len(columns)
    held = draws * width * len(names) <= EXACT_IN_MEMORY
    tally = Tally(plan, draws, width, names, values=held)
    wanted = [*PERCENTILES, *bound_percentiles(draws, PERCENTILES)]
    order = None if held else OrderStatistics(draws, len(names) * width, wanted)
    passes = 1 if order is None else OrderStatistics.passes
    for number in range(passes):
        for chunk in chunk_outcomes(
            plan, model, draws, seed, columns, jobs, progress, (number, passes)
        ):
            block = tally.block(chunk)
            if order is not None:
                order.feed(block)
            if number == 0:
                tally.add(chunk, block)
        if order is not None:
            order.next_pass()
    views = {}
    for v, view in enumerate(view_ids):
        found = (
            None
            if order is None
            else {name: order.in_order(k * width + v) for k, name in enumerate(names)}
        )
        views[view] = tally.summary(view, v, found)
    return Simulation(draws=draws, seed=seed, views=views)


def simulate_precise(
    plan: Plan,
    model: RiskModel,
    draws: int,
    seed: int,
    view_ids: Sequence[str],
    precision: Precision,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Simulation:
    """`simulate`, chunk after chunk until every figure is within `precision`, up to
    `draws` (`bizcase.risk.converge`): the figures of `simulate` of the draws used."""
    ids = [*plan.partner_ids, "total"]
    columns = [ids.index(view) for view in view_ids]
    names = spreads_of(plan, columns)
    width = len(columns)
    if draws * width * len(names) > EXACT_IN_MEMORY:
        most = EXACT_IN_MEMORY // (width * len(names))
        raise ValueError(
            f"--precision keeps every draw to find its percentiles' errors: at most {most:,} "
            f"draws for {width} view{'s' if width > 1 else ''}; give --draws {most:,} or "
            "fewer (or fewer views, with --partner)"
        )
    tally = Tally(plan, draws, width, names, values=True)

    def run_to(first: int, up_to: int) -> None:
        upto = draws_up_to(up_to, draws)
        for chunk in chunk_outcomes(plan, model, upto, seed, columns, jobs, progress, first=first):
            tally.add(chunk, tally.block(chunk))

    def result() -> Simulation:
        views = {view: tally.summary(view, v) for v, view in enumerate(view_ids)}
        return Simulation(draws=tally.row, seed=seed, views=views)

    found, convergence = converge(draws, precision, run_to, result, simulation_figures)
    return replace(found, convergence=convergence)
