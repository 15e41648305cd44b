"""The headline figures of a view, listed once: their key (in JSON, `check` and `sweep`),
unit, meaning, the label a comparison shows, and how each is read from a view.

Adding a headline figure is one entry here plus its calculation in the engine; the
comparison tables (terminal, markdown, workbook, report), `check` and `sweep` follow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from bizcase.records import frozen
from bizcase.results.option import View


class Unit(StrEnum):
    money = "money"
    fraction = "fraction"
    year = "year"
    years = "years"
    """A length of time in years (`3.5` or `3.5 years`)."""
    status = "status"
    """One word of a fixed set, compared with == or != only."""
    ratio = "ratio"
    """A plain number such as a benefit-cost ratio (`1.5`)."""


Value = float | int | str | None
"""A metric's value: pounds or a fraction (float), a calendar start year (int), a status
word, or None where there is none (no payback within the horizon, no gap to cover)."""


@frozen
class Metric:
    name: str
    unit: Unit
    meaning: str
    read: Callable[[View], Value] | None = None
    """How the figure is read from a view; None for figures of a simulation."""
    label: str = ""
    """The row label where options are compared ("" where they are not)."""
    emphasis: bool = False
    """Shown in bold in comparisons: the figures a committee decides on."""
    optional: bool = False
    """Compared only where some view has it (a figure only long horizons have)."""
    present: Callable[[View], bool] | None = None
    """Whether a view has the figure, for an optional one whose value may be None even
    then (no year of breach); by default, whether it reads as something."""

    @property
    def simulated(self) -> bool:
        return self.read is None


def _final(series: str) -> Callable[[View], Value]:
    return lambda view: view.last(series)


def _total(key: str) -> Callable[[View], Value]:
    return lambda view: view.totals[key]


MONEY, FRACTION, YEAR = Unit.money, Unit.fraction, Unit.year

CALCULATED = (
    Metric("npv", MONEY, "net present value", lambda v: v.npv, "NPV", True),
    Metric("economic_npv", MONEY, "NPV with the savings that are not cashable",
           lambda v: v.economic_npv, "Economic NPV (with non-cashable savings)",
           optional=True),
    Metric("npv_lower_rate", MONEY, "NPV at the lower rate (horizons over 50 years)",
           lambda v: v.npv_lower_rate, "NPV at the lower rate", optional=True),
    Metric("bcr", Unit.ratio, "benefit-cost ratio: PV(savings + income) / PV(costs + one-off)",
           lambda v: v.bcr, "Benefit-cost ratio"),
    Metric("total_net", MONEY, "net (cash) over the horizon", _total("total_net"),
           "Net over the horizon"),
    Metric("total_savings", MONEY, "savings over the horizon", _total("total_savings")),
    Metric("total_income", MONEY, "income over the horizon", _total("total_income")),
    Metric("total_costs", MONEY, "recurring costs over the horizon", _total("total_costs")),
    Metric("total_one_off_costs", MONEY, "one-off costs over the horizon",
           _total("total_one_off_costs"), "One-off costs, total"),
    Metric("net_recurring", MONEY, "net recurring saving, final year", _final("net_recurring"),
           "Net recurring saving, final year"),
    Metric("savings", MONEY, "savings, final year", _final("savings"), "Savings, final year"),
    Metric("remaining_gap", MONEY, "remaining budget gap, final year", _final("remaining_gap"),
           "Remaining gap, final year", True),
    Metric("gap", MONEY, "budget gap, final year", _final("gap"), "Budget gap, final year"),
    Metric("coverage", FRACTION, "net recurring saving / budget gap, final year",
           lambda v: v.coverage, "Coverage of final-year gap"),
    Metric("payback_year", YEAR, "first year from which cumulative net stays >= 0",
           lambda v: v.payback_year, "Payback year"),
    Metric("payback_period", Unit.years, "years from the start of the horizon to payback",
           lambda v: v.payback_period, "Payback period"),
    Metric("payback_status", Unit.status,
           "paid_back, not_within_horizon or nothing_to_pay_back", lambda v: v.payback_status),
    Metric("gap_closed_year", YEAR, "year from which the gap is closed to the end",
           lambda v: v.gap_closed_year, "Gap closed in"),
    Metric("gap_status", Unit.status, "closed, not_closed, no_gap or partial (the total)",
           lambda v: v.gap_status),
    Metric("reserves_lowest", MONEY, "lowest year-end reserves (where reserves are given)",
           lambda v: v.reserves_lowest, "Reserves, lowest", optional=True),
    Metric("reserves_breach_year", YEAR, "first year reserves end below their minimum",
           lambda v: v.reserves_breach_year, "Reserves below minimum in", optional=True,
           present=lambda v: v.reserves is not None),
    Metric("reserves_status", Unit.status,
           "above_minimum, below_minimum, no_reserves_given or partial (the total)",
           lambda v: v.reserves_status),
)  # fmt: skip
"""Every figure of a calculated view that `check` can test, in `check --help` order."""

BY_NAME = {metric.name: metric for metric in CALCULATED}

COMPARISON = tuple(
    BY_NAME[key]
    for key in (
        "savings",
        "net_recurring",
        "total_one_off_costs",
        "total_net",
        "npv",
        "economic_npv",
        "npv_lower_rate",
        "bcr",
        "payback_year",
        "payback_period",
        "gap",
        "remaining_gap",
        "gap_closed_year",
        "coverage",
        "reserves_lowest",
        "reserves_breach_year",
    )
)
"""The rows where options are compared side by side, in order."""


def compared(views: Sequence[View]) -> tuple[Metric, ...]:
    """COMPARISON for these views: an optional figure only where one of them has it."""
    return tuple(
        metric
        for metric in COMPARISON
        if not metric.optional
        or any(
            metric.present(v) if metric.present else metric.read and metric.read(v) is not None
            for v in views
        )
    )


STATUSES = {
    "payback_status": ("paid_back", "not_within_horizon", "nothing_to_pay_back"),
    "gap_status": ("closed", "not_closed", "no_gap", "partial"),
    "reserves_status": ("above_minimum", "below_minimum", "no_reserves_given", "partial"),
}
