"""Optimism bias on a cost: a stated uplift, or one from the Green Book's table.

The Green Book asks appraisals to start from the upper bound of a project category's
uplift and reduce it as the risks behind it are managed: uplift = max(lower bound,
upper bound x (1 - mitigation)), mitigation being the share of those risks managed.
"""

from __future__ import annotations

import difflib
from typing import Any

from bizcase.model.green_book import bias_categories
from bizcase.model.units import KEY, format_percent, parse_percent, parse_unit_percent, quoted
from bizcase.problems import FieldError
from bizcase.records import frozen

MAX_UPLIFT = 5.0
"""500%: the table's largest upper bound is 200% (equipment and development)."""
_KEYS = ("category", "mitigation")


@frozen
class OptimismBias:
    uplift: float
    """The fraction added to the cost (0.0408 for 4.08%)."""
    category: str | None = None
    mitigation: float | None = None

    @property
    def applies_to(self) -> str | None:
        """`one_off_costs` or `costs` for a category; None for a stated uplift (either)."""
        return None if self.category is None else bias_categories()[self.category].applies_to

    def describe(self) -> str:
        """`4.08% (non_standard_buildings: max(4%, 51% x (1 - 92%)))`, or `10% (stated)`."""
        if self.category is None:
            return f"{format_percent(self.uplift)} (stated)"
        table = bias_categories()[self.category]
        managed = self.mitigation or 0.0
        return (
            f"{format_percent(self.uplift)} ({self.category}: max({format_percent(table.lower)}, "
            f"{format_percent(table.upper)} x (1 - {format_percent(managed)})))"
        )

    @property
    def contract(self) -> Any:
        """As a scenario file writes it."""
        if self.category is None:
            return self.uplift
        return {"category": self.category, "mitigation": self.mitigation or 0.0}


def parse_optimism_bias(value: Any) -> OptimismBias:
    if isinstance(value, OptimismBias):
        return value
    if isinstance(value, dict):
        return _from_category(value)
    uplift = parse_percent(value)
    if uplift > MAX_UPLIFT:
        raise FieldError(
            f"{quoted(value)} is more than bizcase takes ({format_percent(MAX_UPLIFT)}): "
            "the Green Book's largest upper bound is 200%"
        )
    return OptimismBias(uplift)


def _from_category(value: dict[Any, Any]) -> OptimismBias:
    for key in value:
        if key not in _KEYS:
            close = difflib.get_close_matches(str(key), _KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise FieldError(
                f"unknown field '{key}' (give category and mitigation){hint}", (key, KEY)
            )
    if "category" not in value:
        raise FieldError("give the category, such as {category: standard_buildings}")
    categories = bias_categories()
    name = value["category"]
    if not isinstance(name, str) or name not in categories:
        close = difflib.get_close_matches(str(name), list(categories), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise FieldError(
            f"{quoted(name)} is not a category of the Green Book's table "
            f"({', '.join(categories)}){hint}",
            ("category",),
        )
    try:
        mitigation = parse_unit_percent(value.get("mitigation", 0.0))
    except FieldError as exc:
        raise FieldError(f"mitigation: {exc.message}", ("mitigation",)) from None
    table = categories[name]
    uplift = max(table.lower, table.upper * (1.0 - mitigation))
    return OptimismBias(uplift, name, mitigation)
