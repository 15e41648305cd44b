"""Load several scenario files and evaluate them, reporting every file's problems at once."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.io.loader import LoadedScenario, load_scenario
from bizcase.problems import InputError, Problem


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
