"""`chart`: the options' figures as a PNG or SVG for a committee paper."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bizcase.cli.common import command, emit, open_files
from bizcase.cli.options import EachPartnerOpt, FilesArg

if TYPE_CHECKING:
    from bizcase.appraisal.option import Option
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
    from bizcase.problems import MissingExtra
    from bizcase.render.charts import INSTALL_HINT, charts_available

    if not charts_available():
        raise MissingExtra("--kind", f"matplotlib is not installed: {INSTALL_HINT}")


@command()
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
    partner: EachPartnerOpt = None,
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
    fmt = image_format(output)
    require_charts()
    from bizcase.appraisal.views import select_views
    from bizcase.render import charts

    options = open_files(files)
    results = [option.result for option in options]
    views = select_views(results, partner)
    if kind is None:
        data = charts.overview_chart(results, views, fmt)
    elif kind is ChartKind.gap:
        data = charts.gap_chart(results, views, fmt)
    elif kind is ChartKind.cumulative:
        data = charts.cumulative_chart(results, views, fmt)
    elif kind is ChartKind.tornado:
        data = charts.tornado_chart(_tornadoes(options, views), fmt)
    else:
        data = charts.fan_chart(_fans(options, views, draws, seed), fmt)
    emit(data, output, files)


def _title(option: Option, view: str) -> str:
    from bizcase.render.report import view_label

    return f"{option.name}: {view_label(option.result.view(view))}"


def _tornadoes(options: Sequence[Option], views: Sequence[str]) -> list[tuple[str, Sensitivity]]:
    from bizcase.appraisal.risk import sensitivity_of

    return [
        (_title(option, view), sensitivity_of(option, view)) for option in options for view in views
    ]


def _fans(
    options: Sequence[Option], views: Sequence[str], draws: int, seed: int
) -> list[tuple[str, Fan]]:
    from bizcase.appraisal.risk import fan_of

    panels = []
    for option in options:
        if option.risk_model.is_certain:
            typer.echo(
                f"{option.file}: no uncertainty given, so the fan is the option as written",
                err=True,
            )
        panels += [(_title(option, view), fan_of(option, view, draws, seed)) for view in views]
    return panels
