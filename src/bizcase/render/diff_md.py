"""`diff --format md`: written to be posted as a pull-request comment. A heading saying
which versions are compared, the verdict of any `--fail-on`, the figures of each view (old,
new, change, % change) with payback and gap-closure years moving said in words, then the
inputs that changed."""

from __future__ import annotations

import re

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
from bizcase.render.markdown_out import markdown_table
from bizcase.render.text import md_escape
from bizcase.results.diff import Diff, ViewDiff


def diff_markdown(diff: Diff) -> str:
    names = md_escape(diff.new.name)
    if diff.old.name != diff.new.name:
        names = f"{md_escape(diff.old.name)} → {names}"
    parts = [
        f"### bizcase diff: {names}",
        f"{_code(diff.old.source)} → {_code(diff.new.source)}",
    ]
    if diff.checks:
        parts.append(_conditions(diff))
    for view in diff.views:
        parts.append(_figures(view))
    parts.append(_inputs(diff))
    return "\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def _code(text: str) -> str:
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def _figures(view: ViewDiff) -> str:
    rows = [
        [
            f"**{figure.metric.label}**" if figure.metric.emphasis else figure.metric.label,
            format_value(figure.metric, figure.old),
            format_value(figure.metric, figure.new),
            change_text(figure),
            percent_text(figure.percent_change),
        ]
        for figure in view.figures
    ]
    title = title_of(view.id, {view.id: view.name or ""})
    table = markdown_table(["Figure", "Old", "New", "Change", "% change"], rows, "lrrrr")
    moved = " ".join(moves(view))
    return f"#### Figures: {md_escape(title)}\n\n{table}" + (f"\n{moved}" if moved else "")


def _inputs(diff: Diff) -> str:
    if not diff.inputs:
        return "#### Inputs\n\nNo inputs changed."
    rows = [
        [_code(c.path), c.kind, _cell(c.old) if c.kind != "added" else "",
         _cell(c.new) if c.kind != "removed" else ""]
        for c in diff.inputs
    ]  # fmt: skip
    count = len(diff.inputs)
    heading = f"#### Inputs: {count} change{'s' if count != 1 else ''}"
    return f"{heading}\n\n" + markdown_table(["Field", "Change", "Old", "New"], rows)


_SPECIAL = re.compile(r"([\\`*_\[\]#!~])")


def _cell(value: object) -> str:
    """An input value from the file as text, never as markdown: a note in a pull request
    cannot add a link or an image to the comment (`markdown_table` escapes the HTML)."""
    return _SPECIAL.sub(r"\\\1", input_text(value))


def _conditions(diff: Diff) -> str:
    rows = [
        [
            _cell(check.text),
            check.partner,
            threshold_text(check),
            check_change_text(check),
            "**holds: fails**" if check.held else "does not hold",
        ]
        for check in diff.checks
    ]
    table = markdown_table(["--fail-on", "Partner", "Threshold", "Change", "Result"], rows)
    mark = "❌" if diff.failed else "✅"
    return f"{mark} {verdict(diff)}\n\n{table}"
