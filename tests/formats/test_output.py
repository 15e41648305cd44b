"""`--output`: every format of run, compare and the risk commands can go to a file, written
whole or not at all and never over an input; xlsx needs one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Invoke, Write

BAD = """\
    name: Broken
    start: 2016/17
    years: 0
    partners:
      - {id: a, name: A}
    """


@pytest.mark.parametrize("output_format", ["table", "json", "csv", "md", "xlsx"])
def test_run_output_writes_the_file_and_nothing_to_stdout(
    invoke: Invoke, three_way: str, tmp_path: Path, output_format: str
) -> None:
    target = tmp_path / f"out.{output_format}"
    result = invoke("run", three_way, "--format", output_format, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    data = target.read_bytes()
    if output_format == "xlsx":
        assert data.startswith(b"PK")
        return
    text = data.decode("utf-8")
    assert "\x1b[" not in text  # no colour codes in a file
    if output_format != "table":
        assert text == invoke("run", three_way, "--format", output_format).stdout
    else:
        assert "Council A (a)" in text and "£100" in text
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_compare_md_output(invoke: Invoke, three_way: str, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = invoke("compare", three_way, three_way, "-f", "md", "-o", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("### Council A (a)\n") and "### Council C (c)\n" in text


@pytest.mark.parametrize(
    "command", [["sensitivity", "-f", "csv"], ["switching", "-f", "md"], ["simulate", "-n", "5"]]
)
def test_risk_commands_output(
    invoke: Invoke, three_way: str, tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / "risk.out"
    result = invoke(command[0], three_way, *command[1:], "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.stat().st_size > 0


def test_xlsx_without_output_exits_2(invoke: Invoke, three_way: str) -> None:
    for command in ("run", "compare"):
        result = invoke(command, three_way, "--format", "xlsx")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "--format xlsx: a workbook needs a file: add --output FILE.xlsx" in result.stderr


@pytest.mark.parametrize("output_format", ["json", "csv", "xlsx"])
def test_failing_run_leaves_no_file(
    invoke: Invoke, write: Write, tmp_path: Path, output_format: str
) -> None:
    bad = write("bad.yaml", BAD)
    target = tmp_path / "out.file"
    result = invoke("run", bad, "--format", output_format, "--output", str(target))
    assert result.exit_code == 2
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_failing_compare_keeps_the_old_file(
    invoke: Invoke, write: Write, three_way: str, tmp_path: Path
) -> None:
    bad = write("bad.yaml", BAD)
    target = tmp_path / "options.csv"
    target.write_text("previous results\n")
    result = invoke("compare", three_way, bad, "--format", "csv", "--output", str(target))
    assert result.exit_code == 2
    assert target.read_text() == "previous results\n"


def test_a_failed_write_leaves_nothing_half_written(
    invoke: Invoke, three_way: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def refuse(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = invoke("run", three_way, "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "No space left on device" in result.stderr
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx", "three-way.yaml"]


@pytest.mark.parametrize("command", ["run", "compare", "sensitivity"])
def test_output_refuses_to_overwrite_an_input(invoke: Invoke, three_way: str, command: str) -> None:
    before = Path(three_way).read_text()
    result = invoke(command, three_way, "--format", "csv", "--output", three_way)
    assert result.exit_code == 2
    assert f"{three_way} is an input file" in result.stderr
    assert Path(three_way).read_text() == before


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["compare", "--help"]])
def test_help_does_not_import_xlsxwriter(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from bizcase.cli import main\n"
        f"sys.argv = ['bizcase', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str('xlsxwriter' in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stderr.strip() == "False"
    assert "Usage: bizcase" in result.stdout
