"""How one-off costs are funded, and the reserves each partner ends each year with.

For each partner: its share of costs `funded_by: grant` draws nothing; of costs funded by
capital receipts, each year uses what receipts to date leave unused, and what they cannot
cover falls to reserves; the rest is met from reserves. The balance then follows
reserves[t] = reserves[t-1] - funded_from_reserves[t] - remaining_gap[t] from the opening
balance: an unclosed gap is met from balances, a surplus adds to them. Where councils change
shape, balances and receipts carry into a successor (`bizcase.engine.funding_shape`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bizcase.engine.arrays import ZERO_TOLERANCE, Array
from bizcase.engine.funding_shape import Shape, balances, compile_shape, receipts_used
from bizcase.engine.funding_shape import reserves_figures as shaped_figures
from bizcase.model.scenario import Partner, Scenario
from bizcase.model.structure import Structure
from bizcase.records import frozen

if TYPE_CHECKING:
    from numpy.typing import NDArray

RESERVES_STATUSES = ("above_minimum", "below_minimum", "no_reserves_given", "partial")
"""`reserves_status` codes: the index into this tuple (`partial` only for the total)."""
ABOVE, BELOW, NO_RESERVES, PARTIAL = range(4)


@frozen
class Funding:
    """What the file says about funding, as arrays over partners (and years)."""

    sources: tuple[str, ...]
    """Each one-off cost's `funded_by`, in file order."""
    receipts: Array
    """Capital receipts coming in each year, (partners, years); receipts before the first
    year are available in it."""
    opening: Array
    """Each partner's opening reserves; NaN for a partner that gives none (or a successor
    that carries its predecessors')."""
    minimum: Array
    shape: Shape | None = None
    """Where councils change shape: who holds which balance each year."""

    @property
    def given(self) -> NDArray[np.bool_]:
        """Which partners' balances are followed."""
        return ~np.isnan(self.opening) if self.shape is None else self.shape.given

    @property
    def followed(self) -> NDArray[np.bool_]:
        """Which views' balances are followed: partners giving reserves, then the total
        when every partner does."""
        return np.append(self.given, self.given.all())

    def mask(self, source: str) -> Array:
        return np.array([s == source for s in self.sources], dtype=np.float64)


def compile_funding(scenario: Scenario, structure: Structure) -> Funding | None:
    """None where the file says nothing of funding (no reserves, receipts or `funded_by`):
    then every one-off cost is met from reserves and nobody's balance is followed."""
    sources = tuple(cost.funded_by for cost in scenario.one_off_costs)
    partners = scenario.partners
    stated = any("funded_by" in cost.model_fields_set for cost in scenario.one_off_costs)
    if not stated and all(p.reserves is None and p.capital_receipts is None for p in partners):
        return None
    opening = np.array(
        [
            np.nan if p.reserves is None or p.reserves.opening is None else p.reserves.opening
            for p in partners
        ]
    )
    minimum = np.array([0.0 if p.reserves is None else p.reserves.minimum for p in partners])
    shape = compile_shape(scenario, structure, opening, minimum) if structure.changes else None
    receipts = np.vstack(
        [
            _receipts(p, max(scenario.start, structure.first[i]), scenario.years, scenario.start)
            for i, p in enumerate(partners)
        ]
    )
    return Funding(sources, receipts, opening, minimum, shape)


def _receipts(partner: Partner, first: int, years: int, start: int) -> Array:
    """Receipts by year index; those dated before the council's first year (`first`) are
    available in it."""
    receipts = partner.capital_receipts
    out = np.zeros(years)
    if receipts is None:
        return out
    if isinstance(receipts, float):
        out[first - start] = receipts
        return out
    for year, amount in receipts:
        if year - start < years:
            out[max(year, first) - start] += amount
    return out


