"""Councils that change shape, against figures worked out by hand.

tests/engine/merger.yaml: Taunton Deane (population 75,000, gap £1.0m) and West Somerset
(25,000, gap £0.5m) until 2018/19; from 2019/20 Somerset West and Taunton succeeds them
(75% / 25%). Shared staff £1.2m a year by population; Taunton Deane's own £100k; a £800k
merger cost, half in 2017/18 and half in 2019/20, written 60/40 to the two councils.
Discount rate 0%.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bizcase.engine.explain import explain
from bizcase.engine.result import evaluate
from bizcase.io.loader import load_scenario
from bizcase.results.option import OptionResult

FILE = Path(__file__).parent / "merger.yaml"


@pytest.fixture(scope="module")
def result() -> OptionResult:
    loaded = load_scenario(FILE)
    return evaluate(loaded.scenario, loaded.file)


def test_before_the_merger_the_two_councils_share_as_written(result: OptionResult) -> None:
    # 2017/18: £1.2m by population, 900,000 and 300,000; Taunton Deane's own £100k;
    # the merger cost's half, 400,000 x 60% and 40%.
    assert result.view("tdbc").series["savings"][0] == pytest.approx(1_000_000)
    assert result.view("wsc").series["savings"][0] == pytest.approx(300_000)
    assert result.view("tdbc").series["one_off_costs"][0] == pytest.approx(240_000)
    assert result.view("swt").series["savings"][:2] == [0.0, 0.0]


def test_from_vesting_the_successor_holds_everything(result: OptionResult) -> None:
    swt = result.view("swt")
    # 2019/20: the £1.2m (only it exists), Taunton Deane's £100k passed to it, and the
    # whole £400k of the cost written to its predecessors.
    assert swt.series["savings"][2] == pytest.approx(1_300_000)
    assert swt.series["one_off_costs"][2] == pytest.approx(400_000)
    # its gap is carried: 1.0m + 0.5m
    assert swt.series["gap"][2:] == pytest.approx([1_500_000, 1_500_000])


def test_a_predecessor_after_it_ends_is_its_areas_share(result: OptionResult) -> None:
    tdbc, wsc = result.view("tdbc"), result.view("wsc")
    assert tdbc.series["savings"][2] == pytest.approx(0.75 * 1_300_000)
    assert wsc.series["one_off_costs"][2] == pytest.approx(0.25 * 400_000)
    assert tdbc.series["gap"][2] == pytest.approx(0.75 * 1_500_000)
    # Taunton Deane, like for like over four years at 0%: savings 1.0m, 1.0m, 975k, 975k
    # less one-off 240k and 300k = 3,410,000.
    assert tdbc.npv == pytest.approx(3_410_000)


def test_the_total_adds_up_the_councils_of_each_year(result: OptionResult) -> None:
    total = result.total
    assert total.series["savings"] == pytest.approx([1_300_000] * 4)
    assert total.series["gap"] == pytest.approx([1_500_000] * 4)
    assert result.exists is not None
    for key in ("savings", "one_off_costs", "gap", "net"):
        for t in range(4):
            live = [
                view.series[key][t] for p, view in enumerate(result.partners) if result.exists[p][t]
            ]
            assert math.fsum(live) == pytest.approx(total.series[key][t])
    assert total.npv == pytest.approx(4 * 1_300_000 - 800_000)
    assert result.shape_notes == (
        "From 2019/20 Taunton Deane and West Somerset are one council, Somerset West and Taunton.",
    )


def test_explain_adds_up_in_a_merged_year() -> None:
    scenario = load_scenario(FILE).scenario
    for metric in ("savings", "one_off_costs", "gap", "net"):
        for view in ("tdbc", "wsc", "swt", "total"):
            e = explain(scenario, metric, view, 2019)
            assert math.fsum(line.amount for line in e.lines) == pytest.approx(e.value)
    savings = explain(scenario, "savings", "tdbc", 2019)
    assert "tdbc's area: 75% of swt's 100%" in savings.lines[0].detail
