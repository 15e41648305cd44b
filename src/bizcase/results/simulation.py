"""What a Monte Carlo simulation found: spreads, chances and the fan of cumulative net,
each simulated figure with its standard error (how far more draws could move it)."""

from __future__ import annotations

from bizcase.records import frozen
from bizcase.results.convergence import Converged, Convergence

PERCENTILES = (5, 10, 50, 90, 95)


@frozen
class Spread:
    """Percentiles and mean of one result across the draws."""

    percentiles: dict[int, float]
    mean: float
    se: Spread | None = None
    """The standard error of each percentile and of the mean, in the same shape."""

    @property
    def p5(self) -> float:
        return self.percentiles[5]

    @property
    def p10(self) -> float:
        return self.percentiles[10]

    @property
    def p50(self) -> float:
        return self.percentiles[50]

    @property
    def p90(self) -> float:
        return self.percentiles[90]

    @property
    def p95(self) -> float:
        return self.percentiles[95]


@frozen
class ViewSummary:
    """What the simulation says about one partner (or the total)."""

    view: str
    npv: Spread
    total_net: Spread
    remaining_gap: Spread
    p_gap_closed_by_year: dict[int, float]
    p_gap_closed: float
    p_payback: float
    payback_years: dict[int | None, float]
    reserves_lowest: Spread | None = None
    """Where the view's reserves are followed: the lowest year-end balance of each draw."""
    p_reserves_above_minimum: float | None = None
    """The chance the balance never ends a year below its minimum."""
    standard_errors: ViewErrors | None = None
    """The standard error of each figure above, under the same names."""

    @property
    def payback_year(self) -> dict[int | None, float]:
        """The contract's name for `payback_years` (None: never within the horizon)."""
        return self.payback_years


@frozen
class ViewErrors:
    """The standard errors of a view's figures, named as the figures are: each spread's
    (`Spread.se`), and each chance's, binomial, sqrt(p (1 - p) / draws), as the draws are
    independent."""

    npv: Spread
    total_net: Spread
    remaining_gap: Spread
    p_gap_closed: float
    p_gap_closed_by_year: dict[int, float]
    p_payback: float
    payback_years: dict[int | None, float]
    reserves_lowest: Spread | None = None
    p_reserves_above_minimum: float | None = None

    @property
    def payback_year(self) -> dict[int | None, float]:
        return self.payback_years


@frozen
class Simulation(Converged):
    draws: int
    seed: int
    views: dict[str, ViewSummary]
    convergence: Convergence | None = None
    """Where `--precision` was given: what it asked and whether every figure met it."""


@frozen
class Fan:
    """Percentiles of cumulative net by year across simulated draws, for one view."""

    years: list[int]
    percentiles: dict[int, list[float]]
    as_written: list[float]
    draws: int
    seed: int
    p_payback: float


FAN_PERCENTILES = (5, 10, 25, 50, 75, 90, 95)
