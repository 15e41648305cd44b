"""A Word report built on a council's own template: its heading and table styles (found by
name, a renamed built-in style by its alias), margins and header are used, its placeholder
text is not, and the styles it lacks are named on stderr and taken from Word's built-ins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bizcase.render.report import Paragraph, Report, Section, report_docx
from tests.report.conftest import JOINT, SOLO
from tests.report.docx_helpers import (
    COUNCIL_HEADER,
    COUNCIL_PURPLE,
    PLACEHOLDER,
    council_template,
    docx,
    open_docx,
    run,
    tables_by_caption,
    xml_of,
)


@pytest.fixture(scope="module")
def templated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str]:
    folder = tmp_path_factory.mktemp("council")
    template = council_template(folder / "council.dotx")
    out = folder / "report.docx"
    result = run("report", JOINT, SOLO, "-o", str(out), "--template", str(template))
    return open_docx(out), result.stderr


def test_the_templates_styles_are_used(templated: tuple[Any, str]) -> None:
    document, _ = templated
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings][:2] == ["1. Options considered", "2. Financial implications"]
    style = document.styles["Heading 1"]
    assert str(style.font.color.rgb) == COUNCIL_PURPLE
    assert style.font.name == "Georgia" and style.font.size.pt == 20
    subheadings = [p.text for p in document.paragraphs if p.style.name.endswith("Subheading")]
    assert "For South Somerset District Council" in subheadings
    tables = tables_by_caption(document)
    assert "Comparison of options: South Somerset District Council" in tables
    assert {table.style.name for table in document.tables} == {"Table Grid"}
    assert document.styles["Table Grid"].font.name == "Courier New"


def test_the_templates_page_setup_and_header_are_kept(templated: tuple[Any, str]) -> None:
    document, _ = templated
    section = document.sections[-1]
    assert round(section.left_margin.cm, 2) == 4.2 and round(section.right_margin.cm, 2) == 1.8
    assert section.header.paragraphs[0].text == COUNCIL_HEADER
    assert PLACEHOLDER not in [p.text for p in document.paragraphs]
    assert document.paragraphs[0].text == "Financial appraisal of the options"
    assert " PAGE " in xml_of(section.footer._element)


def test_missing_styles_are_named_and_taken_from_word(templated: tuple[Any, str]) -> None:
    document, stderr = templated
    assert (
        "warning: the template has no styles Caption, Quote: Word's built-in ones used "
        "instead" in stderr
    )
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Options considered" in captions
    assert any(p.style.name == "Quote" for p in document.paragraphs)  # the notes


def test_a_footer_with_page_numbers_is_left_alone() -> None:
    template = docx.Document()
    footer = template.sections[0].footer.paragraphs[0]
    footer.text = "Borsetshire"
    field = docx.oxml.OxmlElement("w:fldSimple")
    field.set(docx.oxml.ns.qn("w:instr"), "PAGE \\* MERGEFORMAT")
    footer._p.append(field)
    report = Report("Title", "Subtitle", [Section("a", "A", [Paragraph("Words.")])])
    data, notices = report_docx(report, template)
    assert notices == []
    import io

    written = docx.Document(io.BytesIO(data))
    assert [p.text for p in written.sections[0].footer.paragraphs] == ["Borsetshire"]
    assert "NUMPAGES" not in xml_of(written.sections[0].footer._element)


def test_no_template_no_notice(tmp_path: Path) -> None:
    out = tmp_path / "plain.docx"
    result = run("report", JOINT, "--no-risk", "-o", str(out))
    assert "warning" not in result.stderr
