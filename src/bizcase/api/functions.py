"""The Python API's functions: what the CLI's commands compute, on options or files, with
results as frozen values. The CLI's `run`, `compare` and `check` call these."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bizcase.api.loading import as_scenario_error, load_all
from bizcase.api.option import DEFAULT_DRAWS, DEFAULT_SEED, Option
from bizcase.api.results import Comparison, Result
from bizcase.appraisal import option as appraisal
from bizcase.problems import InputError, Problem

if TYPE_CHECKING:
    from bizcase.api.checks import Checks
    from bizcase.results.sensitivity import Sensitivity
    from bizcase.results.sweep import Sweep
    from bizcase.results.switching import Switching
    from bizcase.results.withdrawal import Withdrawals

OptionLike = appraisal.Option | str | os.PathLike[str]
"""An option from `load`/`loads`, or a scenario file's path (loaded on the way in)."""

SENSITIVITY_METRICS = ("npv", "remaining_gap", "total_net")


__all__ = [
    "OptionLike",
    "check",
    "compare",
    "options_of",
    "run",
    "sensitivity",
    "sweep",
    "switching",
]


def __getattr__(name: str) -> Any:
    """`simulate`, `choose` and `MAX_DRAWS` live in `bizcase.api.simulation`, imported on
    first use here so that `compare` (which calls this module) does not load it."""
    if name in ("MAX_DRAWS", "choose", "simulate"):
        from bizcase.api import simulation

        return getattr(simulation, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def options_of(items: Sequence[OptionLike]) -> list[Option]:
    """Each item as an option; the files among them loaded together, so that one
    ScenarioError holds the problems of every bad file."""
    if isinstance(items, str | os.PathLike | appraisal.Option):
        raise TypeError("give a list of options or paths, such as [option] or ['a.yaml']")
    paths = [os.fspath(item) for item in items if not isinstance(item, appraisal.Option)]
    loaded = iter(load_all(paths)[0]) if paths else iter(())
    found = []
    for item in items:
        if isinstance(item, Option):
            found.append(item)
        elif isinstance(item, appraisal.Option):
            found.append(Option.of(item, item.warnings))
        else:
            found.append(next(loaded))
    return found


def run(option: OptionLike) -> Result:
    """One option's figures, every partner and the total: `run --format json`'s.

    >>> import bizcase
    >>> bizcase.run("scenarios/ssdc-solo.yaml").view("ssdc").coverage
    1.024390243902439
    """
    return options_of([option])[0].run()


def compare(
    options: Sequence[OptionLike], partner: str | None = None, baseline: int | None = None
) -> Comparison:
    """Options side by side for the partners they all have (or `partner`, checked against
    each), as `compare` shows them; `baseline`, the place of one of them, makes `to_dict`
    give every headline figure as a difference from it too (`compare --baseline`).

    >>> import bizcase
    >>> both = bizcase.compare(["scenarios/ssdc-sdc-joint.yaml", "scenarios/ssdc-solo.yaml"])
    >>> both.views
    ('ssdc',)
    >>> [result.view("ssdc").gap_status for result in both.results]
    ['not_closed', 'closed']
    """
    from bizcase.appraisal.views import select_views
    from bizcase.render.labels import like_for_like_note

    results = [option.run() for option in options_of(options)]
    if baseline is not None and not 0 <= baseline < len(results):
        message = f"{baseline} is not the place of one of the {len(results)} options"
        raise InputError([Problem("baseline", message)])
    views = select_views(results, partner)
    return Comparison(tuple(results), tuple(views), like_for_like_note(results), baseline)


def sensitivity(
    option: OptionLike,
    partner: str | None = None,
    metric: str = "npv",
    spread: float = 0.2,
    optimism_bias: float | None = None,
) -> Sensitivity:
    """One-at-a-time sensitivity of `metric` (npv, remaining_gap or total_net) for
    `partner` (default the total): each item to its low and high (its uncertainty, else
    plus and minus `spread`, a fraction), each stream a year late, and with
    `optimism_bias` (such as 0.24) one-off costs raised by it. Rows sorted by swing."""
    from bizcase.appraisal.risk import sensitivity_of

    chosen = options_of([option])[0]
    problems = _fraction_problems("spread", spread, 1.0)
    if optimism_bias is not None:
        problems += _fraction_problems("optimism_bias", optimism_bias, 5.0)
    if metric not in SENSITIVITY_METRICS:
        problems.append(Problem("metric", f"{metric!r} is not one of {SENSITIVITY_METRICS}"))
    if problems:
        raise InputError(problems)
    return sensitivity_of(chosen, _one_view(chosen, partner), metric, spread, optimism_bias)


def withdraw(option: OptionLike, partners: Sequence[str] | None = None) -> Withdrawals:
    """The option without each of `partners` (default: every partner) in turn, shares
    re-apportioned among the others on the same basis, and each remaining partner's costs,
    savings, NPV, payback and gap as written and without it.

    >>> import bizcase
    >>> result = bizcase.withdraw("scenarios/pioneer-somerset.yaml", ["wsc"])
    >>> tdbc = next(c for c in result.withdrawals[0].changes if c.view == "tdbc")
    >>> round(tdbc.after["costs"], 2)   # 4 x 350,000 x 13.4 / 345
    54376.81
    """
    from bizcase.appraisal.withdraw import withdrawals_of

    return withdrawals_of(options_of([option])[0], partners)


def switching(option: OptionLike, partner: str | None = None) -> Switching:
    """Green Book switching values for `partner` (default the total): the change in all
    savings, and in each stream, at which NPV turns negative, the gap stops being closed
    and payback leaves the horizon."""
    from bizcase.appraisal.risk import switching_of

    chosen = options_of([option])[0]
    return switching_of(chosen, _one_view(chosen, partner))


def sweep(
    file: str | os.PathLike[str], settings: Sequence[str], partner: str | None = None
) -> Sweep:
    """One scenario file appraised for every combination of `settings`, each written as
    the CLI's `--set` (`"discount_rate=1%,3.5%,6%"`, `"years=3..5:3"`); one row each.

    >>> import bizcase
    >>> grid = bizcase.sweep("scenarios/ssdc-solo.yaml", ["years=4..5:2"], partner="ssdc")
    >>> [(row.values[0].data, row.results["payback_year"]) for row in grid.rows]
    [(4, 2017), (5, 2017)]
    """
    from bizcase.appraisal.sweep import run_sweep

    if isinstance(settings, str):
        settings = [settings]
    with as_scenario_error():
        return run_sweep(os.fspath(file), settings, partner)


def check(
    options: Sequence[OptionLike],
    conditions: Sequence[str],
    partner: str | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    precision: str | None = None,
) -> Checks:
    """Each condition (`"npv > 0"`, `"ssdc.gap_closed_year <= 2019/20"`,
    `"p_gap_closed >= 80%"`: the grammar of `bizcase check`) tested on each option.
    `precision` (`"1%"`, `"£10k"`), as `check --precision`: each simulation stops once
    its figures are within it, `draws` at most.

    >>> import bizcase
    >>> gates = bizcase.check(["scenarios/ssdc-solo.yaml"], ["npv > 0", "payback_year <= 2018/19"])
    >>> gates.passed, [c.passed for c in gates.checks]
    (True, [True, True])
    """
    from bizcase.api.checks import check_options
    from bizcase.appraisal.risk import precision_of

    if isinstance(conditions, str):
        conditions = [conditions]
    asked = None if precision is None else precision_of(precision)
    return check_options(options_of(options), conditions, partner, draws, seed, None, asked)


def _one_view(option: Option, partner: str | None) -> str:
    from bizcase.appraisal.views import one_view

    return one_view(option.result, partner)


def _fraction_problems(name: str, value: float, high: float) -> list[Problem]:
    if 0.0 <= value <= high:
        return []
    return [Problem(name, f"{value!r} is outside 0 to {high:g} (a fraction: 0.2 is 20%)")]
