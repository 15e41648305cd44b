"""Text from scenario files made safe for each place it is written.

Names are refused at load when they hold control characters, but renderers do not rely on
it: a file name, a sweep value or a future field can still carry them. CSV cells that a
spreadsheet would run as a formula are neutralised (OWASP's rule), markdown and HTML are
escaped, and nothing printed can move a terminal's cursor or change its colours.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterable
from typing import IO, Any

from bizcase.model.units import printable

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(cell: Any) -> str:
    """A cell as a spreadsheet will read it safely: numbers as they are, text that would
    start a formula behind an apostrophe, carriage returns that would split a row escaped."""
    text = str(cell)
    if not text or _is_number(text):
        return text
    text = printable(text).replace("\r", "\\r")
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text


class CsvWriter:
    """`csv.writer` with every cell passed through `csv_cell`: every CSV bizcase writes
    goes through here."""

    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def markdown_text(text: str) -> str:
    """Text inside a markdown table cell: HTML escaped, `|` escaped, on one line."""
    escaped = html.escape(printable(str(text)), quote=False)
    return " ".join(escaped.split("\n")).replace("|", "\\|")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#!])")


def md_escape(text: str, pipe: bool = True) -> str:
    """Prose as written, never as Markdown or HTML: `North & West <draft>` stays so.
    Table cells leave `|` to `markdown_table`, which escapes it."""
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(printable(text).split()), quote=False))
    return text.replace("|", "\\|") if pipe else text
