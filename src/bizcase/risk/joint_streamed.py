"""Several options simulated together on more draws than memory should hold.

Up to `JOINT_IN_MEMORY` per-draw figures a joint simulation keeps every draw and compares
the options case by case (`bizcase.risk.joint`). Beyond, it keeps none: each option's
figures are tallied as `simulate` tallies them (counts, sums), the comparison is counted
and summed chunk by chunk (each option's share of being best, its regret, how often each of
a pair is higher), and every percentile, each option's and each pair's difference, is
found exactly in two more passes over the same seeded draws (`bizcase.risk.quantiles`).
The figures are those of keeping every draw: percentiles and chances to the last digit,
means and standard errors combined from each chunk's sums (to the last bit or so).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import combinations

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import Plan
from bizcase.results.choice import TIE, Choice, Pair, ViewChoice
from bizcase.results.simulation import PERCENTILES, Simulation, Spread
from bizcase.risk.chunks import Progress, in_chunks
from bizcase.risk.errors import Moments, bound_percentiles, chance_error, percentile_errors
from bizcase.risk.outcomes import Outcomes
from bizcase.risk.quantiles import OrderStatistics
from bizcase.risk.summary import spreads_of
from bizcase.risk.tally import Tally

Array = NDArray[np.float64]


class Comparison:
    """The options' NPVs compared draw by draw, chunk after chunk, for each view: sums (and
    centred squares, for the errors) of each option's share of being best and of its regret,
    and of each pair's difference; how often each of a pair is higher."""

    def __init__(self, views: int, options: int) -> None:
        self.views, self.options = views, options
        self.pairs = list(combinations(range(options), 2))
        self.shares = Moments(views * options)
        self.regrets = Moments(views * options)
        self.differences = Moments(views * len(self.pairs))
        self.higher = np.zeros(views * len(self.pairs), dtype=np.int64)
        self.lower = np.zeros(views * len(self.pairs), dtype=np.int64)

    def difference(self, npv: Array) -> Array:
        """Each pair's difference, first's NPV less second's: (draws, views x pairs), a
        view's pairs side by side. `npv` is (draws, views, options)."""
        columns = [npv[:, :, first] - npv[:, :, second] for first, second in self.pairs]
        return np.stack(columns, axis=-1).reshape(npv.shape[0], -1)

    def add(self, npv: Array, difference: Array) -> None:
        """A chunk's NPVs (draws, views, options) and their differences, in chunk order."""
        shares, regrets = best_shares(npv)
        share = shares.reshape(npv.shape[0], -1)
        regret = regrets.reshape(npv.shape[0], -1)
        for moments, block in (
            (self.shares, share),
            (self.regrets, regret),
            (self.differences, difference),
        ):
            moments.add(block, block.sum(axis=0).tolist())
        self.higher += (difference > TIE).sum(axis=0)
        self.lower += (difference < -TIE).sum(axis=0)

    def view(self, view_id: str, view: int, points: Callable[[int], list[float]]) -> ViewChoice:
        """The view's comparison; `points(column)`: a difference column's percentiles, then
        the ends of their intervals (as `bizcase.risk.errors` orders them)."""
        draws = sum(self.shares.sizes)
        places = [view * self.options + k for k in range(self.options)]
        pairs = []
        for number, (first, second) in enumerate(self.pairs):
            column = view * len(self.pairs) + number
            found = points(column)
            higher = float(self.higher[column] / draws)
            lower = float(self.lower[column] / draws)
            difference = Spread(
                percentiles=dict(zip(PERCENTILES, found, strict=False)),
                mean=_mean(self.differences, column),
                se=Spread(
                    percentile_errors(PERCENTILES, found[len(PERCENTILES) :]),
                    self.differences.error(column),
                ),
            )
            pairs.append(pair_of(first, second, (higher, lower), difference, draws))
        return ViewChoice(
            view=view_id,
            p_best=tuple(_mean(self.shares, c) for c in places),
            expected_regret=tuple(_mean(self.regrets, c) for c in places),
            pairs=tuple(pairs),
            p_best_se=tuple(self.shares.error(c) for c in places),
            expected_regret_se=tuple(self.regrets.error(c) for c in places),
        )


def best_shares(npv: Array) -> tuple[Array, Array]:
    """Along the last axis (the options): each option's share of being best in each draw
    (options within `TIE` of the best share it equally) and its regret, the best NPV less
    its own."""
    best = npv.max(axis=-1, keepdims=True)
    tied = npv >= best - TIE
    share: Array = tied / tied.sum(axis=-1, keepdims=True)
    regret: Array = best - npv
    return share, regret


def pair_of(
    first: int, second: int, chances: tuple[float, float], difference: Spread, draws: int
) -> Pair:
    """Two options compared: the chance each is higher (ties count for neither), with
    their errors, and the difference's spread."""
    higher, lower = chances
    return Pair(
        first=first,
        second=second,
        p_first_higher=higher,
        p_second_higher=lower,
        difference=difference,
        p_first_higher_se=chance_error(higher, draws),
        p_second_higher_se=chance_error(lower, draws),
    )


def _mean(moments: Moments, column: int) -> float:
    return math.fsum(moments.sums[column]) / sum(moments.sizes)


def simulate_joint_streamed(
    plans: Sequence[Plan],
    run_chunk: Callable[[int, int], list[Outcomes]],
    draws: int,
    seed: int,
    view_ids: Sequence[str],
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Choice:
    """Each option's summaries of `view_ids` and the comparison, from `run_chunk` (every
    option's outcomes of a chunk, on common random numbers) run three times over."""
    width = len(view_ids)
    wanted = [*PERCENTILES, *bound_percentiles(draws, PERCENTILES)]
    names = [
        spreads_of(plan, [[*plan.partner_ids, "total"].index(view) for view in view_ids])
        for plan in plans
    ]
    tallies = [
        Tally(plan, draws, width, mine, values=False)
        for plan, mine in zip(plans, names, strict=True)
    ]
    orders = [OrderStatistics(draws, len(mine) * width, wanted) for mine in names]
    comparison = Comparison(width, len(plans))
    apart = OrderStatistics(draws, width * len(comparison.pairs), wanted)
    passes = OrderStatistics.passes
    for number in range(passes):
        for chunk in in_chunks(draws, run_chunk, jobs, progress, (number, passes)):
            for tally, order, outcomes in zip(tallies, orders, chunk, strict=True):
                block = tally.block(outcomes)
                order.feed(block)
                if number == 0:
                    tally.add(outcomes, block)
            npv = np.stack([outcomes.npv for outcomes in chunk], axis=-1)
            difference = comparison.difference(npv)
            apart.feed(difference)
            if number == 0:
                comparison.add(npv, difference)
        for order in [*orders, apart]:
            order.next_pass()
    options = tuple(
        Simulation(
            draws=draws,
            seed=seed,
            views={
                view: tally.summary(
                    view, v, {name: order.in_order(k * width + v) for k, name in enumerate(mine)}
                )
                for v, view in enumerate(view_ids)
            },
        )
        for tally, order, mine in zip(tallies, orders, names, strict=True)
    )
    views = {view: comparison.view(view, v, apart.in_order) for v, view in enumerate(view_ids)}
    return Choice(draws=draws, seed=seed, options=options, views=views)
