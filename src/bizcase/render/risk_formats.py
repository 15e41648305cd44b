"""CSV and markdown for the risk commands, beside their tables and JSON in `risk_out`.

CSV (one rectangular table each, money in pounds to the penny, fractions as numbers):

- `sensitivity`: `option, file, metric, partner, base, section, item, case, low_change,
  low_value, high_change, high_value, swing`, one row per tornado bar in the table's order
  (largest swing first). A one-sided case (a stream a year late, an optimism-bias uplift)
  fills only the `low_` columns. Items that do not affect the figure are not listed.
- `switching`: `option, file, partner, subject, test, now, becomes, change, verified,
  reason`, one row per subject and test; `change` is a fraction of the amount (`-0.25`),
  blank with a `reason` where the test cannot flip.

Markdown gives the same figures and labels as the terminal tables.
"""

from __future__ import annotations

import io

from bizcase.model.units import format_year
from bizcase.render.errors_out import (
    FOOTNOTE,
    INTERVAL_HEADING,
    chances_line,
    convergence_line,
    spread_interval_cells,
)
from bizcase.render.labels import title_of as view_label
from bizcase.render.ledger import penny_text
from bizcase.render.markdown_out import markdown_table
from bizcase.render.money import format_money, pennies
from bizcase.render.risk_out import (
    METRIC_LABELS,
    percent,
    reserves_chance,
    signed_percent,
    spread_rows,
)
from bizcase.render.text import CsvWriter
from bizcase.results.sensitivity import SECTION_LABELS, Sensitivity
from bizcase.results.simulation import PERCENTILES, Simulation
from bizcase.results.switching import TEST_KEYS, Switching, SwitchingValue


def _money(amount: float) -> str:
    return penny_text(pennies(amount))


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    CsvWriter(out).writerows(rows)
    return out.getvalue()


# --- sensitivity ----------------------------------------------------------------------

SENSITIVITY_HEADER = [
    "option",
    "file",
    "metric",
    "partner",
    "base",
    "section",
    "item",
    "case",
    "low_change",
    "low_value",
    "high_change",
    "high_value",
    "swing",
]


def sensitivity_csv(result: Sensitivity, name: str, file: str) -> str:
    rows = [SENSITIVITY_HEADER]
    for row in result.rows:
        ends = [[label, _money(value)] for label, value in row.ends]
        ends += [["", ""]] * (2 - len(ends))
        rows.append(
            [
                name,
                file,
                result.metric,
                result.view,
                _money(result.base),
                row.section,
                row.item,
                row.change,
                *ends[0],
                *ends[1],
                _money(row.swing),
            ]
        )
    return _csv(rows)


def sensitivity_markdown(result: Sensitivity, name: str, names: dict[str, str]) -> str:
    rows = []
    for row in result.rows:
        cells = [f"{label}: {format_money(value)}" for label, value in row.ends]
        cells += [""] * (2 - len(cells))
        rows.append([f"{SECTION_LABELS[row.section]}: {row.item}", *cells, format_money(row.swing)])
    table = markdown_table(["Item", "Low case", "High case", "Swing"], rows, "lrrr")
    parts = [
        f"## {name}: one-at-a-time sensitivity\n",
        f"### {METRIC_LABELS[result.metric]}: {view_label(result.view, names)}\n",
        f"As written: **{format_money(result.base)}**. Sorted by swing, largest first.\n",
        table,
    ]
    if result.unaffected:
        parts.append("_Not affecting this figure: " + "; ".join(result.unaffected) + "._\n")
    return "\n".join(parts)


# --- switching ------------------------------------------------------------------------

SWITCHING_HEADER = [
    "option",
    "file",
    "partner",
    "subject",
    "test",
    "now",
    "becomes",
    "change",
    "verified",
    "reason",
]


def switching_csv(result: Switching, name: str, file: str) -> str:
    rows = [SWITCHING_HEADER]
    for row in result.rows:
        for value in row.values:
            rows.append(
                [
                    name,
                    file,
                    result.view,
                    row.subject,
                    value.test,
                    value.now,
                    value.becomes,
                    "" if value.change is None else repr(value.change),
                    "true" if value.verified else "false",
                    value.reason or "",
                ]
            )
    return _csv(rows)


def _switch_cell(value: SwitchingValue) -> str:
    if value.change is None:
        return str(value.reason)
    return signed_percent(value.change) + ("" if value.verified else " (unverified)")


def switching_markdown(result: Switching, name: str, names: dict[str, str]) -> str:
    first = result.rows[0].values if result.rows else ()
    header = [
        "Change in",
        *(
            f"Now: {v.now}" if v.now == v.becomes else f"Now: {v.now}; becomes {v.becomes} at"
            for v in first
        ),
    ]
    rows = [[row.subject, *(_switch_cell(v) for v in row.values)] for row in result.rows]
    tests = ", ".join(TEST_KEYS)
    return "\n".join(
        [
            f"## {name}: switching values\n",
            f"### {view_label(result.view, names)}\n",
            "The change in an amount, as a percentage of it, at which each test flips. "
            f"Every value was re-run through the engine ({tests}).\n",
            markdown_table(header, rows, "l" + "r" * len(first)),
        ]
    )


# --- simulate -------------------------------------------------------------------------


def simulation_markdown(simulation: Simulation, name: str, names: dict[str, str]) -> str:
    parts = [
        f"## {name}: Monte Carlo\n",
        f"{simulation.draws:,} draws, seed {simulation.seed}.\n",
    ]
    if line := convergence_line(simulation.draws, simulation.convergence):
        parts.append(line + "\n")
    for view, summary in simulation.views.items():
        header = ["", *(f"P{p}" for p in PERCENTILES), "Mean"]
        rows, intervals = [], []
        for key, spread in spread_rows(summary):
            rows.append(
                [
                    METRIC_LABELS[key],
                    *(format_money(spread.percentiles[p]) for p in PERCENTILES),
                    format_money(spread.mean),
                ]
            )
            intervals.append([METRIC_LABELS[key], *spread_interval_cells(spread)])
        years = list(summary.p_gap_closed_by_year)
        by_year = markdown_table(
            ["", *(format_year(y) for y in years)],
            [
                [
                    "Gap closed by then (stays closed)",
                    *(percent(summary.p_gap_closed_by_year[y], 0) for y in years),
                ],
                ["Pays back in that year", *(percent(summary.payback_years[y], 0) for y in years)],
            ],
            "l" + "r" * len(years),
        )
        parts += [
            f"### {view_label(view, names)}\n",
            markdown_table(header, rows, "l" + "r" * (len(header) - 1)),
            markdown_table(
                [INTERVAL_HEADING, *header[1:]], intervals, "l" + "r" * (len(header) - 1)
            ),
            f"Probability the final-year gap is closed: **{percent(summary.p_gap_closed)}**; "
            f"of payback within the horizon: **{percent(summary.p_payback)}**"
            + (
                f"; of reserves never ending a year below their minimum: **{chance}**.\n"
                if (chance := reserves_chance(summary))
                else ".\n"
            ),
            chances_line(summary) + ".\n",
            by_year,
        ]
    return "\n".join([*parts, f"_{FOOTNOTE}_\n"])
