"""A view's summary from its draws: percentiles, chances and the payback-year spread."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import Plan
from bizcase.engine.projection import NONE_INDEX
from bizcase.results.simulation import PERCENTILES, Spread, ViewErrors, ViewSummary
from bizcase.risk.errors import bound_percentiles, chance_error, mean_error, percentile_errors
from bizcase.risk.outcomes import Outcomes
from bizcase.risk.quantiles import percentiles

SPREADS = ("npv", "total_net", "remaining_gap")


def spreads_of(plan: Plan, columns: Sequence[int]) -> tuple[str, ...]:
    """The figures whose percentiles are found: the lowest reserves only where some view
    asked for has its balance followed (no sorting of zeros otherwise)."""
    funding = plan.funding
    if funding is not None and any(funding.followed[c] for c in columns):
        return (*SPREADS, "reserves_lowest")
    return SPREADS


def summarise(outcomes: Outcomes, column: int, view: str, plan: Plan) -> ViewSummary:
    """Percentiles, probabilities and the payback-year distribution of one view."""
    draws = outcomes.npv.shape[0]
    names = spreads_of(plan, [[*plan.partner_ids, "total"].index(view)])
    spreads = {name: spread(getattr(outcomes, name)[:, column]) for name in names}
    closed = year_counts(outcomes.gap_closed_index[:, [column]], plan.years)[0]
    payback = year_counts(outcomes.payback_index[:, [column]], plan.years)[0]
    above = int(outcomes.reserves_above[:, column].sum())
    return view_summary(view, plan, draws, spreads, closed, payback, above)


def year_counts(index: NDArray[np.int16], years: int) -> NDArray[np.int64]:
    """How many draws have each year index, with 'never' (-1) counted in the last slot:
    for each column of (draws, views) indices, (views, years + 1), in one count."""
    draws, views = index.shape
    # Laid out view by view (a chunk's figures are), flattened in that order: no copy.
    by_view = index.flags.f_contiguous and not index.flags.c_contiguous
    flat = index.T.ravel() if by_view else np.ravel(index)
    slots = flat + _slots(draws, views, years, by_view)
    counts = np.bincount(slots, minlength=(years + 1) * views).reshape(views, years + 1)
    return np.roll(counts, -1, axis=1)  # never (-1) was counted first


@lru_cache(maxsize=16)
def _slots(draws: int, views: int, years: int, by_view: bool = False) -> NDArray[np.int64]:
    """Where each draw's index (flattened draw by draw, or view by view) is counted: its
    view's own years + 1 slots, 'never' (-1) first."""
    starts = np.arange(views, dtype=np.int64) * (years + 1) - NONE_INDEX
    slots = np.repeat(starts, draws) if by_view else np.tile(starts, draws)
    slots.flags.writeable = False
    return slots


def view_summary(
    view: str,
    plan: Plan,
    draws: int,
    spreads: dict[str, Spread],
    closed: NDArray[np.int64],
    payback: NDArray[np.int64],
    above: int,
) -> ViewSummary:
    by_year = np.cumsum(closed[: plan.years]) / draws
    payback_years: dict[int | None, float] = {
        plan.start + t: float(payback[t] / draws) for t in range(plan.years)
    }
    payback_years[None] = float(payback[plan.years] / draws)
    reserves = _reserves(plan, view, draws, spreads, above)
    p_gap_closed_by_year = {plan.start + t: float(by_year[t]) for t in range(plan.years)}
    p_payback = float((draws - payback[plan.years]) / draws)
    above_p = reserves.get("p_reserves_above_minimum")
    se = {name: spread.se for name, spread in spreads.items() if spread.se is not None}
    errors = ViewErrors(
        npv=se["npv"],
        total_net=se["total_net"],
        remaining_gap=se["remaining_gap"],
        reserves_lowest=se.get("reserves_lowest") if "reserves_lowest" in reserves else None,
        p_gap_closed=chance_error(float(by_year[-1]), draws),
        p_gap_closed_by_year={y: chance_error(p, draws) for y, p in p_gap_closed_by_year.items()},
        p_payback=chance_error(p_payback, draws),
        payback_years={y: chance_error(p, draws) for y, p in payback_years.items()},
        p_reserves_above_minimum=None if above_p is None else chance_error(above_p, draws),
    )
    return ViewSummary(
        view=view,
        npv=spreads["npv"],
        total_net=spreads["total_net"],
        remaining_gap=spreads["remaining_gap"],
        p_gap_closed_by_year=p_gap_closed_by_year,
        p_gap_closed=float(by_year[-1]),
        p_payback=p_payback,
        payback_years=payback_years,
        **reserves,
        standard_errors=errors,
    )


def _reserves(
    plan: Plan, view: str, draws: int, spreads: dict[str, Spread], above: int
) -> dict[str, Any]:
    """The reserves figures of a view whose balance is followed; none otherwise."""
    ids = [*plan.partner_ids, "total"]
    if plan.funding is None or not plan.funding.followed[ids.index(view)]:
        return {}
    return {
        "reserves_lowest": spreads["reserves_lowest"],
        "p_reserves_above_minimum": above / draws,
    }


def spread(values: NDArray[np.float64], mean_se: float | None = None) -> Spread:
    """Percentiles and mean of draws held whole, with their standard errors (the mean's
    found here unless given). The percentiles and the ends of their intervals are read
    together from the same order statistics, as `numpy.percentile` reads them, so the
    percentiles are the same bits as numpy's read alone."""
    wanted = [*PERCENTILES, *bound_percentiles(values.shape[0], PERCENTILES)]
    found = percentiles(values, wanted)
    points = found[: len(PERCENTILES)]
    return Spread(
        percentiles=dict(zip(PERCENTILES, points, strict=True)),
        mean=float(values.mean()),
        se=Spread(
            percentile_errors(PERCENTILES, found[len(PERCENTILES) :]),
            mean_error(values) if mean_se is None else mean_se,
        ),
    )
