"""--output never destroys anything: not a file the run reads (extends bases included), not
a device or FIFO, not a symlink; failures to write are clear messages, never tracebacks."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from bizcase.io.output import write_atomically
from tests.conftest import Invoke

BASE = """\
name: Base option
start: 2016/17
years: 2
discount_rate: 0%
partners:
  - {id: a, name: Council A}
savings:
  - {name: Shared team, annual: 1000}
"""


@pytest.fixture
def child(tmp_path: Path) -> Path:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    path = tmp_path / "child.yaml"
    path.write_text("extends: base.yaml\nname: Child option\n", encoding="utf-8")
    return path


COMMANDS = [
    ("run", "--format", "json"),
    ("compare", "--format", "json"),
    ("sensitivity", "--format", "json"),
    ("switching", "--format", "json"),
    ("simulate", "--draws", "10", "--format", "json"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_output_over_an_extends_base_is_refused(
    invoke: Invoke, child: Path, command: tuple[str, ...]
) -> None:
    base = child.parent / "base.yaml"
    result = invoke(command[0], str(child), *command[1:], "--output", str(base))
    assert result.exit_code == 2, result.output
    assert base.read_text(encoding="utf-8") == BASE
    assert "is an input file" in result.stderr and "nothing was written" in result.stderr
    assert result.stdout == ""


def test_output_through_a_symlink_to_a_base_is_refused(invoke: Invoke, child: Path) -> None:
    link = child.parent / "link.json"
    link.symlink_to(child.parent / "base.yaml")
    result = invoke("run", str(child), "--format", "json", "--output", str(link))
    assert result.exit_code == 2
    assert (child.parent / "base.yaml").read_text(encoding="utf-8") == BASE
    assert link.is_symlink()


def test_report_through_a_symlink_to_a_base_is_refused(invoke: Invoke, child: Path) -> None:
    link = child.parent / "report.html"
    link.symlink_to(child.parent / "base.yaml")
    result = invoke("report", str(child), "--no-risk", "--output", str(link))
    assert result.exit_code == 2, result.output
    assert "is an input file" in result.stderr
    assert (child.parent / "base.yaml").read_text(encoding="utf-8") == BASE


def test_a_symlink_is_followed_and_kept(invoke: Invoke, child: Path) -> None:
    target = child.parent / "results.json"
    target.write_text("old", encoding="utf-8")
    link = child.parent / "latest.json"
    link.symlink_to(target.name)
    result = invoke("run", str(child), "--format", "json", "--output", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink(), "the link itself must never be replaced"
    assert target.read_text(encoding="utf-8").startswith("{")


def test_a_device_is_written_through_not_replaced(child: Path) -> None:
    before = os.stat(os.devnull)
    write_atomically(os.devnull, "anything", [str(child)])
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomically(str(fifo), "a,b\n", [])
    reader.join(timeout=10)
    assert received == [b"a,b\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_full_device_is_a_clear_error(invoke: Invoke, child: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    result = invoke("run", str(child), "--format", "json", "--output", "/dev/full")
    assert result.exit_code == 2
    assert "cannot write /dev/full: No space left on device" in result.stderr
    assert "internal error" not in result.output and "Traceback" not in result.output


def test_a_read_only_output_file_is_refused_and_kept(invoke: Invoke, child: Path) -> None:
    target = child.parent / "locked.json"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    result = invoke("run", str(child), "--format", "json", "--output", str(target))
    assert result.exit_code == 2
    assert "is read-only" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_stale_temporary_of_a_killed_write_is_cleaned(tmp_path: Path) -> None:
    # pid 2**22 + 1 is above Linux's default pid_max (4,194,304), so no live process has it
    stale = tmp_path / f".out.csv.{2**22 + 1}.abc123.bizcase-tmp"
    stale.write_text("half a file", encoding="utf-8")
    unrelated = tmp_path / ".out.csv.notours.tmp"
    unrelated.write_text("someone else's", encoding="utf-8")
    write_atomically(str(tmp_path / "out.csv"), "a\n", [])
    assert sorted(os.listdir(tmp_path)) == [".out.csv.notours.tmp", "out.csv"]


def test_stdout_on_a_full_disk_is_a_clear_error(tmp_path: Path, child: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    import subprocess
    import sys

    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "bizcase", "run", str(child), "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert "No space left on device" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_a_refused_markdown_report_leaves_no_chart_behind(invoke: Invoke, child: Path) -> None:
    pytest.importorskip("matplotlib")
    link = child.parent / "report.md"
    link.symlink_to(child.parent / "base.yaml")
    result = invoke("report", str(child), "--no-risk", "--output", str(link))
    assert result.exit_code == 2
    assert sorted(p.name for p in child.parent.glob("*.png")) == []
