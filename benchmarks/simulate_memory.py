"""Peak memory of `bizcase simulate` as the draws grow: it must stay flat.

Not a test: it prints figures. The scenario has 10 partners (each shown, plus the total)
and 20 uncertain streams over 10 years; each run is a fresh process, its peak resident
set read from the kernel (`os.wait4`).

    python benchmarks/simulate_memory.py                 # 10^5, 10^6, 10^7 draws
    python benchmarks/simulate_memory.py --draws 100000 1000000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARTNERS, STREAMS = 10, 20


def scenario_text() -> str:
    lines = ["name: Memory benchmark", "kind: shared_service", "start: 2020/21", "years: 10"]
    lines.append("partners:")
    for p in range(PARTNERS):
        lines.append(f"  - {{id: p{p}, name: Council {p}, budget_gap: £{1 + p % 3}m}}")
    lines.append("savings:")
    for i in range(STREAMS):
        lines += [
            f"  - name: Stream {i + 1}",
            f"    annual: {200 + 20 * i}k",
            "    ramp: [30%, 70%]",
            "    uncertainty: {low: -30%, likely: 0%, high: 10%, distribution: pert}",
        ]
    return "\n".join(lines) + "\n"


def peak_mb(command: list[str]) -> tuple[float, float]:
    """Peak resident set (MB) and wall time (s) of one fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed ({status})")
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    args = parser.parse_args()
    bizcase = [sys.executable, "-m", "bizcase"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "memory.yaml"
        path.write_text(scenario_text(), encoding="utf-8")
        floor, _ = peak_mb([*bizcase, "validate", str(path)])
        print(f"{PARTNERS} partners + total, {STREAMS} PERT streams, 10 years")
        print(f"{'bizcase validate (start-up floor)':>36}: {floor:7.0f} MB")
        for draws in args.draws:
            peak, seconds = peak_mb(
                [
                    *bizcase,
                    "simulate",
                    str(path),
                    "--draws",
                    str(draws),
                    "--seed",
                    "1",
                    "--format",
                    "json",
                ]
            )
            print(f"{f'simulate --draws {draws:,}':>36}: {peak:7.0f} MB  ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
