"""Monte Carlo speed and memory: bizcase's simulation against two yardsticks.

Not a test: it prints figures. The scenario is the issue's: 50 streams over 10 years, PERT
uncertainty on every stream, two partners. Printed:

- draws/s of `simulate` on one thread and on every core, for --draws (default 1,000,000);
- peak memory (resident set, measured in a fresh process) of that 1,000,000-draw run;
- the floor: numpy drawing the same random numbers (50 PERT values per draw) and doing
  nothing else, and bizcase's speed as a fraction of it (aim: at least 0.75), timed in
  turn with simulate for --rounds rounds (medians: the ratio holds on a busy machine);
- a plain-Python loop over draws (random.betavariate, sums in Python) on a few thousand
  draws, and how many times faster bizcase is.

    python benchmarks/simulate.py
    python benchmarks/simulate.py --draws 200000 --rounds 5
"""

from __future__ import annotations

import os

# As the bizcase command does (bizcase.cli.main): single-threaded BLAS for small products.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

STREAMS, YEARS = 50, 10


def scenario_text() -> str:
    lines = [
        "name: Benchmark, 50 streams over 10 years",
        "kind: joint",
        "start: 2020/21",
        f"years: {YEARS}",
        "partners:",
        "  - {id: a, name: Council A, budget_gap: {2020/21: £5m, 2023/24: £20m}}",
        "  - {id: b, name: Council B, budget_gap: £10m}",
        "savings:",
    ]
    for i in range(STREAMS):
        low, high = -(10 + i % 30), 5 + i % 15
        lines += [
            f"  - name: Stream {i + 1}",
            f"    annual: {100 + 10 * i}k",
            f"    from: {2020 + i % 4}",
            "    ramp: [25%, 60%]",
            f"    confidence: {80 + i % 20}%",
            f"    share: {{a: {30 + i % 40}%, b: {70 - i % 40}%}}",
            f"    uncertainty: {{low: -{abs(low)}%, likely: 0%, high: {high}%, "
            "distribution: pert}",
        ]
    lines += [
        "one_off_costs:",
        "  - {name: Programme, amount: £8m, phasing: {2020/21: 50%, 2021/22: 50%}}",
    ]
    return "\n".join(lines) + "\n"


def load(path: Path):  # type: ignore[no-untyped-def]
    from bizcase.engine.plan import compile_plan
    from bizcase.io.loader import load_scenario
    from bizcase.risk.sampler import risk_model

    scenario = load_scenario(path).scenario
    return scenario, compile_plan(scenario), risk_model(scenario)


Seconds = tuple[float, float]
"""Wall-clock and CPU seconds (of the whole process: one thread's work when jobs=1)."""


def _clocks() -> Seconds:
    return time.perf_counter(), time.process_time()


def _since(start: Seconds) -> Seconds:
    wall, cpu = _clocks()
    return wall - start[0], cpu - start[1]


def time_simulate(path: Path, draws: int, jobs: int) -> Seconds:
    from bizcase.risk.simulate import simulate

    _, plan, model = load(path)
    simulate(plan, model, min(draws, 20_000), 1, ["a", "b", "total"], jobs=jobs)  # warm-up
    start = _clocks()
    simulate(plan, model, draws, 1, ["a", "b", "total"], jobs=jobs)
    return _since(start)


def rounds_against_floor(
    path: Path, draws: int, rounds: int
) -> tuple[list[Seconds], list[Seconds]]:
    """Seconds of simulate (one thread) and of the floor, timed in turn `rounds` times, so
    that a machine busy with other work slows both alike."""
    one, floor = [], []
    for _ in range(rounds):
        one.append(time_simulate(path, draws, jobs=1))
        floor.append(time_numpy_floor(path, draws))
    return one, floor


def time_numpy_floor(path: Path, draws: int) -> Seconds:
    """numpy drawing the same 50 PERT values per draw, chunk by chunk, and nothing else."""
    from bizcase.risk.distributions import pert_shape
    from bizcase.risk.simulate import CHUNK

    _, _, model = load(path)
    shapes = []
    for item in model.items:
        u = item.uncertainty
        assert u is not None and u.low is not None and u.high is not None
        shapes.append((u.low, u.high, *pert_shape(u.low, u.likely, u.high)))
    start = _clocks()
    for number in range((draws + CHUNK - 1) // CHUNK):
        size = min(CHUNK, draws - number * CHUNK)
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(1, spawn_key=(number,))))
        for low, high, alpha, beta in shapes:
            _ = low + (high - low) * rng.beta(alpha, beta, size)
    return _since(start)


