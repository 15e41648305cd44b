"""Rank correlations between drivers: `correlations: {staffing: {procurement: 0.6}}`.

A coefficient is Spearman's rank correlation between two drivers' draws, -1 to 1, given
once per pair (either way round; twice only with the same value). Drivers are sampled
jointly with a Gaussian copula, whose normal correlation is Pearson's r = 2 sin(pi rho / 6)
for Spearman's rho (exact for the normal copula). The normal correlations must form a
positive semi-definite matrix, or no draws could have them: such a matrix is refused with
the drivers at fault and the nearest matrix that is valid (Higham's nearest correlation
matrix, 2002), never repaired silently.
"""

from __future__ import annotations

import difflib
import itertools
import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Annotated

import numpy as np
from pydantic import Field, WithJsonSchema

from bizcase.model.findings import Finding
from bizcase.model.units import KEY

if TYPE_CHECKING:
    from numpy.typing import NDArray

Coefficient = Annotated[
    float,
    Field(ge=-1.0, le=1.0, strict=False),
    WithJsonSchema({"type": "number", "minimum": -1, "maximum": 1}),
]
Correlations = dict[str, dict[str, Coefficient]]
Pairs = dict[tuple[str, str], float]
"""Each pair of drivers (in name order) and its Spearman coefficient."""

TOLERANCE = 1e-10
"""An eigenvalue this far below 0 is rounding, not a matrix that cannot be."""


def pearson(rho: float) -> float:
    """The normal copula's correlation giving Spearman's `rho`."""
    return 2.0 * math.sin(math.pi * rho / 6.0)


def spearman(r: float) -> float:
    return 6.0 / math.pi * math.asin(max(-1.0, min(1.0, r / 2.0)))


def check_correlations(correlations: Correlations, drivers: set[str]) -> Iterator[Finding]:
    """Names, pairs given twice and the matrix, for one scenario's `correlations`."""
    pairs: Pairs = {}
    for first, row in correlations.items():
        if first not in drivers:
            yield Finding(("correlations", first, KEY), _unknown(first, drivers))
            continue
        for second, value in row.items():
            path = ("correlations", first, second)
            if second not in drivers:
                yield Finding((*path, KEY), _unknown(second, drivers))
            elif second == first:
                yield Finding((*path, KEY), f"'{first}' is correlated with itself: remove it")
            else:
                key = (min(first, second), max(first, second))
                if key in pairs and pairs[key] != value:
                    yield Finding(
                        path,
                        f"{first} and {second} are given twice, as {pairs[key]:g} and "
                        f"{value:g}: give the pair once",
                    )
                pairs[key] = value
    problem = matrix_problem(pairs)
    if problem:
        yield Finding(("correlations",), problem)


def _unknown(name: str, drivers: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(drivers), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    known = ", ".join(sorted(drivers)) or "none"
    return f"'{name}' is not a driver of this scenario; {hint}(drivers: {known})"


def names_of(pairs: Pairs) -> list[str]:
    return sorted({name for pair in pairs for name in pair})


def normal_matrix(pairs: Pairs, names: list[str]) -> NDArray[np.float64]:
    """The copula's (Pearson) correlation matrix over `names`."""
    place = {name: k for k, name in enumerate(names)}
    matrix = np.eye(len(names))
    for (a, b), rho in pairs.items():
        matrix[place[a], place[b]] = matrix[place[b], place[a]] = pearson(rho)
    return matrix


def is_valid(matrix: NDArray[np.float64]) -> bool:
    return bool(np.linalg.eigvalsh(matrix).min() >= -TOLERANCE)


def matrix_problem(pairs: Pairs) -> str | None:
    """None where the correlations can hold together; else what is wrong and the nearest
    valid correlations, written as in a file."""
    if not pairs:
        return None
    names = names_of(pairs)
    matrix = normal_matrix(pairs, names)
    if is_valid(matrix):
        return None
    culprits = _culprits(matrix, names)
    nearest = _written(_nearest_valid(matrix), names)
    return (
        f"the correlations between {_and(culprits)} cannot all hold at once (their "
        "matrix is not positive semi-definite): loosen them; the nearest that can, by "
        f"Higham's nearest correlation matrix, rounded, is correlations: {nearest}"
    )


def _culprits(matrix: NDArray[np.float64], names: list[str]) -> list[str]:
    """The smallest set of drivers whose correlations alone are impossible."""
    for size in range(3, len(names) + 1):
        for count, subset in enumerate(itertools.combinations(range(len(names)), size)):
            if count > 5000:
                break
            if not is_valid(matrix[np.ix_(subset, subset)]):
                return [names[k] for k in subset]
    vectors = np.linalg.eigh(matrix)[1]
    loading = np.abs(vectors[:, 0])
    return [name for name, weight in zip(names, loading, strict=True) if weight >= 0.1]


def _and(names: list[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]


def nearest_correlation(matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    """Higham (2002): alternating projections, with Dykstra's correction, onto the positive
    semi-definite matrices and the matrices with a unit diagonal."""
    y = matrix.copy()
    correction = np.zeros_like(matrix)
    for _ in range(500):
        r = y - correction
        values, vectors = np.linalg.eigh(r)
        x = (vectors * np.maximum(values, 0.0)) @ vectors.T
        correction = x - r
        y = x.copy()
        np.fill_diagonal(y, 1.0)
        if np.linalg.norm(y - x) < 1e-12:
            break
    return y


def _nearest_valid(matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    """Higham's nearest matrix, pulled towards no correlation just enough that it stays
    valid once rounded to two decimals as Spearman coefficients."""
    nearest = nearest_correlation(matrix)
    for step in range(101):
        shrunk = nearest * (1 - step / 100) + np.eye(len(matrix)) * (step / 100)
        rounded = np.vectorize(lambda r: pearson(round(spearman(r), 2)))(shrunk)
        np.fill_diagonal(rounded, 1.0)
        if is_valid(rounded):
            return np.asarray(rounded, dtype=np.float64)
    return np.eye(len(matrix))


def _written(matrix: NDArray[np.float64], names: list[str]) -> str:
    rows = []
    for a, first in enumerate(names):
        cells = [
            f"{second}: {round(spearman(float(matrix[a, b])), 2):g}"
            for b, second in enumerate(names)
            if b > a
        ]
        if cells:
            rows.append(f"{first}: {{{', '.join(cells)}}}")
    return "{" + ", ".join(rows) + "}"


def merged(named: Mapping[str, Correlations]) -> tuple[Pairs, list[str]]:
    """The correlations of several files (by file) as one set of pairs, and a problem for
    each pair two files give differently."""
    pairs: Pairs = {}
    source: dict[tuple[str, str], str] = {}
    problems = []
    for file, correlations in named.items():
        for first, row in correlations.items():
            for second, value in row.items():
                key = (min(first, second), max(first, second))
                if key in pairs and pairs[key] != value:
                    problems.append(
                        f"{file}: {first} and {second} are correlated {value:g} here but "
                        f"{pairs[key]:g} in {source[key]}: give them the same value"
                    )
                    continue
                pairs[key], source[key] = value, file
    return pairs, problems
