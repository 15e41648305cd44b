"""The report as Markdown, with its charts as PNG files to write next to it."""

from __future__ import annotations

from bizcase import __version__
from bizcase.render.markdown_out import markdown_table
from bizcase.render.report.document import (
    Block,
    Bullets,
    Figure,
    Heading,
    Paragraph,
    Report,
    paragraph_numbers,
)
from bizcase.render.text import md_escape


def report_markdown(report: Report, image_prefix: str = "report") -> tuple[str, dict[str, bytes]]:
    """The report as Markdown, and its charts as PNG files to write next to it: names
    `<image_prefix>-<chart>.png`, linked relatively."""
    files: dict[str, bytes] = {}
    out = [f"# {md_escape(report.title)}", "", md_escape(report.subtitle), ""]
    if report.byline:
        out += [f"*{md_escape(report.byline)}*", ""]
    numbers = paragraph_numbers(report)
    for notice in report.notices:
        out += [f"> {md_escape(notice)}", ""]
    for number, section in enumerate(report.sections, start=1):
        out += [f"## {number}. {md_escape(section.title)}", ""]
        for b_index, block in enumerate(section.blocks):
            text = _md_block(block, report.images, image_prefix, files)
            cited = numbers.get((number - 1, b_index))
            out += [f"{cited} {text}" if cited else text, ""]
    out.append(
        f"Calculated with bizcase {__version__} from "
        + ", ".join(f"`{f}`" for f in report.files)
        + "."
    )
    return "\n".join(out) + "\n", files


def _md_block(block: Block, images: dict[str, bytes], prefix: str, files: dict[str, bytes]) -> str:
    if isinstance(block, Heading):
        return f"### {md_escape(block.text)}"
    if isinstance(block, Paragraph):
        lead = f"**{md_escape(block.lead)}** " if block.lead else ""
        text = f"{lead}{md_escape(block.text)}"
        return f"*{text}*" if block.style == "small" else text
    if isinstance(block, Bullets):
        return "\n".join(f"- {md_escape(item)}" for item in block.items)
    if isinstance(block, Figure):
        name = f"{prefix}-{block.key}.png"
        files[name] = images[block.key]
        return f"![{md_escape(block.alt)}]({name})\n\n*{md_escape(block.caption)}*"
    header = [md_escape(h, pipe=False) for h in block.header]
    rows = []
    for number, row in enumerate(block.rows):
        cells = [md_escape(c, pipe=False) for c in row]
        if number in block.bold_rows:
            cells = [f"**{c}**" if c else c for c in cells]
        rows.append(cells)
    table = markdown_table(header, rows, block.align).rstrip("\n")
    return f"**{md_escape(block.caption)}**\n\n{table}"
