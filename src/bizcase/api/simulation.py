"""Monte Carlo from Python: each option's own spread (`simulate`), and several options
simulated together and compared draw by draw (`choose`), as `bizcase simulate A B` does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bizcase.api.option import DEFAULT_DRAWS, DEFAULT_SEED
from bizcase.problems import InputError, Problem

if TYPE_CHECKING:
    from bizcase.api.functions import OptionLike
    from bizcase.api.option import Option
    from bizcase.results.choice import Choice
    from bizcase.results.convergence import Precision
    from bizcase.results.simulation import Simulation

MAX_DRAWS = 100_000_000


def simulate(
    options: Sequence[OptionLike],
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    partner: str | None = None,
    jobs: int | None = None,
    precision: str | None = None,
) -> tuple[Simulation, ...]:
    """Monte Carlo over the options' uncertainties: one `Simulation` per option, in the
    order given. One option is simulated for `partner`, else every partner and the total;
    several are simulated together on common random numbers (as `simulate A B`), for
    `partner`, else the partners they share. The same seed gives the same figures on any
    machine, whatever `jobs`. `precision` (`"1%"`, `"£10k"`) stops as soon as every
    figure's 95% interval is within it, `draws` at most, as `--precision` does; every
    figure carries its standard error (`sim.views[id].standard_errors`, `Spread.se`).

    >>> import bizcase
    >>> (sim,) = bizcase.simulate(["scenarios/ssdc-solo.yaml"], draws=1000, seed=1)
    >>> sorted(sim.views), sim.views["ssdc"].p_gap_closed
    (['ssdc'], 1.0)
    """
    from bizcase.appraisal.risk import precision_of

    asked = None if precision is None else precision_of(precision)
    chosen = _checked(options, draws, seed, jobs)
    if len(chosen) > 1:
        return _together(chosen, draws, seed, partner, jobs, asked).options
    from bizcase.appraisal.risk import simulation_of
    from bizcase.appraisal.views import simulated_views

    (option,) = chosen
    views = simulated_views(option.result, partner)
    return (simulation_of(option, views, draws, seed, jobs, None, asked),)


def choose(
    options: Sequence[OptionLike],
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    partner: str | None = None,
    jobs: int | None = None,
) -> Choice:
    """Two or more options simulated together on common random numbers and compared draw
    by draw, for `partner` (else the partners they share): `views[id].p_best` (the chance
    each has the highest NPV), `expected_regret` and each pair's difference; `options` holds
    each option's own `Simulation`. `simulate A B --format json` gives the same figures.

    >>> import bizcase
    >>> files = ["scenarios/ssdc-sdc-joint.yaml", "scenarios/ssdc-solo.yaml"]
    >>> bizcase.choose(files, draws=1000, seed=1).views["ssdc"].p_best
    (0.0, 1.0)
    """
    chosen = _checked(options, draws, seed, jobs)
    if len(chosen) < 2:
        raise InputError([Problem("options", "choose compares two or more options")])
    return _together(chosen, draws, seed, partner, jobs)


def _together(
    options: list[Option],
    draws: int,
    seed: int,
    partner: str | None,
    jobs: int | None,
    precision: Precision | None = None,
) -> Choice:
    from bizcase.appraisal.risk import choice_of
    from bizcase.appraisal.views import select_views

    views = select_views([option.result for option in options], partner)
    return choice_of(options, views, draws, seed, jobs, None, precision)


def _checked(
    options: Sequence[OptionLike], draws: int, seed: int, jobs: int | None
) -> list[Option]:
    """The options, once the numbers are known to be sensible (as the CLI's options are)."""
    from bizcase.api.functions import options_of

    if not 1 <= draws <= MAX_DRAWS:
        raise InputError([Problem("draws", f"{draws:,} draws: give 1 to {MAX_DRAWS:,}")])
    if seed < 0 or (jobs is not None and jobs < 1):
        raise InputError([Problem("seed" if seed < 0 else "jobs", "must not be negative")])
    return options_of(options)
