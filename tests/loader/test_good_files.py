"""Valid scenario files load into the model as written; warnings come back, not errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bizcase.io.loader import LoadedScenario, load_scenario
from bizcase.model.shares import Share
from bizcase.problems import InputError

GOOD = """\
# yaml-language-server: $schema=../schema/scenario.schema.json
name: Shared management team
kind: joint
description: Two councils share a chief executive and senior managers.
start: 2016/17
years: 10
discount_rate: 3.5%
partners:
  - id: ssdc
    name: South Somerset District Council
    weights: {population: 161000, net_budget: £18.2m}
    budget_gap: {2016/17: £1.0m, 2019/20: £4.1m}
  - id: sdc
    name: Sedgemoor District Council
    weights: {population: 122000, net_budget: "£13,400"}
    budget_gap: 350k
savings:
  - name: Shared senior management team
    annual: £1.0m
    from: 2016-17
    until: 2025/2026
    ramp: [50%, 0.75]
    confidence: 90%
    share: {ssdc: 48%, sdc: 52%}
income:
  - name: Trading
    annual: 13400.50
    share: ssdc
costs:
  - name: ICT licences
    annual: 50k
    share: by population
one_off_costs:
  - name: Redundancy and pension strain
    amount: £1.5m
    phasing: {2016/17: 60%, 2017: 40%}
    share: by net_budget
  - name: Rebranding
    amount: 20000
    year: 2016
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_good_file_loads_as_written(tmp_path: Path) -> None:
    file = write(tmp_path, "goodjoint.yaml", GOOD)
    loaded = load_scenario(file)
    assert isinstance(loaded, LoadedScenario)
    assert loaded.file == str(file)
    assert loaded.warnings == []
    s = loaded.scenario
    assert (s.name, s.kind, s.currency, s.start, s.years, s.end) == (
        "Shared management team",
        "joint",
        "GBP",
        2016,
        10,
        2025,
    )
    assert s.discount_rate.contract == 0.035
    ssdc, sdc = s.partners
    assert ssdc.weights == {"population": 161000.0, "net_budget": 18_200_000.0}
    assert ssdc.budget_gap == ((2016, 1_000_000.0), (2019, 4_100_000.0))
    assert sdc.weights == {"population": 122000.0, "net_budget": 13_400.0}
    assert sdc.budget_gap == 350_000.0
    [saving] = s.savings
    assert (saving.annual, saving.from_, saving.until) == (1_000_000.0, 2016, 2025)
    assert saving.ramp == (0.5, 0.75)
    assert saving.confidence == 0.9
    assert saving.share == Share("fixed", fixed=(("ssdc", 0.48), ("sdc", 0.52)))
    [income] = s.income
    assert income.annual == 13400.5
    assert income.share == Share("partner", partner="ssdc")
    assert income.from_ is None and income.until is None and income.confidence == 1.0
    [cost] = s.costs
    assert cost.share == Share("weight", weight="population")
    redundancy, rebranding = s.one_off_costs
    assert redundancy.phased() == ((2016, 0.6), (2017, 0.4))
    assert rebranding.phased() == ((2016, 1.0),)
    assert rebranding.share == Share("equal")


def test_minimal_file_takes_the_defaults(tmp_path: Path) -> None:
    file = write(
        tmp_path,
        "goodminimal.yaml",
        """\
        name: Do nothing
        start: 2016
        years: 1
        partners:
          - id: ssdc
            name: South Somerset
        """,
    )
    loaded = load_scenario(file)
    s = loaded.scenario
    assert loaded.warnings == []
    assert (s.kind, s.currency, s.discount_rate.contract, s.description) == (
        "other",
        "GBP",
        "green_book",
        None,
    )
    assert s.savings == s.income == s.costs == s.one_off_costs == ()
    assert s.partners[0].weights == {}
    assert s.partners[0].budget_gap is None


def test_flat_rate_green_book_and_fraction(tmp_path: Path) -> None:
    for rate, expected in [("green_book", "green_book"), ("0.035", 0.035), ("3%", 0.03)]:
        file = write(
            tmp_path,
            "goodrate.yaml",
            f"name: X\nstart: 2016\nyears: 1\ndiscount_rate: {rate}\n"
            "partners: [{id: a, name: A}]\n",
        )
        assert load_scenario(file).scenario.discount_rate.contract == expected


def test_share_mapping_within_tolerance_is_a_warning(tmp_path: Path) -> None:
    file = write(
        tmp_path,
        "goodnearly.yaml",
        """\
        name: Three-way split
        kind: alliance
        start: 2016/17
        years: 3
        partners:
          - {id: a, name: A}
          - {id: b, name: B}
          - {id: c, name: C}
        savings:
          - name: Shared team
            annual: £300k
            share: {a: 33.33%, b: 33.33%, c: 33.33%}
        """,
    )
    loaded = load_scenario(file)
    assert [str(w) for w in loaded.warnings] == [
        f"{file}:12:12: warning: savings[0].share: shares sum to 99.99%: "
        "0.01% of this figure goes to no partner"
    ]
    assert all(w.severity == "warning" for w in loaded.warnings)


def test_stream_outside_the_horizon_is_a_warning(tmp_path: Path) -> None:
    file = write(
        tmp_path,
        "goodlate.yaml",
        """\
        name: Late starter
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        savings:
          - name: Phase two
            annual: £1m
            from: 2021/22
        costs:
          - name: Old contract
            annual: 10k
            from: 2014/15
            until: 2015/16
        """,
    )
    loaded = load_scenario(file)
    assert [str(w) for w in loaded.warnings] == [
        f"{file}:10:11: warning: savings[0].from: starts in 2021/22, after the horizon ends "
        "(2020/21): it adds nothing",
        f"{file}:15:12: warning: costs[0].until: ends in 2015/16, before the horizon starts "
        "(2016/17): it adds nothing",
    ]
    assert loaded.scenario.savings[0].from_ == 2021


