"""The workbook's Summary sheet: options as columns, the `compare` metrics as rows, a block
per view. Every figure is a formula pointing at the option's own sheet, so the comparison
follows any change made there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bizcase.model.units import format_year
from bizcase.render.labels import view_title
from bizcase.render.markdown_out import NPV_NOTE
from bizcase.render.statements import (
    bcr_text,
    coverage_text,
    gap_closed_text,
    headline_text,
    payback_text,
)
from bizcase.render.xlsx_book import Cell, SheetView, Writer, cell, money_width, sheet_ref
from bizcase.results.metrics import COMPARISON, Metric, Unit, compared
from bizcase.results.option import OptionResult

ROWS = tuple(metric for metric in COMPARISON if not metric.optional)
"""The figures every option has; `summary_rows` adds the optional ones some view has."""


def summary_rows(options: Sequence[OptionResult], view_ids: Sequence[str]) -> tuple[Metric, ...]:
    """The comparison's rows for these views, as `compare` shows them."""
    views = [option.view(v) for option in options for v in view_ids if _has(option, v)]
    return compared(views)


def _has(option: OptionResult, view_id: str) -> bool:
    return view_id == "total" or view_id in option.partner_ids


Placed = dict[str, tuple[Cell, SheetView]]
"""Each view's place on an option sheet, by view id."""

SUMMARY_HEAD = 4
"""The Summary's header row (0-based): options' names, then their kind and years."""


def summary_views(options: Sequence[OptionResult], view_ids: Sequence[str] | None) -> list[str]:
    """The views asked for, or each partner common to all the options and then the total."""
    if view_ids is not None:
        return list(view_ids)
    common = [
        pid for pid in options[0].partner_ids if all(pid in o.partner_ids for o in options[1:])
    ]
    return [*common, "total"]


def summary_sheet(
    w: Writer,
    sheet: Any,
    options: Sequence[OptionResult],
    placed: list[Placed],
    view_ids: Sequence[str],
    note: str | None,
) -> None:
    """Fill the Summary: a header per option, then one block of metrics per view."""
    _summary_head(w, sheet, options, note)
    row = SUMMARY_HEAD + 3
    rows = summary_rows(options, view_ids)
    for view_id in view_ids:
        _summary_block(w, sheet, row, view_id, options, placed, rows)
        row += len(rows) + 2
    sheet.set_column(0, 0, max(len(m.label) for m in rows) + 4)
    sheet.freeze_panes(SUMMARY_HEAD + 2, 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 1)  # the comparison prints on one page


def _summary_head(w: Writer, sheet: Any, options: Sequence[OptionResult], note: str | None) -> None:
    """Title, notes and a column per option headed by its name, kind and years."""
    head = SUMMARY_HEAD
    sheet.write_string(0, 0, "Options compared", w.title)
    sheet.write_string(1, 0, NPV_NOTE, w.note)
    if note:
        sheet.write_string(2, 0, f"Note: {note}", w.bold)
    sheet.write_string(head, 0, "", w.head_left)
    for col, option in enumerate(options, start=1):
        sheet.write_string(head, col, option.name, w.head_wrap)
        span = f"{format_year(option.years[0])} to {format_year(option.years[-1])}"
        sheet.write_string(head + 1, col, f"{option.kind}, {span}", w.right)
        width = max(16, min(40, len(option.name) + 2, len(span) + len(option.kind) + 4))
        sheet.set_column(col, col, max(width, money_width(option)))
    sheet.write_string(head + 1, 0, "Kind and years")


def _summary_block(
    w: Writer,
    sheet: Any,
    row: int,
    view_id: str,
    options: Sequence[OptionResult],
    placed: list[Placed],
    rows: Sequence[Metric] = ROWS,
) -> None:
    """One view's metrics from `row`: each a formula on the option's sheet, cached (or
    the engine's figure, for one the sheet has no cell for)."""
    sheet.write_string(row, 0, view_title(options[0].view(view_id)), w.bold)
    for col, sheet_cells in enumerate(placed, start=1):
        place, view = sheet_cells[view_id]
        option = options[col - 1]
        cells = _summary_cells(place, view, option)
        for number, metric in enumerate(rows):
            r = row + 1 + number
            if metric.name not in cells:
                _figure(w, sheet, r, col, metric, view, option, place)
                continue
            at_row, at_col, value, is_money = cells[metric.name]
            if is_money:
                fmt = w.money_bold if metric.emphasis else w.money
            else:
                units = {Unit.fraction: w.percent, Unit.years: w.years, Unit.ratio: w.ratio}
                fmt = units.get(metric.unit, w.right)
            formula = f"={sheet_ref(place.sheet, at_row, at_col)}"
            w.formula(sheet, r, col, formula, fmt, value)
    for number, metric in enumerate(rows):
        sheet.write_string(row + 1 + number, 0, metric.label)


def _figure(
    w: Writer,
    sheet: Any,
    row: int,
    col: int,
    metric: Metric,
    view: SheetView,
    option: OptionResult,
    place: Cell,
) -> None:
    """An optional figure: the lowest reserves as MIN of the sheet's reserves row, others
    (economic NPV, lower-rate NPV, the year of a breach) as the engine gives them."""
    result = view.view
    if metric.name == "reserves_lowest" and result.reserves_lowest is not None:
        at = place.row("reserves")
        span = f"{sheet_ref(place.sheet, at, 1)}:{cell(at, place.last_col)}"
        w.formula(sheet, row, col, f"=MIN({span})", w.money, result.reserves_lowest)
        return
    assert metric.read is not None
    value = metric.read(result)
    if metric.unit is Unit.money and isinstance(value, float):
        sheet.write_number(row, col, value, w.money)
    else:
        sheet.write_string(row, col, headline_text(metric, result, option), w.right)


def _summary_cells(
    place: Cell, view: SheetView, option: OptionResult
) -> dict[str, tuple[int, int, Any, bool]]:
    """For each metric of ROWS, by name: (row, column, cached value, is money) of the
    cell on the option sheet that holds it."""
    last, total = place.last_col, place.total_col
    gap_p = view.pounds("gap")[-1]
    result = view.view
    period = result.payback_period
    coverage = (
        coverage_text(result, option)
        if result.gap_status in ("no_gap", "partial") or abs(gap_p) < 0.005
        else view.pounds("net_recurring")[-1] / gap_p
    )
    return {
        "savings": (place.row("savings"), last, view.pounds("savings")[-1], True),
        "net_recurring": (place.row("net_recurring"), last, view.pounds("net_recurring")[-1], True),
        "total_one_off_costs": (
            place.row("one_off_costs"),
            total,
            result.totals["total_one_off_costs"],
            True,
        ),
        "total_net": (place.row("net"), total, result.totals["total_net"], True),
        "npv": (place.extra("NPV"), 1, view.npv, True),
        "bcr": (
            place.extra("Benefit-cost ratio"),
            1,
            bcr_text(result) if result.bcr is None else result.bcr,
            False,
        ),
        "payback_year": (place.extra("Payback year"), 1, payback_text(result), False),
        "payback_period": (
            place.extra("Payback period"),
            1,
            period if period is not None else payback_text(result),
            False,
        ),
        "gap": (place.row("gap"), last, gap_p, True),
        "remaining_gap": (place.row("remaining_gap"), last, view.pounds("remaining_gap")[-1], True),
        "gap_closed_year": (
            place.extra("Gap closed in"),
            1,
            gap_closed_text(result, option),
            False,
        ),
        "coverage": (place.extra("Coverage of final-year gap"), 1, coverage, False),
    }
