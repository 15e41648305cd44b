"""The audit trail of one figure: its lines add up to the engine's figure, and each line is
worked out as the format page says."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bizcase.cli import app
from bizcase.engine.explain import METRICS, YEARLY, ExplainError, explain
from bizcase.engine.result import evaluate
from bizcase.io.loader import load_scenario
from bizcase.model.scenario import Scenario

REPO = Path(__file__).resolve().parents[2]


def scenario() -> Scenario:
    # Two partners over 3 years from 2016/17 at a flat 10%.
    # Saving S: £100k a year, ramp [50%], confidence 80%, share a 60% / b 40%.
    #   a: 2016/17 100,000 x 0.5 x 0.8 x 0.6 = 24,000; then 100,000 x 0.8 x 0.6 = 48,000
    # Cost C: £10k a year from 2017/18, equal: a 5,000 in 2017/18 and 2018/19.
    # One-off O: £30k in 2016/17 by population a 3 : b 1 -> a 22,500.
    # a's gap £60k from 2017/18 (0 in 2016/17).
    return Scenario.model_validate(
        {
            "name": "T",
            "start": "2016/17",
            "years": 3,
            "discount_rate": "10%",
            "partners": [
                {
                    "id": "a",
                    "name": "A",
                    "weights": {"population": 3},
                    "budget_gap": {"2017/18": "60k"},
                },
                {"id": "b", "name": "B", "weights": {"population": 1}},
            ],
            "savings": [
                {
                    "name": "S",
                    "annual": "100k",
                    "ramp": ["50%"],
                    "confidence": "80%",
                    "share": {"a": "60%", "b": "40%"},
                }
            ],
            "costs": [{"name": "C", "annual": "10k", "from": "2017/18"}],
            "one_off_costs": [
                {"name": "O", "amount": "30k", "year": "2016/17", "share": "by population"}
            ],
        }
    )


def test_remaining_gap_trail_matches_hand_working() -> None:
    # a in 2017/18: gap 60,000 - (48,000 - 5,000) = 17,000
    e = explain(scenario(), "remaining_gap", "a", 2017)
    assert e.value == pytest.approx(17_000, abs=1e-6)
    gap, net = e.lines
    assert gap.amount == 60_000 and "listed for that year" in gap.detail
    assert net.amount == pytest.approx(-43_000)
    savings, costs = net.children
    assert savings.children[0].amount == pytest.approx(48_000)
    assert "ramp 100% (year 2 from 2016/17)" in savings.children[0].detail
    assert "confidence 80%" in savings.children[0].detail
    assert costs.amount == pytest.approx(-5_000)


def test_gap_before_first_listed_year_is_explained_as_none() -> None:
    e = explain(scenario(), "gap", "a", 2016)
    assert e.value == 0
    assert "none before the first listed year, 2017/18" in e.lines[0].detail


def test_one_off_share_by_weight() -> None:
    # 30,000 x 100% in 2016/17 x 3/4 = 22,500
    e = explain(scenario(), "one_off_costs", "a", 2016)
    assert e.value == pytest.approx(22_500)
    assert "by population: 3 of 4" in e.lines[0].detail
    assert e.silent == ()


def test_items_adding_nothing_are_listed() -> None:
    e = explain(scenario(), "costs", "a", 2016)
    assert e.value == 0
    assert e.silent == ("Cost: C",)


def test_npv_trail_discounts_each_year() -> None:
    # a's net: 2016/17 24,000 - 22,500 = 1,500; 2017/18 48,000 - 5,000 = 43,000; 2018/19 43,000
    # npv = 1,500 + 43,000/1.1 + 43,000/1.21 = 1,500 + 39,090.909... + 35,537.190... = 76,128.10
    e = explain(scenario(), "npv", "a", None)
    assert e.value == pytest.approx(1_500 + 43_000 / 1.1 + 43_000 / 1.21)
    assert math.fsum(line.amount for line in e.lines) == pytest.approx(e.value)


@pytest.mark.parametrize("path", sorted((REPO / "scenarios").glob("*.yaml")), ids=lambda p: p.name)
def test_every_figure_of_every_bundled_scenario_adds_up(path: Path) -> None:
    loaded = load_scenario(path)
    result = evaluate(loaded.scenario, loaded.file)
    for view in [*result.partner_ids, "total"]:
        for metric in METRICS:
            years = result.years if metric in YEARLY else [None]
            for year in years:
                if metric == "reserves" and result.view(view).reserves is None:
                    with pytest.raises(ExplainError, match="reserves are followed only"):
                        explain(loaded.scenario, metric, view, year)
                    continue
                e = explain(loaded.scenario, metric, view, year)
                assert math.fsum(line.amount for line in e.lines) == pytest.approx(
                    e.value, abs=1e-6
                ), (metric, view, year)


@pytest.mark.parametrize(
    ("metric", "view", "year", "message"),
    [
        ("profit", "a", 2016, "unknown metric 'profit': one of savings"),
        ("npvv", "a", None, "unknown metric 'npvv': did you mean 'npv'\\? one of"),
        ("gap", "z", 2016, "'z' is not a partner of this option"),
        ("gap", "a", None, "give --year"),
        ("gap", "a", 2030, "2030/31 is outside the horizon"),
        ("npv", "a", 2016, "leave out --year"),
    ],
)
def test_bad_requests_are_refused(metric: str, view: str, year: int | None, message: str) -> None:
    with pytest.raises(ExplainError, match=message):
        explain(scenario(), metric, view, year)


def test_explain_command() -> None:
    runner = CliRunner()
    ok = runner.invoke(
        app,
        [
            "explain",
            str(REPO / "scenarios/pioneer-somerset.yaml"),
            "-p",
            "tdbc",
            "-y",
            "2009/10",
            "-m",
            "one_off_costs",
        ],
    )
    assert ok.exit_code == 0, ok.stderr
    assert "£13,400.00" in ok.stdout
    assert "by net_budget: 13,400,000 of 350,000,000" in ok.stdout
    bad = runner.invoke(app, ["explain", str(REPO / "scenarios/ssdc-solo.yaml"), "-y", "2016/18"])
    assert bad.exit_code == 2
    assert bad.stdout == ""
    assert "--year" in bad.stderr
