"""Warnings a file's figures call for, found by running them: capital receipts that cannot
cover the costs they are meant to fund."""

from __future__ import annotations

from collections.abc import Iterator

from bizcase.engine.plan import compile_plan
from bizcase.engine.projection import ZERO_TOLERANCE, project
from bizcase.model.findings import Finding
from bizcase.model.scenario import Scenario
from bizcase.model.units import format_year


def receipts_findings(scenario: Scenario) -> Iterator[Finding]:
    """A warning for each partner and year whose costs funded by capital receipts ask more
    than the receipts unused to date: the rest falls to its reserves."""
    if not any(cost.funded_by == "capital_receipts" for cost in scenario.one_off_costs):
        return
    shortfall = project(compile_plan(scenario, max_delay=0)).funded.receipts_shortfall
    assert shortfall is not None
    for p, partner in enumerate(scenario.partners):
        for t in range(scenario.years):
            amount = float(shortfall[0, p, t])
            if amount <= ZERO_TOLERANCE:
                continue
            year = format_year(scenario.start + t)
            if partner.capital_receipts is None:
                yield Finding(
                    ("partners", p, "id"),
                    f"{partner.name} gives no capital_receipts, so its £{amount:,.2f} of "
                    f"one-off costs funded by capital receipts in {year} is met from reserves",
                    "warning",
                )
                continue
            yield Finding(
                ("partners", p, "capital_receipts"),
                f"{partner.name}'s capital receipts cannot cover £{amount:,.2f} of its "
                f"one-off costs funded by capital receipts in {year}: that part is met "
                "from reserves",
                "warning",
            )
