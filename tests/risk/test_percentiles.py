"""The percentiles of draws held whole are numpy's, to the bit, however they are found."""

from __future__ import annotations

import numpy as np
import pytest

from bizcase.results.simulation import PERCENTILES
from bizcase.risk.errors import bound_percentiles
from bizcase.risk.quantiles import percentiles


def _columns(draws: int) -> list[np.ndarray]:
    rng = np.random.default_rng(draws)
    normal = rng.normal(size=draws) * 1e6
    return [
        normal,
        np.sort(normal),
        np.round(rng.normal(size=draws)),  # atoms, and -0.0 beside 0.0
        np.full(draws, 3.0),
        np.where(rng.random(draws) < 0.5, 0.0, -0.0),
        np.where(rng.random(draws) < 0.01, np.inf, normal),
        np.where(rng.random(draws) < 0.01, np.nan, normal),
    ]


@pytest.mark.parametrize("draws", [1, 2, 3, 10, 33, 101, 1_000, 8_192, 100_003])
def test_percentiles_are_numpys_to_the_bit(draws: int) -> None:
    wanted = [*PERCENTILES, *bound_percentiles(draws, PERCENTILES)]
    for values in _columns(draws):
        expected = np.percentile(values, wanted).tolist()
        found = percentiles(values, wanted)
        assert np.array_equal(found, expected, equal_nan=True)
        assert [np.signbit(x) for x in found] == [np.signbit(x) for x in expected]
