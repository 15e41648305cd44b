"""`explain`: where one figure comes from."""

from __future__ import annotations

from typing import Annotated

import typer

from bizcase.cli.common import command, emit, open_files, print_out
from bizcase.cli.options import Format, FormatOpt, PartnerOpt


@command()
def explain(
    file: Annotated[str, typer.Argument(help="Scenario file (YAML).", metavar="FILE")],
    metric: Annotated[
        str,
        typer.Option(
            "--metric",
            "-m",
            help="savings, income, costs, one_off_costs, net_recurring, net, cumulative_net, "
            "gap, remaining_gap, risk_costs, funded_from_reserves, reserves (for a --year); "
            "npv, total_savings, total_income, total_costs, total_one_off_costs, total_net "
            "(whole horizon).",
        ),
    ] = "remaining_gap",
    partner: PartnerOpt = None,
    year: Annotated[
        str | None, typer.Option("--year", "-y", help="The financial year, such as 2019/20.")
    ] = None,
    output_format: FormatOpt = Format.table,
) -> None:
    """The audit trail of one figure: every stream and cost that feeds it, with its amount,
    ramp, confidence and share, down to the number shown.

    Examples:

      bizcase explain scenarios/ssdc-sdc-joint.yaml --partner ssdc --year 2019/20

      bizcase explain scenarios/pioneer-somerset.yaml -p tdbc -y 2009/10 -m funded_from_reserves

      bizcase explain scenarios/ssdc-solo.yaml --metric npv
    """
    from bizcase.appraisal.explain import explanation_of
    from bizcase.model.units import parse_year
    from bizcase.problems import FieldError, InputError, MessageError, Problem

    option = open_files([file])[0]
    try:
        calendar_year = parse_year(year) if year is not None else None
    except FieldError as exc:
        raise InputError([Problem("--year", exc.message)]) from None
    try:
        result = explanation_of(option, metric, partner, calendar_year)
    except MessageError as exc:
        raise InputError([Problem(file, exc.message)]) from None
    if output_format is Format.json:
        from bizcase.render.explain_out import explanation_json

        emit(explanation_json(result, option.name, option.file))
        return
    from bizcase.render.explain_out import explanation_table

    print_out([explanation_table(result, option.name)])
