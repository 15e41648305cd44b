"""A validated scenario compiled to arrays: each item's amount by year and split by partner.

Compiling once and projecting many times is what lets the risk commands run thousands of
draws through the same calculation as `bizcase run`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np

from bizcase.engine.amounts import (
    gap_by_year,
    item_amounts,
    share_fractions,
    stream_amounts,
    uplift,
)
from bizcase.engine.arrays import Array
from bizcase.engine.council_tax import Flag, harmonise
from bizcase.engine.funding import Funding, compile_funding
from bizcase.engine.structure_shares import gaps_by_year, shares_by_year
from bizcase.model.discount import DiscountRate
from bizcase.model.scenario import SECTIONS, Item, OneOffCost, Risk, Scenario, Stream
from bizcase.model.structure import structure_of
from bizcase.records import frozen


@frozen
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
    year_shares: Array | None = None
    """Where councils change shape: each view's share by year, (items, views, years);
    `shares` is then the first year's."""

    @property
    def amounts(self) -> Array:
        return self.delayed[0]

    @property
    def size(self) -> int:
        return len(self.names)


BLOCKS = (*SECTIONS, "one_off_costs", "risk_costs")
"""The item blocks of a plan: the three recurring sections, one-off costs, then the risk
register (each risk at its expected value)."""


@frozen
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
    price_base: int = 0
    index_factors: dict[str, Array] | None = None
    """Each price index's factor by year of the horizon, relative to `price_base`."""
    deflators: Array | None = None
    """The GDP deflator's factor by year (None: none given, so cash is real)."""
    funding: Funding | None = None
    """How one-off costs are funded and each partner's reserves, where the file says."""
    exists: Array | None = None
    """Where councils change shape: which partners exist each year, (partners, years)."""
    extra_income: Array | None = None
    """Council tax harmonisation in a merger, (partners + total, years): income no item
    writes, added to every draw."""
    referendum_flags: tuple[Flag, ...] = ()
    """Harmonised years whose Band D rise is above an area's referendum limit."""

    @cached_property
    def present_factors(self) -> Array:
        """What a cash amount of each year is worth today: the discount factor over the
        deflator (the Green Book discounts real flows)."""
        if self.deflators is None:
            return self.discount_factors
        factors: Array = self.discount_factors / self.deflators
        return factors

    @property
    def gap_views(self) -> Array:
        """Budget gaps per view, (1, partners + total, years): the total's is the sum over
        the partners that exist that year (a predecessor's view after it ends is its area's
        share of its successor, already counted)."""
        live = self.gaps if self.exists is None else self.gaps * self.exists
        views: Array = np.vstack([self.gaps, live.sum(axis=0, keepdims=True)])
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
    indices = price_factors(scenario)
    structure = structure_of(scenario)
    changes = structure.changes
    blocks: dict[str, Block] = {}
    for name in BLOCKS:
        items: Sequence[Item] = block_items(scenario, name)
        year_shares = shares_by_year(scenario, structure, items) if changes else None
        shares = (
            year_shares[:, :-1, 0]
            if year_shares is not None
            else _matrix([share_fractions(item.share, partners) for item in items], len(partners))
        )
        delayed = {
            k: _matrix(
                [item_amounts(item, start, years, k, _index(indices, item)) for item in items],
                years,
            )
            for k in slips
        }
        blocks[name] = Block(
            names=tuple(item.name for item in items),
            delayed=delayed,
            shares=shares,
            weighted={k: _weighted(amounts, shares, year_shares) for k, amounts in delayed.items()},
            uplifts=np.array([uplift(item) for item in items], dtype=np.float64),
            year_shares=year_shares,
        )
    harmonised = harmonise(scenario, structure)
    gaps, exists = (
        gaps_by_year(scenario, structure)
        if changes
        else (_matrix([gap_by_year(p, start, years) for p in partners], years), None)
    )
    deflator = None if scenario.prices is None else scenario.prices.deflator
    return Plan(
        start=start,
        years=years,
        partner_ids=tuple(p.id for p in partners),
        partner_names=tuple(p.name for p in partners),
        blocks=blocks,
        gaps=gaps,
        discount_factors=np.array(scenario.discount_rate.factors(years)),
        discount_rate=scenario.discount_rate,
        non_cashable=_non_cashable(scenario, blocks["savings"], indices),
        partly_cashable=any(s.cashable < 1.0 for s in scenario.savings),
        price_base=scenario.price_base,
        index_factors=indices or None,
        deflators=(
            None
            if deflator is None
            else np.array(deflator.factors(scenario.price_base, start, scenario.end))
        ),
        funding=compile_funding(scenario, structure),
        exists=exists,
        extra_income=None if harmonised is None else harmonised.income,
        referendum_flags=() if harmonised is None else harmonised.flags,
    )


def price_factors(scenario: Scenario) -> dict[str, Array]:
    """Each price index's factor by year of the horizon, relative to the base year."""
    if scenario.prices is None:
        return {}
    base = scenario.price_base
    return {
        name: np.array(rate.factors(base, scenario.start, scenario.end))
        for name, rate in scenario.prices.indices.items()
    }


def _index(indices: dict[str, Array], item: Item) -> Array | None:
    return None if item.index is None else indices[item.index]


def _non_cashable(scenario: Scenario, savings: Block, indices: dict[str, Array]) -> Array:
    """Each view's savings that are not cashable: amount x index x (1 - cashable) x share."""
    start, years = scenario.start, scenario.years
    views = len(scenario.partners) + 1
    rows = [
        stream_amounts(s, start, years) * _factor(indices, s) * (1.0 - s.cashable)
        for s in scenario.savings
    ]
    if not rows:
        return np.zeros((views, years))
    weighted = _weighted(np.vstack(rows), savings.shares, savings.year_shares)
    summed: Array = weighted.sum(axis=0).reshape(views, years)
    return summed


def _factor(indices: dict[str, Array], item: Item) -> Array | float:
    found = _index(indices, item)
    return 1.0 if found is None else found


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


def _weighted(amounts: Array, shares: Array, year_shares: Array | None = None) -> Array:
    items, years = amounts.shape
    if year_shares is not None:
        by_year: Array = (amounts[:, np.newaxis, :] * year_shares).reshape(
            items, year_shares.shape[1] * years
        )
        return by_year
    views = np.hstack([shares, np.ones((items, 1))]) if items else np.zeros((0, 1))
    weighted = amounts[:, np.newaxis, :] * views[:, :, np.newaxis]
    result: Array = weighted.reshape(items, views.shape[1] * years)
    return result


def _matrix(rows: list[Array], width: int) -> Array:
    if not rows:
        return np.zeros((0, width))
    return np.vstack(rows)


def item_row(plan: Plan, block: str, position: int, item: Item) -> Array:
    """The row of `Block.weighted[0]` that `item`, put at `position` of `block` in place of
    the item there, would have had had the plan been compiled with it: its amounts by
    year times each view's share, computed as `compile_plan` computes them (the same
    operations, so the same figures to the bit). Its share must be the replaced item's."""
    indices = plan.index_factors or {}
    amounts = item_amounts(item, plan.start, plan.years, 0, _index(indices, item))
    found = plan.blocks[block]
    shares = found.shares[position : position + 1]
    year_shares = None if found.year_shares is None else found.year_shares[position : position + 1]
    row: Array = _weighted(amounts[np.newaxis], shares, year_shares)[0]
    return row
