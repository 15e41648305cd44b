"""Tables printed without colour, laid out here line by line instead of through rich.

Rich's `Table` lays out every cell through its general renderable pipeline (a `Padding`
around a `Text`, measured, wrapped, justified, cut into `Segment`s and reshaped): about
0.4M instructions a cell, 65M of `bizcase compare`'s 1,400M. Without colour (stdout piped
or redirected, or a table written with `--output`) the styles print nothing, so the lines
can be worked out from the cells' plain text directly, at a fraction of that.

The lines are rich's own, byte for byte, only in the cases this module reproduces: text
(`str` or `Text`) that fits as it is, so that rich neither wraps nor squeezes anything; a
header, body rows and sections, any box (or none), left and right padding, every
justification but "full", top/middle/bottom alignment and a title that fits above the
table. Anything else (a colour console, a caption or footer, a width asked of the table or
a column, padding above or below, a cell that is not text, characters whose width rich
works out by context, ...) is printed by rich's `Table` itself, unchanged.
`tests/render/test_plain_table.py` renders random tables both ways and compares them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from rich.box import Box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

_UNSAFE = "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200d\ufe0f\u2028\u2029]|[^\\S \n]"
"""Characters that rich does not lay out as plain cells: control codes (which `Text`
removes), tabs (expanded), separators that `str.splitlines` breaks on but `Text.split`
does not, whitespace other than the space (`rstrip` and cropping treat it differently from
a space), and the joiner and variation selector (whose width depends on their
neighbours, so a line's width is not the sum of its pieces')."""


@cache
def _unsafe_pattern() -> re.Pattern[str]:
    return re.compile(_UNSAFE)


def _unsafe(text: str) -> bool:
    """Whether `text` holds one of `_UNSAFE`. All of them but the variation selector are
    not `isprintable()`, so most text is cleared without compiling the pattern (~3M
    instructions: its classes span the whole BMP)."""
    if "\ufe0f" not in text and text.replace("\n", "").isprintable():
        return False
    return _unsafe_pattern().search(text) is not None


_JUSTIFIED = frozenset({"left", "right", "center", "default"})
_ALIGNED = frozenset({"top", "middle", "bottom"})


class PlainTable:
    """A rich `Table` that, on a console without colour and when it is simple enough,
    prints its lines directly; otherwise it is the table itself."""

    __slots__ = ("table",)

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = plain_lines(self.table, console, options)
        if lines is None:
            yield self.table
        else:
            yield Segment("\n".join(lines) + "\n")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self.table.__rich_measure__(console, options)


def plain_tables(renderables: Iterable[RenderableType | str]) -> list[RenderableType | str]:
    """`renderables` with every table (and every table inside a group) as a `PlainTable`."""
    out: list[RenderableType | str] = []
    for item in renderables:
        if isinstance(item, Table):
            out.append(PlainTable(item))
        elif isinstance(item, Group):
            out.append(Group(*plain_tables(item.renderables)))
        else:
            out.append(item)
    return out


def plain_lines(table: Table, console: Console, options: ConsoleOptions) -> list[str] | None:
    """The lines rich would print for `table` on `console`, or None where this module
    does not reproduce rich's layout (rich's `Table` must print it)."""
    if not _plain_console(console, options) or not _simple(table):
        return None
    columns = table.columns
    count = len(columns)
    top, right, bottom, left = table.padding
    if top or bottom:
        return None
    lefts = [0 if not table.pad_edge and i == 0 else left for i in range(count)]
    rights = [0 if not table.pad_edge and i == count - 1 else right for i in range(count)]

    header = table.show_header
    texts: list[list[tuple[list[str], str]]] = []  # per column: (lines, justify) per cell
    for column in columns:
        justify = column.justify or "default"
        cells: list[tuple[list[str], str]] = []
        for cell in [column.header, *column._cells] if header else column._cells:
            found = _text(cell, justify)
            if found is None:
                return None
            cells.append(found)
        texts.append(cells)

    extra = (2 if table.box and table.show_edge else 0) + (count - 1 if table.box else 0)
    room = options.max_width - extra
    widths = []
    for cells, pad_left, pad_right in zip(texts, lefts, rights, strict=True):
        if room - pad_left - pad_right < 1:
            return None
        natural = max(max(cell_len(line) for line in lines) for lines, _ in cells)
        widths.append(natural + pad_left + pad_right or 1)
    if sum(widths) > room:
        return None
    table_width = sum(widths) + extra

    lines: list[str] = []
    if table.title:
        title = _title(table, table_width)
        if title is None:
            return None
        lines += title
    lines += _body(table, texts, widths, lefts, rights)
    return lines


def _plain_console(console: Console, options: ConsoleOptions) -> bool:
    """No colour, nothing recorded, the box drawn as it is, text neither marked up nor
    emoji-coded, and the text's own wrapping in force."""
    return (
        console.color_system is None
        and not console.record
        and not console.is_jupyter
        and not options.legacy_windows
        and not options.ascii_only
        and not getattr(console, "_markup", True)
        and not getattr(console, "_emoji", True)
        and not options.markup
        and not options.no_wrap
        and options.overflow != "ignore"
    )


