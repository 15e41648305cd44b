"""Reserves and capital receipts carried into a successor council, against figures worked
out by hand (discount rate 0%, horizon 2016/17 to 2019/20).

Taunton Deane (tdbc) and West Somerset (wsc) end in 2017/18; from 2018/19 Somerset West
and Taunton (swt) succeeds them, 75% / 25%. No budget gaps, so each year's remaining gap is
minus the net recurring saving: swt saves £100k a year from 2018/19 (tdbc's area 75k, wsc's
25k).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from bizcase.engine.funding import ABOVE
from bizcase.engine.plan import compile_plan
from bizcase.engine.projection import project
from bizcase.engine.result import evaluate
from bizcase.io.loader import load_scenario
from bizcase.results.option import OptionResult
from bizcase.risk.chunks import chunk_rng
from bizcase.risk.outcomes import reducer
from bizcase.risk.sampler import draw, risk_model

HEAD = """\
name: Merger with reserves
kind: joint
start: 2016/17
years: 4
discount_rate: 0%
savings:
  - {name: Merged services, annual: 100k, from: 2018/19, share: swt}
"""

CARRIED = """\
partners:
  - {id: tdbc, name: Taunton Deane, until: 2017/18, reserves: {opening: 1000k, minimum: 200k}}
  - {id: wsc, name: West Somerset, until: 2017/18, reserves: {opening: 400k, minimum: 100k}}
  - {id: swt, name: Somerset West and Taunton, from: 2018/19, succeeds: {tdbc: 75%, wsc: 25%}}
one_off_costs:
  - {name: Preparation, amount: 200k, year: 2016/17, share: {tdbc: 50%, wsc: 50%}}
  - {name: Programme, amount: 400k, year: 2018/19, share: swt}
"""

OWN = """\
partners:
  - id: tdbc
    name: Taunton Deane
    until: 2017/18
    reserves: {opening: 1000k, minimum: 200k}
    capital_receipts: {2016/17: 150k}
  - {id: wsc, name: West Somerset, until: 2017/18, reserves: {opening: 400k, minimum: 100k},
     capital_receipts: 50k}
  - id: swt
    name: Somerset West and Taunton
    from: 2018/19
    succeeds: {tdbc: 75%, wsc: 25%}
    reserves: {opening: 800k, minimum: 700k}
    capital_receipts: {2019/20: 30k}
one_off_costs:
  - {name: Preparation, amount: 200k, year: 2016/17, share: {tdbc: 50%, wsc: 50%},
     funded_by: capital_receipts}
  - {name: Programme, amount: 400k, year: 2018/19, share: swt, funded_by: capital_receipts}
