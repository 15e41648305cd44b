"""Start-up as instructions executed (valgrind's callgrind), against the same floors as
`benchmarks/startup.py`: a count that other work on the machine cannot change.

Not a test: it prints figures. Each command runs once under callgrind (about 50 times
slower than without it, so a minute or two in all), with the same environment as
`startup.py` and a fixed PYTHONHASHSEED, so the counts repeat to within a fraction of a
per cent. Instructions are not time (a cache miss costs more than an add), so this is the
cross-check of `startup.py`'s CPU-time ratio, which the target is judged on.

    python benchmarks/startup_instructions.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from startup import FLOOR, FLOOR_WITH_MODEL, bizcase_command, child_env, compile_bizcase
from startup import scenario_files as scenarios


def instructions(argv: list[str]) -> int:
    """Instructions executed by `argv`, as callgrind counts them."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        env={**child_env(), "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(argv)}\n{done.stderr[-2000:]}")
    return int(found[1])


def main() -> int:
    if shutil.which("valgrind") is None:
        raise SystemExit("needs valgrind (apt-get install valgrind)")
    compile_bizcase()
    with tempfile.TemporaryDirectory(prefix="bizcase-bench-") as tmp:
        files = scenarios(Path(tmp))
        bizcase = bizcase_command()
        commands = {
            "(b) floor": [sys.executable, "-c", FLOOR],
            "(b2) floor + one trivial pydantic model": [sys.executable, "-c", FLOOR_WITH_MODEL],
            "(d) bizcase --help": [*bizcase, "--help"],
            f"(e) bizcase compare ({len(files)} files)": [*bizcase, "compare", *files],
        }
        with ThreadPoolExecutor(max_workers=2) as pool:  # counts do not depend on load
            counts = dict(zip(commands, pool.map(instructions, commands.values()), strict=True))
    width = max(len(label) for label in counts)
    for label, count in counts.items():
        print(f"{label:<{width}}  {count / 1e6:9.1f} M instructions")
    floor, model_floor, help_, compare = counts.values()
    print(f"\n(e) compare / (b2) floor: {compare / model_floor:.3f}x")
    print(f"(e) compare / (b) floor: {compare / floor:.3f}x")
    print(f"(d) --help / (b) floor: {help_ / floor:.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
