"""The result of one option for one draw, as plain values for renderers."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bizcase.engine.plan import Plan, compile_plan
from bizcase.engine.projection import (
    GAP_STATUSES,
    NONE_INDEX,
    PAYBACK_STATUSES,
    Projection,
    project,
)
from bizcase.model.scenario import Kind, Scenario

SERIES = (
    "savings",
    "income",
    "costs",
    "one_off_costs",
    "net_recurring",
    "net",
    "cumulative_net",
    "gap",
    "remaining_gap",
)
"""Year-by-year figures of a view, in the order of the result contract."""

TOTALS = {
    "total_savings": "savings",
    "total_income": "income",
    "total_costs": "costs",
    "total_one_off_costs": "one_off_costs",
    "total_net": "net",
}


@dataclass(frozen=True)
class View:
    """One partner's figures, or the total's (`id` "total", `name` None)."""

    id: str
    name: str | None
    series: dict[str, list[float]]
    npv: float
    payback_status: str
    """`paid_back`, `not_within_horizon` or `nothing_to_pay_back`."""
    payback_year: int | None
    payback_period: float | None
    """Years from the start of the horizon to payback (one-off costs at the start of
    their year, savings through it), where paid back."""
    gap_status: str
    """`closed`, `not_closed`, `no_gap`, and for the total also `partial`."""
    gap_closed_year: int | None
    coverage: float | None
    totals: dict[str, float]

    def last(self, series: str) -> float:
        return self.series[series][-1]


@dataclass(frozen=True)
class SunkCost:
    """A one-off cost spent before the horizon: reported, never counted."""

    name: str
    amount: float
    years: tuple[int, ...]


@dataclass(frozen=True)
class OptionResult:
    """A whole option: its partners' views and the total."""

    name: str
    kind: Kind
    file: str
    currency: str
    description: str | None
    years: list[int]
    discount_rate: float | str
    discount_factors: list[float]
    partners: list[View]
    total: View
    sunk_costs: tuple[SunkCost, ...] = ()

    @property
    def sunk_total(self) -> float:
        return math.fsum(cost.amount for cost in self.sunk_costs)

    def view(self, partner_id: str | None) -> View:
        """A partner's view, or the total's when `partner_id` is None or "total"."""
        if partner_id in (None, "total"):
            return self.total
        for view in self.partners:
            if view.id == partner_id:
                return view
        raise KeyError(partner_id)

    @property
    def views(self) -> list[View]:
        """The partners' views and the total's; the total alone stands for a one-partner
        option only in the contract, where it is identical to its partner's."""
        return [*self.partners, self.total]

    @property
    def partner_ids(self) -> list[str]:
        return [view.id for view in self.partners]


def evaluate(scenario: Scenario, file: str) -> OptionResult:
    """Compile and project a scenario as written."""
    plan = compile_plan(scenario)
    return option_result(scenario, file, plan, project(plan))


def option_result(
    scenario: Scenario, file: str, plan: Plan, projection: Projection, draw: int = 0
) -> OptionResult:
    names: list[str | None] = [*plan.partner_names, None]
    ids = [*plan.partner_ids, "total"]
    views = [_view(plan, projection, draw, v, ids[v], names[v]) for v in range(len(ids))]
    return OptionResult(
        name=scenario.name,
        kind=scenario.kind,
        file=file,
        currency=scenario.currency,
        description=scenario.description,
        years=plan.calendar_years,
        discount_rate=plan.discount_rate,
        discount_factors=[float(f) for f in plan.discount_factors],
        partners=views[:-1],
        total=views[-1],
        sunk_costs=tuple(
            SunkCost(cost.name, cost.amount, tuple(year for year, _ in cost.phased()))
            for cost in scenario.one_off_costs
            if cost.sunk
        ),
    )


def _view(plan: Plan, projection: Projection, d: int, v: int, vid: str, name: str | None) -> View:
    series = {key: [float(x) for x in getattr(projection, key)[d, v]] for key in SERIES}
    coverage = float(projection.coverage[d, v])
    period = float(projection.payback_period[d, v])
    return View(
        id=vid,
        name=name,
        series=series,
        npv=float(projection.npv[d, v]),
        payback_status=PAYBACK_STATUSES[int(projection.payback_status[d, v])],
        payback_year=_year(plan, int(projection.payback_index[d, v])),
        payback_period=None if math.isnan(period) else period,
        gap_status=GAP_STATUSES[int(projection.gap_status[d, v])],
        gap_closed_year=_year(plan, int(projection.gap_closed_index[d, v])),
        coverage=None if math.isnan(coverage) else coverage,
        totals={key: math.fsum(series[source]) for key, source in TOTALS.items()},
    )


def _year(plan: Plan, index: int) -> int | None:
    return None if index == NONE_INDEX else plan.start + index
