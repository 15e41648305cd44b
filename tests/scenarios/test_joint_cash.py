"""The bundled Joint Authority in cash (scenarios/ssdc-sdc-joint-cash.yaml): South Somerset's
figures worked out by hand from the file.

Pay index (base 2016/17): 1, 1.01, 1.0302, 1.050804, 1.07182008; contracts (3%): 1, 1.03,
1.0609, 1.092727, 1.1255088; deflator (2%): 1.02^t. SSDC takes 48% of everything.

Savings: senior team 800k x 48% = 384,000 a year (half in 2016/17) x pay; integrated teams
624,000 from 2017/18 ramped 25/50/75/100% x pay; ICT platform 192,000 from 2018/19, half
in its first year, x contracts.
One-off costs: redundancy 1.5m x 1.10 (optimism bias) x 48% = 792,000, phased 50/30/20%
(396,000; 237,600; 158,400), funded by capital receipts (400k, 250k, 150k: enough each year,
with 4,000 then 16,400 carried); programme team 288,000 (144,000 in each of two years) and
ICT integration 400k x 1.20 x 1.03 x 48% = 237,312 in 2017/18, both from reserves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bizcase.appraisal.option import open_options

FILE = str(Path(__file__).resolve().parents[2] / "scenarios" / "ssdc-sdc-joint-cash.yaml")
PENNY = 0.005


@pytest.fixture(scope="module")
def ssdc():  # type: ignore[no-untyped-def]
    options, warnings = open_options([FILE])
    assert warnings == []  # the receipts cover the redundancy costs each year
    return options[0].result.view("ssdc")


def test_savings_grow_with_pay_and_contracts(ssdc) -> None:  # type: ignore[no-untyped-def]
    savings = [
        192_000,  # 384,000 x 50%
        387_840 + 157_560,  # 384,000 x 1.01; 156,000 x 1.01
        395_596.80 + 321_422.40 + 101_846.40,  # x 1.0302; 312,000 x 1.0302; 96,000 x 1.0609
        403_508.736 + 491_776.272 + 209_803.584,
        411_578.91072 + 668_815.72992 + 216_097.69152,
    ]
    assert ssdc.series["savings"] == pytest.approx(savings, abs=PENNY)
    assert ssdc.series["one_off_costs"] == pytest.approx(
        [396_000 + 144_000, 237_600 + 144_000 + 237_312, 158_400, 0, 0], abs=PENNY
    )


def test_funding_and_the_reserves_breach(ssdc) -> None:  # type: ignore[no-untyped-def]
    assert ssdc.series["funded_from_capital_receipts"] == pytest.approx(
        [396_000, 237_600, 158_400, 0, 0]
    )
    assert ssdc.series["funded_from_reserves"] == pytest.approx([144_000, 381_312, 0, 0, 0])
    # Remaining gap: 1.2m - 192,000; 2.2m - 545,400; 3.2m - 818,865.60.
    # Reserves: 5.0m - 144,000 - 1,008,000 = 3,848,000; - 381,312 - 1,654,600 = 1,812,088,
    # below the £2.0m minimum from 2017/18; - 2,381,134.40 = -569,046.40.
    assert ssdc.reserves[:3] == pytest.approx([3_848_000, 1_812_088, -569_046.40], abs=PENNY)
    assert ssdc.reserves_breach_year == 2017
    assert ssdc.reserves_status == "below_minimum"


def test_npv_in_real_terms(ssdc) -> None:  # type: ignore[no-untyped-def]
    net = [
        192_000 - 540_000,
        545_400 - 618_912,
        818_865.60 - 158_400,
        1_105_088.592,
        1_296_492.33216,
    ]
    # The Green Book's 3.5% and the 2% deflator: net / 1.02^t / 1.035^t.
    npv = sum(n / 1.02**t / 1.035**t for t, n in enumerate(net))
    assert ssdc.npv == pytest.approx(npv, abs=PENNY)
