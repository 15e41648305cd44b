"""The API and the CLI give the same figures: the CLI's JSON, parsed, equals what the API's
values say, for every bundled scenario and every command the API offers."""

from __future__ import annotations

import json

import pytest

import bizcase
from bizcase.render.risk_out import sensitivity_json, simulation_json, switching_json
from bizcase.render.sweep_out import render_sweep_json
from tests.api.samples import SCENARIOS
from tests.conftest import Invoke


def cli_json(invoke: Invoke, *args: str) -> object:
    done = invoke(*args)
    assert done.exit_code in (0, 1), done.output
    return json.loads(done.stdout)


@pytest.mark.parametrize("file", SCENARIOS)
def test_run_to_dict_is_run_format_json(invoke: Invoke, file: str) -> None:
    document = cli_json(invoke, "run", file, "--format", "json")
    assert isinstance(document, dict)
    assert document["options"] == [bizcase.load(file).run().to_dict()]


def test_compare_to_dict_is_compare_format_json(invoke: Invoke) -> None:
    document = cli_json(invoke, "compare", *SCENARIOS[1:], "--format", "json")
    assert bizcase.compare(SCENARIOS[1:]).to_dict() == document


def test_check_to_dict_is_check_format_json(invoke: Invoke) -> None:
    conditions = ["npv > 0", "ssdc.gap_closed_year <= 2019/20", "p_payback >= 50%"]
    args = [f"--require={c}" for c in conditions]
    files = ["scenarios/ssdc-solo.yaml", "scenarios/ssdc-sdc-joint.yaml"]
    document = cli_json(invoke, "check", *files, *args, "--draws", "500", "--seed", "3",
                        "--format", "json")  # fmt: skip
    checks = bizcase.check(files, conditions, draws=500, seed=3)
    assert checks.to_dict() == document
    assert checks.passed is False and [c.file for c in checks.failed] == [files[1]]


def test_simulate_is_simulate_format_json(invoke: Invoke) -> None:
    file = "scenarios/ssdc-sdc-joint.yaml"
    document = cli_json(invoke, "simulate", file, "--draws", "2000", "--seed", "7", "-f", "json")
    (simulation,) = bizcase.simulate([file], draws=2000, seed=7)
    option = bizcase.load(file)
    assert json.loads(simulation_json(simulation, option.name, option.file)) == document
    assert option.simulate(draws=2000, seed=7) == simulation


def test_sensitivity_and_switching_are_the_clis(invoke: Invoke) -> None:
    file = "scenarios/ssdc-sdc-joint.yaml"
    option = bizcase.load(file)
    cli = cli_json(invoke, "sensitivity", file, "--partner", "ssdc", "--range", "10%",
                   "--format", "json")  # fmt: skip
    found = option.sensitivity("ssdc", spread=0.1)
    assert json.loads(sensitivity_json(found, option.name, file)) == cli
    assert bizcase.sensitivity(file, "ssdc", spread=0.1) == found
    cli = cli_json(invoke, "switching", file, "--partner", "ssdc", "--format", "json")
    assert json.loads(switching_json(option.switching("ssdc"), option.name, file)) == cli


def test_sweep_is_sweep_format_json(invoke: Invoke) -> None:
    file, setting = "scenarios/ssdc-solo.yaml", "discount_rate=1%,3.5%,6%"
    cli = cli_json(invoke, "sweep", file, "--set", setting, "--format", "json")
    assert json.loads(render_sweep_json(bizcase.sweep(file, [setting]))) == cli
