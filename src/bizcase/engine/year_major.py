"""Arrays laid out year by year, (years, views, draws), for the simulation's year loops.

The engine's arrays are (draws, views, years): a year of them is strided, and numpy is slow
both at such slices and at reducing along a short last axis. Laid out by year (the
simulation's block products are written so, `view_plan.block_by_year`; anything else is
transposed once), a year of a view is one contiguous run of draws, so a running sum or a
search for the last year something holds is a few whole-array operations, and a figure the
same in every draw (a block as written, the budget gaps) is one number per view and year,
(years, views, 1), broadcast along the draws. Elementwise arithmetic gives the same bits in
either layout.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.arrays import ZERO_TOLERANCE, Array
from bizcase.engine.workspace import Workspace
from bizcase.records import frozen


def by_year(values: Array, out: Array | None = None) -> Array:
    """(draws, views, years) as (years, views, draws), a contiguous copy (into `out`)."""
    if out is None:
        return np.ascontiguousarray(values.transpose(2, 1, 0))
    np.copyto(out, values.transpose(2, 1, 0))
    return out


def by_year_once(values: Array) -> Array:
    """`by_year` of an array every chunk shares: (years, views, 1) where every draw's row
    is the same (one row stands for all), else the whole copy."""
    if (values == values[:1]).all():
        return np.ascontiguousarray(values[0].T[:, :, np.newaxis])
    return by_year(values)


@frozen
class Years:
    """What a simulation keeps of the years, per view and draw (views, draws), and per
    year (years, views, draws) where it must find a year: arrays of the workspace, to be
    done with (or copied) before the next chunk."""

    cumulative: Array
    """The final year's cumulative net."""
    remaining: Array
    """The final year's remaining gap."""
    lowest_net: Array | None
    """The lowest net of any year (NaN skipped, as comparisons skip it), where asked for."""
    below: NDArray[np.bool_]
    """Whether the cumulative net is not at or above -tolerance, each year."""
    short: NDArray[np.bool_]
    """Whether the remaining gap is above tolerance, each year."""
    remaining_by_year: Array | None
    """Every year's remaining gap, where asked for."""


def through_years(
    net: Array,
    recurring: Array,
    gaps: Array,
    space: Workspace,
    keep: tuple[bool, bool],
) -> Years:
    """The running sum of the net and the remaining gap year after year (all by year, each
    year (views, draws)), and what is kept of them, each year's arrays worked on while they
    are in the cache. The arithmetic is `project`'s, term by term: the running sum adds the
    years strictly in order, the gap less the recurring net remains. `keep`: every year's
    remaining gap, and the lowest net."""
    years, each = net.shape[0], net.shape[1:]
    every_remaining, lows = keep
    cumulative = space.floats("cumulative", each)
    lowest = space.floats("lowest net", each) if lows else None
    remaining = space.floats("remaining", (years if every_remaining else 1, *each))
    below = space.flags("below", (years, *each))
    short = space.flags("short", (years, *each))
    for t in range(years):
        if t == 0:
            np.copyto(cumulative, net[t])
        else:
            np.add(cumulative, net[t], out=cumulative)
        if lowest is not None:
            np.copyto(lowest, net[t]) if t == 0 else np.fmin(lowest, net[t], out=lowest)
        np.greater_equal(cumulative, -ZERO_TOLERANCE, out=below[t])
        left = np.subtract(gaps[t], recurring[t], out=remaining[t if every_remaining else 0])
        np.greater(left, ZERO_TOLERANCE, out=short[t])
    np.logical_not(below, out=below)
    return Years(
        cumulative=cumulative,
        remaining=left,
        lowest_net=lowest,
        below=below,
        short=short,
        remaining_by_year=remaining if every_remaining else None,
    )


def last_true(condition: NDArray[np.bool_], overwrite: bool = False) -> NDArray[np.uint8]:
    """1 + the last year (first axis) in which `condition` holds; 0 where it never does.
    `overwrite`: `condition` may be worked in."""
    return _highest(condition, np.arange(1, condition.shape[0] + 1), overwrite)


def first_true(condition: NDArray[np.bool_]) -> NDArray[np.uint8]:
    """The first year (first axis) in which `condition` holds; 0 where it never does (as
    numpy's argmax)."""
    years = condition.shape[0]
    first: NDArray[np.uint8] = (years - _highest(condition, np.arange(years, 0, -1))) % years
    return first


def _highest(
    condition: NDArray[np.bool_], weights: NDArray[np.int64], overwrite: bool = False
) -> NDArray[np.uint8]:
    """The largest weight of a year in which `condition` holds (0 if none): one product and
    one reduction over whole years, not a loop over draws. In bytes (a horizon is at most
    125 years), the flags read as 0 or 1 with no conversion."""
    small = weights.astype(np.uint8).reshape(-1, *([1] * (condition.ndim - 1)))
    flags = condition.view(np.uint8)
    product = np.multiply(flags, small, out=flags if overwrite else None)
    highest: NDArray[np.uint8] = np.maximum.reduce(product, axis=0)
    return highest
