"""Scenarios into options: from a file, a mapping, or YAML text. Every problem of a bad
scenario comes at once, as a `ScenarioError` holding the `Problem`s the CLI prints."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from bizcase.api.option import Option
from bizcase.appraisal.option import build_option, figure_warnings
from bizcase.io.loader import LoadedScenario, validate_document
from bizcase.io.yamlfile import Document, collector_paused, parse_yaml
from bizcase.problems import InputError, Problem, ScenarioError

Source = str | os.PathLike[str] | Mapping[str, Any]
"""What `load` takes: a file's path, or a scenario as a mapping (as YAML would read it)."""


@contextmanager
def as_scenario_error() -> Iterator[None]:
    """An input error about a scenario raised as a ScenarioError (the same problems)."""
    try:
        yield
    except ScenarioError:
        raise
    except InputError as exc:
        raise ScenarioError(exc.problems) from None


def load(source: Source, *, name: str = "<dict>") -> Option:
    """A scenario file, or a mapping of its fields, validated and calculated.

    A `str` is always a path, never YAML text: give text to `loads`. A mapping is read as
    the YAML file would be (`{"name": "...", "start": "2016/17", ...}`); its problems name
    `name` as their file and have no line. Raises `bizcase.ScenarioError` with every
    problem found.

    >>> import bizcase
    >>> bizcase.load("scenarios/ssdc-solo.yaml").run().view("ssdc").gap_status
    'closed'
    >>> try:
    ...     bizcase.load({"name": "Bare", "kind": "solo", "start": "2016/17", "years": 0})
    ... except bizcase.ScenarioError as error:
    ...     for problem in error.problems:
    ...         print(problem)
    <dict>: missing required field `partners`
    <dict>: years: the horizon is 1 to 125 years, not 0
    """
    if isinstance(source, Mapping):
        return load_dict(source, name)
    options, _ = load_all([os.fspath(source)])
    return options[0]


def loads(text: str, *, name: str = "<string>") -> Option:
    """A scenario written as YAML text, validated and calculated; problems carry the line
    and column in `text` and name `name` as their file. `extends` needs a file: use `load`.

    >>> import bizcase
    >>> option = bizcase.loads('''
    ... name: Shared legal service
    ... kind: solo
    ... start: 2024/25
    ... years: 3
    ... discount_rate: 0%
    ... partners: [{id: north, name: North Council}]
    ... savings: [{name: Legal, annual: £100k}]
    ... one_off_costs: [{name: Set-up, amount: £150k, year: 2024/25, share: north}]
    ... ''')
    >>> option.run().view("north").cumulative_net
    [-50000.0, 50000.0, 150000.0]
    """
    with as_scenario_error(), collector_paused():
        return _built(validate_document(_without_extends(parse_yaml(text, name)), name))


def load_dict(data: Mapping[str, Any], name: str = "<dict>") -> Option:
    """`load` of a mapping: a deep copy is validated, so `data` is never changed."""
    document = Document(name, copy.deepcopy(dict(data)))
    try:
        with collector_paused():
            return _built(validate_document(_without_extends(document), name))
    except InputError as exc:
        # A mapping has no lines: a position would point at nothing.
        raise ScenarioError([replace(p, line=None, column=None) for p in exc.problems]) from None


def load_all(files: Sequence[str]) -> tuple[list[Option], list[Problem]]:
    """Every file as an option, and the warnings about them all (in the order the CLI
    prints them); raises ScenarioError with the problems of every bad file together."""
    from bizcase.io.options import load_all as read_all

    with as_scenario_error():
        loaded, warnings = read_all(files)
    options = []
    for item in loaded:
        later = figure_warnings(item)
        warnings += later
        options.append(_built(item, later))
    return options, warnings


def _built(loaded: LoadedScenario, later: Sequence[Problem] | None = None) -> Option:
    """The option with every warning about it: the file's, then the figures'."""
    if later is None:
        later = figure_warnings(loaded)
    return Option.of(build_option(loaded), (*loaded.warnings, *later))


def _without_extends(document: Document) -> Document:
    if isinstance(document.data, dict) and "extends" in document.data:
        from bizcase.io.placing import problem_at

        message = "extends needs a file to find its base beside: load the scenario from a file"
        raise ScenarioError([problem_at(document, ("extends",), message)])
    return document
