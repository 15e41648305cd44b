"""Every bundled scenario loads cleanly and reproduces the figures of its seed report.

Expected figures come from the reports in ../shared/seeds/, not from bizcase's output:
the paragraph is named beside each assertion.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bizcase.engine.result import evaluate
from bizcase.io.loader import load_scenario
from bizcase.render.money import pennies, split_pennies
from bizcase.results.option import OptionResult

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def result(name: str) -> OptionResult:
    loaded = load_scenario(SCENARIOS / name)
    assert loaded.warnings == []
    return evaluate(loaded.scenario, loaded.file)


def at(option: OptionResult, view: str, series: str, year: int) -> float:
    return option.view(view).series[series][option.years.index(year)]


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_scenario_loads_without_warnings(path: Path) -> None:
    loaded = load_scenario(path)
    assert loaded.warnings == []
    assert loaded.scenario.name


def test_bundled_set_is_the_four_seed_options_and_the_joint_one_in_cash() -> None:
    assert sorted(p.name for p in SCENARIOS.glob("*.yaml")) == [
        "pioneer-somerset.yaml",
        "ssdc-sdc-alliance.yaml",
        "ssdc-sdc-joint-cash.yaml",
        "ssdc-sdc-joint.yaml",
        "ssdc-solo.yaml",
        "tdbc-wsc-merger.yaml",
    ]


class TestJointAuthority:
    option = result("ssdc-sdc-joint.yaml")

    def test_shape(self) -> None:
        assert self.option.kind == "joint"
        assert self.option.partner_ids == ["ssdc", "sdc"]
        assert self.option.years == [2016, 2017, 2018, 2019, 2020]  # 5 years, §3.3(b)

    def test_shared_pot_of_2_5m_by_year_5(self) -> None:
        # §3.3(b): "a shared pot of £2.5m over a period of 5 years"
        assert at(self.option, "total", "savings", 2020) == pytest.approx(2_500_000, abs=0.005)

    def test_ssdc_share_about_1_2m(self) -> None:
        # §3.3(b): "The total savings for SSDC ... in the region of £1.2m"
        assert at(self.option, "ssdc", "savings", 2020) == pytest.approx(1_200_000, abs=0.005)

    def test_ssdc_gap_4_1m_by_2019_20_not_closed(self) -> None:
        # §3.3(a) £4.1m by 2020; §3.3(c) a joint authority alone is insufficient
        ssdc = self.option.view("ssdc")
        assert at(self.option, "ssdc", "gap", 2019) == 4_100_000
        assert ssdc.gap_closed_year is None
        assert ssdc.last("remaining_gap") == pytest.approx(4_100_000 - 1_200_000, abs=0.005)
        assert ssdc.coverage == pytest.approx(1.2 / 4.1)

    def test_significant_one_off_costs_including_redundancy(self) -> None:
        # §5.3: "the once off costs, including redundancy, are significant"
        scenario = load_scenario(SCENARIOS / "ssdc-sdc-joint.yaml").scenario
        assert any("Redundancy" in cost.name for cost in scenario.one_off_costs)
        assert self.option.total.totals["total_one_off_costs"] >= 1_000_000


class TestSolo:
    option = result("ssdc-solo.yaml")

    def test_shape(self) -> None:
        assert self.option.kind == "solo"
        assert self.option.partner_ids == ["ssdc"]

    def test_4_2m_over_4_years_closes_the_4_1m_gap(self) -> None:
        # §3.3(d): £4.2m over 4 years; §5.4: meets the savings targets over the next 4 years
        ssdc = self.option.view("ssdc")
        assert at(self.option, "ssdc", "savings", 2019) == pytest.approx(4_200_000, abs=0.005)
        assert at(self.option, "ssdc", "remaining_gap", 2019) == pytest.approx(-100_000, abs=0.005)
        assert ssdc.gap_closed_year is not None and ssdc.gap_closed_year <= 2019
        assert ssdc.coverage is not None and ssdc.coverage > 1


class TestAlliance:
    option = result("ssdc-sdc-alliance.yaml")

    def test_quick_wins_are_small_and_avoid_redundancy(self) -> None:
        # §6.3: joint recruitment to vacant posts avoids redundancy; income generation;
        # procurement. The alliance alone leaves most of SSDC's gap.
        scenario = load_scenario(SCENARIOS / "ssdc-sdc-alliance.yaml").scenario
        names = " ".join(s.name for s in (*scenario.savings, *scenario.income)).lower()
        assert "recruitment" in names and "income" in names and "procurement" in names
        assert not any("redundancy" in c.name.lower() for c in scenario.one_off_costs)
        assert self.option.kind == "alliance"
        assert self.option.view("ssdc").gap_closed_year is None
        assert self.option.view("ssdc").last("net_recurring") < 500_000


class TestPioneerSomerset:
    option = result("pioneer-somerset.yaml")

    def test_six_councils_from_2009_10_to_2012_13(self) -> None:
        assert self.option.kind == "shared_service"
        assert self.option.partner_ids == ["scc", "mdc", "sdc", "ssdc", "tdbc", "wsc"]
        assert self.option.years[0] == 2009 and self.option.years[-1] >= 2012

    def test_programme_team_350k_with_taunton_deane_paying_13_400(self) -> None:
        # §4.3: "up to a total budget of £350k ... The apportionment to TDBC is £13,400"
        assert pennies(at(self.option, "tdbc", "one_off_costs", 2009)) == 1_340_000
        total = at(self.option, "total", "one_off_costs", 2009)
        assert total == pytest.approx(350_000, abs=0.005)
        # then £350k a year, funded from the programme's savings
        assert at(self.option, "total", "costs", 2010) == pytest.approx(350_000, abs=0.005)

    def test_taunton_deane_draws_its_13_400_from_reserves(self) -> None:
        # §6.1: "drawing £13,400 from reserves to cover TDBC's part of the project
        # management costs on the basis of invest to save"
        drawn = at(self.option, "tdbc", "funded_from_reserves", 2009)
        assert pennies(drawn) == 1_340_000

    def test_shares_of_the_350k_add_up_to_the_penny(self) -> None:
        parts = [at(self.option, pid, "one_off_costs", 2009) for pid in self.option.partner_ids]
        assert sum(split_pennies(parts, 350_000)) == 35_000_000

    def test_20m_a_year_savings_aim_by_2012_13(self) -> None:
        # §2.1: "annual revenue savings ... of £20m, by 2012/13"
        assert at(self.option, "total", "savings", 2012) == pytest.approx(20_000_000, abs=0.005)
