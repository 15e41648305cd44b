"""Scenario files in, validated `Scenario` models out, or every problem with its position.

The loader never guesses: a file either validates completely or the user is told each thing
to fix, as `FILE:LINE:COL: field.path: message`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, ValidationError

from bizcase.io.yamlfile import Document, Mark, parse_yaml
from bizcase.model.rules import check
from bizcase.model.scenario import SECTIONS, OneOffCost, Partner, Scenario, Stream, field_names
from bizcase.model.uncertainty import Uncertainty
from bizcase.model.units import KEY, FieldError, Path
from bizcase.problems import InputError, Problem

MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with the file it came from and any warnings about it."""

    scenario: Scenario
    file: str
    warnings: list[Problem] = field(default_factory=list)


def load_scenario(path: str | FilePath) -> LoadedScenario:
    """Read, merge (`extends`), validate and check one scenario file."""
    return validate_document(read_scenario_document(path), str(path))


def read_scenario_document(path: str | FilePath) -> Document:
    """A scenario file as plain data with positions, its `extends` chain merged in:
    what `validate_document` checks, and what `sweep` edits before checking again."""
    return _read_with_extends(FilePath(path), chain=())


def validate_document(document: Document, file: str) -> LoadedScenario:
    """Validate merged data as a scenario; every problem placed at its file and line."""
    if not isinstance(document.data, dict):
        raise InputError(
            [
                _at(
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
        found = _pydantic_problems(exc, document) + _rules_despite(exc, document)
        raise InputError(_in_file_order(found)) from None
    findings = check(scenario)
    problems = _in_file_order(_at(document, f.path, f.message, f.severity) for f in findings)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(problems)
    return LoadedScenario(scenario, file, [p for p in problems if p.severity == "warning"])


def _in_file_order(problems: Iterable[Problem]) -> list[Problem]:
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
        path = finding.path
        if len(path) >= 2 and path[0] in kept and isinstance(path[1], int):
            path = (path[0], kept[str(path[0])][path[1]], *path[2:])
        if finding.severity == "error":
            message = re.sub(
                r"\b(savings|income|costs|one_off_costs)\[(\d+)\]",
                lambda m: f"{m[1]}[{kept[m[1]][int(m[2])]}]",
                finding.message,
            )
            problems.append(_at(document, path, message))
    return problems


def read_document(path: FilePath) -> Document:
    """One YAML file as located data; a missing, unreadable or huge file is an input error."""
    file = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(
                [
                    Problem(
                        file,
                        f"the file is larger than {MAX_FILE_BYTES:,} bytes: "
                        "a scenario is a short text file",
                    )
                ]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(file, "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(file, "this is a folder, not a scenario file")]) from None
    except OSError as exc:
        raise InputError([Problem(file, f"cannot read the file: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(file, "the file is not UTF-8 text: save it as UTF-8", line=line, column=1)]
        ) from None
    return parse_yaml(text, file)


def _read_with_extends(path: FilePath, chain: tuple[FilePath, ...]) -> Document:
    document = read_document(path)
    data = document.data
    if not isinstance(data, dict) or "extends" not in data:
        return document
    base_name = data.pop("extends")
    if not isinstance(base_name, str) or not base_name.strip():
        raise InputError(
            [_at(document, ("extends",), "extends names a base file, such as `extends: base.yaml`")]
        )
    base_path = (path.parent / base_name).resolve()
    here = path.resolve()
    if base_path in (*chain, here):
        cycle = " -> ".join(p.name for p in (*chain, here, base_path))
        raise InputError([_at(document, ("extends",), f"extends makes a cycle: {cycle}")])
    if not base_path.exists():
        raise InputError(
            [
                _at(
                    document,
                    ("extends",),
                    f"the base file {base_name} does not exist (looked for {base_path})",
                )
            ]
        )
    base = _read_with_extends(base_path, (*chain, here))
    if not isinstance(base.data, dict):
        raise InputError([_at(base, (), "a base scenario file is a mapping of fields")])
    return _merge(base, document)


def _merge(base: Document, top: Document) -> Document:
    """Mappings merge key by key; lists and scalars in `top` replace the base's."""
    marks = dict(base.marks)
    data = _merge_values(base.data, top.data, (), marks, top.marks)
    return Document(top.file, data, marks)


def _merge_values(
    base: Any, top: Any, path: Path, marks: dict[Path, Mark], top_marks: dict[Path, Mark]
) -> Any:
    if isinstance(base, dict) and isinstance(top, dict):
        merged = dict(base)
        for key, value in top.items():
            child: Path = (*path, str(key))
            if key in base:
                merged[key] = _merge_values(base[key], value, child, marks, top_marks)
            else:
                merged[key] = value
                _copy_marks(child, marks, top_marks)
            if (*child, KEY) in top_marks:
                marks[(*child, KEY)] = top_marks[(*child, KEY)]
        if path in top_marks:
            marks[path] = top_marks[path]
        return merged
    for stale in [p for p in marks if p[: len(path)] == path]:
        del marks[stale]
    _copy_marks(path, marks, top_marks)
    return top


def _copy_marks(prefix: Path, marks: dict[Path, Mark], source: dict[Path, Mark]) -> None:
    for key, mark in source.items():
        if key[: len(prefix)] == prefix:
            marks[key] = mark


def _at(document: Document, path: Path, message: str, severity: str = "error") -> Problem:
    """A problem at `path`, placed at the nearest position the file has for it."""
    file, line, column = _locate(document, path)
    return Problem(
        file,
        message,
        line=line,
        column=column,
        path=tuple(p for p in path if p != KEY),
        severity="warning" if severity == "warning" else "error",
    )


def _locate(document: Document, path: Path) -> Mark:
    marks = document.marks
    candidate = _normalise(path, marks)
    for end in range(len(candidate), -1, -1):
        mark = marks.get(candidate[:end])
        if mark is not None:
            return mark
    return (document.file, 1, 1)


def _normalise(path: Path, marks: dict[Path, Mark]) -> Path:
    """Pydantic and the rules may name a mapping key as an int; the marks hold text keys."""
    out: list[str | int] = []
    for part in path:
        if isinstance(part, int) and (*out, part) not in marks:
            out.append(str(part))
        else:
            out.append(part)
    return tuple(out)


_TYPE_MESSAGES = {
    "string_type": "expected text",
    "list_type": "expected a list (items starting with -)",
    "tuple_type": "expected a list (items starting with -)",
    "dict_type": "expected a mapping (key: value lines)",
    "model_type": "expected a mapping of fields (key: value lines)",
    "model_attributes_type": "expected a mapping of fields (key: value lines)",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "string_too_short": "must not be empty",
}


def _pydantic_problems(exc: ValidationError, document: Document) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        if _shortfall_from_bad_items(error):
            continue
        path: Path = tuple(error["loc"])
        message, path = _describe(error, path, document)
        problems.append(_at(document, path, message))
    return sorted(set(problems), key=lambda p: (p.line or 0, p.column or 0, str(p)))


def _shortfall_from_bad_items(error: Any) -> bool:
    """Pydantic counts only the items that validated: `partners: [{id: A, ...}]` is also
    "too short". The bad items are reported themselves, so this would only mislead."""
    if error["type"] != "too_short":
        return False
    given = error.get("input")
    minimum = error.get("ctx", {}).get("min_length", 0)
    return isinstance(given, list | tuple) and len(given) >= minimum


def _describe(error: Any, path: Path, document: Document) -> tuple[str, Path]:
    kind = error["type"]
    if kind == "value_error" and isinstance(error.get("ctx", {}).get("error"), FieldError):
        cause: FieldError = error["ctx"]["error"]
        return cause.message, (*path, *cause.at)
    if kind == "missing":
        return f"missing required field `{path[-1]}`", path[:-1]
    if kind == "extra_forbidden":
        return _unknown_field(path), (*path, KEY)
    if kind == "literal_error":
        expected = error["ctx"]["expected"].replace("'", "")
        hint = _did_you_mean(
            str(error["input"]), [e.strip() for e in expected.split(" or ") for e in e.split(",")]
        )
        return f"'{error['input']}' is not one of {expected}{hint}", path
    if kind == "string_pattern_mismatch" and path and path[-1] == "id":
        return (
            f"'{error['input']}' is not a valid id: use lower-case letters, digits, "
            "_ and - (such as ssdc)"
        ), path
    if kind == "string_pattern_mismatch" and path and path[-1] == "[key]":
        # pydantic places a bad mapping key at (..., key, "[key]")
        name = str(error["input"])
        return f"'{name}' is not a valid weight name: use lower-case letters, digits and _", (
            *path[:-2],
            str(path[-2]),
            KEY,
        )
    if kind in ("too_short",) and path == ("partners",):
        return "at least one partner is needed", path
    if kind in ("greater_than_equal", "less_than_equal") and path == ("years",):
        return f"the horizon is 1 to 50 years, not {error['input']}", path
    if kind in _TYPE_MESSAGES:
        return f"{_TYPE_MESSAGES[kind]}, got {_show(error['input'])}", path
    message = str(error["msg"]).replace("Input should be", "should be").replace("Value error, ", "")
    return message, path


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)


def _model_at(path: Path) -> type[BaseModel]:
    if len(path) == 3 and path[-1] == "uncertainty":
        return Uncertainty
    if len(path) == 2 and path[0] == "partners":
        return Partner
    if len(path) == 2 and path[0] in SECTIONS:
        return Stream
    if len(path) == 2 and path[0] == "one_off_costs":
        return OneOffCost
    return Scenario


def _unknown_field(path: Path) -> str:
    name = str(path[-1])
    allowed = field_names(_model_at(path[:-1]))
    if path[:-1] == ():
        allowed.append("extends")
    hint = _did_you_mean(name, allowed)
    if not hint:
        hint = f" (fields here: {', '.join(allowed)})"
    return f"unknown field '{name}'{hint}"


def _did_you_mean(word: str, choices: list[str]) -> str:
    import difflib  # only when a key is misspelt

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
