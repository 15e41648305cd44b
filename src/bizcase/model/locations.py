"""Which model a mapping at a path of a scenario file is validated as: the one place that
knows, so that an unknown field is named against the right list of fields everywhere."""

from __future__ import annotations

from pydantic import BaseModel

from bizcase.model.council_tax import CouncilTax, Harmonisation
from bizcase.model.finance import Prices, Reserves
from bizcase.model.scenario import SECTIONS, OneOffCost, Partner, Risk, Scenario, Stream
from bizcase.model.uncertainty import Uncertainty
from bizcase.model.units import Path

_ITEMS: dict[str, type[BaseModel]] = {
    **dict.fromkeys(SECTIONS, Stream),
    "one_off_costs": OneOffCost,
    "risks": Risk,
    "partners": Partner,
}


def model_at(path: Path) -> type[BaseModel] | None:
    """The model of the mapping at `path`; None for a free mapping (a year map, weights, a
    share, a delay), whose keys are whatever the file gives."""
    if path == ():
        return Scenario
    if path == ("prices",):
        return Prices
    if len(path) >= 2 and isinstance(path[1], int) and path[0] in _ITEMS:
        if len(path) == 2:
            return _ITEMS[str(path[0])]
        if len(path) == 3 and path[2] == "uncertainty":
            return Uncertainty
        if len(path) == 3 and path[0] == "partners" and path[2] == "reserves":
            return Reserves
        if len(path) == 3 and path[0] == "partners" and path[2] == "council_tax":
            return CouncilTax
        if len(path) == 3 and path[0] == "partners" and path[2] == "harmonisation":
            return Harmonisation
    return None
