"""Regenerate the README's terminal screenshots (SVG) from the bundled scenarios.

python docs/make_screenshots.py
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bizcase.engine.explain import explain
from bizcase.io.loader import load_scenario
from bizcase.io.options import evaluate_all
from bizcase.render.explain_out import explanation_table
from bizcase.render.tables import compare_table

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE.parent / "scenarios"


def main() -> None:
    files = [
        str(SCENARIOS / name)
        for name in ("ssdc-sdc-joint.yaml", "ssdc-solo.yaml", "ssdc-sdc-alliance.yaml")
    ]
    evaluated, _ = evaluate_all(files)
    console = Console(
        record=True,
        width=136,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        file=io.StringIO(),
    )
    console.print(
        "$ bizcase compare scenarios/ssdc-sdc-joint.yaml scenarios/ssdc-solo.yaml "
        "scenarios/ssdc-sdc-alliance.yaml",
        style="bold",
        markup=False,
    )
    console.print(compare_table([e.result for e in evaluated], "ssdc"))
    console.save_svg(str(HERE / "compare-ssdc.svg"), title="bizcase compare")

    pioneer = load_scenario(SCENARIOS / "pioneer-somerset.yaml").scenario
    console = Console(
        record=True,
        width=150,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        file=io.StringIO(),
    )
    console.print(
        "$ bizcase explain scenarios/pioneer-somerset.yaml --partner tdbc "
        "--year 2009/10 --metric costs",
        style="bold",
        markup=False,
    )
    console.print(explanation_table(explain(pioneer, "costs", "tdbc", 2009), pioneer.name))
    console.save_svg(str(HERE / "explain-tdbc.svg"), title="bizcase explain")


if __name__ == "__main__":
    main()
