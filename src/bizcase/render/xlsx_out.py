"""`run` and `compare` as an Excel workbook whose figures are live formulas officers can audit.

Layout:

- **Summary** (first sheet): options as columns, the `compare` metrics as rows, a block for
  each partner common to all the options and one for the total. Every figure is a formula
  pointing at the option's own sheet (`='Joint Authority'!F13`), so it follows any change
  made there.
- **One sheet per option** (named after it: at most 31 characters, without `[]:*?/\\`,
  made unique): a header block (name, kind, file, discount rate); the years as columns
  with a Total column; a row of discount factors (values); then a block per partner and
  one for the total, each with the rows of `bizcase run`:
  savings, income, recurring costs (values), net recurring saving (`=savings+income-costs`),
  one-off costs (value), net (`=net recurring-one-off`), cumulative net (running
  `=previous+net`), budget gap (value), remaining gap (`=gap-net recurring`); a Total
  (`=SUM`) for the flows; NPV (`=SUMPRODUCT` of the net row and the discount factors);
  payback year and gap-closed year (values, as the engine found them) and coverage
  (`=IF(gap=0,"n/a",net recurring/gap)` in the final year). In the total's block the inputs
  are `=SUM` of the partners' cells.

Inputs are the engine's figures unrounded, so every formula computes exactly what
`bizcase run --format json` reports; money is shown to the penny as
`£#,##0.00;(£#,##0.00)`, and the total's inputs are live sums of the partners' cells.

With `cached_values=True` each formula carries its computed result, so a program that does
not recalculate on load (LibreOffice by default) shows the right figures; with False the
results are left empty for the spreadsheet to compute. Excel recalculates either way.

XlsxWriter is an optional extra (`bizcase[xlsx]`) and is imported only when a workbook is
written.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from bizcase.model.units import format_year
from bizcase.render.labels import view_title
from bizcase.render.markdown_out import NPV_NOTE
from bizcase.render.statements import (
    sunk_costs_sentence,
)
from bizcase.render.xlsx_bias import bias_formulas, bias_table
from bizcase.render.xlsx_book import (
    EXTRA_ROWS,
    FIRST_BLOCK,
    HEAD_FACTORS,
    HEAD_YEARS,
    MONEY,
    RESERVED,
    SUMMARY,
    Cell,
    SheetView,
    Writer,
    block_size,
    cell,
    column_name,
    load_xlsxwriter,
    money_width,
    sheet_names,
    sheet_rows,
)
from bizcase.render.xlsx_figures import npv_row, statement_rows
from bizcase.render.xlsx_prices import (
    Formulas,
    indexed_table,
    present_factors,
    reserves_formula,
    write_price_rows,
)
from bizcase.render.xlsx_summary import Placed, summary_sheet, summary_views
from bizcase.results.option import OptionResult

__all__ = ["MONEY", "RESERVED", "column_name", "sheet_names", "workbook_bytes"]

FLOWS = (
    "savings",
    "income",
    "costs",
    "net_recurring",
    "one_off_costs",
    "optimism_bias",
    "risk_costs",
    "net",
    "funded_from_reserves",
    "funded_from_capital_receipts",
    "funded_by_grant",
)
SUBTOTALS = ("net_recurring", "net")
ROUNDING_NOTE = (
    "Inputs are bizcase's figures unrounded, shown to the penny; everything else is a "
    "formula on them, so a total can differ by a penny from the sum of its parts as shown."
)


def workbook_bytes(
    options: Sequence[OptionResult],
    cached_values: bool = True,
    view_ids: Sequence[str] | None = None,
    note: str | None = None,
) -> bytes:
    """The workbook as bytes. `view_ids` chooses the Summary's blocks (default: each partner
    common to all the options, then the total); `note` (such as the like-for-like warning)
    is shown at the top of the Summary."""
    xlsxwriter = load_xlsxwriter()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    writer = Writer(book, cached_values)
    summary = book.add_worksheet(SUMMARY)
    names = sheet_names(options)
    placed: list[Placed] = []
    for option, name in zip(options, names, strict=True):
        placed.append(_option_sheet(writer, book.add_worksheet(name), name, option))
    summary_sheet(writer, summary, options, placed, summary_views(options, view_ids), note)
    book.close()
    return buffer.getvalue()


def _option_sheet(w: Writer, sheet: Any, name: str, option: OptionResult) -> Placed:
    """An option's sheet: header, a block per partner and the total, notes; where each is."""
    years = len(option.years)
    _sheet_header(w, sheet, option)
    prices = write_price_rows(w, sheet, option)
    first = FIRST_BLOCK + len(prices)
    views = [SheetView(view) for view in (*option.partners, option.total)]
    rows = sheet_rows(option)
    keys, size = tuple(key for key, _ in rows), block_size(rows)
    where = {
        view.id: Cell(name, first + number * size, years, keys) for number, view in enumerate(views)
    }
    partner_cells = [where[view.id] for view in views[:-1]]
    notes = first + len(views) * size
    # Where councils change shape, shares move year by year: the by-formula tables (a
    # share per partner) and the total as the sum of its partners do not hold; values do.
    fixed_shape = option.exists is None
    formulas: Formulas = (
        {
            (view_id, "optimism_bias"): cells
            for view_id, cells in bias_formulas(option, notes + 4).items()
        }
        if fixed_shape
        else {}
    )
    indexed_at = notes + 4 + (3 + 2 * len(option.bias_items) + 1 if option.bias_items else 0)
    if option.indexed_items and fixed_shape:
        formulas |= indexed_table(w, sheet, indexed_at, option, prices)
    factors = present_factors(option, prices)
    for view in views:
        place = where[view.id]
        sources = partner_cells if view.id == "total" and fixed_shape else None
        _view_block(w, sheet, place, view, option, sources, formulas, factors)
    _sheet_notes(w, sheet, notes, option)
    if option.bias_items and fixed_shape:
        bias_table(w, sheet, notes + 4, option)
    _sheet_layout(sheet, option, views)
    return {view.id: (where[view.id], view) for view in views}


