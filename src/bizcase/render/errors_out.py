"""Standard errors and `--precision` in the simulate outputs.

JSON gives each figure's standard error in a `standard_errors` object beside the figures,
keyed as they are (the figures' own keys and values are untouched). Tables and markdown
give the 95% interval, 1.96 standard errors, in a small `± 95%` table under each table of
figures (same columns, same rows; apart, so the figures' own lines stay as they were) and a
line under each view's chances: that is what `--precision` holds each figure to, and a
reader takes "£1.92m ± £0.03m" as a range the figure lies in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.table import Table

from bizcase.model.units import format_year
from bizcase.render.json_out import money
from bizcase.render.money import format_money
from bizcase.results.convergence import Z95, Convergence
from bizcase.results.simulation import PERCENTILES, Spread, ViewErrors, ViewSummary

INTERVAL_HEADING = "± 95%"
FOOTNOTE = (
    "± 95%: each figure's Monte Carlo interval (1.96 standard errors), how far more draws "
    "could move it; not the spread of outcomes. Chances: in percentage points."
)


def spread_errors(spread: Spread) -> dict[str, float]:
    """A spread's standard errors, keyed as the spread is in JSON."""
    se = spread.se
    assert se is not None
    out = {f"p{p}": money(se.percentiles[p]) for p in PERCENTILES}
    out["mean"] = money(se.mean)
    return out


def view_figures(
    summary: ViewSummary,
    chances: ViewSummary | ViewErrors,
    spread_of: Callable[[Spread], dict[str, float]],
) -> dict[str, Any]:
    """A view's figures keyed as JSON has them: its spreads through `spread_of` and its
    chances from `chances` (the summary itself, or its standard errors, named alike)."""
    payback = {format_year(y): v for y, v in chances.payback_years.items() if y is not None}
    payback["never"] = chances.payback_years[None]
    return {
        "npv": spread_of(summary.npv),
        "total_net": spread_of(summary.total_net),
        "remaining_gap": spread_of(summary.remaining_gap),
        "p_gap_closed": chances.p_gap_closed,
        "p_gap_closed_by_year": {
            format_year(y): v for y, v in chances.p_gap_closed_by_year.items()
        },
        "p_payback": chances.p_payback,
        "payback_year": payback,
        "reserves_lowest": None
        if summary.reserves_lowest is None
        else spread_of(summary.reserves_lowest),
        "p_reserves_above_minimum": chances.p_reserves_above_minimum,
    }


def view_errors(summary: ViewSummary) -> dict[str, Any]:
    """The standard errors of one view's figures, keyed as the view is in JSON."""
    assert summary.standard_errors is not None
    return view_figures(summary, summary.standard_errors, spread_errors)


def run_keys(draws: int, convergence: Convergence | None) -> dict[str, Any]:
    """`draws_asked` and `precision`, after `seed`: the draws the run could have used, and
    what `--precision` asked (null without it)."""
    if convergence is None:
        return {"draws_asked": draws, "precision": None}
    asked = convergence.precision
    return {
        "draws_asked": convergence.draws_asked,
        "precision": {
            "asked": asked.text,
            "fraction": asked.fraction,
            "money": asked.money,
            "met": convergence.met,
            "outside": list(convergence.outside),
        },
    }


def money_interval(se: float) -> str:
    """`±£31,200`: 1.96 standard errors, in the table's money style."""
    half = Z95 * se
    return "±£0" if half < 0.5 else f"±{format_money(half)}"


def points_interval(se: float) -> str:
    """`±0.7 pts`: a chance's 1.96 standard errors, in percentage points; one significant
    figure below a twentieth of a point (`±0.03 pts`), so a small chance's interval does
    not read as none."""
    half = Z95 * se * 100
    return f"±{half:.1g} pts" if 0 < half < 0.05 else f"±{half:.1f} pts"


def interval_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """The intervals of a table's figures, under it: no box, dimmed, figures to the right."""
    table = Table(box=None, header_style="dim", style="dim", padding=(0, 1))
    for number, heading in enumerate(header):
        table.add_column(heading, justify="left" if number == 0 else "right", no_wrap=True)
    for row in rows:
        table.add_row(*row, style="dim")
    return table


def spread_interval_cells(spread: Spread) -> list[str]:
    se = spread.se
    assert se is not None
    return [*(money_interval(se.percentiles[p]) for p in PERCENTILES), money_interval(se.mean)]


def chances_line(summary: ViewSummary) -> str:
    """`Chances ± 95%: gap closed ±0.7 pts, payback ±0.0 pts, ...; by year at most ±0.8 pts`."""
    chance = summary.standard_errors
    assert chance is not None
    parts = [
        f"gap closed {points_interval(chance.p_gap_closed)}",
        f"payback {points_interval(chance.p_payback)}",
    ]
    if chance.p_reserves_above_minimum is not None:
        parts.append(f"reserves above minimum {points_interval(chance.p_reserves_above_minimum)}")
    by_year = [*chance.p_gap_closed_by_year.values(), *chance.payback_years.values()]
    return (
        "Chances ± 95%: "
        + ", ".join(parts)
        + f"; each year's, at most {points_interval(max(by_year, default=0.0))}"
    )


def convergence_line(draws: int, convergence: Convergence | None) -> str | None:
    """`Stopped at 40,960 draws: every figure within ±1%`, or what was not, where
    `--precision` was given."""
    if convergence is None:
        return None
    asked = convergence.precision
    which = "every money figure" if asked.money is not None else "every figure"
    if asked.only is not None:
        which += " the conditions read"
    if convergence.met:
        stop = "Stopped" if draws < convergence.draws_asked else "Ran to --draws"
        return f"{stop} at {draws:,} draws: {which} within ±{asked.text} (95% interval)."
    shown = ", ".join(convergence.outside[:3])
    more = len(convergence.outside) - 3
    tail = f" and {more} more." if more > 0 else "."
    count = len(convergence.outside)
    figures = "1 figure is" if count == 1 else f"{count} figures are"
    return (
        f"Ran to --draws, {draws:,}, and {figures} still not within ±{asked.text} "
        f"(95% interval): {shown}{tail}"
    )
