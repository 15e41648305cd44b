"""The report as a single self-contained HTML page."""

from __future__ import annotations

import base64
import html
from importlib import resources

from bizcase import __version__
from bizcase.render.report.document import (
    Block,
    Bullets,
    Figure,
    Heading,
    Paragraph,
    Report,
    Table,
    paragraph_numbers,
)


def _css() -> str:
    return resources.files("bizcase.render").joinpath("templates/report.css").read_text("utf-8")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def report_html(report: Report) -> str:
    """A single self-contained page: charts embedded as PNG data, styles inline, no scripts
    and nothing fetched from elsewhere."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="bizcase {__version__}">',
        f"<title>{_e(report.title)}</title>",
        f"<style>\n{_css()}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="subtitle">{_e(report.subtitle)}</p>',
    ]
    if report.byline:
        out.append(f'<p class="byline">{_e(report.byline)}</p>')
    for notice in report.notices:
        out.append(f'<p class="notice">{_e(notice)}</p>')
    out.append('<nav aria-label="Contents"><ol>')
    for section in report.sections:
        out.append(f'<li><a href="#{section.id}">{_e(section.title)}</a></li>')
    out += ["</ol></nav>", "</header>", "<main>"]
    numbers = paragraph_numbers(report)
    for number, section in enumerate(report.sections, start=1):
        out.append(f'<section id="{section.id}">')
        out.append(f"<h2>{number}. {_e(section.title)}</h2>")
        for b_index, block in enumerate(section.blocks):
            cited = numbers.get((number - 1, b_index))
            text = _html_block(block, report.images)
            if cited:
                text = text.replace("<p>", f'<p><span class="para">{cited}</span> ', 1)
            out.append(text)
        out.append("</section>")
    out += [
        "</main>",
        "<footer>",
        f"<p>Calculated with bizcase {__version__} from "
        + ", ".join(f"<code>{_e(f)}</code>" for f in report.files)
        + ".</p>",
        "</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


def _html_block(block: Block, images: dict[str, bytes]) -> str:
    if isinstance(block, Heading):
        return f"<h3>{_e(block.text)}</h3>"
    if isinstance(block, Paragraph):
        lead = f"<strong>{_e(block.lead)}</strong> " if block.lead else ""
        css = "" if block.style == "normal" else f' class="{block.style}"'
        return f"<p{css}>{lead}{_e(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Figure):
        data = base64.b64encode(images[block.key]).decode("ascii")
        return (
            f'<figure class="chart"><img src="data:image/png;base64,{data}" '
            f'alt="{_e(block.alt)}"><figcaption>{_e(block.caption)}</figcaption></figure>'
        )
    return _html_table(block)


def _html_table(table: Table) -> str:
    wide = len(table.header) > 8
    out = [f'<div class="table{" wide" if wide else ""}"><table>']
    out.append(f"<caption>{_e(table.caption)}</caption>")
    out.append("<thead><tr>")
    for text, align in zip(table.header, table.align, strict=True):
        out.append(f'<th scope="col" class="{align}">{_e(text)}</th>')
    out.append("</tr></thead><tbody>")
    for number, row in enumerate(table.rows):
        classes = []
        if number in table.bold_rows:
            classes.append("strong")
        if number in table.group_rows:
            classes.append("group")
        css = f' class="{" ".join(classes)}"' if classes else ""
        out.append(f"<tr{css}>")
        for column, (text, align) in enumerate(zip(row, table.align, strict=True)):
            tag = "th" if column == 0 else "td"
            scope = ' scope="row"' if column == 0 else ""
            out.append(f'<{tag}{scope} class="{align}">{_e(text)}</{tag}>')
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)
