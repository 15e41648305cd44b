"""A validated scenario compiled to arrays: each item's amount by year and split by partner.

Compiling once and projecting many times is what lets the risk commands run thousands of
draws through the same calculation as `bizcase run`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.discount import discount_factors
from bizcase.model.scenario import SECTIONS, OneOffCost, Partner, Scenario, Stream
from bizcase.model.shares import Share

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Block:
    """Items of one section: `amounts[i, t]` in pounds and `shares[i, p]` as fractions."""

    names: tuple[str, ...]
    amounts: Array
    shares: Array


@dataclass(frozen=True)
class Plan:
    """Everything the projection needs, as arrays over (item, year) and (partner, year)."""

    start: int
    years: int
    partner_ids: tuple[str, ...]
    partner_names: tuple[str, ...]
    sections: dict[str, Block]
    one_off: Block
    gaps: Array
    discount_factors: Array
    discount_rate: float | str

    @property
    def calendar_years(self) -> list[int]:
        return [self.start + t for t in range(self.years)]


def compile_plan(scenario: Scenario) -> Plan:
    """Amounts, shares, gaps and discount factors for a validated scenario."""
    partners = scenario.partners
    sections = {
        name: Block(
            names=tuple(s.name for s in scenario.section(name)),
            amounts=_matrix(
                [stream_amounts(s, scenario.start, scenario.years) for s in scenario.section(name)],
                scenario.years,
            ),
            shares=_matrix(
                [share_fractions(s.share, partners) for s in scenario.section(name)], len(partners)
            ),
        )
        for name in SECTIONS
    }
    one_off = Block(
        names=tuple(c.name for c in scenario.one_off_costs),
        amounts=_matrix(
            [one_off_amounts(c, scenario.start, scenario.years) for c in scenario.one_off_costs],
            scenario.years,
        ),
        shares=_matrix(
            [share_fractions(c.share, partners) for c in scenario.one_off_costs], len(partners)
        ),
    )
    return Plan(
        start=scenario.start,
        years=scenario.years,
        partner_ids=tuple(p.id for p in partners),
        partner_names=tuple(p.name for p in partners),
        sections=sections,
        one_off=one_off,
        gaps=_matrix(
            [gap_by_year(p, scenario.start, scenario.years) for p in partners], scenario.years
        ),
        discount_factors=discount_factors(scenario.discount_rate, scenario.years),
        discount_rate=scenario.discount_rate,
    )


def _matrix(rows: list[Array], width: int) -> Array:
    if not rows:
        return np.zeros((0, width))
    return np.vstack(rows)


def ramp_factor(stream: Stream, k: int) -> float:
    """Fraction of `annual` delivered in the k-th year counted from `from` (k = 0, 1, ...)."""
    return stream.ramp[k] if k < len(stream.ramp) else 1.0


def stream_amounts(stream: Stream, start: int, years: int, delay: int = 0) -> Array:
    """`annual` x ramp x confidence in each year from `from` to `until`; a delay shifts the
    whole stream, ramp included."""
    first = (stream.from_ if stream.from_ is not None else start) + delay
    last = stream.until + delay if stream.until is not None else None
    out = np.zeros(years)
    for t in range(years):
        year = start + t
        if year < first or (last is not None and year > last):
            continue
        out[t] = stream.annual * ramp_factor(stream, year - first) * stream.confidence
    return out


def one_off_amounts(cost: OneOffCost, start: int, years: int, delay: int = 0) -> Array:
    """The amount spread over the horizon by `year` or `phasing`."""
    out = np.zeros(years)
    for year, fraction in cost.phased():
        t = year + delay - start
        if 0 <= t < years:
            out[t] += cost.amount * fraction
    return out


def share_fractions(share: Share, partners: tuple[Partner, ...]) -> Array:
    """Each partner's fraction of a figure, in partner order."""
    ids = [p.id for p in partners]
    if share.kind == "equal":
        return np.full(len(ids), 1.0 / len(ids))
    if share.kind == "partner":
        return np.array([1.0 if pid == share.partner else 0.0 for pid in ids])
    if share.kind == "weight":
        assert share.weight is not None
        weights = np.array([p.weights[share.weight] for p in partners], dtype=np.float64)
        fractions: Array = weights / weights.sum()
        return fractions
    fixed = dict(share.fixed)
    return np.array([fixed.get(pid, 0.0) for pid in ids])


def gap_by_year(partner: Partner, start: int, years: int) -> Array:
    """The recurring saving needed each year: the nearest listed year at or before it, 0
    before the first listed year; a single amount applies to every year."""
    gap = partner.budget_gap
    if gap is None:
        return np.zeros(years)
    if isinstance(gap, float):
        return np.full(years, gap)
    out = np.zeros(years)
    for t in range(years):
        listed = [amount for year, amount in gap if year <= start + t]
        if listed:
            out[t] = listed[-1]
    return out
