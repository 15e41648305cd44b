"""Exact percentiles of more draws than memory should hold, in three passes over them.

A simulation is reproducible draw for draw (each chunk of draws has its own seeded
stream), so it can be run again instead of kept. Pass one finds each column's range; pass
two counts the values in fixed bins across it; pass three keeps only the values in the
bins that hold the order statistics a percentile needs. The result is what
`numpy.percentile` (linear interpolation) gives on the whole array, with memory bounded
by the bins, not by the draws. Values are kept as distinct values with counts, so a
distribution with atoms (many draws at exactly the same figure) stays small too.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

BINS = 16_384

MERGE_EVERY = 64
"""Blocks' kept values per column merged into one array of distinct values this often: each
block keeps a few values of a column, and a small array per block and column would grow
with the draws (a million pairs at 10 million draws, 160 MB in array headers alone)."""

Array = NDArray[np.float64]

Kept = tuple[Array, NDArray[np.int64]]
"""Distinct values, in order, and how many times each was drawn."""


def _virtual_index(draws: int, percentile: float) -> float:
    """Where numpy's linear method reads percentile p of `draws` sorted values, computed in
    its own order of operations so the same bits come out."""
    return float((draws - 1) * (percentile / 100))


def _neighbours(draws: int, percentile: float) -> tuple[int, int, float]:
    index = _virtual_index(draws, percentile)
    below = int(np.floor(index))
    return max(0, min(below, draws - 1)), max(0, min(below + 1, draws - 1)), index - below


def percentile_ranks(draws: int, percentiles: Sequence[float]) -> list[int]:
    """The 0-based order statistics that numpy's linear percentiles of `draws` values read."""
    ranks: set[int] = set()
    for p in percentiles:
        lo, hi, _ = _neighbours(draws, p)
        ranks.update({lo, hi})
    return sorted(ranks)


def percentiles(values: Array, wanted: Sequence[float]) -> list[float]:
    """`numpy.percentile(values, wanted)` (linear), to the bit: the same order statistics,
    interpolated as numpy does. numpy partitions around every rank it needs at once, which
    for the thirty ranks of a simulation's percentiles and their intervals is slower than
    sorting; here each rank is placed in turn within the narrowest stretch left by those
    already placed, so most of the work is on a fraction of the draws."""
    draws = values.shape[0]
    if draws == 0 or np.isnan(values.max()):  # the largest is NaN if any is
        return list(np.percentile(values, wanted).tolist())
    work = values.copy()
    ranks = percentile_ranks(draws, wanted)
    _place(work, 0, draws, ranks)
    at = {rank: float(work[rank]) for rank in ranks}
    if 0.0 in at.values():
        # -0.0 and 0.0 are equal: which one a rank holds depends on how it was found
        return list(np.percentile(values, wanted).tolist())
    found = []
    for p in wanted:
        lo, hi, gamma = _neighbours(draws, p)
        found.append(_lerp(at[lo], at[hi], gamma))
    return found


def _place(work: Array, start: int, stop: int, ranks: Sequence[int]) -> None:
    """Put the values of `ranks` (sorted, within [start, stop)) where sorting would put
    them, partitioning around the one nearest the middle of the stretch first."""
    if not ranks:
        return
    middle = (start + stop) // 2
    k = min(range(len(ranks)), key=lambda i: abs(ranks[i] - middle))
    work[start:stop].partition(ranks[k] - start)
    _place(work, start, ranks[k], ranks[:k])
    _place(work, ranks[k] + 1, stop, ranks[k + 1 :])


