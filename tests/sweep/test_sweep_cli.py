"""`bizcase sweep` through typer's CliRunner: formats, --output, exit statuses, and that data
goes to stdout and messages to stderr. Figures are worked by hand in test_sweep.py; the
scenario here is the same."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bizcase.cli import app
from tests.conftest import CLEAN_ENV
from tests.sweep.test_sweep import SCENARIO

# As in test_sweep.py: 3 years at 10%; total npv = A x 2.735537... - 65,537.19 where A is
# the Shared management saving (£200k in the file: 481,570.25). ssdc's final remaining gap
# is 300,000 - A/2 and its coverage (A/2 + 100,000) / 400,000.

SHARED = 'savings["Shared management"].annual'
RESULT_KEYS = [
    "npv",
    "total_net",
    "total_savings",
    "total_one_off_costs",
    "final_net_recurring",
    "final_remaining_gap",
    "payback_year",
    "gap_closed_year",
    "coverage",
    "bcr",
]


@pytest.fixture
def scenario(tmp_path: Path) -> str:
    path = tmp_path / "option.yaml"
    path.write_text(textwrap.dedent(SCENARIO), encoding="utf-8")
    return str(path)


def invoke(*args: str) -> Result:
    return CliRunner(env=CLEAN_ENV).invoke(app, ["sweep", *args])


def test_help_has_examples() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "--set" in result.stdout and "PATH=VALUES" in result.stdout
    assert "bizcase sweep joint.yaml --set discount_rate=1%,3.5%,6%" in result.stdout
    assert "£1m..£3m:5" in result.stdout


def test_table(scenario: str) -> None:
    result = invoke(scenario, "--set", f"{SHARED}=£0..£400k:3", "--set", "discount_rate=0%,10%")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "Sweep test option: Total, all partners" in out
    assert SHARED in out and "discount_rate" in out
    # A = 200k at 10%: £481,570; A = 0 at 0%: -50,000 -> (£50,000)
    assert "£481,570" in out and "(£50,000)" in out
    assert "£200,000" in out and "10%" in out
    assert "6 combinations" in out
    # one row per combination; a table too wide for the terminal continues in a second
    # table with the same rows
    first = out.split("└")[0]
    lines = [line for line in first.splitlines() if "£" in line and "│" in line]
    assert len(lines) == 6


def test_table_for_a_partner(scenario: str) -> None:
    result = invoke(scenario, "--partner", "ssdc", "--set", "savings[0].annual=£200k,£600k")
    assert result.exit_code == 0, result.stderr
    assert "South Somerset District Council (ssdc)" in result.stdout
    assert "not within the horizon" in result.stdout
    assert "50%" in result.stdout and "100%" in result.stdout


def test_csv(scenario: str) -> None:
    result = invoke(scenario, "-f", "csv", "-p", "ssdc", "--set", f"{SHARED}=£200k,£600k")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [SHARED, *RESULT_KEYS, "payback_status", "gap_status"]
    # ssdc at A = 200k: npv 60,000 + 140,000/1.1 + 200,000/1.21 = 352,561.98;
    # net 60k + 140k + 200k = 400,000; savings 150k + 200k + 200k = 550,000; one-off 150,000
    # (90k, then 60k); bcr = PV of savings (150,000 + 200,000/1.1 + 200,000/1.21 =
    # 497,107.438...) over PV of one-off costs (90,000 + 60,000/1.1 = 144,545.454...) = 3.43910...
    assert rows[1][:10] == [
        "£200k",
        "352561.98",
        "400000.00",
        "550000.00",
        "150000.00",
        "200000.00",
        "200000.00",
        "2016/17",
        "",
        "0.5",
    ]
    assert float(rows[1][10]) == pytest.approx(497107.438016529 / 144545.454545454, rel=1e-12)
    assert rows[2][0] == "£600k"
    assert rows[2][6:10] == ["0.00", "2016/17", "2016/17", "1.0"]
    # ssdc's gap: closed from 2016/17 at A = 600k (coverage 100%), not at 200k (50%)
    assert rows[1][11:] == ["paid_back", "not_closed"]
    assert rows[2][11:] == ["paid_back", "closed"]


def test_json(scenario: str) -> None:
    result = invoke(
        scenario,
        "--format",
        "json",
        "--set",
        "discount_rate=0%,10%",
        "--set",
        f"{SHARED}=0..£200k:2",
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["schema_version", "file", "partner", "parameters", "rows"]
    assert document["schema_version"] == 1
    assert document["file"] == scenario
    assert document["partner"] == "total"
    assert document["parameters"] == ["discount_rate", SHARED]
    rows = document["rows"]
    assert [row["values"] for row in rows] == [
        {"discount_rate": "0%", SHARED: 0},
        {"discount_rate": "0%", SHARED: 200000},
        {"discount_rate": "10%", SHARED: 0},
        {"discount_rate": "10%", SHARED: 200000},
    ]
    assert list(rows[0]["results"]) == [*RESULT_KEYS, "payback_status", "gap_status"]
    # cumulative -130k, -150k, -50k at 0% with nothing shared: never paid back
    assert rows[0]["results"]["payback_status"] == "not_within_horizon"
    assert rows[0]["results"]["gap_status"] == "partial"  # only ssdc gives a gap
    # money to 4 decimals: 481,570.24793388... -> 481570.2479; -65,537.19008... -> -65537.1901
    assert [row["results"]["npv"] for row in rows] == [-50000.0, 550000.0, -65537.1901, 481570.2479]
    assert rows[0]["results"]["payback_year"] is None  # cumulative -130k, -150k, -50k
    assert rows[3]["results"]["payback_year"] == "2016/17"
    # only ssdc gives a gap: the total's 300,000 of net recurring saving is not set against
    # one council's gap, so neither a closed year nor a coverage is claimed for it
    assert rows[3]["results"]["gap_closed_year"] is None
    assert rows[3]["results"]["final_remaining_gap"] == 100000.0
    assert rows[3]["results"]["coverage"] is None


def test_output_file(scenario: str, tmp_path: Path) -> None:
    target = tmp_path / "grid.json"
    result = invoke(scenario, "-f", "json", "-o", str(target), "--set", "years=2,3")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"wrote 2 rows to {target}\n"
    assert len(json.loads(target.read_text(encoding="utf-8"))["rows"]) == 2


def test_output_never_overwrites_the_input(scenario: str) -> None:
    before = Path(scenario).read_text(encoding="utf-8")
    result = invoke(scenario, "-f", "csv", "--output", scenario, "--set", "years=2,3")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"--output: {scenario} is an input file" in result.stderr
    assert Path(scenario).read_text(encoding="utf-8") == before


def test_on_bad_input_no_output_file_is_written(scenario: str, tmp_path: Path) -> None:
    target = tmp_path / "grid.csv"
    result = invoke(scenario, "-f", "csv", "-o", str(target), "--set", "years=3,0")
    assert result.exit_code == 2
    assert not target.exists()
    assert result.stderr.startswith("--set: years=0 makes the scenario invalid: ")
    assert result.stderr.endswith("1 problem found; nothing was calculated.\n")


def test_output_is_for_csv_and_json(scenario: str, tmp_path: Path) -> None:
    result = invoke(scenario, "-o", str(tmp_path / "x.txt"), "--set", "years=3")
    assert result.exit_code == 2
    assert result.stderr.startswith("--output: --output writes csv or json")


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        (
            ["savings[0].anual=1"],
            "--set: savings[0].anual: unknown field 'anual' in savings[0]; did you mean 'annual'?",
        ),
        (["savings[9].annual=1"], "--set: savings[9]: index out of range"),
        (['savings["Shared mgmt"].annual=1'], "did you mean 'Shared management'?"),
        (["savings[0].annual=£1m..£2m"], "a range is LOW..HIGH:N"),
    ],
)
def test_bad_sets_exit_2_with_nothing_on_stdout(
    scenario: str, sets: list[str], expected: str
) -> None:
    args = [a for s in sets for a in ("--set", s)]
    result = invoke(scenario, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert expected in result.stderr


def test_unknown_partner(scenario: str) -> None:
    result = invoke(scenario, "--partner", "tdbc", "--set", "years=3")
    assert result.exit_code == 2
    assert "--partner tdbc: not a partner of this option (partners: ssdc, sdc)" in result.stderr


def test_missing_file_and_missing_set(scenario: str, tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "none.yaml"), "--set", "years=3")
    assert result.exit_code == 2
    assert "none.yaml: no such file" in result.stderr
    result = invoke(scenario)
    assert result.exit_code == 2
    assert "--set" in result.stderr


def test_warnings_go_to_stderr(scenario: str) -> None:
    result = invoke(scenario, "-f", "csv", "--set", "savings[1].from=2016/17,2020/21")
    assert result.exit_code == 0
    assert "warning" in result.stderr and "(with savings[1].from=2020/21)" in result.stderr
    assert len(result.stdout.splitlines()) == 3


def test_table_says_nothing_to_pay_back(scenario: str) -> None:
    # without the redundancy cost nothing is spent: no payback year is claimed for it
    result = invoke(scenario, "--set", "one_off_costs[0].amount=0,£300k")
    assert result.exit_code == 0, result.stderr
    first = result.stdout.split("└")[0]
    assert "nothing to pay back" in first
