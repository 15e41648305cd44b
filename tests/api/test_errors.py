"""Errors are exceptions holding the problems the CLI prints: each with its file, line,
column and field path, every one at once."""

from __future__ import annotations

import pytest

import bizcase
from bizcase.problems import Problem
from tests.api.samples import SMALL
from tests.conftest import Invoke, Write

BAD = """\
name: Broken
kind: solo
start: 2016/17
years: three
partners:
  - id: north
    name: North Council
savings:
  - name: Legal
    annual: 100 pounds
"""


def test_a_bad_file_raises_every_problem_with_its_position(write: Write) -> None:
    path = write("bad.yaml", BAD)
    with pytest.raises(bizcase.ScenarioError) as caught:
        bizcase.load(path)
    problems = caught.value.problems
    assert [(p.file, p.line, p.column, p.path) for p in problems] == [
        (path, 4, 8, ("years",)),
        (path, 10, 13, ("savings", 0, "annual")),
    ]
    assert "not an amount of money" in problems[1].message
    assert str(caught.value).splitlines() == [str(p) for p in problems]


def test_the_problems_are_those_the_cli_prints(invoke: Invoke, write: Write) -> None:
    path = write("bad.yaml", BAD)
    with pytest.raises(bizcase.ScenarioError) as caught:
        bizcase.load(path)
    done = invoke("run", path)
    assert done.exit_code == 2
    printed = done.stderr.splitlines()
    assert printed[:-1] == [str(p) for p in caught.value.problems]
    assert printed[-1] == "2 problems found; nothing was calculated."


def test_yaml_text_problems_are_placed_in_the_text() -> None:
    with pytest.raises(bizcase.ScenarioError) as caught:
        bizcase.loads(BAD, name="pasted.yaml")
    assert [(p.file, p.line, p.column) for p in caught.value.problems] == [
        ("pasted.yaml", 4, 8),
        ("pasted.yaml", 10, 13),
    ]


def test_yaml_syntax_in_text_is_placed_too() -> None:
    with pytest.raises(bizcase.ScenarioError) as caught:
        bizcase.loads("name: x\n\tkind: solo\n")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("<string>", 2)
    assert "tabs" in problem.message


def test_a_mapping_problem_has_a_path_and_no_line() -> None:
    import yaml

    data = yaml.safe_load(SMALL)
    data["savings"][0]["annual"] = "lots"
    with pytest.raises(bizcase.ScenarioError) as caught:
        bizcase.load(data, name="in memory")
    (problem,) = caught.value.problems
    assert problem == Problem(
        "in memory", problem.message, line=None, column=None, path=("savings", 0, "annual")
    )


def test_a_string_is_a_path_never_yaml() -> None:
    with pytest.raises(bizcase.ScenarioError) as caught:
        bizcase.load(SMALL)
    assert caught.value.problems[0].message == "no such file"


def test_extends_needs_a_file() -> None:
    with pytest.raises(bizcase.ScenarioError) as caught:
        bizcase.loads("extends: base.yaml\n" + SMALL)
    (problem,) = caught.value.problems
    assert (problem.line, problem.path) == (1, ("extends",))


def test_every_bad_file_is_reported_together(write: Write) -> None:
    one, two = write("one.yaml", BAD), write("two.yaml", "name: [\n")
    with pytest.raises(bizcase.ScenarioError) as caught:
        bizcase.compare([one, two, "scenarios/ssdc-solo.yaml"])
    assert {p.file for p in caught.value.problems} == {one, two}


def test_warnings_do_not_stop_an_option_and_are_kept_on_it() -> None:
    text = SMALL.replace("savings: [{name: Legal, annual: £100k}]",
                         "savings: [{name: Legal, annual: £100k, from: 2030/31}]")  # fmt: skip
    option = bizcase.loads(text)
    (warning,) = option.warnings
    assert warning.severity == "warning"
    assert (warning.line, warning.path) == (7, ("savings", 0, "from"))
    assert "after the horizon ends" in warning.message
    assert option.run().view("north").total_savings == 0


def test_arguments_are_input_errors_not_scenario_errors() -> None:
    option = bizcase.loads(SMALL)
    with pytest.raises(bizcase.InputError) as caught:
        bizcase.check([option], ["npv >> 0", "south.npv > 0"])
    assert not isinstance(caught.value, bizcase.ScenarioError)
    assert "unknown operator" in caught.value.problems[0].message
    with pytest.raises(bizcase.InputError, match="not a partner"):
        bizcase.check([option], ["south.npv > 0"])
    with pytest.raises(bizcase.InputError, match="not a partner"):
        bizcase.compare([option], partner="south")
    with pytest.raises(bizcase.InputError, match="spread"):
        option.sensitivity(spread=1.5)
    with pytest.raises(bizcase.InputError, match="draws"):
        bizcase.simulate([option], draws=0)
    with pytest.raises(TypeError, match="a list"):
        bizcase.simulate(option)  # type: ignore[arg-type]


def test_a_bad_sweep_setting_names_itself() -> None:
    with pytest.raises(bizcase.ScenarioError, match="years"):
        bizcase.sweep("scenarios/ssdc-solo.yaml", ["years=0,3"])
