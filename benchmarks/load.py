"""Loading a scenario file against its size: reading, composing and validating 50 to 1,000
streams, and the ratio of the 1,000-stream time to ten times the 100-stream time (1.0 is
linear; the aim is at most 1.2).

Not a test: it prints figures.

    .venv/bin/python benchmarks/load.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bizcase.io.loader import load_scenario

HEAD = (
    "name: Big\nstart: 2016/17\nyears: 10\n"
    "partners: [{id: a, name: A}, {id: b, name: B}]\nsavings:\n"
)


def scenario(streams: int) -> str:
    item = "  - {{name: S{i}, annual: £{a}, share: {{a: 40%, b: 60%}}, ramp: [50%]}}\n"
    return HEAD + "".join(item.format(i=i, a=1000 + i) for i in range(streams))


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    medians: dict[int, float] = {}
    for streams in (50, 100, 500, 1000):
        file = folder / f"streams-{streams}.yaml"
        file.write_text(scenario(streams), encoding="utf-8")
        times = []
        for _ in range(9):
            start = time.perf_counter()
            load_scenario(str(file))
            times.append(time.perf_counter() - start)
        medians[streams] = statistics.median(times)
        print(f"{streams:>5} streams  {medians[streams] * 1000:7.1f} ms")
    print(f"1,000 / (10 x 100): {medians[1000] / (10 * medians[100]):.2f}  (aim <= 1.2)")


if __name__ == "__main__":
    main()
