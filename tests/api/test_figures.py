"""The API's figures: hand-worked for a small scenario, the seed reports' for the bundled
ones (the paragraph named beside each), and the contract's keys on every view."""

from __future__ import annotations

from pathlib import Path

import pytest

import bizcase
from bizcase.results.option import SERIES, TOTALS
from tests.api.samples import SCENARIOS, SMALL


def test_a_small_option_worked_by_hand() -> None:
    north = bizcase.loads(SMALL).run().view("north")
    assert north.net == [-50_000, 100_000, 100_000]
    assert north.cumulative_net == [-50_000, 50_000, 150_000]
    # -50,000 + 100,000 / 1.1 + 100,000 / 1.1^2
    assert north.npv == pytest.approx(123_553.719008, abs=1e-6)
    assert north.payback_year == 2025  # 2025/26, the second year
    assert north.payback_period == 1.5  # £150k out at the start, £100k in through each year
    assert north.bcr == pytest.approx((100_000 + 100_000 / 1.1 + 100_000 / 1.21) / 150_000)
    assert north.gap_status == "no_gap" and north.coverage is None
    assert north.total_net == 150_000 and north.total_one_off_costs == 150_000


def test_solo_closes_the_4_1m_gap_with_4_2m_over_four_years() -> None:
    # Joint Working Report §3.3(d): £4.2m over 4 years; §5.4: meets the £4.1m by 2019/20
    option = bizcase.load("scenarios/ssdc-solo.yaml")
    ssdc = option.run().view("ssdc")
    assert option.run().years == [2016, 2017, 2018, 2019, 2020]
    assert ssdc.savings[3] == pytest.approx(4_200_000, abs=0.005)
    assert ssdc.remaining_gap[3] == pytest.approx(-100_000, abs=0.005)
    assert ssdc.gap_closed_year is not None and ssdc.gap_closed_year <= 2019
    assert ssdc.coverage == pytest.approx(4.2 / 4.1)


def test_joint_gives_ssdc_1_2m_of_a_2_5m_pot_and_leaves_its_gap_open() -> None:
    # §3.3(b): a shared pot of £2.5m by year 5, SSDC's share about £1.2m; §3.3(c)
    result = bizcase.run("scenarios/ssdc-sdc-joint.yaml")
    assert result.view("total").savings[-1] == pytest.approx(2_500_000, abs=0.005)
    assert result.view("ssdc").savings[-1] == pytest.approx(1_200_000, abs=0.005)
    assert result.view("ssdc").gap_closed_year is None
    assert result.view("ssdc").gap_status == "not_closed"


def test_pioneer_somerset_taunton_deane_pays_13_400_of_350k_from_reserves() -> None:
    # Pioneer Somerset §4.3: "a total budget of £350k ... The apportionment to TDBC is
    # £13,400"; §6.1: "drawing £13,400 from reserves"
    result = bizcase.run("scenarios/pioneer-somerset.yaml")
    tdbc = result.view("tdbc")
    assert tdbc.one_off_costs[0] == pytest.approx(13_400, abs=0.005)
    assert tdbc.funded_from_reserves[0] == pytest.approx(13_400, abs=0.005)
    assert result.view("total").one_off_costs[0] == pytest.approx(350_000, abs=0.005)


@pytest.mark.parametrize("file", SCENARIOS)
def test_every_contract_key_of_a_view_is_an_attribute(file: str) -> None:
    for view in bizcase.run(file).views:
        for key in SERIES:
            assert getattr(view, key) == view.series[key], key
        for key in TOTALS:
            assert getattr(view, key) == view.totals[key], key


def test_option_level_contract_names() -> None:
    result = bizcase.run("scenarios/ssdc-solo.yaml")
    assert result.price_indices is result.index_factors
    assert result.sunk_cost_items is result.sunk_costs
    assert result.discount_rate.contract == "green_book"


def test_a_path_a_mapping_and_text_give_the_same_figures() -> None:
    import yaml

    text = Path("scenarios/ssdc-solo.yaml").read_text(encoding="utf-8")
    from_file = bizcase.load("scenarios/ssdc-solo.yaml").run()
    from_text = bizcase.loads(text, name="solo").run()
    from_dict = bizcase.load(yaml.safe_load(text), name="solo").run()
    for other in (from_text, from_dict):
        assert other.file == "solo"
        assert other.to_records() == from_file.to_records()
        assert other.view("ssdc") == from_file.view("ssdc")


def test_a_mapping_is_not_changed_by_loading() -> None:
    import copy

    import yaml

    data = yaml.safe_load(SMALL)
    before = copy.deepcopy(data)
    bizcase.load(data)
    assert data == before


def test_results_are_frozen() -> None:
    import dataclasses

    result = bizcase.loads(SMALL).run()
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.name = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.view("north").npv = 0.0  # type: ignore[misc]


def test_an_option_runs_to_equal_results_each_time() -> None:
    option = bizcase.loads(SMALL)
    assert option.run() == option.run()
    assert bizcase.run(option) == option.run()
    assert isinstance(option.run(), bizcase.Result)
