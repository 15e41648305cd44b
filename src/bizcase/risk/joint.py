"""Several options simulated together on common random numbers.

Draw k of every option takes the same quantile for every driver the options share (from
the chunk's shared stream, spawned as a single option's is), so risks common to the options
(a pay award, staffing, demand) move together and the comparison is not blurred by noise.
Items without a driver are independent: each option draws them from its own stream,
spawned from the seed by the chunk's number and the option's place. So the same files in
the same order with the same seed give the same figures, whatever the threads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import Plan
from bizcase.engine.workspace import Workspaces
from bizcase.results.choice import TIE, Choice, ViewChoice
from bizcase.results.convergence import Precision
from bizcase.results.simulation import Simulation
from bizcase.risk.chunks import CHUNK, Progress, chunk_rng, chunk_sizes, in_chunks
from bizcase.risk.converge import choice_figures, converge, draws_up_to
from bizcase.risk.copula import Copula
from bizcase.risk.errors import mean_error
from bizcase.risk.joint_streamed import best_shares, pair_of, simulate_joint_streamed
from bizcase.risk.outcomes import Outcomes, empty_outcomes, head, put, reducer
from bizcase.risk.sampler import RiskModel, draw, driver_quantiles
from bizcase.risk.summary import spread, summarise

JOINT_IN_MEMORY = 6_000_000
"""Per-draw figures (draws x views x options) a joint simulation holds, about 220 MB, to
compare the options case by case in one pass. Beyond, it keeps no draw and finds the same
figures in three passes (`bizcase.risk.joint_streamed`); `--precision`, which looks at every
draw so far each time it checks, stays within it."""


def shared_drivers(models: Sequence[RiskModel]) -> tuple[str, ...]:
    """Every driver of any of the options, in one fixed order."""
    return tuple(sorted({name for model in models for name in model.drivers}))


def simulate_joint(
    plans: Sequence[Plan],
    models: Sequence[RiskModel],
    draws: int,
    seed: int,
    view_ids: Sequence[str],
    jobs: int | None = None,
    progress: Progress | None = None,
    copula: Copula | None = None,
    precision: Precision | None = None,
) -> Choice:
    """Each option's summaries of `view_ids` (views every option has) and the comparison;
    with `precision`, chunk after chunk until every figure is within it, up to `draws`
    (`bizcase.risk.converge`)."""
    width = len(view_ids) * len(plans)
    run_chunk = joint_chunk(plans, models, seed, view_ids, copula)
    if draws * width > JOINT_IN_MEMORY:
        if precision is None:
            return simulate_joint_streamed(plans, run_chunk, draws, seed, view_ids, jobs, progress)
        views = f"{len(view_ids)} view{'s' if len(view_ids) > 1 else ''}"
        raise ValueError(
            f"--precision keeps every draw of a joint simulation, at most "
            f"{JOINT_IN_MEMORY:,} draws x views x options: for {views} of {len(plans)} "
            f"options, give --draws {JOINT_IN_MEMORY // width:,} or fewer (or fewer views, "
            "with --partner)"
        )
    out = [empty_outcomes(draws, len(view_ids)) for _ in plans]

    done = [0]

    def run_to(first: int, up_to: int) -> None:
        done[0] = fill(out, run_chunk, draws_up_to(up_to, draws), jobs, progress, first)

    def result() -> Choice:
        return choice_of_outcomes(plans, [head(o, done[0]) for o in out], seed, view_ids)

    if precision is None:
        run_to(0, len(chunk_sizes(draws)))
        return result()
    found, convergence = converge(draws, precision, run_to, result, choice_figures)
    return replace(found, convergence=convergence)


def choice_of_outcomes(
    plans: Sequence[Plan], outcomes: Sequence[Outcomes], seed: int, view_ids: Sequence[str]
) -> Choice:
    draws = outcomes[0].npv.shape[0]
    options = tuple(
        Simulation(
            draws=draws,
            seed=seed,
            views={view: summarise(outcome, c, view, plan) for c, view in enumerate(view_ids)},
        )
        for plan, outcome in zip(plans, outcomes, strict=True)
    )
    views = {
        view: compare_npvs(view, np.column_stack([o.npv[:, c] for o in outcomes]))
        for c, view in enumerate(view_ids)
    }
    return Choice(draws=draws, seed=seed, options=options, views=views)


def joint_outcomes(
    plans: Sequence[Plan],
    models: Sequence[RiskModel],
    draws: int,
    seed: int,
    view_ids: Sequence[str],
    jobs: int | None = None,
    progress: Progress | None = None,
    copula: Copula | None = None,
) -> list[Outcomes]:
    """Every option's outcomes for the views, drawn on common random numbers."""
    out = [empty_outcomes(draws, len(view_ids)) for _ in plans]
    fill(out, joint_chunk(plans, models, seed, view_ids, copula), draws, jobs, progress)
    return out


def fill(
    out: Sequence[Outcomes],
    run_chunk: Callable[[int, int], list[Outcomes]],
    draws: int,
    jobs: int | None,
    progress: Progress | None,
    first: int = 0,
) -> int:
    """Every option's rows of chunks `first` on, up to `draws`; the draws now filled."""
    row = first * CHUNK
    for chunk in in_chunks(draws, run_chunk, jobs, progress, first=first):
        rows = slice(row, row + chunk[0].npv.shape[0])
        for whole, part in zip(out, chunk, strict=True):
            put(whole, rows, part)
        row = rows.stop
    return row


def joint_chunk(
    plans: Sequence[Plan],
    models: Sequence[RiskModel],
    seed: int,
    view_ids: Sequence[str],
    copula: Copula | None = None,
) -> Callable[[int, int], list[Outcomes]]:
    """Chunk `number` of every option, drawn on common random numbers; `copula`: the rank
    correlations of all the files together (one file's apply to every file)."""
    drivers = shared_drivers(models)
    reducers = [
        reducer(plan, [[*plan.partner_ids, "total"].index(view) for view in view_ids])
        for plan in plans
    ]

    spaces = [Workspaces() for _ in plans]  # one per option: their arrays differ

    def run_chunk(number: int, size: int) -> list[Outcomes]:
        shared = driver_quantiles(drivers, chunk_rng(seed, number), size, copula)
        found = []
        for place, (model, reduce) in enumerate(zip(models, reducers, strict=True)):
            space = spaces[place].mine
            rng = chunk_rng(seed, number, place + 1)
            found.append(reduce(draw(model, rng, size, shared, space), space))
        return found

    return run_chunk


def compare_npvs(view: str, npv: NDArray[np.float64]) -> ViewChoice:
    """The chance each option (column) is best, its expected regret, and each pair compared
    draw by draw (rows)."""
    share, regret = best_shares(npv)
    pairs = []
    count = npv.shape[1]
    for first in range(count):
        for second in range(first + 1, count):
            difference = npv[:, first] - npv[:, second]
            higher = float(np.mean(difference > TIE))
            lower = float(np.mean(difference < -TIE))
            chances = (higher, lower)
            pairs.append(pair_of(first, second, chances, spread(difference), npv.shape[0]))
    return ViewChoice(
        view=view,
        p_best=tuple(float(p) for p in share.mean(axis=0)),
        expected_regret=tuple(float(r) for r in regret.mean(axis=0)),
        pairs=tuple(pairs),
        p_best_se=tuple(mean_error(share[:, c]) for c in range(count)),
        expected_regret_se=tuple(mean_error(regret[:, c]) for c in range(count)),
    )
