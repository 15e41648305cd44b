"""`simulate`, `sensitivity` and `switching`: how robust an option is."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from bizcase.cli.common import command, emit, note_certain, open_files, show
from bizcase.cli.options import (
    OutputOpt,
    PartnerOpt,
    RiskFormat,
    RiskFormatOpt,
    SimulateFormat,
    SimulateFormatOpt,
)

if TYPE_CHECKING:
    from bizcase.appraisal.option import Option
    from bizcase.results.sensitivity import Sensitivity
    from bizcase.results.switching import Switching


class Metric(StrEnum):
    npv = "npv"
    remaining_gap = "remaining_gap"
    total_net = "total_net"


FileArg = Annotated[str, typer.Argument(help="Scenario file (YAML).", metavar="FILE")]


def _open(file: str, partner: str | None) -> tuple[Option, str | None]:
    """The option, and `--partner` checked against it before anything is calculated."""
    from bizcase.appraisal.views import one_view

    option = open_files([file])[0]
    if partner is not None:
        one_view(option.result, partner)
    return option, partner


def _fraction(value: str, option: str, low: float, high: float, meaning: str) -> float:
    """A percentage option within [low, high]: outside it a figure could turn negative or
    meaningless (a range of 150% makes savings negative), so it is refused, never clipped."""
    from bizcase.model.units import format_percent, parse_percent
    from bizcase.problems import FieldError, InputError, Problem

    try:
        fraction = parse_percent(value, signed=True)
    except FieldError as exc:
        raise InputError([Problem(option, exc.message)]) from None
    if not low <= fraction <= high:
        raise InputError(
            [
                Problem(
                    option,
                    f"{value} is not {meaning}: give {format_percent(low)} to "
                    f"{format_percent(high)}",
                )
            ]
        )
    return fraction


@command()
def simulate(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Scenario files (YAML); several are simulated together and compared.",
            metavar="FILE",
        ),
    ],
    draws: Annotated[
        int,
        typer.Option("--draws", "-n", min=1, max=100_000_000, help="Number of simulated cases."),
    ] = 10_000,
    seed: Annotated[
        int,
        typer.Option(
            "--seed",
            "-s",
            min=0,
            help="Random seed: the same seed gives the same figures on any machine.",
        ),
    ] = 0,
    partner: PartnerOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Threads (default: every core); the figures do not depend on it.",
        ),
    ] = None,
    precision: Annotated[
        str | None,
        typer.Option(
            "--precision",
            help="Stop once every figure's 95% interval is within this: 1% (of each figure; "
            "chances in points) or money (£10k). --draws is then the most to use.",
        ),
    ] = None,
    output_format: SimulateFormatOpt = SimulateFormat.table,
    output: OutputOpt = None,
) -> None:
    """Monte Carlo over the scenario's uncertainties: NPV, net and remaining-gap percentiles,
    the chance the gap is closed by each year, and of payback.

    Each item with `uncertainty:` is drawn once per case and applies to all its years; a
    `delay:` slips the whole stream; items sharing a `driver:` move together.

    Several files are simulated together on common random numbers (draw k of every option
    takes the same quantile for each driver they share) and compared, for each partner
    they have in common (else the total): each option's NPV percentiles, the chance it has
    the highest NPV, its expected regret, and each pair's difference draw by draw.

    Examples:

      bizcase simulate option.yaml --draws 100000 --seed 42

      bizcase simulate option.yaml --partner ssdc --format json > risk.json

      bizcase simulate joint.yaml solo.yaml --partner ssdc --draws 20000

      bizcase simulate option.yaml --precision 1% --draws 1000000
    """
    from bizcase.appraisal.risk import precision_of
    from bizcase.cli.simulating import progress_bar, simulate_together

    asked = None if precision is None else precision_of(precision)
    if len(files) > 1:
        simulate_together(files, draws, seed, partner, jobs, asked, output_format, output)
        return
    from bizcase.appraisal.risk import simulation_of
    from bizcase.appraisal.views import simulated_views

    file = files[0]
    option, _ = _open(file, partner)
    if option.risk_model.is_certain:
        note_certain(option.file)
    views = simulated_views(option.result, partner)
    with progress_bar(draws) as progress:
        result = simulation_of(option, views, draws, seed, jobs, progress, asked)
    if output_format is SimulateFormat.json:
        from bizcase.render.risk_out import simulation_json

        emit(simulation_json(result, option.name, option.file), output, [file])
    elif output_format is SimulateFormat.md:
        from bizcase.render.risk_formats import simulation_markdown

        emit(simulation_markdown(result, option.name, option.partner_names), output, [file])
    else:
        from bizcase.render.risk_out import simulation_tables

        show([simulation_tables(result, option.name, option.partner_names)], output, [file])


def _write(
    result: Sensitivity | Switching, option: Option, fmt: RiskFormat, out: str | None
) -> None:
    """A sensitivity or switching result in `fmt`, to stdout or `out`."""
    from bizcase.render import risk_formats, risk_out
    from bizcase.results.sensitivity import Sensitivity

    name, names, inputs = option.name, option.partner_names, [option.file]
    if isinstance(result, Sensitivity):
        if fmt is RiskFormat.table:
            show([risk_out.sensitivity_table(result, name, names)], out, inputs)
        elif fmt is RiskFormat.json:
            emit(risk_out.sensitivity_json(result, name, option.file), out, inputs)
        elif fmt is RiskFormat.csv:
            emit(risk_formats.sensitivity_csv(result, name, option.file), out, inputs)
        else:
            emit(risk_formats.sensitivity_markdown(result, name, names), out, inputs)
    elif fmt is RiskFormat.table:
        show([risk_out.switching_table(result, name, names)], out, inputs)
    elif fmt is RiskFormat.json:
        emit(risk_out.switching_json(result, name, option.file), out, inputs)
    elif fmt is RiskFormat.csv:
        emit(risk_formats.switching_csv(result, name, option.file), out, inputs)
    else:
        emit(risk_formats.switching_markdown(result, name, names), out, inputs)


@command()
def sensitivity(
    file: FileArg,
    metric: Annotated[Metric, typer.Option("--metric", "-m", help="The figure to test.")] = (
        Metric.npv
    ),
    partner: PartnerOpt = None,
    spread: Annotated[
        str,
        typer.Option(
            "--range", help="Low and high for items with no uncertainty: plus and minus this."
        ),
    ] = ("20%"),
    optimism_bias: Annotated[
        str | None,
        typer.Option(
            "--optimism-bias", help="Also raise all one-off costs by this uplift (such as 24%)."
        ),
    ] = None,
    output_format: RiskFormatOpt = RiskFormat.table,
    output: OutputOpt = None,
) -> None:
    """One-at-a-time sensitivity: each item to its low and high (its `uncertainty`, else
    plus and minus --range), each stream a year late, and one-off costs raised by an
    optimism-bias uplift; a tornado table sorted by swing.

    Examples:

      bizcase sensitivity scenarios/ssdc-sdc-joint.yaml --partner ssdc

      bizcase sensitivity option.yaml --metric remaining_gap --optimism-bias 24%

      bizcase sensitivity option.yaml --partner ssdc --format md -o tornado.md
    """
    from bizcase.appraisal.risk import sensitivity_of
    from bizcase.appraisal.views import one_view

    option, _ = _open(file, partner)
    bias = (
        _fraction(optimism_bias, "--optimism-bias", 0.0, 5.0, "an uplift bizcase accepts")
        if optimism_bias
        else None
    )
    size = _fraction(spread, "--range", 0.0, 1.0, "a range (plus and minus this)")
    view = one_view(option.result, partner)
    _write(sensitivity_of(option, view, metric.value, size, bias), option, output_format, output)


@command()
def switching(
    file: FileArg,
    partner: PartnerOpt = None,
    output_format: RiskFormatOpt = RiskFormat.table,
    output: OutputOpt = None,
) -> None:
    """Green Book switching values: for all savings together and for each stream, the
    change (in % of its amount) at which NPV turns negative, the final year's gap stops
    being closed (or becomes closed), and payback leaves the horizon. Exact, and each
    one checked by re-running the calculation at that value.

    Example:

      bizcase switching scenarios/ssdc-sdc-joint.yaml --partner ssdc

      bizcase switching option.yaml --format csv --output switching.csv
    """
    from bizcase.appraisal.risk import switching_of
    from bizcase.appraisal.views import one_view

    option, _ = _open(file, partner)
    _write(switching_of(option, one_view(option.result, partner)), option, output_format, output)
