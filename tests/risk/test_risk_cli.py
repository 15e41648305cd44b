"""`bizcase simulate`, `sensitivity` and `switching` through typer's CliRunner: help, exit
statuses, data on stdout and messages on stderr, JSON with schema_version 1, and the same
seed giving the same bytes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bizcase.cli import app
from tests.conftest import CLEAN_ENV

ROOT = Path(__file__).resolve().parents[2]
JOINT = str(ROOT / "scenarios" / "ssdc-sdc-joint.yaml")
COMMANDS = ("simulate", "sensitivity", "switching")


RISKY = """\
    name: Risky joint option
    kind: joint
    start: 2016/17
    years: 5
    discount_rate: 3.5%
    partners:
      - id: ssdc
        name: South Somerset District Council
        budget_gap: £500k
        uncertainty: {low: -10%, likely: 0%, high: 30%}
      - id: sdc
        name: Sedgemoor District Council
    savings:
      - name: Shared management
        annual: £600k
        ramp: [50%]
        share: {ssdc: 48%, sdc: 52%}
        uncertainty: {low: -30%, likely: 0%, high: 10%, distribution: pert}
        delay: {0: 60%, 1: 30%, 2: 10%}
      - name: Procurement
        annual: £100k
        uncertainty: {low: -50%, high: 20%, distribution: uniform}
        driver: market
    income:
      - name: Trading
        annual: £40k
        uncertainty: {likely: 0%, sd: 15%, distribution: normal}
        driver: market
    one_off_costs:
      - name: Redundancy
        amount: £900k
        year: 2016/17
        uncertainty: {low: -10%, likely: 0%, high: 50%, distribution: triangular}
"""


@pytest.fixture
def risky(tmp_path: Path) -> str:
    path = tmp_path / "risky.yaml"
    path.write_text(textwrap.dedent(RISKY), encoding="utf-8")
    return str(path)


def invoke(*args: str) -> Result:
    return CliRunner(env=CLEAN_ENV).invoke(app, list(args))


@pytest.mark.parametrize("command", COMMANDS)
def test_help(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    assert f"bizcase {command}" in result.stdout  # the examples


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("file", ["joint", "risky"])
def test_json_outputs_parse_with_schema_version_1(command: str, file: str, risky: str) -> None:
    path = JOINT if file == "joint" else risky
    extra = ["--draws", "2000"] if command == "simulate" else []
    result = invoke(command, path, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    if command == "simulate" and file == "joint":  # the bundled joint case has no uncertainty
        assert result.stderr.startswith(f"note: {path}: nothing in it is uncertain")
    else:
        assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert document["file"] == path
    if command == "simulate":
        assert document["draws"] == 2000 and document["seed"] == 0
        assert set(document["views"]) == {"ssdc", "sdc", "total"}
        npv = document["views"]["total"]["npv"]
        assert set(npv) == {"p5", "p10", "p50", "p90", "p95", "mean"}
        assert npv["p5"] <= npv["p50"] <= npv["p95"]
        if file == "joint":  # no uncertainty: zero width
            assert npv["p5"] == npv["p95"] == npv["mean"]
    elif command == "sensitivity":
        assert document["metric"] == "npv" and document["partner"] == "total"
        swings = [row["swing"] for row in document["rows"]]
        assert swings == sorted(swings, reverse=True) and swings
    else:
        assert set(document["tests"]) == {"npv", "gap_closed", "payback"}
        assert document["rows"][0]["subject"] == "All savings"
        for row in document["rows"]:
            for test in ("npv", "gap_closed", "payback"):
                cell = row[test]
                assert (cell["change"] is None) == (cell["reason"] is not None)
                assert cell["verified"] == (cell["change"] is not None)


def test_simulate_same_seed_gives_identical_bytes(risky: str) -> None:
    args = ("simulate", risky, "--draws", "20000", "--seed", "42", "--format", "json")
    first, second = invoke(*args), invoke(*args)
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout
    # Nor do threads change it; another seed does.
    assert invoke(*args, "--jobs", "1").stdout == first.stdout
    assert invoke(*args, "--jobs", "3").stdout == first.stdout
    other = invoke("simulate", risky, "--draws", "20000", "--seed", "43", "--format", "json")
    assert other.stdout != first.stdout


def test_simulate_partner_view(risky: str) -> None:
    result = invoke("simulate", risky, "-n", "500", "-p", "ssdc", "-f", "json")
    assert result.exit_code == 0
    assert list(json.loads(result.stdout)["views"]) == ["ssdc"]
    result = invoke("simulate", risky, "-n", "500", "-p", "total", "-f", "json")
    assert list(json.loads(result.stdout)["views"]) == ["total"]


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_partner_exits_2_with_a_message_on_stderr(command: str, risky: str) -> None:
    result = invoke(command, risky, "--partner", "nobody")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--partner nobody: not a partner of this option (partners: ssdc, sdc)" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_file_exits_2(command: str, tmp_path: Path) -> None:
    result = invoke(command, str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr


def test_optimism_bias_without_percent_sign(risky: str) -> None:
    result = invoke("sensitivity", risky, "--optimism-bias", "24")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "write 24%" in result.stderr
    assert invoke("sensitivity", risky, "--optimism-bias", "24%").exit_code == 0
    assert invoke("sensitivity", risky, "--range", "10").exit_code == 2


def test_bad_draws_is_a_usage_error(risky: str) -> None:
    result = invoke("simulate", risky, "--draws", "0")
    assert result.exit_code == 2
    assert result.stdout == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_tables_have_no_ansi_codes_when_not_a_terminal(command: str, risky: str) -> None:
    extra = ["--draws", "500"] if command == "simulate" else []
    result = invoke(command, risky, "--partner", "ssdc", *extra)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "South Somerset District Council (ssdc)" in result.stdout
    assert result.stderr == ""


def test_sensitivity_table_shows_the_cases(risky: str) -> None:
    result = invoke("sensitivity", risky, "--optimism-bias", "24%")
    assert result.exit_code == 0
    out = result.stdout
    assert "Saving: Shared management" in out
    assert "-30%: £" in out and "+10%: £" in out  # its own low and high
    assert "1 year late: £" in out
    assert "+24% optimism bias: £" in out
    assert "Not affecting this figure: Budget gap: South Somerset District Council" in out


def test_switching_table(risky: str) -> None:
    result = invoke("switching", risky)
    assert result.exit_code == 0
    assert "All savings" in result.stdout
    assert "(unverified)" not in result.stdout
