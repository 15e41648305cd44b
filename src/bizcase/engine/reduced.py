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

from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.arrays import Array
from bizcase.engine.plan import BLOCKS
from bizcase.engine.projection import NONE_INDEX, ZERO_TOLERANCE, Draws
from bizcase.engine.reduced_funding import reserves, reserves_followed
from bizcase.engine.view_plan import ViewPlan, block_part
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
    """The figures a simulation keeps, for the views of `cut`. The years are gone through
    laid out year by year (`bizcase.engine.year_major`); the NPV is the same product as
    `project`'s, of the net laid out as there. Large arrays are taken from `space` (a
    simulation's, reused chunk after chunk), else fresh."""
    space = Workspace() if space is None else space
    plan, views = cut.plan, cut.views
    n, years, width = draws.count, plan.years, len(views)
    shape, by_years = (n, width, years), (years, width, n)
    parts = {
        name: block_part(cut, name, draws, views, out=space.floats(name, shape)) for name in BLOCKS
    }
    savings, income, costs, one_off, risks = (parts[name] for name in BLOCKS)
    if plan.extra_income is not None:
        extra = plan.extra_income[list(views)][np.newaxis]
        income = np.broadcast_to(extra, shape).copy() if income is None else income + extra
    recurring = _recurring(shape, savings, income, costs, space.floats("recurring", shape))

    def year_major(values: Array | None, name: str) -> Array | None:
        return None if values is None else cut.by_year(values, space.floats(name, by_years))

    recurring_y, one_off_y, risks_y = (
        year_major(values, f"{name} by year")
        for values, name in ((recurring, "recurring"), (one_off, "one-off"), (risks, "risks"))
    )
    assert recurring_y is not None
    # Laid out by year, the recurring net is no longer needed as it was: the net (for the
    # NPV) is worked out in its place where it is a chunk's own array.
    mine = recurring.flags.writeable and not cut.shared(recurring)
    net = _net(recurring, one_off, risks, recurring if mine else space.floats("net", shape))
    gap, partial = _gaps(cut, draws, shape)
    gap_y = cut.gaps_by_year if gap is None else by_year(gap, space.floats("gap", by_years))
    outlays = _outlays_spent(cut, one_off_y, risks_y, space.floats("outlays", by_years))
    # A year's net below zero counts only where no outlay already does.
    lows = outlays is None or not outlays.all()
    follows = reserves_followed(cut)
    found = through_years(
        recurring_y, (one_off_y, risks_y), gap_y, space, (width, n), (follows, lows)
    )
    remaining = found.remaining_by_year
    lowest, above = reserves(
        cut, draws, None if remaining is None else remaining.transpose(2, 1, 0)
    )
    given = cut.gaps_given if gap is None else np.abs(gap_y) > ZERO_TOLERANCE
    spent = _spent(found.lowest_net, outlays)
    closed = _gap_closed_index(given, found.short, partial, cut.total_column)
    paid = _payback_index(spent, found)
    npv = net @ plan.present_factors
    return Figures(
        npv=npv,
        total_net=_by_draw(found.cumulative),
        remaining_gap=_by_draw(found.remaining),
        payback_index=_by_draw(paid),
        gap_closed_index=_by_draw(closed),
        reserves_lowest=lowest,
        reserves_above=above,
    )


def _by_draw(values: NDArray[D]) -> NDArray[D]:
    """(views, draws) as (draws, views), as the simulation keeps figures: always a copy,
    never the workspace's own array. The copy keeps the layout by view (the array is the
    transpose of a contiguous one): whoever keeps the figures copies them again anyway, and
    a transposing copy of a few long rows costs ten times a straight one."""
    return values.copy().T


def _net(recurring: Array, one_off: Array | None, risks: Array | None, out: Array) -> Array:
    """The net: recurring less one-off costs, less risks, in `project`'s order."""
    if one_off is None and risks is None:
        return recurring
    net = recurring if one_off is None else np.subtract(recurring, one_off, out=out)
    return net if risks is None else np.subtract(net, risks, out=out)


def _recurring(
    shape: tuple[int, ...],
    savings: Array | None,
    income: Array | None,
    costs: Array | None,
    out: Array,
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
