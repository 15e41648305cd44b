"""The report as a Word document: the same document as the HTML and Markdown reports, laid
out in Word's own heading, caption, list and table styles so that it drops into a council's
template and its contents list; real tables (header row repeated on each page, money
right-aligned), the charts as pictures with alt text, and page numbers in the footer."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph as WordParagraph

    from bizcase.render.report.docx_styles import Styles

HANGING_CM = 1.25
"""The indent of a numbered paragraph's text, its number hanging to the left of it."""
FIGURE_WIDTH_CM = 16.0


def report_docx(report: Report, template: Document | None = None) -> tuple[bytes, list[str]]:
    """The report as .docx bytes, built on `template` (see `docx_template.open_template`)
    or a plain A4 document; and notices about the template (the styles it lacked)."""
    from bizcase.render.report.docx_styles import missing_notice, resolve_styles
    from bizcase.render.report.docx_template import plain_document

    document = template if template is not None else plain_document()
    styles = resolve_styles(document, _roles(report))
    _Writer(document, styles, report).write()
    _properties(document, report)
    out = io.BytesIO()
    document.save(out)
    notice = missing_notice(styles)
    return out.getvalue(), [notice] if notice else []


def _roles(report: Report) -> set[str]:
    """The styles the report needs: those of the blocks it has, and always its title,
    headings and body text."""
    roles = {"title", "subtitle", "section", "body"}
    if report.notices:
        roles.add("notice")
    for block in (block for section in report.sections for block in section.blocks):
        if isinstance(block, Heading):
            roles.add("heading")
        elif isinstance(block, Paragraph) and block.style == "note":
            roles.add("note")
        elif isinstance(block, Bullets):
            roles.add("bullet")
        elif isinstance(block, Table):
            roles |= {"caption", "table"}
        elif isinstance(block, Figure):
            roles.add("caption")
    return roles


def _properties(document: Document, report: Report) -> None:
    """The file's title and subject; no author or dates left over from a template."""
    import datetime

    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.subtitle
    properties.comments = f"Calculated with bizcase {__version__}"
    properties.author = properties.last_modified_by = properties.keywords = ""
    properties.created = properties.modified = datetime.datetime.now(datetime.UTC)
    properties.revision = 1


class _Writer:
    """Writes the report's blocks into the document, one style per role."""

    def __init__(self, document: Document, styles: Styles, report: Report) -> None:
        from bizcase.render.report.docx_tables import usable_width

        self.document = document
        self.styles = styles
        self.report = report
        self.width = usable_width(document)

    def write(self) -> None:
        report, names = self.report, self.styles.names
        self.document.add_paragraph(report.title, names["title"])
        self.document.add_paragraph(report.subtitle, names["subtitle"])
        if report.byline:
            self.document.add_paragraph().add_run(report.byline).italic = True
        for notice in report.notices:
            self.document.add_paragraph(notice, names["notice"])
        numbers = paragraph_numbers(report)
        for s_index, section in enumerate(report.sections):
            self.document.add_paragraph(f"{s_index + 1}. {section.title}", names["section"])
            for b_index, block in enumerate(section.blocks):
                self._block(block, numbers.get((s_index, b_index)))
        self._small(
            f"Calculated with bizcase {__version__} from {', '.join(report.files)}.",
        )
        self._page_numbers()

    def _block(self, block: Block, number: str | None) -> None:
        names = self.styles.names
        if isinstance(block, Heading):
            self.document.add_paragraph(block.text, names["heading"])
        elif isinstance(block, Paragraph):
            self._paragraph(block, number)
        elif isinstance(block, Bullets):
            for item in block.items:
                text = item if self.styles.numbered_bullets else f"\u2022\t{item}"
                self.document.add_paragraph(text, names["bullet"])
        elif isinstance(block, Figure):
            self._figure(block)
        else:
            self._table(block)

    def _paragraph(self, block: Paragraph, number: str | None) -> None:
        if block.style == "small":
            self._small(block.text, block.lead)
            return
        role = "note" if block.style == "note" else "body"
        paragraph = self.document.add_paragraph(style=self.styles.names[role])
        if number:
            from docx.shared import Cm

            paragraph.paragraph_format.left_indent = Cm(HANGING_CM)
            paragraph.paragraph_format.first_line_indent = Cm(-HANGING_CM)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(HANGING_CM))
            paragraph.add_run(f"{number}\t").bold = True
        self._text(paragraph, block.text, block.lead)

    def _small(self, text: str, lead: str | None = None) -> None:
        from docx.shared import Pt, RGBColor

        paragraph = self.document.add_paragraph(style=self.styles.names["body"])
        self._text(paragraph, text, lead)
        for run in paragraph.runs:
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    @staticmethod
    def _text(paragraph: WordParagraph, text: str, lead: str | None) -> None:
        if lead:
            paragraph.add_run(f"{lead} ").bold = True
        paragraph.add_run(text)

    def _figure(self, figure: Figure) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        from bizcase.render.report.docx_ooxml import set_alt_text

        width = min(self.width, Cm(FIGURE_WIDTH_CM))
        picture = io.BytesIO(self.report.images[figure.key])
        shape = self.document.add_picture(picture, width=width)
        set_alt_text(shape, figure.key, figure.alt)
        holder = self.document.paragraphs[-1]
        holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
        holder.paragraph_format.keep_with_next = True
        self.document.add_paragraph(figure.caption, self.styles.names["caption"])

    def _table(self, table: Table) -> None:
        from bizcase.render.report.docx_tables import add_table

        caption = self.document.add_paragraph(table.caption, self.styles.names["caption"])
        caption.paragraph_format.keep_with_next = True
        add_table(self.document, table, self.styles.names["table"], self.width)
        self.document.add_paragraph(style=self.styles.names["body"])  # space after it

    def _page_numbers(self) -> None:
        """`Page 2 of 7` in the footer, unless the template's footer numbers its pages."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        from bizcase.render.report.docx_ooxml import add_field, has_page_number

        footer = self.document.sections[-1].footer
        if has_page_number(footer):
            return
        last = footer.paragraphs[-1] if footer.paragraphs else None
        paragraph = last if last is not None and not last.runs else footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("Page ")
        add_field(paragraph, "PAGE", "1")
        paragraph.add_run(" of ")
        add_field(paragraph, "NUMPAGES", "1")
