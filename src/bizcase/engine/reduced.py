"""The few figures a simulation keeps, for the views asked for only.

`project` works out every figure of every view (partners, then the total) for each draw; a
simulation keeps six numbers per draw and view. Here the plan's weighted matrices are cut to
the columns of the views asked for, so `--partner p0` on a file with 50 partners projects
one view, not 51. The total needs more than its own columns in two places, both handled
here: its gap status is `partial` when some partners give a gap and some do not (decided on
every partner's gap), and the capital receipts it uses are the sum of each partner's, each
capped by that partner's own receipts. The figures are those of `project` for the same
views, term by term, but laid out year by year from the start: each block's product is taken
the other way round, straight into that layout, and the NPV is one product of the
present-value factors with every year's net. BLAS may add a product's terms in another order
than `project`'s (a difference in the last bit or two, far below a penny).
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.arrays import Array
from bizcase.engine.plan import BLOCKS, Plan
from bizcase.engine.projection import NONE_INDEX, ZERO_TOLERANCE, Draws
from bizcase.engine.reduced_funding import reserves, reserves_followed
from bizcase.engine.view_plan import ViewPlan, block_by_year
from bizcase.engine.workspace import Workspace
from bizcase.engine.year_major import Years, by_year, first_true, last_true, through_years
from bizcase.records import frozen

D = TypeVar("D", bound=np.generic)


@frozen
class Figures:
    """Per draw and view asked for, (draws, views): what a simulation keeps."""

    npv: Array
    total_net: Array
    """The final year's cumulative net."""
    remaining_gap: Array
    """The final year's remaining gap."""
    payback_index: NDArray[np.int16]
    gap_closed_index: NDArray[np.int16]
    reserves_lowest: Array
    """NaN for a view whose balance is not followed."""
    reserves_above: NDArray[np.bool_]


def reduced(cut: ViewPlan, draws: Draws, space: Workspace | None = None) -> Figures:
    """The figures a simulation keeps, for the views of `cut`. Every figure is worked out
    laid out year by year (`bizcase.engine.year_major`): the blocks' products are written
    that way, the years are gone through in order, and the NPV is one product of the
    present-value factors with every year's net. Large arrays are taken from `space` (a
    simulation's, reused chunk after chunk), else fresh."""
    space = Workspace() if space is None else space
    plan, views = cut.plan, cut.views
    n, years, width = draws.count, plan.years, len(views)
    shape = (years, width, n)
    parts = {
        name: block_by_year(cut, name, draws, views, space.floats(f"{name} by year", shape))
        for name in BLOCKS
    }
    savings, income, costs, one_off, risks = (parts[name] for name in BLOCKS)
    if plan.extra_income is not None:
        extra = cut.constant("extra income by year", lambda: _by_year_of(plan, views))
        income = extra if income is None else income + extra
    recurring = _recurring(savings, income, costs, space.floats("recurring", shape))
    net = _net(recurring, one_off, risks, space.floats("net", shape))
    gap, partial = _gaps(cut, draws, (n, width, years))
    gap_y = cut.gaps_by_year if gap is None else by_year(gap, space.floats("gap", shape))
    outlays = _outlays_spent(cut, one_off, risks, space.floats("outlays", shape))
    # A year's net below zero counts only where no outlay already does.
    lows = outlays is None or not outlays.all()
    follows = reserves_followed(cut)
    found = through_years(net, recurring, gap_y, space, (follows, lows))
    remaining = found.remaining_by_year
    lowest, above = reserves(
        cut, draws, None if remaining is None else remaining.transpose(2, 1, 0)
    )
    given = cut.gaps_given if gap is None else np.abs(gap_y) > ZERO_TOLERANCE
    spent = _spent(found.lowest_net, outlays)
    closed = _gap_closed_index(given, found.short, partial, cut.total_column)
    paid = _payback_index(spent, found)
    npv = np.matmul(plan.present_factors, net.reshape(years, width * n))
    return Figures(
        npv=npv.reshape(width, n).T,
        total_net=_by_draw(found.cumulative),
        remaining_gap=_by_draw(found.remaining),
        payback_index=_by_draw(paid),
        gap_closed_index=_by_draw(closed),
        reserves_lowest=lowest,
        reserves_above=above,
    )


def _by_year_of(plan: Plan, views: tuple[int, ...]) -> Array:
    """The views' extra income (the same every draw) by year: (years, views, 1)."""
    assert plan.extra_income is not None
    extra: Array = np.ascontiguousarray(plan.extra_income[list(views)].T)[:, :, np.newaxis]
    return extra


def _by_draw(values: NDArray[D]) -> NDArray[D]:
    """(views, draws) as (draws, views), as the simulation keeps figures: always a copy,
    never the workspace's own array. The copy keeps the layout by view (the array is the
    transpose of a contiguous one): whoever keeps the figures copies them again anyway, and
    a transposing copy of a few long rows costs ten times a straight one."""
    return values.copy().T


