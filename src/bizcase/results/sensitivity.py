"""A one-at-a-time sensitivity: the tornado of one figure for one view."""

from __future__ import annotations

from bizcase.records import frozen

SECTION_LABELS = {
    "savings": "Saving",
    "income": "Income",
    "costs": "Cost",
    "one_off_costs": "One-off cost",
    "risk_costs": "Risk",
    "gap": "Budget gap",
    "prices": "Prices",
}


@frozen
class TornadoRow:
    """One bar of the tornado: the metric at each end of one item's range."""

    item: str
    section: str
    change: str
    ends: tuple[tuple[str, float], ...]
    swing: float

    @property
    def case(self) -> str:
        """The contract's name for `change`: `range`, `uncertainty`, `one year late`..."""
        return self.change


@frozen
class Sensitivity:
    metric: str
    view: str
    base: float
    rows: list[TornadoRow]
    unaffected: list[str]

    @property
    def partner(self) -> str:
        """The contract's name for `view`: a partner's id, or "total"."""
        return self.view
