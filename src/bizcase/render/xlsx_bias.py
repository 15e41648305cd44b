"""Optimism bias in a workbook, by formula: each cost's amount before its uplift and the
uplift (as inputs), the uplift in pounds as before x uplift, and each view's
"of which optimism bias" row as the sum of those (a partner's weighted by its shares)."""

from __future__ import annotations

from typing import Any

from bizcase.render.xlsx_book import Writer, cell
from bizcase.results.option import OptionResult

BiasFormulas = dict[str, list[str]]
"""For each view id, the formula of its optimism-bias cell in each year."""


def bias_formulas(option: OptionResult, first_row: int) -> BiasFormulas:
    """Where the table written by `bias_table` from `first_row` puts each figure."""
    n, years = len(option.bias_items), len(option.years)
    first_uplift = first_row + 3 + n
    last_uplift = first_uplift + n - 1
    share_col = years + 2
    found: BiasFormulas = {}
    for t in range(years):
        span = f"{cell(first_uplift, 1 + t)}:{cell(last_uplift, 1 + t)}"
        found.setdefault("total", []).append(f"=SUM({span})")
        for p, view in enumerate(option.partners):
            shares = f"{cell(first_uplift, share_col + p)}:{cell(last_uplift, share_col + p)}"
            found.setdefault(view.id, []).append(f"=SUMPRODUCT({span},{shares})")
    return found


def bias_table(w: Writer, sheet: Any, first_row: int, option: OptionResult) -> None:
    """The costs with optimism bias: before the uplift and the uplift's rate (inputs), then
    the uplift in pounds by formula, with each partner's share beside it."""
    items, years = option.bias_items, len(option.years)
    rate_col, share_col = years + 1, years + 2
    sheet.write_string(first_row, 0, "Optimism bias (HM Treasury Green Book)", w.bold)
    sheet.write_string(first_row + 1, 0, "Before the uplift", w.head_left)
    sheet.write_string(first_row + 1, rate_col, "Uplift", w.head)
    for i, item in enumerate(items):
        r = first_row + 2 + i
        sheet.write_string(r, 0, item.label)
        for t, amount in enumerate(item.before):
            sheet.write_number(r, 1 + t, amount, w.money)
        sheet.write_number(r, rate_col, item.uplift, w.percent_head)
        sheet.write_string(r, rate_col + 1, item.derivation, w.note)
    head = first_row + 2 + len(items)
    sheet.write_string(head, 0, "Uplift (before x uplift)", w.head_left)
    for p, view in enumerate(option.partners):
        sheet.write_string(head, share_col + p, f"Share: {view.id}", w.head)
    for i, item in enumerate(items):
        r, source = head + 1 + i, first_row + 2 + i
        sheet.write_string(r, 0, item.label)
        for t in range(years):
            cached = item.before[t] * item.uplift
            formula = f"={cell(source, 1 + t)}*{_absolute(source, rate_col)}"
            w.formula(sheet, r, 1 + t, formula, w.money, cached)
        for p, share in enumerate(item.shares):
            sheet.write_number(r, share_col + p, share, w.percent_head)


def _absolute(row: int, col: int) -> str:
    """`$H$12`: a reference that stays put when the formula is copied."""
    text = cell(row, col)
    letters = "".join(ch for ch in text if ch.isalpha())
    return f"${letters}${text[len(letters) :]}"