def _simple(table: Table) -> bool:
    """A table rich lays out from its cells' natural widths alone."""
    if (
        not table.columns
        or table.width is not None
        or table.min_width is not None
        or table.expand
        or table.caption
        or table.show_footer
        or table.leading
        or table.collapse_padding
        or (table.box is not None and not isinstance(table.box, Box))
        or (not table.show_header and not table.rows)
    ):
        return False
    rows = len(table.rows)
    return all(
        column.width is None
        and column.min_width is None
        and column.max_width is None
        and column.ratio is None
        and column.vertical in _ALIGNED
        and len(column._cells) == rows
        for column in table.columns
    )


def _text(cell: object, justify: str) -> tuple[list[str], str] | None:
    """A cell's lines and justification, if it is plain text rich lays out unchanged."""
    if type(cell) is str:
        plain = cell
    elif type(cell) is Text and cell.end == "\n":
        plain = cell.plain
        justify = cell.justify or justify
    else:
        return None
    if justify not in _JUSTIFIED or _unsafe(plain):
        return None
    return plain.split("\n"), justify


def _fill(line: str, width: int, justify: str) -> str:
    """`line` justified in `width` cells, as `rich.containers.Lines.justify` does it."""
    if justify == "right":
        line = line.rstrip()
        return " " * (width - cell_len(line)) + line
    if justify == "center":
        line = line.rstrip()
        space = width - cell_len(line)
        return " " * (space // 2) + line + " " * (space - space // 2)
    return line + " " * (width - cell_len(line))


def _title(table: Table, width: int) -> list[str] | None:
    """The title's lines, each justified to the table's width; None if rich would wrap one
    (or its justification leaves lines unpadded)."""
    found = _text(table.title, table.title_justify)
    if found is None:
        return None
    lines, justify = found
    if justify == "default" or any(cell_len(line) > width for line in lines):
        return None
    return [_fill(line, width, justify) for line in lines]


def _body(
    table: Table,
    texts: Sequence[Sequence[tuple[list[str], str]]],
    widths: Sequence[int],
    lefts: Sequence[int],
    rights: Sequence[int],
) -> list[str]:
    """The table below its title: edges, header, rows and section lines, as rich's
    `Table._render` draws them."""
    box = table.box
    if box is not None and not table.show_header:
        box = box.get_plain_headed_box()
    edge = table.show_edge
    header = table.show_header
    lines: list[str] = []
    if box is not None and edge:
        lines.append(box.get_top(widths))
    rows = len(texts[0])
    columns = table.columns
    for index in range(rows):
        first, last = index == 0, index == rows - 1
        cells: list[list[str]] = []
        for (cell_lines, justify), width, pad_left, pad_right in zip(
            (column[index] for column in texts), widths, lefts, rights, strict=True
        ):
            inner = width - pad_left - pad_right
            before, after = " " * pad_left, " " * pad_right
            cells.append([before + _fill(line, inner, justify) + after for line in cell_lines])
        height = max(len(cell) for cell in cells)
        for cell, width, column in zip(cells, widths, columns, strict=True):
            missing = height - len(cell)
            if missing:
                vertical = "bottom" if first and header else column.vertical
                above = (
                    0 if vertical == "top" else missing if vertical == "bottom" else missing // 2
                )
                blank = " " * width
                cell[:0] = [blank] * above
                cell += [blank] * (missing - above)
        if box is None:
            lines += ["".join(parts) for parts in zip(*cells, strict=True)]
        else:
            if first:
                left, right, divider = box.head_left, box.head_right, box.head_vertical
            elif last:
                left, right, divider = box.foot_left, box.foot_right, box.foot_vertical
            else:
                left, right, divider = box.mid_left, box.mid_right, box.mid_vertical
            if not edge:
                left = right = ""
            lines += [left + divider.join(parts) + right for parts in zip(*cells, strict=True)]
            if first and header:
                lines.append(box.get_row(widths, "head", edge=edge))
            elif not last and (table.show_lines or table.rows[index - header].end_section):
                lines.append(box.get_row(widths, "row", edge=edge))
    if box is not None and edge:
        lines.append(box.get_bottom(widths))
    return lines
