"""What changed between two versions of a scenario: its inputs, field by field, and its
headline figures, view by view; and which `--fail-on` conditions on the change held."""

from __future__ import annotations

from typing import Any, Literal

from bizcase.records import frozen
from bizcase.results.metrics import Metric, Value

ChangeKind = Literal["added", "removed", "changed"]


@frozen
class InputChange:
    """One field, by its path in the file (`savings[0].annual`), as written (after
    `extends`): `old` is None where it was added, `new` where it was removed."""

    path: str
    kind: ChangeKind
    old: Any = None
    new: Any = None


@frozen
class FigureChange:
    """One headline figure of one view, before and after.

    `change` is new - old in the metric's unit (pounds; a fraction for coverage; a number
    of years for payback and gap-closure years), None where either has no value.
    `percent_change` is change / |old|, None where old is 0 or either has no value, and
    for years and coverage, whose change is already a span or in percentage points.
    """

    metric: Metric
    old: Value
    new: Value
    change: float | int | None
    percent_change: float | None

    @property
    def moved(self) -> bool:
        return self.old != self.new


@frozen
class ViewDiff:
    """One view (a partner common to both versions, or the total)."""

    id: str
    name: str | None
    figures: tuple[FigureChange, ...]


@frozen
class Side:
    """One version: as named on the command line, and the option's name in it."""

    source: str
    name: str


@frozen
class ChangeCheck:
    """A `--fail-on` condition and the change it was tested on; `held` fails the run."""

    text: str
    partner: str
    metric: Metric
    operator: str
    threshold: float
    relative: bool
    """The threshold is a percentage change (`npv < -5%`), not a change in the unit."""
    change: float | None
    held: bool


@frozen
class Diff:
    old: Side
    new: Side
    inputs: tuple[InputChange, ...]
    views: tuple[ViewDiff, ...]
    checks: tuple[ChangeCheck, ...] = ()

    @property
    def failed(self) -> bool:
        return any(check.held for check in self.checks)
