"""The figures under each view's block of a workbook sheet: NPV, benefit-cost ratio, payback
and the gap, as live formulas on the rows above, cached with the engine's own figures and
words so that a reader without recalculation sees the same."""

from __future__ import annotations

from typing import Any

from bizcase.render.statements import bcr_text, coverage_text, gap_closed_text, payback_text
from bizcase.render.xlsx_book import (
    HEAD_YEARS,
    Cell,
    SheetView,
    Writer,
    cell,
    column_name,
)
from bizcase.render.xlsx_statements import gap_formulas, payback_formulas
from bizcase.results.option import OptionResult


def npv_row(
    w: Writer, sheet: Any, place: Cell, view: SheetView, row: dict[str, int], factors: str
) -> None:
    """NPV as SUMPRODUCT of the net row and `factors`: the discount factors in the header
    (over the deflator's row, where there is one)."""
    years = place.years
    npv_row = place.extra("NPV")
    sheet.write_string(npv_row, 0, "NPV", w.bold)
    net = f"{cell(row['net'], 1)}:{cell(row['net'], years)}"
    w.formula(sheet, npv_row, 1, f"=SUMPRODUCT({net},{factors})", w.money_bold, view.npv)
    _bcr_row(w, sheet, place, view, row, factors)


def _bcr_row(
    w: Writer, sheet: Any, place: Cell, view: SheetView, row: dict[str, int], factors: str
) -> None:
    """PV(savings + income) / PV(costs + one-off costs), "nothing spent" where nothing is."""

    def pv(key: str) -> str:
        return f"SUMPRODUCT({cell(row[key], 1)}:{cell(row[key], place.years)},{factors})"

    benefits = f"{pv('savings')}+{pv('income')}"
    outlays = f"{pv('costs')}+{pv('one_off_costs')}" + (
        f"+{pv('risk_costs')}" if "risk_costs" in row else ""
    )
    formula = f'=IF(ABS({outlays})<0.0001,"nothing spent",({benefits})/({outlays}))'
    label = "Benefit-cost ratio"
    sheet.write_string(place.extra(label), 0, label)
    cached: Any = bcr_text(view.view) if view.view.bcr is None else view.view.bcr
    w.formula(sheet, place.extra(label), 1, formula, w.ratio, cached)


def statement_rows(
    w: Writer,
    sheet: Any,
    place: Cell,
    view: SheetView,
    option: OptionResult,
    sources: list[Cell] | None,
) -> None:
    """Payback year and period, gap closed and coverage as live formulas, cached with the
    engine's own words and figures."""
    payback_year, payback_period, gap_closed, coverage = _statement_formulas(place, sources)
    result = view.view
    rows = (
        ("Payback year", payback_year, w.right, payback_text(result)),
        (
            "Payback period",
            payback_period,
            w.years,
            result.payback_period if result.payback_period is not None else payback_text(result),
        ),
        ("Gap closed in", gap_closed, w.right, gap_closed_text(result, option)),
        ("Coverage of final-year gap", coverage, w.percent, _coverage_cached(view, option)),
    )
    for label, formula, fmt, cached in rows:
        sheet.write_string(place.extra(label), 0, label)
        w.formula(sheet, place.extra(label), 1, formula, fmt, cached)


def _statement_formulas(place: Cell, sources: list[Cell] | None) -> tuple[str, str, str, str]:
    """Payback year, payback period, gap closed and coverage as formulas on the view's rows
    (and, for the total, on the partners' gaps)."""
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
        span("risk_costs") if "risk_costs" in place.rows else None,
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
    return payback_year, payback_period, gap_closed, coverage


def _coverage_cached(view: SheetView, option: OptionResult) -> Any:
    """Coverage as the engine gives it: a fraction, or words where there is no gap to cover."""
    result = view.view
    gap_p = view.pounds("gap")[-1]
    covered: Any = (
        coverage_text(result, option)
        if result.gap_status in ("no_gap", "partial") or abs(gap_p) <= 0.0001
        else view.pounds("net_recurring")[-1] / gap_p
    )
    return "n/a" if covered == "n/a (no gap)" else covered
