"""Switching values: each reported change, applied by editing the scenario and re-running
the engine as `bizcase run` does, lands on the threshold (within a penny)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bizcase.engine.plan import compile_plan
from bizcase.engine.result import evaluate
from bizcase.model.scenario import Scenario
from bizcase.model.units import parse_money
from bizcase.results.option import OptionResult
from bizcase.results.switching import Switching
from bizcase.risk.switching import subjects, summary, switching_values

ROOT = Path(__file__).resolve().parents[2]
PENNY = 0.01


def _joint_data() -> dict[str, Any]:
    with (ROOT / "scenarios" / "ssdc-sdc-joint.yaml").open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def _mixed_data() -> dict[str, Any]:
    """Every kind of stream, two partners with gaps, the Green Book rate, phasing."""
    return {
        "name": "Mixed",
        "kind": "joint",
        "start": "2020/21",
        "years": 8,
        "partners": [
            {"id": "n", "name": "North", "budget_gap": {"2021/22": "£400k", "2024/25": "£900k"}},
            {"id": "s", "name": "South", "budget_gap": "£150k"},
        ],
        "savings": [
            {"name": "Back office", "annual": "£600k", "ramp": ["20%", "60%"]},
            {
                "name": "Estates",
                "annual": "£250k",
                "from": "2022/23",
                "share": "n",
                "confidence": "80%",
            },
        ],
        "income": [{"name": "Lettings", "annual": "£90k", "until": "2025/26", "share": "s"}],
        "costs": [{"name": "Hosting", "annual": "£140k", "share": {"n": "70%", "s": "30%"}}],
        "one_off_costs": [
            {"name": "Exit", "amount": "£1.2m", "phasing": {"2020/21": "50%", "2021/22": "50%"}},
            {"name": "ICT", "amount": "£700k", "year": "2021/22", "share": "n"},
        ],
    }


def _hand_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Hand",
        "kind": "solo",
        "start": "2016/17",
        "years": 4,
        "discount_rate": "0%",
        "partners": [{"id": "a", "name": "A", "budget_gap": "£80k"}],
        "savings": [{"name": "Saving", "annual": "£100k"}],
        "one_off_costs": [{"name": "Setup", "amount": "£300k", "year": "2016/17"}],
    }
    data.update(changes)
    return data


def _switch(data: dict[str, Any], view: str | None) -> tuple[Scenario, Switching]:
    scenario = Scenario.model_validate(data)
    return scenario, switching_values(scenario, compile_plan(scenario), view)


def _apply(data: dict[str, Any], changes: tuple[tuple[str, int], ...], change: float) -> Scenario:
    """The scenario with each named item's amount multiplied by 1 + change."""
    edited = copy.deepcopy(data)
    for block, index in changes:
        item = edited[block][index]
        key = "amount" if block == "one_off_costs" else "annual"
        item[key] = parse_money(item[key]) * (1 + change)
    return Scenario.model_validate(edited)


def _figure(result: OptionResult, view: str | None, test: str) -> float:
    v = result.view(view)
    if test == "npv":
        return v.npv
    if test == "gap_closed":
        return v.last("remaining_gap")
    return v.last("cumulative_net")


CASES = [
    ("joint", _joint_data, "ssdc"),
    ("joint", _joint_data, "sdc"),
    ("joint", _joint_data, None),
    ("mixed", _mixed_data, "n"),
    ("mixed", _mixed_data, "s"),
    ("mixed", _mixed_data, "total"),
    ("hand", _hand_data, None),
]


