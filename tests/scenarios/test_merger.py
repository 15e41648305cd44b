"""The bundled merger (scenarios/tdbc-wsc-merger.yaml) worked by hand: the case's £6.8m one-off
and £3.1m a year, Taunton Deane (115,000 people) and West Somerset (35,000) until 2018/19,
then Somerset West and Taunton."""

from __future__ import annotations

from pathlib import Path

import pytest

from bizcase.engine.result import evaluate
from bizcase.io.loader import load_scenario
from bizcase.results.option import OptionResult

FILE = Path(__file__).resolve().parents[2] / "scenarios" / "tdbc-wsc-merger.yaml"
PENNY = 0.005


@pytest.fixture(scope="module")
def merger() -> OptionResult:
    loaded = load_scenario(FILE)
    return evaluate(loaded.scenario, loaded.file)


def test_the_whole_case(merger: OptionResult) -> None:
    total = merger.total
    # one-off 40% and 60% of £6.8m; savings half of £3.1m in 2018/19, then in full
    assert total.series["one_off_costs"] == pytest.approx([2_720_000, 4_080_000, 0, 0, 0])
    assert total.series["savings"] == pytest.approx([0, 1_550_000, 3_100_000, 3_100_000, 3_100_000])
    # cumulative net -2.72m, -5.25m, -2.15m, +0.95m: paid back in 2020/21, 3 + 2.15 / 3.1
    assert total.payback_year == 2020
    assert total.payback_period == pytest.approx(3 + 2.15 / 3.1, abs=1e-9)


def test_taunton_deane_before_and_after_vesting(merger: OptionResult) -> None:
    tdbc = merger.view("tdbc")
    share = 115_000 / 150_000
    assert tdbc.series["one_off_costs"][:2] == pytest.approx(
        [2_720_000 * share, 4_080_000 * share], abs=PENNY
    )
    # from 2019/20 its area's share (by population) of the new council's £3.1m
    assert tdbc.series["savings"][2:] == pytest.approx([3_100_000 * share] * 3, abs=PENNY)
    swt = merger.view("swt")
    assert swt.series["savings"][:2] == [0.0, 0.0]
    assert swt.series["one_off_costs"] == [0.0] * 5
    assert merger.shape_notes[0].startswith("From 2019/20 Taunton Deane Borough Council and")
