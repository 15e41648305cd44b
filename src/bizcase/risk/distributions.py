"""Drawing relative changes to an amount: triangular, PERT, uniform and normal.

Two ways to draw, with the same distributions: `sample` uses numpy's own generators (the
fast path, for items that vary on their own), and `quantile` maps given quantiles through
the inverse distribution function (for items sharing a driver, which must draw the same
quantile). Changes are relative: -0.3 means 30% below the amount written.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from bizcase.model.uncertainty import Uncertainty

Array = NDArray[np.float64]

PERT_WEIGHT = 4.0
"""The classic PERT: Beta(1 + 4(m-a)/(b-a), 1 + 4(b-m)/(b-a)) on [a, b], mean (a+4m+b)/6."""


def pert_shape(low: float, likely: float, high: float) -> tuple[float, float]:
    span = high - low
    return (
        1.0 + PERT_WEIGHT * (likely - low) / span,
        1.0 + PERT_WEIGHT * (high - likely) / span,
    )


def sample(u: Uncertainty, rng: np.random.Generator, n: int) -> Array:
    """`n` independent relative changes."""
    low, high, likely = u.low, u.high, u.likely
    if u.distribution == "normal":
        return quantile(u, rng.random(n))
    assert low is not None and high is not None
    if high - low <= 0:
        return np.full(n, likely if u.distribution != "uniform" else low)
    if u.distribution == "uniform":
        return rng.uniform(low, high, n)
    if u.distribution == "triangular":
        return rng.triangular(low, likely, high, n)
    alpha, beta = pert_shape(low, likely, high)
    draws: Array = rng.beta(alpha, beta, n)
    # low + (high - low) x draw, in place: the same arithmetic, no temporary arrays
    np.multiply(draws, high - low, out=draws)
    return np.add(draws, low, out=draws)


def quantile(u: Uncertainty, q: Array) -> Array:
    """The relative change at each quantile in `q` (values in [0, 1))."""
    low, high, likely = u.low, u.high, u.likely
    if u.distribution == "normal":
        assert u.sd is not None
        return truncated_normal_quantile(q, likely, u.sd, low, high)
    assert low is not None and high is not None
    span = high - low
    if span <= 0:
        return np.full(q.shape, likely if u.distribution != "uniform" else low)
    if u.distribution == "uniform":
        return low + span * q
    if u.distribution == "triangular":
        return triangular_quantile(q, low, likely, high)
    alpha, beta = pert_shape(low, likely, high)
    cdf, grid = _beta_table(round(alpha, 12), round(beta, 12))
    result: Array = low + span * np.interp(q, cdf, grid)
    return result


def triangular_quantile(q: Array, low: float, likely: float, high: float) -> Array:
    span = high - low
    corner = (likely - low) / span
    left = low + np.sqrt(q * span * (likely - low))
    right = high - np.sqrt((1.0 - q) * span * (high - likely))
    result: Array = np.where(q < corner, left, right)
    return result


_TABLE_POINTS = 16_385


@lru_cache(maxsize=256)
def _beta_table(alpha: float, beta: float) -> tuple[Array, Array]:
    """Beta(alpha, beta)'s distribution function on a fine grid, for inverting by
    interpolation; PERT's shapes are 1 to 5, so the density is bounded and smooth enough
    that the trapezoid rule on 16,385 points is exact to about 1e-8."""
    grid = np.linspace(0.0, 1.0, _TABLE_POINTS)
    log_norm = math.lgamma(alpha + beta) - math.lgamma(alpha) - math.lgamma(beta)
    with np.errstate(divide="ignore"):
        # A shape of exactly 1 (PERT's likely at low or high) has no factor at all: never
        # 0 x log(0), which is NaN and would drop the density's finite value at that end.
        left = (alpha - 1.0) * np.log(grid) if alpha != 1.0 else 0.0
        right = (beta - 1.0) * np.log1p(-grid) if beta != 1.0 else 0.0
        log_density = log_norm + left + right
    density = np.exp(log_density)
    density[~np.isfinite(density)] = 0.0
    steps = np.diff(grid) * (density[1:] + density[:-1]) / 2.0
    cdf = np.concatenate([[0.0], np.cumsum(steps)])
    cdf /= cdf[-1]
    return cdf, grid


def normal_quantile(q: Array) -> Array:
    """The standard normal's inverse distribution function (Acklam's rational
    approximation, relative error below 1.2e-9), so numpy alone suffices."""
    a = (
        -3.969683028665376e01,
        2.209460984245205e02,
        -2.759285104469687e02,
        1.383577518672690e02,
        -3.066479806614716e01,
        2.506628277459239e00,
    )
    b = (
        -5.447609879822406e01,
        1.615858368580409e02,
        -1.556989798598866e02,
        6.680131188771972e01,
        -1.328068155288572e01,
    )
    c = (
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e00,
        -2.549732539343734e00,
        4.374664141464968e00,
        2.938163982698783e00,
    )
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)
    q = np.clip(q, 1e-300, 1.0 - 1e-16)
    low_tail = q < 0.02425
    high_tail = q > 1.0 - 0.02425
    out = np.empty_like(q)
    centre = ~(low_tail | high_tail)
    r = q[centre] - 0.5
    s = r * r
    out[centre] = (
        (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5])
        * r
        / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1.0)
    )
    for mask, sign, tail_q in ((low_tail, 1.0, q[low_tail]), (high_tail, -1.0, 1.0 - q[high_tail])):
        t = np.sqrt(-2.0 * np.log(tail_q))
        out[mask] = sign * (
            (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5])
            / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1.0)
        )
    return out


def truncated_normal_quantile(
    q: Array, mean: float, sd: float, low: float | None, high: float | None
) -> Array:
    """A normal kept within `low`/`high` (and never below -100%) is a truncated normal, not
    a clipped one: the quantile q of the normal restricted to [low, high], by the inverse
    distribution function on the truncated range, Phi^-1(Phi(a) + q (Phi(b) - Phi(a))). One
    uniform per draw, so drivers and reproducibility hold as for the other distributions.
    Bounds far in the upper tail are handled by symmetry, where Phi is exact to more digits.
    """
    floor = -1.0 if low is None else max(low, -1.0)
    if sd <= 0:
        return np.full(q.shape, min(max(mean, floor), math.inf if high is None else high))
    a = (floor - mean) / sd
    b = math.inf if high is None else (high - mean) / sd
    if a > 0:  # mirror: the lower tail keeps its precision
        upper = -a
        lower = -b
        p_low, p_high = _phi(lower), _phi(upper)
        z = -normal_quantile(p_high - q * (p_high - p_low))
    else:
        p_low, p_high = _phi(a), _phi(b)
        z = normal_quantile(p_low + q * (p_high - p_low))
    values: Array = np.clip(mean + sd * z, floor, math.inf if high is None else high)
    return values


def _phi(x: float) -> float:
    """The standard normal distribution function."""
    if math.isinf(x):
        return 0.0 if x < 0 else 1.0
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def delay_quantile(delay: tuple[tuple[int, float], ...], q: Array) -> NDArray[np.int64]:
    """Whole years of slippage at quantiles `q`: the smallest delay whose cumulative
    probability exceeds q."""
    years = np.array([k for k, _ in delay], dtype=np.int64)
    cumulative = np.cumsum([p for _, p in delay])
    cumulative[-1] = 1.0
    index = np.searchsorted(cumulative, q, side="right")
    result: NDArray[np.int64] = years[np.minimum(index, len(years) - 1)]
    return result
