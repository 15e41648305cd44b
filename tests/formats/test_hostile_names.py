"""Names from scenario files are data, never instructions: not formulas in a spreadsheet,
not HTML or markdown, not terminal escapes, not mathematics in a chart."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bizcase.render.text import csv_cell, md_escape
from tests.conftest import Invoke, Write

HOSTILE = """\
name: "=HYPERLINK(\\"http://x\\")"
start: 2016/17
years: 2
partners:
  - {id: a, name: "@SUM(1+1) <script>alert(1)</script> | pipe"}
  - {id: b, name: "$x^2$ council"}
savings:
  - {name: "+cmd", annual: 1000}
"""


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("a\rb", "a\\rb"),  # a bare CR would split the row in some readers
        ("-1234.50", "-1234.50"),  # money stays a number
        ("1e-05", "1e-05"),
        ("South Somerset", "South Somerset"),
    ],
)
def test_csv_cells_never_start_a_formula(cell: str, written: str) -> None:
    assert csv_cell(cell) == written


def test_run_csv_neutralises_formulas_in_names(invoke: Invoke, write: Write) -> None:
    result = invoke("run", write("hostile.yaml", HOSTILE), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert {row[0] for row in rows[1:]} == {'\'=HYPERLINK("http://x")'}
    names = {row[3] for row in rows[1:] if row[2] == "a"}
    assert names == {"'@SUM(1+1) <script>alert(1)</script> | pipe"}
    assert all(len(row) == len(rows[0]) for row in rows)


def test_run_markdown_escapes_html_and_pipes(invoke: Invoke, write: Write) -> None:
    result = invoke("run", write("hostile.yaml", HOSTILE), "--format", "md")
    assert result.exit_code == 0, result.output
    assert "<script>" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| pipe" in result.stdout


def test_md_escape_keeps_text_as_written() -> None:
    assert md_escape("North & West <draft> *v2*") == "North &amp; West &lt;draft&gt; \\*v2\\*"
    assert md_escape("bell\x07") == "bell\\\\x07"  # the escape, its backslash escaped


def test_control_characters_in_names_are_refused_and_not_echoed(
    invoke: Invoke, write: Write
) -> None:
    path = write("esc.yaml", HOSTILE.replace("+cmd", "bad\\e[31mred"))
    result = invoke("run", path)
    assert result.exit_code == 2
    assert "\x1b" not in result.output
    assert (
        f"{path}:8:12: savings[0].name: 'bad\\x1b[31mred' contains the control character "
        "U+001B (an escape code), which a name may not hold: remove it"
    ) in result.stderr


def test_a_carriage_return_in_a_name_is_refused(invoke: Invoke, write: Write) -> None:
    result = invoke("validate", write("cr.yaml", HOSTILE.replace("+cmd", "two\\rrows")))
    assert result.exit_code == 2
    assert "U+000D (a line break)" in result.stderr


def test_an_overlong_name_is_refused(invoke: Invoke, write: Write) -> None:
    result = invoke("validate", write("long.yaml", HOSTILE.replace("+cmd", "n" * 201)))
    assert result.exit_code == 2
    assert "the name is 201 characters long: keep names to 200" in result.stderr


def test_dollar_signs_in_names_do_not_break_charts(
    invoke: Invoke, write: Write, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "chart.png"
    result = invoke("chart", write("hostile.yaml", HOSTILE), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "name",
    ["'" + "a" * 29 + "'b", "a" * 30 + "'x", "[Q1]: a/b*c?", "''", "x" * 40, "History"],
)
def test_sheet_names_are_valid_for_excel(name: str) -> None:
    pytest.importorskip("xlsxwriter")
    from types import SimpleNamespace

    from bizcase.render.xlsx_out import RESERVED, sheet_names

    [sheet] = sheet_names([SimpleNamespace(name=name)])  # type: ignore[list-item]
    assert 1 <= len(sheet) <= 31
    assert not sheet.startswith("'") and not sheet.endswith("'")
    assert not set("[]:*?/\\") & set(sheet)
    assert sheet.lower() not in {r.lower() for r in RESERVED}
