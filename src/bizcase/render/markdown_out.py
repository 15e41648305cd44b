"""`run` and `compare` as GitHub-flavoured markdown, for pasting into a committee report.

The figures, labels and notes are those of the terminal tables (`bizcase.render.tables`):
money as `£4.10m` / `(£1.20m)`, years as `2016/17`. Tables are padded so that they also
read well as plain text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from bizcase.render.baseline import baseline_note, change_text, heading
from bizcase.render.labels import BY_YEAR_ROWS, NO_TOTAL, npv_basis, view_rows, view_title
from bizcase.render.money import format_money, format_year
from bizcase.render.statements import (
    bcr_text,
    coverage_text,
    further_sentences,
    gap_closed_text,
    headline_text,
    is_figure,
    judges_gap,
    payback_period_text,
    payback_text,
    referendum_sentences,
    shown_views,
    sunk_costs_sentence,
)
from bizcase.render.text import markdown_text, md_escape
from bizcase.results.baseline import difference
from bizcase.results.metrics import Metric, compared
from bizcase.results.option import OptionResult, View

NPV_NOTE = (
    "NPV discounts from the second year on; Excel's NPV() also discounts the first, so its "
    "figure is this one divided by (1 + rate)."
)
_RULES = ("l", "r", "c")


def markdown_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str] | None = None
) -> str:
    """A GitHub-flavoured markdown table, one line per row, ending in a newline.

    `align` gives each column's alignment: `l`, `r` or `c` (or `left`, `right`, `center`;
    a string such as `"lrr"` works too); columns it does not cover are left-aligned. Cells
    are escaped (`|` and line breaks) and padded to a common width.
    """
    width = len(header)
    if any(len(row) != width for row in rows):
        raise ValueError("every row needs as many cells as the header")
    kinds = [(str(a)[:1].lower() or "l") for a in (align or [])]
    kinds += ["l"] * (width - len(kinds))
    if any(kind not in _RULES for kind in kinds):
        raise ValueError(f"alignment must be l, r or c: {align!r}")
    table = [[_escape(cell) for cell in header], *[[_escape(c) for c in row] for row in rows]]
    widths = [max(3, *(len(row[i]) for row in table)) for i in range(width)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.rjust(w) if kind == "r" else cell.ljust(w)
            for cell, w, kind in zip(cells, widths, kinds, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [_rule(kind, w) for kind, w in zip(kinds, widths, strict=True)]
    return "\n".join([line(table[0]), line(rule), *(line(row) for row in table[1:])]) + "\n"


def _rule(kind: str, width: int) -> str:
    if kind == "r":
        return "-" * (width - 1) + ":"
    if kind == "c":
        return ":" + "-" * (width - 2) + ":"
    return ":" + "-" * (width - 1)


def _escape(cell: str) -> str:
    return markdown_text(cell)


def _bold(text: str) -> str:
    return f"**{text}**" if text and text != "-" else text


def _span(option: OptionResult) -> str:
    return f"{format_year(option.years[0])} to {format_year(option.years[-1])}"


def run_view_markdown(option: OptionResult, view: View) -> str:
    header = ["£", *(format_year(y) for y in option.years), "Total"]
    rows = []
    for key, label in view_rows(view):
        bold = key in ("net_recurring", "net")
        cells = [format_money(x) for x in view.series[key]]
        total = "" if key in NO_TOTAL else format_money(math.fsum(view.series[key]))
        if bold:
            label, cells, total = _bold(label), [_bold(c) for c in cells], _bold(total)
        rows.append([label, *cells, total])
    summary = (
        f"**NPV** {format_money(view.npv)} at {npv_basis(option)}; "
        f"**BCR** {bcr_text(view)}; **payback** {payback_text(view)}"
        + (f" ({payback_period_text(view)})" if view.payback_period is not None else "")
        + f"; **gap closed** {gap_closed_text(view, option)}"
        + (f"; **coverage** {coverage_text(view, option)}." if judges_gap(view) else ".")
    )
    for sentence in further_sentences(view, option):
        summary += f" {sentence}."
    table = markdown_table(header, rows, "l" + "r" * (len(header) - 1))
    return f"### {md_escape(view_title(view))}\n\n{table}\n{summary}\n"


def run_markdown(option: OptionResult, views: Sequence[View] | None = None) -> str:
    """One option in full: a table per partner and one for the total (or each of `views`),
    with their summary."""
    parts = [
        f"## {md_escape(option.name)}\n\n"
        f"{option.kind}, {len(option.years)} years {_span(option)} "
        f"({md_escape(option.file)}).\n"
    ]
    if option.description:
        parts.append(md_escape(option.description) + "\n")
    parts += [md_escape(note) + "\n" for note in option.shape_notes]
    parts += [md_escape(line) + "\n" for line in referendum_sentences(option)]
    shown = shown_views(option) if views is None else views
    parts += [run_view_markdown(option, view) for view in shown]
    sunk = sunk_costs_sentence(option)
    if sunk:
        parts.append(md_escape(sunk) + "\n")
    parts.append(f"_{NPV_NOTE}_\n")
    return "\n".join(parts)


def _compare_cells(option: OptionResult, view: View, metrics: Sequence[Metric]) -> list[str]:
    return [
        _bold(text) if metric.emphasis and is_figure(metric, view) else text
        for metric in metrics
        for text in [headline_text(metric, view, option)]
    ]


def compare_view_markdown(
    options: Sequence[OptionResult], view_id: str, baseline: int | None = None
) -> str:
    """Metrics as rows, options as columns, for one partner or the total; with a
    `baseline` (its place), each other option is followed by its difference from it."""
    metrics = compared([option.view(view_id) for option in options])
    header = [""]
    rows = [["Kind and years"]] + [[m.label] for m in metrics]
    for place, option in enumerate(options):
        view = option.view(view_id)
        header.append(option.name)
        for row, text in zip(
            rows,
            [f"{option.kind}, {_span(option)}", *_compare_cells(option, view, metrics)],
            strict=True,
        ):
            row.append(text)
        if baseline is not None and place != baseline:
            base = options[baseline].view(view_id)
            header.append(heading(options[baseline].name))
            changes = [change_text(m, difference(m, view, base)) for m in metrics]
            for row, text in zip(rows, ["", *changes], strict=True):
                row.append(text)
    table = markdown_table(header, rows, "l" + "r" * (len(header) - 1))
    return f"### {md_escape(view_title(options[0].view(view_id)))}\n\n{table}"


def compare_by_year_markdown(options: Sequence[OptionResult], view_id: str) -> str:
    """The options year by year; years an option does not cover are left blank."""
    years = sorted({year for option in options for year in option.years})
    header = ["Option", "", *(format_year(y) for y in years)]
    rows = []
    for option in options:
        view = option.view(view_id)
        for number, (key, label) in enumerate(BY_YEAR_ROWS):
            by_year = dict(zip(option.years, view.series[key], strict=True))
            cells = [format_money(by_year[y]) if y in by_year else "" for y in years]
            rows.append([option.name if number == 0 else "", label, *cells])
    table = markdown_table(header, rows, "ll" + "r" * len(years))
    title = md_escape(view_title(options[0].view(view_id)))
    return f"### {title}, year by year\n\n{table}"


def compare_markdown(
    options: Sequence[OptionResult],
    view_ids: Sequence[str],
    note: str | None = None,
    by_year: bool = False,
    baseline: int | None = None,
) -> str:
    """Options side by side for each of `view_ids` (partner ids or `total`); `note` (the
    like-for-like warning) comes first, in bold, where given."""
    parts = [f"**Note:** {md_escape(note)}\n"] if note else []
    if baseline is not None:
        parts.append(md_escape(baseline_note(options[baseline].name)) + "\n")
    for view_id in view_ids:
        parts.append(compare_view_markdown(options, view_id, baseline))
        if by_year:
            parts.append(compare_by_year_markdown(options, view_id))
    for option in options:
        sunk = sunk_costs_sentence(option)
        if sunk:
            parts.append(md_escape(f"{option.name}: {sunk}") + "\n")
    parts.append(f"_{NPV_NOTE}_\n")
    return "\n".join(parts)
