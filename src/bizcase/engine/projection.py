"""The projection: per partner and in total, year by year, over a leading axis of draws.

Arrays are shaped (draws, views, years): views are the partners in order, then the total.
A deterministic run is one draw. Everything here is plain float64 arithmetic in a fixed
order, so the same inputs give the same figures on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import BLOCKS, Array, Plan

ZERO_TOLERANCE = 1e-4
"""Pounds within a hundredth of a penny of zero count as zero when deciding payback and
whether a gap is closed, so floating-point noise can never move a year."""

NONE_INDEX = -1
"""Year index meaning 'never within the horizon' (payback, gap closed)."""


@dataclass(frozen=True)
class Draws:
    """Changes to the scenario as written, one row per draw.

    `scale[block]` (draws, items) multiplies each item's amount in every year; `delay[block]`
    (draws, items) slips each item by whole years, ramp included; `gap_scale` (draws,
    partners) multiplies each partner's budget gap. Blocks not given are as written.
    """

    count: int
    scale: dict[str, Array] = field(default_factory=dict)
    delay: dict[str, NDArray[np.int64]] = field(default_factory=dict)
    gap_scale: Array | None = None


@dataclass(frozen=True)
class Projection:
    """Every figure of the result contract, for each draw and view."""

    savings: Array
    income: Array
    costs: Array
    one_off_costs: Array
    net_recurring: Array
    net: Array
    cumulative_net: Array
    gap: Array
    remaining_gap: Array
    npv: Array
    payback_index: NDArray[np.int64]
    gap_closed_index: NDArray[np.int64]
    coverage: Array

    @property
    def draws(self) -> int:
        return int(self.savings.shape[0])


def project(plan: Plan, draws: Draws | None = None) -> Projection:
    """Run the calculation of the format page for each draw (default: one, as written)."""
    draws = draws or Draws(count=1)
    shape = (draws.count, len(plan.partner_ids) + 1, plan.years)
    savings, income, costs, one_off = (_block(plan, name, draws) for name in BLOCKS)
    net_recurring = _sum_of(shape, (savings, 1.0), (income, 1.0), (costs, -1.0))
    net = net_recurring if one_off is None else net_recurring - one_off
    gap = _gaps(plan, draws, shape)
    cumulative = running_sum(net)
    remaining = gap - net_recurring
    last_gap = gap[..., -1]
    with np.errstate(all="ignore"):  # tiny gaps (1e-320) overflow; masked out below
        coverage = np.where(
            np.abs(last_gap) > ZERO_TOLERANCE, net_recurring[..., -1] / last_gap, np.nan
        )
    zero = np.broadcast_to(np.zeros(1), shape)
    return Projection(
        savings=zero if savings is None else savings,
        income=zero if income is None else income,
        costs=zero if costs is None else costs,
        one_off_costs=zero if one_off is None else one_off,
        net_recurring=net_recurring,
        net=net,
        cumulative_net=cumulative,
        gap=gap,
        remaining_gap=remaining,
        npv=net @ plan.discount_factors,
        payback_index=first_index_holding_to_end(cumulative >= -ZERO_TOLERANCE),
        gap_closed_index=first_index_holding_to_end(remaining <= ZERO_TOLERANCE),
        coverage=coverage,
    )


def _sum_of(shape: tuple[int, ...], *terms: tuple[Array | None, float]) -> Array:
    """savings + income - costs, skipping empty sections without allocating for them."""
    present = [(values, sign) for values, sign in terms if values is not None]
    if len(present) == 1 and present[0][1] > 0:
        only: Array = present[0][0]
        return only
    out: Array | None = None
    for values, sign in present:
        if values is None:
            continue
        if out is None:
            out = values.copy() if sign > 0 else -values
        elif sign > 0:
            out += values
        else:
            out -= values
    return np.zeros(shape) if out is None else out


def _block(plan: Plan, name: str, draws: Draws) -> Array | None:
    """Partners' shares of one block's items, summed: (draws, partners + total, years), or
    None for a block with no items.

    Each item's amount by year is fixed up to its scale and delay, so the sum over items
    is one matrix product per delay: scale (draws, items) @ amount x share (items, views x
    years), the total's column holding each item's whole amount.
    """
    block = plan.blocks[name]
    if block.size == 0:
        return None
    views = len(plan.partner_ids) + 1
    scale = draws.scale.get(name)
    delay = draws.delay.get(name)
    if scale is None:
        scale = np.ones((draws.count, block.size))
    out = (
        scale @ block.weighted[0]
        if delay is None
        else np.where(delay == 0, scale, 0.0) @ (block.weighted[0])
    )
    if delay is not None:
        if not np.isin(delay, list(block.weighted)).all():
            raise ValueError("a draw slips an item by a delay the plan was not compiled for")
        for k, weighted in block.weighted.items():
            if k == 0:
                continue
            coeff = np.where(delay == k, scale, 0.0)
            if coeff.any():
                out += coeff @ weighted
    result: Array = out.reshape(draws.count, views, plan.years)
    return result


def _gaps(plan: Plan, draws: Draws, shape: tuple[int, ...]) -> Array:
    """Budget gaps with the total's: a broadcast view of the plan's when no draw scales them."""
    if draws.gap_scale is None or not (draws.gap_scale != 1.0).any():
        return np.broadcast_to(plan.gap_views, shape)
    scaled = draws.gap_scale[:, :, np.newaxis] * plan.gaps[np.newaxis]
    out = np.empty(shape)
    out[:, :-1] = scaled
    out[:, -1] = scaled.sum(axis=1)
    return out


def first_index_holding_to_end(condition: NDArray[np.bool_]) -> NDArray[np.int64]:
    """The earliest index from which `condition` holds to the last year; -1 if it fails in
    the last year. Works along the last axis, counting back the years it holds."""
    years = condition.shape[-1]
    holding = condition[..., -1].copy()
    count = holding.astype(np.int64)
    for t in range(years - 2, -1, -1):
        holding &= condition[..., t]
        count += holding
    return np.where(count > 0, years - count, NONE_INDEX).astype(np.int64)


def running_sum(values: Array) -> Array:
    """Cumulative sum along years, added strictly in year order (numpy's cumsum is slow
    along a short last axis)."""
    out = np.empty_like(values)
    out[..., 0] = values[..., 0]
    for t in range(1, values.shape[-1]):
        np.add(out[..., t - 1], values[..., t], out=out[..., t])
    return out
