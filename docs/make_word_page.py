"""Regenerate the README's picture of the Word report: `bizcase report ... -o report.docx`
for the bundled SSDC options, converted to PDF by LibreOffice and its first page rendered
by poppler, as a council officer would see it printed.

python docs/make_word_page.py    (needs soffice and pdftoppm)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE.parent / "scenarios"
FILES = ("ssdc-sdc-joint.yaml", "ssdc-solo.yaml", "ssdc-sdc-alliance.yaml")
OUT = HERE / "report-docx-page1.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        report = work / "report.docx"
        files = [str(SCENARIOS / name) for name in FILES]
        bizcase = [sys.executable, "-m", "bizcase", "report", *files, "-o", str(report)]
        subprocess.run([*bizcase, "--date", "1 March 2016"], check=True)
        soffice = shutil.which("soffice") or "soffice"
        profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
        convert = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", folder]
        subprocess.run([*convert, str(report)], check=True, capture_output=True)
        page = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*page, str(work / "report.pdf"), str(OUT.with_suffix(""))], check=True)
    print(f"wrote {OUT.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