def _net(recurring: Array, one_off: Array | None, risks: Array | None, out: Array) -> Array:
    """The net, recurring less one-off costs, less risks (in `project`'s order), for every
    draw: in `out` unless the recurring net is already every draw's and nothing is spent."""
    if one_off is None and risks is None:
        if recurring.shape == out.shape:
            return recurring
        np.copyto(out, recurring)
        return out
    net = recurring if one_off is None else np.subtract(recurring, one_off, out=out)
    return net if risks is None else np.subtract(net, risks, out=out)


def _recurring(
    savings: Array | None, income: Array | None, costs: Array | None, out: Array
) -> Array:
    """savings + income - costs, added in `project`'s order."""
    present = [(values, sign) for values, sign in ((savings, 1), (income, 1), (costs, -1))]
    kept = [(values, sign) for values, sign in present if values is not None]
    if len(kept) == 1 and kept[0][1] > 0:
        return kept[0][0]
    if not kept:
        out.fill(0.0)
    for k, (values, sign) in enumerate(kept):
        if k == 0:
            np.copyto(out, values) if sign > 0 else np.negative(values, out=out)
        elif sign > 0:
            out += values
        else:
            out -= values
    return out


def _gaps(
    cut: ViewPlan, draws: Draws, shape: tuple[int, ...]
) -> tuple[Array | None, NDArray[np.bool_] | bool]:
    """The views' budget gaps where they vary (None where they are as written), and whether
    the total's gap is partial (some partners give a gap, some do not), per draw where gaps
    vary."""
    plan, views = cut.plan, list(cut.views)
    if draws.gap_scale is None or not (draws.gap_scale != 1.0).any():
        return None, cut.gaps_partial
    scaled = draws.gap_scale[:, :, np.newaxis] * plan.gaps[np.newaxis]
    out = np.empty(shape)
    for column, view in enumerate(views):
        out[:, column] = scaled.sum(axis=1) if view == cut.partners else scaled[:, view]
    has_gap = (np.abs(scaled) > ZERO_TOLERANCE).any(axis=-1)
    varies = np.asarray(has_gap.any(axis=-1) & ~has_gap.all(axis=-1), dtype=np.bool_)
    return out, varies


def _outlays_spent(
    cut: ViewPlan, one_off: Array | None, risks: Array | None, out: Array
) -> NDArray[np.bool_] | None:
    """Whether some year's outlays are above zero (by year), or None without outlays; for
    outlays nothing varies in, worked out once."""
    if one_off is not None and risks is not None:
        return _above_zero(np.add(one_off, risks, out=out))
    outlays = one_off if risks is None else risks
    return None if outlays is None else cut.once(outlays, "above zero", _above_zero)


def _spent(lowest_net: Array | None, outlays: NDArray[np.bool_] | None) -> NDArray[np.bool_]:
    """Whether there is something to pay back: a year whose net is below zero (where it
    was looked for), or whose outlays are above it."""
    if lowest_net is None:
        assert outlays is not None
        return outlays
    spent: NDArray[np.bool_] = lowest_net < -ZERO_TOLERANCE
    return spent if outlays is None else spent | outlays


def _above_zero(outlay: Array) -> NDArray[np.bool_]:
    """Whether some year (the first axis) is above zero; fmax skips NaN, as comparisons do."""
    above: NDArray[np.bool_] = np.fmax.reduce(outlay, axis=0) > ZERO_TOLERANCE
    return above


def _payback_index(spent: NDArray[np.bool_], found: Years) -> NDArray[np.int16]:
    """As `projection.payback`'s index: the first year from which the cumulative net stays
    at or above zero, where there is something to pay back and it is paid back."""
    paid = spent & (found.cumulative >= -ZERO_TOLERANCE)
    first = last_true(found.below, overwrite=True)  # the year after the last year below
    return np.where(paid, first, np.int16(NONE_INDEX))


def _gap_closed_index(
    given: NDArray[np.bool_],
    short: NDArray[np.bool_],
    partial: NDArray[np.bool_] | bool,
    total: int | None,
) -> NDArray[np.int16]:
    """As `projection.gap_closure`'s index: closed from the later of the year after the last
    short year and the first year with a gap, where the gap is closed (never for the total,
    column `total`, where it is partial). By year; `given`, whether there is a gap, may be
    one draw's where gaps do not vary."""
    years = short.shape[0]
    after_short = last_true(short, overwrite=True)
    closed = np.logical_or.reduce(given, axis=0) & (after_short != years)
    if total is not None:
        closed[total] &= np.logical_not(partial)
    opened = np.maximum(after_short, first_true(given))
    return np.where(closed, opened, np.int16(NONE_INDEX))
