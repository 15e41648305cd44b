"""Green Book switching values of one view."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SwitchingValue:
    """The change in an amount (a fraction: -0.35 is 35% less) at which a test flips."""

    test: str
    now: str
    change: float | None
    becomes: str
    reason: str | None
    verified: bool


@dataclass(frozen=True)
class SwitchingRow:
    subject: str
    values: tuple[SwitchingValue, ...]


@dataclass(frozen=True)
class Switching:
    view: str
    rows: list[SwitchingRow]


TEST_KEYS = ("npv", "gap_closed", "payback")
"""The decisions whose switching values are found, in the order of each row's values."""
