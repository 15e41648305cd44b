"""Scenario files in, validated `Scenario` models out, or every problem with its position.

The loader never guesses: a file either validates completely or the user is told each thing
to fix, as `FILE:LINE:COL: field.path: message`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path as FilePath

from pydantic import ValidationError

from bizcase.io.extends import read_with_extends
from bizcase.io.placing import problem_at
from bizcase.io.yamlfile import Document, collector_paused
from bizcase.model.rules import check
from bizcase.model.scenario import SECTIONS, Scenario
from bizcase.model.units import Path
from bizcase.problems import InputError, Problem
from bizcase.records import field, frozen


@frozen
class LoadedScenario:
    """A validated scenario with the file it came from and any warnings about it."""

    scenario: Scenario
    file: str
    warnings: list[Problem] = field(default_factory=list)
    document: Document | None = field(default=None, compare=False, repr=False)
    """The file as read, with positions: where later warnings (found by running the
    figures) are placed."""


def load_scenario(path: str | FilePath) -> LoadedScenario:
    """Read, merge (`extends`), validate and check one scenario file."""
    with collector_paused():
        return validate_document(read_scenario_document(path), str(path))


def read_scenario_document(path: str | FilePath) -> Document:
    """A scenario file as plain data with positions, its `extends` chain merged in:
    what `validate_document` checks, and what `sweep` edits before checking again."""
    return read_with_extends(FilePath(path), chain=())


def validate_document(document: Document, file: str) -> LoadedScenario:
    """Validate merged data as a scenario; every problem placed at its file and line."""
    if not isinstance(document.data, dict):
        raise InputError(
            [
                problem_at(
                    document,
                    (),
                    "a scenario file is a mapping of fields "
                    "(name:, start:, years:, partners:, ...)",
                )
            ]
        )
    try:
        scenario = Scenario.model_validate(document.data)
    except ValidationError as exc:
        from bizcase.io.validation_errors import pydantic_problems  # a bad file's only

        found = pydantic_problems(exc, document) + _rules_despite(exc, document)
        raise InputError(_in_file_order(found)) from None
    return checked(scenario, document, file)


def checked(scenario: Scenario, document: Document, file: str) -> LoadedScenario:
    """The whole-scenario rules on a scenario whose fields are valid, placed in the file:
    the last step of `validate_document`, and all a sweep needs after changing one item of
    a validated scenario. Errors raise; warnings come back with the scenario."""
    findings = check(scenario)
    problems = _in_file_order(problem_at(document, f.path, f.message, f.severity) for f in findings)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(problems)
    warnings = [p for p in problems if p.severity == "warning"]
    return LoadedScenario(scenario, file, warnings, document)


def _in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems once each, top of the file first, as an author reads and fixes them."""
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.file, p.line or 0, p.column or 0))


ITEM_SECTIONS = (*SECTIONS, "one_off_costs")


def _rules_despite(exc: ValidationError, document: Document) -> list[Problem]:
    """The whole-scenario rules, checked on the items that did validate, so that a file
    with a typo also hears about (say) a share naming an unknown partner, all at once.

    Only when every top-level field and every partner is valid: otherwise a rule could
    complain about something that is only missing because it failed to validate.
    """
    broken: dict[str, set[int]] = {section: set() for section in ITEM_SECTIONS}
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        if len(loc) >= 2 and loc[0] in broken and isinstance(loc[1], int):
            broken[str(loc[0])].add(loc[1])
        else:
            return []
    data = dict(document.data)
    kept: dict[str, list[int]] = {}
    for section, bad in broken.items():
        items = data.get(section)
        if not isinstance(items, list):
            continue
        kept[section] = [i for i in range(len(items)) if i not in bad]
        data[section] = [items[i] for i in kept[section]]
    try:
        partial = Scenario.model_validate(data)
    except ValidationError:
        return []
    problems = []
    for finding in check(partial):
        path, related = _renumbered(finding.path, kept), _renumbered(finding.related, kept)
        if finding.severity == "error":
            problems.append(problem_at(document, path, replace(finding, related=related).message))
    return problems


def _renumbered(path: Path, kept: dict[str, list[int]]) -> Path:
    """An item's path in the partial scenario mapped back to its index in the file."""
    if len(path) >= 2 and path[0] in kept and isinstance(path[1], int):
        return (path[0], kept[str(path[0])][path[1]], *path[2:])
    return path
