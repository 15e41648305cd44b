"""Shares and budget gaps year by year, where councils change shape (a successor council):
each view's share of each item in each year, and each view's gap."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bizcase.engine.amounts import gap_by_year
from bizcase.engine.arrays import Array
from bizcase.model.scenario import Item, Scenario
from bizcase.model.structure import Structure


def shares_by_year(scenario: Scenario, structure: Structure, items: Sequence[Item]) -> Array:
    """(items, partners + total, years): each view's fraction of each item in each year. A
    predecessor's view after its `until` is its area's share of its successor's."""
    partners = scenario.partners
    count, years = len(partners), scenario.years
    out = np.zeros((len(items), count + 1, years))
    out[:, -1, :] = 1.0
    for t in range(years):
        year = scenario.start + t
        for i, item in enumerate(items):
            fractions = structure.fractions(item.share, partners, year)
            if not fractions:
                continue  # refused by the rules; nothing is shared out
            for p in range(count):
                held = structure.area_of(p, year)
                if held is None:
                    out[i, p, t] = fractions[p]
                else:
                    holder, area = held
                    out[i, p, t] = area * fractions[holder]
    return out


def gaps_by_year(scenario: Scenario, structure: Structure) -> tuple[Array, Array]:
    """Each partner view's budget gap by year, and which partners exist each year (1/0).

    A successor without its own `budget_gap` carries its predecessors' (their gaps as they
    would have been); a predecessor after its `until` takes its area's share of its
    successor's gap; a council before it exists has none."""
    partners = scenario.partners
    start, years = scenario.start, scenario.years
    own = np.vstack([gap_by_year(p, start, years) for p in partners])
    exists = np.array(
        [[structure.exists(p, start + t) for t in range(years)] for p in range(len(partners))],
        dtype=np.float64,
    )
    gaps = np.zeros_like(own)
    for p, partner in enumerate(partners):
        carried = partner.succeeds is not None and partner.budget_gap is None
        sources = [q for q in range(len(partners)) if structure.successor[q] == p]
        for t in range(years):
            if exists[p, t]:
                gaps[p, t] = own[sources, t].sum() if carried else own[p, t]
    for p in range(len(partners)):
        for t in range(years):
            held = structure.area_of(p, start + t)
            if held is not None:
                holder, area = held
                gaps[p, t] = area * gaps[holder, t]
    return gaps, exists
