"""The `bizcase` command line: thin commands over the loader, the engine and the renderers.

Each module of this package registers its commands on one typer app. `from bizcase.cli
import app` gives the app with every command; the console script (`main`) registers only
the module of the command being run, and runs a copy of the app holding that command
alone, because typer converts every registered command's options on each run, and a finance
officer's `bizcase compare` should not pay for `chart` (nor for `run` and `validate`).
"""

from __future__ import annotations

import copy
import gc
import importlib
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

__all__ = ["app", "main"]

MODULES = (
    "core",
    "explain",
    "risk",
    "sweep",
    "check",
    "diff",
    "withdraw",
    "authoring",
    "reference",
    "chart",
    "report",
)
"""Command modules, in the order `bizcase --help` lists their commands."""

COMMANDS = {
    "run": "core",
    "compare": "core",
    "validate": "core",
    "explain": "explain",
    "simulate": "risk",
    "sensitivity": "risk",
    "switching": "risk",
    "sweep": "sweep",
    "check": "check",
    "diff": "diff",
    "withdraw": "withdraw",
    "schema": "authoring",
    "init": "authoring",
    "green-book": "reference",
    "chart": "chart",
    "report": "report",
}

SINGLE_THREADED_BLAS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""bizcase's matrix products are small (draws x items): a BLAS that starts threads for each
one spends more time waking them than computing, and fights `simulate --jobs` for the
cores. Set before numpy loads; a value the user has set is kept."""


def load_commands(modules: Iterable[str] = MODULES) -> typer.Typer:
    """Register the commands of `modules` (in --help order) and return the app."""
    wanted = set(modules)
    for module in MODULES:
        if module in wanted:
            importlib.import_module(f"bizcase.cli.{module}")
    from bizcase.cli.common import app

    return app


def modules_for(args: Sequence[str]) -> tuple[str, ...]:
    """Just the module of the command named first, or all of them (help, completion, a
    mistyped command: those need the full list)."""
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return MODULES
    first = next((arg for arg in args if not arg.startswith("-")), None)
    if first is None or first not in COMMANDS or first != args[0]:
        return MODULES
    return (COMMANDS[first],)


def only_command(app: typer.Typer, args: Sequence[str]) -> typer.Typer:
    """A copy of `app` holding just the command named first in `args`, when `modules_for`
    picked its module alone; the app itself keeps every command it has."""
    if modules_for(args) == MODULES:
        return app
    from typer.main import get_command_name

    def name(info: Any) -> str:
        return str(info.name or get_command_name(info.callback.__name__))

    only = copy.copy(app)
    only.registered_commands = [info for info in app.registered_commands if name(info) == args[0]]
    return only


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_commands()
    raise AttributeError(f"module 'bizcase.cli' has no attribute {name!r}")


@contextmanager
def _imports_uncollected() -> Iterator[None]:
    """The collector paused while the libraries load, then what they built frozen: their
    modules, classes and validators live as long as the process, yet every collection
    (and the last one, at exit) would walk them all. Saves ~35M instructions, a tenth of
    `compare`'s own start-up; the command itself runs with the collector on."""
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        gc.enable()


def main() -> None:
    """Console-script entry point: an unexpected failure is reported in one line, not a
    traceback, unless BIZCASE_DEBUG is set."""
    for variable in SINGLE_THREADED_BLAS:
        os.environ.setdefault(variable, "1")
    with _imports_uncollected():
        app = only_command(load_commands(modules_for(sys.argv[1:])), sys.argv[1:])
    try:
        app()
    except BrokenPipeError:
        _quiet_stdout()  # `bizcase ... | head`: the reader has gone, which is not an error
        sys.exit(1)
    except OSError as exc:
        if os.environ.get("BIZCASE_DEBUG"):
            raise
        _quiet_stdout()
        print(f"bizcase: cannot write the results: {exc.strerror or exc}", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:
        if os.environ.get("BIZCASE_DEBUG"):
            raise
        import typer

        typer.echo(
            f"bizcase: internal error: {type(exc).__name__}: {exc} "
            "(set BIZCASE_DEBUG=1 to see where; please report it)",
            err=True,
        )
        sys.exit(3)
    finally:
        try:
            sys.stdout.flush()
        except OSError:
            _quiet_stdout()
            print("bizcase: cannot write to standard output", file=sys.stderr)
            sys.exit(2)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
