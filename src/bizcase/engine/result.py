"""The result of one option for one draw, as plain values for renderers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from bizcase.engine.amounts import item_amounts
from bizcase.engine.funding import RESERVES_STATUSES, Funded
from bizcase.engine.plan import BLOCKS, Plan, block_items, compile_plan
from bizcase.engine.projection import (
    GAP_STATUSES,
    NONE_INDEX,
    PAYBACK_STATUSES,
    ZERO_TOLERANCE,
    Projection,
    project,
)
from bizcase.model.discount import LOWER_RATE
from bizcase.model.scenario import LONG_HORIZON, Item, Scenario
from bizcase.model.structure import succession
from bizcase.model.units import format_year
from bizcase.results.labels import ITEM_LABELS
from bizcase.results.option import (
    FUNDED,
    PROJECTED,
    RESERVES,
    TOTALS,
    BiasItem,
    IndexedItem,
    OptionResult,
    SunkCost,
    View,
)


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
    if plan.exists is not None:
        views = [
            replace(
                view,
                from_=partner.from_,
                until=partner.until,
                succeeds=dict(succession(partner, scenario.partners)) if partner.succeeds else None,
            )
            for view, partner in zip(views, scenario.partners, strict=False)
        ] + views[len(scenario.partners) :]
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
        bias_items=_bias_items(scenario, plan),
        price_base=None if scenario.prices is None else plan.price_base,
        index_factors={
            name: [float(f) for f in factors]
            for name, factors in (plan.index_factors or {}).items()
        },
        deflators=None if plan.deflators is None else [float(f) for f in plan.deflators],
        prices_text=_prices_text(scenario),
        indexed_items=_indexed_items(scenario, plan),
        referendum_flags=tuple(
            (f.area, f.year, f.increase, f.limit) for f in plan.referendum_flags
        ),
        **_shape(scenario, plan),
    )


def _shape(scenario: Scenario, plan: Plan) -> dict[str, Any]:
    """In words, who succeeds whom, where councils change shape."""
    if plan.exists is None:
        return {}
    partners = scenario.partners
    notes = []
    for partner in partners:
        named = dict(succession(partner, partners)) if partner.succeeds else None
        if named and partner.from_ is not None:
            names = [p.name for p in partners if p.id in named]
            joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
            verb = "is succeeded by" if len(names) == 1 else "are one council,"
            notes.append(f"From {format_year(partner.from_)} {joined} {verb} {partner.name}.")
    return {
        "shape_notes": tuple(notes),
        "exists": tuple(tuple(bool(x) for x in row) for row in plan.exists),
    }


def view_of(plan: Plan, projection: Projection, draw: int, view_id: str) -> View:
    """One view of one draw, as `option_result` gives it: where a sweep reads its rows."""
    ids = [*plan.partner_ids, "total"]
    v = ids.index(view_id)
    name = plan.partner_names[v] if v < len(plan.partner_ids) else None
    return _view(plan, projection, draw, v, view_id, name)


def _indexed_items(scenario: Scenario, plan: Plan) -> tuple[IndexedItem, ...]:
    """Each item with a price index: its amounts before the index (the plan's include it)."""
    found = []
    for name in BLOCKS:
        block = plan.blocks[name]
        items: Sequence[Item] = block_items(scenario, name)
        for i, item in enumerate(items):
            if item.index is None:
                continue
            base = item_amounts(item, scenario.start, scenario.years)
            found.append(
                IndexedItem(
                    block=name,
                    label=f"{ITEM_LABELS[name]}: {item.name}",
                    index=item.index,
                    base=tuple(float(x) for x in base),
                    shares=tuple(float(s) for s in block.shares[i]),
                )
            )
    return tuple(found)


def _prices_text(scenario: Scenario) -> str | None:
    """`Amounts in 2016/17 prices; pay index 1% from 2017/18, 2% from 2018/19; GDP
    deflator 2%`."""
    prices = scenario.prices
    if prices is None:
        return None
    parts = [f"Amounts in {format_year(scenario.price_base)} prices"]
    parts += [f"{name} index {rate.describe()}" for name, rate in prices.indices.items()]
    if prices.deflator is not None:
        parts.append(f"GDP deflator {prices.deflator.describe()} (NPV in real terms)")
    return "; ".join(parts)


def _bias_items(scenario: Scenario, plan: Plan) -> tuple[BiasItem, ...]:
    """Each cost with an uplift: its amounts before it (the plan's include it)."""
    found = []
    for name in ("costs", "one_off_costs"):
        block = plan.blocks[name]
        items: Sequence[Item] = block_items(scenario, name)
        for i, item in enumerate(items):
            if item.optimism_bias is None:
                continue
            uplift = float(block.uplifts[i])
            found.append(
                BiasItem(
                    label=f"{ITEM_LABELS[name]}: {item.name}",
                    uplift=uplift,
                    derivation=item.optimism_bias.describe(),
                    before=tuple(float(x) / (1.0 + uplift) for x in block.delayed[0][i]),
                    shares=tuple(float(s) for s in block.shares[i]),
                )
            )
    return tuple(found)


def _view(plan: Plan, projection: Projection, d: int, v: int, vid: str, name: str | None) -> View:
    series = {key: [float(x) for x in getattr(projection, key)[d, v]] for key in PROJECTED}
    series["optimism_bias"] = [float(x) for x in plan.optimism_bias[v]]
    series["non_cashable_savings"] = [float(x) for x in plan.non_cashable[v]]
    extra = plan.extra_income
    series["council_tax_harmonisation"] = (
        [0.0] * plan.years if extra is None else [float(x) for x in extra[v]]
    )
    funded = projection.funded
    for key, values in zip(
        FUNDED, (funded.from_reserves, funded.from_capital_receipts, funded.by_grant), strict=True
    ):
        series[key] = [float(x) for x in values[d, v]]
    followed = not math.isnan(float(funded.reserves[d, v, 0]))
    if followed:
        series[RESERVES] = [float(x) for x in funded.reserves[d, v]]
    coverage = float(projection.coverage[d, v])
    factors = plan.present_factors
    benefits = float((projection.savings[d, v] + projection.income[d, v]) @ factors)
    spent = projection.costs[d, v] + projection.one_off_costs[d, v] + projection.risk_costs[d, v]
    outlays = float(spent @ factors)
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
        bcr=None if abs(outlays) < ZERO_TOLERANCE else benefits / outlays,
        npv_lower_rate=_lower_rate_npv(plan, projection, d, v),
        economic_npv=(
            float(projection.npv[d, v] + plan.non_cashable[v] @ factors)
            if plan.partly_cashable
            else None
        ),
        totals={key: math.fsum(series[source]) for key, source in TOTALS.items()},
        **_reserves(plan, funded, d, v, followed),
    )


