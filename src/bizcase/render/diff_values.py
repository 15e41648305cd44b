"""The words and figures every `diff` format shares: a change with its sign, a percentage
change, a payback or gap-closure year moving, an input value on one line."""

from __future__ import annotations

import math
from typing import Any

from bizcase.model.units import format_year, printable
from bizcase.render.gates_out import format_value
from bizcase.render.money import format_money
from bizcase.results.diff import ChangeCheck, Diff, FigureChange, ViewDiff
from bizcase.results.metrics import Unit

__all__ = ["format_value"]

MOVING = {"payback_year": "Payback", "gap_closed_year": "The gap closes"}
"""The years whose moving is said in words under each view's figures."""

INPUT_WIDTH = 80
"""Longest input value shown in a table (a changed description is cut; JSON has it all)."""


def change_text(figure: FigureChange) -> str:
    """`+£100,000`, `-0.25`, `+1 year`, `-5.2 pts`; `-` for no change."""
    change, unit = figure.change, figure.metric.unit
    if change is None:
        if unit is Unit.year and figure.old != figure.new:
            return "now never" if figure.new is None else "now within horizon"
        return ""
    if change == 0:
        return "-"
    sign = "+" if change > 0 else "-"
    size = abs(change)
    if unit is Unit.money:
        return sign + format_money(size)
    if unit is Unit.year:
        return f"{sign}{size:g} year{'s' if size != 1 else ''}"
    if unit is Unit.years:
        return f"{sign}{size:.2f} years"
    if unit is Unit.fraction:
        return f"{sign}{size * 100:.1f} pts"
    return f"{sign}{size:.2f}"


def percent_text(fraction: float | None) -> str:
    """`+4.6%`, `-54.7%`; blank where there is none (a year, coverage, an old 0)."""
    if fraction is None or not math.isfinite(fraction):
        return ""
    if fraction == 0:
        return "-"
    return f"{fraction * 100:+.1f}%"


def moves(view: ViewDiff) -> list[str]:
    """`Payback moves from 2017/18 to 2018/19 (1 year later).` for each year that moved."""
    said = []
    for figure in view.figures:
        name = figure.metric.name
        if name not in MOVING or not figure.moved:
            continue
        old, new = (_year(v) for v in (figure.old, figure.new))
        if figure.change is None:
            how = "no longer within the horizon" if figure.new is None else "now within it"
        else:
            size, later = abs(int(figure.change)), figure.change > 0
            how = f"{size} year{'s' if size != 1 else ''} {'later' if later else 'earlier'}"
        said.append(f"{MOVING[name]}: {old} → {new} ({how}).")
    return said


def _year(value: object) -> str:
    return "never" if value is None else format_year(int(str(value)))


def input_text(value: Any, width: int = INPUT_WIDTH) -> str:
    """A value from a file on one line, in YAML's flow style: `£100k`, `[25%, 50%]`,
    `{name: Extra, annual: £100k}`; long text cut short."""
    text = " ".join(printable(_flow(value)).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def threshold_text(check: ChangeCheck) -> str:
    if check.relative:
        return percent_text(check.threshold)
    figure = FigureChange(check.metric, None, None, check.threshold, None)
    return change_text(figure) if check.threshold else "0"


def check_change_text(check: ChangeCheck) -> str:
    """The change a condition was tested on, as the condition reads it."""
    if check.change is None:
        return "none"
    if math.isinf(check.change):
        return "now never" if check.change > 0 else "now within horizon"
    if check.relative:
        return percent_text(check.change)
    figure = FigureChange(check.metric, None, None, check.change, None)
    return change_text(figure)


def verdict(diff: Diff) -> str:
    held = [check for check in diff.checks if check.held]
    if not diff.checks:
        return ""
    if not held:
        return f"No --fail-on condition held ({len(diff.checks)} tested)."
    return f"{len(held)} of {len(diff.checks)} --fail-on conditions held: " + ", ".join(
        check.text for check in held
    )
