"""Prices and reserves in a workbook, by formula.

- The header carries the GDP deflator and each price index by year (inputs); NPV divides the
  net by the deflator before discounting.
- A table under the notes lists each item that grows with an index: its amounts in
  base-year prices (inputs), and its cash amounts as base x the index row (formulas), with
  each partner's share beside them. A partner's cell of that item's series is then the rest
  of the series (a number) plus the SUMPRODUCT of the cash amounts and its shares.
- The reserves row runs from the opening balance: previous - funded from reserves -
  remaining gap.
"""

from __future__ import annotations

from typing import Any

from bizcase.render.xlsx_book import HEAD_FACTORS, Writer, cell, column_name
from bizcase.results.option import OptionResult, View

Formulas = dict[tuple[str, str], list[str]]
"""For each (view id, series), the formula of its cell in each year."""


def price_rows(option: OptionResult) -> list[tuple[str, list[float]]]:
    """The header's rows under the discount factors: the deflator, then each index."""
    rows = [] if option.deflators is None else [("GDP deflator", option.deflators)]
    rows += [(f"Index: {name}", factors) for name, factors in option.index_factors.items()]
    return rows


def write_price_rows(w: Writer, sheet: Any, option: OptionResult) -> dict[str, int]:
    """The price rows in the header; where each is (by label)."""
    where = {}
    for number, (label, factors) in enumerate(price_rows(option), start=1):
        row = HEAD_FACTORS + number
        sheet.write_string(row, 0, label)
        for t, factor in enumerate(factors):
            sheet.write_number(row, 1 + t, factor, w.factor)
        where[label] = row
    return where


def present_factors(option: OptionResult, where: dict[str, int]) -> str:
    """What NPV multiplies the net by: the discount factors, over the deflator if any."""
    years = len(option.years)

    def span(row: int) -> str:
        return f"${column_name(1)}${row + 1}:${column_name(years)}${row + 1}"

    factors = span(HEAD_FACTORS)
    if "GDP deflator" in where:
        return f"{factors}/{span(where['GDP deflator'])}"
    return factors


def indexed_table(
    w: Writer, sheet: Any, first_row: int, option: OptionResult, where: dict[str, int]
) -> Formulas:
    """Write the table of indexed items from `first_row`; the formula of each partner's
    cell of each series they add to."""
    items, years = option.indexed_items, len(option.years)
    share_col = years + 2
    sheet.write_string(first_row, 0, "Items that grow with a price index", w.bold)
    sheet.write_string(first_row + 1, 0, "In base-year prices", w.head_left)
    for i, item in enumerate(items):
        sheet.write_string(first_row + 2 + i, 0, item.label)
        sheet.write_string(first_row + 2 + i, years + 1, item.index, w.right)
        for t, amount in enumerate(item.base):
            sheet.write_number(first_row + 2 + i, 1 + t, amount, w.money)
    head = first_row + 2 + len(items)
    sheet.write_string(head, 0, "In cash (x the index)", w.head_left)
    for p, view in enumerate(option.partners):
        sheet.write_string(head, share_col + p, f"Share: {view.id}", w.head)
    for i, item in enumerate(items):
        r, source = head + 1 + i, first_row + 2 + i
        index_row = where[f"Index: {item.index}"]
        sheet.write_string(r, 0, item.label)
        for t in range(years):
            factor = option.index_factors[item.index][t]
            formula = f"={cell(source, 1 + t)}*{column_name(1 + t)}${index_row + 1}"
            w.formula(sheet, r, 1 + t, formula, w.money, item.base[t] * factor)
        for p, share in enumerate(item.shares):
            sheet.write_number(r, share_col + p, share, w.percent_head)
    return _formulas(option, head + 1)


def _formulas(option: OptionResult, first_cash: int) -> Formulas:
    """Each partner's cell: the rest of its series (as a number) + its shares of the cash
    rows of that series' indexed items."""
    years, share_col = len(option.years), len(option.years) + 2
    found: Formulas = {}
    for p, view in enumerate(option.partners):
        for block in dict.fromkeys(item.block for item in option.indexed_items):
            rows = [
                (first_cash + i, item)
                for i, item in enumerate(option.indexed_items)
                if item.block == block
            ]
            cells = []
            for t in range(years):
                indexed = sum(
                    item.base[t] * option.index_factors[item.index][t] * item.shares[p]
                    for _, item in rows
                )
                rest = view.series[block][t] - indexed
                terms = "+".join(f"{cell(r, 1 + t)}*{cell(r, share_col + p)}" for r, _ in rows)
                cells.append(f"={rest!r}+{terms}")
            found[(view.id, block)] = cells
    return found


def reserves_formula(view: View, row: dict[str, int], c: int) -> str | None:
    """The reserves cell in sheet column `c`: the balance before, less what is funded from
    reserves and the remaining gap; None where the view's balance is not followed."""
    if view.reserves_opening is None:
        return None
    before = cell(row["reserves"], c - 1) if c > 1 else repr(view.reserves_opening)
    return f"={before}-{cell(row['funded_from_reserves'], c)}-{cell(row['remaining_gap'], c)}"
