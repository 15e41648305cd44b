"""`bizcase schema` and `bizcase init`: the schema accepts every bundled scenario and
rejects bad ones; every starter file validates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from bizcase.cli import app
from bizcase.io.loader import load_scenario
from bizcase.io.yamlfile import parse_yaml
from bizcase.model.schema import scenario_json_schema

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((REPO / "scenarios").glob("*.yaml"))
runner = CliRunner()


def as_json(data: Any) -> Any:
    """YAML data as a JSON document would hold it: mapping keys are text."""
    if isinstance(data, dict):
        return {str(key): as_json(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_json(item) for item in data]
    return data


def schema_errors(text: str) -> list[str]:
    data = as_json(parse_yaml(text, "x.yaml").data)
    validator = jsonschema.Draft202012Validator(scenario_json_schema())
    return [error.message for error in validator.iter_errors(data)]


def test_the_shipped_schema_file_is_current() -> None:
    shipped = json.loads((REPO / "schema" / "scenario.schema.json").read_text("utf-8"))
    hint = "run: bizcase schema --force -o schema/scenario.schema.json"
    assert shipped == scenario_json_schema(), hint


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(scenario_json_schema())


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_schema_accepts_every_bundled_scenario(path: Path) -> None:
    assert schema_errors(path.read_text("utf-8")) == []


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_bundled_scenarios_carry_the_schema_modeline(path: Path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/scenario.schema.json"


BASE = """\
name: T
start: 2016/17
years: 3
partners:
  - {id: a, name: A}
"""


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ("savings:\n  - {name: s, anual: 100}\n", "'anual' was unexpected"),
        ("savings:\n  - {name: s, annual: -5}\n", "-5"),
        ("savings:\n  - {name: s, annual: lots}\n", "'lots'"),
        ("savings:\n  - {name: s, annual: 100, confidence: 90}\n", "90"),
        ("kind: merger\n", "'merger'"),
        ("colour: blue\n", "'colour' was unexpected"),
        ("savings:\n  - {name: s, annual: 100, from: 2016/2018x}\n", "2016/2018x"),
    ],
)
def test_schema_rejects_bad_files(extra: str, fragment: str) -> None:
    errors = schema_errors(BASE + extra)
    assert errors, "the schema accepted a bad file"
    assert any(fragment in message for message in errors), errors


def test_schema_does_not_require_fields_a_base_file_gives() -> None:
    assert schema_errors("extends: base.yaml\nyears: 4\n") == []
    assert schema_errors("years: 4\n") != []


def test_schema_command_prints_the_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == scenario_json_schema()


@pytest.mark.parametrize("kind", ["joint", "solo", "alliance", "shared_service"])
def test_init_writes_a_starter_that_validates(kind: str, tmp_path: Path) -> None:
    target = tmp_path / f"{kind}.yaml"
    result = runner.invoke(app, ["init", "--kind", kind, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    loaded = load_scenario(target)
    assert loaded.scenario.kind == kind
    assert loaded.warnings == []
    text = target.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=scenario.schema.json\n")
    assert "TODO" in text
    assert schema_errors(text) == []


def test_init_to_stdout_and_refusing_to_overwrite(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", "--kind", "solo"])
    assert result.exit_code == 0
    assert "kind: solo" in result.stdout
    target = tmp_path / "mine.yaml"
    target.write_text("precious\n", encoding="utf-8")
    refused = runner.invoke(app, ["init", "-o", str(target)])
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert target.read_text("utf-8") == "precious\n"
    forced = runner.invoke(app, ["init", "-o", str(target), "--force"])
    assert forced.exit_code == 0
    assert load_scenario(target).scenario.kind == "joint"


def test_pre_commit_hook_runs_validate() -> None:
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hooks[0]["id"] == "bizcase-validate"
    assert hooks[0]["entry"] == "bizcase validate"


def test_green_book_command_shows_each_constant_with_its_source() -> None:
    from typer.testing import CliRunner

    from bizcase.cli import app

    result = CliRunner().invoke(app, ["green-book"])
    assert result.exit_code == 0, result.output
    assert "green_book_health" in result.stdout and "1.29%" in result.stdout
    assert "Annex A6, Table 8" in result.stdout
    assert "Supplementary Green Book Guidance: Optimism Bias" in result.stdout
    data = CliRunner().invoke(app, ["green-book", "--format", "json"])
    document = json.loads(data.stdout)
    lower = document["discount"]["schedules"]["green_book_lower"]["bands"]
    assert lower[0] == [30, 0.03] and lower[-1] == [None, 0.0086]
    buildings = document["optimism_bias"]["categories"]["non_standard_buildings"]
    assert (buildings["upper"], buildings["lower"]) == (0.51, 0.04)


def test_init_takes_the_file_to_write_as_an_argument(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    result = runner.invoke(app, ["init", str(target), "--kind", "alliance"])
    assert result.exit_code == 0, result.stderr
    assert load_scenario(target).scenario.kind == "alliance"
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 2 and "--force" in again.stderr  # never over a file
    both = runner.invoke(app, ["init", str(tmp_path / "a.yaml"), "-o", str(tmp_path / "b.yaml")])
    assert both.exit_code == 2 and "give one" in both.stderr
    assert not (tmp_path / "a.yaml").exists() and not (tmp_path / "b.yaml").exists()
