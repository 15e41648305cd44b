"""Row labels, titles and notes every output format shares, so a table, a markdown file, a
workbook and a report name things alike. No rich here: formats that do not draw terminal
tables import this, not `tables`."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.render.money import format_year
from bizcase.results.option import OptionResult, View

TOTAL_NAME = "Total, all partners"


ROWS = (
    ("savings", "Savings"),
    ("income", "Income"),
    ("costs", "Recurring costs"),
    ("net_recurring", "Net recurring saving"),
    ("one_off_costs", "One-off costs"),
    ("net", "Net (cash)"),
    ("cumulative_net", "Cumulative net"),
    ("gap", "Budget gap"),
    ("remaining_gap", "Remaining gap"),
)


BIAS_ROW = ("optimism_bias", "of which optimism bias (costs above)")
RISK_ROW = ("risk_costs", "Risk costs (expected value)")
NON_CASHABLE_ROW = ("non_cashable_savings", "Non-cashable savings (not counted above)")
"""Under the one-off costs where a scenario has a risk register: part of net, not of the
net recurring saving."""
"""Under the one-off costs where a view has any: the Green Book uplift already counted in
recurring and one-off costs."""


def view_rows(view: View) -> list[tuple[str, str]]:
    """The rows of a view's year-by-year table: no gap rows where no gap is given, and the
    optimism-bias row where there is any."""
    rows = [
        row for row in ROWS if view.gap_status != "no_gap" or row[0] not in ("gap", "remaining_gap")
    ]
    if any(abs(x) >= 0.005 for x in view.series.get("non_cashable_savings", ())):
        rows.insert([key for key, _ in rows].index("savings") + 1, NON_CASHABLE_ROW)
    if any(abs(x) >= 0.005 for x in view.series.get("risk_costs", ())):
        at = [key for key, _ in rows].index("one_off_costs") + 1
        rows.insert(at, RISK_ROW)
    if any(abs(x) >= 0.005 for x in view.series.get("optimism_bias", ())):
        at = [key for key, _ in rows].index("one_off_costs") + 1
        rows.insert(at, BIAS_ROW)
    return rows


NO_TOTAL = {"cumulative_net", "gap", "remaining_gap"}
"""Running balances and levels: a sum over years would mean nothing."""


SUBTOTALS = {"net_recurring", "net"}


def view_title(view: View) -> str:
    """`South Somerset District Council (ssdc)`, or the total's name."""
    return TOTAL_NAME if view.name is None else f"{view.name} ({view.id})"


def view_name(view: View) -> str:
    """The name alone, where space is short (a chart's panel)."""
    return TOTAL_NAME if view.name is None else view.name


def title_of(view_id: str, names: dict[str, str]) -> str:
    """`view_title` for a view known by its id and the option's partner names."""
    return TOTAL_NAME if view_id == "total" else f"{names.get(view_id, view_id)} ({view_id})"


BY_YEAR_ROWS = (
    ("savings", "Savings"),
    ("one_off_costs", "One-off costs"),
    ("net", "Net (cash)"),
    ("cumulative_net", "Cumulative net"),
    ("remaining_gap", "Remaining gap"),
)


def like_for_like_note(options: Sequence[OptionResult]) -> str | None:
    """A plain warning when options cover different years, so figures are not comparable."""
    spans = {(option.years[0], len(option.years)) for option in options}
    if len(spans) <= 1:
        return None
    described = "; ".join(
        f"{o.name}: {format_year(o.years[0])} to {format_year(o.years[-1])}" for o in options
    )
    return (
        "Not like for like: these options cover different years "
        f"({described}). Totals, NPV, payback and final-year figures are each over the "
        "option's own horizon."
    )
