"""The one random stream of every simulation, cut into fixed-size chunks of draws.

Each chunk has its own random stream, spawned from the seed by the chunk's number (and, in
a joint simulation of several options, by the option's place too), so the numbers do not
depend on how many threads ran or in what order: the same seed gives the same figures on
any machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np

CHUNK = 8192
"""Draws per chunk: big enough for numpy to be efficient, small enough (tens of MB) to
keep memory flat. Fixed, because the random streams are tied to chunk numbers."""

MAX_DRAWS = 100_000_000

Progress = Callable[[int, int], None]
T = TypeVar("T")


def chunk_rng(seed: int, number: int, stream: int | None = None) -> np.random.Generator:
    """Chunk `number`'s generator; `stream` > 0 is an option's own stream in a joint
    simulation (its items without a driver), kept apart from the shared one."""
    key = (number,) if stream is None else (number, stream)
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


def chunk_sizes(draws: int) -> list[tuple[int, int]]:
    """(number, size) of each chunk of `draws`."""
    if not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be between 1 and {MAX_DRAWS:,}")
    return [(j, min(CHUNK, draws - j * CHUNK)) for j in range((draws + CHUNK - 1) // CHUNK)]


def in_chunks(
    draws: int,
    run_chunk: Callable[[int, int], T],
    jobs: int | None = None,
    progress: Progress | None = None,
    passes: tuple[int, int] = (0, 1),
    first: int = 0,
) -> Iterator[T]:
    """`run_chunk(number, size)` of each chunk of `draws`, yielded in chunk order, on up to
    `jobs` threads. `first` skips chunks already run (a run that goes on until it is
    precise enough); `passes` (this pass, of how many) only scales the progress."""
    chunks = chunk_sizes(draws)[first:]

    def run(job: tuple[int, int]) -> tuple[int, T]:
        number, size = job
        return size, run_chunk(number, size)

    workers = max(1, min(jobs or os.cpu_count() or 1, len(chunks)))
    done = passes[0] * draws + first * CHUNK
    if workers == 1:
        results: Iterable[tuple[int, T]] = map(run, chunks)
        for size, chunk in results:
            done += size
            if progress:
                progress(done, draws * passes[1])
            yield chunk
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        # A window of chunks in flight, so finished chunks never pile up in memory.
        window = 2 * workers
        for start in range(0, len(chunks), window):
            for size, chunk in pool.map(run, chunks[start : start + window]):
                done += size
                if progress:
                    progress(done, draws * passes[1])
                yield chunk
