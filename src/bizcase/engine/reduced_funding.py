"""The lowest balance and whether it stays above the minimum, for the views asked for.

As `funding.fund` for those views: a partner's receipts and balance are its own, so a
partner needs only its columns; the total's receipts used are the sum of every partner's
(each capped by its own receipts), so the total needs every partner's costs funded by
capital receipts, and its balance is followed only when every partner gives reserves.
Where councils change shape each balance depends on the others' (a successor carries its
predecessors'), so the cut holds every view and `funding.fund` itself runs.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.arrays import ZERO_TOLERANCE, Array
from bizcase.engine.funding import ABOVE, fund, receipts_to_date
from bizcase.engine.plan import Plan
from bizcase.engine.projection import Draws
from bizcase.engine.view_plan import ViewPlan, block_part
from bizcase.model.finance import FUNDING_SOURCES


def reserves_followed(cut: ViewPlan) -> bool:
    """Whether some view's balance is followed (else `reserves` needs no remaining gap)."""
    funding = cut.plan.funding
    return funding is not None and any(funding.followed[view] for view in cut.views)


def reserves(
    cut: ViewPlan, draws: Draws, remaining: Array | None
) -> tuple[Array, NDArray[np.bool_]]:
    """Lowest balance (NaN where not followed) and whether it never ends a year below the
    minimum, (draws, views). `remaining`, every year's remaining gap (draws, views, years),
    is needed only where `reserves_followed`."""
    shape = (draws.count, len(cut.views))
    funding = cut.plan.funding
    if funding is None or remaining is None:  # the same every chunk of this size
        lowest = cut.constant(f"no balance {shape}", lambda: np.full(shape, np.nan))
        return lowest, cut.constant(f"not above {shape}", lambda: np.zeros(shape, np.bool_))
    lowest = np.full(shape, np.nan)
    above = np.zeros(shape, dtype=np.bool_)
    followed = [c for c, view in enumerate(cut.views) if funding.followed[view]]
    if funding.shape is not None:
        return _shaped(cut, draws, remaining)
    views = tuple(cut.views[c] for c in followed)
    partners = cut.partners
    # the views whose receipts must be known: every partner when the total is followed
    asking = (*range(partners), partners) if partners in views else views
    receipts = block_part(cut, "one_off_costs", draws, asking, funding.mask("capital_receipts"))
    direct = block_part(cut, "one_off_costs", draws, views, funding.mask("reserves"))
    n, years = draws.count, cut.plan.years
    asked = np.zeros((n, len(asking), years)) if receipts is None else receipts
    mine = [p for p, view in enumerate(asking) if view < partners]
    used = receipts_to_date(funding.receipts[[asking[p] for p in mine]], asked[:, mine])
    for k, view in enumerate(views):
        column = asking.index(view)
        from_receipts = used.sum(axis=-2) if view == partners else used[:, column]
        shortfall = asked[:, column] - from_receipts
        spent = (np.zeros((n, years)) if direct is None else direct[:, k]) + shortfall
        low, breached = _balance(
            funding.opening.sum() if view == partners else funding.opening[view],
            funding.minimum.sum() if view == partners else funding.minimum[view],
            spent,
            remaining[:, followed[k]],
        )
        lowest[:, followed[k]] = low
        above[:, followed[k]] = ~breached
    return lowest, above


def _balance(
    opening: float, minimum: float, spent: Array, remaining: Array
) -> tuple[Array, NDArray[np.bool_]]:
    """The lowest balance and whether it ends some year below the minimum, following
    reserves[t] = reserves[t-1] - funded_from_reserves[t] - remaining_gap[t]."""
    n = spent.shape[0]
    balance = np.broadcast_to(np.float64(opening), (n,))
    low = np.full(n, np.inf)
    breached = np.zeros(n, dtype=np.bool_)
    floor = minimum - ZERO_TOLERANCE
    for t in range(spent.shape[-1]):
        balance = balance - spent[:, t] - remaining[:, t]
        np.minimum(low, balance, out=low)
        breached |= balance < floor
    return low, breached


def _shaped(cut: ViewPlan, draws: Draws, remaining: Array) -> tuple[Array, NDArray[np.bool_]]:
    """Where councils change shape: `funding.fund` over every view (the cut holds them all,
    in order: `needs_every_view`)."""
    funding = cut.plan.funding
    assert funding is not None and cut.views == tuple(range(cut.partners + 1))
    shape = (draws.count, cut.partners + 1, cut.plan.years)
    parts: dict[str, Array] = {}
    for source in FUNDING_SOURCES:
        part = block_part(cut, "one_off_costs", draws, cut.views, funding.mask(source))
        parts[source] = np.zeros(shape) if part is None else part
    funded = fund(funding, parts, remaining)
    return funded.reserves_lowest, funded.reserves_status == ABOVE


def needs_every_view(plan: Plan) -> bool:
    """Whether reserves must be followed for every view to know those asked for."""
    funding = plan.funding
    return funding is not None and funding.shape is not None and bool(funding.followed.any())