def test_one_off_costs_outside_the_horizon_are_errors_unless_sunk(tmp_path: Path) -> None:
    # Money never leaves the figures silently: a cost before the horizon must say it was
    # spent already (`sunk: true`), a part phased after it needs a longer horizon.
    file = write(
        tmp_path,
        "sunk.yaml",
        """\
        name: Sunk and late costs
        start: 2016/17
        years: 2
        partners:
          - id: ssdc
            name: South Somerset
        one_off_costs:
          - name: Feasibility study
            amount: 20k
            year: 2015/16
          - name: Redundancy
            amount: 100k
            phasing: {2017/18: 60%, 2018/19: 40%}
          - name: Set-up
            amount: 5k
            year: 2016/17
            sunk: true
        """,
    )
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    assert [str(p) for p in caught.value.problems] == [
        f"{file}:10:11: one_off_costs[0].year: 2015/16 is before the horizon (2016/17 to "
        "2017/18): money already spent is a sunk cost: add `sunk: true` to leave it out of "
        "the appraisal, or start the horizon earlier",
        f"{file}:13:29: one_off_costs[1].phasing.2018/19: 2018/19 is after the horizon "
        "(2016/17 to 2017/18): `years: 3` would include it",
        f"{file}:17:11: one_off_costs[2].sunk: `sunk: true` is for money spent before the "
        "horizon (2016/17 to 2017/18), but this cost falls in 2016/17: remove `sunk`",
    ]


def test_a_sunk_cost_is_reported_and_not_counted(tmp_path: Path) -> None:
    file = write(
        tmp_path,
        "sunk.yaml",
        """\
        name: Sunk cost
        start: 2016/17
        years: 2
        partners:
          - id: ssdc
            name: South Somerset
        savings:
          - {name: Shared team, annual: 100k}
        one_off_costs:
          - name: Feasibility study
            amount: 250k
            year: 2015/16
            sunk: true
            delay: {1: 100%}
        """,
    )
    loaded = load_scenario(file)
    assert loaded.warnings == []
    from bizcase.engine.result import evaluate

    result = evaluate(loaded.scenario, file)
    assert result.total.series["one_off_costs"] == [0.0, 0.0]  # not even when delayed
    assert result.total.payback_status == "nothing_to_pay_back"
    assert result.sunk_total == 250_000
    assert [(c.name, c.years) for c in result.sunk_costs] == [("Feasibility study", (2015,))]


@pytest.mark.parametrize(
    ("written", "pounds"),
    [
        ("350000", 350000.0),
        ("13400.50", 13400.5),
        ("£4.1m", 4_100_000.0),
        ('"£13,400"', 13_400.0),
        ("350k", 350_000.0),
        ("£2.5bn", 2_500_000_000.0),
        ("1e3", 1000.0),
    ],
)
def test_money_forms_through_the_loader(tmp_path: Path, written: str, pounds: float) -> None:
    file = write(
        tmp_path,
        "goodmoney.yaml",
        f"name: X\nstart: 2016\nyears: 1\npartners: [{{id: a, name: A}}]\n"
        f"savings:\n  - name: S\n    annual: {written}\n",
    )
    assert load_scenario(file).scenario.savings[0].annual == pounds


def test_anchors_and_merge_keys_in_a_scenario(tmp_path: Path) -> None:
    file = write(
        tmp_path,
        "goodanchors.yaml",
        """\
        name: Anchored
        kind: joint
        start: 2016/17
        years: 5
        partners:
          - {id: ssdc, name: South Somerset}
          - {id: sdc, name: Sedgemoor}
        savings:
          - &common
            name: Management
            annual: £1m
            share: {ssdc: 48%, sdc: 52%}
            confidence: 80%
          - <<: *common
            name: ICT
            annual: 200k
        """,
    )
    first, second = load_scenario(file).scenario.savings
    assert (second.name, second.annual) == ("ICT", 200_000.0)
    assert (second.confidence, second.share) == (first.confidence, first.share)


def test_notes_accumulate_through_extends(tmp_path: Path) -> None:
    write(
        tmp_path,
        "base.yaml",
        """\
        name: Base
        start: 2016/17
        years: 2
        notes: [Savings from the 2016 report, Pay award 1% a year]
        partners:
          - {id: a, name: A}
        """,
    )
    child = write(
        tmp_path,
        "child.yaml",
        "extends: base.yaml\nnotes: ['Alliance variant, half the savings']\n",
    )
    assert load_scenario(child).scenario.notes == (
        "Savings from the 2016 report",
        "Pay award 1% a year",
        "Alliance variant, half the savings",
    )


def test_a_dump_gives_rates_and_optimism_bias_as_the_file_writes_them() -> None:
    # scenarios/ssdc-sdc-joint-cash.yaml: `pay: {2017/18: 1%, 2018/19: 2%}`, `contracts: 3%`,
    # the default discount rate, and optimism bias written as 10% and as a Table 2 category.
    repo = Path(__file__).resolve().parents[2]
    scenario = load_scenario(repo / "scenarios" / "ssdc-sdc-joint-cash.yaml").scenario
    dumped = scenario.model_dump(mode="json")
    assert dumped["discount_rate"] == "green_book"
    assert dumped["prices"]["indices"] == {
        "pay": {"2017/18": 0.01, "2018/19": 0.02},
        "contracts": 0.03,
    }
    biases = [cost["optimism_bias"] for cost in dumped["one_off_costs"]]
    assert biases == [0.1, None, {"category": "equipment_development", "mitigation": 0.9}]
