"""`diff`: what a change to a scenario does to its figures, for pull requests."""

from __future__ import annotations

from typing import Annotated

import typer

from bizcase.cli.common import command, emit, print_problems, show
from bizcase.cli.options import DiffFormat, OutputOpt

DIFF_HELP = """Compare two versions of a scenario: the inputs that changed, field by field,
and every headline figure of each view both have (old, new, change, % change).

OLD and NEW are scenario files, or REV:PATH for a file at a git revision (read with
`git show`, nothing checked out; PATH from the repository's top, `extends` bases from the
same revision). A file that exists is always read as a file.

--fail-on takes a condition as `check` does, [PARTNER.]METRIC OP VALUE, tested on the
change (new - old): VALUE in the metric's unit (-£100k), or ending in % for the
percentage change of a figure that is not itself a percentage (npv < -5%: NPV fell by
more than 5%); for payback_year and gap_closed_year a number of years (payback_year > 0:
payback is later, or lost). The run exits 1 when any of them holds.

\b
Examples:
  bizcase diff old.yaml scenarios/ssdc-solo.yaml
  bizcase diff origin/main:scenarios/ssdc-solo.yaml scenarios/ssdc-solo.yaml \\
      --format md --fail-on "npv < -5%" --fail-on "ssdc.gap_closed_year > 0"
  bizcase diff HEAD~1:scenarios/ssdc-solo.yaml scenarios/ssdc-solo.yaml --format json

Exit status: 0 no condition held, 1 a --fail-on condition held, 2 bad input.
"""


@command(help=DIFF_HELP)
def diff(
    old: Annotated[str, typer.Argument(help="The old version: FILE or REV:PATH.", metavar="OLD")],
    new: Annotated[str, typer.Argument(help="The new version: FILE or REV:PATH.", metavar="NEW")],
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner",
            "-p",
            help="One view: a partner id (in both versions) or 'total'. Default: each "
            "partner both versions have, and the total. Also the partner of conditions "
            "that name none (else the total).",
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", help="table for people, md for a pull-request comment, json."
        ),
    ] = DiffFormat.table,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            help='Exit 1 when this condition on the change holds, such as "npv < -5%"; '
            "repeat for more.",
        ),
    ] = None,
    output: OutputOpt = None,
) -> None:
    from bizcase.appraisal.diff import diff_sources
    from bizcase.io.revision import is_revision
    from bizcase.problems import EXIT_CHECK_FAILED

    found, warnings = diff_sources(old, new, partner, fail_on or ())
    print_problems(warnings)
    inputs = [source for source in (old, new) if not is_revision(source)]
    if output_format is DiffFormat.json:
        from bizcase.render.diff_json import render_diff_json

        emit(render_diff_json(found), output, inputs)
    elif output_format is DiffFormat.md:
        from bizcase.render.diff_md import diff_markdown

        emit(diff_markdown(found), output, inputs)
    else:
        from bizcase.render.diff_table import diff_tables

        show(diff_tables(found), output, inputs)
    if found.failed:
        raise typer.Exit(EXIT_CHECK_FAILED)
