"""The array type of the engine, and its one tolerance."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Array = NDArray[np.float64]
else:
    Array = np.ndarray  # annotations are never evaluated: spares importing numpy.typing

ZERO_TOLERANCE = 1e-4
"""Pounds within a hundredth of a penny of zero count as zero when deciding payback,
whether a gap is closed or a balance is below its minimum, so floating-point noise can never
move a year."""
