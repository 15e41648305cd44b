"""Several options simulated together against one alone: the cost of common random numbers.

Not a test: it prints figures. The scenario is `simulate.py`'s (50 streams over 10 years,
PERT on every stream, two partners), with every fifth stream on a shared driver. Printed:
seconds for one option, for three together (the same file three times), and the ratio
(aim: no more than 3, the cost of three separate runs).

    python benchmarks/simulate_joint.py
    python benchmarks/simulate_joint.py --draws 100000
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from simulate import load, scenario_text


def with_drivers(text: str) -> str:
    """Every fifth stream's uncertainty on one of two shared drivers."""
    count = 0

    def add(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return match.group(0) + (f"\n    driver: d{count % 2}" if count % 5 == 0 else "")

    return re.sub(r"    uncertainty: \{[^\n]*\}", add, text)


def main() -> int:
    from bizcase.risk.joint import simulate_joint
    from bizcase.risk.simulate import simulate

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.yaml"
        path.write_text(with_drivers(scenario_text()), encoding="utf-8")
        _, plan, model = load(path)
    views = ["a", "b"]
    simulate(plan, model, 10_000, 1, views, jobs=args.jobs)  # warm-up
    start = time.perf_counter()
    simulate(plan, model, args.draws, 1, views, jobs=args.jobs)
    one = time.perf_counter() - start
    start = time.perf_counter()
    simulate_joint([plan] * 3, [model] * 3, args.draws, 1, views, jobs=args.jobs)
    three = time.perf_counter() - start
    print(f"draws: {args.draws:,}, threads: {args.jobs}")
    print(f"one option          {one:8.2f} s")
    print(f"three together      {three:8.2f} s")
    print(f"ratio               {three / one:8.2f}  (aim <= 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