@frozen
class Funded:
    """The funding series, (draws, partners + total, years); `reserves` NaN for a view
    whose balance is not followed (a partner without reserves; the total unless every
    partner gives them)."""

    from_reserves: Array
    from_capital_receipts: Array
    by_grant: Array
    reserves: Array
    reserves_status: NDArray[np.int8]
    reserves_lowest: Array
    breach_index: NDArray[np.int64]
    receipts_shortfall: Array | None = None
    """What costs funded by capital receipts asked beyond the receipts unused to date,
    (draws, partners, years): it fell to reserves."""
    openings: Array | None = None
    """Each view's balance at the start of its first year, (draws, partners + total), where
    councils change shape (a successor's is carried); else the partners' `opening`."""


def fund(funding: Funding, parts: dict[str, Array], remaining_gap: Array) -> Funded:
    """The funding of each draw: `parts[source]` is each view's one-off costs funded by
    that source, (draws, partners + total, years)."""
    asked = parts["capital_receipts"][:, :-1]
    shape = funding.shape
    if shape is None:
        used = receipts_to_date(funding.receipts, asked)
        from_receipts = _with_total(used)
    else:
        used = receipts_used(shape, funding.receipts, asked)
        from_receipts = np.empty_like(parts["capital_receipts"])
        from_receipts[:, :-1] = used
        from_receipts[:, -1] = (used * shape.exists).sum(axis=-2)
    from_reserves = parts["reserves"] + (parts["capital_receipts"] - from_receipts)
    openings = None
    if shape is None:
        reserves = _balances(funding, from_reserves, remaining_gap)
        status, lowest, breach = _reserves_figures(funding, reserves)
    else:
        reserves, openings = balances(shape, funding.opening, from_reserves, remaining_gap)
        breached, lowest, breach = shaped_figures(shape, reserves, funding.followed)
        status = _statuses(funding, breached)
    return Funded(
        from_reserves,
        from_receipts,
        parts["grant"],
        reserves,
        status,
        lowest,
        breach,
        asked - used,
        openings,
    )


def receipts_to_date(receipts: Array, asked: Array) -> Array:
    """Each partner's capital receipts used each year: what its costs ask, up to what its
    receipts to date leave unused."""
    used = np.empty_like(asked)
    available = np.zeros(asked.shape[:-1])
    for t in range(asked.shape[-1]):
        available = available + receipts[:, t]
        np.minimum(asked[..., t], available, out=used[..., t])
        available = available - used[..., t]
    return used


def _with_total(partners: Array) -> Array:
    out = np.empty((*partners.shape[:-2], partners.shape[-2] + 1, partners.shape[-1]))
    out[..., :-1, :] = partners
    out[..., -1, :] = partners.sum(axis=-2)
    return out


def _balances(funding: Funding, from_reserves: Array, remaining_gap: Array) -> Array:
    """reserves[t] = reserves[t-1] - funded_from_reserves[t] - remaining_gap[t]."""
    given = funding.given
    opening = np.append(funding.opening, funding.opening.sum() if given.all() else np.nan)
    out = np.empty_like(from_reserves)
    balance = np.broadcast_to(opening, from_reserves.shape[:-1])
    for t in range(from_reserves.shape[-1]):
        balance = balance - from_reserves[..., t] - remaining_gap[..., t]
        out[..., t] = balance
    return out


def _reserves_figures(
    funding: Funding, reserves: Array
) -> tuple[NDArray[np.int8], Array, NDArray[np.int64]]:
    """Status, lowest balance and the first year below the minimum (-1: none), per view."""
    views = funding.followed
    minimum = np.append(funding.minimum, funding.minimum.sum())
    below = reserves < minimum[:, np.newaxis] - ZERO_TOLERANCE
    breached: NDArray[np.bool_] = np.asarray(below.any(axis=-1))
    lowest = reserves.min(axis=-1)
    status = _statuses(funding, breached)
    breach = np.where(breached & views, np.argmax(below, axis=-1), -1).astype(np.int64)
    return status, lowest, breach


def _statuses(funding: Funding, breached: NDArray[np.bool_]) -> NDArray[np.int8]:
    """Each view's `reserves_status` code; `partial` for the total where only some
    partners' balances are followed."""
    status = np.where(breached, BELOW, ABOVE).astype(np.int8)
    status = np.where(funding.followed, status, NO_RESERVES).astype(np.int8)
    given = funding.given
    if given.any() and not given.all():
        status[..., -1] = PARTIAL
    return status
