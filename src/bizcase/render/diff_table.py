"""`diff` for people at a terminal: the figures of each view, old beside new, the years
that moved in words, the inputs that changed, and the verdict of any `--fail-on`."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from bizcase.render.diff_values import (
    change_text,
    check_change_text,
    format_value,
    input_text,
    moves,
    percent_text,
    threshold_text,
    verdict,
)
from bizcase.render.labels import title_of
from bizcase.results.diff import Diff, ViewDiff


def diff_tables(diff: Diff) -> list[RenderableType | str]:
    names = diff.new.name
    if diff.old.name != diff.new.name:
        names = f"{diff.old.name} -> {names}"
    out: list[RenderableType | str] = [
        Text(f"{names}: {diff.old.source} -> {diff.new.source}", style="bold")
    ]
    for view in diff.views:
        out.append(_figures(view))
        out += [Text(line) for line in moves(view)]
    out.append(_inputs(diff))
    if diff.checks:
        out.append(_conditions(diff))
        out.append(Text(verdict(diff), style="bold"))
    return out


def _figures(view: ViewDiff) -> Table:
    table = Table(title=title_of(view.id, {view.id: view.name or ""}), header_style="bold")
    table.add_column("Figure")
    for heading in ("Old", "New", "Change", "% change"):
        table.add_column(heading, justify="right")
    for figure in view.figures:
        metric = figure.metric
        table.add_row(
            Text(metric.label, style="bold" if metric.emphasis else ""),
            format_value(metric, figure.old),
            format_value(metric, figure.new),
            change_text(figure),
            percent_text(figure.percent_change),
        )
    return table


def _inputs(diff: Diff) -> RenderableType:
    if not diff.inputs:
        return Text("No inputs changed.")
    table = Table(title="Inputs changed", header_style="bold")
    for heading in ("Field", "Change", "Old", "New"):
        table.add_column(heading)
    for change in diff.inputs:
        table.add_row(
            change.path,
            change.kind,
            "" if change.kind == "added" else input_text(change.old),
            "" if change.kind == "removed" else input_text(change.new),
        )
    return table


def _conditions(diff: Diff) -> Table:
    table = Table(title="--fail-on", header_style="bold")
    for heading in ("Condition", "Partner", "Threshold", "Change"):
        table.add_column(heading, justify="right" if heading == "Change" else "left")
    table.add_column("Result", no_wrap=True)
    for check in diff.checks:
        table.add_row(
            check.text,
            check.partner,
            threshold_text(check),
            check_change_text(check),
            Text("HOLDS: FAIL", style="bold red") if check.held else Text("no", style="green"),
        )
    return table
