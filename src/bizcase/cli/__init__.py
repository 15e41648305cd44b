"""The `bizcase` command line: thin commands over the loader, the engine and the renderers."""

from __future__ import annotations

import importlib
import os
import sys

import typer

from bizcase.cli.common import app

# Each module registers its commands on `app`; this order is the order --help lists them.
for _module in ("core", "risk", "sweep", "check"):
    importlib.import_module(f"bizcase.cli.{_module}")

__all__ = ["app", "main"]


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
