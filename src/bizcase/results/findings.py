"""What the report says about risk: per (option number, view id)."""

from __future__ import annotations

from bizcase.records import frozen
from bizcase.results.choice import Choice
from bizcase.results.sensitivity import Sensitivity
from bizcase.results.simulation import Fan
from bizcase.results.switching import Switching


@frozen
class RiskFindings:
    """Sensitivity (NPV), switching values and, where a scenario has uncertainties, the
    simulated fan of cumulative net: per (option number, view id)."""

    sensitivity: dict[tuple[int, str], Sensitivity]
    switching: dict[tuple[int, str], Switching]
    fans: dict[tuple[int, str], Fan]
    draws: int
    seed: int
    choice: Choice | None = None
    """Several options, some uncertain: simulated together, compared case by case."""
