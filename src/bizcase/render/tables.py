"""Terminal tables (rich) for `run` and `compare`.

Colour only ever repeats what the text says (negatives are also in brackets), so tables
read the same with NO_COLOR, in a pipe or on paper.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bizcase.model.units import printable
from bizcase.problems import InputError, Problem
from bizcase.render.money import format_money, format_year
from bizcase.render.statements import (
    NO_GAP,
    coverage_text,
    gap_closed_text,
    judges_gap,
    payback_period_text,
    payback_text,
    shown_views,
    sunk_costs_sentence,
)
from bizcase.results.option import OptionResult, View

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
NO_TOTAL = {"cumulative_net", "gap", "remaining_gap"}
"""Running balances and levels: a sum over years would mean nothing."""
SUBTOTALS = {"net_recurring", "net"}


def money_cell(amount: float, bold: bool = False) -> Text:
    style = "red" if amount <= -0.5 else ""
    return Text(format_money(amount), style=f"{style} bold".strip() if bold else style)


def discount_label(rate: float | str) -> str:
    if rate == "green_book":
        return "Green Book schedule (3.5%, 3.0% from year 31)"
    assert isinstance(rate, float)
    return f"{rate:.2%}".replace(".00%", "%")


def option_heading(option: OptionResult) -> Text:
    span = f"{format_year(option.years[0])} to {format_year(option.years[-1])}"
    heading = Text(option.name, style="bold")
    file = printable(option.file)
    heading.append(f"  ({option.kind}, {len(option.years)} years {span}, {file})", style="dim")
    return heading


def view_title(view: View) -> str:
    return "Total, all partners" if view.name is None else f"{view.name} ({view.id})"


def run_view_table(option: OptionResult, view: View) -> Table:
    """One partner's (or the total's) figures year by year, with totals over the horizon."""
    table = Table(
        title=view_title(view), title_justify="left", title_style="bold", header_style="bold"
    )
    table.add_column("£", no_wrap=True)
    for year in option.years:
        table.add_column(format_year(year), justify="right", no_wrap=True)
    table.add_column("Total", justify="right", no_wrap=True)
    for key, label in ROWS:
        if key in ("gap", "remaining_gap") and view.gap_status == "no_gap":
            continue  # no gap given: no remaining gap, and no "surplus", to show
        bold = key in SUBTOTALS
        cells = [money_cell(x, bold) for x in view.series[key]]
        total = Text("") if key in NO_TOTAL else money_cell(math.fsum(view.series[key]), bold)
        table.add_row(
            Text(label, style="bold" if bold else ""),
            *cells,
            total,
            end_section=key in ("net_recurring", "cumulative_net"),
        )
    return table


def view_summary(option: OptionResult, view: View) -> Text:
    payback = payback_text(view)
    if view.payback_period is not None:
        payback += f" ({payback_period_text(view)})"
    text = Text.assemble(
        ("NPV ", "bold"),
        format_money(view.npv),
        f" at {discount_label(option.discount_rate)}   ",
        ("Payback ", "bold"),
        payback,
        "   ",
        ("Gap closed ", "bold"),
        gap_closed_text(view, option),
    )
    if judges_gap(view):
        text.append_text(Text.assemble("   ", ("Coverage ", "bold"), coverage_text(view, option)))
    return text


def run_report(option: OptionResult) -> Group:
    parts: list[RenderableType] = [option_heading(option)]
    if option.description:
        parts.append(Text(option.description.strip(), style="italic"))
    for view in shown_views(option):
        parts += [Text(""), run_view_table(option, view), view_summary(option, view)]
    parts.append(Text(""))
    sunk = sunk_costs_sentence(option)
    if sunk:
        parts.append(Text(sunk))
    parts.append(
        Text(
            "NPV discounts from the second year on; Excel's NPV() also discounts the "
            "first, so its figure is this one divided by (1 + rate).",
            style="dim",
        )
    )
    return Group(*parts)


COMPARE_ROWS = (
    "Savings, final year",
    "Net recurring saving, final year",
    "One-off costs, total",
    "Net over the horizon",
    "NPV",
    "Payback year",
    "Payback period",
    "Budget gap, final year",
    "Remaining gap, final year",
    "Gap closed in",
    "Coverage of final-year gap",
)


def compare_cells(option: OptionResult, view: View) -> list[Text]:
    return [
        money_cell(view.last("savings")),
        money_cell(view.last("net_recurring")),
        money_cell(view.totals["total_one_off_costs"]),
        money_cell(view.totals["total_net"]),
        money_cell(view.npv, bold=True),
        Text(payback_text(view)),
        Text(payback_period_text(view)),
        money_cell(view.last("gap")) if view.gap_status != "no_gap" else Text(NO_GAP),
        money_cell(view.last("remaining_gap"), bold=True) if judges_gap(view) else Text("-"),
        Text(gap_closed_text(view, option)),
        Text(coverage_text(view, option)),
    ]


def option_column(option: OptionResult) -> str:
    return (
        f"{option.name}\n{option.kind.replace('_', ' ')}, {format_year(option.years[0])}"
        f" to {format_year(option.years[-1])}"
    )


def compare_table(options: Sequence[OptionResult], view_id: str) -> Table:
    """Metrics as rows, options as columns, for one partner or the total."""
    first = options[0].view(view_id)
    table = Table(
        title=view_title(first), title_justify="left", title_style="bold", header_style="bold"
    )
    table.add_column("", no_wrap=True)
    for option in options:
        table.add_column(option_column(option), justify="right", no_wrap=True)
    columns = [compare_cells(option, option.view(view_id)) for option in options]
    for row, label in enumerate(COMPARE_ROWS):
        table.add_row(label, *[cells[row] for cells in columns])
    return table


BY_YEAR_ROWS = (
    ("savings", "Savings"),
    ("one_off_costs", "One-off costs"),
    ("net", "Net (cash)"),
    ("cumulative_net", "Cumulative net"),
    ("remaining_gap", "Remaining gap"),
)


def compare_by_year_table(options: Sequence[OptionResult], view_id: str) -> Table:
    """The same options year by year; years an option does not cover are left blank."""
    years = sorted({year for option in options for year in option.years})
    table = Table(
        title=f"{view_title(options[0].view(view_id))}, year by year",
        title_justify="left",
        title_style="bold",
        header_style="bold",
    )
    table.add_column("Option", no_wrap=True)
    table.add_column("", no_wrap=True)
    for year in years:
        table.add_column(format_year(year), justify="right", no_wrap=True)
    for number, option in enumerate(options):
        view = option.view(view_id)
        for row, (key, label) in enumerate(BY_YEAR_ROWS):
            by_year = dict(zip(option.years, view.series[key], strict=True))
            cells = [money_cell(by_year[y]) if y in by_year else Text("") for y in years]
            table.add_row(
                option.name if row == 0 else "",
                label,
                *cells,
                end_section=row == len(BY_YEAR_ROWS) - 1 and number < len(options) - 1,
            )
    return table


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


def views_to_compare(options: Sequence[OptionResult], partner: str | None) -> list[str]:
    """`--partner`, else every partner common to all the options, else the total."""
    if partner is not None:
        problems = [
            Problem(
                printable(option.file),
                f"--partner {partner}: not a partner of this option "
                f"(partners: {', '.join(option.partner_ids)})",
            )
            for option in options
            if partner != "total" and partner not in option.partner_ids
        ]
        if problems:
            raise InputError(problems)
        return [partner]
    common = [
        pid
        for pid in options[0].partner_ids
        if all(pid in option.partner_ids for option in options[1:])
    ]
    return common or ["total"]
