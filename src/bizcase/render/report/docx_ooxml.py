"""The few pieces of WordprocessingML the Word report needs that python-docx has no API for:
a header row repeated on every page, rows kept whole, a rule above a group of rows, page
number fields, alt text on a picture and the document's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import _Footer
    from docx.shape import InlineShape
    from docx.styles.style import BaseStyle
    from docx.table import _Cell, _Row
    from docx.text.paragraph import Paragraph


def repeat_as_header(row: _Row) -> None:
    """Word repeats a row marked `tblHeader` at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_row_whole(row: _Row) -> None:
    """A row is never split across two pages (`cantSplit`): a figure stays with its label."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def rule_above(cell: _Cell) -> None:
    """A line above the cell, for the first row of a group (as the HTML report draws it)."""
    properties = cell._tc.get_or_add_tcPr()
    borders = properties.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        properties.append(borders)
    top = OxmlElement("w:top")
    for name, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "0")):
        top.set(qn(name), value)
    top.set(qn("w:color"), "auto")
    borders.append(top)


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A field Word and LibreOffice compute when they lay the page out (`PAGE`, `NUMPAGES`);
    `shown` stands in until then."""
    for kind in ("begin", None, "separate", "text", "end"):
        run = paragraph.add_run()._r
        if kind is None:
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run.append(text)
        elif kind == "text":
            run.append(_text(shown))
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)


def _text(value: str) -> BaseOxmlElement:
    element = OxmlElement("w:t")
    element.text = value
    return element


def has_page_number(footer: _Footer) -> bool:
    """Whether a template's footer already numbers its pages (a PAGE field, simple or not)."""
    element = footer._element
    instructions = [node.text or "" for node in element.iter(qn("w:instrText"))]
    instructions += [node.get(qn("w:instr"), "") for node in element.iter(qn("w:fldSimple"))]
    return any("PAGE" in text.split() for text in instructions)


def set_alt_text(shape: InlineShape, name: str, alt: str) -> None:
    """The picture's description (`docPr descr`), which screen readers read and Word shows
    as its alt text."""
    properties = shape._inline.docPr
    properties.set("name", name)
    properties.set("descr", alt)


def set_language(style: BaseStyle, tag: str) -> None:
    """Spelling and grammar checked in `tag` (en-GB) for text in this style."""
    properties = style.element.get_or_add_rPr()
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), tag)


def use_font(styles: BaseOxmlElement, name: str) -> None:
    """Every style (and the defaults) in font `name` rather than the theme's: the default
    document's theme fonts are Calibri and Cambria, which a council paper does not use and
    LibreOffice would replace with a font of other widths."""
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attribute), name)
