"""The report's tables as real Word tables: header row repeated on every page it runs onto,
rows never split, money right-aligned, totals in bold and a rule above each group; columns
sized to what they hold, within the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bizcase.render.report.document import Table

if TYPE_CHECKING:
    from docx.document import Document
    from docx.shared import Length
    from docx.table import _Row

WIDE = 6
"""Tables with this many columns or more (the year-by-year figures) are set in smaller type."""
CHAR_CM = {False: 0.2, True: 0.17}
"""About how wide a character is, in cm, at the body size (11 pt) and in a wide table (9 pt)."""
PADDING_CM = 0.45
"""A cell's left and right margins, with a little to spare."""


def usable_width(document: Document) -> Length:
    """The width between the margins of the document's last section."""
    from docx.shared import Cm, Length

    section = document.sections[-1]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    if width is None or left is None or right is None:
        return Cm(16)
    return Length(width - left - right)


def add_table(document: Document, table: Table, style: str, width: Length) -> None:
    """`table` after the document's last paragraph, in `style`, `width` wide."""
    from docx.shared import Pt

    from bizcase.render.report.docx_ooxml import keep_row_whole, repeat_as_header, rule_above

    word = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    word.style = style
    word.autofit = False
    size = Pt(9) if len(table.header) >= WIDE else None
    widths = _widths(table, width, size is not None)
    for column, column_width in zip(word.columns, widths, strict=True):
        column.width = column_width  # the table's grid, which LibreOffice lays out by
    rows = word.rows
    header = rows[0]
    keep_row_whole(header)
    repeat_as_header(header)
    _fill(header, table.header, table, widths, bold=True, size=size)
    for number, (row, cells) in enumerate(zip(rows[1:], table.rows, strict=True)):
        keep_row_whole(row)
        _fill(row, cells, table, widths, bold=number in table.bold_rows, size=size)
        if number in table.group_rows:
            for cell in row.cells:
                rule_above(cell)


def _fill(
    row: _Row,
    texts: tuple[str, ...],
    table: Table,
    widths: list[Length],
    *,
    bold: bool,
    size: Length | None,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for cell, text, align, width in zip(row.cells, texts, table.align, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        if align == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = 0
        run = paragraph.add_run(text)
        run.bold = bold or None
        if size is not None:
            run.font.size = size


def _widths(table: Table, width: Length, wide: bool) -> list[Length]:
    """Each column's width: at least its longest word (so a figure never wraps), the rest of
    the page shared by how much more each column's longest text needs (as a browser lays
    out a table), so descriptions get the room and figures just enough."""
    from docx.shared import Length

    columns = [[table.header[c], *(row[c] for row in table.rows)] for c in range(len(table.header))]
    word = [max(len(w) for t in texts for w in t.split() or [""]) for texts in columns]
    text = [max(len(t) for t in texts) for texts in columns]
    low, high = ([n * CHAR_CM[wide] + PADDING_CM for n in counts] for counts in (word, text))
    spare = width.cm - sum(low)
    extra = [h - w for w, h in zip(low, high, strict=True)]
    if spare <= 0:
        shares = low
    elif sum(extra) > spare:
        shares = [w + spare * e / sum(extra) for w, e in zip(low, extra, strict=True)]
    else:  # everything fits on one line: what is left shared out in proportion
        shares = high
    return [Length(int(width * share / sum(shares))) for share in shares]
