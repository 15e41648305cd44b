"""Tables that are never cut: a table wider than the terminal is split into consecutive
tables (years, or options, in groups) that repeat the row labels, never squeezed until
rich ellipsises a label or a figure.

One mechanism for every table bizcase prints (run, compare, the risk tables, sweep): it
measures each column from its cells, so no table needs to know the width it will get.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.control import strip_control_codes
from rich.table import Column, Table
from rich.text import Text

_EDGE = 1
"""The table's left border."""
_PER_COLUMN = 3
"""Padding either side of a cell and the border after it."""


def fit_to_width(
    renderables: Sequence[RenderableType | str], width: int
) -> list[RenderableType | str]:
    """Every table among `renderables` (and inside groups) split to fit `width` columns."""
    out: list[RenderableType | str] = []
    for item in renderables:
        if isinstance(item, Table):
            out.extend(split_table(item, width))
        elif isinstance(item, Group):
            out.append(Group(*fit_to_width(list(item.renderables), width)))
        else:
            out.append(item)
    return out


def split_table(table: Table, width: int) -> list[Table]:
    """The table as it is when it fits; otherwise its first (label) column with as many
    of the other columns as fit, table after table."""
    columns = table.columns
    needed = [_needed(column) + _PER_COLUMN for column in columns]
    if _EDGE + sum(needed) <= width or len(columns) < 3:
        return [_no_ellipsis(table)]
    room = width - _EDGE - needed[0]
    groups: list[list[int]] = [[]]
    used = 0
    for index in range(1, len(columns)):
        if groups[-1] and used + needed[index] > room:
            groups.append([])
            used = 0
        groups[-1].append(index)
        used += needed[index]
    parts = [_part(table, [0, *group], number) for number, group in enumerate(groups)]
    for part, group in zip(parts, groups, strict=True):
        if _EDGE + needed[0] + sum(needed[i] for i in group) > width:
            # even one column beside the labels is too wide: let words wrap, never cut
            for column in part.columns:
                column.no_wrap = False
    return parts


def _part(table: Table, keep: list[int], number: int) -> Table:
    part = copy.copy(table)
    part.columns = []
    part.rows = list(table.rows)
    if number and isinstance(table.title, str):
        part.title = f"{table.title} (continued)"
    elif number and isinstance(table.title, Text):
        part.title = table.title + Text(" (continued)")
    for index in keep:
        column = copy.copy(table.columns[index])
        column._cells = list(table.columns[index]._cells)
        column.overflow = "fold"
        part.columns.append(column)
    return part


def _no_ellipsis(table: Table) -> Table:
    for column in table.columns:
        column.overflow = "fold"
    return table


def _needed(column: Column) -> int:
    return max(_widest(column.header), *(_widest(cell) for cell in column._cells), 1)


def _widest(cell: object) -> int:
    # what `Text(line).cell_len` gives (a Text drops control codes), without making a Text
    text = strip_control_codes(cell.plain if isinstance(cell, Text) else str(cell))
    return max(cell_len(line) for line in text.split("\n"))


def tables_in(renderables: Iterable[RenderableType | str]) -> list[Table]:
    """Every table among `renderables`, groups opened (for tests)."""
    found: list[Table] = []
    for item in renderables:
        if isinstance(item, Table):
            found.append(item)
        elif isinstance(item, Group):
            found += tables_in(item.renderables)
    return found
