"""`bizcase check` through typer's CliRunner: exit statuses 0/1/2, stdout and stderr kept
apart, the JSON report, and a simulated condition worked by hand.

HAND is the option of test_gates.py (npv 139,969.4275, payback 2017/18, gap closed
2016/17, coverage 125%, remaining gap -20,000).

RISKY: one partner with a £100k gap and a £100k saving whose amount is PERT(-30%, 0%,
+10%), i.e. -30% + 40% x Beta(4, 2) since alpha = 1 + 4 x 0.3/0.4 = 4 and
beta = 1 + 4 x 0.1/0.4 = 2. The gap closes exactly when the change is >= 0, that is when
Beta(4, 2) >= 0.75. Its CDF is 5x^4 - 4x^5, so P = 1 - (5 x 0.75^4 - 4 x 0.75^5)
= 1 - 0.6328125 = 0.3671875. With 10,000 draws the standard error is about 0.005.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bizcase.cli import app
from tests.conftest import CLEAN_ENV

HAND = """\
name: Hand-worked
start: 2016/17
years: 3
discount_rate: 3.5%
partners:
  - id: a
    name: Council A
    budget_gap: £80k
savings:
  - name: Saving
    annual: £100k
one_off_costs:
  - name: Set-up
    amount: £150k
    year: 2016/17
"""

RISKY = """\
name: Risky saving
start: 2016/17
years: 3
partners:
  - id: a
    name: Council A
    budget_gap: £100k
savings:
  - name: Saving
    annual: £100k
    uncertainty: {low: -30%, likely: 0%, high: 10%, distribution: pert}
"""

Invoke = Callable[..., Result]


def check_invoker() -> Invoke:
    """`bizcase check ARGS` through typer's runner, stdout and stderr apart."""
    runner = CliRunner(env=CLEAN_ENV)

    def _invoke(*args: str) -> Result:
        return runner.invoke(app, ["check", *args])

    return _invoke


@pytest.fixture
def invoke(check_cli: Invoke) -> Invoke:
    return check_cli


@pytest.fixture
def hand(tmp_path: Path) -> str:
    return write(tmp_path / "hand.yaml", HAND)


def write(path: Path, text: str) -> str:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def report(result: Result) -> list[dict[str, object]]:
    document = json.loads(result.stdout)
    checks: list[dict[str, object]] = document["checks"]
    return checks


# --- exit statuses and the table ----------------------------------------------------------


def test_all_pass_exit_0(invoke: Invoke, hand: str) -> None:
    result = invoke(hand, "--require", "a.payback_year <= 2017/18", "-r", "npv > 0")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    rows = [line for line in result.stdout.splitlines() if "hand.yaml" in line]
    assert len(rows) == 2
    assert "a.payback_year <= 2017/18" in rows[0] and "2017/18" in rows[0]
    assert "PASS" in rows[0] and "PASS" in rows[1]
    assert "£139,969" in rows[1]
    assert result.stdout.rstrip().endswith("All 2 checks passed.")


def test_any_fails_exit_1(invoke: Invoke, hand: str) -> None:
    result = invoke(hand, "-r", "npv > 0", "-r", "remaining_gap < (£20k)", "-r", "coverage >= 125%")
    assert result.exit_code == 1
    rows = [line for line in result.stdout.splitlines() if "hand.yaml" in line]
    assert ["FAIL" in row for row in rows] == [False, True, False]
    assert "(£20,000)" in rows[1]
    assert "125%" in rows[2]
    assert result.stdout.rstrip().endswith("1 of 3 checks failed.")


def test_a_year_never_reached_shows_never_and_fails(invoke: Invoke, tmp_path: Path) -> None:
    short = write(tmp_path / "short.yaml", HAND.replace("£80k", "£120k"))
    result = invoke(short, "-r", "gap_closed_year <= 2030/31")
    assert result.exit_code == 1
    [row] = [line for line in result.stdout.splitlines() if "short.yaml" in line]
    assert "never" in row and "FAIL" in row


