"""The figures' names as people read them, in explanations and in the calculation's own
labels; apart from `explanation` so that `run` and `compare` need not build its classes."""

from __future__ import annotations

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
