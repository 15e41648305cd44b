"""`report`: the financial section of a committee report, as HTML, Markdown or Word."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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
            help="The report to write: .html (one self-contained page, charts embedded), "
            ".md (charts written next to it as PNG files) or .docx (Word, charts embedded).",
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
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            metavar="FILE",
            help="For a .docx report: a council's Word template (.docx or .dotx) whose "
            "styles, headers, footers and margins it uses; its own text is left out.",
        ),
    ] = None,
) -> None:
    """Write the financial section of a committee report: options considered, a comparison
    for each partner, charts, financial implications in words, sensitivity and switching
    values, and the assumptions from the scenario files.

    Charts need bizcase[report] (matplotlib); without it the report is written without
    them and says so. Word (.docx) needs bizcase[report] too (python-docx).

    Examples:

      bizcase report scenarios/ssdc-sdc-joint.yaml scenarios/ssdc-solo.yaml -o report.html

      bizcase report joint.yaml solo.yaml --partner ssdc --no-risk -o report.md

      bizcase report joint.yaml solo.yaml -o report.docx --template council.dotx
    """
    from bizcase.appraisal.risk import FAN_DRAWS, risk_findings
    from bizcase.appraisal.views import select_views
    from bizcase.io.output import check_writable, write_atomically
    from bizcase.problems import InputError, Problem
    from bizcase.render.report import build_report, report_docx, report_html, report_markdown

    target = Path(output)
    suffix = target.suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown", ".docx"):
        raise InputError(
            [Problem("--output", f"{output}: give a file name ending in .html, .md or .docx")]
        )
    if template is not None and suffix != ".docx":
        raise InputError(
            [Problem("--template", "a Word template is for a .docx report: -o report.docx")]
        )
    word_base = _word_base(template) if suffix == ".docx" else None
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
    if suffix == ".docx":
        data, template_notices = report_docx(built, word_base)
        for notice in template_notices:
            typer.echo(f"warning: {notice}", err=True)
        emit(data, output, [*files, *([template] if template else [])])
        return
    text, images = report_markdown(built, target.stem)
    for path in [output, *(str(target.with_name(name)) for name in images)]:
        check_writable(path, files)
    for name, data in images.items():
        write_atomically(str(target.with_name(name)), data, files)
    charts = f"{len(images)} chart{'s' if len(images) != 1 else ''}"
    emit(text, output, files, f"the report and {charts}" if images else "")


def _word_base(template: str | None) -> Any:
    """The council's template opened (or None for a plain document), checked before anything
    is calculated: python-docx is installed, and the template is a Word file."""
    from bizcase.problems import InputError, Problem
    from bizcase.render.report.docx_template import open_template, require_python_docx

    require_python_docx()
    if template is None:
        return None
    try:
        data = Path(template).read_bytes()
    except OSError as exc:
        message = f"cannot read the template {template}: {exc.strerror or exc}"
        raise InputError([Problem("--template", message)]) from None
    return open_template(data, template)


def _today() -> str:
    """`24 November 2026`, as committee papers date themselves."""
    import datetime

    today = datetime.date.today()
    return f"{today.day} {today:%B %Y}"
