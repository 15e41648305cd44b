"""`compare --baseline`: a figure's difference from the baseline option, as text."""

from __future__ import annotations

from bizcase.render.money import format_money
from bizcase.results.metrics import Metric, Unit


def change_text(metric: Metric, change: float | None) -> str:
    """`+£0.40m`, `(£50,000)`, `+5.0 pts`, `+1 year`, `-0.5 years`, `+0.25`; `n/a` where
    there is no difference to show (a year that never comes, a word)."""
    if change is None:
        return "n/a"
    if metric.unit is Unit.money:
        text = format_money(change)
        return f"+{text}" if change >= 0.5 else text
    if metric.unit is Unit.fraction:
        return f"{change * 100:+.1f} pts"
    if metric.unit in (Unit.year, Unit.years):
        years = f"{change:+.0f}" if metric.unit is Unit.year else f"{change:+.1f}"
        return f"{years} year" if abs(change) == 1 else f"{years} years"
    return f"{change:+.2f}"


HEADING = "vs baseline"


def heading(name: str) -> str:
    """The column of an option's differences; `baseline_note` names the baseline."""
    del name
    return HEADING


def baseline_note(name: str) -> str:
    return f"'{HEADING}': each figure minus that of the baseline option, {name}."
