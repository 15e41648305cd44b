"""A plan cut to the views a simulation asks for: each block's weighted matrices keep only
those views' columns, so projecting one partner of fifty multiplies by a fiftieth."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.arrays import ZERO_TOLERANCE, Array
from bizcase.engine.plan import Block, Plan
from bizcase.engine.projection import Draws
from bizcase.engine.year_major import by_year_once
from bizcase.records import field, frozen

T = TypeVar("T")


@frozen
class ViewPlan:
    """A plan cut to some views (indices into partners then the total)."""

    plan: Plan
    views: tuple[int, ...]
    _cut: dict[tuple[str, int, tuple[int, ...]], Array] = field(default_factory=dict)
    _as_written: dict[tuple[str, int, tuple[int, ...], bytes | None], Array] = field(
        default_factory=dict
    )
    _shared: dict[int, tuple[NDArray[Any], dict[str, Any]]] = field(default_factory=dict)
    _constants: dict[str, NDArray[Any]] = field(default_factory=dict)

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
            self._shared[id(found)] = (found, {})
            self._as_written[key] = found
        return found

    def shared(self, values: Array) -> bool:
        """Whether `values` is a block as written (`as_written`), the same every chunk."""
        return id(values) in self._shared and self._shared[id(values)][0] is values

    def constant(self, name: str, make: Callable[[], NDArray[Any]]) -> NDArray[Any]:
        """`make()`, made once per plan and shared (read-only) by every chunk."""
        found = self._constants.get(name)
        if found is None:
            found = make()
            found.flags.writeable = False
            self._shared[id(found)] = (found, {})
            self._constants[name] = found
        return found

    def once(self, values: Array, name: str, make: Callable[[Array], T]) -> T:
        """`make(values)`, worked out once per plan where `values` is shared (a block as
        written, a `constant`, or worked out from one by `once`), else each time."""
        if not self.shared(values):
            return make(values)
        made = self._shared[id(values)][1]
        if name not in made:
            found = make(values)
            if isinstance(found, np.ndarray):
                found.flags.writeable = False
                self._shared[id(found)] = (found, {})
            made[name] = found
        result: T = made[name]
        return result

    @cached_property
    def gaps_partial(self) -> bool:
        """Whether the total's gap as written is partial: some partners give one, some not."""
        has = (np.abs(self.plan.gaps) > ZERO_TOLERANCE).any(axis=-1)
        return bool(has.any() and not has.all())

    @cached_property
    def gaps_given(self) -> NDArray[np.bool_]:
        """Whether the views have a gap as written each year, (years, views, 1)."""
        given: NDArray[np.bool_] = np.abs(self.gaps_by_year) > ZERO_TOLERANCE
        return given

    @cached_property
    def gaps_by_year(self) -> Array:
        """The views' budget gaps as written, by year, the same every draw: (years, views,
        1), broadcast along the draws."""
        gaps: Array = np.ascontiguousarray(self.plan.gap_views[0, list(self.views)].T)
        return _read_only(gaps[:, :, np.newaxis])

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

    def weighted_by_year(self, block: str, slip: int, views: tuple[int, ...]) -> Array:
        """`weighted` transposed, its rows year by year and within a year view by view:
        (years x views, items). Times the draws' scales (items, draws), it gives the views'
        figures laid out as the year loops read them (`year_major`), with no transposing."""
        key = (f"{block} by year", slip, views)
        found = self._cut.get(key)
        if found is None:
            years = self.plan.years
            rows = [v * years + t for t in range(years) for v in views]
            found = np.ascontiguousarray(self.plan.blocks[block].weighted[slip][:, rows].T)
            self._cut[key] = found
        return found


def _read_only(values: Array) -> Array:
    values.flags.writeable = False
    return values


def view_plan(plan: Plan, views: tuple[int, ...]) -> ViewPlan:
    return ViewPlan(plan, tuple(views))


def block_part(
    cut: ViewPlan,
    name: str,
    draws: Draws,
    views: tuple[int, ...],
    mask: Array | None = None,
    out: Array | None = None,
) -> Array | None:
    """As `projection._block`, for `views` only: (draws, views, years), or None; written
    into `out` where given, unless nothing varies in the block (its array as written)."""
    block, scale, delay = _drawn(cut, name, draws)
    if block.size == 0:
        return None
    if scale is None and delay is None:
        return cut.as_written(name, draws.count, views, mask)
    if scale is None:
        scale = np.ones((draws.count, block.size))
    if mask is not None:
        scale = scale * mask
    slips = _by_slip(block, scale, delay)
    _, first = next(slips)
    weighted = cut.weighted(name, 0, views)
    if out is None:
        out = first @ weighted
    else:  # the same product, written into `out` (draws, views, years)
        out = np.matmul(first, weighted, out=out.reshape(draws.count, weighted.shape[1]))
    for k, coeff in slips:
        out += coeff @ cut.weighted(name, k, views)
    result: Array = out.reshape(draws.count, len(views), cut.plan.years)
    return result


def block_by_year(
    cut: ViewPlan, name: str, draws: Draws, views: tuple[int, ...], out: Array
) -> Array | None:
    """`block_part` laid out year by year, (years, views, draws), written into `out`; a
    block nothing varies in is (years, views, 1), once per plan. The product is taken the
    other way round, weighted (years x views, items) times the scales (items, draws), so
    that it is written where the year loops read it: the same sums of the same terms as
    `block_part`'s, which BLAS may add in another order (a difference in the last bit)."""
    block, scale, delay = _drawn(cut, name, draws)
    if block.size == 0:
        return None
    if scale is None and delay is None:
        return cut.once(cut.as_written(name, draws.count, views, None), "by year", by_year_once)
    # The sampler writes each item's draws to contiguous memory: (items, draws), no copy.
    by_item = np.ones((block.size, draws.count)) if scale is None else scale.T
    slips = _by_slip(block, by_item, None if delay is None else delay.T)
    product = out.reshape(cut.plan.years * len(views), draws.count)
    for k, coeff in slips:
        weighted = cut.weighted_by_year(name, k, views)
        if k == 0:
            np.matmul(weighted, coeff, out=product)
        else:
            product += weighted @ coeff
    return out


def _drawn(
    cut: ViewPlan, name: str, draws: Draws
) -> tuple[Block, Array | None, NDArray[np.int64] | None]:
    """A block, and its items' scales and delays in these draws (None: as written)."""
    return cut.plan.blocks[name], draws.scale.get(name), draws.delay.get(name)


def _by_slip(
    block: Block, scale: Array, delay: NDArray[np.int64] | None
) -> Iterator[tuple[int, Array]]:
    """Each slip's coefficients: an item's scale where a draw slips it by that many years,
    else 0. Slip 0 first, always; then only the slips some draw takes."""
    if delay is None:
        yield 0, scale
        return
    yield 0, np.where(delay == 0, scale, 0.0)
    if not np.isin(delay, list(block.weighted)).all():
        raise ValueError("a draw slips an item by a delay the plan was not compiled for")
    for k in block.weighted:
        if k == 0:
            continue
        coeff = np.where(delay == k, scale, 0.0)
        if coeff.any():
            yield k, coeff
