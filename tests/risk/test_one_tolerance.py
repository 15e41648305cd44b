"""Every command decides about zero with the engine's one tolerance (a hundredth of a
penny): on a scenario whose amounts cancel to the penny but leave float noise, `run`,
`switching`, `check` and `simulate` all say the gap is closed and the costs paid back.

Savings of £35,334.89 and £7,472,358.34 against a gap of £7,507,693.23 (their exact sum)
and a one-off cost of twice that: in float64 the savings add up to 9.3e-10 less than the
gap, so the final remaining gap is +9.3e-10 and the final cumulative net -1.9e-9, both
within a hundredth of a penny of zero: closed, and paid back.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import Invoke, Write

PENNY_EXACT = """\
    name: Penny exact
    start: 2016/17
    years: 2
    discount_rate: 0%
    partners:
      - {id: a, name: Council A, budget_gap: 7507693.23}
    savings:
      - {name: Small, annual: 35334.89}
      - {name: Large, annual: 7472358.34}
    one_off_costs:
      - {name: Set-up, amount: 15015386.46, year: 2016/17}
    """


@pytest.fixture
def exact(write: Write) -> str:
    return write("exact.yaml", PENNY_EXACT)


def test_the_noise_is_really_there(invoke: Invoke, exact: str) -> None:
    view = json.loads(invoke("run", exact, "--format", "json").stdout)["options"][0]["total"]
    assert (view["gap_status"], view["payback_status"]) == ("closed", "paid_back")
    # JSON rounds to a hundredth of a penny, so the noise shows as zero there
    assert view["remaining_gap"][-1] == 0.0 and view["cumulative_net"][-1] == 0.0


def test_switching_agrees_with_run(invoke: Invoke, exact: str) -> None:
    document = json.loads(invoke("switching", exact, "--format", "json").stdout)
    assert document["tests"]["gap_closed"]["now"] == "final-year gap closed"
    assert document["tests"]["payback"]["now"] == "pays back within the horizon"


def test_check_agrees_with_run(invoke: Invoke, exact: str) -> None:
    result = invoke(
        "check", exact, "-r", "gap_status == closed", "-r", "payback_year == 2017/18",
        "-r", "remaining_gap <= 0", "-r", "total_net >= 0",
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_simulate_agrees_with_run(invoke: Invoke, exact: str) -> None:
    document = json.loads(invoke("simulate", exact, "--draws", "50", "--format", "json").stdout)
    view = document["views"]["a"]
    assert (view["p_gap_closed"], view["p_payback"]) == (1.0, 1.0)


def test_switching_claims_no_gap_closure_where_no_gap_is_given(invoke: Invoke) -> None:
    document = json.loads(
        invoke("switching", "scenarios/ssdc-sdc-joint.yaml", "-p", "sdc", "-f", "json").stdout
    )
    assert document["tests"]["gap_closed"]["now"] == "no gap given"
    reasons = {row["gap_closed"]["reason"] for row in document["rows"]}
    assert reasons == {"no gap given"}
