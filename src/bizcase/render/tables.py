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
from bizcase.render.labels import (
    BY_YEAR_ROWS,
    NO_TOTAL,
    SECTION_ENDS,
    SUBTOTALS,
    npv_basis,
    view_rows,
    view_title,
)
from bizcase.render.money import format_money, format_year
from bizcase.render.statements import (
    bcr_text,
    coverage_text,
    further_sentences,
    gap_closed_text,
    headline_text,
    is_figure,
    judges_gap,
    payback_period_text,
    payback_text,
    referendum_sentences,
    shown_views,
    sunk_costs_sentence,
)
from bizcase.results.metrics import Metric, compared
from bizcase.results.option import OptionResult, View


def money_cell(amount: float, bold: bool = False) -> Text:
    style = "red" if amount <= -0.5 else ""
    return Text(format_money(amount), style=f"{style} bold".strip() if bold else style)


def option_heading(option: OptionResult) -> Text:
    span = f"{format_year(option.years[0])} to {format_year(option.years[-1])}"
    heading = Text(option.name, style="bold")
    file = printable(option.file)
    heading.append(f"  ({option.kind}, {len(option.years)} years {span}, {file})", style="dim")
    return heading


def run_view_table(option: OptionResult, view: View) -> Table:
    """One partner's (or the total's) figures year by year, with totals over the horizon."""
    table = Table(
        title=view_title(view), title_justify="left", title_style="bold", header_style="bold"
    )
    table.add_column("£", no_wrap=True)
    for year in option.years:
        table.add_column(format_year(year), justify="right", no_wrap=True)
    table.add_column("Total", justify="right", no_wrap=True)
    rows = view_rows(view)
    for number, (key, label) in enumerate(rows, start=1):
        bold = key in SUBTOTALS
        cells = [money_cell(x, bold) for x in view.series[key]]
        total = Text("") if key in NO_TOTAL else money_cell(math.fsum(view.series[key]), bold)
        table.add_row(
            Text(label, style="bold" if bold else ""),
            *cells,
            total,
            end_section=key in SECTION_ENDS and number < len(rows),
        )
    return table


def view_summary(option: OptionResult, view: View) -> Text:
    payback = payback_text(view)
    if view.payback_period is not None:
        payback += f" ({payback_period_text(view)})"
    text = Text.assemble(
        ("NPV ", "bold"),
        format_money(view.npv),
        f" at {npv_basis(option)}   ",
        ("BCR ", "bold"),
        bcr_text(view),
        "   ",
        ("Payback ", "bold"),
        payback,
        "   ",
        ("Gap closed ", "bold"),
        gap_closed_text(view, option),
    )
    if judges_gap(view):
        text.append_text(Text.assemble("   ", ("Coverage ", "bold"), coverage_text(view, option)))
    for sentence in further_sentences(view, option):
        text.append(f"\n{sentence}")
    return text


def run_report(option: OptionResult, views: Sequence[View] | None = None) -> Group:
    """The option in full: each of `views` (default: every view a reader needs) year by
    year, with its summary."""
    parts: list[RenderableType] = [option_heading(option)]
    if option.description:
        parts.append(Text(option.description.strip(), style="italic"))
    parts += [Text(note) for note in option.shape_notes]
    parts += [Text(line, style="bold") for line in referendum_sentences(option)]
    for view in shown_views(option) if views is None else views:
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


def compare_cells(option: OptionResult, view: View, metrics: Sequence[Metric]) -> list[Text]:
    """The comparison's cells for one option, in the order of `metrics`."""
    cells = []
    for metric in metrics:
        if is_figure(metric, view):
            assert metric.read is not None
            cells.append(money_cell(float(metric.read(view) or 0.0), metric.emphasis))
        else:
            cells.append(Text(headline_text(metric, view, option)))
    return cells


def option_column(option: OptionResult) -> str:
    return (
        f"{option.name}\n{option.kind.replace('_', ' ')}, {format_year(option.years[0])}"
        f" to {format_year(option.years[-1])}"
    )


def compare_table(
    options: Sequence[OptionResult], view_id: str, baseline: int | None = None
) -> Table:
    """Metrics as rows, options as columns, for one partner or the total; with a
    `baseline` (its place), each other option is followed by its difference from it."""
    first = options[0].view(view_id)
    table = Table(
        title=view_title(first), title_justify="left", title_style="bold", header_style="bold"
    )
    table.add_column("", no_wrap=True)
    metrics = compared([option.view(view_id) for option in options])
    columns: list[list[Text]] = []
    for place, option in enumerate(options):
        table.add_column(option_column(option), justify="right", no_wrap=True)
        columns.append(compare_cells(option, option.view(view_id), metrics))
        if baseline is not None and place != baseline:
            from bizcase.render.baseline import change_text, heading
            from bizcase.results.baseline import difference

            table.add_column(heading(options[baseline].name), justify="right", no_wrap=True)
            base = options[baseline].view(view_id)
            columns.append(
                [
                    Text(change_text(m, difference(m, option.view(view_id), base)), style="dim")
                    for m in metrics
                ]
            )
    for row, metric in enumerate(metrics):
        table.add_row(metric.label, *[cells[row] for cells in columns])
    return table


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


def compare_tables(
    options: Sequence[OptionResult],
    view_ids: Sequence[str],
    note: str | None,
    by_year: bool,
    baseline: int | None = None,
) -> list[RenderableType]:
    """`compare` for people: a note where options are not like for like, one table per
    view (and its year-by-year table), and each option's sunk costs."""
    out: list[RenderableType] = []
    if note:
        out.append(Text(f"Note: {note}", style="bold yellow"))
    if baseline is not None:
        from bizcase.render.baseline import baseline_note

        out.append(Text(baseline_note(options[baseline].name), style="dim"))
    for view_id in view_ids:
        out.append(compare_table(options, view_id, baseline))
        if by_year:
            out.append(compare_by_year_table(options, view_id))
    for option in options:
        sunk = sunk_costs_sentence(option)
        if sunk:
            out.append(Text(f"{option.name}: {sunk}"))
    return out
