"""Council tax harmonisation in a merger: each predecessor area's Band D without the merger
against the successor's single Band D, reached in equal steps from vesting.

Without the merger area a's Band D is B[y] = band_d x I[y] (I its `increase`, from the
first year of the horizon). At vesting v the target T is the lowest B[v], their average
weighted by tax base, or an amount. Area a's Band D k years after vesting is
H[v+k] = (B[v] + (T - B[v]) x min(k + 1, years) / years) x G[v+k] / G[v]: the gap to the
target closed in equal steps, all of it growing at the new council's `increase` (G). The
successor's income gained (or forgone, negative) is sum over areas of (H[y] - B[y]) x tax
base.
"""

from __future__ import annotations

import numpy as np

from bizcase.engine.arrays import Array
from bizcase.model.scenario import Scenario
from bizcase.model.structure import Structure
from bizcase.records import frozen


@frozen
class Flag:
    """A year's harmonised Band D increase above the area's referendum limit."""

    area: str
    year: int
    increase: float
    """In pounds of Band D."""
    limit: float
    """The limit that year, in pounds of Band D."""


@frozen
class Harmonised:
    income: Array
    """(partners + total, years): income gained (or forgone) by harmonisation."""
    flags: tuple[Flag, ...]


def harmonise(scenario: Scenario, structure: Structure) -> Harmonised | None:
    """Harmonisation income by view, and referendum flags; None where no successor
    harmonises. `structure`: the scenario's."""
    if not any(p.harmonisation for p in scenario.partners):
        return None
    partners = scenario.partners
    start, years = scenario.start, scenario.years
    views = len(partners) + 1
    income = np.zeros((views, years))
    flags: list[Flag] = []
    for s, successor in enumerate(partners):
        plan = successor.harmonisation
        if plan is None or successor.from_ is None:
            continue
        vesting = successor.from_
        areas = [q for q in range(len(partners)) if structure.successor[q] == s]
        paths = {q: _path(scenario, q) for q in areas}
        v = vesting - start
        bases = {q: partners[q].council_tax.tax_base for q in areas}  # type: ignore[union-attr]
        at_vesting = {q: paths[q][v] for q in areas}
        if plan.to == "lowest":
            target = min(at_vesting.values())
        elif plan.to == "weighted_average":
            target = sum(at_vesting[q] * bases[q] for q in areas) / sum(bases.values())
        else:
            target = float(plan.to)
        growth = np.array(plan.increase.factors(start, start, scenario.end))
        for q in areas:
            before = paths[q][v - 1] if v > 0 else paths[q][v] / (1 + _rate(scenario, q, start))
            for t in range(v, years):
                k = t - v
                step = min(k + 1, plan.years) / plan.years
                level = at_vesting[q] + (target - at_vesting[q]) * step
                harmonised = level * growth[t] / growth[v]
                income[s, t] += (harmonised - paths[q][t]) * bases[q]
                flag = _flag(scenario, q, start + t, before, harmonised)
                if flag is not None:
                    flags.append(flag)
                before = harmonised
    _areas(structure, income, start)
    income[-1] = sum(income[p] for p in range(len(partners)) if _is_successor(scenario, p))
    return Harmonised(income, tuple(flags))


def _growth(scenario: Scenario, q: int) -> Array:
    tax = scenario.partners[q].council_tax
    assert tax is not None
    return np.array(tax.increase.factors(scenario.start, scenario.start, scenario.end))


def _rate(scenario: Scenario, q: int, year: int) -> float:
    tax = scenario.partners[q].council_tax
    assert tax is not None
    return tax.increase.rate(year)


def _path(scenario: Scenario, q: int) -> Array:
    tax = scenario.partners[q].council_tax
    assert tax is not None
    path: Array = tax.band_d * _growth(scenario, q)
    return path


def _flag(scenario: Scenario, q: int, year: int, before: float, after: float) -> Flag | None:
    tax = scenario.partners[q].council_tax
    assert tax is not None
    if tax.limit is None:
        return None
    limit = max(tax.limit.percent * before, tax.limit.amount)
    if after - before > limit + 1e-9:
        return Flag(scenario.partners[q].id, year, after - before, limit)
    return None


def _is_successor(scenario: Scenario, p: int) -> bool:
    return scenario.partners[p].harmonisation is not None


def _areas(structure: Structure, income: Array, start: int) -> None:
    """An ended council's view: its area's share of its successor's harmonisation income."""
    for p in range(income.shape[0] - 1):
        for t in range(income.shape[1]):
            held = structure.area_of(p, start + t)
            if held is not None:
                holder, area = held
                income[p, t] = area * income[holder, t]
