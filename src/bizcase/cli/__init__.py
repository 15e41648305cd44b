"""The `bizcase` command line: thin commands over the loader, the engine and the renderers."""

from __future__ import annotations

import importlib
import os
import sys

import typer

from bizcase.cli.common import app

# Each module registers its commands on `app`; this order is the order --help lists them.
for _module in ("core", "explain", "risk", "sweep", "check", "authoring", "chart", "report"):
    importlib.import_module(f"bizcase.cli.{_module}")

__all__ = ["app", "main"]


SINGLE_THREADED_BLAS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""bizcase's matrix products are small (draws x items): a BLAS that starts threads for each
one spends more time waking them than computing, and fights `simulate --jobs` for the
cores. Set before numpy loads; a value the user has set is kept."""


def main() -> None:
    """Console-script entry point: an unexpected failure is reported in one line, not a
    traceback, unless BIZCASE_DEBUG is set."""
    for variable in SINGLE_THREADED_BLAS:
        os.environ.setdefault(variable, "1")
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
