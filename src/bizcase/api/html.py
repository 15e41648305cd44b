"""A notebook's view of a result: the headline figures of each view as an HTML table,
formatted as the CLI's tables format them (`£2.27m`, `(£50,000)`, `2019/20`)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bizcase.render.gates_out import format_value
from bizcase.render.labels import view_title
from bizcase.results.metrics import compared
from bizcase.results.option import OptionResult, View


def figures_table(columns: Sequence[tuple[str, View]], caption: str) -> str:
    """One row per headline figure (those `compare` shows), one column per view."""
    metrics = compared([view for _, view in columns])
    head = "".join(f"<th>{escape(heading)}</th>" for heading, _ in columns)
    rows = []
    for metric in metrics:
        assert metric.read is not None
        cells = "".join(
            f'<td style="text-align:right">{escape(format_value(metric, metric.read(view)))}</td>'
            for _, view in columns
        )
        rows.append(f'<tr><th style="text-align:left">{escape(metric.label)}</th>{cells}</tr>')
    return (
        f"<table><caption>{escape(caption)}</caption>"
        f"<thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def view_columns(
    option: OptionResult, views: Sequence[str] | None = None
) -> list[tuple[str, View]]:
    """Each of `views` (default: every partner, then the total) with its heading."""
    shown = option.views if views is None else [option.view(v) for v in views]
    return [(view_title(view), view) for view in shown]