"""


def run(tmp_path: Path, partners: str) -> OptionResult:
    file = tmp_path / "merger.yaml"
    file.write_text(HEAD + textwrap.dedent(partners))
    loaded = load_scenario(file)
    return evaluate(loaded.scenario, loaded.file)


def k(values: list[float] | None) -> list[float]:
    assert values is not None
    return [round(v / 1000, 3) for v in values]


def test_a_successor_carries_its_predecessors_balances(tmp_path: Path) -> None:
    result = run(tmp_path, CARRIED)
    # tdbc: 1000 - 100 (its half of Preparation) = 900, stays 900; then its area's 75% of
    # swt's 400 spent and 100 saved: 900 - 300 + 75 = 675, then 750.
    assert k(result.view("tdbc").reserves) == [900, 900, 675, 750]
    # wsc: 400 - 100 = 300; 300 - 100 + 25 = 225; 250.
    assert k(result.view("wsc").reserves) == [300, 300, 225, 250]
    # swt: 0 before it exists; carries 900 + 300 = 1,200: 1200 - 400 + 100 = 900; 1,000.
    swt = result.view("swt")
    assert k(swt.reserves) == [0, 0, 900, 1000]
    assert swt.reserves_opening == pytest.approx(1_200_000)
    # without a `reserves` of its own, its minimum is its predecessors': 200 + 100.
    assert swt.reserves_minimum == pytest.approx(300_000)
    assert swt.reserves_lowest == pytest.approx(900_000)  # not the 0 before vesting
    assert swt.reserves_status == "above_minimum"
    total = result.view("total")
    # the councils of each year: 900 + 300, then swt alone.
    assert k(total.reserves) == [1200, 1200, 900, 1000]
    assert total.reserves_opening == pytest.approx(1_400_000)
    # the old areas add up to the new council once it exists
    for t in (2, 3):
        areas = result.view("tdbc").reserves[t] + result.view("wsc").reserves[t]  # type: ignore[index]
        assert areas == pytest.approx(swt.reserves[t])  # type: ignore[index]


def test_receipts_carry_and_a_successors_own_opening_and_minimum(tmp_path: Path) -> None:
    result = run(tmp_path, OWN)
    tdbc, wsc, swt, total = (result.view(v) for v in ("tdbc", "wsc", "swt", "total"))
    # Preparation, 100k each, funded by receipts: tdbc has 150k (50k left), wsc 50k, so
    # 50k of wsc's falls to reserves. At vesting swt has tdbc's unused 50k: of the 400k
    # Programme, 50k from receipts and 350k from reserves; its own 30k comes in 2019/20.
    assert k(swt.series["funded_from_capital_receipts"]) == [0, 0, 50, 0]
    assert k(swt.series["funded_from_reserves"]) == [0, 0, 350, 0]
    assert k(tdbc.series["funded_from_capital_receipts"]) == [100, 0, 37.5, 0]
    assert k(wsc.series["funded_from_reserves"]) == [50, 0, 87.5, 0]
    assert k(total.series["funded_from_capital_receipts"]) == [150, 0, 50, 0]
    # tdbc: 1000; 1000; 1000 - 262.5 + 75 = 812.5; 887.5. wsc: 350; 350; 287.5; 312.5.
    assert k(tdbc.reserves) == [1000, 1000, 812.5, 887.5]
    assert k(wsc.reserves) == [350, 350, 287.5, 312.5]
    # swt starts from its own 800k: 800 - 350 + 100 = 550, below its 700k minimum; 650.
    assert k(swt.reserves) == [0, 0, 550, 650]
    assert swt.reserves_opening == pytest.approx(800_000)
    assert swt.reserves_breach_year == 2018
    assert swt.reserves_lowest == pytest.approx(550_000)
    # the total: 1,350 while the two exist, then swt's; its minimum 300k, then 700k.
    assert k(total.reserves) == [1350, 1350, 550, 650]
    assert total.reserves_breach_year == 2018
    assert total.reserves_minimum == pytest.approx(700_000)
    assert total.reserves_status == "below_minimum"
    assert tdbc.reserves_status == "above_minimum"


def test_shortfall_warnings_name_each_council_in_its_own_years(tmp_path: Path) -> None:
    from bizcase.engine.shortfalls import receipts_findings

    file = tmp_path / "merger.yaml"
    file.write_text(HEAD + textwrap.dedent(OWN))
    found = [f.message for f in receipts_findings(load_scenario(file).scenario)]
    assert found == [
        "West Somerset's capital receipts cannot cover £50,000.00 in 2016/17 of its one-off "
        "costs funded by capital receipts: that part is met from reserves",
        "Somerset West and Taunton's capital receipts (with those carried from its "
        "predecessors) cannot cover £350,000.00 in 2018/19 of its one-off costs funded by "
        "capital receipts: that part is met from reserves",
    ]


@pytest.mark.parametrize("partners", [CARRIED, OWN])
@pytest.mark.parametrize("views", [(0,), (2,), (3,), (1, 3)])
def test_the_simulations_balances_are_the_projections(
    tmp_path: Path, partners: str, views: tuple[int, ...]
) -> None:
    # each balance hangs on the others' (swt carries tdbc's and wsc's), so the simulation
    # projects every view and keeps those asked for
    file = tmp_path / "merger.yaml"
    uncertain = HEAD.replace("share: swt}", "share: swt, uncertainty: {low: -90%, high: 50%}}")
    file.write_text(uncertain + textwrap.dedent(partners))
    scenario = load_scenario(file).scenario
    plan = compile_plan(scenario)
    draws = draw(risk_model(scenario), chunk_rng(7, 0), 400)
    full = project(plan, draws)
    lean = reducer(plan, views)(draws)
    cols = list(views)
    np.testing.assert_allclose(lean.reserves_lowest, full.funded.reserves_lowest[:, cols])
    assert np.array_equal(lean.reserves_above, full.funded.reserves_status[:, cols] == ABOVE)
    assert lean.reserves_lowest.std(axis=0).min() > 1_000  # the draws do move them
