"""Every risk finding about an option: the one place each is computed."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NoReturn

from bizcase.appraisal.option import Option
from bizcase.appraisal.views import partner_of
from bizcase.problems import InputError, Problem
from bizcase.results.choice import Choice
from bizcase.results.convergence import Precision
from bizcase.results.findings import RiskFindings
from bizcase.results.sensitivity import Sensitivity
from bizcase.results.simulation import Fan, Simulation
from bizcase.results.switching import Switching

Progress = Callable[[int, int], None]

FAN_DRAWS = 2000
"""Simulated cases behind a report's fan chart: enough for smooth 5% and 95% bands."""
CHOICE_DRAWS = 10_000
"""Simulated cases behind a report's comparison of several options."""


def sensitivity_of(
    option: Option,
    view: str,
    metric: str = "npv",
    spread: float = 0.2,
    optimism_bias: float | None = None,
) -> Sensitivity:
    from bizcase.risk.sensitivity import sensitivity

    return sensitivity(
        option.scenario, option.plan, metric, partner_of(view), spread, optimism_bias
    )


def switching_of(option: Option, view: str) -> Switching:
    from bizcase.risk.switching import switching_values

    return switching_values(option.scenario, option.plan, partner_of(view))


def simulation_of(
    option: Option,
    views: Sequence[str],
    draws: int,
    seed: int,
    jobs: int | None = None,
    progress: Progress | None = None,
    precision: Precision | None = None,
) -> Simulation:
    """`draws` simulated cases; with `precision`, only as many as every figure needs."""
    from bizcase.risk.simulate import simulate, simulate_precise

    plan, model = option.plan, option.risk_model
    if precision is None:
        return simulate(plan, model, draws, seed, views, jobs, progress)
    try:
        return simulate_precise(plan, model, draws, seed, views, precision, jobs, progress)
    except ValueError as exc:
        raise InputError([Problem("--precision", f"{draws:,} draws: {exc}")]) from None


def precision_of(text: str) -> Precision:
    """`1%` (of each figure; of a chance, in percentage points) or an amount of money
    (`£10k`); anything else, or nothing (0), is refused: no run can meet it."""
    from bizcase.model.units import parse_money, parse_percent
    from bizcase.problems import FieldError

    hint = "give a percentage such as 1% or an amount of money such as £10k"
    bare = _plain_number(text)
    if bare is not None and bare > 0:
        # 0.01 could be 1% (a fraction, as conditions read it) or a penny: never guessed
        shown = text.strip()
        percent = f"{bare * 100:g}%" if bare < 1 else f"{shown}%"
        return _refused(f"{shown} could be a percentage or money: write {percent} or £{shown}")
    try:
        if text.strip().endswith("%"):
            fraction = parse_percent(text)
            if not 0 < fraction <= 1:
                raise FieldError(f"{text} is not a precision: {hint}, above 0 (at most 100%)")
            return Precision(text.strip(), fraction=fraction)
        amount = parse_money(text)
        if not amount > 0:
            raise FieldError(f"{text} is not a precision: {hint}, above 0")
        return Precision(text.strip(), money=amount)
    except FieldError as exc:
        message = exc.message if "precision" in exc.message else f"{exc.message}; {hint}"
        return _refused(message)


def _plain_number(text: str) -> float | None:
    """A number written without % or £ or a k/m suffix, else None."""
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _refused(message: str) -> NoReturn:
    raise InputError([Problem("--precision", message)])


def choice_of(
    options: Sequence[Option],
    views: Sequence[str],
    draws: int,
    seed: int,
    jobs: int | None = None,
    progress: Progress | None = None,
    precision: Precision | None = None,
) -> Choice:
    """Several options simulated together on common random numbers, compared draw by draw
    for views every one of them has; with `precision`, only as many draws as every figure
    needs."""
    from bizcase.model.correlations import matrix_problem, merged
    from bizcase.risk.copula import copula_of
    from bizcase.risk.joint import simulate_joint

    pairs, conflicts = merged({option.file: option.scenario.correlations for option in options})
    problem = matrix_problem(pairs)
    if conflicts or problem:
        together = [f"the files together: {problem}"] if problem else []
        raise InputError([Problem("correlations", text) for text in [*conflicts, *together]])
    plans = [option.plan for option in options]
    models = [option.risk_model for option in options]
    try:
        copula = copula_of(pairs)
        return simulate_joint(plans, models, draws, seed, views, jobs, progress, copula, precision)
    except ValueError as exc:
        field = "--draws" if precision is None else "--precision"
        raise InputError([Problem(field, f"{draws:,} draws: {exc}")]) from None


def fan_of(option: Option, view: str, draws: int, seed: int) -> Fan:
    from bizcase.risk.fan import cumulative_fan

    return cumulative_fan(option.plan, option.risk_model, draws, seed, view)


def risk_findings(
    options: Sequence[Option], views: Sequence[str], draws: int, seed: int
) -> RiskFindings:
    """Sensitivity of NPV and switching values for each option and view; a fan of
    cumulative net where the scenario has uncertainties to simulate; several options, some
    uncertain, simulated together."""
    choice = None
    if len(options) > 1 and not all(option.risk_model.is_certain for option in options):
        choice = choice_of(options, views, CHOICE_DRAWS, seed)
    found = RiskFindings({}, {}, {}, draws, seed, choice)
    for number, option in enumerate(options):
        for view in views:
            found.sensitivity[number, view] = sensitivity_of(option, view)
            found.switching[number, view] = switching_of(option, view)
            if not option.risk_model.is_certain:
                found.fans[number, view] = fan_of(option, view, draws, seed)
    return found
