"""`bizcase check` output: a table for people (PASS/FAIL as words, colour only repeating
them) and a JSON report for CI, keys always in the same order."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from bizcase.gates import Check
from bizcase.model.units import format_percent, format_year
from bizcase.render.json_out import SCHEMA_VERSION, money
from bizcase.render.money import format_money
from bizcase.results.metrics import Metric, Unit, Value

NONE_SHOWN = {
    Unit.year: "none",
    Unit.fraction: "n/a (no gap)",
    Unit.money: "n/a",
    Unit.years: "none",
    Unit.status: "n/a",
    Unit.ratio: "n/a (nothing spent)",
}


def format_value(metric: Metric, value: Value) -> str:
    """Finance style: `£2.27m`, `(£50,000)`, `81.25%`, `2019/20`; `never` for no year."""
    if value is None:
        return NONE_SHOWN[metric.unit]
    if isinstance(value, str):
        return value
    if metric.unit is Unit.year:
        return format_year(int(value))
    if metric.unit is Unit.years:
        return f"{value:.1f} years"
    if metric.unit is Unit.fraction:
        return format_percent(value)
    if metric.unit is Unit.ratio:
        return f"{value:.2f}"
    return format_money(value)


def shown_value(check: Check) -> str:
    """The value, and for a simulated one its 95% interval as `simulate` shows it:
    `36.7% ±0.9 pts`, `£3.56m ±£31,200`."""
    metric = check.condition.metric
    shown = format_value(metric, check.value)
    if check.se is None or check.value is None:
        return shown
    from bizcase.render.errors_out import money_interval, points_interval

    interval = money_interval if metric.unit is Unit.money else points_interval
    return f"{shown} {interval(check.se)}"


def checks_table(checks: Sequence[Check]) -> Group:
    """One row per file and condition, then a one-line verdict."""
    table = Table(header_style="bold")
    for heading in ("File", "Condition", "Partner", "Value"):
        table.add_column(heading, justify="right" if heading == "Value" else "left")
    table.add_column("Result", no_wrap=True)
    for check in checks:
        condition = check.condition
        table.add_row(
            check.file,
            condition.text,
            condition.partner,
            shown_value(check),
            Text("PASS", style="bold green") if check.passed else Text("FAIL", style="bold red"),
        )
    return Group(table, Text(verdict(checks), style="bold"))


def verdict(checks: Sequence[Check]) -> str:
    failed = sum(1 for check in checks if not check.passed)
    noun = "check" if len(checks) == 1 else "checks"
    if not failed:
        return f"All {len(checks)} {noun} passed." if len(checks) > 1 else "The check passed."
    return f"{failed} of {len(checks)} {noun} failed."


def json_value(metric: Metric, value: Value) -> float | str | None:
    """Years as `2019/20` (null for none), money to 4 decimals, fractions as fractions."""
    if value is None or isinstance(value, str):
        return value
    if metric.unit is Unit.year:
        return format_year(int(value))
    if metric.unit is Unit.money:
        return money(value)
    return float(value)


def check_dict(check: Check) -> dict[str, Any]:
    condition = check.condition
    return {
        "file": check.file,
        "option": check.option,
        "condition": condition.text,
        "partner": condition.partner,
        "metric": condition.metric.name,
        "operator": condition.operator,
        "threshold": json_value(condition.metric, condition.threshold),
        "value": json_value(condition.metric, check.value),
        "se": check.se,
        "passed": check.passed,
    }


def checks_document(
    checks: Sequence[Check], simulation: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The report; `simulation` ({"draws", "seed"}, and with `--precision` "draws_asked"
    and "precision" as `simulate` gives them) when a condition needed one, so that a CI
    result can be reproduced."""
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "passed": all(check.passed for check in checks),
    }
    if simulation is not None:
        document["simulation"] = simulation
    document["checks"] = [check_dict(check) for check in checks]
    return document


def render_checks_json(checks: Sequence[Check], simulation: dict[str, Any] | None = None) -> str:
    document = checks_document(checks, simulation)
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
