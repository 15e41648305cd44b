"""Every table-printing command's output, saved to a folder, to check that a change to how
tables are printed changes no byte of them.

Not a test: it runs the commands (about a minute) and writes one file per command and
console width. Run it once with the code before the change and once after, then compare:

    python benchmarks/output_identity.py --src /path/to/old/src --into /tmp/before
    python benchmarks/output_identity.py --into /tmp/after
    python benchmarks/output_identity.py --compare /tmp/before /tmp/after

The scenarios are this checkout's; `--src` (default: this checkout's `src`) says whose code
prints them. Each file holds the exit status, standard output and, for `--output`, the file
written; standard error is kept beside it.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

S = "scenarios/"
ALL = sorted(str(p.relative_to(REPO)) for p in (REPO / "scenarios").glob("*.yaml"))
ONE_BY_ONE = [[command, file] for file in ALL for command in ("run", "compare")]
COMMANDS: list[list[str]] = [
    *ONE_BY_ONE,
    ["compare", *ALL],
    ["compare", *ALL, "--by-year"],
    ["compare", *ALL, "--partner", "ssdc"],
    ["compare", *[f for f in ALL if "ssdc" in f], "--partner", "ssdc"],
    ["compare", *[f for f in ALL if "ssdc" in f], "--partner", "ssdc", "--by-year"],
    ["compare", *ALL, "--baseline", S + "ssdc-solo.yaml"],
    ["compare", S + "ssdc-sdc-joint.yaml", S + "ssdc-solo.yaml", S + "ssdc-sdc-alliance.yaml"],
    ["compare", S + "ssdc-sdc-joint.yaml", S + "ssdc-solo.yaml", "--by-year", "--partner", "ssdc"],
    ["sweep", S + "ssdc-sdc-joint.yaml", "--partner", "ssdc", "--set", "discount_rate=1%,3.5%,6%"],
    [
        "sweep",
        S + "ssdc-sdc-joint.yaml",
        "--partner",
        "ssdc",
        "--set",
        "discount_rate=1%,3.5%,6%",
        "--set",
        'savings["Integrated service teams"].annual=£1m..£2m:5',
    ],
    [
        "explain",
        S + "pioneer-somerset.yaml",
        "--partner",
        "tdbc",
        "--year",
        "2009/10",
        "--metric",
        "funded_from_reserves",
    ],
    ["explain", S + "ssdc-sdc-joint.yaml", "--year", "2019/20"],
    ["explain", S + "ssdc-sdc-joint.yaml", "--partner", "ssdc", "--year", "2018/19"],
    [
        "check",
        S + "ssdc-solo.yaml",
        "--require",
        "ssdc.gap_closed_year <= 2019/20",
        "--require",
        "npv > 0",
    ],
    ["check", S + "ssdc-sdc-joint.yaml", "-r", "npv > 0", "-r", "ssdc.payback_year <= 2020/21"],
    ["green-book"],
    ["diff", S + "ssdc-sdc-joint.yaml", S + "ssdc-sdc-joint-cash.yaml"],
    ["diff", S + "ssdc-solo.yaml", S + "ssdc-sdc-joint.yaml", "--partner", "ssdc"],
    ["diff", "HEAD:scenarios/ssdc-solo.yaml", S + "ssdc-solo.yaml"],
    ["withdraw", S + "pioneer-somerset.yaml", "--partner", "wsc"],
    ["withdraw", S + "tdbc-wsc-merger.yaml", "--partner", "wsc"],
    ["sensitivity", S + "ssdc-sdc-joint.yaml", "--partner", "ssdc"],
    ["switching", S + "ssdc-sdc-joint.yaml"],
    ["simulate", S + "uncertain/solo.yaml", "--draws", "2000", "--seed", "3"],
    [
        "simulate",
        S + "uncertain/joint.yaml",
        S + "uncertain/solo.yaml",
        "--partner",
        "ssdc",
        "--draws",
        "2000",
        "--seed",
        "1",
    ],
]
"""The README's examples and more: every command that prints a table."""

WRITTEN = [
    ["run", S + "pioneer-somerset.yaml"],
    ["compare", *ALL],
    ["compare", *ALL, "--by-year"],
    ["diff", S + "ssdc-sdc-joint.yaml", S + "ssdc-sdc-joint-cash.yaml"],
]
"""Commands also run with `--output FILE` (tables as plain text to a file, width 240)."""

WIDTHS = {"default": None, "cols80": "80", "cols300": "300", "cols40": "40"}


def run_all(src: Path, into: Path) -> int:
    into.mkdir(parents=True, exist_ok=True)
    count = 0
    for label, columns in WIDTHS.items():
        env = {**os.environ, "PYTHONPATH": str(src)}
        env.pop("COLUMNS", None)
        if columns is not None:
            env["COLUMNS"] = columns
        for number, args in enumerate(COMMANDS):
            done = subprocess.run(
                [sys.executable, "-m", "bizcase", *args],
                cwd=REPO,
                env=env,
                capture_output=True,
                check=False,
            )
            name = f"{label}-{number:02d}-{args[0]}"
            header = f"$ bizcase {' '.join(args)}\nexit {done.returncode}\n".encode()
            (into / f"{name}.out").write_bytes(header + done.stdout)
            (into / f"{name}.err").write_bytes(done.stderr)
            count += 1
    with tempfile.TemporaryDirectory() as tmp:
        for number, args in enumerate(WRITTEN):
            target = Path(tmp) / f"{number}.txt"
            done = subprocess.run(
                [sys.executable, "-m", "bizcase", *args, "--output", str(target)],
                cwd=REPO,
                env={**os.environ, "PYTHONPATH": str(src)},
                capture_output=True,
                check=False,
            )
            header = f"$ bizcase {' '.join(args)} --output\nexit {done.returncode}\n".encode()
            body = target.read_bytes() if target.exists() else b"(no file)\n"
            (into / f"written-{number:02d}-{args[0]}.out").write_bytes(header + done.stdout + body)
            count += 1
    return count


def compare(before: Path, after: Path) -> int:
    names = sorted(p.name for p in before.iterdir())
    if names != sorted(p.name for p in after.iterdir()):
        print("the two folders hold different files")
        return 1
    differ = [n for n in names if not filecmp.cmp(before / n, after / n, shallow=False)]
    for name in differ:
        print(f"DIFFERS: {name}")
    outs = [n for n in names if n.endswith(".out")]
    print(f"{len(names) - len(differ)} of {len(names)} files identical ({len(outs)} outputs)")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=REPO / "src")
    parser.add_argument("--into", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.into is None:
        parser.error("--into or --compare")
    print(f"{run_all(args.src.resolve(), args.into)} outputs written to {args.into}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
