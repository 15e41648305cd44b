"""`check`: conditions on options, as CI gates them, tested once for the CLI and the API."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bizcase import gate_choice, gates
from bizcase.api.option import Option
from bizcase.problems import InputError
from bizcase.records import frozen

if TYPE_CHECKING:
    from bizcase.results.choice import Choice
    from bizcase.results.convergence import Convergence, Precision
    from bizcase.results.metrics import Value

Note = Callable[[Option], None]
"""Told of each option simulated with nothing uncertain in it (the CLI prints a note)."""

Run = tuple[str, int, "Convergence | None"]
"""A simulation a check ran: what it simulated (a file, or the files together), the draws
it used and, with a precision, how it converged."""


@frozen
class Checks:
    """Every condition tested on every option, in the order given (options, then
    conditions); `simulation` gives `draws` and `seed` where a condition needed one (and,
    with a precision, the draws the runs could use and whether they met it)."""

    checks: tuple[gates.Check, ...]
    simulation: dict[str, Any] | None = None
    convergence: Convergence | None = None
    """With a precision: every run's convergence as one (figures outside it named after
    their file where several runs were needed)."""

    @property
    def passed(self) -> bool:
        """Whether every condition holds for every option (`check` exits 0)."""
        return all(check.passed for check in self.checks)

    @property
    def failed(self) -> tuple[gates.Check, ...]:
        return tuple(check for check in self.checks if not check.passed)

    def to_dict(self) -> dict[str, Any]:
        """As `check --format json` writes it."""
        from bizcase.render.gates_out import checks_document

        return checks_document(self.checks, self.simulation)


def check_options(
    options: Sequence[Option],
    texts: Sequence[str],
    partner: str | None,
    draws: int,
    seed: int,
    note: Note | None = None,
    precision: Precision | None = None,
) -> Checks:
    """Raises InputError with every condition that cannot be read, that names a partner an
    option does not have, or that compares options (`p_best`) given one, before anything is
    simulated. `p_beats:OTHER` names another option by its file's name (without `.yaml`).
    With `precision`, each simulation stops once its figures are within it (up to
    `draws`)."""
    files = [option.file for option in options]
    conditions, problems = gates.parse_conditions(texts, partner)
    problems += gate_choice.needs_several(conditions, files)
    if problems:
        raise InputError(problems)
    unknown = [p for option in options for p in gates.unknown_partners(option.result, conditions)]
    if unknown:
        raise InputError(unknown)
    others = gate_choice.places_of_others(conditions, files)
    runs: list[Run] = []
    together = (
        None
        if precision is None
        else replace(precision, only=compared_figures(conditions, others, len(options)))
    )
    compared = _compared(options, conditions, draws, seed, together)
    if compared is not None:
        runs.append(("the files together", compared.draws, compared.convergence))
    found: list[gates.Check] = []
    for place, option in enumerate(options):
        mine = [c for c in conditions if gate_choice.applies(c, place, others)]
        read = None if compared is None else gate_choice.reader(compared, place, others)
        if any(c.withdraws for c in mine):
            read = _with_withdrawals(option, read)
        errors = None if compared is None else gate_choice.error_reader(compared, place, others)
        found += _check_one(option, mine, (draws, seed, precision), (read, errors), note, runs)
    if not any(c.simulated for c in conditions):
        return Checks(tuple(found))
    convergence = converged(runs)
    keys: dict[str, Any] = {"draws": draws, "seed": seed}
    if convergence is not None:
        from bizcase.render.errors_out import run_keys

        keys = {"draws": max(used for _, used, _ in runs), "seed": seed}
        keys.update(run_keys(draws, convergence))
    return Checks(tuple(found), keys, convergence)


def converged(runs: Sequence[Run]) -> Convergence | None:
    """The runs' convergence as one: met where every run met the precision; each figure
    outside it named after its file (or the files together) where there were several runs.
    None without a precision."""
    found = [(label, c) for label, _, c in runs if c is not None]
    if not found:
        return None
    several = len(runs) > 1
    outside = tuple(
        f"{label}: {figure}" if several else figure
        for label, convergence in found
        for figure in convergence.outside
    )
    return replace(found[0][1], outside=outside)


def _compared(
    options: Sequence[Option],
    conditions: Sequence[gates.Condition],
    draws: int,
    seed: int,
    precision: Precision | None,
) -> Choice | None:
    """The options simulated together, for the views of the comparing conditions (if any)."""
    views = list(dict.fromkeys(c.partner for c in conditions if c.compares))
    if not views:
        return None
    from bizcase.appraisal.risk import choice_of

    return choice_of(options, views, draws, seed, precision=precision)


def _with_withdrawals(
    option: Option, read: Callable[[gates.Condition], Value] | None
) -> Callable[[gates.Condition], Value]:
    """`read`, and the withdrawal metrics of the option (run again without each partner)."""
    from bizcase.appraisal.withdraw import cost_increase

    def both(condition: gates.Condition) -> Value:
        if condition.withdraws:
            return cost_increase(option, condition.partner)
        assert read is not None
        return read(condition)

    return both


def _check_one(
    option: Option,
    conditions: list[gates.Condition],
    simulation: tuple[int, int, Precision | None],
    readers: tuple[
        Callable[[gates.Condition], Value] | None, Callable[[gates.Condition], float | None] | None
    ],
    note: Note | None,
    runs: list[Run],
) -> list[gates.Check]:
    """The option's conditions; its own simulation, where one needs it, added to `runs`.
    `readers`: the metrics of the files together (and the withdrawals), and their errors."""
    compared, errors = readers
    views = gates.simulated_views(conditions)
    if not views:
        return gates.evaluate(option.result, conditions, None, compared, errors)
    from bizcase.appraisal.risk import simulation_of

    if note is not None and option.risk_model.is_certain:
        note(option)
    draws, seed, precision = simulation
    if precision is not None:
        precision = replace(precision, only=own_figures(conditions))
    simulated = simulation_of(option, views, draws, seed, precision=precision)
    runs.append((option.file, simulated.draws, simulated.convergence))
    return gates.evaluate(option.result, conditions, simulated, compared, errors)


def own_figures(conditions: Sequence[gates.Condition]) -> frozenset[str]:
    """The figures of a file's own simulation that its conditions read, named as
    `bizcase.risk.converge` names them (`total npv p10`, `ssdc p_gap_closed`): the only
    ones `--precision` holds it to."""
    found = set()
    for condition in conditions:
        if condition.simulated and not condition.compares:
            name = condition.metric.name
            words = [name] if name.startswith("p_") else name.rsplit("_", 1)
            found.add(" ".join([condition.partner, *words]))
    return frozenset(found)


def compared_figures(
    conditions: Sequence[gates.Condition], others: dict[str, int], count: int
) -> frozenset[str]:
    """The figures of the files simulated together that the comparing conditions read, for
    each of `count` files they apply to (named as `bizcase.risk.converge` names them)."""
    found = set()
    for condition in conditions:
        if not condition.compares:
            continue
        view, name = condition.partner, condition.metric.name
        for place in range(count):
            if not gate_choice.applies(condition, place, others):
                continue
            if condition.other is None:
                found.add(f"option {place + 1} {view} {name}")
                continue
            first, second = sorted((place, others[condition.other]))
            which = "p_first_higher" if place == first else "p_second_higher"
            found.add(f"{view} option {first + 1} vs {second + 1} {which}")
    return frozenset(found)
