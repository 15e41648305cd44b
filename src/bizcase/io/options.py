"""Load several scenario files and evaluate them, reporting every file's problems at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bizcase.engine.result import evaluate
from bizcase.io.loader import LoadedScenario, load_scenario
from bizcase.problems import InputError, Problem
from bizcase.results.option import OptionResult


@dataclass(frozen=True)
class Evaluated:
    loaded: LoadedScenario
    result: OptionResult


def load_all(files: Sequence[str]) -> tuple[list[LoadedScenario], list[Problem]]:
    """Every file loaded; raises with the problems of all bad files together."""
    loaded: list[LoadedScenario] = []
    problems: list[Problem] = []
    for file in files:
        try:
            scenario = load_scenario(file)
        except InputError as exc:
            problems += exc.problems
            continue
        loaded.append(scenario)
        problems += scenario.warnings
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return loaded, problems


def evaluate_all(files: Sequence[str]) -> tuple[list[Evaluated], list[Problem]]:
    """Load and project each file; warnings are returned for the caller to show."""
    loaded, warnings = load_all(files)
    return [Evaluated(item, evaluate(item.scenario, item.file)) for item in loaded], warnings
