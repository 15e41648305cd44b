"""The projection: per partner and in total, year by year, over a leading axis of draws.

Arrays are shaped (draws, views, years): views are the partners in order, then the total.
A deterministic run is one draw. Everything here is plain float64 arithmetic in a fixed
order, so the same inputs give the same figures on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import Array, Plan

ZERO_TOLERANCE = 1e-4
"""Pounds within a hundredth of a penny of zero count as zero when deciding payback and
whether a gap is closed, so floating-point noise can never move a year."""

NONE_INDEX = -1
"""Year index meaning 'never within the horizon' (payback, gap closed)."""


@dataclass(frozen=True)
class Inputs:
    """Amounts for one or many draws: `sections[name]` is (draws, items, years), `one_off`
    (draws, costs, years), `gaps` (draws, partners, years)."""

    sections: dict[str, Array]
    one_off: Array
    gaps: Array


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


def base_inputs(plan: Plan) -> Inputs:
    """The scenario as written: a single draw."""
    return Inputs(
        sections={name: block.amounts[np.newaxis] for name, block in plan.sections.items()},
        one_off=plan.one_off.amounts[np.newaxis],
        gaps=plan.gaps[np.newaxis],
    )


def project(plan: Plan, inputs: Inputs | None = None) -> Projection:
    """Run the calculation of the format page on `inputs` (default: the scenario as written)."""
    inputs = inputs or base_inputs(plan)
    savings = _split(inputs.sections["savings"], plan.sections["savings"].shares)
    income = _split(inputs.sections["income"], plan.sections["income"].shares)
    costs = _split(inputs.sections["costs"], plan.sections["costs"].shares)
    one_off = _split(inputs.one_off, plan.one_off.shares)
    gap = _with_total(inputs.gaps)
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


def _split(amounts: Array, shares: Array) -> Array:
    """(draws, items, years) x (items, partners) -> (draws, partners + total, years)."""
    per_partner = np.einsum("dit,ip->dpt", amounts, shares)
    return _with_total(per_partner)


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
