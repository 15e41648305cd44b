"""Reading a Word report back for the tests: its tables by caption, money as printed, and
`bizcase compare --format json` for the same files, the figures the tables must show."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bizcase.cli import app
from tests.conftest import CLEAN_ENV

docx = pytest.importorskip("docx")

MONEY = re.compile(r"^(\()?£([\d,]+(?:\.\d+)?)(m)?(\))?$")


def run(*args: str) -> Any:
    """`bizcase ARGS...` in-process, for module-scoped fixtures (the `invoke` fixture is
    per test)."""
    result = CliRunner(env=CLEAN_ENV).invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def compare_json(*files: str) -> dict[str, Any]:
    figures: dict[str, Any] = json.loads(run("compare", *files, "--format", "json").stdout)
    return figures


def money(text: str) -> tuple[float, float]:
    """`£2.16m`, `(£100,000)`, `-`: the amount, and how far it may be from the exact figure
    by rounding (half a unit of the last digit shown)."""
    if text == "-":
        return 0.0, 0.5
    found = MONEY.match(text)
    assert found, f"not money as the reports print it: {text!r}"
    value = float(found[2].replace(",", ""))
    decimals = len(found[2].partition(".")[2])
    scale = 1e6 if found[3] else 1.0
    sign = -1.0 if found[1] else 1.0
    return sign * value * scale, 0.5 * 10**-decimals * scale + 1e-6


def assert_money(text: str, exact: float) -> None:
    shown, within = money(text)
    assert abs(shown - exact) <= within, f"{text} shown for {exact}"


def open_docx(path: Path) -> Any:
    return docx.Document(str(path))


def tables_by_caption(document: Any) -> dict[str, Any]:
    """Each table with the caption paragraph just before it."""
    tables: dict[str, Any] = {}
    caption = None
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            assert caption is not None, "a table without a caption"
            tables[caption] = item
            caption = None
        else:
            caption = item.text if item.style.name == "Caption" else None
    return tables


def cell_texts(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def xml_of(element: Any) -> str:
    from lxml import etree

    return etree.tostring(element, encoding="unicode")


COUNCIL_PURPLE = "7B1FA2"
COUNCIL_HEADER = "Borsetshire District Council: Cabinet, 1 March 2016"
PLACEHOLDER = "Replace this text with the report"
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def council_template(path: Path) -> Path:
    """A council's Word template (.dotx), made as a council would make one: Heading 1 in its
    purple and Georgia, Heading 2 renamed by Word (`heading 2,Council Subheading`), its own
    table style, wide left margin, a header; no Caption or Quote style; placeholder text."""
    import zipfile

    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.color.rgb = RGBColor.from_string(COUNCIL_PURPLE)
    heading.font.size = Pt(20)
    heading.font.name = "Georgia"
    document.styles["Heading 2"].name = "heading 2,Council Subheading"
    document.styles["Table Grid"].font.name = "Courier New"
    for name in ("Caption", "Quote"):
        element = document.styles[name].element
        element.getparent().remove(element)
    section = document.sections[0]
    section.left_margin, section.right_margin = Cm(4.2), Cm(1.8)
    section.header.paragraphs[0].text = COUNCIL_HEADER
    document.add_paragraph(PLACEHOLDER)
    plain = path.with_suffix(".docx")
    document.save(str(plain))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(DOCUMENT_TYPE, TEMPLATE_TYPE)
            target.writestr(item, data)
    plain.unlink()
    return path
