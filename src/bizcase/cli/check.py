"""`check`: gates for CI, such as `gap_closed_year <= 2019/20` or `p_gap_closed >= 80%`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from bizcase.cli.common import command, emit, note_certain, open_files, print_out
from bizcase.cli.options import FilesArg, Format, FormatOpt

if TYPE_CHECKING:
    from bizcase.api.checks import Checks
    from bizcase.api.option import Option
    from bizcase.problems import Problem
    from bizcase.results.convergence import Precision

MAX_DRAWS = 100_000_000  # as bizcase.risk.simulate, which is too heavy to import for --help

CHECK_HELP = """Check conditions on options, for CI: exit 0 when all hold, 1 when any fails.

A condition is [PARTNER.]METRIC OP VALUE, with OP one of <, <=, >, >=, ==, != and
PARTNER a partner id or total (default: --partner, else total). VALUE is written in the
metric's unit, as in scenario files: money (0, £1.2m, 350k, -£50k), a percentage (80%
or 0.8; 80 alone is refused) or a financial year (2019/20).

\b
Metrics from the calculation:
  npv, total_net, total_savings, total_income, total_costs,
  total_one_off_costs                     money over the horizon (npv discounted)
  net_recurring, savings, remaining_gap,
  gap                                     money, final year
  coverage                                net recurring / gap, final year
  bcr                                     benefit-cost ratio (PV of savings and
                                          income / PV of costs), such as 1.5
  payback_year, gap_closed_year           financial years
  payback_period                          years from the start, such as 3.5
  economic_npv, npv_lower_rate            money (where a saving is partly cashable;
                                          horizons over 50 years)
  reserves_lowest                         money, lowest year-end reserves
  reserves_breach_year                    first year reserves end below minimum
  payback_status, gap_status,
  reserves_status                         words, with == or != only

A figure the view does not have (a year that never comes within the horizon, coverage
where there is no gap, bcr where nothing is spent, reserves not given) fails every
comparison except != : `gap_closed_year <= 2019/20` fails when the gap is never
closed, and so does `gap_closed_year > 2019/20`.

\b
Metrics from a simulation of the uncertainties (--draws, --seed, --precision):
  p_gap_closed, p_payback,
  p_reserves_above_minimum                chances, 0% to 100%
  npv_STAT, total_net_STAT, remaining_gap_STAT, reserves_lowest_STAT
      STAT one of p5, p10, p50, p90, p95, mean (remaining_gap: final year)

\b
Metrics of the option without each other partner in turn (see withdraw):
  withdrawal_cost_increase                the largest rise in the partner's costs
                                          over the horizon if another withdrew

\b
Metrics of several files simulated together (common random numbers), for each file:
  p_best                                  chance it has the highest NPV of the files
  p_beats:OTHER                           chance its NPV is above OTHER's; OTHER a
                                          file's name without .yaml (ssdc-solo);
                                          checked for every file but OTHER itself
  expected_regret                         money: mean of the best file's NPV minus
                                          its own, draw by draw

