"""Row labels, titles and notes every output format shares, so a table, a markdown file, a
workbook and a report name things alike. No rich here: formats that do not draw terminal
tables import this, not `tables`."""

from __future__ import annotations

from collections.abc import Collection, Sequence

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
"""The Green Book uplift, already counted in recurring and one-off costs."""
RISK_ROW = ("risk_costs", "Risk costs (expected value)")
"""The risk register: part of net, not of the net recurring saving."""
NON_CASHABLE_ROW = ("non_cashable_savings", "Non-cashable savings (not counted above)")
"""Savings that do not come off a budget: counted in the economic NPV only."""

HARMONISATION_ROW = ("council_tax_harmonisation", "of which council tax harmonisation")
"""Income gained (or forgone) by one Band D in a merger: already in income above."""

OPTIONAL_ROWS = (
    (HARMONISATION_ROW, "income"),
    (NON_CASHABLE_ROW, "savings"),
    (RISK_ROW, "one_off_costs"),
    (BIAS_ROW, "one_off_costs"),
)
"""Rows shown only where a scenario has them, each with the row it goes under (inserted in
this order, so the bias row ends up above the risk row)."""


def rows_with(present: Collection[str]) -> list[tuple[str, str]]:
    """ROWS with each optional row whose key is in `present`, under the row it belongs to."""
    rows = list(ROWS)
    for row, under in OPTIONAL_ROWS:
        if row[0] in present:
            rows.insert([key for key, _ in rows].index(under) + 1, row)
    return rows


def view_rows(view: View) -> list[tuple[str, str]]:
    """The rows of a view's year-by-year table: the optional rows it has figures for, and
    no gap rows where no gap is given."""
    present = {
        row[0]
        for row, _ in OPTIONAL_ROWS
        if any(abs(x) >= 0.005 for x in view.series.get(row[0], ()))
    }
    rows = [
        row
        for row in rows_with(present)
        if view.gap_status != "no_gap" or row[0] not in ("gap", "remaining_gap")
    ]
    return rows + funding_rows(view)


FUNDING_ROWS = (
    ("funded_from_reserves", "Funded from reserves"),
    ("funded_from_capital_receipts", "Funded from capital receipts"),
    ("funded_by_grant", "Funded by grant"),
    ("reserves", "Reserves, year end"),
)
"""How one-off costs are funded and the balance left: a block under the gap, where the
file says anything of funding."""


def funding_rows(view: View) -> list[tuple[str, str]]:
    """The funding block of a view: shown where the file says how one-off costs are
    funded; each source row only where it has figures, the balance where it is followed."""
    if not view.funding_stated:
        return []
    used = {
        key
        for key in ("funded_from_capital_receipts", "funded_by_grant")
        if any(abs(x) >= 0.005 for x in view.series[key])
    }
    return [
        row
        for row in FUNDING_ROWS
        if row[0] == "funded_from_reserves"
        or row[0] in used
        or (row[0] == "reserves" and view.reserves is not None)
    ]


SECTION_ENDS = ("net_recurring", "cumulative_net", "remaining_gap")
"""Rows a table draws a rule under (where another row follows)."""


NO_TOTAL = {"cumulative_net", "gap", "remaining_gap", "reserves"}
"""Running balances and levels: a sum over years would mean nothing."""


SUBTOTALS = {"net_recurring", "net"}


def npv_basis(option: OptionResult) -> str:
    """`3.50%`, or `3.50%, real terms (2016/17 prices)` where cash is deflated for NPV."""
    rate = option.discount_rate.label(len(option.years))
    if option.deflators is None or option.price_base is None:
        return rate
    return f"{rate}, real terms ({format_year(option.price_base)} prices)"


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
