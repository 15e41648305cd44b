"""Scenario files in, validated `Scenario` models out, or every problem with its position.

The loader never guesses: a file either validates completely or the user is told each thing
to fix, as `FILE:LINE:COL: field.path: message`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, ValidationError

from bizcase.io import reads
from bizcase.io.yamlfile import Document, Mark, parse_yaml
from bizcase.model.rules import check
from bizcase.model.scenario import SECTIONS, OneOffCost, Partner, Scenario, Stream, field_names
from bizcase.model.uncertainty import Uncertainty
from bizcase.model.units import KEY, Path, quoted, shown
from bizcase.problems import FieldError, InputError, Problem

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
        path, related = _renumbered(finding.path, kept), _renumbered(finding.related, kept)
        if finding.severity == "error":
            problems.append(_at(document, path, replace(finding, related=related).message))
    return problems


def _renumbered(path: Path, kept: dict[str, list[int]]) -> Path:
    """An item's path in the partial scenario mapped back to its index in the file."""
    if len(path) >= 2 and path[0] in kept and isinstance(path[1], int):
        return (path[0], kept[str(path[0])][path[1]], *path[2:])
    return path


def read_document(path: FilePath) -> Document:
    """One YAML file as located data; a missing, unreadable, special or huge file is an
    input error, found before anything is read."""
    file = str(path)
    problem = _unreadable(path)
    if problem is not None:
        raise InputError([Problem(_shown_name(file), problem)])
    return parse_yaml(_read_text(path, file), file)


def _unreadable(path: FilePath) -> str | None:
    """Why `path` cannot be a scenario file, judged from its metadata alone (a FIFO or a
    device would block or never end), or None when it is a regular file of sensible size."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return "no such file"
    except NotADirectoryError:
        return "no such file (a folder on its path is a file)"
    except ValueError:
        return "the file name contains a NUL character"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link on its path loops back on itself"
        if exc.errno == errno.ENAMETOOLONG:
            return "the file name is too long"
        return f"cannot read the file: {exc.strerror}"
    if stat.S_ISDIR(status.st_mode):
        return "this is a folder, not a scenario file"
    if not stat.S_ISREG(status.st_mode):
        return "this is not a regular file (a device, pipe or socket): give a scenario file"
    if status.st_size > MAX_FILE_BYTES:
        return _TOO_LARGE
    return None


_TOO_LARGE = f"the file is larger than {MAX_FILE_BYTES:,} bytes: a scenario is a short text file"


def _read_text(path: FilePath, file: str) -> str:
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):  # replaced since it was checked
                raise InputError([Problem(file, "this is not a regular file")])
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError([Problem(file, f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError([Problem(file, _TOO_LARGE)])
    reads.record(file, status)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(file, "the file is not UTF-8 text: save it as UTF-8", line=line, column=1)]
        ) from None


MAX_EXTENDS_DEPTH = 32
"""Most bases a chain of `extends` may pass through (a real chain has two or three)."""

_MAX_NAME = 255


def _read_with_extends(path: FilePath, chain: tuple[FilePath, ...]) -> Document:
    document = read_document(path)
    data = document.data
    if not isinstance(data, dict) or "extends" not in data:
        return document
    base_name = data.pop("extends")
    problem = _base_problem(base_name, path, chain)
    if isinstance(problem, str):
        raise InputError([_at(document, ("extends",), problem)])
    base = _read_with_extends(problem, (*chain, path.resolve()))
    if not isinstance(base.data, dict):
        raise InputError([_at(base, (), "a base scenario file is a mapping of fields")])
    return _merge(base, document)


def _base_problem(name: object, path: FilePath, chain: tuple[FilePath, ...]) -> FilePath | str:
    """The base file `extends: name` in `path` stands for, or what is wrong with it.

    A base must be a YAML file inside the folder of the scenario named on the command line
    (or below it), unless the user allowed otherwise: a scenario from a pull request must not
    make bizcase read, or quote, files elsewhere on the machine.
    """
    if not isinstance(name, str) or not name.strip():
        return "extends names a base file, such as `extends: base.yaml`"
    shown = _shown_name(name)
    if "\0" in name:
        return f"the base file name {shown} contains a NUL character"
    if len(name) > _MAX_NAME * 4 or any(len(part) > _MAX_NAME for part in name.split("/")):
        return f"the base file name {shown} is too long"
    if not name.lower().endswith((".yaml", ".yml")):
        return f"the base file {shown} is not a YAML file: a base is a scenario file (.yaml)"
    here = path.resolve()
    if len(chain) + 1 >= MAX_EXTENDS_DEPTH:
        return f"extends is nested more than {MAX_EXTENDS_DEPTH} files deep: shorten the chain"
    try:
        base_path = (path.parent / name).resolve()
    except (OSError, RuntimeError):
        return f"the base file {shown}: a symbolic link on its path loops back on itself"
    if base_path in (*chain, here):
        cycle = " -> ".join(p.name for p in (*chain, here, base_path))
        return f"extends makes a cycle: {cycle}"
    top = chain[0] if chain else here
    if not reads.extends_outside_allowed() and not any(
        base_path.is_relative_to(root) for root in _extends_roots(top)
    ):
        return (
            f"the base file {shown} is outside the scenario's folder ({top.parent}) and the "
            "working folder: keep bases there, or run bizcase --allow-extends-outside"
        )
    problem = _unreadable(base_path)
    if problem == "no such file":
        return f"the base file {shown} does not exist (looked for {base_path})"
    if problem is not None:
        return f"the base file {shown}: {problem}"
    return base_path


def _extends_roots(top: FilePath) -> list[FilePath]:
    """Folders a base may be in: the named scenario's, and the working folder when the
    scenario is inside it (a repository of scenarios run from its top), never `/`."""
    roots = [top.parent]
    cwd = FilePath.cwd().resolve()
    if top.is_relative_to(cwd) and cwd != FilePath(cwd.anchor):
        roots.append(cwd)
    return roots


def _shown_name(name: str) -> str:
    """A file name as it can safely be printed: control characters escaped, long names cut."""
    text = name.encode("unicode_escape").decode("ascii") if not name.isprintable() else name
    return text if len(text) <= 120 else f"{text[:100]}...({len(name):,} characters)"


def _merge(base: Document, top: Document) -> Document:
    """Mappings merge key by key; lists and scalars in `top` replace the base's, except
    `notes`, which accumulate (the base's first), so a derived option keeps the
    assumptions it builds on."""
    marks = dict(base.marks)
    data = _merge_values(base.data, top.data, (), marks, top.marks)
    base_notes, top_notes = base.data.get("notes"), top.data.get("notes")
    if isinstance(base_notes, list) and isinstance(top_notes, list):
        data["notes"] = [*base_notes, *top_notes]
        for key in [k for k in marks if k[:1] == ("notes",) and len(k) > 1]:
            del marks[key]
        for source, offset in ((base.marks, 0), (top.marks, len(base_notes))):
            for key, mark in source.items():
                if key[:1] == ("notes",) and len(key) > 1 and isinstance(key[1], int):
                    marks[("notes", key[1] + offset, *key[2:])] = mark
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
    if kind == "too_long" and len(path) == 1:
        limit = error.get("ctx", {}).get("max_length")
        what = "partners" if path == ("partners",) else "items in one section"
        return (
            f"{len(error['input']):,} {what} is more than bizcase takes ({limit:,}): "
            "split the option, or group small items"
        ), path
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
    return quoted(value) if isinstance(value, str) else shown(value)


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