class OrderStatistics:
    """Order statistics of each column of a stream of (rows, columns) blocks, fed through
    `feed` once per pass, the same blocks in the same order each pass. Percentiles may be
    fractional (the ends of a percentile's order-statistic interval, `bizcase.risk.errors`)."""

    passes = 3

    def __init__(self, draws: int, columns: int, percentiles: Sequence[float]) -> None:
        self.draws = draws
        self.percentiles = tuple(percentiles)
        self.ranks = percentile_ranks(draws, percentiles)
        self.low = np.full(columns, np.inf)
        self.high = np.full(columns, -np.inf)
        self.counts = np.zeros((columns, BINS), dtype=np.int64)
        self.wanted: list[dict[int, int]] = []  # per column: bin -> values below it
        self.chosen: list[NDArray[np.bool_]] = []  # per column: whether each bin is wanted
        self.kept: list[list[Kept]] = []
        """Per column: (distinct values, their counts) in the wanted bins, a pair per block
        fed, merged into one every `MERGE_EVERY` blocks."""
        self.pass_number = 0

    def next_pass(self) -> None:
        self.pass_number += 1
        if self.pass_number == 2:
            self._choose_bins()

    def feed(self, block: Array) -> None:
        if self.pass_number == 0:
            np.minimum(self.low, block.min(axis=0), out=self.low)
            np.maximum(self.high, block.max(axis=0), out=self.high)
            return
        for column in range(block.shape[1]):
            bins = self._bins(block[:, column], column)
            if self.pass_number == 1:
                self.counts[column] += np.bincount(bins, minlength=BINS)
                continue
            inside = self.chosen[column][bins]
            if inside.any():
                kept = self.kept[column]
                kept.append(np.unique(block[inside, column], return_counts=True))
                if len(kept) >= MERGE_EVERY:
                    kept[:] = [_merged(kept)]

    def _bins(self, values: Array, column: int) -> NDArray[np.int64]:
        low, high = self.low[column], self.high[column]
        if not high > low:
            return np.zeros(values.shape[0], dtype=np.int64)
        scaled = (values - low) * (BINS / (high - low))
        bins: NDArray[np.int64] = np.clip(scaled.astype(np.int64), 0, BINS - 1)
        return bins

    def _choose_bins(self) -> None:
        for column in range(self.counts.shape[0]):
            below = np.concatenate([[0], np.cumsum(self.counts[column])])
            wanted: dict[int, int] = {}
            for rank in self.ranks:
                b = int(np.searchsorted(below, rank, side="right")) - 1
                wanted[b] = int(below[b])
            self.wanted.append(wanted)
            chosen = np.zeros(BINS, dtype=np.bool_)
            chosen[list(wanted)] = True
            self.chosen.append(chosen)
            self.kept.append([])

    def in_order(self, column: int) -> list[float]:
        """The column's percentiles in the order they were asked for."""
        found = self.percentiles_of(column)
        return [found[p] for p in self.percentiles]

    def percentiles_of(self, column: int) -> dict[float, float]:
        """numpy's linear-interpolation percentiles of the column, from the kept values."""
        value_at: dict[int, float] = {}
        values, counts = _merged(self.kept[column])
        # a value's bin is worked out as when it was fed: the same value, the same bin
        bins = self._bins(values, column)
        for b, below in self.wanted[column].items():
            here = bins == b
            position = below
            for value, count in zip(values[here].tolist(), counts[here].tolist(), strict=True):
                for rank in self.ranks:
                    if position <= rank < position + count:
                        value_at[rank] = value
                position += count
        out: dict[float, float] = {}
        for p in self.percentiles:
            lo, hi, gamma = _neighbours(self.draws, p)
            out[p] = _lerp(value_at[lo], value_at[hi], gamma)
        return out


def _merged(parts: Sequence[Kept]) -> Kept:
    """Several blocks' distinct values and counts as one."""
    if not parts:
        return np.empty(0), np.empty(0, dtype=np.int64)
    values, inverse = np.unique(np.concatenate([v for v, _ in parts]), return_inverse=True)
    counts = np.bincount(inverse, weights=np.concatenate([n for _, n in parts]))
    return values, counts.astype(np.int64)


def _lerp(a: float, b: float, t: float) -> float:
    """As numpy interpolates between neighbouring order statistics."""
    result = np.subtract(b, a) * t + a
    if t >= 0.5:
        result = b - np.subtract(b, a) * (1 - t)
    return float(result)
