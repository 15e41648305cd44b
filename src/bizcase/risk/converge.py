"""`--precision`: draw chunk after chunk until every reported figure is known well enough.

The stopping rule, and why:

- A check first after `MIN_CHUNKS` chunks (16,384 draws). A standard error estimated from
  fewer draws is itself loose (a tail percentile's by 10% and more), and a rule that tests
  an early, noisy estimate stops on a lucky low one; two chunks also make the first check
  cheap to reach on any machine.
- Each check asks of every figure (each percentile and mean of each spread, each chance,
  for each view, and in a joint run each option's chance of being best, expected regret and
  each pair's figures) whether its 95% interval, 1.96 standard errors, is within the
  precision: a fraction of the figure itself, or an amount of money; chances are held to a
  fraction as percentage points, and not to a money amount (`bizcase.results.convergence`).
- If not, the next check is where the worst figure's error says it will be met (errors
  fall as 1 / sqrt(draws)): ceil(chunks x worst ratio squared), at least one more chunk and
  at most twice as many, so a noisy early estimate cannot overshoot far. The checks are
  few, and each looks at every draw so far.
- At --draws it stops whatever the figures say, and says which are still outside.

The checks depend only on the figures, which depend only on the seed: chunk k has its own
stream whatever the threads, so a run stopped after k chunks is exactly the first k chunks
of a longer run, the same figures as a run of --draws k x 8,192.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import TypeVar

from bizcase.results.choice import Choice
from bizcase.results.convergence import Z95, Convergence, Precision
from bizcase.results.simulation import PERCENTILES, Simulation, Spread
from bizcase.risk.chunks import CHUNK, chunk_sizes

MIN_CHUNKS = 2

Figure = tuple[str, float, float, bool]
"""(label, value, standard error, whether it is money; else a chance)."""
T = TypeVar("T")


def spread_figures(label: str, spread: Spread) -> Iterator[Figure]:
    se = spread.se
    assert se is not None
    for p in PERCENTILES:
        yield f"{label} p{p}", spread.percentiles[p], se.percentiles[p], True
    yield f"{label} mean", spread.mean, se.mean, True


def simulation_figures(simulation: Simulation, prefix: str = "") -> Iterator[Figure]:
    """Every figure a simulation reports, with its standard error."""
    for view, summary in simulation.views.items():
        errors = summary.standard_errors
        assert errors is not None
        at = f"{prefix}{view}"
        for name in ("npv", "total_net", "remaining_gap", "reserves_lowest"):
            spread = getattr(summary, name)
            if spread is not None:
                yield from spread_figures(f"{at} {name}", spread)
        yield f"{at} p_gap_closed", summary.p_gap_closed, errors.p_gap_closed, False
        yield f"{at} p_payback", summary.p_payback, errors.p_payback, False
        if summary.p_reserves_above_minimum is not None:
            se = errors.p_reserves_above_minimum or 0.0
            yield f"{at} p_reserves_above_minimum", summary.p_reserves_above_minimum, se, False
        for year, p in summary.p_gap_closed_by_year.items():
            yield f"{at} p_gap_closed_by_year {year}", p, errors.p_gap_closed_by_year[year], False
        for when, p in summary.payback_years.items():
            se = errors.payback_years[when]
            yield f"{at} payback_year {when or 'never'}", p, se, False


def choice_figures(choice: Choice) -> Iterator[Figure]:
    """Every option's figures, and the comparison's."""
    for place, option in enumerate(choice.options):
        yield from simulation_figures(option, f"option {place + 1} ")
    for view, compared in choice.views.items():
        for place, p in enumerate(compared.p_best):
            yield f"option {place + 1} {view} p_best", p, compared.p_best_se[place], False
            regret, se = compared.expected_regret[place], compared.expected_regret_se[place]
            yield f"option {place + 1} {view} expected_regret", regret, se, True
        for pair in compared.pairs:
            at = f"{view} option {pair.first + 1} vs {pair.second + 1}"
            yield f"{at} p_first_higher", pair.p_first_higher, pair.p_first_higher_se, False
            yield f"{at} p_second_higher", pair.p_second_higher, pair.p_second_higher_se, False
            yield from spread_figures(f"{at} difference", pair.difference)


def ratio(figure: Figure, precision: Precision) -> float:
    """The figure's 95% interval over what the precision allows it (at most 1: met)."""
    _, value, se, is_money = figure
    if is_money:
        allowed = (
            precision.money
            if precision.money is not None
            else abs(value) * (precision.fraction or 0.0)
        )
    elif precision.fraction is None:
        return 0.0  # a chance is not held to an amount of money
    else:
        allowed = precision.fraction
    half = Z95 * se
    if allowed <= 0:
        return 0.0 if half <= 0 else math.inf
    return half / allowed


def converge(
    draws: int,
    precision: Precision,
    run_to: Callable[[int, int], None],
    result: Callable[[], T],
    figures: Callable[[T], Iterator[Figure]],
) -> tuple[T, Convergence]:
    """Run chunks (`run_to(first, up_to)` runs chunks first..up_to-1) until `result()`'s
    figures are all within `precision` (those it holds), or every chunk of `draws` has run."""
    total = len(chunk_sizes(draws))
    done, target = 0, min(MIN_CHUNKS, total)
    while True:
        run_to(done, target)
        done = target
        found = result()
        held = (f for f in figures(found) if precision.holds(f[0]))
        ratios = sorted(((ratio(f, precision), f[0]) for f in held), key=lambda r: -r[0])
        worst = ratios[0][0] if ratios else 0.0
        if worst <= 1 or done == total:
            outside = tuple(label for r, label in ratios if r > 1)
            return found, Convergence(precision, draws, outside)
        grow = worst * worst
        wanted = 2 * done if grow >= 2 else math.ceil(done * grow)
        target = min(total, max(done + 1, wanted))


def draws_up_to(chunks: int, draws: int) -> int:
    """The draws in the first `chunks` chunks of a run of `draws`."""
    return min(draws, chunks * CHUNK)
