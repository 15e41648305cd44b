"""Where the Word report starts: a council's own template (a .docx or .dotx, its text
cleared, its styles, headers, footers and margins kept), or a plain A4 document.

python-docx is an optional extra (`bizcase[report]`), imported only when a .docx is
written, so `bizcase --help` stays fast and the other formats work without it.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from bizcase.problems import InputError, MissingExtra, Problem

if TYPE_CHECKING:
    from docx.document import Document

INSTALL = (
    "writing .docx needs the python-docx library: from the bizcase folder, "
    "`.venv/bin/pip install '.[report]'` (or `pip install python-docx`)"
)
CONTENT_TYPES = "[Content_Types].xml"
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def require_python_docx() -> None:
    """Exit status 2 with how to install python-docx, before anything is calculated."""
    try:
        import docx  # noqa: F401
    except ImportError:
        raise MissingExtra("--output", INSTALL) from None


def open_template(data: bytes, name: str) -> Document:
    """The council's template as a document to write the report into: its body text
    removed (the report replaces it), its last section's page setup, headers and footers
    kept. A Word template (.dotx) is opened as a document made from it."""
    from docx import Document as open_document
    from docx.oxml.ns import qn

    try:
        document = open_document(io.BytesIO(_as_document(data)))
    except Exception as exc:  # any failure to read it means it is not a usable Word file
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        message = f"{name} is not a Word document or template (.docx, .dotx): {detail}"
        raise InputError([Problem("--template", message)]) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _as_document(data: bytes) -> bytes:
    """A .dotx differs from a .docx only in its main part's content type: swap it, so
    python-docx opens it as the document Word would make from the template."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            types = source.read(CONTENT_TYPES)
            if TEMPLATE_TYPE not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for item in source.infolist():
                    content = source.read(item.filename)
                    if item.filename == CONTENT_TYPES:
                        content = types.replace(TEMPLATE_TYPE, DOCUMENT_TYPE)
                    target.writestr(item, content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return data  # python-docx says what is wrong with it


def plain_document() -> Document:
    """python-docx's default document set up as a UK council paper: A4, 2.5 cm margins,
    Arial (Liberation Sans where Arial is missing), British English."""
    from docx import Document as new_document
    from docx.shared import Cm, Pt

    from bizcase.render.report.docx_ooxml import set_language, use_font

    document = new_document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
    use_font(document.styles.element, "Arial")
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    set_language(normal, "en-GB")
    return document
