"""`withdraw`: what each partner would bear if another left the option."""

from __future__ import annotations

from typing import Annotated

import typer

from bizcase.cli.common import command, emit, open_files, show
from bizcase.cli.options import OutputOpt, RiskFormat


@command()
def withdraw(
    file: Annotated[str, typer.Argument(help="Scenario file (YAML).", metavar="FILE")],
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner",
            "-p",
            help="A partner that withdraws (repeat for several). Default: each partner in turn.",
        ),
    ] = None,
    output_format: Annotated[
        RiskFormat, typer.Option("--format", "-f", help="table, json, csv or md.")
    ] = RiskFormat.table,
    output: OutputOpt = None,
) -> None:
    """The option without each partner in turn: shares re-apportioned among the others on
    the same basis (equal and by-weight shares recomputed, fixed percentages scaled up pro
    rata, an item wholly the leaver's dropped and named), and what changes for every
    remaining partner: costs, savings, NPV, payback and the gap.

    Examples:

      bizcase withdraw scenarios/pioneer-somerset.yaml

      bizcase withdraw scenarios/pioneer-somerset.yaml --partner scc --format md
    """
    from bizcase.appraisal.withdraw import withdrawals_of

    option = open_files([file])[0]
    result = withdrawals_of(option, partner)
    if output_format is RiskFormat.table:
        from bizcase.render.withdraw_out import withdraw_tables

        show([withdraw_tables(result)], output, [file])
        return
    from bizcase.render import withdraw_out

    render = {
        RiskFormat.json: withdraw_out.withdraw_json,
        RiskFormat.csv: withdraw_out.withdraw_csv,
        RiskFormat.md: withdraw_out.withdraw_markdown,
    }[output_format]
    emit(render(result), output, [file])
