"""`compare --baseline`: every figure also as a difference from the baseline option, worked
out by hand on two small options."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bizcase.cli import app
from tests.conftest import CLEAN_ENV


def option(name: str, annual: str, cost: str, cost_year: str) -> str:
    """One council, 3 years from 2020/21 at 0%, a £100k gap; a saving each year from the
    first and a one-off cost."""
    return textwrap.dedent(
        f"""\
        name: {name}
        kind: solo
        start: 2020/21
        years: 3
        discount_rate: 0%
        partners:
          - {{id: a, name: Council A, budget_gap: £100k}}
        savings:
          - {{name: Saving, annual: {annual}}}
        one_off_costs:
          - {{name: Set-up, amount: {cost}, year: {cost_year}}}
        """
    )


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    """base: NPV 3 x £100k - £150k = £150k; pays back in 2021/22 (cumulative -£50k, +£50k);
    coverage 100%. other: 3 x £80k - £40k = £200k; pays back in 2020/21 (+£40k); coverage 80%.
    other - base: NPV +£50k, payback year -1, coverage -20 points, remaining gap +£20k."""
    paths = []
    for stem, text in (
        ("base", option("Base", "£100k", "£150k", "2020/21")),
        ("other", option("Other", "£80k", "£40k", "2020/21")),
    ):
        path = tmp_path / f"{stem}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def invoke(*args: str) -> Result:
    return CliRunner(env=CLEAN_ENV).invoke(app, list(args))


def test_json_differences(files: list[str]) -> None:
    result = invoke("compare", files[1], "--baseline", files[0], "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["baseline"] == files[0]
    assert [o["name"] for o in document["options"]] == ["Base", "Other"]  # baseline first
    base, other = (o["vs_baseline"]["a"] for o in document["options"])
    assert base["npv"] == 0.0 and base["payback_year"] == 0.0
    assert other["npv"] == pytest.approx(50_000)
    assert other["payback_year"] == -1.0
    assert other["coverage"] == pytest.approx(-0.2)
    assert other["remaining_gap"] == pytest.approx(20_000)
    assert other["gap_closed_year"] is None  # other never closes its gap
    assert "gap_status" not in other  # words have no difference


def test_table_and_markdown_show_the_differences(files: list[str]) -> None:
    for fmt in ("table", "md"):
        result = invoke("compare", *files, "--baseline", files[0], "-f", fmt)
        assert result.exit_code == 0, result.output
        assert "vs baseline" in result.stdout
        for text in ("+£50,000", "-1 year", "-20.0 pts", "+£20,000"):
            assert text in result.stdout, (fmt, text)


def test_without_baseline_nothing_changes(files: list[str]) -> None:
    result = invoke("compare", *files, "--format", "json")
    assert "vs_baseline" not in result.stdout and '"baseline"' not in result.stdout


def test_baseline_with_csv_is_refused(files: list[str]) -> None:
    result = invoke("compare", *files, "--baseline", files[0], "--format", "csv")
    assert result.exit_code == 2 and "--baseline" in result.stderr
