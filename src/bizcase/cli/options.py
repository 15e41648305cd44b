"""The options and arguments commands share, declared once, with help placeholders in the
user's words (`--partner PARTNER`, `--draws N`), never Python's types."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

_WORDS = {
    "partner": "PARTNER",
    "draws": "N",
    "seed": "N",
    "jobs": "N",
    "year": "YEAR",
    "metric": "METRIC",
    "range": "PERCENT",
    "spread": "PERCENT",
    "output": "FILE",
    "optimism_bias": "PERCENT",
    "require": "CONDITION",
    "kind": "KIND",
    "schema_path": "PATH",
    "title": "TITLE",
    "author": "NAME",
    "date": "DATE",
}
"""Help placeholders in the user's words, for options that do not name their own."""


def _help_placeholder(self: Any, ctx: Any) -> str | None:
    """`--partner PARTNER`, `--draws N`, `--format [table|json]`, `FILE...`: never the
    Python type (`<str>`, `<int range>`) typer shows by default."""
    if isinstance(self, typer.core.TyperArgument):
        # the name (FILE) is already shown; a list of them reads FILE...
        return "..." if self.nargs == -1 else None
    if self.metavar:
        return str(self.metavar)
    described = self.type_descriptor
    if described.is_choice and described.choices:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in described.choices) + "]"
    return _WORDS.get(self.name or "", (self.name or "value").upper())


typer.core.TyperOption.display_type_rich = _help_placeholder  # type: ignore[method-assign]
typer.core.TyperArgument.display_type_rich = _help_placeholder  # type: ignore[method-assign]


class Format(StrEnum):
    table = "table"
    json = "json"


class ReportFormat(StrEnum):
    """Formats of `run` and `compare`."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"


class RiskFormat(StrEnum):
    """Formats of `sensitivity` and `switching`."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class SimulateFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"


FilesArg = Annotated[
    list[str], typer.Argument(help="Scenario files (YAML), one option each.", metavar="FILE")
]


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="table for people, json for scripts.")
]


ReportFormatOpt = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        help="table for people, json or csv for scripts, md for reports (markdown), "
        "xlsx for a workbook with live formulas (needs --output and bizcase[xlsx]).",
    ),
]


RiskFormatOpt = Annotated[
    RiskFormat,
    typer.Option(
        "--format", "-f", help="table for people, json or csv for scripts, md for reports."
    ),
]


SimulateFormatOpt = Annotated[
    SimulateFormat,
    typer.Option("--format", "-f", help="table for people, json for scripts, md for reports."),
]


OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the result to FILE (whole or not at all, never over an input) "
        "instead of stdout.",
    ),
]


PartnerOpt = Annotated[
    str | None,
    typer.Option(
        "--partner",
        "-p",
        help="A partner's view (an id such as ssdc), or 'total' (the default).",
    ),
]


EachPartnerOpt = Annotated[
    str | None,
    typer.Option(
        "--partner",
        "-p",
        help="A partner's view (an id such as ssdc), or 'total'. Default: each partner "
        "(common to all the options), else the total.",
    ),
]
"""For commands that show several views: by default, one per partner."""
