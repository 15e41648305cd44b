"""The `bizcase` command: thin commands over the loader, the engine and the renderers.

Only this module uses typer. Heavy imports (pydantic, numpy, rich tables) happen inside
the commands so that `bizcase --help` and `bizcase --version` stay fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from bizcase import __version__

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from bizcase.engine.result import OptionResult
    from bizcase.problems import Problem

app = typer.Typer(
    name="bizcase",
    help=(
        "Business cases for UK local-government finance: recurring savings, one-off costs, "
        "how a shared pot is split between partner councils, the budget gap left, payback "
        "and net present value, year by year in financial years (2016/17).\n\n"
        "Each option is one YAML scenario file; see the README for the format.\n\n"
        "Examples:\n\n"
        "\b\n"
        "  bizcase validate scenarios/*.yaml\n"
        "  bizcase run scenarios/ssdc-sdc-joint.yaml\n"
        "  bizcase compare scenarios/ssdc-sdc-joint.yaml scenarios/ssdc-solo.yaml\n"
        "  bizcase run scenarios/ssdc-solo.yaml --format json > solo.json\n\n"
        "Exit status: 0 success, 1 a check you asked for failed, 2 bad input."
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    table = "table"
    json = "json"


FilesArg = Annotated[
    list[str], typer.Argument(help="Scenario files (YAML), one option each.", metavar="FILE")
]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="table for people, json for scripts.")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bizcase {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Business cases for UK local-government finance."""


@contextmanager
def _reported() -> Iterator[None]:
    """Turn bizcase's errors into messages on stderr and an exit status; never a traceback."""
    from bizcase.problems import BizcaseError

    try:
        yield
    except BizcaseError as exc:
        _print_problems(exc.problems)
        raise typer.Exit(exc.exit_code) from None


def _print_problems(problems: Sequence[Problem], outcome: str = "nothing was calculated") -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        typer.echo(f"{errors} problem{'s' if errors != 1 else ''} found; {outcome}.", err=True)


def _console() -> Console:
    from rich.console import Console

    width = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 240
    # Names come from scenario files: print them as written, never as Rich markup
    # ("[north]" would vanish) or emoji codes (":x:" would become a symbol).
    return Console(width=width, highlight=False, soft_wrap=False, markup=False, emoji=False)


def _print(renderables: Sequence[RenderableType | str]) -> None:
    console = _console()
    for item in renderables:
        console.print(item)


def _evaluate(files: Sequence[str]) -> list[OptionResult]:
    from bizcase.io.options import evaluate_all

    evaluated, warnings = evaluate_all(files)
    _print_problems(warnings)
    return [item.result for item in evaluated]


@app.command()
def run(
    file: Annotated[str, typer.Argument(help="Scenario file (YAML).")],
    output_format: FormatOpt = Format.table,
) -> None:
    """Calculate one option in full: every partner and the total, year by year.

    Examples:

      bizcase run scenarios/ssdc-sdc-joint.yaml

      bizcase run scenarios/ssdc-solo.yaml --format json > solo.json
    """
    with _reported():
        options = _evaluate([file])
        if output_format is Format.json:
            from bizcase.render.json_out import render_json

            sys.stdout.write(render_json(options))
            return
        from bizcase.render.tables import run_report

        _print([run_report(options[0])])


@app.command()
def compare(
    files: FilesArg,
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner",
            "-p",
            help="Show this partner's view (an id such as ssdc), "
            "or 'total'. Default: each partner common to "
            "all the options, else the total.",
        ),
    ] = None,
    by_year: Annotated[
        bool, typer.Option("--by-year", help="Also show the options year by year.")
    ] = False,
    output_format: FormatOpt = Format.table,
) -> None:
    """Compare options side by side for the councils they have in common.

    Examples:

      bizcase compare scenarios/ssdc-sdc-joint.yaml scenarios/ssdc-solo.yaml

      bizcase compare joint.yaml solo.yaml --partner ssdc --by-year

      bizcase compare joint.yaml solo.yaml --format json > options.json
    """
    with _reported():
        options = _evaluate(files)
        view_ids = _views_to_compare(options, partner)
        from bizcase.render.tables import like_for_like_note

        note = like_for_like_note(options)
        if output_format is Format.json:
            from bizcase.render.json_out import render_json

            if note:
                typer.echo(f"warning: {note}", err=True)
            sys.stdout.write(render_json(options))
            return
        from rich.text import Text

        from bizcase.render.tables import compare_by_year_table, compare_table

        out: list[RenderableType | str] = []
        if note:
            out.append(Text(f"Note: {note}", style="bold yellow"))
        for view_id in view_ids:
            out.append(compare_table(options, view_id))
            if by_year:
                out.append(compare_by_year_table(options, view_id))
        _print(out)


def _views_to_compare(options: Sequence[OptionResult], partner: str | None) -> list[str]:
    from bizcase.problems import InputError, Problem

    if partner is not None:
        problems = [
            Problem(
                option.file,
                f"--partner {partner}: not a partner of this option "
                f"(partners: {', '.join(option.partner_ids)})",
            )
            for option in options
            if partner != "total" and partner not in option.partner_ids
        ]
        if problems:
            raise InputError(problems)
        return [partner]
    common = [
        pid
        for pid in options[0].partner_ids
        if all(pid in option.partner_ids for option in options[1:])
    ]
    return common or ["total"]


@app.command()
def validate(files: FilesArg) -> None:
    """Check scenario files and report every problem with its file, line and column.

    Exit status 0 when every file is valid, 2 otherwise.

    Example:

      bizcase validate scenarios/*.yaml
    """
    from bizcase.io.loader import load_scenario
    from bizcase.problems import EXIT_BAD_INPUT, InputError

    failed = False
    for file in files:
        try:
            loaded = load_scenario(file)
        except InputError as exc:
            failed = True
            _print_problems(exc.problems, f"{file} is not valid")
            continue
        _print_problems(loaded.warnings)
        scenario = loaded.scenario
        typer.echo(
            f"{file}: ok ({scenario.kind}, {len(scenario.partners)} partner"
            f"{'s' if len(scenario.partners) != 1 else ''}, {scenario.years} years)"
        )
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


def main() -> None:
    """Console-script entry point: an unexpected failure is reported in one line, not a
    traceback, unless BIZCASE_DEBUG is set."""
    try:
        app()
    except Exception as exc:
        if os.environ.get("BIZCASE_DEBUG"):
            raise
        typer.echo(
            f"bizcase: internal error: {type(exc).__name__}: {exc} "
            "(set BIZCASE_DEBUG=1 to see where; please report it)",
            err=True,
        )
        sys.exit(3)
