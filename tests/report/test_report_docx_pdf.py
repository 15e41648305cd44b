"""The Word report opened by a real word processor: LibreOffice converts it (plain, and on a
council's template) to PDF; a page rendered to PNG is not blank, and the comparison table's
figures in the PDF's text are `compare --format json`'s. Skipped without LibreOffice Writer
or poppler (`pdftoppm`, `pdftotext`); `.ci/run` installs them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.report.conftest import ALLIANCE, JOINT, SOLO
from tests.report.docx_helpers import (
    COUNCIL_HEADER,
    assert_money,
    compare_json,
    council_template,
    docx,
    run,
)

TOOLS = {name: shutil.which(name) for name in ("soffice", "pdftoppm", "pdftotext")}
pytestmark = pytest.mark.skipif(
    None in TOOLS.values(),
    reason="needs LibreOffice (soffice) and poppler-utils (pdftoppm, pdftotext)",
)
MONEY = r"\(?£[\d,.]+m?\)?"


def to_pdf(documents: list[Path], folder: Path) -> list[Path]:
    """The documents converted by LibreOffice in one run, with a profile of its own."""
    command = [
        str(TOOLS["soffice"]),
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        *map(str, documents),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    pdfs = [folder / f"{document.stem}.pdf" for document in documents]
    if not all(pdf.exists() for pdf in pdfs) and not _writer_works(folder):
        pytest.skip("LibreOffice Writer is not installed (soffice cannot open a .docx)")
    assert all(pdf.exists() for pdf in pdfs), done.stdout + done.stderr
    return pdfs


def _writer_works(folder: Path) -> bool:
    """Whether LibreOffice converts a one-line document: if not, Writer is missing (as when
    only Calc is installed), and the report is not to blame."""
    probe = folder / "probe" / "probe.docx"
    probe.parent.mkdir()
    document = docx.Document()
    document.add_paragraph("probe")
    document.save(str(probe))
    command = [
        str(TOOLS["soffice"]),
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(probe.parent),
        str(probe),
    ]
    subprocess.run(command, capture_output=True, timeout=300)
    return (probe.parent / "probe.pdf").exists()


def pdf_text(pdf: Path) -> str:
    command = [str(TOOLS["pdftotext"]), "-layout", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    plain, council = folder / "plain.docx", folder / "council.docx"
    run("report", JOINT, SOLO, ALLIANCE, "-o", str(plain))
    template = council_template(folder / "template.dotx")
    run("report", JOINT, SOLO, "--no-risk", "-o", str(council), "--template", str(template))
    converted = to_pdf([plain, council], folder)
    return dict(zip(("plain", "council"), converted, strict=True))


def test_first_page_renders_and_is_not_blank(pdfs: dict[str, Path], tmp_path: Path) -> None:
    image = pytest.importorskip("PIL.Image")
    prefix = tmp_path / "page"
    command = [str(TOOLS["pdftoppm"]), "-png", "-r", "50", "-f", "1", "-l", "1"]
    subprocess.run([*command, str(pdfs["plain"]), str(prefix)], check=True, timeout=120)
    [png] = tmp_path.glob("page*.png")
    with image.open(png) as page:
        grey = page.convert("L")
        width, height = grey.size
        assert 0.65 < width / height < 0.75  # A4, portrait
        histogram = grey.histogram()
    inked = sum(histogram[:160]) / (width * height)
    assert 0.01 < inked < 0.5, f"{inked:.1%} of the page is ink"


def test_pdf_has_every_section_and_page_numbers(pdfs: dict[str, Path]) -> None:
    text = pdf_text(pdfs["plain"])
    for title in ("1. Options considered", "3. Comparison of options", "5. Assumptions"):
        assert title in text
    pages = text.count("\f")
    assert pages >= 4
    assert f"Page 2 of {pages}" in " ".join(text.split())


def test_pdf_figures_are_compares(pdfs: dict[str, Path]) -> None:
    figures = compare_json(JOINT, SOLO, ALLIANCE)["options"]
    lines = pdf_text(pdfs["plain"]).splitlines()
    for label, key in (("NPV", "npv"), ("One-off costs, total", "total_one_off_costs")):
        [line] = [line for line in lines if re.match(rf"\s*{re.escape(label)}\s+£", line)]
        shown = re.findall(MONEY, line)
        assert len(shown) == 3, line
        for text, option in zip(shown, figures, strict=True):
            assert_money(text, option["partners"]["ssdc"][key])


def test_pdf_on_the_council_template(pdfs: dict[str, Path]) -> None:
    text = pdf_text(pdfs["council"])
    assert text.count(COUNCIL_HEADER) == text.count("\f")  # the header on every page
    assert "1. Options considered" in text
    assert "Replace this text" not in text
