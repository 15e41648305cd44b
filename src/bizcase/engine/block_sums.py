"""One block's items summed into each view's figures by year, for every draw at once.

Kept apart from the projection so that the ways a draw can change items (scale, delay, or
rows that differ by draw, as a sweep's) sit together with the one product that sums them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bizcase.engine.arrays import Array
from bizcase.engine.plan import Plan

if TYPE_CHECKING:
    from numpy.typing import NDArray


def block_sum(
    plan: Plan,
    name: str,
    count: int,
    scale: Array | None = None,
    delay: NDArray[np.int64] | None = None,
    rows: tuple[tuple[int, ...], Array] | None = None,
    mask: Array | None = None,
) -> Array | None:
    """Partners' shares of one block's items, summed: (draws, partners + total, years), or
    None for a block with no items; only the items `mask` keeps (1.0) where given.

    Each item's amount by year is fixed up to its scale and delay, so the sum over items
    is one matrix product per delay: scale (draws, items) @ amount x share (items, views x
    years), the total's column holding each item's whole amount. With `rows` (positions,
    (draws, positions, views x years)) those items' amounts differ by draw: each draw is
    then its own vector-matrix product, the very product (and order of additions) a
    single draw of that scenario takes, so a batch gives each draw's figures to the bit.
    """
    block = plan.blocks[name]
    if block.size == 0:
        return None
    views = len(plan.partner_ids) + 1
    if scale is None:
        scale = np.ones((count, block.size))
    if mask is not None:
        scale = scale * mask
    if rows is not None:
        if delay is not None:
            raise ValueError("draws cannot both slip items and change their rows")
        out = _per_draw(block.weighted[0], scale, rows)
    elif delay is None:
        out = scale @ block.weighted[0]
    else:
        out = np.where(delay == 0, scale, 0.0) @ (block.weighted[0])
        if not np.isin(delay, list(block.weighted)).all():
            raise ValueError("a draw slips an item by a delay the plan was not compiled for")
        for k, weighted in block.weighted.items():
            if k == 0:
                continue
            coeff = np.where(delay == k, scale, 0.0)
            if coeff.any():
                out += coeff @ weighted
    result: Array = out.reshape(count, views, plan.years)
    return result


def _per_draw(weighted: Array, scale: Array, rows: tuple[tuple[int, ...], Array]) -> Array:
    """scale[d] @ (weighted with `rows` put in) for each draw d: numpy's stacked matmul
    calls the same vector-matrix kernel for each draw as for a lone (1, items) product
    (a (draws, items) @ (items, n) product would add up in another order)."""
    positions, changed = rows
    count = scale.shape[0]
    stack = np.empty((count, *weighted.shape))
    stack[:] = weighted
    stack[:, list(positions), :] = changed
    out: Array = np.matmul(scale[:, np.newaxis, :], stack)[:, 0, :]
    return out
