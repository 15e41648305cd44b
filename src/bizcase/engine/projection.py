"""The projection: per partner and in total, year by year, over a leading axis of draws.

Arrays are shaped (draws, views, years): views are the partners in order, then the total.
A deterministic run is one draw. Everything here is plain float64 arithmetic in a fixed
order, so the same inputs give the same figures on any machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bizcase.engine.arrays import ZERO_TOLERANCE as ZERO_TOLERANCE  # re-exported
from bizcase.engine.arrays import Array
from bizcase.engine.block_sums import block_sum
from bizcase.engine.funding import NO_RESERVES, Funded, fund
from bizcase.engine.plan import BLOCKS, Plan
from bizcase.model.finance import FUNDING_SOURCES
from bizcase.records import field, frozen

if TYPE_CHECKING:
    from numpy.typing import NDArray

NONE_INDEX = -1
"""Year index meaning 'no such year' (payback, gap closed)."""

PAYBACK_STATUSES = ("paid_back", "not_within_horizon", "nothing_to_pay_back")
"""`payback_status` codes: the index into this tuple."""
PAID_BACK, NOT_PAID_BACK, NOTHING_TO_PAY_BACK = range(3)

GAP_STATUSES = ("closed", "not_closed", "no_gap", "partial")
"""`gap_status` codes: the index into this tuple (`partial` only for the total)."""
CLOSED, NOT_CLOSED, NO_GAP, PARTIAL = range(4)


@frozen
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
    rows: dict[str, tuple[tuple[int, ...], Array]] = field(default_factory=dict)
    """Items whose amounts differ by draw (a sweep): `rows[block]` is their positions and
    their rows of `Block.weighted[0]` per draw, (draws, positions, views x years)."""


@frozen
class Projection:
    """Every figure of the result contract, for each draw and view."""

    savings: Array
    income: Array
    costs: Array
    one_off_costs: Array
    risk_costs: Array
    """The risk register at expected value (or, in a simulated case, the risks that
    occurred): part of `net`, not of `net_recurring`."""
    net_recurring: Array
    net: Array
    cumulative_net: Array
    gap: Array
    remaining_gap: Array
    npv: Array
    payback_status: NDArray[np.int8]
    payback_index: NDArray[np.int64]
    """The payback year's index where `payback_status` is paid back, else NONE_INDEX."""
    payback_period: Array
    """Years from the start of the horizon to payback; NaN where not paid back."""
    gap_status: NDArray[np.int8]
    gap_closed_index: NDArray[np.int64]
    """The year the gap is closed from, where `gap_status` is closed, else NONE_INDEX."""
    coverage: Array
    funded: Funded
    """How one-off costs are funded and the reserves left, by draw and view."""

    @property
    def draws(self) -> int:
        return int(self.savings.shape[0])


def project(plan: Plan, draws: Draws | None = None) -> Projection:
    """Run the calculation of the format page for each draw (default: one, as written)."""
    draws = draws or Draws(count=1)
    shape = (draws.count, len(plan.partner_ids) + 1, plan.years)
    savings, income, costs, one_off, risks = (_block(plan, name, draws) for name in BLOCKS)
    if plan.extra_income is not None:
        extra = plan.extra_income[np.newaxis]
        income = np.broadcast_to(extra, shape).copy() if income is None else income + extra
    net_recurring = _sum_of(shape, (savings, 1.0), (income, 1.0), (costs, -1.0))
    net = net_recurring if one_off is None else net_recurring - one_off
    if risks is not None:
        net = net - risks
    gap = _gaps(plan, draws, shape)
    cumulative = running_sum(net)
    remaining = gap - net_recurring
    one_off_costs = np.broadcast_to(np.zeros(1), shape) if one_off is None else one_off
    outlays = one_off_costs if risks is None else one_off_costs + risks
    payback_status, payback_index, payback_period = payback(outlays, net_recurring, net, cumulative)
    gap_status, gap_closed_index = gap_closure(gap, remaining)
    last_gap = gap[..., -1]
    with np.errstate(all="ignore"):  # tiny gaps (1e-320) overflow; masked out below
        coverage = np.where(
            (np.abs(last_gap) > ZERO_TOLERANCE) & (gap_status <= NOT_CLOSED),
            net_recurring[..., -1] / last_gap,
            np.nan,
        )
    zero = np.broadcast_to(np.zeros(1), shape)
    funded = _funded(plan, draws, shape, one_off_costs, remaining)
    return Projection(
        savings=zero if savings is None else savings,
        income=zero if income is None else income,
        costs=zero if costs is None else costs,
        one_off_costs=zero if one_off is None else one_off,
        risk_costs=zero if risks is None else risks,
        net_recurring=net_recurring,
        net=net,
        cumulative_net=cumulative,
        gap=gap,
        remaining_gap=remaining,
        npv=net @ plan.present_factors,
        payback_status=payback_status,
        payback_index=payback_index,
        payback_period=payback_period,
        gap_status=gap_status,
        gap_closed_index=gap_closed_index,
        coverage=coverage,
        funded=funded,
    )


