"""`simulate` of several files, and `check`'s comparing metrics, through the CLI: exit
statuses, JSON keys, figures worked out by hand, and one file unchanged."""

from __future__ import annotations

import json
import math
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bizcase.cli import app
from tests.conftest import CLEAN_ENV

ROOT = Path(__file__).resolve().parents[2]


def option(name: str, annual: str, low: str, high: str, driver: str) -> str:
    """Two partners sharing a one-year saving equally at 0%: each partner's NPV is half of
    annual x (1 + change), the change uniform from low to high."""
    return textwrap.dedent(
        f"""\
        name: {name}
        kind: joint
        start: 2020/21
        years: 1
        discount_rate: 0%
        partners:
          - {{id: a, name: Council A, budget_gap: £10k}}
          - {{id: b, name: Council B}}
        savings:
          - name: Saving
            annual: {annual}
            uncertainty: {{low: {low}, high: {high}, distribution: uniform}}
            driver: {driver}
        """
    )


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    """big: £100k x (1 + U(-50%, 50%)); small: £80k x (1 + U(-20%, 20%)), the same driver.
    As in test_joint: big beats small in 54/68 = 79.4% of cases (whatever the partner, as
    each partner has half of both)."""
    paths = []
    for name, text in (
        ("big", option("Big", "£100k", "-50%", "50%", "d")),
        ("small", option("Small", "£80k", "-20%", "20%", "d")),
    ):
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def invoke(*args: str) -> Result:
    return CliRunner(env=CLEAN_ENV).invoke(app, list(args))


def test_json_of_two_options(files: list[str]) -> None:
    result = invoke("simulate", *files, "--draws", "40000", "--seed", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert list(document) == [
        "schema_version",
        "draws",
        "seed",
        "draws_asked",
        "precision",
        "options",
        "views",
    ]
    assert [o["name"] for o in document["options"]] == ["Big", "Small"]
    assert list(document["views"]) == ["a", "b"]  # the partners common to both
    view = document["views"]["a"]
    big, small = view["options"]
    assert big["p_best"] + small["p_best"] == pytest.approx(1.0)
    assert big["p_best"] == pytest.approx(54 / 68, abs=0.01)
    # P10 of a's NPV: half of £100k x (1 - 50% + 10%) = £30k
    assert big["npv"]["p10"] == pytest.approx(30_000, abs=300)
    assert "p_gap_closed" in big and "payback_year" in big
    (pair,) = view["pairs"]
    assert (pair["first"], pair["second"]) == tuple(files)
    assert pair["p_first_higher"] == pytest.approx(54 / 68, abs=0.01)
    # a's half of the difference: uniform on -£7k..£27k, median £10k
    assert pair["difference"]["p50"] == pytest.approx(10_000, abs=200)


def test_table_and_markdown_name_every_option(files: list[str]) -> None:
    for fmt in ("table", "md"):
        result = invoke("simulate", *files, "--draws", "2000", "--partner", "b", "-f", fmt)
        assert result.exit_code == 0, result.output
        assert "Big vs Small" in result.stdout
        assert "P(highest NPV)" in result.stdout
        assert "Council A" not in result.stdout  # --partner b only


def test_same_bytes_whatever_the_threads(files: list[str]) -> None:
    args = ("simulate", *files, "--draws", "20000", "--format", "json")
    assert invoke(*args, "--jobs", "1").stdout == invoke(*args, "--jobs", "2").stdout


def test_bad_input_exits_2_without_a_traceback(files: list[str], tmp_path: Path) -> None:
    missing = invoke("simulate", files[0], str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    partner = invoke("simulate", *files, "--partner", "zz")
    assert partner.exit_code == 2 and "not a partner" in partner.stderr
    big = invoke("simulate", *files, *files, "--draws", "1000000", "--precision", "1%")
    assert big.exit_code == 2 and "--precision keeps every draw" in big.stderr
    # 4 options x 2 views (a and b): 6,000,000 / 8 = 750,000 draws at most
    assert "for 2 views of 4 options, give --draws 750,000 or fewer" in big.stderr


def test_check_reads_the_comparison_for_each_file(files: list[str]) -> None:
    result = invoke(
        "check", *files, "-r", "a.p_beats:small >= 75%", "-r", "p_best > 50%",
        "-r", "expected_regret < 5k", "--draws", "40000", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    checks = json.loads(result.stdout)["checks"]
    rows = [(Path(c["file"]).stem, c["condition"], c["passed"]) for c in checks]
    # p_beats:small is not checked for small itself; big's regret is 14²/136 x £1k / 2 for a
    # partner (half of test_joint's £1,441), small's 54²/136 x £1k = £21,441 for the total
    assert rows == [
        ("big", "a.p_beats:small >= 75%", True),
        ("big", "p_best > 50%", True),
        ("big", "expected_regret < 5k", True),
        ("small", "p_best > 50%", False),
        ("small", "expected_regret < 5k", False),
    ]
    assert checks[2]["value"] == pytest.approx(14**2 / 136 * 1000, abs=100)
    # the chance big beats small, about 54/68: binomial error sqrt(p (1 - p) / 40,000)
    beats = checks[0]["value"]
    assert checks[0]["se"] == pytest.approx(math.sqrt(beats * (1 - beats) / 40_000), abs=1e-10)
    # p_best (shares of being best) and regret (money) have errors too, above zero here
    assert checks[1]["se"] > 0 and checks[2]["se"] > 0


def test_check_comparing_metrics_need_several_files(files: list[str]) -> None:
    result = invoke("check", files[0], "-r", "p_best > 50%")
    assert result.exit_code == 2
    assert "give two or more files" in result.stderr
    typo = invoke("check", *files, "-r", "p_beats:smal > 50%")
    assert typo.exit_code == 2 and "did you mean 'small'" in typo.stderr


def test_a_file_with_nothing_uncertain_is_noted_on_stderr() -> None:
    certain, risky = "scenarios/ssdc-solo.yaml", "scenarios/uncertain/solo.yaml"
    result = invoke("simulate", certain, risky, "--draws", "1000", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"note: {certain}: nothing in it is uncertain")
    assert risky not in result.stderr  # said only of the file it is true of
    json.loads(result.stdout)  # stdout is the JSON alone
