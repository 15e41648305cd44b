"""Standard errors of simulated figures: how far more draws could move each one.

Every draw is independent of every other (each chunk has its own stream, and the draws of
a chunk are plain independent draws from it: no stratification, no antithetic pairs), so
the errors come from the draws themselves, not from batches:

- a mean's is the sample standard deviation / sqrt(draws), the deviation combined exactly
  from each chunk's centred sum of squares. Batch means over the 8,192-draw chunks estimate
  the same thing with only (chunks - 1) degrees of freedom: 1 at 10,000 draws, where a
  "95%" interval of 1.96 errors would cover the truth about 70% of the time.
- a chance's is binomial, sqrt(p (1 - p) / draws).
- a percentile's comes from order statistics: the number of draws below the true p-th
  percentile is Binomial(draws, p), so the draws ranked draws p +/- 1.96 sqrt(draws p
  (1 - p)) bound a 95% interval for it whatever the distribution; the error is half that
  interval / 1.96. The ranks are fractional and read as the percentile itself is (numpy's
  linear interpolation), so the interval is as fine as the draws allow. Batch means of
  each chunk's percentile would need two full chunks, and a chunk's P5 is biased.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from bizcase.results.convergence import Z95


def bound_percentiles(draws: int, percentiles: Sequence[int]) -> list[float]:
    """The percentiles (fractional, in [0, 100]) at the two ends of each percentile's 95%
    order-statistic interval, low then high for each in turn."""
    ends: list[float] = []
    for p in percentiles:
        if draws < 2:
            ends += [float(p), float(p)]
            continue
        q = p / 100
        centre, half = (draws - 1) * q, Z95 * math.sqrt(draws * q * (1 - q))
        for index in (max(0.0, centre - half), min(draws - 1.0, centre + half)):
            ends.append(min(100.0, 100 * index / (draws - 1)))
    return ends


def percentile_errors(percentiles: Sequence[int], ends: Sequence[float]) -> dict[int, float]:
    """Each percentile's standard error from the values at its interval's ends (in the
    order `bound_percentiles` gives them)."""
    return {p: (ends[2 * k + 1] - ends[2 * k]) / (2 * Z95) for k, p in enumerate(percentiles)}


def mean_error(values: NDArray[np.float64]) -> float:
    """The standard error of the mean of draws held whole."""
    draws = values.shape[0]
    return float(values.std(ddof=1) / math.sqrt(draws)) if draws > 1 else 0.0


def chance_error(p: float, draws: int) -> float:
    """Binomial: the draws are independent, each in or out."""
    return math.sqrt(max(p * (1 - p), 0.0) / draws)


class Moments:
    """Each column's count, sum and centred sum of squares per chunk, combined exactly at
    the end (Chan, Golub and LeVeque), so the deviation is right even for a figure whose
    mean dwarfs its spread."""

    def __init__(self, columns: int) -> None:
        self.sizes: list[int] = []
        self.sums: list[list[float]] = [[] for _ in range(columns)]
        self.squares: list[list[float]] = [[] for _ in range(columns)]

    def add(
        self, block: NDArray[np.float64], sums: list[float], out: NDArray[np.float64] | None = None
    ) -> None:
        """A block's columns (the centred values written into `out`, where given)."""
        size = block.shape[0]
        self.sizes.append(size)
        centred = np.subtract(block, np.asarray(sums) / size, out=out)
        for c, square in enumerate(np.einsum("ij,ij->j", centred, centred).tolist()):
            self.sums[c].append(sums[c])
            self.squares[c].append(square)

    def error(self, column: int) -> float:
        """The standard error of the column's mean over every chunk added."""
        draws = sum(self.sizes)
        if draws < 2:
            return 0.0
        sums = self.sums[column]
        mean = math.fsum(sums) / draws
        between = math.fsum(n * (s / n - mean) ** 2 for n, s in zip(self.sizes, sums, strict=True))
        variance = (math.fsum(self.squares[column]) + between) / (draws - 1)
        return math.sqrt(variance / draws)
