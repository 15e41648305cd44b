"""The trail behind one figure, line by line, as `explain` shows it."""

from __future__ import annotations

from dataclasses import dataclass, field

LABELS = {
    "savings": "Savings",
    "income": "Income",
    "costs": "Recurring costs",
    "one_off_costs": "One-off costs",
    "net_recurring": "Net recurring saving",
    "net": "Net (cash)",
    "cumulative_net": "Cumulative net",
    "gap": "Budget gap",
    "remaining_gap": "Remaining gap",
    "risk_costs": "Risk costs (expected value)",
    "funded_from_reserves": "Funded from reserves",
    "reserves": "Reserves, year end",
    "npv": "Net present value",
    "total_savings": "Savings over the horizon",
    "total_income": "Income over the horizon",
    "total_costs": "Recurring costs over the horizon",
    "total_one_off_costs": "One-off costs over the horizon",
    "total_net": "Net over the horizon",
    "total_risk_costs": "Risk costs (expected value) over the horizon",
}


ITEM_LABELS = {
    "savings": "Saving",
    "income": "Income",
    "costs": "Cost",
    "one_off_costs": "One-off cost",
    "risk_costs": "Risk",
}


@dataclass(frozen=True)
class Line:
    """One step of the trail: what it is, how it is worked out, what it comes to."""

    label: str
    amount: float
    detail: str = ""
    children: tuple[Line, ...] = field(default=())


@dataclass(frozen=True)
class Explanation:
    metric: str
    view: str
    view_name: str
    year: int | None
    value: float
    formula: str
    lines: tuple[Line, ...]
    silent: tuple[str, ...]
    """Items that could feed this figure but add nothing in that year."""
