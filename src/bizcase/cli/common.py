"""What every command shares: the typer app, options, error reporting and the console.

Only the `bizcase.cli` package uses typer. Heavy imports (pydantic, numpy, rich tables)
happen inside the commands so that `bizcase --help` and `bizcase --version` stay fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bizcase import __version__
from bizcase.cli import options as _options  # noqa: F401  (help placeholders)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from bizcase.api.option import Option
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
    allow_extends_outside: Annotated[
        bool,
        typer.Option(
            "--allow-extends-outside",
            help="Let `extends` name base files outside the scenario's folder (by default a "
            "scenario may only build on files beside it or below it).",
        ),
    ] = False,
) -> None:
    """Business cases for UK local-government finance."""
    from bizcase.io import reads

    reads.reset(allow_extends_outside=allow_extends_outside)


@contextmanager
def reported() -> Iterator[None]:
    """Turn bizcase's errors into messages on stderr and an exit status; never a traceback."""
    from bizcase.problems import BizcaseError

    try:
        yield
    except BizcaseError as exc:
        print_problems(exc.problems, exc.outcome)
        raise typer.Exit(exc.exit_code) from None


def command(*args: Any, **kwargs: Any) -> Callable[[Callable[..., None]], Any]:
    """`app.command`, with bizcase's errors turned into messages and an exit status once,
    at the edge, for every command."""

    def register(function: Callable[..., None]) -> Any:
        @functools.wraps(function)
        def guarded(*call_args: Any, **call_kwargs: Any) -> None:
            with reported():
                function(*call_args, **call_kwargs)

        return app.command(*args, **kwargs)(guarded)

    return register


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
    from bizcase.render.fit import fit_to_width
    from bizcase.render.plain_table import plain_tables

    out = console()
    for item in plain_tables(fit_to_width(renderables, out.width)):
        out.print(item)


def needs_output(output: str | None, output_format: str) -> None:
    """Binary formats cannot go to a terminal: ask for --output before calculating."""
    if output_format == "xlsx" and output is None:
        from bizcase.problems import InputError, Problem

        raise InputError(
            [Problem("--format xlsx", "a workbook needs a file: add --output FILE.xlsx")]
        )


def rendered_text(renderables: Sequence[RenderableType | str]) -> str:
    """Rich renderables as plain text (no colour codes), for a table written to a file."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    out = Console(
        file=buffer,
        width=240,
        color_system=None,
        force_terminal=False,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
    )
    from bizcase.render.fit import fit_to_width
    from bizcase.render.plain_table import plain_tables

    for item in plain_tables(fit_to_width(renderables, out.width)):
        out.print(item)
    return buffer.getvalue()


def emit(
    content: str | bytes,
    output: str | None = None,
    inputs: Sequence[str] = (),
    what: str = "",
    next_step: str = "",
) -> None:
    """Data to stdout, or to `output` written atomically (never over one of `inputs`);
    `what` (such as "12 rows") and `next_step` are said in the `wrote` line."""
    if output is None:
        try:
            if isinstance(content, bytes):
                sys.stdout.buffer.write(content)
            else:
                sys.stdout.write(content)
            sys.stdout.flush()
        except OSError as exc:
            from bizcase.problems import OutputError, Problem

            message = f"cannot write to standard output: {exc.strerror or exc}"
            raise OutputError([Problem("bizcase", message)]) from None
        return
    from bizcase.io.output import write_atomically

    write_atomically(output, content, inputs)
    said = f"wrote {what} to {output}" if what else f"wrote {output}"
    typer.echo(f"{said}: {next_step}" if next_step else said, err=True)


def show(
    renderables: Sequence[RenderableType | str], output: str | None, inputs: Sequence[str]
) -> None:
    """Tables to the terminal, or as plain text to `output`."""
    if output is None:
        print_out(renderables)
    else:
        emit(rendered_text(renderables), output, inputs)


def open_files(files: Sequence[str], refused: Sequence[Problem] = ()) -> list[Option]:
    """Every file as an option (as the Python API loads it), its warnings shown; all bad
    files' problems together, and with them any `refused` (bad arguments found before the
    files were read)."""
    from bizcase.api.loading import load_all
    from bizcase.problems import InputError

    options, warnings = load_all(files)
    if refused:
        raise InputError(refused)
    print_problems(warnings)
    return options


def note_certain(file: str) -> None:
    """Said on stderr of an option simulated with nothing uncertain in it: its figures are
    its calculated ones in every case, which a newcomer may not expect."""
    typer.echo(
        f"note: {file}: nothing in it is uncertain, so every simulated case is "
        "the calculated one (chances are 0% or 100%); give items an `uncertainty:` or "
        "`delay:` to simulate their risk",
        err=True,
    )
