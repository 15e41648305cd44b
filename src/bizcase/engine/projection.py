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
    savings, income, costs, one_off = (_block(plan, name, draws) for name in BLOCKS)
    gaps = plan.gaps[np.newaxis]
    if draws.gap_scale is not None:
        gaps = draws.gap_scale[:, :, np.newaxis] * gaps
    gap = _with_total(np.broadcast_to(gaps, (draws.count, *plan.gaps.shape)))
    net_recurring = savings + income - costs
    net = net_recurring - one_off
    cumulative = np.cumsum(net, axis=-1)
    remaining = gap - net_recurring
    last_gap = gap[..., -1]
    with np.errstate(divide="ignore", invalid="ignore"):
        coverage = np.where(
            np.abs(last_gap) > ZERO_TOLERANCE, net_recurring[..., -1] / last_gap, np.nan
        )
    return Projection(
        savings=savings,
        income=income,
        costs=costs,
        one_off_costs=one_off,
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


def _block(plan: Plan, name: str, draws: Draws) -> Array:
    """Partners' shares of one block's items, summed: (draws, partners + total, years).

    Each item's amount by year is fixed up to its scale and delay, so the sum over items
    is one matrix product per delay: scale (draws, items) @ amount x share (items, p x t).
    """
    block = plan.blocks[name]
    partners, years = len(plan.partner_ids), plan.years
    scale = draws.scale.get(name)
    if scale is None:
        scale = np.ones((draws.count, block.size))
    delay = draws.delay.get(name)
    out = np.zeros((draws.count, partners * years))
    for k in range(block.delayed.shape[0] if delay is not None else 1):
        coeff = scale if delay is None else np.where(delay == k, scale, 0.0)
        if k > 0 and not coeff.any():
            continue
        weighted = block.delayed[k][:, np.newaxis, :] * block.shares[:, :, np.newaxis]
        out += coeff @ weighted.reshape(block.size, partners * years)
    return _with_total(out.reshape(draws.count, partners, years))


def _with_total(per_partner: Array) -> Array:
    """Append the total view: the sum over partners, added in partner order."""
    total = np.zeros_like(per_partner[:, :1, :])
    for p in range(per_partner.shape[1]):
        total[:, 0, :] += per_partner[:, p, :]
    return np.concatenate([per_partner, total], axis=1)


def first_index_holding_to_end(condition: NDArray[np.bool_]) -> NDArray[np.int64]:
    """The earliest index from which `condition` holds to the last year; -1 if it fails in
    the last year. Works along the last axis."""
    holds_to_end = np.logical_and.accumulate(condition[..., ::-1], axis=-1)[..., ::-1]
    years = condition.shape[-1]
    count = holds_to_end.sum(axis=-1)
    index = np.where(count > 0, years - count, NONE_INDEX)
    return index.astype(np.int64)
