"""Green Book switching values of one view."""

from __future__ import annotations

from bizcase.records import frozen


@frozen
class SwitchingValue:
    """The change in an amount (a fraction: -0.35 is 35% less) at which a test flips."""

    test: str
    now: str
    change: float | None
    becomes: str
    reason: str | None
    verified: bool


@frozen
class SwitchingRow:
    """One subject (all savings, or a stream) and its value for each test, in TEST_KEYS
    order; `npv`, `gap_closed` and `payback` name them as the contract does."""

    subject: str
    values: tuple[SwitchingValue, ...]

    def value(self, test: str) -> SwitchingValue:
        return next(v for v in self.values if v.test == test)

    @property
    def npv(self) -> SwitchingValue:
        return self.value("npv")

    @property
    def gap_closed(self) -> SwitchingValue:
        return self.value("gap_closed")

    @property
    def payback(self) -> SwitchingValue:
        return self.value("payback")


@frozen
class Switching:
    view: str
    rows: list[SwitchingRow]

    @property
    def partner(self) -> str:
        """The contract's name for `view`."""
        return self.view


TEST_KEYS = ("npv", "gap_closed", "payback")
"""The decisions whose switching values are found, in the order of each row's values."""
