"""A validated scenario compiled to arrays: each item's amount by year and split by partner.

Compiling once and projecting many times is what lets the risk commands run thousands of
draws through the same calculation as `bizcase run`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from bizcase.model.discount import DiscountRate
from bizcase.model.scenario import SECTIONS, Item, OneOffCost, Partner, Risk, Scenario, Stream
from bizcase.model.shares import Share

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Block:
    """Items of one section: `amounts[i, t]` in pounds and `shares[i, p]` as fractions.

    `delayed[k][i, t]` is the amount if item i slips by k whole years (k = 0 is `amounts`),
    precomputed so that a draw of delays is a choice, not a recalculation. Only the slips
    some item can take are held (0, 1 for sensitivity, and each `delay` written), so one
    `delay: {10: 100%}` costs one more slip, not ten.
    """

    names: tuple[str, ...]
    delayed: dict[int, Array]
    shares: Array
    weighted: dict[int, Array]
    """`weighted[k][i, v * years + t]`: item i's amount in year t, slipped by k years, times
    view v's share of it (the last view, the total, takes the whole amount)."""
    uplifts: Array
    """Each item's optimism-bias uplift (0 where none): its amounts include it."""

    @property
    def amounts(self) -> Array:
        return self.delayed[0]

    @property
    def size(self) -> int:
        return len(self.names)


BLOCKS = (*SECTIONS, "one_off_costs", "risk_costs")
"""The item blocks of a plan: the three recurring sections, one-off costs, then the risk
register (each risk at its expected value)."""


@dataclass(frozen=True)
class Plan:
    """Everything the projection needs, as arrays over (item, year) and (partner, year)."""

    start: int
    years: int
    partner_ids: tuple[str, ...]
    partner_names: tuple[str, ...]
    blocks: dict[str, Block]
    gaps: Array
    discount_factors: Array
    discount_rate: DiscountRate
    non_cashable: Array
    """Savings that do not come off a budget, (partners + total, years), as written."""
    partly_cashable: bool = False
    """Whether any saving stream says `cashable` below 100% (then an economic NPV too)."""

    @property
    def gap_views(self) -> Array:
        """Budget gaps per view, (1, partners + total, years)."""
        views: Array = np.vstack([self.gaps, self.gaps.sum(axis=0, keepdims=True)])
        return views[np.newaxis]

    @property
    def calendar_years(self) -> list[int]:
        return [self.start + t for t in range(self.years)]

    @property
    def max_delay(self) -> int:
        return max(self.blocks["savings"].delayed)

    @cached_property
    def optimism_bias(self) -> Array:
        """The optimism-bias part of each view's costs as written, (partners + total, years):
        each cost's amount x uplift / (1 + uplift), as its amounts include the uplift."""
        views = len(self.partner_ids) + 1
        found = np.zeros(views * self.years)
        for name in ("costs", "one_off_costs"):
            block = self.blocks[name]
            if block.size:
                part = block.uplifts / (1.0 + block.uplifts)
                found += (block.weighted[0] * part[:, np.newaxis]).sum(axis=0)
        return found.reshape(views, self.years)


def compile_plan(scenario: Scenario, max_delay: int | None = None) -> Plan:
    """Amounts, shares, gaps and discount factors for a validated scenario.

    Amounts are precomputed for slips of 0 years, 1 year (for sensitivity analysis) and
    every delay an item allows; or for 0 to `max_delay` years when given.
    """
    slips = (
        sorted({0, 1, *(k for item in items_of(scenario) for k, _ in item.delay or ())})
        if max_delay is None
        else list(range(max_delay + 1))
    )
    partners = scenario.partners
    start, years = scenario.start, scenario.years
    blocks: dict[str, Block] = {}
    for name in BLOCKS:
        items: Sequence[Item] = block_items(scenario, name)
        shares = _matrix([share_fractions(item.share, partners) for item in items], len(partners))
        delayed = {
            k: _matrix([item_amounts(item, start, years, k) for item in items], years)
            for k in slips
        }
        blocks[name] = Block(
            names=tuple(item.name for item in items),
            delayed=delayed,
            shares=shares,
            weighted={k: _weighted(amounts, shares) for k, amounts in delayed.items()},
            uplifts=np.array([uplift(item) for item in items], dtype=np.float64),
        )
    return Plan(
        start=start,
        years=years,
        partner_ids=tuple(p.id for p in partners),
        partner_names=tuple(p.name for p in partners),
        blocks=blocks,
        gaps=_matrix([gap_by_year(p, start, years) for p in partners], years),
        discount_factors=np.array(scenario.discount_rate.factors(years)),
        discount_rate=scenario.discount_rate,
        non_cashable=_non_cashable(scenario, blocks["savings"].shares),
        partly_cashable=any(s.cashable < 1.0 for s in scenario.savings),
    )


