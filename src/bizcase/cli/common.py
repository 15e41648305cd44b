"""What every command shares: the typer app, options, error reporting and the console.

Only the `bizcase.cli` package uses typer. Heavy imports (pydantic, numpy, rich tables)
happen inside the commands so that `bizcase --help` and `bizcase --version` stay fast.
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
def reported() -> Iterator[None]:
    """Turn bizcase's errors into messages on stderr and an exit status; never a traceback."""
    from bizcase.problems import BizcaseError

    try:
        yield
    except BizcaseError as exc:
        print_problems(exc.problems)
        raise typer.Exit(exc.exit_code) from None


def print_problems(problems: Sequence[Problem], outcome: str = "nothing was calculated") -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        typer.echo(f"{errors} problem{'s' if errors != 1 else ''} found; {outcome}.", err=True)


def console() -> Console:
    from rich.console import Console

    width = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 240
    # Names come from scenario files: print them as written, never as Rich markup
    # ("[north]" would vanish) or emoji codes (":x:" would become a symbol).
    return Console(width=width, highlight=False, soft_wrap=False, markup=False, emoji=False)


def print_out(renderables: Sequence[RenderableType | str]) -> None:
    out = console()
    for item in renderables:
        out.print(item)


def evaluate_files(files: Sequence[str]) -> list[OptionResult]:
    from bizcase.io.options import evaluate_all

    evaluated, warnings = evaluate_all(files)
    print_problems(warnings)
    return [item.result for item in evaluated]
