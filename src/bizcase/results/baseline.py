"""Each headline figure as a difference from a baseline option (`compare --baseline`)."""

from __future__ import annotations

from bizcase.results.metrics import Metric, Unit, Value
from bizcase.results.option import View


def difference(metric: Metric, view: View, base: View) -> float | None:
    """`view`'s figure minus `base`'s, in the metric's unit (pounds, a fraction, a number of
    years for a year); None where either has none, or the figure is a word."""
    if metric.read is None or metric.unit is Unit.status:
        return None
    mine, theirs = metric.read(view), metric.read(base)
    if not _number(mine) or not _number(theirs):
        return None
    assert isinstance(mine, int | float) and isinstance(theirs, int | float)
    return float(mine) - float(theirs) + 0.0  # + 0.0: no -0.0


def _number(value: Value) -> bool:
    return value is not None and not isinstance(value, str)
