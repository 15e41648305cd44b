"""Several options at once, as main's CLI does them: simulated together on common random
numbers (`simulate A B`, `choose`), compared against a baseline (`compare --baseline`),
and gated on which is best (`check -r "p_best >= 50%"`)."""

from __future__ import annotations

import json

import pytest

import bizcase
from bizcase.render.choice_out import choice_json
from tests.conftest import Invoke

UNCERTAIN = ["scenarios/uncertain/joint.yaml", "scenarios/uncertain/solo.yaml"]


def cli_json(invoke: Invoke, *args: str) -> object:
    done = invoke(*args)
    assert done.exit_code in (0, 1), done.output
    return json.loads(done.stdout)


def test_choose_is_simulate_of_several_files(invoke: Invoke) -> None:
    document = cli_json(invoke, "simulate", *UNCERTAIN, "--draws", "3000", "--seed", "5",
                        "--format", "json")  # fmt: skip
    choice = bizcase.choose(UNCERTAIN, draws=3000, seed=5)
    options = [bizcase.load(file) for file in UNCERTAIN]
    names, files = [o.name for o in options], [o.file for o in options]
    assert json.loads(choice_json(choice, names, files)) == document
    assert sum(choice.views["ssdc"].p_best) == pytest.approx(1.0)


def test_simulating_several_gives_each_its_share_of_the_common_draws() -> None:
    choice = bizcase.choose(UNCERTAIN, draws=2000, seed=9)
    assert bizcase.simulate(UNCERTAIN, draws=2000, seed=9) == choice.options
    assert set(choice.options[0].views) == {"ssdc"}  # the partner they share


def test_choose_needs_two() -> None:
    with pytest.raises(bizcase.InputError, match="two or more"):
        bizcase.choose(UNCERTAIN[:1], draws=100)


def test_compare_with_a_baseline_is_compare_baseline(invoke: Invoke) -> None:
    files = ["scenarios/ssdc-sdc-joint.yaml", "scenarios/ssdc-solo.yaml"]
    document = cli_json(invoke, "compare", *files, "--baseline", files[1], "--format", "json")
    assert bizcase.compare(files, baseline=1).to_dict() == document
    with pytest.raises(bizcase.InputError, match="baseline"):
        bizcase.compare(files, baseline=2)


def test_checks_comparing_options_are_the_clis(invoke: Invoke) -> None:
    conditions = ["ssdc.p_best >= 50%", "ssdc.p_beats:solo > 10%", "ssdc.npv_p10 > 0"]
    args = [f"--require={c}" for c in conditions]
    document = cli_json(invoke, "check", *UNCERTAIN, *args, "--draws", "2000", "--seed", "4",
                        "--format", "json")  # fmt: skip
    checks = bizcase.check(UNCERTAIN, conditions, draws=2000, seed=4)
    assert checks.to_dict() == document
    assert len(checks.checks) == 5  # p_beats:solo is not checked for solo itself
