"""`chart`: the options' figures as a PNG or SVG for a committee paper."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bizcase.cli.common import CommonPartnerOpt, FilesArg, app, print_problems, reported

if TYPE_CHECKING:
    from bizcase.io.options import Evaluated
    from bizcase.render.charts import ImageFormat
    from bizcase.results.sensitivity import Sensitivity
    from bizcase.results.simulation import Fan

SUFFIXES: dict[str, ImageFormat] = {".png": "png", ".svg": "svg"}


class ChartKind(StrEnum):
    gap = "gap"
    cumulative = "cumulative"
    tornado = "tornado"
    fan = "fan"


def image_format(output: str) -> ImageFormat:
    from bizcase.problems import InputError, Problem

    suffix = Path(output).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            [Problem("--output", f"{output}: give a file name ending in .png or .svg")]
        )
    return SUFFIXES[suffix]


def require_charts() -> None:
    from bizcase.problems import EXIT_BAD_INPUT
    from bizcase.render.charts import INSTALL_HINT, charts_available

    if not charts_available():
        typer.echo(f"bizcase: matplotlib is not installed: {INSTALL_HINT}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)


@app.command()
def chart(
    files: FilesArg,
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="The image to write: .png or .svg (by its suffix)."),
    ],
    kind: Annotated[
        ChartKind | None,
        typer.Option(
            "--kind",
            "-k",
            help="gap: net recurring saving against the budget gap by year; cumulative: "
            "cumulative net and payback; tornado: sensitivity of NPV; fan: Monte Carlo range "
            "of cumulative net. Default: gap and cumulative side by side.",
        ),
    ] = None,
    partner: CommonPartnerOpt = None,
    draws: Annotated[
        int,
        typer.Option("--draws", "-n", min=1, max=1_000_000, help="Simulated cases (fan)."),
    ] = 10_000,
    seed: Annotated[
        int, typer.Option("--seed", "-s", min=0, help="Random seed (fan): same seed, same chart.")
    ] = 0,
) -> None:
    """Draw the options' figures for a committee paper (needs bizcase[charts]).

    One row per partner view: savings against the budget gap and cumulative net with
    payback (the default), or the sensitivity tornado or the Monte Carlo fan, one panel
    per option.

    Examples:

      bizcase chart scenarios/ssdc-sdc-joint.yaml scenarios/ssdc-solo.yaml -o options.png

      bizcase chart scenarios/ssdc-sdc-joint.yaml --kind tornado --partner ssdc -o tornado.svg

      bizcase chart risky.yaml --kind fan --draws 20000 --seed 1 -o fan.png
    """
    with reported():
        fmt = image_format(output)
        require_charts()
        from bizcase.io.options import evaluate_all
        from bizcase.io.output import write_atomically
        from bizcase.render import charts
        from bizcase.render.tables import views_to_compare

        evaluated, warnings = evaluate_all(files)
        print_problems(warnings)
        options = [item.result for item in evaluated]
        views = views_to_compare(options, partner)
        if kind is None:
            data = charts.overview_chart(options, views, fmt)
        elif kind is ChartKind.gap:
            data = charts.gap_chart(options, views, fmt)
        elif kind is ChartKind.cumulative:
            data = charts.cumulative_chart(options, views, fmt)
        elif kind is ChartKind.tornado:
            data = charts.tornado_chart(_tornadoes(evaluated, views), fmt)
        else:
            data = charts.fan_chart(_fans(evaluated, views, draws, seed), fmt)
        write_atomically(output, data, files)
        typer.echo(f"wrote {output}", err=True)


def _tornadoes(
    evaluated: Sequence[Evaluated], views: Sequence[str]
) -> list[tuple[str, Sensitivity]]:
    from bizcase.engine.plan import compile_plan
    from bizcase.render.report import view_label
    from bizcase.risk.sensitivity import sensitivity

    panels = []
    for item in evaluated:
        scenario = item.loaded.scenario
        plan = compile_plan(scenario)
        for view in views:
            title = f"{scenario.name}: {view_label(item.result.view(view))}"
            result = sensitivity(scenario, plan, "npv", None if view == "total" else view)
            panels.append((title, result))
    return panels


def _fans(
    evaluated: Sequence[Evaluated], views: Sequence[str], draws: int, seed: int
) -> list[tuple[str, Fan]]:
    from bizcase.engine.plan import compile_plan
    from bizcase.render.charts import cumulative_fan
    from bizcase.render.report import view_label
    from bizcase.risk.sampler import risk_model

    panels = []
    for item in evaluated:
        scenario = item.loaded.scenario
        plan = compile_plan(scenario)
        model = risk_model(scenario)
        if model.is_certain:
            typer.echo(
                f"{item.loaded.file}: no uncertainty given, so the fan is the option as written",
                err=True,
            )
        for view in views:
            title = f"{scenario.name}: {view_label(item.result.view(view))}"
            panels.append((title, cumulative_fan(plan, model, draws, seed, view)))
    return panels