\b
Examples:
  bizcase check scenarios/ssdc-solo.yaml \\
      --require "ssdc.gap_closed_year <= 2019/20" --require "npv > 0"
  bizcase check scenarios/*.yaml --partner ssdc -r "coverage >= 100%" --format json
  bizcase check risky.yaml -r "p_gap_closed >= 80%" -r "npv_p10 > 0" --draws 20000 --seed 1
  bizcase check scenarios/ssdc-solo.yaml -r "npv > 0" --junit gates.xml
  bizcase check scenarios/ssdc-sdc-joint.yaml scenarios/ssdc-solo.yaml --partner ssdc \\
      -r "p_beats:ssdc-solo >= 80%" --draws 20000

Exit status: 0 all conditions hold, 1 any fails, 2 bad input (a file or a condition).
"""


@command(help=CHECK_HELP)
def check(
    files: FilesArg,
    require: Annotated[
        list[str],
        typer.Option(
            "--require",
            "-r",
            help='A condition that must hold, such as "npv > 0"; repeat for more.',
            metavar="EXPR",
        ),
    ],
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner",
            "-p",
            help="The partner (an id, or total) of conditions that name none. Default: total.",
        ),
    ] = None,
    draws: Annotated[
        int, typer.Option("--draws", min=1, max=MAX_DRAWS, help="Simulated cases, for p_* etc.")
    ] = 10_000,
    seed: Annotated[
        int, typer.Option("--seed", min=0, help="Random seed: the same seed, the same figures.")
    ] = 0,
    precision: Annotated[
        str | None,
        typer.Option(
            "--precision",
            help="Simulate until every figure's 95% interval is within this: 1% (of each "
            "figure; chances in points) or money (£10k). --draws is then the most to use.",
        ),
    ] = None,
    output_format: FormatOpt = Format.table,
    junit: Annotated[
        str | None,
        typer.Option(
            "--junit",
            help="Also write the conditions as a JUnit XML report to FILE, for CI's test "
            "views (never over an input).",
        ),
    ] = None,
) -> None:
    from bizcase import gate_choice, gates
    from bizcase.api.checks import check_options
    from bizcase.problems import EXIT_CHECK_FAILED, InputError

    conditions, problems = gates.parse_conditions(require, partner)
    problems += gate_choice.needs_several(conditions, files)
    asked = _precision(precision, problems)
    options = _open(files, problems)
    if junit is not None:
        from bizcase.io.output import check_writable

        with _as_junit():  # refused now (an input, a folder), not after the work
            check_writable(junit, files)
    unknown = [p for option in options for p in gates.unknown_partners(option.result, conditions)]
    if unknown:
        raise InputError(unknown)
    report = check_options(
        options, require, partner, draws, seed, lambda option: note_certain(option.file), asked
    )
    checks, simulation = list(report.checks), report.simulation
    if junit is not None:
        from bizcase.render.junit_out import junit_xml

        with _as_junit():
            emit(junit_xml(checks, simulation), junit, files, what="the JUnit report")
    if output_format is Format.json:
        from bizcase.render.gates_out import render_checks_json

        emit(render_checks_json(checks, simulation))
        if report.convergence is not None and not report.convergence.met:
            typer.echo(f"warning: {_precision_line(report)}", err=True)
    else:
        from bizcase.render.gates_out import checks_table

        line = None if report.convergence is None else _precision_line(report)
        print_out([checks_table(checks), *([line] if line else [])])
    if not all(c.passed for c in checks):
        raise typer.Exit(EXIT_CHECK_FAILED)


def _precision(text: str | None, problems: list[Problem]) -> Precision | None:
    """`--precision` read, or None; a bad one joins the other problems, said together."""
    if text is None:
        return None
    from bizcase.appraisal.risk import precision_of
    from bizcase.problems import InputError

    try:
        return precision_of(text)
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _precision_line(report: Checks) -> str | None:
    """How far the simulations went for `--precision`, as `simulate` says it."""
    from bizcase.render.errors_out import convergence_line

    assert report.simulation is not None
    return convergence_line(report.simulation["draws"], report.convergence)


def _open(files: list[str], problems: list[Problem]) -> list[Option]:
    """Every file as an option; bad conditions and bad files reported together."""
    from bizcase.problems import InputError

    try:
        return open_files(files, problems)
    except InputError as exc:
        # open_files raises the conditions' own problems when the files are good
        raise InputError([*problems, *(p for p in exc.problems if p not in problems)]) from None


@contextmanager
def _as_junit() -> Iterator[None]:
    """The writer's refusals said of --junit, the option that named the file."""
    from bizcase.problems import OutputError, Problem

    try:
        yield
    except OutputError as exc:
        raise OutputError([Problem("--junit", p.message) for p in exc.problems]) from None
