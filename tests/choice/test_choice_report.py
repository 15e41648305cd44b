"""The report's risk section compares several options simulated together."""

from __future__ import annotations

import re
from pathlib import Path

from tests.choice.test_choice_cli import files, invoke  # noqa: F401 (a fixture)


def test_report_says_how_often_each_option_is_better(files: list[str], tmp_path: Path) -> None:  # noqa: F811
    """Big beats Small in 54/68 = 79.4% of cases (test_joint); 10,000 draws: 4 SE = 1.6%."""
    out = tmp_path / "report.md"
    result = invoke("report", *files, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    found = re.findall(r"In (\d+)% of 10,000 simulated cases Big has the higher NPV for (.+)\.",
                       text)  # fmt: skip
    assert [where for _, where in found] == ["Council A", "Council B"]
    assert all(abs(int(p) - 79.4) <= 2 for p, _ in found)
    assert "| Big " in text and "Expected regret" in text


def test_no_comparison_for_one_option(files: list[str], tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "report.md"
    assert invoke("report", files[0], "-o", str(out)).exit_code == 0
    assert "simulated together" not in out.read_text(encoding="utf-8")
