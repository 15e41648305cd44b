"""The HTML report renders in a real browser: headless Chromium takes a screenshot and
prints it to PDF (one section per page)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from bizcase.appraisal.option import open_options
from bizcase.render.report import report_html
from tests.report.conftest import ALLIANCE, JOINT, SOLO, appraised_report

CHROMIUM = next(
    (
        p
        for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
        if p and Path(p).exists()
    ),
    None,
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def chromium(tmp_path: Path, *args: str) -> None:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    evaluated, _ = open_options([JOINT, SOLO, ALLIANCE])
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(report_html(appraised_report(evaluated)), encoding="utf-8")
    return path


def test_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 2000)
    assert len(data) > 50_000  # text and tables, not a blank page


def test_print_to_pdf(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 100_000  # the charts are in it
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 5  # each section starts a new page
