"""`check`: conditions on options, as CI gates them, tested once for the CLI and the API."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from bizcase import gate_choice, gates
from bizcase.api.option import Option
from bizcase.problems import InputError
from bizcase.records import frozen

if TYPE_CHECKING:
    from bizcase.results.choice import Choice
    from bizcase.results.metrics import Value

Note = Callable[[Option], None]
"""Told of each option simulated with nothing uncertain in it (the CLI prints a note)."""


@frozen
class Checks:
    """Every condition tested on every option, in the order given (options, then
    conditions); `simulation` gives `draws` and `seed` where a condition needed one."""

    checks: tuple[gates.Check, ...]
    simulation: dict[str, int] | None = None

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
) -> Checks:
    """Raises InputError with every condition that cannot be read, that names a partner an
    option does not have, or that compares options (`p_best`) given one, before anything is
    simulated. `p_beats:OTHER` names another option by its file's name (without `.yaml`)."""
    files = [option.file for option in options]
    conditions, problems = gates.parse_conditions(texts, partner)
    problems += gate_choice.needs_several(conditions, files)
    if problems:
        raise InputError(problems)
    unknown = [p for option in options for p in gates.unknown_partners(option.result, conditions)]
    if unknown:
        raise InputError(unknown)
    others = gate_choice.places_of_others(conditions, files)
    compared = _compared(options, conditions, draws, seed)
    found: list[gates.Check] = []
    for place, option in enumerate(options):
        mine = [c for c in conditions if gate_choice.applies(c, place, others)]
        read = None if compared is None else gate_choice.reader(compared, place, others)
        if any(c.withdraws for c in mine):
            read = _with_withdrawals(option, read)
        found += _check_one(option, mine, draws, seed, read, note)
    simulated = any(c.simulated for c in conditions)
    return Checks(tuple(found), {"draws": draws, "seed": seed} if simulated else None)


def _compared(
    options: Sequence[Option], conditions: Sequence[gates.Condition], draws: int, seed: int
) -> Choice | None:
    """The options simulated together, for the views of the comparing conditions (if any)."""
    views = list(dict.fromkeys(c.partner for c in conditions if c.compares))
    if not views:
        return None
    from bizcase.appraisal.risk import choice_of

    return choice_of(options, views, draws, seed)


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
    draws: int,
    seed: int,
    compared: Callable[[gates.Condition], Value] | None,
    note: Note | None,
) -> list[gates.Check]:
    views = gates.simulated_views(conditions)
    if not views:
        return gates.evaluate(option.result, conditions, compared=compared)
    from bizcase.appraisal.risk import simulation_of

    if note is not None and option.risk_model.is_certain:
        note(option)
    simulation = simulation_of(option, views, draws, seed)
    return gates.evaluate(option.result, conditions, simulation, compared)
