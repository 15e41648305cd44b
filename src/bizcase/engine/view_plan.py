"""A plan cut to the views a simulation asks for: each block's weighted matrices keep only
those views' columns, so projecting one partner of fifty multiplies by a fiftieth."""

from __future__ import annotations

from functools import cached_property

import numpy as np

from bizcase.engine.arrays import Array
from bizcase.engine.plan import Plan
from bizcase.engine.projection import Draws
from bizcase.records import field, frozen


@frozen
class ViewPlan:
    """A plan cut to some views (indices into partners then the total)."""

    plan: Plan
    views: tuple[int, ...]
    _cut: dict[tuple[str, int, tuple[int, ...]], Array] = field(default_factory=dict)
    _as_written: dict[tuple[str, int, tuple[int, ...], bytes | None], Array] = field(
        default_factory=dict
    )

    @property
    def partners(self) -> int:
        return len(self.plan.partner_ids)

    @cached_property
    def total_column(self) -> int | None:
        """Where the total is among the views asked for; None when it is not asked for."""
        return self.views.index(self.partners) if self.partners in self.views else None

    def as_written(
        self, block: str, count: int, views: tuple[int, ...], mask: Array | None
    ) -> Array:
        """A block nothing varies in, projected as `block_part` would for `count` draws,
        once per plan (every chunk has the same): a read-only array."""
        key = (block, count, views, None if mask is None else mask.tobytes())
        found = self._as_written.get(key)
        if found is None:
            scale = np.ones((count, self.plan.blocks[block].size))
            if mask is not None:
                scale = scale * mask
            product = scale @ self.weighted(block, 0, views)
            found = product.reshape(count, len(views), self.plan.years)
            found.flags.writeable = False
            self._as_written[key] = found
        return found

    def weighted(self, block: str, slip: int, views: tuple[int, ...]) -> Array:
        """The block's weighted matrix for slip `slip`, cut to the columns of `views` (kept
        contiguous, so every chunk multiplies by the same array)."""
        key = (block, slip, views)
        found = self._cut.get(key)
        if found is None:
            years = self.plan.years
            columns = [v * years + t for v in views for t in range(years)]
            found = np.ascontiguousarray(self.plan.blocks[block].weighted[slip][:, columns])
            self._cut[key] = found
        return found


def view_plan(plan: Plan, views: tuple[int, ...]) -> ViewPlan:
    return ViewPlan(plan, tuple(views))


def block_part(
    cut: ViewPlan, name: str, draws: Draws, views: tuple[int, ...], mask: Array | None = None
) -> Array | None:
    """As `projection._block`, for `views` only: (draws, views, years), or None."""
    block = cut.plan.blocks[name]
    if block.size == 0:
        return None
    scale = draws.scale.get(name)
    delay = draws.delay.get(name)
    if scale is None and delay is None:
        return cut.as_written(name, draws.count, views, mask)
    if scale is None:
        scale = np.ones((draws.count, block.size))
    if mask is not None:
        scale = scale * mask
    first = scale if delay is None else np.where(delay == 0, scale, 0.0)
    out: Array = first @ cut.weighted(name, 0, views)
    if delay is not None:
        if not np.isin(delay, list(block.weighted)).all():
            raise ValueError("a draw slips an item by a delay the plan was not compiled for")
        for k in block.weighted:
            if k == 0:
                continue
            coeff = np.where(delay == k, scale, 0.0)
            if coeff.any():
                out += coeff @ cut.weighted(name, k, views)
    result: Array = out.reshape(draws.count, len(views), cut.plan.years)
    return result
