"""Council tax harmonisation in a merger, worked by hand (tests/engine/council_tax.yaml).

Taunton Deane: Band D £150 in 2017/18, 40,000 Band D properties, 2% a year: £153 in
2018/19, £156.06 in 2019/20, £159.1812 in 2020/21. West Somerset: £200, 10,000, 0%.
From 2019/20 one council harmonises to the tax-base-weighted average at vesting,
(156.06 x 40,000 + 200 x 10,000) / 50,000 = £164.848, in two equal steps, growing at 1.99%.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bizcase.engine.result import evaluate
from bizcase.io.loader import load_scenario

FILE = Path(__file__).parent / "council_tax.yaml"


def test_harmonisation_income_and_referendum_flags() -> None:
    loaded = load_scenario(FILE)
    result = evaluate(loaded.scenario, loaded.file)
    swt = result.view("swt")
    # 2019/20, half way: Taunton Deane 156.06 + 8.788 / 2 = 160.454 (+4.394 x 40,000),
    # West Somerset 200 - 35.152 / 2 = 182.424 (-17.576 x 10,000): revenue neutral.
    assert swt.series["council_tax_harmonisation"][2] == pytest.approx(0.0, abs=1e-6)
    # 2020/21: 164.848 x 1.0199 = 168.1284752 in both areas; against 159.1812 and 200:
    # 8.9472752 x 40,000 - 31.8715248 x 10,000 = 39,175.76.
    assert swt.series["council_tax_harmonisation"][3] == pytest.approx(39_175.76, abs=0.005)
    assert swt.series["income"][3] == pytest.approx(39_175.76, abs=0.005)
    # Taunton Deane's area: its 80% share of the new council's
    assert result.view("tdbc").series["income"][3] == pytest.approx(0.8 * 39_175.76, abs=0.005)
    # Taunton Deane's Band D rises 7.454 in 2019/20 (from 153), above 2.99% of 153 = 4.5747;
    # and 7.6745 in 2020/21, above 2.99% of 160.454. West Somerset's falls: no flag.
    flags = [
        (area, year, round(up, 4), round(cap, 4)) for area, year, up, cap in result.referendum_flags
    ]
    assert flags == [("tdbc", 2019, 7.454, 4.5747), ("tdbc", 2020, 7.6745, 4.7976)]