def _reserves(plan: Plan, funded: Funded, d: int, v: int, followed: bool) -> dict[str, Any]:
    """The reserves figures of a view: status always; balances where followed."""
    status = RESERVES_STATUSES[int(funded.reserves_status[d, v])]
    if not followed or plan.funding is None:
        return {"reserves_status": status, "funding_stated": plan.funding is not None}
    funding = plan.funding
    partners = len(plan.partner_ids)
    breach = int(funded.breach_index[d, v])
    if funding.shape is not None and funded.openings is not None:
        # where a successor sets its own minimum, the total's changes at vesting
        opening = funded.openings[d, v]
        minimum = funding.shape.minimums[v, breach]
    else:
        opening = funding.opening.sum() if v == partners else funding.opening[v]
        minimum = funding.minimum.sum() if v == partners else funding.minimum[v]
    return {
        "funding_stated": True,
        "reserves_status": status,
        "reserves_opening": float(opening),
        "reserves_minimum": float(minimum),
        "reserves_lowest": float(funded.reserves_lowest[d, v]),
        "reserves_breach_year": _year(plan, breach),
    }


def _lower_rate_npv(plan: Plan, projection: Projection, d: int, v: int) -> float | None:
    """NPV at the Green Book's lower rate, the test it asks for over long horizons."""
    if plan.years <= LONG_HORIZON:
        return None
    factors = np.array(LOWER_RATE.factors(plan.years))
    if plan.deflators is not None:
        factors = factors / plan.deflators
    return float(projection.net[d, v] @ factors)


def _year(plan: Plan, index: int) -> int | None:
    return None if index == NONE_INDEX else plan.start + index
