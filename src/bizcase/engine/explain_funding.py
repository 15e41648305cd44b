"""The trails of the funding figures: what a view meets from reserves in a year, and how
its balance got where it is."""

from __future__ import annotations

import math

from bizcase.engine.funding_shape import Shape
from bizcase.engine.projection import Projection
from bizcase.engine.trail import ItemTrail, Trail, money_text
from bizcase.model.units import format_year
from bizcase.problems import MessageError
from bizcase.results.explanation import Line

FUNDING_METRICS = ("funded_from_reserves", "reserves")


def funding_value(projection: Projection, metric: str, column: int, t: int) -> float:
    funded = projection.funded
    source = funded.from_reserves if metric == "funded_from_reserves" else funded.reserves
    return float(source[0, column, t])


def funding_trail(
    trail: ItemTrail, projection: Projection, metric: str, column: int, year: int
) -> Trail:
    if metric == "funded_from_reserves":
        return (
            from_reserves(trail, projection, column, year),
            "one-off costs met from reserves, and any part of those funded by capital "
            "receipts that the receipts cannot cover",
            (),
        )
    funding = trail.plan.funding
    if funding is None or not funding.followed[column]:
        raise MessageError(
            "reserves are followed only where a partner gives `reserves: {opening: ..., "
            "minimum: ...}` (and for the total, where every partner does)"
        )
    shape = funding.shape
    openings = projection.funded.openings
    if shape is None or openings is None:
        opening = float(
            funding.opening.sum() if column == len(funding.opening) else funding.opening[column]
        )
        lines = [Line("Opening reserves", opening, "the general fund balance at the start")]
        first = trail.plan.start
    else:
        live = [t for t in range(trail.plan.years) if shape.live[column, t]]
        first = trail.plan.start + live[0]
        lines = [_opening(trail, projection, shape, column, live[0])]
    for y in range(first, year + 1):
        if shape is not None and column == len(funding.opening):
            lines.extend(_vested(trail, projection, shape, y - trail.plan.start))
        spent = from_reserves(trail, projection, column, y)
        short, _formula, _silent = trail.metric("remaining_gap", y)
        gap = math.fsum(x.amount for x in short)
        used = math.fsum(x.amount for x in spent)
        children = (
            Line("less one-off costs met from reserves", -used, children=spent),
            Line("less the remaining gap (a surplus adds)", -gap, children=short),
        )
        lines.append(Line(format_year(y), -used - gap, children=children))
    return (
        tuple(lines),
        "opening reserves, less each year's one-off costs met from reserves and its remaining gap",
        (),
    )


def from_reserves(
    trail: ItemTrail, projection: Projection, column: int, year: int
) -> tuple[Line, ...]:
    """Each one-off cost funded by reserves, and the receipts' shortfall, in `year`."""
    scenario = trail.scenario
    lines = []
    for cost in scenario.one_off_costs:
        if cost.funded_by != "reserves":
            continue
        line = trail.item("one_off_costs", cost, year)
        if line is not None:
            lines.append(line)
    shortfall = projection.funded.receipts_shortfall
    if shortfall is not None:
        t = year - scenario.start
        partners = len(scenario.partners)
        exists = trail.plan.exists
        held = shortfall[0, :, t] if exists is None else shortfall[0, :, t] * exists[:, t]
        amount = float(held.sum() if column == partners else shortfall[0, column, t])
        if amount > 0.005:
            lines.append(
                Line(
                    "Capital receipts short of the costs they fund",
                    amount,
                    f"{money_text(amount)} asked of capital receipts beyond those unused to date",
                )
            )
    return tuple(lines)


def _opening(trail: ItemTrail, projection: Projection, shape: Shape, column: int, t: int) -> Line:
    """The balance a view starts from: its own, or a successor's carried from its
    predecessors' closing balances."""
    funded = projection.funded
    assert funded.openings is not None
    opening = float(funded.openings[0, column])
    ids = trail.plan.partner_ids
    year = format_year(trail.plan.start + t)
    begun = [(s, sources) for s, sources in shape.beginning(t) if s == column]
    if not begun or shape.own_opening[column]:
        how = "the general fund balance at the start" + ("" if t == 0 else f" of {year}")
        return Line("Opening reserves", opening, how)
    children = tuple(
        Line(
            f"{ids[q]} at the end of {format_year(trail.plan.start + t - 1)}",
            float(funded.reserves[0, q, t - 1]),
        )
        for q in begun[0][1]
    )
    return Line("Opening reserves", opening, f"carried from its predecessors into {year}", children)


def _vested(trail: ItemTrail, projection: Projection, shape: Shape, t: int) -> list[Line]:
    """For the total: a successor's own opening balance in place of its predecessors'."""
    lines = []
    openings = projection.funded.openings
    reserves = projection.funded.reserves
    assert openings is not None
    ids = trail.plan.partner_ids
    for s, sources in shape.beginning(t):
        if not shape.own_opening[s]:
            continue
        carried = math.fsum(float(reserves[0, q, t - 1]) for q in sources)
        change = float(openings[0, s]) - carried
        lines.append(
            Line(
                f"{ids[s]}'s own opening balance in place of its predecessors'",
                change,
                f"{money_text(float(openings[0, s]))} given, against {money_text(carried)} carried",
            )
        )
    return lines