def test_partner_option_sets_the_default(invoke: Invoke, tmp_path: Path) -> None:
    # Two partners sharing equally: a's total_net is half of 150,000.
    two = write(
        tmp_path / "two.yaml",
        HAND.replace(
            "    budget_gap: £80k\n", "    budget_gap: £40k\n  - id: b\n    name: Council B\n"
        ),
    )
    result = invoke(
        two,
        "--partner",
        "a",
        "-r",
        "total_net == £75k",
        "-r",
        "total.total_net == £150k",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert [(c["partner"], c["value"]) for c in report(result)] == [
        ("a", 75000.0),
        ("total", 150000.0),
    ]


# --- the JSON report ----------------------------------------------------------------------


def test_json_report(invoke: Invoke, hand: str, tmp_path: Path) -> None:
    other = write(tmp_path / "other.yaml", HAND.replace("Hand-worked", "Other"))
    result = invoke(
        hand,
        other,
        "-r",
        "npv >= -£50k",
        "-r",
        "a.gap_closed_year < 2016/17",
        "-r",
        "coverage >= 80%",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert list(document) == ["schema_version", "passed", "checks"]
    assert document["schema_version"] == 1
    assert document["passed"] is False
    first = document["checks"][:3]
    assert first == [
        {
            "file": hand,
            "option": "Hand-worked",
            "condition": "npv >= -£50k",
            "partner": "total",
            "metric": "npv",
            "operator": ">=",
            "threshold": -50000.0,
            "value": 139969.4275,
            "se": None,  # calculated, not simulated
            "passed": True,
        },
        {
            "file": hand,
            "option": "Hand-worked",
            "condition": "a.gap_closed_year < 2016/17",
            "partner": "a",
            "metric": "gap_closed_year",
            "operator": "<",
            "threshold": "2016/17",
            "value": "2016/17",
            "se": None,  # calculated, not simulated
            "passed": False,
        },
        {
            "file": hand,
            "option": "Hand-worked",
            "condition": "coverage >= 80%",
            "partner": "total",
            "metric": "coverage",
            "operator": ">=",
            "threshold": 0.8,
            "value": 1.25,
            "se": None,  # calculated, not simulated
            "passed": True,
        },
    ]
    assert [(c["file"], c["option"]) for c in document["checks"][3:]] == [(other, "Other")] * 3


def test_json_all_pass(invoke: Invoke, hand: str) -> None:
    result = invoke(hand, "-r", "payback_year != 2016/17", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["passed"] is True


def test_json_null_year(invoke: Invoke, tmp_path: Path) -> None:
    short = write(tmp_path / "short.yaml", HAND.replace("£80k", "£120k"))
    result = invoke(short, "-r", "gap_closed_year != 2016/17", "-f", "json")
    assert result.exit_code == 0
    [check] = report(result)
    assert (check["value"], check["passed"]) == (None, True)


# --- bad input: exit 2, messages on stderr, nothing on stdout ----------------------------


def test_bad_conditions_and_bad_files_reported_together(invoke: Invoke, hand: str) -> None:
    result = invoke(hand, "missing.yaml", "-r", "npvv > 0", "-r", "coverage >= 80", "-r", "npv > 0")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "--require: 'npvv > 0': unknown metric 'npvv'; did you mean 'npv'?",
        "--require: 'coverage >= 80': coverage: 80 is not a percentage: write 80% "
        "(with the % sign) or the fraction 0.8",
        "missing.yaml: no such file",
        "3 problems found; nothing was calculated.",
    ]


def test_unknown_partner_lists_the_partners(invoke: Invoke, hand: str) -> None:
    result = invoke(hand, "-r", "ssdc.npv > 0", "-f", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{hand}: --require 'ssdc.npv > 0': 'ssdc' is not a partner of this option "
        "(partners: a; or total for all of them)",
        "1 problem found; nothing was calculated.",
    ]


def test_unknown_default_partner(invoke: Invoke, hand: str) -> None:
    result = invoke(hand, "--partner", "zz", "-r", "npv > 0")
    assert result.exit_code == 2
    assert "'zz' is not a partner of this option (partners: a;" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],  # --require is required
        ["-r", "npv > 0", "--draws", "0"],
        ["-r", "npv > 0", "--seed", "-1"],
        ["-r", "npv > 0", "--format", "yaml"],
    ],
)
def test_usage_errors_exit_2(invoke: Invoke, hand: str, args: list[str]) -> None:
    result = invoke(hand, *args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_help_has_examples(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines()]
    example = lines.index("bizcase check scenarios/ssdc-solo.yaml \\")
    assert lines[example + 1] == '--require "ssdc.gap_closed_year <= 2019/20" --require "npv > 0"'
    assert "fails" in result.stdout and "except !=" in result.stdout


# --- simulated conditions -----------------------------------------------------------------


def test_p_gap_closed_hand_worked(invoke: Invoke, risky: str) -> None:
    result = invoke(
        risky,
        "-r",
        "p_gap_closed >= 30%",
        "-r",
        "a.p_gap_closed >= 40%",
        "-r",
        "p_payback == 100%",
        "-r",
        "npv_p95 <= £100k",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    assert result.stderr == ""
    closed, closed_a, payback, npv_p95 = report(result)
    assert closed["value"] == pytest.approx(0.3671875, abs=0.02)
    assert closed["value"] == closed_a["value"]  # one partner: its view is the total's
    # a chance's standard error is binomial: sqrt(p (1 - p) / 10,000 draws), about 0.0048
    p = closed["value"]
    assert closed["se"] == pytest.approx(math.sqrt(p * (1 - p) / 10_000), abs=1e-10)
    assert payback["se"] == 0.0  # no draw pays back: a chance of 0 is known exactly
    assert (closed["passed"], closed_a["passed"]) == (True, False)
    # No one-off costs and the net is never negative: nothing is spent, so no draw claims a
    # payback (each is "nothing to pay back"), and a gate on payback does not pass.
    assert (payback["value"], payback["passed"]) == (0.0, False)
    # npv = change x (100,000 + 100,000/1.035 + 100,000/1.035^2) where change <= 110%;
    # the 95th percentile lies between the likely npv (289,969.43) and 110% of it.
    assert isinstance(npv_p95["value"], float)
    assert 289_969.43 < npv_p95["value"] < 1.1 * 289_969.43
    assert npv_p95["passed"] is False


def test_the_same_seed_gives_the_same_report(invoke: Invoke, risky: str) -> None:
    args = [risky, "-r", "p_gap_closed >= 30%", "-r", "npv_p10 > 0", "-f", "json"]
    first = invoke(*args, "--draws", "2000", "--seed", "7")
    again = invoke(*args, "--draws", "2000", "--seed", "7")
    other = invoke(*args, "--draws", "2000", "--seed", "8")
    assert first.stdout == again.stdout
    assert first.stdout != other.stdout


def test_no_uncertainty_gives_certain_chances(invoke: Invoke, hand: str, tmp_path: Path) -> None:
    short = write(tmp_path / "short.yaml", HAND.replace("£80k", "£120k"))
    result = invoke(hand, short, "-r", "p_gap_closed >= 80%", "--draws", "100", "-f", "json")
    assert result.exit_code == 1
    assert [(c["value"], c["passed"]) for c in report(result)] == [(1.0, True), (0.0, False)]
    assert "nothing in it is uncertain" in result.stderr


def test_table_shows_chances_as_percentages(invoke: Invoke, risky: str) -> None:
    result = invoke(risky, "-r", "p_gap_closed < 50%", "--draws", "1000")
    assert result.exit_code == 0
    [row] = [line for line in result.stdout.splitlines() if "risky.yaml" in line]
    assert "%" in row and "PASS" in row


# --- truthful statements: payback and gap statuses ------------------------------------------

DO_NOTHING = """\
    name: Do nothing
    start: 2016/17
    years: 4
    partners:
      - {id: a, name: Council A, budget_gap: £1m}
    """

# £6.8m one-off in 2016/17, £3.1m a year from 2017/18: cumulative -6.8, -3.7, -0.6, +2.5 (£m)
# so paid back in 2019/20, 3 + 0.6 / 3.1 = 3.19 years from the start of 2016/17
MERGER = """\
    name: Merger
    start: 2016/17
    years: 5
    partners:
      - {id: a, name: Council A}
    savings:
      - {name: Merged staff, annual: £3.1m, from: 2017/18}
    one_off_costs:
      - {name: Transition, amount: £6.8m, year: 2016/17}
    """


def test_a_do_nothing_option_fails_a_payback_gate(invoke: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path / "nothing.yaml", DO_NOTHING)
    result = invoke(
        path,
        "-r", "payback_year <= 2017/18",
        "-r", "payback_status == nothing_to_pay_back",
        "-r", "gap_status == not_closed",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 1
    payback, status, gap = report(result)
    assert (payback["value"], payback["passed"]) == (None, False)
    assert (status["value"], status["passed"]) == ("nothing_to_pay_back", True)
    assert (gap["value"], gap["passed"]) == ("not_closed", True)


def test_the_payback_period_can_be_gated(invoke: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path / "merger.yaml", MERGER)
    result = invoke(
        path,
        "-r", "payback_period <= 3.5 years",
        "-r", "payback_period < 3",
        "-r", "gap_status == no_gap",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 1
    within, under_three, gap = report(result)
    assert within["value"] == pytest.approx(3 + 0.6 / 3.1)
    assert (within["passed"], under_three["passed"], gap["passed"]) == (True, False, True)


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("payback_status < paid_back", "payback_status is a word: compare it with == or !="),
        ("gap_status == shut", "gap_status: 'shut' is not one of closed, not_closed, no_gap"),
        ("payback_period <= soon", "payback_period: 'soon' is not a number of years"),
    ],
)
def test_bad_status_and_period_gates(
    invoke: Invoke, tmp_path: Path, condition: str, message: str
) -> None:
    result = invoke(write(tmp_path / "merger.yaml", MERGER), "-r", condition)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_simulated_value_shows_its_interval_in_the_table(invoke: Invoke, risky: str) -> None:
    result = invoke(risky, "-r", "p_gap_closed >= 30%", "-r", "npv > 0")
    assert result.exit_code == 0, result.stderr
    simulated, calculated = [line for line in result.stdout.splitlines() if "risky" in line]
    # p about 36.7%: 1.96 x sqrt(0.367 x 0.633 / 10,000) = 0.94 points, shown to a tenth
    assert re.search(r"3[5-8]\.\d+% ±0\.9 pts", simulated), simulated
    assert "±" not in calculated
