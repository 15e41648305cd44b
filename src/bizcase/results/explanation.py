"""The trail behind one figure, line by line, as `explain` shows it."""

from __future__ import annotations

from bizcase.records import field, frozen
from bizcase.results.labels import ITEM_LABELS, LABELS

__all__ = ["ITEM_LABELS", "LABELS", "Explanation", "Line"]


@frozen
class Line:
    """One step of the trail: what it is, how it is worked out, what it comes to."""

    label: str
    amount: float
    detail: str = ""
    children: tuple[Line, ...] = field(default=())


@frozen
class Explanation:
    metric: str
    view: str
    view_name: str
    year: int | None
    value: float
    formula: str
    lines: tuple[Line, ...]
    silent: tuple[str, ...]
    """Items that could feed this figure but add nothing in that year."""
