"""The financial section of a committee report, as a self-contained HTML page, Markdown or
a Word document.

The report is built once as a small document (sections of headings, paragraphs, tables and
figures) from the options' results and, unless asked not to, their sensitivity, switching
values and simulation; the HTML, Markdown and Word renderers only lay that document out. So
all three formats say the same thing, and every figure in the words comes from the same
numbers as the tables (`bizcase run` and `compare`). The Word renderer imports python-docx
only when it is called.

Text from scenario files (names, descriptions, notes) is escaped for the format: a name
such as `North & West <draft>` prints as written.
"""

from bizcase.render.report.build import build_report
from bizcase.render.report.document import (
    Block,
    Bullets,
    Figure,
    Heading,
    Paragraph,
    Report,
    Section,
    Table,
)
from bizcase.render.report.docx import report_docx
from bizcase.render.report.html import report_html
from bizcase.render.report.labels import view_heading, view_label
from bizcase.render.report.markdown import report_markdown
from bizcase.render.report.prose import implication_sentences, one_off_phrase
from bizcase.render.text import md_escape

__all__ = [
    "Block",
    "Bullets",
    "Figure",
    "Heading",
    "Paragraph",
    "Report",
    "Section",
    "Table",
    "build_report",
    "implication_sentences",
    "md_escape",
    "one_off_phrase",
    "report_docx",
    "report_html",
    "report_markdown",
    "view_heading",
    "view_label",
]
