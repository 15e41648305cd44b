"""Turning a scenario's uncertainties into draws for the engine.

One draw per item per simulated case, applied to all its years (a saving overestimated in
one year is overestimated in every year); a delay shifts the whole stream, ramp included.
Items sharing a `driver` take the same quantile, so risks that move together are not
averaged away. The order in which random numbers are taken is fixed, so a seed always
gives the same draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import BLOCKS, block_items
from bizcase.engine.projection import Draws
from bizcase.engine.workspace import Workspace
from bizcase.model.correlations import merged
from bizcase.model.scenario import Item, Scenario
from bizcase.model.uncertainty import Uncertainty
from bizcase.records import frozen
from bizcase.risk.copula import Copula, copula_of, correlate
from bizcase.risk.distributions import delay_quantile, quantile, sample


@frozen
class Uncertain:
    """One thing that varies: an item of a block, or a partner's budget gap."""

    block: str  # a block name, or "gap" for a partner's budget gap
    index: int
    uncertainty: Uncertainty | None
    delay: tuple[tuple[int, float], ...] | None
    driver: str | None


@frozen
class RiskModel:
    """What varies in a scenario, in the fixed order draws are taken."""

    sizes: dict[str, int]
    partners: int
    drivers: tuple[str, ...]
    items: tuple[Uncertain, ...]
    risks: tuple[tuple[int, float, str | None], ...] = ()
    """(index, probability, driver) of each register risk that may or may not occur."""
    copula: Copula | None = None
    """The drivers' rank correlations, where the scenario gives any."""

    @property
    def is_certain(self) -> bool:
        return not self.items and not self.risks


def risk_model(scenario: Scenario) -> RiskModel:
    items: list[Uncertain] = []
    for block in BLOCKS:
        block_list: Sequence[Item] = block_items(scenario, block)
        for index, item in enumerate(block_list):
            if item.uncertainty is not None or item.delay is not None:
                items.append(Uncertain(block, index, item.uncertainty, item.delay, item.driver))
    for index, partner in enumerate(scenario.partners):
        if partner.uncertainty is not None:
            items.append(Uncertain("gap", index, partner.uncertainty, None, partner.driver))
    risks = tuple(
        (index, risk.probability, risk.driver)
        for index, risk in enumerate(scenario.risks)
        if 0.0 < risk.probability < 1.0
    )
    named = {item.driver for item in items} | {driver for _, _, driver in risks}
    return RiskModel(
        sizes={block: len(block_items(scenario, block)) for block in BLOCKS},
        partners=len(scenario.partners),
        drivers=tuple(sorted(name for name in named if name is not None)),
        items=tuple(items),
        risks=risks,
        copula=copula_of(merged({"": scenario.correlations})[0]),
    )


Shared = dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]]
"""Each driver's quantiles in a chunk of draws: one for amounts (and register risks'
occurrence), one for delays."""


def driver_quantiles(
    drivers: Sequence[str], rng: np.random.Generator, n: int, copula: Copula | None = None
) -> Shared:
    """The drivers' quantiles, taken first from a chunk's stream in the drivers' order, then
    given the copula's correlations (if any)."""
    shared = {name: (rng.random(n), rng.random(n)) for name in drivers}
    if copula is None:
        return shared
    amounts = correlate([shared[name][0] for name in copula.names], copula)
    delays = correlate([shared[name][1] for name in copula.names], copula)
    for name, amount, delay in zip(copula.names, amounts, delays, strict=True):
        shared[name] = (amount, delay)
    return shared


def draw(
    model: RiskModel,
    rng: np.random.Generator,
    n: int,
    shared: Shared | None = None,
    space: Workspace | None = None,
) -> Draws:
    """`n` simulated cases as scales and delays for the engine. `shared`: the drivers'
    quantiles when they are common to several options (else taken from `rng` first);
    `space`: where to write them (a simulation's, reused chunk after chunk), else fresh."""
    if shared is None:
        shared = driver_quantiles(model.drivers, rng, n, model.copula)
    space = Workspace() if space is None else space
    # Only blocks something varies in get arrays: the engine takes a missing one as written.
    scaled = {item.block for item in model.items if item.uncertainty is not None}
    scaled |= {"risk_costs"} if model.risks else set()
    slipped = {item.block for item in model.items if item.delay is not None}
    # Column-major (n, items), so each item's draws are written to contiguous memory; the
    # rows no item's draws overwrite are as written (scale 1, no delay).
    scale: dict[str, NDArray[np.float64]] = {}
    delay: dict[str, NDArray[np.int64]] = {}
    for block in scaled - {"gap"}:
        values = space.floats(f"scale {block}", (model.sizes[block], n))
        scale[block] = _filled(values, 1.0, _drawn(model, block, delays=False))
    for block in slipped:
        slips = space.array(f"delay {block}", (model.sizes[block], n), np.int64)
        delay[block] = _filled(slips, 0, _drawn(model, block, delays=True))
    gap_scale = np.ones((n, model.partners))
    for item in model.items:
        amount_q, delay_q = shared[item.driver] if item.driver is not None else (None, None)
        if item.uncertainty is not None:
            change = (
                quantile(item.uncertainty, amount_q)
                if amount_q is not None
                else sample(item.uncertainty, rng, n)
            )
            target = gap_scale if item.block == "gap" else scale[item.block]
            np.add(1.0, change, out=target[:, item.index])  # low >= -100%: never negative
        if item.delay is not None:
            q = delay_q if delay_q is not None else rng.random(n)
            delay[item.block][:, item.index] = delay_quantile(item.delay, q)
    if model.risks:
        _occurrences(model, rng, n, shared, scale["risk_costs"])
    used_delay = {block: d for block, d in delay.items() if d.any()}
    gaps_vary = any(item.block == "gap" for item in model.items)
    return Draws(count=n, scale=scale, delay=used_delay, gap_scale=gap_scale if gaps_vary else None)


def _drawn(model: RiskModel, block: str, delays: bool) -> set[int]:
    """The items of `block` whose draws are written whole: with a delay, or an uncertainty."""
    return {
        item.index
        for item in model.items
        if item.block == block and (item.delay if delays else item.uncertainty) is not None
    }


def _filled(values: Any, fill: float, written: set[int]) -> Any:
    """`values` (items, n) with `fill` in every row but those the draws overwrite (whose
    indices are `written`), as an (n, items) view."""
    values[[i for i in range(values.shape[0]) if i not in written]] = fill
    return values.T


def _occurrences(
    model: RiskModel,
    rng: np.random.Generator,
    n: int,
    shared: Shared,
    scale: NDArray[np.float64],
) -> None:
    """Whether each register risk occurs in each case: one Bernoulli draw per risk and
    case (a risk with a `driver` takes the driver's quantile, so risks that go together
    occur together). The plan holds risks at probability x impact, so a risk that occurs
    is scaled by 1 / probability and one that does not by 0. Taken after every other draw,
    so a scenario without risks draws exactly as before."""
    for index, probability, driver in model.risks:
        u = shared[driver][0] if driver is not None else rng.random(n)
        occurs = u < probability
        scale[:, index] = np.where(occurs, scale[:, index] / probability, 0.0)
