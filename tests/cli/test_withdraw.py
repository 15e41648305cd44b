"""`bizcase withdraw`: each partner's figures if another left, against hand-worked figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import Invoke, Write

from bizcase.model.shares import Share
from bizcase.model.withdrawal import reshared

REPO = Path(__file__).resolve().parents[2]
PIONEER = str(REPO / "scenarios" / "pioneer-somerset.yaml")
JOINT = str(REPO / "scenarios" / "ssdc-sdc-joint.yaml")


def run_json(invoke: Invoke, *args: str) -> dict[str, Any]:
    result = invoke("withdraw", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_taunton_deane_if_west_somerset_withdrew(invoke: Invoke) -> None:
    # The £350k a year is shared by net budget: £350m in all, Taunton Deane £13.4m. Without
    # West Somerset (£5.0m) the budgets add up to £345m: Taunton Deane pays 350,000 x 13.4 /
    # 345 = £13,594.20 a year, £54,376.81 over the four years (from 4 x £13,400 = £53,600).
    document = run_json(invoke, PIONEER, "--partner", "wsc")
    [withdrawal] = document["withdrawals"]
    assert withdrawal["partner"] == "wsc" and withdrawal["dropped"] == []
    costs = withdrawal["views"]["tdbc"]["costs"]
    assert costs["before"] == pytest.approx(53_600.0)
    assert costs["after"] == pytest.approx(4 * 350_000 * 13.4 / 345, abs=0.005)
    assert costs["change_fraction"] == pytest.approx(5 / 345, rel=1e-9)
    assert "wsc" not in withdrawal["views"]
    # The whole programme's costs are still met: the total does not move.
    assert withdrawal["views"]["total"]["costs"]["change"] == 0.0


def test_fixed_percentages_scale_up_and_an_own_item_is_dropped(
    invoke: Invoke, write: Write
) -> None:
    path = write(
        "fixed.yaml",
        """\
        name: Fixed shares
        start: 2020/21
        years: 2
        discount_rate: 0%
        partners: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]
        costs:
          - {name: Shared, annual: £100k, share: {a: 50%, b: 30%, c: 20%}}
          - {name: C's own, annual: £10k, share: c}
        """,
    )
    document = run_json(invoke, path, "--partner", "c")
    [withdrawal] = document["withdrawals"]
    assert withdrawal["dropped"] == ["Cost: C's own"]
    # Without C, A's 50% and B's 30% become 62.5% and 37.5% of £100k, for two years.
    a = withdrawal["views"]["a"]["costs"]
    assert (a["before"], a["after"]) == (100_000.0, 125_000.0)
    assert withdrawal["views"]["b"]["costs"]["after"] == 75_000.0
    # the total loses C's own cost with C
    assert withdrawal["views"]["total"]["costs"]["change"] == -20_000.0


def test_every_partner_in_turn_by_default_and_the_table(invoke: Invoke) -> None:
    document = run_json(invoke, JOINT)
    assert [w["partner"] for w in document["withdrawals"]] == ["ssdc", "sdc"]
    # Without Sedgemoor, South Somerset bears everything (48% scaled up to 100%).
    ssdc = document["withdrawals"][1]["views"]["ssdc"]["npv"]
    total = document["withdrawals"][1]["views"]["total"]["npv"]
    assert ssdc["after"] == pytest.approx(total["before"], abs=0.01)
    table = invoke("withdraw", JOINT, "--partner", "sdc")
    assert table.exit_code == 0
    assert "If Sedgemoor District Council (sdc) withdrew" in table.stdout
    assert "→" in table.stdout


def test_bad_requests_exit_2(invoke: Invoke) -> None:
    solo = invoke("withdraw", str(REPO / "scenarios" / "ssdc-solo.yaml"))
    assert solo.exit_code == 2 and "one-partner option" in solo.stderr
    unknown = invoke("withdraw", PIONEER, "--partner", "tdcb")
    assert unknown.exit_code == 2 and "'tdcb' is not a partner" in unknown.stderr
    assert "Traceback" not in unknown.output


def test_reshared_by_rule() -> None:
    assert reshared(Share("equal"), "a") == Share("equal")
    assert reshared(Share("weight", weight="pop"), "a") == Share("weight", weight="pop")
    assert reshared(Share("partner", partner="a"), "a") is None
    assert reshared(Share("partner", partner="b"), "a") == Share("partner", partner="b")
    assert reshared(Share("fixed", fixed=(("a", 1.0), ("b", 0.0))), "a") is None
    scaled = reshared(Share("fixed", fixed=(("a", 0.2), ("b", 0.4), ("c", 0.4))), "a")
    assert scaled == Share("fixed", fixed=(("b", 0.5), ("c", 0.5)))


def test_check_gates_on_the_largest_rise_in_costs(invoke: Invoke) -> None:
    # Somerset County Council carries £284.6m of the £350m of budgets: if it left, Taunton
    # Deane's share of every cost would grow by 350 / 65.4 - 1 = 435.17%, the largest rise.
    result = invoke(
        "check", PIONEER, "-p", "tdbc", "-r", "withdrawal_cost_increase <= 25%", "-f", "json"
    )
    assert result.exit_code == 1
    [check] = json.loads(result.stdout)["checks"]
    assert check["value"] == pytest.approx(350 / 65.4 - 1, abs=1e-9)
    assert "simulation" not in json.loads(result.stdout)
    passed = invoke("check", PIONEER, "-p", "tdbc", "-r", "withdrawal_cost_increase < 436%")
    assert passed.exit_code == 0, passed.output


MERGER = str(REPO / "tests" / "engine" / "merger.yaml")


def test_an_old_council_withdraws_from_a_merger(invoke: Invoke) -> None:
    # tests/engine/merger.yaml without West Somerset: Somerset West and Taunton succeeds
    # Taunton Deane alone (its 75% scaled up to 100%), the merger cost's 60/40 becomes all
    # Taunton Deane's, and staff shared by population are all Taunton Deane's before vesting.
    document = run_json(invoke, MERGER, "--partner", "wsc")
    [withdrawal] = document["withdrawals"]
    assert withdrawal["notes"] == ["swt succeeds the councils left, tdbc 100%"]
    tdbc = withdrawal["views"]["tdbc"]
    # As written: savings 2 x (75% of £1.2m + £100k) + 2 x 75% of £1.3m = 3,950,000; the
    # merger cost 60% of £400k in 2017/18 and 75% (its area) of £400k in 2019/20 = 540,000.
    assert tdbc["total_savings"]["before"] == pytest.approx(3_950_000)
    assert tdbc["costs"]["before"] == pytest.approx(540_000)
    # Without West Somerset: £1.3m a year, all four years, and the whole £800k.
    assert tdbc["total_savings"]["after"] == pytest.approx(5_200_000)
    assert tdbc["costs"]["after"] == pytest.approx(800_000)
    # The gap carried into the new council is Taunton Deane's £1.0m alone: its area's
    # final-year remaining gap goes from 75% x (£1.5m - £1.3m) = 150,000 to -300,000.
    assert tdbc["remaining_gap"]["before"] == pytest.approx(150_000)
    assert tdbc["remaining_gap"]["after"] == pytest.approx(-300_000)
    swt = withdrawal["views"]["swt"]
    assert swt["total_savings"]["after"] == pytest.approx(2_600_000)
    assert swt["costs"]["after"] == pytest.approx(400_000)


def test_the_new_council_cannot_withdraw_and_is_left_out_by_default(invoke: Invoke) -> None:
    document = run_json(invoke, MERGER)
    assert [w["partner"] for w in document["withdrawals"]] == ["tdbc", "wsc"]
    refused = invoke("withdraw", MERGER, "--partner", "swt")
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert "swt cannot withdraw: swt is the council the merger creates" in refused.stderr


def test_a_council_its_successor_succeeds_alone_cannot_withdraw(
    invoke: Invoke, write: Write
) -> None:
    path = write(
        "alone.yaml",
        """\
name: A district and its county
start: 2017/18
years: 3
partners:
  - {id: d, name: District, until: 2017/18}
  - {id: n, name: New district, from: 2018/19, succeeds: d}
  - {id: c, name: County}
savings:
  - {name: Shared back office, annual: £100k, share: equal}
""",
    )
    document = run_json(invoke, path)
    assert [w["partner"] for w in document["withdrawals"]] == ["c"]
    refused = invoke("withdraw", path, "--partner", "d")
    assert refused.exit_code == 2
    assert "n succeeds d alone: without d it succeeds no one" in refused.stderr
