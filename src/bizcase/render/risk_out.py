"""Tables and JSON for the risk commands: simulate, sensitivity and switching."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bizcase.model.units import format_year
from bizcase.render import errors_out as errors
from bizcase.render.json_out import SCHEMA_VERSION, money
from bizcase.render.labels import title_of as view_label
from bizcase.render.money import format_money
from bizcase.results.sensitivity import SECTION_LABELS, Sensitivity
from bizcase.results.simulation import PERCENTILES, Simulation, Spread, ViewSummary
from bizcase.results.switching import TEST_KEYS, Switching, SwitchingValue

METRIC_LABELS = {
    "npv": "NPV",
    "total_net": "Net over the horizon",
    "remaining_gap": "Remaining gap, final year",
    "reserves_lowest": "Reserves, lowest",
}


def spread_rows(summary: ViewSummary) -> list[tuple[str, Spread]]:
    """The spreads a view's table shows: reserves only where they are followed."""
    rows = [(key, getattr(summary, key)) for key in ("npv", "total_net", "remaining_gap")]
    if summary.reserves_lowest is not None:
        rows.append(("reserves_lowest", summary.reserves_lowest))
    return rows


def reserves_chance(summary: ViewSummary) -> str | None:
    """`Probability reserves stay above their minimum 62%`, where they are followed."""
    if summary.p_reserves_above_minimum is None:
        return None
    return percent(summary.p_reserves_above_minimum)


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def percent(fraction: float, decimals: int = 1) -> str:
    return f"{fraction * 100:.{decimals}f}%"


def signed_percent(fraction: float) -> str:
    text = percent(fraction)
    return text if text.startswith("-") else f"+{text}"


# --- simulate -------------------------------------------------------------------------


def spread_dict(spread: Spread) -> dict[str, float]:
    out = {f"p{p}": money(spread.percentiles[p]) for p in PERCENTILES}
    out["mean"] = money(spread.mean)
    return out


def simulation_view_dict(summary: ViewSummary) -> dict[str, Any]:
    return {
        **errors.view_figures(summary, summary, spread_dict),
        "standard_errors": errors.view_errors(summary),
    }


def simulation_json(simulation: Simulation, name: str, file: str) -> str:
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "file": file,
            "name": name,
            "draws": simulation.draws,
            "seed": simulation.seed,
            **errors.run_keys(simulation.draws, simulation.convergence),
            "views": {v: simulation_view_dict(s) for v, s in simulation.views.items()},
        }
    )


def simulation_tables(simulation: Simulation, name: str, names: dict[str, str]) -> Group:
    parts: list[RenderableType] = [
        Text.assemble(
            (name, "bold"),
            (f"  Monte Carlo, {simulation.draws:,} draws, seed {simulation.seed}", "dim"),
        )
    ]
    if line := errors.convergence_line(simulation.draws, simulation.convergence):
        parts.append(Text(line))
    for view, summary in simulation.views.items():
        table = Table(
            title=view_label(view, names),
            title_justify="left",
            title_style="bold",
            header_style="bold",
        )
        table.add_column("")
        for p in PERCENTILES:
            table.add_column(f"P{p}", justify="right", no_wrap=True)
        table.add_column("Mean", justify="right", no_wrap=True)
        for key, spread in spread_rows(summary):
            table.add_row(
                METRIC_LABELS[key],
                *[format_money(spread.percentiles[p]) for p in PERCENTILES],
                format_money(spread.mean),
            )
        years = Table(show_header=True, header_style="bold", box=None, padding=(0, 2, 0, 0))
        years.add_column("")
        for year in summary.p_gap_closed_by_year:
            years.add_column(format_year(year), justify="right")
        years.add_row(
            "Gap closed by then (stays closed)",
            *[percent(p, 0) for p in summary.p_gap_closed_by_year.values()],
        )
        years.add_row(
            "Pays back in that year",
            *[percent(summary.payback_years[y], 0) for y in summary.p_gap_closed_by_year],
        )
        intervals = [
            [METRIC_LABELS[key], *errors.spread_interval_cells(spread)]
            for key, spread in spread_rows(summary)
        ]
        heading = [errors.INTERVAL_HEADING, *(f"P{p}" for p in PERCENTILES), "Mean"]
        parts += [
            Text(""),
            table,
            errors.interval_table(heading, intervals),
            Text.assemble(
                ("Probability the final-year gap is closed ", "bold"),
                percent(summary.p_gap_closed),
                ("   Probability of payback within the horizon ", "bold"),
                percent(summary.p_payback),
                *(
                    (("   Probability reserves never end a year below minimum ", "bold"), chance)
                    if (chance := reserves_chance(summary))
                    else ()
                ),
            ),
            Text(errors.chances_line(summary), style="dim"),
            years,
        ]
    return Group(*parts, Text(""), Text(errors.FOOTNOTE, style="dim"))


