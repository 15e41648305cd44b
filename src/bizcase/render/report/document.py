"""The report as a small document: sections of headings, paragraphs, bullets, tables and
figures, which the HTML, Markdown and Word renderers lay out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from bizcase.records import field, frozen, mutable

if TYPE_CHECKING:
    pass

Align = Literal["left", "right"]


def _right(count: int) -> list[Align]:
    return ["right"] * count


@frozen
class Paragraph:
    text: str
    lead: str | None = None
    """Bold words that start the paragraph."""
    style: Literal["normal", "note", "small"] = "normal"


@frozen
class Bullets:
    items: tuple[str, ...]


@frozen
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[Align, ...]
    bold_rows: frozenset[int] = frozenset()
    group_rows: frozenset[int] = frozenset()
    """Rows that start a new group (a rule above them)."""


@frozen
class Figure:
    key: str
    """The chart's name in `Report.images` (and in the PNG file names of a Markdown report)."""
    caption: str
    alt: str


@frozen
class Heading:
    text: str


Block = Paragraph | Bullets | Table | Figure | Heading


@frozen
class Section:
    id: str
    title: str
    blocks: list[Block]


@mutable
class Report:
    title: str
    subtitle: str
    sections: list[Section]
    byline: str = ""
    """Who prepared it and when: `Prepared by ... · 24 November 2026`."""
    images: dict[str, bytes] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def paragraph_numbers(report: Report) -> dict[tuple[int, int], str]:
    """`1.1`, `1.2`, ... for the body paragraphs of each section, so members can cite
    them: {(section index, block index): number}. Notes and small print are not numbered."""
    numbers: dict[tuple[int, int], str] = {}
    for s_index, section in enumerate(report.sections):
        count = 0
        for b_index, block in enumerate(section.blocks):
            if isinstance(block, Paragraph) and block.style == "normal":
                count += 1
                numbers[s_index, b_index] = f"{s_index + 1}.{count}"
    return numbers
