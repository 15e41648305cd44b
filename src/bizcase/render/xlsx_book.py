"""The workbook's building blocks: cell and sheet addresses, sheet names Excel accepts, the
layout of an option sheet, and the cell formats, shared by the option sheets and the Summary.

XlsxWriter is an optional extra (`bizcase[xlsx]`) and is imported only when a workbook is
written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bizcase.model.units import printable
from bizcase.problems import MissingExtra
from bizcase.records import frozen
from bizcase.render.labels import FUNDING_ROWS, ROWS, funding_rows, rows_with
from bizcase.results.option import OptionResult, View

MONEY = "£#,##0.00;(£#,##0.00)"
SUMMARY = "Summary"
BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
RESERVED = {"history", SUMMARY.lower()}

# Rows of an option sheet (0-based).
HEAD_YEARS = 4
HEAD_FACTORS = 5
FIRST_BLOCK = 7
EXTRA_ROWS = (
    "NPV",
    "Benefit-cost ratio",
    "Payback year",
    "Payback period",
    "Gap closed in",
    "Coverage of final-year gap",
)


def sheet_rows(option: OptionResult) -> tuple[tuple[str, str], ...]:
    """The rows of each block on an option's sheet, the same for all its views: the
    optimism-bias row (by formula) where costs have uplifts, the risk-cost row (which
    net subtracts) where there is a register, and the funding block where any view has it."""
    present = {"optimism_bias"} if option.bias_items else set()
    if any(abs(x) >= 0.005 for x in option.total.series.get("risk_costs", ())):
        present.add("risk_costs")
    funding = {key for view in option.views for key, _ in funding_rows(view)}
    return (
        *rows_with(present),
        *(row for row in FUNDING_ROWS if row[0] in funding),
    )


def block_size(rows: Sequence[tuple[str, str]]) -> int:
    """A view's title, its rows, the figures under them, and a blank line."""
    return 1 + len(rows) + len(EXTRA_ROWS) + 1


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


def money_width(option: OptionResult) -> int:
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


@frozen
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


@frozen
class Cell:
    """Where a view's figures sit on its option's sheet, for the Summary's formulas."""

    sheet: str
    first_row: int
    years: int
    rows: tuple[str, ...] = tuple(key for key, _ in ROWS)

    def row(self, key: str) -> int:
        return self.first_row + 1 + self.rows.index(key)

    def extra(self, label: str) -> int:
        return self.first_row + 1 + len(self.rows) + EXTRA_ROWS.index(label)

    @property
    def last_col(self) -> int:
        return self.years

    @property
    def total_col(self) -> int:
        return self.years + 1


class Writer:
    """The workbook's cell formats, made once, and formulas written with or without their
    cached results (for programs that do not recalculate on load)."""

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
        self.ratio = add({"num_format": "0.00", "align": "right"})

    def formula(self, sheet: Any, row: int, col: int, text: str, fmt: Any, value: Any) -> None:
        sheet.write_formula(row, col, text, fmt, value if self.cached else "")
