"""`sweep`: one option over a grid of values of some of its fields."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from bizcase.cli.common import command, emit, print_out, print_problems
from bizcase.cli.options import PartnerOpt


class SweepFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@command()
def sweep(
    file: Annotated[str, typer.Argument(help="Scenario file (YAML).", metavar="FILE")],
    settings: Annotated[
        list[str],
        typer.Option(
            "--set",
            "-s",
            metavar="PATH=VALUES",
            help="A field and its values: a comma list (1%,3.5%,6%) or a range LOW..HIGH:N "
            "(N evenly spaced points, both ends included). Repeat for a grid.",
        ),
    ],
    partner: PartnerOpt = None,
    output_format: Annotated[
        SweepFormat,
        typer.Option("--format", "-f", help="table for people, csv or json for scripts."),
    ] = SweepFormat.table,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the csv or json here (written whole or not at all) instead of stdout.",
        ),
    ] = None,
) -> None:
    """Calculate one option over a grid of values: one row of results per combination.

    PATH names a field as you would read it: discount_rate, years,
    savings[0].annual, savings["Shared management"].annual (items by name),
    partners[ssdc].budget_gap["2019/20"] (partners by id),
    one_off_costs["Redundancy"].phasing["2016/17"], savings[0].ramp[1].

    VALUES are written as in the file: 1%,3.5%,6% or £1m,£2.5m or 2016/17,2017/18 (a
    comma inside an amount such as £13,400 is a thousands separator). A range
    LOW..HIGH:N gives N evenly spaced points, ends included: £1m..£3m:5 is £1m, £1.5m,
    £2m, £2.5m, £3m; 1%..6%:6; years=5..10:6 (whole numbers only).

    Several --set make every combination, the first --set varying slowest (at most
    10,000). Each row shows, for the total or --partner: NPV, net over the horizon,
    total savings and one-off costs, final-year net recurring saving and remaining
    gap, payback year, the year the gap closes, coverage and the benefit-cost ratio.

    Examples:

    \b
      bizcase sweep joint.yaml --set discount_rate=1%,3.5%,6%
      bizcase sweep joint.yaml --set 'savings["Shared senior management team"].annual=£0.5m..£1m:6'
      bizcase sweep joint.yaml --partner ssdc --set years=3..5:3 \\
          --set 'partners[ssdc].budget_gap["2019/20"]=£3.5m,£4.1m' --format csv -o grid.csv

    Quote a PATH with brackets or spaces for the shell, as above.
    """
    from bizcase.appraisal.sweep import run_sweep

    if output is not None and output_format is SweepFormat.table:
        from bizcase.problems import InputError, Problem

        raise InputError(
            [Problem("--output", "--output writes csv or json: add --format csv or json")]
        )
    result = run_sweep(file, settings, partner)
    print_problems(list(result.warnings))
    if output_format is SweepFormat.table:
        from bizcase.render.sweep_out import sweep_table

        print_out([sweep_table(result)])
        return
    from bizcase.render.sweep_out import render_sweep_csv, render_sweep_json

    json = output_format is SweepFormat.json
    text = render_sweep_json(result) if json else render_sweep_csv(result)
    emit(text, output, result.inputs, f"{len(result.rows)} rows")
