"""Start-up time of the `bizcase` command against the cost of its own dependencies.

Not a test: it prints figures. Each command runs as a fresh subprocess; the commands are
interleaved (one of each per round, in a rotating order) so that a busy machine slows all
of them alike, and each is run once beforehand to warm the disk cache and write bytecode.

    python benchmarks/startup.py            # 15 rounds
    python benchmarks/startup.py --runs 40

  (a) python -c pass                 the interpreter alone
  (b) floor                          the imports `compare` really needs:
                                     typer, rich.console, rich.table, yaml, numpy, pydantic
  (b2) floor with a model            the same, and one trivial pydantic model built: pydantic
                                     loads most of itself only when a model is first built
  (c) plain imports                  import typer, rich, pydantic, yaml, numpy
  (d) bizcase --help
  (e) bizcase compare FILES          scenarios/*.yaml, or two small scenarios written to a
                                     temporary folder when there are none
  (f) python -c "import bizcase"     the Python API's package: its names load on first
                                     use, so this should stay near (a)

The ratios (e)/(b) and (d)/(b) say what bizcase adds on top of what it cannot avoid.
To see where the time goes: python -X importtime -m bizcase compare FILES 2> imports.txt
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FLOOR = "import typer, rich.console, rich.table, yaml, numpy; from pydantic import BaseModel"
PLAIN = "import typer, rich, pydantic, yaml, numpy"
FLOOR_WITH_MODEL = FLOOR + "\nclass M(BaseModel):\n    x: int\nM(x=1)"
"""Pydantic loads most of itself (types, annotated_types, its plugin loader) only when the
first model is built, so a floor for a program that validates anything includes one."""

JOINT = """\
name: Joint management team
kind: joint
start: 2016/17
years: 10
discount_rate: green_book
partners:
  - id: ssdc
    name: South Somerset District Council
    weights: {population: 161000}
    budget_gap: {2016/17: £1.0m, 2019/20: £4.1m}
  - id: sdc
    name: Sedgemoor District Council
    weights: {population: 119000}
    budget_gap: £2.5m
savings:
  - name: Shared senior management team
    annual: £1.0m
    ramp: [50%, 100%]
    confidence: 90%
    share: {ssdc: 48%, sdc: 52%}
costs:
  - name: Shared ICT licences
    annual: 120k
    share: by population
one_off_costs:
  - name: Redundancy and pension strain
    amount: £1.5m
    phasing: {2016/17: 60%, 2017/18: 40%}
    share: by population
"""

SOLO = """\
name: South Somerset alone
kind: solo
start: 2016/17
years: 10
partners:
  - id: ssdc
    name: South Somerset District Council
    budget_gap: {2016/17: £1.0m, 2019/20: £4.1m}
savings:
  - name: Restructure
    annual: £400k
    ramp: [25%, 75%]
one_off_costs:
  - name: Restructure costs
    amount: £300k
    year: 2016/17
    share: ssdc
"""


def bizcase_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m bizcase`."""
    bindir = Path(sys.executable).parent
    for name in ("bizcase", "bizcase.exe"):
        script = bindir / name
        if script.exists():
            return [str(script)]
    return [sys.executable, "-m", "bizcase"]


def scenario_files(folder: Path) -> list[str]:
    """The repository's scenarios, or two written into `folder` when there are none."""
    found = sorted(str(p) for p in (REPO / "scenarios").glob("*.yaml"))
    if found:
        return found
    written = []
    for name, text in (("joint.yaml", JOINT), ("solo.yaml", SOLO)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(str(path))
    return written


def compile_bizcase() -> None:
    """Write bizcase's bytecode, as `pip install` does, so an editable install under
    PYTHONDONTWRITEBYTECODE is not timed compiling its own source on every run."""
    code = (
        "import bizcase, compileall, pathlib; compileall.compile_dir("
        "pathlib.Path(bizcase.__file__).parent, quiet=1)"
    )
    subprocess.run(
        [sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""}
    )


SAME_BLAS = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
"""bizcase sets these for itself before numpy loads; the floors get them too, so that the
ratio compares like with like (without them the floor pays for starting BLAS threads)."""


def run_once(argv: Sequence[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        env={**os.environ, **SAME_BLAS},
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()
        raise SystemExit(f"failed ({done.returncode}): {' '.join(argv)}\n{message}")
    return elapsed


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    labels = list(commands)
    for label in labels:  # warm-up: disk cache and bytecode
        run_once(commands[label])
    times: dict[str, list[float]] = {label: [] for label in labels}
    for round_ in range(runs):
        shift = round_ % len(labels)
        for label in labels[shift:] + labels[:shift]:
            times[label].append(run_once(commands[label]))
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds to time (default 15)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    compile_bizcase()
    with tempfile.TemporaryDirectory(prefix="bizcase-bench-") as tmp:
        files = scenario_files(Path(tmp))
        bizcase = bizcase_command()
        commands = {
            "(a) python -c pass": [sys.executable, "-c", "pass"],
            "(b) floor: typer, rich.console/table, yaml, numpy, pydantic.BaseModel": [
                sys.executable,
                "-c",
                FLOOR,
            ],
            "(b2) floor + one trivial pydantic model": [sys.executable, "-c", FLOOR_WITH_MODEL],
            "(c) import typer, rich, pydantic, yaml, numpy": [sys.executable, "-c", PLAIN],
            "(d) bizcase --help": [*bizcase, "--help"],
            f"(e) bizcase compare ({len(files)} files)": [*bizcase, "compare", *files],
            "(f) python -c 'import bizcase'": [sys.executable, "-c", "import bizcase"],
        }
        times = measure(commands, args.runs)

    print(f"python {sys.version.split()[0]} at {sys.executable}")
    print(f"bizcase: {' '.join(bizcase)}")
    print(f"compare files: {', '.join(Path(f).name for f in files)}")
    print(f"{args.runs} interleaved rounds after one warm-up run each\n")
    width = max(len(label) for label in times)
    print(f"{'command':<{width}}  {'median ms':>9}  {'min ms':>7}")
    medians = {label: statistics.median(t) for label, t in times.items()}
    minima = {label: min(t) for label, t in times.items()}
    for label in times:
        print(f"{label:<{width}}  {medians[label] * 1e3:9.1f}  {minima[label] * 1e3:7.1f}")

    labels = list(times)
    floor, model_floor, help_, compare = labels[1], labels[2], labels[4], labels[5]
    print()
    for name, label in (("(e) compare", compare), ("(d) --help", help_)):
        for floor_name, base in (("(b)", floor), ("(b2)", model_floor)):
            print(
                f"{name} / {floor_name} floor: {medians[label] / medians[base]:.2f}x median, "
                f"{minima[label] / minima[base]:.2f}x min"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
