"""Warnings a file's figures call for, found by running them: capital receipts that cannot
cover the costs they are meant to fund."""

from __future__ import annotations

from collections.abc import Iterator

from bizcase.engine.plan import Plan, compile_plan
from bizcase.engine.projection import ZERO_TOLERANCE, project
from bizcase.model.findings import Finding
from bizcase.model.scenario import Scenario
from bizcase.model.units import format_year


def receipts_findings(scenario: Scenario, plan: Plan | None = None) -> Iterator[Finding]:
    """A warning for each partner whose costs funded by capital receipts ask more than the
    receipts unused to date, with the amount of each year: the rest falls to reserves.
    `plan` is the scenario's compiled plan, where the caller has it."""
    if not any(cost.funded_by == "capital_receipts" for cost in scenario.one_off_costs):
        return
    plan = plan or compile_plan(scenario, max_delay=0)
    shortfall = project(plan).funded.receipts_shortfall
    assert shortfall is not None
    exists = plan.exists
    for p, partner in enumerate(scenario.partners):
        # an ended council's view holds its area's share of its successor's: not its own
        short = [
            (scenario.start + t, float(shortfall[0, p, t]))
            for t in range(scenario.years)
            if float(shortfall[0, p, t]) > ZERO_TOLERANCE and (exists is None or exists[p, t])
        ]
        if not short:
            continue
        amounts = [f"£{amount:,.2f} in {format_year(year)}" for year, amount in short]
        listed = amounts[0] if len(amounts) == 1 else f"{', '.join(amounts[:-1])} and {amounts[-1]}"
        if partner.capital_receipts is None and partner.succeeds is None:
            yield Finding(
                ("partners", p, "id"),
                f"{partner.name} gives no capital_receipts, so its share of the one-off costs "
                f"funded by capital receipts ({listed}) is met from reserves",
                "warning",
            )
            continue
        own = partner.capital_receipts is not None
        carried = "" if partner.succeeds is None else " (with those carried from its predecessors)"
        yield Finding(
            ("partners", p, "capital_receipts" if own else "id"),
            f"{partner.name}'s capital receipts{carried} cannot cover {listed} of its one-off "
            "costs funded by capital receipts: that part is met from reserves",
            "warning",
        )
