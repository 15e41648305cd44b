"""A sweep: one option's headline figures for every combination of `--set` values."""

from __future__ import annotations

from typing import Any

from bizcase.problems import Problem
from bizcase.records import frozen

COLUMNS = (
    ("npv", "npv"),
    ("total_net", "total_net"),
    ("total_savings", "total_savings"),
    ("total_one_off_costs", "total_one_off_costs"),
    ("final_net_recurring", "net_recurring"),
    ("final_remaining_gap", "remaining_gap"),
    ("payback_year", "payback_year"),
    ("gap_closed_year", "gap_closed_year"),
    ("coverage", "coverage"),
    ("bcr", "bcr"),
)
"""Each column of a sweep's rows (its key in JSON and CSV) and the headline metric it shows."""

RESULT_KEYS = tuple(column for column, _ in COLUMNS)
"""The figures of each row, in this order in every output format."""


MONEY_KEYS = frozenset(RESULT_KEYS[:6])


YEAR_KEYS = frozenset({"payback_year", "gap_closed_year"})


@frozen
class Value:
    """One value of a `--set`: what is written into the data, and how to show it."""

    data: Any
    text: str


@frozen
class Row:
    """The values of one combination and the chosen view's figures for it."""

    values: tuple[Value, ...]
    results: dict[str, float | int | None]
    """RESULT_KEYS in order: money in pounds, years as ints, coverage a fraction or None."""
    gap_given: bool
    """Whether the view has any budget gap (else `gap_closed_year` is only a formality)."""
    payback_status: str = "paid_back"
    gap_status: str = "closed"
    """The engine's words for the view, so a table says why a year is missing."""


@frozen
class Sweep:
    file: str
    option_name: str
    partner: str
    """The view's id: a partner's, or "total"."""
    partner_name: str | None
    parameters: tuple[str, ...]
    rows: tuple[Row, ...]
    warnings: tuple[Problem, ...]
    inputs: tuple[str, ...]
    """The scenario file and the base files its `extends` chain read: never overwritten."""
