"""Funding and reserves where councils change shape (a successor council).

Each council's balance runs from its first year: from its `opening`, or, for a successor
that gives none, from the sum of its predecessors' balances at the end of their last year.
Their unused capital receipts carry into it likewise. A predecessor's view after its
`until` goes on from its own closing balance with its area's share of the successor's
spending and remaining gap (its view's series), so `--partner wsc` follows West Somerset's
balance through the merger; its receipts used are its area's share of the successor's. The
total is the sum of the councils that exist each year. A view's balance is 0 in the years
before its council exists, and is tested against its minimum only from then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bizcase.engine.arrays import ZERO_TOLERANCE, Array
from bizcase.model.scenario import Scenario
from bizcase.model.structure import Structure
from bizcase.records import frozen

if TYPE_CHECKING:
    from numpy.typing import NDArray


@frozen
class Shape:
    """Who holds which balance each year, as arrays over partners (and years)."""

    exists: NDArray[np.bool_]
    """(partners, years)."""
    live: NDArray[np.bool_]
    """(partners + total, years): the years a view has a balance (its council exists, or
    its area goes on in a successor); every year for the total."""
    vesting: tuple[tuple[int, int, tuple[int, ...]], ...]
    """(year index, successor, its predecessors), for each successor beginning in the horizon."""
    areas: tuple[tuple[tuple[int, int, float], ...], ...]
    """For each year: (ended partner, the partner holding its area, the area's share)."""
    own_opening: NDArray[np.bool_]
    """Which partners give an opening balance (the others carry, or give no reserves)."""
    given: NDArray[np.bool_]
    """Which partners' balances are followed: those giving reserves, and successors whose
    predecessors all are."""
    minimums: Array
    """(partners + total, years): the minimum each view's balance is held to each year."""

    def beginning(self, t: int) -> list[tuple[int, list[int]]]:
        """The successors whose first year is year index t, each with its predecessors."""
        return [(s, list(sources)) for u, s, sources in self.vesting if u == t]


def compile_shape(
    scenario: Scenario, structure: Structure, opening: Array, minimum: Array
) -> Shape:
    """`opening` (NaN: none given) and `minimum` are as the partners write them."""
    partners = scenario.partners
    count, years, start = len(partners), scenario.years, scenario.start
    exists = np.array(
        [[structure.exists(p, start + t) for t in range(years)] for p in range(count)]
    )
    live = np.ones((count + 1, years), dtype=np.bool_)
    for p in range(count):
        live[p] = [start + t >= structure.first[p] for t in range(years)]
    vesting = []
    for s in range(count):
        sources = tuple(q for q in range(count) if structure.successor[q] == s)
        if sources and structure.first[s] > start:
            vesting.append((structure.first[s] - start, s, sources))
    vesting.sort()
    own = ~np.isnan(opening)
    given = own.copy()
    minimums = np.empty((count + 1, years))
    minimums[:count] = minimum[:, np.newaxis]
    for _, s, sources in vesting:
        reserves = partners[s].reserves
        if not own[s]:
            given[s] = bool(given[list(sources)].all())
        if reserves is None and given[s]:
            minimums[s] = minimum[list(sources)].sum()
    minimums[count] = (minimums[:count] * exists).sum(axis=0)
    areas = tuple(
        tuple(
            (p, *held)
            for p in range(count)
            if (held := structure.area_of(p, start + t)) is not None
        )
        for t in range(years)
    )
    return Shape(exists, live, tuple(vesting), areas, own, given, minimums)


def receipts_used(shape: Shape, receipts: Array, asked: Array) -> Array:
    """Each partner view's capital receipts used, (draws, partners, years), a successor
    taking its predecessors' unused receipts at vesting. `asked`: the partner views' costs
    funded by receipts."""
    used = np.zeros_like(asked)
    available = np.zeros(asked.shape[:-1])
    for t in range(asked.shape[-1]):
        for s, sources in shape.beginning(t):
            available[:, s] += available[:, sources].sum(axis=-1)
            available[:, sources] = 0.0
        available += receipts[:, t]
        alive = shape.exists[:, t]
        took = np.minimum(asked[:, alive, t], available[:, alive])
        used[:, alive, t] = took
        available[:, alive] -= took
        for p, holder, area in shape.areas[t]:
            used[:, p, t] = area * used[:, holder, t]
    return used


def balances(
    shape: Shape, opening: Array, from_reserves: Array, remaining_gap: Array
) -> tuple[Array, Array]:
    """reserves[t] = reserves[t-1] - funded_from_reserves[t] - remaining_gap[t] for each
    view from its first year, and each view's opening; NaN for views not followed.
    `opening`: the partners' own (NaN where none is given)."""
    draws, views, years = from_reserves.shape
    count = views - 1
    out = np.zeros_like(from_reserves)
    openings = np.full((draws, views), np.nan)
    balance = np.empty((draws, count))
    balance[:] = opening
    openings[:, :count] = balance
    for t in range(years):
        for s, sources in shape.beginning(t):
            balance[:, s] = opening[s] if shape.own_opening[s] else balance[:, sources].sum(-1)
            openings[:, s] = balance[:, s]
        balance -= from_reserves[:, :count, t] + remaining_gap[:, :count, t]
        out[:, :count, t] = np.where(shape.live[:count, t], balance, 0.0)
        out[:, count, t] = np.where(shape.exists[:, t], balance, 0.0).sum(axis=-1)
    openings[:, count] = openings[:, :count][:, shape.exists[:, 0]].sum(axis=-1)
    lost = np.append(~shape.given, not shape.given.all())
    out[:, lost] = np.nan
    openings[:, lost] = np.nan
    return out, openings


def reserves_figures(
    shape: Shape, reserves: Array, followed: NDArray[np.bool_]
) -> tuple[NDArray[np.bool_], Array, NDArray[np.int64]]:
    """Whether each view's balance ends a year below its minimum, its lowest balance and
    the first such year (-1: none), over the years it has a balance."""
    below = (reserves < shape.minimums - ZERO_TOLERANCE) & shape.live
    breached = below.any(axis=-1) & followed
    lowest = np.where(shape.live, reserves, np.inf).min(axis=-1)
    breach = np.where(breached, np.argmax(below, axis=-1), -1).astype(np.int64)
    return breached, lowest, breach