def _non_cashable(scenario: Scenario, shares: Array) -> Array:
    """Each view's savings that are not cashable: amount x (1 - cashable) x share."""
    start, years = scenario.start, scenario.years
    views = len(scenario.partners) + 1
    rows = [stream_amounts(s, start, years) * (1.0 - s.cashable) for s in scenario.savings]
    if not rows:
        return np.zeros((views, years))
    weighted = _weighted(np.vstack(rows), shares)
    summed: Array = weighted.sum(axis=0).reshape(views, years)
    return summed


def block_items(
    scenario: Scenario, block: str
) -> tuple[Stream, ...] | tuple[OneOffCost, ...] | tuple[Risk, ...]:
    """The scenario's items in one block, in file order."""
    if block == "one_off_costs":
        return scenario.one_off_costs
    if block == "risk_costs":
        return scenario.risks
    return scenario.section(block)


def items_of(scenario: Scenario) -> list[Item]:
    """Every item of every block, in block order."""
    return [item for block in BLOCKS for item in block_items(scenario, block)]


def _weighted(amounts: Array, shares: Array) -> Array:
    items, years = amounts.shape
    views = np.hstack([shares, np.ones((items, 1))]) if items else np.zeros((0, 1))
    weighted = amounts[:, np.newaxis, :] * views[:, :, np.newaxis]
    result: Array = weighted.reshape(items, views.shape[1] * years)
    return result


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


def item_amounts(item: Item, start: int, years: int, delay: int = 0) -> Array:
    """An item's amount in each year of the horizon: optimism bias included (the Green
    Book appraises with it), and a risk at its expected value."""
    if isinstance(item, Risk):
        return risk_amounts(item, start, years, delay) * item.probability
    if isinstance(item, OneOffCost):
        amounts = one_off_amounts(item, start, years, delay)
    else:
        amounts = stream_amounts(item, start, years, delay) * item.cashable
    factor = 1.0 + uplift(item)
    return amounts * factor if factor != 1.0 else amounts


def risk_amounts(risk: Risk, start: int, years: int, delay: int = 0) -> Array:
    """What a risk costs in each year should it occur: its impact as phased, or its
    `annual` cost from `from` to `until`."""
    out = np.zeros(years)
    if risk.impact is not None:
        for year, fraction in risk.phased():
            t = year + delay - start
            if 0 <= t < years:
                out[t] += risk.impact * fraction
        return out
    assert risk.annual is not None
    first = (risk.from_ if risk.from_ is not None else start) + delay
    last = risk.until + delay if risk.until is not None else None
    for t in range(years):
        if start + t >= first and (last is None or start + t <= last):
            out[t] = risk.annual
    return out


def uplift(item: Item) -> float:
    """The item's optimism-bias uplift as a fraction, 0 where it gives none."""
    return 0.0 if item.optimism_bias is None else item.optimism_bias.uplift


def one_off_amounts(cost: OneOffCost, start: int, years: int, delay: int = 0) -> Array:
    """The amount spread over the horizon by `year` or `phasing`; nothing for a sunk cost,
    however far a delay would move it."""
    out = np.zeros(years)
    if cost.sunk:
        return out
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