# --- sensitivity ----------------------------------------------------------------------


def sensitivity_json(result: Sensitivity, name: str, file: str) -> str:
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "file": file,
            "name": name,
            "metric": result.metric,
            "partner": result.view,
            "base": money(result.base),
            "rows": [
                {
                    "item": row.item,
                    "section": row.section,
                    "case": row.change,
                    "ends": [{"change": label, "value": money(v)} for label, v in row.ends],
                    "swing": money(row.swing),
                }
                for row in result.rows
            ],
            "unaffected": result.unaffected,
        }
    )


BAR_WIDTH = 24


def sensitivity_table(result: Sensitivity, name: str, names: dict[str, str]) -> Group:
    table = Table(
        title=f"{METRIC_LABELS[result.metric]}: {view_label(result.view, names)}",
        title_justify="left",
        title_style="bold",
        header_style="bold",
    )
    table.add_column("Item")
    table.add_column("Low case", justify="right", no_wrap=True)
    table.add_column("High case", justify="right", no_wrap=True)
    table.add_column("Swing", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    widest = max((row.swing for row in result.rows), default=0.0)
    for row in result.rows:
        cells = [f"{label}: {format_money(value)}" for label, value in row.ends]
        if len(cells) == 1:
            cells.append("")
        bar = "█" * max(1, round(BAR_WIDTH * row.swing / widest)) if widest else ""
        table.add_row(
            f"{SECTION_LABELS[row.section]}: {row.item}", *cells, format_money(row.swing), bar
        )
    parts: list[RenderableType] = [
        Text.assemble((name, "bold"), ("  one-at-a-time sensitivity", "dim")),
        Text.assemble(("As written: ", "bold"), format_money(result.base)),
        table,
    ]
    if result.unaffected:
        parts.append(
            Text("Not affecting this figure: " + "; ".join(result.unaffected), style="dim")
        )
    return Group(*parts)


# --- switching ------------------------------------------------------------------------


def _switch_cell(value: SwitchingValue) -> str:
    if value.change is None:
        return str(value.reason)
    mark = "" if value.verified else " (unverified)"
    return f"{signed_percent(value.change)}{mark}"


def switching_json(result: Switching, name: str, file: str) -> str:
    first = result.rows[0].values if result.rows else ()
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "file": file,
            "name": name,
            "partner": result.view,
            "tests": {v.test: {"now": v.now, "becomes": v.becomes} for v in first},
            "rows": [
                {
                    "subject": row.subject,
                    **{
                        v.test: {"change": v.change, "verified": v.verified, "reason": v.reason}
                        for v in row.values
                    },
                }
                for row in result.rows
            ],
        }
    )


def switching_table(result: Switching, name: str, names: dict[str, str]) -> Group:
    table = Table(
        title=view_label(result.view, names),
        title_justify="left",
        title_style="bold",
        header_style="bold",
    )
    table.add_column("Change in", no_wrap=True)
    first = result.rows[0].values if result.rows else ()
    for value in first:
        heading = (
            f"Now: {value.now}"
            if value.now == value.becomes
            else f"Now: {value.now}\nbecomes {value.becomes} at"
        )
        table.add_column(heading, justify="right")
    for row in result.rows:
        table.add_row(row.subject, *[_switch_cell(v) for v in row.values])
    tests = ", ".join(TEST_KEYS)
    return Group(
        Text.assemble((name, "bold"), ("  switching values", "dim")),
        Text(
            "The change in an amount, as a percentage of it, at which each test flips. "
            f"Every value was re-run through the engine ({tests}).",
            style="dim",
        ),
        table,
    )