@pytest.mark.parametrize(("name", "make", "view"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_every_switching_value_lands_on_its_threshold(
    name: str, make: Any, view: str | None
) -> None:
    data = make()
    scenario, result = _switch(data, view)
    by_label = {s.label: s.changes for s in subjects(scenario)}
    assert [row.subject for row in result.rows] == list(by_label)
    found = 0
    for row in result.rows:
        for value in row.values:
            if value.change is None:
                assert value.reason and not value.verified
                continue
            found += 1
            assert value.reason is None
            assert value.verified, (row.subject, value.test)
            edited = evaluate(_apply(data, by_label[row.subject], value.change), "x.yaml")
            assert abs(_figure(edited, view, value.test)) < PENNY, (row.subject, value.test)
    assert found > 0
    assert summary(result.rows) == {"found": found, "verified": found}


def test_bundled_joint_for_ssdc_flips_as_described() -> None:
    # For ssdc the option has a positive NPV and does not close the £4.1m gap: the gap test
    # reads "not closed" now and its switching value for all savings is a rise.
    _, result = _switch(_joint_data(), "ssdc")
    row = next(r for r in result.rows if r.subject == "All savings")
    values = {v.test: v for v in row.values}
    assert values["npv"].now == "NPV positive" and values["npv"].change is not None
    assert values["npv"].change < 0
    assert values["gap_closed"].now == "final-year gap not closed"
    assert values["gap_closed"].becomes == "final-year gap closed"
    assert values["gap_closed"].change is not None and values["gap_closed"].change > 0


def test_hand_worked() -> None:
    """0% discount, 4 years: npv = 4 x 100k - 300k = 100k, and (no discounting) the final
    cumulative net is the same 100k.
      all savings, npv:       400k x (1 + c) - 300k = 0   -> c = -25%
      all savings, payback:   the same                    -> c = -25%
      all savings, gap:       80k - 100k x (1 + c) = 0    -> c = -20%
      one-off costs, npv:     400k - 300k x (1 + c) = 0   -> c = +33.33%
      one-off costs, gap:     no effect on the recurring budget
    """
    _, result = _switch(_hand_data(), None)
    rows = {row.subject: {v.test: v for v in row.values} for row in result.rows}
    assert list(rows) == ["All savings", "Saving: Saving", "All one-off costs"]
    for subject in ("All savings", "Saving: Saving"):
        assert rows[subject]["npv"].change == pytest.approx(-0.25, abs=1e-12)
        assert rows[subject]["payback"].change == pytest.approx(-0.25, abs=1e-12)
        assert rows[subject]["gap_closed"].change == pytest.approx(-0.20, abs=1e-12)
    assert rows["All one-off costs"]["npv"].change == pytest.approx(1 / 3, abs=1e-12)
    assert rows["All one-off costs"]["payback"].change == pytest.approx(1 / 3, abs=1e-12)
    gap = rows["All one-off costs"]["gap_closed"]
    assert gap.change is None and gap.reason == "no effect" and not gap.verified
    npv = rows["All savings"]["npv"]
    assert (npv.now, npv.becomes) == ("NPV positive", "NPV negative")


def test_unreachable_switching_values() -> None:
    # A £10k saving beside £100k of income, no one-off cost, 0%: npv = 4 x 110k = 440k.
    # The saving alone would have to fall by 440k / 40k = 1100% to turn npv negative: below
    # zero, so not reachable. Likewise for the gap (80k - 110k): -30k / 10k = -300%.
    data = _hand_data(
        savings=[{"name": "Small", "annual": "£10k"}],
        income=[{"name": "Rent", "annual": "£100k"}],
        one_off_costs=[],
    )
    _, result = _switch(data, None)
    rows = {row.subject: {v.test: v for v in row.values} for row in result.rows}
    for test in ("npv", "gap_closed", "payback"):
        value = rows["Saving: Small"][test]
        assert value.change is None
        assert value.reason == "not reachable: the amount would be below zero"
        assert not value.verified
    # The income: npv 40k + 400k x (1 + c) = 0 needs c = -110%, below -100% too, so
    # unreachable; but the gap, 80k - 10k - 100k x (1 + c) = 0, flips at c = -30%.
    assert rows["Income: Rent"]["npv"].change is None
    assert rows["Income: Rent"]["gap_closed"].change == pytest.approx(-0.30, abs=1e-12)
    assert rows["Income: Rent"]["gap_closed"].verified


def test_a_figure_exactly_on_its_threshold() -> None:
    # Gap £80k, saving £100k, cost £20k: the remaining gap is exactly 0, so the gap counts
    # as closed and every subject's switching value for it is 0%. For the saving the test
    # flips when it falls, for the cost when it rises: both must be verified, and the
    # change reported as 0, never -0.
    data = _hand_data(costs=[{"name": "Hosting", "annual": "£20k"}], one_off_costs=[])
    _, result = _switch(data, None)
    for row in result.rows:
        gap = next(v for v in row.values if v.test == "gap_closed")
        assert gap.now == "final-year gap closed"
        assert gap.change == 0.0 and str(gap.change) == "0.0", row.subject
        assert gap.verified, row.subject
