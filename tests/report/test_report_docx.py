"""The committee report in Word, read back with python-docx: Word's heading styles, citable
paragraph numbers, real tables whose figures are `compare --format json`'s, header rows
repeated across pages, money right-aligned, charts with alt text, page numbers; and the
command's refusals."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from bizcase.render import charts
from tests.conftest import Invoke
from tests.report.conftest import ALLIANCE, JOINT, SOLO
from tests.report.docx_helpers import (
    assert_money,
    cell_texts,
    compare_json,
    docx,
    open_docx,
    run,
    tables_by_caption,
    xml_of,
)

SECTIONS = (
    "1. Options considered",
    "2. Financial implications",
    "3. Comparison of options",
    "4. Sensitivity and switching values",
    "5. Assumptions",
)
SSDC = "South Somerset District Council"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BY_YEAR = {
    "Savings": "savings",
    "Income": "income",
    "Recurring costs": "costs",
    "Net recurring saving": "net_recurring",
    "Budget gap": "gap",
    "Remaining gap": "remaining_gap",
    "One-off costs": "one_off_costs",
    "Net (cash)": "net",
    "Cumulative net": "cumulative_net",
}
COMPARED_MONEY = {
    "Savings, final year": lambda v: v["savings"][-1],
    "Net recurring saving, final year": lambda v: v["net_recurring"][-1],
    "One-off costs, total": lambda v: v["total_one_off_costs"],
    "Net over the horizon": lambda v: v["total_net"],
    "NPV": lambda v: v["npv"],
    "Budget gap, final year": lambda v: v["gap"][-1],
    "Remaining gap, final year": lambda v: v["remaining_gap"][-1],
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("word") / "report.docx"
    result = run("report", JOINT, SOLO, ALLIANCE, "-o", str(path), "--date", "1 March 2016")
    assert f"wrote {path}" in result.stderr
    return path


@pytest.fixture(scope="module")
def document(written: Path) -> Any:
    return open_docx(written)


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    return compare_json(JOINT, SOLO, ALLIANCE)


def styled(document: Any, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_headings_are_word_heading_styles(document: Any) -> None:
    assert styled(document, "Title") == ["Financial appraisal of the options"]
    assert styled(document, "Heading 1") == list(SECTIONS)
    subheadings = styled(document, "Heading 2")
    assert f"For {SSDC}" in subheadings and SSDC in subheadings
    assert "Joint Authority (SSDC and SDC)" in subheadings
    assert "1 March 2016" in [p.text for p in document.paragraphs]


def test_body_paragraphs_are_numbered_for_citing(document: Any) -> None:
    cited = [p.text for p in document.paragraphs if p.text[:1].isdigit() and "\t" in p.text]
    numbers = [text.split("\t")[0] for text in cited]
    assert numbers[:4] == ["1.1", "2.1", "2.2", "2.3"]
    assert len(numbers) == len(set(numbers))
    implication = next(p for p in document.paragraphs if p.text.startswith("2.1\t"))
    assert implication.runs[0].bold and implication.runs[0].text == "2.1\t"
    assert "gives South Somerset District Council £1.20m a year by 2020/21" in implication.text


def test_comparison_table_shows_compare_figures(document: Any, figures: dict[str, Any]) -> None:
    table = tables_by_caption(document)[f"Comparison of options: {SSDC}"]
    rows = cell_texts(table)
    options = figures["options"]
    assert rows[0][1:] == [f"{o['name']} ({o['kind']})" for o in options]
    labels = [row[0] for row in rows[1:]]
    assert {"NPV", "Remaining gap, final year", "Payback year", "Benefit-cost ratio"} <= set(labels)
    for row in rows[1:]:
        label, shown = row[0], row[1:]
        for text, option in zip(shown, options, strict=True):
            view = option["partners"]["ssdc"]
            if label in COMPARED_MONEY:
                assert_money(text, COMPARED_MONEY[label](view))
            elif label == "Payback year":
                assert text == view["payback_year"]
            elif label == "Benefit-cost ratio":
                assert abs(float(text) - view["bcr"]) <= 0.005
            elif label == "Coverage of final-year gap":
                assert text == f"{view['coverage']:.0%}"
    assert [row[1:] for row in rows if row[0] == "NPV"] == [["£2.16m", "£9.95m", "£655,772"]]


def test_year_by_year_table_shows_compare_series(document: Any, figures: dict[str, Any]) -> None:
    table = tables_by_caption(document)[f"Year by year: {SSDC}"]
    rows = cell_texts(table)
    by_name = {option["name"]: option for option in figures["options"]}
    assert rows[0][2:] == by_name["Joint Authority (SSDC and SDC)"]["years"]
    checked = 0
    option = None
    for row in rows[1:]:
        option = by_name[row[0]] if row[0] else option
        assert option is not None
        series = option["partners"]["ssdc"][BY_YEAR[row[1]]]
        for text, exact in zip(row[2:], series, strict=True):
            assert_money(text, exact)
            checked += 1
    assert checked == 3 * 9 * 5


def test_tables_repeat_their_header_row_and_align_money_right(document: Any) -> None:
    right = docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert len(document.tables) >= 10
    for table in document.tables:
        header, *body = table.rows
        assert header._tr.trPr.find(f"{W}tblHeader") is not None
        assert all(row._tr.trPr.find(f"{W}tblHeader") is None for row in body)
        assert all(row._tr.trPr.find(f"{W}cantSplit") is not None for row in table.rows)
        assert table.style.name == "Table Grid"
    table = tables_by_caption(document)[f"Comparison of options: {SSDC}"]
    npv = next(row for row in table.rows if row.cells[0].text == "NPV")
    assert npv.cells[0].paragraphs[0].alignment is None  # labels to the left
    assert [cell.paragraphs[0].alignment for cell in npv.cells[1:]] == [right] * 3
    assert all(run.bold for cell in npv.cells for run in cell.paragraphs[0].runs)
    savings = next(row for row in table.rows if row.cells[0].text == "Savings, final year")
    assert not any(run.bold for cell in savings.cells for run in cell.paragraphs[0].runs)


def test_groups_of_rows_have_a_rule_above(document: Any) -> None:
    table = tables_by_caption(document)[f"Year by year: {SSDC}"]
    ruled = [
        row.cells[0].text
        for row in table.rows
        if row.cells[0]._tc.find(f"{W}tcPr/{W}tcBorders/{W}top") is not None
    ]
    assert ruled == ["Solo transformation (SSDC)", "Strategic Alliance (SSDC and SDC)"]


@pytest.mark.skipif(not charts.charts_available(), reason="no matplotlib")
def test_charts_are_pictures_with_alt_text(document: Any) -> None:
    pictures = document.inline_shapes
    assert len(pictures) == 4  # one overview for SSDC, one tornado per option
    described = [xml_of(p._inline.docPr) for p in pictures]
    alts = [p._inline.docPr.get("descr") for p in pictures]
    assert alts[0].startswith(f"Charts for {SSDC}: net recurring saving")
    assert all(alt and len(alt) > 40 for alt in alts), described
    for picture in pictures:
        embedded = picture._inline.graphic.graphicData.pic.blipFill.blip.embed
        assert document.part.related_parts[embedded].blob[:8] == b"\x89PNG\r\n\x1a\n"
        assert picture.width <= docx.shared.Cm(16.01)


def test_footer_numbers_the_pages(document: Any) -> None:
    footer = xml_of(document.sections[-1].footer._element)
    assert "Page " in footer and " PAGE " in footer and " NUMPAGES " in footer


def test_a4_british_and_titled(document: Any) -> None:
    section = document.sections[-1]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert document.core_properties.title == "Financial appraisal of the options"
    assert document.core_properties.author == ""
    assert 'w:val="en-GB"' in xml_of(document.styles["Normal"].element)


def test_names_from_files_are_text(invoke: Invoke, risky: str, tmp_path: Path) -> None:
    out = tmp_path / "risky.docx"
    result = invoke("report", risky, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in open_docx(out).paragraphs)
    assert "North & West <draft> option" in text
    assert "Savings from the <senior team> & integrated teams are uncertain" in text


def test_without_python_docx(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx raises ImportError
    out = tmp_path / "report.docx"
    result = invoke("report", JOINT, "-o", str(out), "--no-risk")
    assert result.exit_code == 2
    assert "writing .docx needs the python-docx library" in result.stderr
    assert "pip install '.[report]'" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_template_refusals(invoke: Invoke, tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    result = invoke("report", JOINT, "-o", str(html), "--template", JOINT)
    assert result.exit_code == 2 and "is for a .docx report" in result.stderr
    out = tmp_path / "r.docx"
    result = invoke("report", JOINT, "-o", str(out), "--template", JOINT)
    assert result.exit_code == 2
    assert "is not a Word document or template (.docx, .dotx)" in result.stderr
    result = invoke("report", JOINT, "-o", str(out), "--template", str(tmp_path / "none.docx"))
    assert result.exit_code == 2 and "cannot read the template" in result.stderr
    assert not out.exists() and not html.exists()


def test_never_writes_over_its_template(invoke: Invoke, tmp_path: Path) -> None:
    template = tmp_path / "council.docx"
    docx.Document().save(str(template))
    before = template.read_bytes()
    result = invoke("report", JOINT, "--no-risk", "-o", str(template), "--template", str(template))
    assert result.exit_code == 2, result.output
    assert template.read_bytes() == before
