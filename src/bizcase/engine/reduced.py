"""The few figures a simulation keeps, for the views asked for only.

`project` works out every figure of every view (partners, then the total) for each draw; a
simulation keeps six numbers per draw and view. Here the plan's weighted matrices are cut to
the columns of the views asked for, so `--partner p0` on a file with 50 partners projects
one view, not 51. The total needs more than its own columns in two places, both handled
here: its gap status is `partial` when some partners give a gap and some do not (decided on
every partner's gap), and the capital receipts it uses are the sum of each partner's, each
capped by that partner's own receipts. The figures are those of `project` for the same
views, with the same arithmetic, except that BLAS may add a product's terms in another order
when fewer columns are asked for (a difference in the last bit, far below a penny).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.arrays import Array
from bizcase.engine.plan import BLOCKS
from bizcase.engine.projection import (
    NONE_INDEX,
    ZERO_TOLERANCE,
    Draws,
    first_index_holding_to_end,
    running_sum,
)
from bizcase.engine.reduced_funding import reserves
from bizcase.engine.view_plan import ViewPlan, block_part
from bizcase.records import frozen


@frozen
class Figures:
    """Per draw and view asked for, (draws, views): what a simulation keeps."""

    npv: Array
    total_net: Array
    """The final year's cumulative net."""
    remaining_gap: Array
    """The final year's remaining gap."""
    payback_index: NDArray[np.int64]
    gap_closed_index: NDArray[np.int64]
    reserves_lowest: Array
    """NaN for a view whose balance is not followed."""
    reserves_above: NDArray[np.bool_]


def reduced(cut: ViewPlan, draws: Draws) -> Figures:
    """The figures a simulation keeps, for the views of `cut`."""
    plan, views = cut.plan, cut.views
    shape = (draws.count, len(views), plan.years)
    parts = {name: block_part(cut, name, draws, views) for name in BLOCKS}
    savings, income, costs, one_off, risks = (parts[name] for name in BLOCKS)
    if plan.extra_income is not None:
        extra = plan.extra_income[list(views)][np.newaxis]
        income = np.broadcast_to(extra, shape).copy() if income is None else income + extra
    net_recurring = _recurring(shape, savings, income, costs)
    net = net_recurring if one_off is None else net_recurring - one_off
    if risks is not None:
        net = net - risks
    gap, partial = _gaps(cut, draws, shape)
    cumulative = running_sum(net)
    remaining = gap - net_recurring
    outlays = one_off if risks is None else (risks if one_off is None else one_off + risks)
    lowest, above = reserves(cut, draws, remaining)
    return Figures(
        npv=net @ plan.present_factors,
        total_net=cumulative[..., -1],
        remaining_gap=remaining[..., -1],
        payback_index=_payback_index(outlays, net, cumulative),
        gap_closed_index=_gap_closed_index(gap, remaining, partial, cut.total_column),
        reserves_lowest=lowest,
        reserves_above=above,
    )


def _recurring(
    shape: tuple[int, ...], savings: Array | None, income: Array | None, costs: Array | None
) -> Array:
    """savings + income - costs, added in `project`'s order."""
    present = [(values, sign) for values, sign in ((savings, 1), (income, 1), (costs, -1))]
    kept = [(values, sign) for values, sign in present if values is not None]
    if len(kept) == 1 and kept[0][1] > 0:
        return kept[0][0]
    out: Array | None = None
    for values, sign in kept:
        if out is None:
            out = values.copy() if sign > 0 else -values
        elif sign > 0:
            out += values
        else:
            out -= values
    return np.zeros(shape) if out is None else out


def _gaps(
    cut: ViewPlan, draws: Draws, shape: tuple[int, ...]
) -> tuple[Array, NDArray[np.bool_] | bool]:
    """The views' budget gaps, and whether the total's gap is partial (some partners give a
    gap, some do not), per draw where gaps vary."""
    plan, views = cut.plan, list(cut.views)
    if draws.gap_scale is None or not (draws.gap_scale != 1.0).any():
        has = (np.abs(plan.gaps) > ZERO_TOLERANCE).any(axis=-1)
        return np.broadcast_to(plan.gap_views[:, views], shape), bool(has.any() and not has.all())
    scaled = draws.gap_scale[:, :, np.newaxis] * plan.gaps[np.newaxis]
    out = np.empty(shape)
    for column, view in enumerate(views):
        out[:, column] = scaled.sum(axis=1) if view == cut.partners else scaled[:, view]
    has_gap = (np.abs(scaled) > ZERO_TOLERANCE).any(axis=-1)
    varies = np.asarray(has_gap.any(axis=-1) & ~has_gap.all(axis=-1), dtype=np.bool_)
    return out, varies


def _payback_index(outlays: Array | None, net: Array, cumulative: Array) -> NDArray[np.int64]:
    """As `projection.payback`'s index: the first year from which the cumulative net stays
    at or above zero, where there is something to pay back and it is paid back."""
    spent = (net < -ZERO_TOLERANCE).any(axis=-1)
    if outlays is not None:
        spent |= (outlays > ZERO_TOLERANCE).any(axis=-1)
    paid = spent & (cumulative[..., -1] >= -ZERO_TOLERANCE)
    first = first_index_holding_to_end(cumulative >= -ZERO_TOLERANCE)
    index: NDArray[np.int64] = np.where(paid, first, NONE_INDEX).astype(np.int64)
    return index


def _gap_closed_index(
    gap: Array, remaining: Array, partial: NDArray[np.bool_] | bool, total: int | None
) -> NDArray[np.int64]:
    """As `projection.gap_closure`'s index: closed from the later of the year after the last
    short year and the first year with a gap, where the gap is closed (never for the total,
    column `total`, where it is partial)."""
    years = gap.shape[-1]
    base = gap[:1] if gap.strides[0] == 0 else gap  # gaps as written: the same every draw
    given = np.abs(base) > ZERO_TOLERANCE
    short = remaining > ZERO_TOLERANCE
    last_short = np.where(short.any(axis=-1), years - 1 - np.argmax(short[..., ::-1], -1), -1)
    closed = given.any(axis=-1) & (last_short != years - 1)
    if total is not None:
        closed[:, total] &= np.logical_not(partial)
    index = np.where(closed, np.maximum(last_short + 1, np.argmax(given, axis=-1)), NONE_INDEX)
    return index.astype(np.int64)
