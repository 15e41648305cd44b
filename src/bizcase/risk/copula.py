"""Drivers drawn with given rank correlations: a Gaussian copula on their quantiles.

Each driver's uniform quantiles (taken as without correlations) are mapped to standard
normals, mixed by a square root of the normal correlation matrix, and mapped back: each
driver's quantiles stay uniform, so every item keeps its own distribution, and the pairs
get Spearman's rank correlation as written (Pearson's r = 2 sin(pi rho / 6) for the
normals; see `bizcase.model.correlations`). Delays' quantiles are correlated the same way.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from bizcase.model.correlations import Pairs, names_of, normal_matrix
from bizcase.records import frozen
from bizcase.risk.distributions import normal_quantile

Array = NDArray[np.float64]
_ERFC = np.frompyfunc(math.erfc, 1, 1)


@frozen
class Copula:
    names: tuple[str, ...]
    root: Array
    """A square root of the normal correlation matrix (root @ root.T): by eigenvalues, so a
    singular matrix (a correlation of 1) works too."""


def copula_of(pairs: Pairs) -> Copula | None:
    """The copula of valid correlations (checked when the file was read); None for none."""
    if not any(pairs.values()):
        return None
    names = names_of(pairs)
    values, vectors = np.linalg.eigh(normal_matrix(pairs, names))
    root = vectors * np.sqrt(np.maximum(values, 0.0))
    return Copula(tuple(names), root)


def normal_cdf(z: Array) -> Array:
    return 0.5 * np.asarray(_ERFC(-z / math.sqrt(2.0)), dtype=np.float64)


def correlate(quantiles: list[Array], copula: Copula) -> list[Array]:
    """The drivers' quantiles (in `copula.names` order) with the copula's correlations."""
    z = normal_quantile(np.stack(quantiles))
    mixed = normal_cdf(copula.root @ z)
    # never exactly 1: a quantile is in [0, 1)
    return list(np.minimum(mixed, np.nextafter(1.0, 0.0)))
