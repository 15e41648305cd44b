"""Arrays reused from one chunk of draws to the next, one set per thread.

A simulation projects chunk after chunk of the same size. Fresh multi-megabyte arrays for
each chunk are fresh memory each time (page faults, cold caches), which costs about as much
as the arithmetic done in them; the same arrays again cost nothing. Whatever is kept of a
chunk must be copied out of them: the thread's next chunk overwrites them.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

from bizcase.engine.arrays import Array


class Workspace:
    """Named arrays, allocated the first time a name is asked for (or its shape changes)."""

    def __init__(self) -> None:
        self._arrays: dict[str, NDArray[Any]] = {}

    def array(self, name: str, shape: tuple[int, ...], dtype: DTypeLike = np.float64) -> Any:
        found = self._arrays.get(name)
        if found is None or found.shape != shape or found.dtype != np.dtype(dtype):
            found = np.empty(shape, dtype)
            self._arrays[name] = found
        return found

    def floats(self, name: str, shape: tuple[int, ...]) -> Array:
        values: Array = self.array(name, shape)
        return values

    def flags(self, name: str, shape: tuple[int, ...]) -> NDArray[np.bool_]:
        values: NDArray[np.bool_] = self.array(name, shape, np.bool_)
        return values


class Workspaces(threading.local):
    """One workspace per thread (for one simulation: dropped with it)."""

    def __init__(self) -> None:
        self.mine = Workspace()
