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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bizcase.model.units import format_year, printable
from bizcase.problems import MissingExtra
from bizcase.render.labels import ROWS, view_title
from bizcase.render.markdown_out import NPV_NOTE
from bizcase.render.statements import (
    coverage_text,
    gap_closed_text,
    payback_text,
    sunk_costs_sentence,
)
from bizcase.render.xlsx_statements import gap_formulas, payback_formulas
from bizcase.results.metrics import COMPARISON, Unit
from bizcase.results.option import OptionResult, View

MONEY = "£#,##0.00;(£#,##0.00)"
FLOWS = ("savings", "income", "costs", "net_recurring", "one_off_costs", "net")
SUBTOTALS = ("net_recurring", "net")
SUMMARY = "Summary"
BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
RESERVED = {"history", SUMMARY.lower()}

# Rows of an option sheet (0-based).
HEAD_YEARS = 4
HEAD_FACTORS = 5
FIRST_BLOCK = 7
EXTRA_ROWS = (
    "NPV",
    "Payback year",
    "Payback period",
    "Gap closed in",
    "Coverage of final-year gap",
)
BLOCK = 1 + len(ROWS) + len(EXTRA_ROWS) + 1


def load_xlsxwriter() -> Any:
    """The xlsxwriter module, or exit status 2 with how to install it."""
    try:
        import xlsxwriter  # type: ignore[import-untyped]
    except ImportError:
        raise MissingExtra(
            "--format xlsx",
            "writing .xlsx needs the XlsxWriter library: from the bizcase folder, "
            "`.venv/bin/pip install '.[xlsx]'` (or `pip install XlsxWriter`)",
        ) from None
    return xlsxwriter


