"""Loading a scenario file against its size: reading, composing and validating 50 to 2,000
streams, and the ratios of the 1,000- and 2,000-stream times to ten and twenty times the
100-stream time (1.0 is linear; the aim is at most 1.2). A section holds at most 1,000
items, so the 2,000-stream file has 1,000 savings and 1,000 costs.

Not a test: it prints figures.

    .venv/bin/python benchmarks/load.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bizcase.io.loader import load_scenario

HEAD = "name: Big\nstart: 2016/17\nyears: 10\npartners: [{id: a, name: A}, {id: b, name: B}]\n"
PER_SECTION = 1_000


def scenario(streams: int) -> str:
    item = "  - {{name: S{i}, annual: £{a}, share: {{a: 40%, b: 60%}}, ramp: [50%]}}\n"
    text = HEAD
    for section, first in (("savings", 0), ("costs", PER_SECTION)):
        count = min(PER_SECTION, streams - first)
        if count > 0:
            text += f"{section}:\n"
            text += "".join(item.format(i=i, a=1000 + i) for i in range(first, first + count))
    return text


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    medians: dict[int, float] = {}
    for streams in (50, 100, 500, 1000, 2000):
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
    print(f"2,000 / (20 x 100): {medians[2000] / (20 * medians[100]):.2f}  (aim <= 1.2)")


if __name__ == "__main__":
    main()