def _sheet_header(w: Writer, sheet: Any, option: OptionResult) -> None:
    """Name, kind, file and discount rate, then the years and their discount factors."""
    total_col = len(option.years) + 1
    sheet.write_string(0, 0, option.name, w.title)
    sheet.write_string(1, 0, "Kind", w.bold)
    sheet.write_string(1, 1, option.kind)
    sheet.write_string(2, 0, "File", w.bold)
    sheet.write_string(2, 1, option.file)
    sheet.write_string(3, 0, "Discount rate", w.bold)
    flat = option.discount_rate.flat_rate
    if flat is None:
        sheet.write_string(3, 1, option.discount_rate.label(len(option.years)))
    else:
        sheet.write_number(3, 1, flat, w.percent_head)
    sheet.write_string(HEAD_YEARS, 0, "£", w.head_left)
    for t, year in enumerate(option.years):
        sheet.write_string(HEAD_YEARS, 1 + t, format_year(year), w.head)
        sheet.write_number(HEAD_FACTORS, 1 + t, option.discount_factors[t], w.factor)
    sheet.write_string(HEAD_YEARS, total_col, "Total", w.head)
    sheet.write_string(HEAD_FACTORS, 0, "Discount factor")


def _sheet_notes(w: Writer, sheet: Any, last: int, option: OptionResult) -> None:
    """Under the blocks: what NPV means, why pennies can differ, and any sunk costs left out."""
    sheet.write_string(last, 0, NPV_NOTE, w.note)
    sheet.write_string(last + 1, 0, ROUNDING_NOTE, w.note)
    sunk = sunk_costs_sentence(option)
    if sunk:
        sheet.write_string(last + 2, 0, sunk, w.note)


def _sheet_layout(sheet: Any, option: OptionResult, views: Sequence[SheetView]) -> None:
    """Columns wide enough for labels and figures, landscape one page wide, headers frozen."""
    total_col = len(option.years) + 1
    labels = [view_title(v.view) for v in views] + [label for _, label in sheet_rows(option)]
    sheet.set_column(0, 0, min(60, max(len(x) for x in [*labels, *EXTRA_ROWS]) + 2))
    sheet.set_column(1, total_col, money_width(option))
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # one page wide, as many long as it takes
    sheet.freeze_panes(HEAD_YEARS + 1, 1)


def _view_block(
    w: Writer,
    sheet: Any,
    place: Cell,
    view: SheetView,
    option: OptionResult,
    sources: list[Cell] | None,
    formulas: Formulas,
    factors: str,
) -> None:
    """A view's rows: inputs as values (or sums of the partners'), the rest as formulas;
    the optimism bias and indexed amounts from the tables under the notes."""
    years = place.years
    sheet.write_string(place.first_row, 0, view_title(view.view), w.bold)
    rows = sheet_rows(option)
    row = {key: place.row(key) for key, _ in rows}
    for key, label in rows:
        r = row[key]
        bold = key in SUBTOTALS
        sheet.write_string(r, 0, label, w.bold if bold else None)
        fmt = w.money_bold if bold else w.money
        if key == "reserves":
            _reserves_row(w, sheet, view, row, by_formula=option.exists is None)
            continue
        values = view.pounds(key)
        given = formulas.get((view.id, key))
        for t in range(years):
            text = _year_formula(key, row, 1 + t, sources) if given is None else given[t]
            if text is None:
                sheet.write_number(r, 1 + t, values[t], fmt)
            else:
                w.formula(sheet, r, 1 + t, text, fmt, values[t])
        if key in FLOWS:
            span = f"{cell(r, 1)}:{cell(r, years)}"
            w.formula(sheet, r, place.total_col, f"=SUM({span})", fmt, math.fsum(view.pounds(key)))
    npv_row(w, sheet, place, view, row, factors)
    statement_rows(w, sheet, place, view, option, sources)


def _reserves_row(
    w: Writer, sheet: Any, view: SheetView, row: dict[str, int], by_formula: bool
) -> None:
    """The year-end balance by formula (as values where councils change shape: a
    successor's balance starts from its predecessors'), or a note where the view's balance
    is not followed."""
    balances = view.view.reserves
    if balances is None:
        sheet.write_string(row["reserves"], 1, "no reserves given", w.note)
        return
    for t, balance in enumerate(balances):
        if not by_formula:
            sheet.write_number(row["reserves"], 1 + t, balance, w.money)
            continue
        text = reserves_formula(view.view, row, 1 + t)
        assert text is not None
        w.formula(sheet, row["reserves"], 1 + t, text, w.money, balance)


def _year_formula(key: str, row: dict[str, int], c: int, sources: list[Cell] | None) -> str | None:
    """The formula for row `key` in sheet column `c`, or None where the figure is an input."""

    def at(key: str) -> str:
        return cell(row[key], c)

    if key == "net_recurring":
        return f"={at('savings')}+{at('income')}-{at('costs')}"
    if key == "net":
        risks = f"-{at('risk_costs')}" if "risk_costs" in row else ""
        return f"={at('net_recurring')}-{at('one_off_costs')}{risks}"
    if key == "cumulative_net":
        before = f"{cell(row[key], c - 1)}+" if c > 1 else ""
        return f"={before}{at('net')}"
    if key == "remaining_gap":
        return f"={at('gap')}-{at('net_recurring')}"
    if sources is not None:
        return "=SUM(" + ",".join(cell(s.row(key), c) for s in sources) + ")"
    return None