def _funded(
    plan: Plan, draws: Draws, shape: tuple[int, ...], one_off: Array, remaining: Array
) -> Funded:
    """Funding and reserves; where the file says nothing of them, every one-off cost is
    met from reserves and no balance is followed (no arrays are built)."""
    funding = plan.funding
    if funding is None:
        zero = np.broadcast_to(np.zeros(1), shape)
        return Funded(
            from_reserves=one_off,
            from_capital_receipts=zero,
            by_grant=zero,
            reserves=np.broadcast_to(np.full(1, np.nan), shape),
            reserves_status=np.broadcast_to(np.int8(NO_RESERVES), shape[:-1]),
            reserves_lowest=np.broadcast_to(np.full(1, np.nan), shape[:-1]),
            breach_index=np.broadcast_to(np.int64(NONE_INDEX), shape[:-1]),
        )
    parts: dict[str, Array] = {}
    for source in FUNDING_SOURCES:
        part = _block(plan, "one_off_costs", draws, funding.mask(source))
        parts[source] = np.zeros(shape) if part is None else part
    return fund(funding, parts, remaining)


def payback(
    one_off: Array, net_recurring: Array, net: Array, cumulative: Array
) -> tuple[NDArray[np.int8], NDArray[np.int64], Array]:
    """Status, year index and period of payback, along the last axis (years).

    Nothing to pay back: no year has a one-off cost and no year a negative net. Paid back:
    the cumulative net ends at or above zero; the year is the first from which it stays
    there. The period counts one-off costs at the start of their year and the net recurring
    saving as accruing evenly through it: k + f, f = (one_off[k] - C[k-1]) / net_recurring[k],
    C[-1] = 0, f = 0 when that numerator is not above zero, f within [0, 1].
    """
    outlays = (one_off > ZERO_TOLERANCE).any(axis=-1) | (net < -ZERO_TOLERANCE).any(axis=-1)
    ends_up = cumulative[..., -1] >= -ZERO_TOLERANCE
    status = np.where(
        ~outlays, NOTHING_TO_PAY_BACK, np.where(ends_up, PAID_BACK, NOT_PAID_BACK)
    ).astype(np.int8)
    first = first_index_holding_to_end(cumulative >= -ZERO_TOLERANCE)
    index = np.where(status == PAID_BACK, first, NONE_INDEX).astype(np.int64)
    k = np.maximum(index, 0)[..., np.newaxis]
    before = np.where(k > 0, np.take_along_axis(cumulative, np.maximum(k - 1, 0), -1), 0.0)
    numerator = (np.take_along_axis(one_off, k, -1) - before)[..., 0]
    rate = np.take_along_axis(net_recurring, k, -1)[..., 0]
    with np.errstate(all="ignore"):
        fraction = np.where(
            (numerator > ZERO_TOLERANCE) & (rate > 0), np.clip(numerator / rate, 0.0, 1.0), 0.0
        )
    period = np.where(status == PAID_BACK, k[..., 0] + fraction, np.nan)
    return status, index, period


def gap_closure(gap: Array, remaining: Array) -> tuple[NDArray[np.int8], NDArray[np.int64]]:
    """Status of the budget gap and the year index it is closed from, along years.

    No gap: zero in every year. Otherwise with L the last year still short (remaining gap
    above zero): not closed when L is the final year; else closed from the later of the year
    after L and the first year with a gap, so a gap is never "closed" before it exists. The
    total (the last view) is `partial` when some partners give a gap and some do not.
    """
    years = gap.shape[-1]
    has_gap: NDArray[np.bool_] = np.asarray((np.abs(gap) > ZERO_TOLERANCE).any(axis=-1))
    short = remaining > ZERO_TOLERANCE
    last_short = np.where(short.any(axis=-1), years - 1 - np.argmax(short[..., ::-1], -1), -1)
    first_gap = np.argmax(np.abs(gap) > ZERO_TOLERANCE, axis=-1)
    status = np.where(
        ~has_gap, NO_GAP, np.where(last_short == years - 1, NOT_CLOSED, CLOSED)
    ).astype(np.int8)
    partners = has_gap[..., :-1]
    partial = partners.any(axis=-1) & ~partners.all(axis=-1)
    status[..., -1] = np.where(partial, PARTIAL, status[..., -1])
    index = np.where(status == CLOSED, np.maximum(last_short + 1, first_gap), NONE_INDEX)
    return status, index.astype(np.int64)


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


def _block(plan: Plan, name: str, draws: Draws, mask: Array | None = None) -> Array | None:
    """Partners' shares of one block's items, summed (see `block_sum`)."""
    scale, delay, rows = draws.scale.get(name), draws.delay.get(name), draws.rows.get(name)
    return block_sum(plan, name, draws.count, scale, delay, rows, mask)


def _gaps(plan: Plan, draws: Draws, shape: tuple[int, ...]) -> Array:
    """Budget gaps with the total's: a broadcast view of the plan's when no draw scales them."""
    if draws.gap_scale is None or not (draws.gap_scale != 1.0).any():
        return np.broadcast_to(plan.gap_views, shape)
    scaled = draws.gap_scale[:, :, np.newaxis] * plan.gaps[np.newaxis]
    out = np.empty(shape)
    out[:, :-1] = scaled
    out[:, -1] = (scaled if plan.exists is None else scaled * plan.exists).sum(axis=1)
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
