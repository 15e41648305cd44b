"""`run`, `compare` and `validate`: one option in full, options side by side, file checks."""

# No `from __future__ import annotations`: typer reads the commands' annotations as objects
# instead of evaluating each from text at every run.

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from bizcase.cli.common import command, emit, needs_output, open_files, print_problems, show
from bizcase.cli.options import (
    EachPartnerOpt,
    FilesArg,
    OutputOpt,
    ReportFormat,
    ReportFormatOpt,
    ValidateFormat,
)

if TYPE_CHECKING:
    from bizcase.results.option import OptionResult


@command()
def run(
    file: Annotated[str, typer.Argument(help="Scenario file (YAML).", metavar="FILE")],
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner",
            "-p",
            help="Only this partner's view (an id such as ssdc), or 'total', in the table and "
            "Markdown; json, csv and xlsx always hold every view. Default: every view.",
        ),
    ] = None,
    output_format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
) -> None:
    """Calculate one option in full: every partner and the total, year by year.

    Examples:

      bizcase run scenarios/ssdc-sdc-joint.yaml

      bizcase run scenarios/ssdc-sdc-joint.yaml --partner ssdc

      bizcase run scenarios/ssdc-solo.yaml --format json > solo.json

      bizcase run scenarios/ssdc-solo.yaml --format xlsx --output solo.xlsx
    """
    needs_output(output, output_format)
    option = open_files([file])[0].run()
    views = None
    if partner is not None:
        from bizcase.appraisal.views import one_view

        views = [option.view(one_view(option, partner))]
    if output_format is ReportFormat.table:
        from bizcase.render.tables import run_report

        show([run_report(option, views)], output, [file])
    elif output_format is ReportFormat.md:
        from bizcase.render.markdown_out import run_markdown

        emit(run_markdown(option, views), output, [file])
    else:
        emit(_data([option], output_format), output, [file])


def _data(
    options: "Sequence[OptionResult]",
    output_format: ReportFormat,
    view_ids: Sequence[str] | None = None,
    note: str | None = None,
) -> str | bytes:
    """json, csv or xlsx: the same for run and compare."""
    if output_format is ReportFormat.csv:
        from bizcase.render.csv_out import render_csv

        return render_csv(options)
    if output_format is ReportFormat.xlsx:
        from bizcase.render.xlsx_out import workbook_bytes

        return workbook_bytes(options, view_ids=view_ids, note=note)
    from bizcase.render.json_out import render_json

    return render_json(options)


@command()
def compare(
    files: FilesArg,
    partner: EachPartnerOpt = None,
    by_year: Annotated[
        bool, typer.Option("--by-year", help="Also show the options year by year.")
    ] = False,
    output_format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    baseline: Annotated[
        str | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Also show every figure as a difference from this option (one of the "
            "files, else compared first); table, md and json.",
        ),
    ] = None,
) -> None:
    """Compare options side by side for the councils they have in common.

    Examples:

      bizcase compare scenarios/ssdc-sdc-joint.yaml scenarios/ssdc-solo.yaml

      bizcase compare joint.yaml solo.yaml --partner ssdc --by-year

      bizcase compare joint.yaml solo.yaml --format json > options.json

      bizcase compare joint.yaml solo.yaml --format xlsx -o options.xlsx

      bizcase compare joint.yaml solo.yaml --format md -o options.md

      bizcase compare joint.yaml alliance.yaml --baseline solo.yaml
    """
    needs_output(output, output_format)
    from bizcase.api.functions import compare as compared

    files, place = _with_baseline(files, baseline, output_format)
    comparison = compared(open_files(files), partner, place)
    options, view_ids, note = comparison.results, list(comparison.views), comparison.note
    if output_format is ReportFormat.json:
        from bizcase.render.json_out import render_json

        if note:
            typer.echo(f"warning: {note}", err=True)
        emit(render_json(options, place), output, files)
    elif output_format is ReportFormat.md:
        from bizcase.render.markdown_out import compare_markdown

        emit(compare_markdown(options, view_ids, note, by_year, place), output, files)
    elif output_format is not ReportFormat.table:
        if note and output_format is not ReportFormat.xlsx:
            typer.echo(f"warning: {note}", err=True)
        summary = None
        if partner is not None:
            summary = view_ids if partner == "total" else [*view_ids, "total"]
        emit(_data(options, output_format, summary, note), output, files)
    else:
        from bizcase.render.tables import compare_tables

        show(compare_tables(options, view_ids, note, by_year, place), output, files)


def _with_baseline(
    files: list[str], baseline: str | None, output_format: ReportFormat
) -> tuple[list[str], int | None]:
    """The files to compare and the baseline's place among them: one of the files (the
    same path), else put first."""
    if baseline is None:
        return files, None
    if output_format in (ReportFormat.csv, ReportFormat.xlsx):
        from bizcase.problems import InputError, Problem

        message = f"goes with --format table, md or json, not {output_format.value}"
        raise InputError([Problem("--baseline", message)])
    from pathlib import Path

    given = [Path(file).resolve() for file in files]
    if Path(baseline).resolve() in given:
        return files, given.index(Path(baseline).resolve())
    return [baseline, *files], 0


@command()
def validate(
    files: FilesArg,
    output_format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for people; github for GitHub Actions' annotations on the pull "
            "request's lines; json for the problems as data.",
        ),
    ] = ValidateFormat.text,
) -> None:
    """Check scenario files and report every problem with its file, line and column.

    Exit status 0 when every file is valid, 2 otherwise. With --format github or json the
    problems (warnings too) go to stdout, as data, and nothing else does.

    Examples:

      bizcase validate scenarios/*.yaml

      bizcase validate --format github scenarios/*.yaml
    """
    from bizcase.appraisal.option import figure_warnings
    from bizcase.io.loader import load_scenario
    from bizcase.problems import EXIT_BAD_INPUT, InputError, Problem

    found: list[tuple[str, bool]] = []
    problems: list[Problem] = []
    text = output_format is ValidateFormat.text
    for file in files:
        try:
            loaded = load_scenario(file)
        except InputError as exc:
            found.append((file, False))
            problems += exc.problems
            if text:
                print_problems(exc.problems, f"{file} is not valid")
            continue
        found.append((file, True))
        warnings = [*loaded.warnings, *figure_warnings(loaded)]
        problems += warnings
        if text:
            print_problems(warnings)
            scenario = loaded.scenario
            typer.echo(
                f"{file}: ok ({scenario.kind}, {len(scenario.partners)} partner"
                f"{'s' if len(scenario.partners) != 1 else ''}, {scenario.years} years)"
            )
    if output_format is ValidateFormat.github:
        from bizcase.render.problems_out import github_annotations

        emit(github_annotations(problems))
    elif output_format is ValidateFormat.json:
        from bizcase.render.problems_out import validation_json

        emit(validation_json(found, problems))
    if not all(valid for _, valid in found):
        raise typer.Exit(EXIT_BAD_INPUT)
