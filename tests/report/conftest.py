"""Scenario paths and a scenario with uncertainties and awkward names for the report tests."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from bizcase.appraisal.option import Option
    from bizcase.render.report import Report

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


def appraised_report(
    options: Sequence[Option], partner: str | None = None, *, charts: bool = True
) -> Report:
    """What `bizcase report` builds: views chosen once, risk findings, then the report."""
    from bizcase.appraisal.risk import FAN_DRAWS, risk_findings
    from bizcase.appraisal.views import select_views
    from bizcase.render.report import build_report

    results = [option.result for option in options]
    views = select_views(results, partner)
    findings = risk_findings(options, views, FAN_DRAWS, 0)
    scenarios = [option.scenario for option in options]
    return build_report(results, scenarios, views, findings, charts=charts)
