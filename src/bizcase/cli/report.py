"""`report`: the financial section of a committee report, as HTML or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bizcase.cli.common import command, emit, open_files
from bizcase.cli.options import EachPartnerOpt, FilesArg


@command()
def report(
    files: FilesArg,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="The report to write: .html (one self-contained page, charts embedded) or "
            ".md (charts written next to it as PNG files).",
        ),
    ],
    partner: EachPartnerOpt = None,
    no_risk: Annotated[
        bool,
        typer.Option("--no-risk", help="Leave out sensitivity, switching values and simulation."),
    ] = False,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", help="The report's title (default: Financial appraisal of the options)."
        ),
    ] = None,
    author: Annotated[
        str | None, typer.Option("--author", help="Who prepared it, for the title block.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="The date in the title block (default: today, 24 November 2026)."
        ),
    ] = None,
) -> None:
    """Write the financial section of a committee report: options considered, a comparison
    for each partner, charts, financial implications in words, sensitivity and switching
    values, and the assumptions from the scenario files.

    Charts need bizcase[report] (matplotlib); without it the report is written without
    them and says so.

    Examples:

      bizcase report scenarios/ssdc-sdc-joint.yaml scenarios/ssdc-solo.yaml -o report.html

      bizcase report joint.yaml solo.yaml --partner ssdc --no-risk -o report.md
    """
    from bizcase.appraisal.risk import FAN_DRAWS, risk_findings
    from bizcase.appraisal.views import select_views
    from bizcase.io.output import check_writable, write_atomically
    from bizcase.problems import InputError, Problem
    from bizcase.render.report import build_report, report_html, report_markdown

    target = Path(output)
    suffix = target.suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown"):
        raise InputError(
            [Problem("--output", f"{output}: give a file name ending in .html or .md")]
        )
    options = open_files(files)
    views = select_views([option.result for option in options], partner)
    built = build_report(
        [option.result for option in options],
        [option.scenario for option in options],
        views,
        None if no_risk else risk_findings(options, views, FAN_DRAWS, 0),
        title=title,
        author=author,
        date=date or _today(),
    )
    for notice in built.notices:
        typer.echo(f"warning: {notice}", err=True)
    if suffix in (".html", ".htm"):
        emit(report_html(built), output, files)
        return
    text, images = report_markdown(built, target.stem)
    for path in [output, *(str(target.with_name(name)) for name in images)]:
        check_writable(path, files)
    for name, data in images.items():
        write_atomically(str(target.with_name(name)), data, files)
    charts = f"{len(images)} chart{'s' if len(images) != 1 else ''}"
    emit(text, output, files, f"the report and {charts}" if images else "")


def _today() -> str:
    """`24 November 2026`, as committee papers date themselves."""
    import datetime

    today = datetime.date.today()
    return f"{today.day} {today:%B %Y}"