def time_python_loop(path: Path, draws: int) -> float:
    """The same calculation one draw at a time in plain Python (npv and final gap only)."""
    scenario, plan, _ = load(path)
    block = plan.blocks["savings"]
    amounts = block.amounts.tolist()
    shares = block.shares.tolist()
    factors = plan.discount_factors.tolist()
    one_off = plan.blocks["one_off_costs"].amounts.tolist()
    gaps = plan.gaps.tolist()
    params = []
    for stream in scenario.savings:
        u = stream.uncertainty
        assert u is not None and u.low is not None and u.high is not None
        span = u.high - u.low
        alpha = 1 + 4 * (u.likely - u.low) / span
        beta = 1 + 4 * (u.high - u.likely) / span
        params.append((u.low, span, alpha, beta))
    rng = random.Random(1)
    start = time.perf_counter()
    for _ in range(draws):
        scales = [1 + low + span * rng.betavariate(a, b) for low, span, a, b in params]
        for p in range(len(plan.partner_ids)):
            npv = 0.0
            for t in range(plan.years):
                saving = sum(scales[i] * amounts[i][t] * shares[i][p] for i in range(STREAMS))
                cost = sum(row[t] for row in one_off) / 2
                npv += (saving - cost) * factors[t]
                _remaining = gaps[p][t] - saving
    return time.perf_counter() - start


def peak_memory_mb(path: Path, draws: int) -> float:
    """Peak resident memory of a fresh process running the simulation, in MB."""
    here = str(Path(__file__).parent)
    code = (
        f"import resource, sys; sys.path.insert(0, {here!r}); import simulate as b; "
        f"from pathlib import Path; b.time_simulate(Path({str(path)!r}), {draws}, 2); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draws", type=int, default=1_000_000)
    parser.add_argument("--python-draws", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=3, help="simulate and floor in turn")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.yaml"
        path.write_text(scenario_text(), encoding="utf-8")
        ones, floors = rounds_against_floor(path, args.draws, args.rounds)
        both, _ = time_simulate(path, args.draws, jobs=2)
        python = time_python_loop(path, args.python_draws)
        memory = peak_memory_mb(path, args.draws)
    one = statistics.median(wall for wall, _ in ones)
    floor = statistics.median(wall for wall, _ in floors)
    ratios = [f[0] / o[0] for o, f in zip(ones, floors, strict=True)]
    cpu_ratios = [f[1] / o[1] for o, f in zip(ones, floors, strict=True)]
    rate_one, rate_both = args.draws / one, args.draws / both
    rate_floor, rate_python = args.draws / floor, args.python_draws / python
    print(f"scenario: {STREAMS} streams x {YEARS} years, PERT on every stream, 2 partners")
    print(f"draws: {args.draws:,} (plain-Python loop: {args.python_draws:,})")
    print(f"medians of {args.rounds} rounds, simulate and the floor timed in turn\n")
    print(f"simulate, 1 thread      {rate_one:12,.0f} draws/s  ({one:.2f} s)")
    print(f"simulate, 2 threads     {rate_both:12,.0f} draws/s  ({both:.2f} s)")
    print(f"numpy floor (draws only){rate_floor:12,.0f} draws/s  ({floor:.2f} s)")
    print(f"plain-Python loop       {rate_python:12,.0f} draws/s\n")
    for what, found in (("CPU", cpu_ratios), ("wall", ratios)):
        each = ", ".join(f"{r:.2f}" for r in found)
        print(
            f"simulate (1 thread) / numpy floor, {what}: {statistics.median(found):.2f}  "
            f"(rounds: {each}; aim >= 0.75)"
        )
    print(f"simulate (1 thread) / Python loop: {rate_one / rate_python:,.0f}x faster")
    print(f"peak memory, {args.draws:,} draws: {memory:,.0f} MB  (aim < 500 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
