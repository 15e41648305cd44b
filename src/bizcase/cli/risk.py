"""`simulate`, `sensitivity` and `switching`: how robust an option is."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from bizcase.cli.common import (
    OutputOpt,
    RiskFormat,
    RiskFormatOpt,
    SimulateFormat,
    SimulateFormatOpt,
    app,
    emit,
    print_problems,
    reported,
    show,
)

if TYPE_CHECKING:
    from bizcase.engine.plan import Plan
    from bizcase.io.loader import LoadedScenario


class Metric(StrEnum):
    npv = "npv"
    remaining_gap = "remaining_gap"
    total_net = "total_net"


FileArg = Annotated[str, typer.Argument(help="Scenario file (YAML).", metavar="FILE")]
PartnerOpt = Annotated[
    str | None,
    typer.Option("--partner", "-p", help="A partner's view (an id such as ssdc), or 'total'."),
]


def _load(file: str, partner: str | None) -> tuple[LoadedScenario, Plan]:
    from bizcase.engine.plan import compile_plan
    from bizcase.io.options import load_all
    from bizcase.problems import InputError, Problem

    [loaded], warnings = load_all([file])
    print_problems(warnings)
    ids = [p.id for p in loaded.scenario.partners]
    if partner is not None and partner != "total" and partner not in ids:
        raise InputError(
            [
                Problem(
                    file,
                    f"--partner {partner}: not a partner of this option "
                    f"(partners: {', '.join(ids)})",
                )
            ]
        )
    return loaded, compile_plan(loaded.scenario)


def _fraction(value: str, option: str, low: float, high: float, meaning: str) -> float:
    """A percentage option within [low, high]: outside it a figure could turn negative or
    meaningless (a range of 150% makes savings negative), so it is refused, never clipped."""
    from bizcase.model.units import FieldError, format_percent, parse_percent
    from bizcase.problems import InputError, Problem

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


def _names(loaded: LoadedScenario) -> dict[str, str]:
    return {p.id: p.name for p in loaded.scenario.partners}


@app.command()
def simulate(
    file: FileArg,
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
    output_format: SimulateFormatOpt = SimulateFormat.table,
    output: OutputOpt = None,
) -> None:
    """Monte Carlo over the scenario's uncertainties: NPV, net and remaining-gap percentiles,
    the chance the gap is closed by each year, and of payback.

    Each item with `uncertainty:` is drawn once per case and applies to all its years; a
    `delay:` slips the whole stream; items sharing a `driver:` move together.

    Examples:

      bizcase simulate option.yaml --draws 100000 --seed 42

      bizcase simulate option.yaml --partner ssdc --format json > risk.json
    """
    with reported():
        loaded, plan = _load(file, partner)
        from bizcase.risk.sampler import risk_model
        from bizcase.risk.simulate import simulate as run_simulation

        views = [partner] if partner else [*plan.partner_ids, "total"]
        if len(plan.partner_ids) == 1 and not partner:
            views = [plan.partner_ids[0]]
        with _progress(draws) as progress:
            result = run_simulation(
                plan, risk_model(loaded.scenario), draws, seed, views, jobs=jobs, progress=progress
            )
        if output_format is SimulateFormat.json:
            from bizcase.render.risk_out import simulation_json

            emit(simulation_json(result, loaded.scenario.name, loaded.file), output, [file])
            return
        if output_format is SimulateFormat.md:
            from bizcase.render.risk_formats import simulation_markdown

            text = simulation_markdown(result, loaded.scenario.name, _names(loaded))
            emit(text, output, [file])
            return
        from bizcase.render.risk_out import simulation_tables

        show([simulation_tables(result, loaded.scenario.name, _names(loaded))], output, [file])


_RENDERERS = {
    RiskFormat.json: ("bizcase.render.risk_out", "json", "file"),
    RiskFormat.csv: ("bizcase.render.risk_formats", "csv", "file"),
    RiskFormat.md: ("bizcase.render.risk_formats", "markdown", "names"),
    RiskFormat.table: ("bizcase.render.risk_out", "table", "names"),
}
"""Where each format's renderer for a risk result lives, as `<kind>_<suffix>`, and what it
takes besides the result and the option's name; imported only when used."""


def _write_result(
    kind: str, result: object, loaded: LoadedScenario, fmt: RiskFormat, output: str | None
) -> None:
    """Render `result` (a sensitivity or switching) in `fmt`, to stdout or `output`."""
    import importlib

    module, suffix, extra = _RENDERERS[fmt]
    render = getattr(importlib.import_module(module), f"{kind}_{suffix}")
    name = loaded.scenario.name
    rendered = render(result, name, loaded.file if extra == "file" else _names(loaded))
    if fmt is RiskFormat.table:
        show([rendered], output, [loaded.file])
    else:
        emit(rendered, output, [loaded.file])


PROGRESS_THRESHOLD = 500_000
"""Draws above which a progress bar is shown (on stderr, and only on a terminal)."""


@contextmanager
def _progress(draws: int) -> Iterator[Callable[[int, int], None] | None]:
    if draws < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Simulating", total=draws)
        yield lambda done, _total: bar.update(task, completed=done)


@app.command()
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
    with reported():
        loaded, plan = _load(file, partner)
        from bizcase.risk.sensitivity import sensitivity as run_sensitivity

        bias = (
            _fraction(optimism_bias, "--optimism-bias", 0.0, 5.0, "an uplift bizcase accepts")
            if optimism_bias
            else None
        )
        size = _fraction(spread, "--range", 0.0, 1.0, "a range (plus and minus this)")
        result = run_sensitivity(loaded.scenario, plan, metric.value, partner, size, bias)
        _write_result("sensitivity", result, loaded, output_format, output)


@app.command()
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
    with reported():
        loaded, plan = _load(file, partner)
        from bizcase.risk.switching import switching_values

        result = switching_values(loaded.scenario, plan, partner)
        _write_result("switching", result, loaded, output_format, output)