def column_name(col: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell(row: int, col: int) -> str:
    return f"{column_name(col)}{row + 1}"


def sheet_ref(sheet: str, row: int, col: int) -> str:
    quoted = sheet.replace("'", "''")
    return f"'{quoted}'!{cell(row, col)}"


def sheet_names(options: Sequence[OptionResult]) -> list[str]:
    """Unique sheet names from the options' names, as Excel allows them."""
    taken = set(RESERVED)
    names = []
    for number, option in enumerate(options, start=1):
        base = _sheet_safe(option.name, 31) or f"Option {number}"
        name, suffix = base, 2
        while name.lower() in taken:
            tail = f" ({suffix})"
            name = _sheet_safe(base, 31 - len(tail)) + tail
            suffix += 1
        taken.add(name.lower())
        names.append(name)
    return names


def _sheet_safe(text: str, length: int) -> str:
    """Excel's rules: no []:*?/\\ or control characters, at most 31 characters, no
    apostrophe at either end (checked after cutting, which can expose one)."""
    text = BAD_SHEET_CHARS.sub("_", printable(text))
    return text[:length].strip().strip("'").strip()


def _money_width(option: OptionResult) -> int:
    """Columns wide enough for the widest figure as shown (`(£2,500,000,000.00)`), so a
    spreadsheet never shows ### for a large amount."""
    widest = max(
        (
            abs(value)
            for view in option.views
            for series in view.series.values()
            for value in series
        ),
        default=0.0,
    )
    widest = max(
        widest,
        *(abs(view.npv) for view in option.views),
        *(abs(total) for view in option.views for total in view.totals.values()),
    )
    return max(15, len(f"(£{widest:,.2f})") + 2)


@dataclass(frozen=True)
class SheetView:
    """A partner's (or the total's) figures as written into a sheet: the engine's own."""

    view: View

    @property
    def id(self) -> str:
        return self.view.id

    @property
    def npv(self) -> float:
        return self.view.npv

    def pounds(self, key: str) -> list[float]:
        return self.view.series[key]


@dataclass(frozen=True)
class Cell:
    """Where a view's figures sit on its option's sheet, for the Summary's formulas."""

    sheet: str
    first_row: int
    years: int

    def row(self, key: str) -> int:
        return self.first_row + 1 + [k for k, _ in ROWS].index(key)

    def extra(self, label: str) -> int:
        return self.first_row + 1 + len(ROWS) + EXTRA_ROWS.index(label)

    @property
    def last_col(self) -> int:
        return self.years

    @property
    def total_col(self) -> int:
        return self.years + 1


class _Writer:
    def __init__(self, book: Any, cached: bool) -> None:
        self.book = book
        self.cached = cached
        add = book.add_format
        self.money = add({"num_format": MONEY})
        self.money_bold = add({"num_format": MONEY, "bold": True})
        self.factor = add({"num_format": "0.000000"})
        self.percent = add({"num_format": "0%", "align": "right"})
        self.percent_head = add({"num_format": "0.00%", "align": "left"})
        self.bold = add({"bold": True})
        self.title = add({"bold": True, "font_size": 14})
        self.head = add({"bold": True, "bottom": 1, "align": "right"})
        self.head_left = add({"bold": True, "bottom": 1})
        self.head_wrap = add({"bold": True, "bottom": 1, "align": "right", "text_wrap": True})
        self.right = add({"align": "right"})
        self.note = add({"italic": True, "font_color": "#595959"})
        self.years = add({"num_format": '0.0" years"', "align": "right"})

    def formula(self, sheet: Any, row: int, col: int, text: str, fmt: Any, value: Any) -> None:
        sheet.write_formula(row, col, text, fmt, value if self.cached else "")


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
    writer = _Writer(book, cached_values)
    summary = book.add_worksheet(SUMMARY)
    names = sheet_names(options)
    placed: list[dict[str, tuple[Cell, SheetView]]] = []
    for option, name in zip(options, names, strict=True):
        placed.append(_option_sheet(writer, book.add_worksheet(name), name, option))
    _summary_sheet(writer, summary, options, placed, _summary_views(options, view_ids), note)
    book.close()
    return buffer.getvalue()


def _summary_views(options: Sequence[OptionResult], view_ids: Sequence[str] | None) -> list[str]:
    if view_ids is not None:
        return list(view_ids)
    common = [
        pid for pid in options[0].partner_ids if all(pid in o.partner_ids for o in options[1:])
    ]
    return [*common, "total"]


def _option_sheet(
    w: _Writer, sheet: Any, name: str, option: OptionResult
) -> dict[str, tuple[Cell, SheetView]]:
    years = len(option.years)
    total_col = years + 1
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

    views = [SheetView(view) for view in (*option.partners, option.total)]
    where = {
        view.id: Cell(name, FIRST_BLOCK + number * BLOCK, years)
        for number, view in enumerate(views)
    }
    partner_cells = [where[view.id] for view in views[:-1]]
    for view in views:
        place = where[view.id]
        sources = partner_cells if view.id == "total" else None
        _view_block(w, sheet, place, view, option, sources)
    last = FIRST_BLOCK + len(views) * BLOCK
    sheet.write_string(last, 0, NPV_NOTE, w.note)
    sheet.write_string(
        last + 1,
        0,
        "Inputs are bizcase's figures unrounded, shown to the penny; everything else is a "
        "formula on them, so a total can differ by a penny from the sum of its parts as shown.",
        w.note,
    )
    sunk = sunk_costs_sentence(option)
    if sunk:
        sheet.write_string(last + 2, 0, sunk, w.note)
    labels = [view_title(v.view) for v in views] + [label for _, label in ROWS]
    sheet.set_column(0, 0, min(60, max(len(x) for x in [*labels, *EXTRA_ROWS]) + 2))
    sheet.set_column(1, total_col, _money_width(option))
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # one page wide, as many long as it takes
    sheet.freeze_panes(HEAD_YEARS + 1, 1)
    return {view.id: (where[view.id], view) for view in views}


def _view_block(
    w: _Writer,
    sheet: Any,
    place: Cell,
    view: SheetView,
    option: OptionResult,
    sources: list[Cell] | None,
) -> None:
    years = place.years
    top = place.first_row
    sheet.write_string(top, 0, view_title(view.view), w.bold)
    row = {key: place.row(key) for key, _ in ROWS}
    for key, label in ROWS:
        r = row[key]
        bold = key in SUBTOTALS
        sheet.write_string(r, 0, label, w.bold if bold else None)
        fmt = w.money_bold if bold else w.money
        values = view.pounds(key)
        for t in range(years):
            c = 1 + t

            def at(key: str, c: int = c) -> str:
                return cell(row[key], c)

            if key == "net_recurring":
                text = f"={at('savings')}+{at('income')}-{at('costs')}"
            elif key == "net":
                text = f"={at('net_recurring')}-{at('one_off_costs')}"
            elif key == "cumulative_net":
                before = f"{cell(r, c - 1)}+" if t else ""
                text = f"={before}{at('net')}"
            elif key == "remaining_gap":
                text = f"={at('gap')}-{at('net_recurring')}"
            elif sources is not None:
                text = "=SUM(" + ",".join(cell(s.row(key), c) for s in sources) + ")"
            else:
                sheet.write_number(r, c, values[t], fmt)
                continue
            w.formula(sheet, r, c, text, fmt, values[t])
        if key in FLOWS:
            span = f"{cell(r, 1)}:{cell(r, years)}"
            w.formula(sheet, r, place.total_col, f"=SUM({span})", fmt, math.fsum(view.pounds(key)))

    npv_row = place.extra("NPV")
    sheet.write_string(npv_row, 0, "NPV", w.bold)
    net = f"{cell(row['net'], 1)}:{cell(row['net'], years)}"
    factor_range = f"${column_name(1)}${HEAD_FACTORS + 1}:${column_name(years)}${HEAD_FACTORS + 1}"
    w.formula(sheet, npv_row, 1, f"=SUMPRODUCT({net},{factor_range})", w.money_bold, view.npv)

    _statement_rows(w, sheet, place, view, option, sources)


def _statement_rows(
    w: _Writer,
    sheet: Any,
    place: Cell,
    view: SheetView,
    option: OptionResult,
    sources: list[Cell] | None,
) -> None:
    """Payback year and period, gap closed and coverage as live formulas, cached with the
    engine's own words and figures."""
    years = place.years

    def span(key: str, at: Cell = place) -> str:
        return f"{cell(at.row(key), 1)}:{cell(at.row(key), years)}"

    labels = f"${column_name(1)}${HEAD_YEARS + 1}:${column_name(years)}${HEAD_YEARS + 1}"
    first, last = 2, years + 1  # the sheet column numbers of the first and last year
    payback_year, payback_period = payback_formulas(
        labels,
        span("one_off_costs"),
        span("net"),
        span("net_recurring"),
        span("cumulative_net"),
        cell(place.row("cumulative_net"), years),
        first,
    )
    gap_closed, coverage = gap_formulas(
        labels,
        span("gap"),
        span("remaining_gap"),
        cell(place.row("net_recurring"), years),
        cell(place.row("gap"), years),
        first,
        last,
        [span("gap", source) for source in sources] if sources else None,
    )
    result = view.view
    gap_p = view.pounds("gap")[-1]
    covered: Any = (
        coverage_text(result, option)
        if result.gap_status in ("no_gap", "partial") or abs(gap_p) <= 0.0001
        else view.pounds("net_recurring")[-1] / gap_p
    )
    if covered == "n/a (no gap)":
        covered = "n/a"
    rows = (
        ("Payback year", payback_year, w.right, payback_text(result)),
        (
            "Payback period",
            payback_period,
            w.years,
            result.payback_period if result.payback_period is not None else payback_text(result),
        ),
        ("Gap closed in", gap_closed, w.right, gap_closed_text(result, option)),
        ("Coverage of final-year gap", coverage, w.percent, covered),
    )
    for label, formula, fmt, cached in rows:
        sheet.write_string(place.extra(label), 0, label)
        w.formula(sheet, place.extra(label), 1, formula, fmt, cached)


def _summary_cells(
    place: Cell, view: SheetView, option: OptionResult
) -> list[tuple[int, int, Any, bool]]:
    """(row, column, cached value, is money) on the option sheet for each of COMPARISON."""
    last, total = place.last_col, place.total_col
    gap_p = view.pounds("gap")[-1]
    return [
        (place.row("savings"), last, view.pounds("savings")[-1], True),
        (place.row("net_recurring"), last, view.pounds("net_recurring")[-1], True),
        (place.row("one_off_costs"), total, view.view.totals["total_one_off_costs"], True),
        (place.row("net"), total, view.view.totals["total_net"], True),
        (place.extra("NPV"), 1, view.npv, True),
        (place.extra("Payback year"), 1, payback_text(view.view), False),
        (
            place.extra("Payback period"),
            1,
            view.view.payback_period
            if view.view.payback_period is not None
            else payback_text(view.view),
            False,
        ),
        (place.row("gap"), last, gap_p, True),
        (place.row("remaining_gap"), last, view.pounds("remaining_gap")[-1], True),
        (place.extra("Gap closed in"), 1, gap_closed_text(view.view, option), False),
        (
            place.extra("Coverage of final-year gap"),
            1,
            coverage_text(view.view, option)
            if view.view.gap_status in ("no_gap", "partial") or abs(gap_p) < 0.005
            else view.pounds("net_recurring")[-1] / gap_p,
            False,
        ),
    ]


def _summary_sheet(
    w: _Writer,
    sheet: Any,
    options: Sequence[OptionResult],
    placed: list[dict[str, tuple[Cell, SheetView]]],
    view_ids: Sequence[str],
    note: str | None,
) -> None:
    sheet.write_string(0, 0, "Options compared", w.title)
    sheet.write_string(1, 0, NPV_NOTE, w.note)
    if note:
        sheet.write_string(2, 0, f"Note: {note}", w.bold)
    head = 4
    sheet.write_string(head, 0, "", w.head_left)
    for col, option in enumerate(options, start=1):
        sheet.write_string(head, col, option.name, w.head_wrap)
        span = f"{format_year(option.years[0])} to {format_year(option.years[-1])}"
        sheet.write_string(head + 1, col, f"{option.kind}, {span}", w.right)
        width = max(16, min(40, len(option.name) + 2, len(span) + len(option.kind) + 4))
        sheet.set_column(col, col, max(width, _money_width(option)))
    sheet.write_string(head + 1, 0, "Kind and years")
    row = head + 3
    for view_id in view_ids:
        sheet.write_string(row, 0, view_title(options[0].view(view_id)), w.bold)
        for col, sheet_cells in enumerate(placed, start=1):
            place, view = sheet_cells[view_id]
            cells = _summary_cells(place, view, options[col - 1])
            for number, (r, c, value, is_money) in enumerate(cells):
                metric = COMPARISON[number]
                if is_money:
                    fmt = w.money_bold if metric.emphasis else w.money
                else:
                    fmt = {Unit.fraction: w.percent, Unit.years: w.years}.get(metric.unit, w.right)
                w.formula(
                    sheet, row + 1 + number, col, f"={sheet_ref(place.sheet, r, c)}", fmt, value
                )
        for number, metric in enumerate(COMPARISON):
            sheet.write_string(row + 1 + number, 0, metric.label)
        row += len(COMPARISON) + 2
    sheet.set_column(0, 0, max(len(m.label) for m in COMPARISON) + 4)
    sheet.freeze_panes(head + 2, 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 1)  # the comparison prints on one page
