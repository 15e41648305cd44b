"""Scenario paths and a scenario with uncertainties and awkward names for the report tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
JOINT = str(SCENARIOS / "ssdc-sdc-joint.yaml")
SOLO = str(SCENARIOS / "ssdc-solo.yaml")
ALLIANCE = str(SCENARIOS / "ssdc-sdc-alliance.yaml")
PIONEER = str(SCENARIOS / "pioneer-somerset.yaml")

RISKY = """\
name: North & West <draft> option
kind: joint
description: Merge the <back office> & share "everything".
notes:
  - Savings from the <senior team> & integrated teams are uncertain
  - "Source: budget book 2015/16 | page 4"
start: 2016/17
years: 5
partners:
  - id: north
    name: North <Council> & Co
    budget_gap: {2016/17: £1m, 2018/19: £2m}
    note: Gap from the <MTFS> & the 2016 budget
  - id: west
    name: West Council
savings:
  - name: Shared <management>
    annual: £1.5m
    ramp: [50%]
    uncertainty: {low: -30%, likely: 0%, high: 10%}
    delay: {0: 70%, 1: 30%}
    note: From the <2015> structure chart & pay scales
one_off_costs:
  - name: Redundancy & strain
    amount: £1m
    year: 2016/17
    share: {north: 40%, west: 60%}
    uncertainty: {low: -10%, high: 50%, distribution: triangular}
"""


@pytest.fixture
def risky(tmp_path: Path) -> str:
    path = tmp_path / "risky.yaml"
    path.write_text(textwrap.dedent(RISKY), encoding="utf-8")
    return str(path)
