"""`bizcase sweep` per combination: the document path (every combination written into the
data, validated whole, compiled and run) against the batched path (the combination applied
to the validated scenario, all of them projected as draws of one plan), side by side.

Not a test: it prints figures. Two files: the bundled joint option and 50 streams over 10
years; grids of 1,000 (40 x 25) and 10,000 (100 x 100) combinations of a saving's `annual`
and a one-off cost's `amount`. The two paths are timed in turn, in alternating order, for
--rounds rounds; medians are printed, and the two sweeps' JSON is checked to be identical.

    python benchmarks/sweep.py
    python benchmarks/sweep.py --rounds 5
"""

from __future__ import annotations

import os

# As the bizcase command does (bizcase.cli.main): single-threaded BLAS for small products.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bizcase.appraisal.sweep import run_sweep
from bizcase.render.sweep_out import render_sweep_json

BUNDLED = Path(__file__).resolve().parents[1] / "scenarios" / "ssdc-sdc-joint.yaml"


def fifty_streams() -> str:
    lines = [
        "name: Benchmark, 50 streams over 10 years",
        "kind: joint",
        "start: 2020/21",
        "years: 10",
        "partners:",
        "  - {id: a, name: Council A, budget_gap: {2020/21: £5m, 2023/24: £20m}}",
        "  - {id: b, name: Council B, budget_gap: £10m}",
        "savings:",
    ]
    for i in range(50):
        lines += [
            f"  - name: Stream {i + 1}",
            f"    annual: {100 + 10 * i}k",
            f"    from: {2020 + i % 4}",
            "    ramp: [25%, 60%]",
            f"    confidence: {80 + i % 20}%",
            f"    share: {{a: {30 + i % 40}%, b: {70 - i % 40}%}}",
        ]
    lines += [
        "one_off_costs:",
        "  - {name: Programme, amount: £8m, phasing: {2020/21: 50%, 2021/22: 50%}}",
    ]
    return "\n".join(lines) + "\n"


def grids(saving: str, cost: str) -> dict[int, list[str]]:
    """Ranges of the first saving's `annual` and the first one-off cost's `amount`."""
    return {
        combinations: [
            f"savings[0].annual={saving}:{first}",
            f"one_off_costs[0].amount={cost}:{second}",
        ]
        for combinations, first, second in ((1_000, 40, 25), (10_000, 100, 100))
    }


def timed(file: str, sets: list[str], fast: bool) -> tuple[float, str]:
    start = time.perf_counter()
    sweep = run_sweep(file, sets, fast=fast)
    elapsed = time.perf_counter() - start
    return elapsed / len(sweep.rows), render_sweep_json(sweep)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    fifty = Path(tempfile.mkdtemp()) / "fifty.yaml"
    fifty.write_text(fifty_streams(), encoding="utf-8")
    cases = [
        (f"joint option, {n:,}", str(BUNDLED), sets)
        for n, sets in grids("£0.5m..£1m", "£1m..£2m").items()
    ] + [
        (f"50 streams, {n:,}", str(fifty), sets)
        for n, sets in grids("£50k..£150k", "£4m..£12m").items()
    ]
    times: dict[tuple[str, bool], list[float]] = {}
    for number in range(rounds):
        for name, file, sets in cases:
            outputs = {}
            for fast in (False, True) if number % 2 == 0 else (True, False):
                seconds, outputs[fast] = timed(file, sets, fast)
                times.setdefault((name, fast), []).append(seconds)
            assert outputs[True] == outputs[False], f"{name}: the two paths differ"
    print(f"ms per combination, medians of {rounds} interleaved rounds (identical output)")
    print(f"{'':<24}{'document':>10}{'batched':>10}{'speed-up':>10}")
    for name, _, _ in cases:
        slow = statistics.median(times[(name, False)]) * 1000
        fast = statistics.median(times[(name, True)]) * 1000
        print(f"{name:<24}{slow:>10.3f}{fast:>10.3f}{slow / fast:>9.1f}x")


if __name__ == "__main__":
    main()
