"""The audit trail of one figure, as an indented table or JSON."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bizcase.model.units import format_year
from bizcase.render.json_out import SCHEMA_VERSION, money
from bizcase.render.risk_out import dumps
from bizcase.results.explanation import LABELS, Explanation, Line


def pounds(amount: float) -> str:
    """To the penny, negatives in brackets: an audit trail shows every penny."""
    text = f"£{abs(amount):,.2f}"
    return f"({text})" if amount <= -0.005 else text


def heading(explanation: Explanation) -> str:
    year = f", {format_year(explanation.year)}" if explanation.year is not None else ""
    who = (
        explanation.view_name
        if explanation.view == "total"
        else f"{explanation.view_name} ({explanation.view})"
    )
    return f"{LABELS[explanation.metric]}, {who}{year}"


def explanation_table(explanation: Explanation, option: str) -> Group:
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2, 0, 0))
    table.add_column("")
    table.add_column("£", justify="right", no_wrap=True)
    table.add_column("how", style="dim")
    for line in explanation.lines:
        _add(table, line, 0)
    table.add_row(
        Text("= " + LABELS[explanation.metric], style="bold"),
        Text(pounds(explanation.value), style="bold"),
        "",
    )
    parts: list[RenderableType] = [
        Text(option, style="bold"),
        Text(heading(explanation) + ": " + pounds(explanation.value), style="bold"),
        Text("= " + explanation.formula, style="italic"),
        table,
    ]
    if explanation.silent:
        parts.append(
            Text("Adding nothing in this year: " + "; ".join(explanation.silent), style="dim")
        )
    return Group(*parts)


def _add(table: Table, line: Line, depth: int) -> None:
    table.add_row("  " * depth + line.label, pounds(line.amount), line.detail)
    for child in line.children:
        _add(table, child, depth + 1)


def _line_dict(line: Line) -> dict[str, Any]:
    out: dict[str, Any] = {"label": line.label, "amount": money(line.amount)}
    if line.detail:
        out["detail"] = line.detail
    if line.children:
        out["lines"] = [_line_dict(child) for child in line.children]
    return out


def explanation_json(explanation: Explanation, option: str, file: str) -> str:
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "file": file,
            "name": option,
            "metric": explanation.metric,
            "partner": explanation.view,
            "year": None if explanation.year is None else format_year(explanation.year),
            "value": money(explanation.value),
            "formula": explanation.formula,
            "lines": [_line_dict(line) for line in explanation.lines],
            "adding_nothing": list(explanation.silent),
        }
    )
