"""What each remaining partner would bear if one partner withdrew: its headline figures
as written and without the partner that leaves."""

from __future__ import annotations

from bizcase.records import frozen
from bizcase.results.metrics import Value

FIGURES = (
    ("costs", "Costs over the horizon"),
    ("total_savings", "Savings over the horizon"),
    ("npv", "NPV"),
    ("payback_year", "Payback year"),
    ("remaining_gap", "Remaining gap, final year"),
)
"""The figures a withdrawal changes, in table order. `costs` is recurring, one-off and risk
costs over the horizon together: what a partner pays."""


@frozen
class Change:
    """One remaining partner (or the total): each figure as written and without."""

    view: str
    name: str | None
    before: dict[str, Value]
    after: dict[str, Value]

    def change(self, key: str) -> float | None:
        """After less before, for money; None where either is not a number."""
        before, after = self.before[key], self.after[key]
        if isinstance(before, float) and isinstance(after, float):
            return after - before
        return None

    def change_fraction(self, key: str) -> float | None:
        """The change over |before|; None where before is 0 or not money."""
        change = self.change(key)
        before = self.before[key]
        if change is None or not isinstance(before, float) or abs(before) < 0.005:
            return None
        return change / abs(before)


@frozen
class Withdrawal:
    partner: str
    partner_name: str
    dropped: tuple[str, ...]
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()
    """What else changes shape without the partner: a successor's `succeeds`."""


@frozen
class Withdrawals:
    name: str
    file: str
    years: tuple[int, int]
    withdrawals: tuple[Withdrawal, ...]
