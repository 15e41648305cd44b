"""Pydantic's validation errors as problems a scenario author can act on, each at its line.

Apart from the loader because the translation (plain wording, hints for misspelt fields)
is most of the code and changes for different reasons than reading and merging files; and
only a file with errors needs it (`bizcase.io.placing` places every problem at its line).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from bizcase.io.placing import problem_at
from bizcase.io.suggest import did_you_mean
from bizcase.io.yamlfile import Document
from bizcase.model.locations import model_at
from bizcase.model.scenario import (
    MAX_YEARS,
    Scenario,
    field_names,
)
from bizcase.model.units import KEY, Path, described
from bizcase.problems import FieldError, Problem

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


def pydantic_problems(exc: ValidationError, document: Document) -> list[Problem]:
    """Each pydantic error in words a scenario author knows, at its place in the file."""
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        if _shortfall_from_bad_items(error):
            continue
        path: Path = tuple(error["loc"])
        message, path = _describe(error, path, document)
        problems.append(problem_at(document, path, message))
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
    """The message for one pydantic error, and the path to place it at (which may differ
    from pydantic's: a missing field is placed at its parent, an unknown one at its key)."""
    kind = error["type"]
    if kind == "value_error" and isinstance(error.get("ctx", {}).get("error"), FieldError):
        cause: FieldError = error["ctx"]["error"]
        return cause.message, (*path, *cause.at)
    if kind == "missing":
        return f"missing required field `{path[-1]}`", path[:-1]
    if kind == "extra_forbidden":
        return _unknown_field(path), (*path, KEY)
    if kind == "literal_error":
        return _not_one_of(error), path
    specific = _pattern_or_limit(error, kind, path)
    if specific is not None:
        return specific
    if kind in _TYPE_MESSAGES:
        return f"{_TYPE_MESSAGES[kind]}, got {described(error['input'])}", path
    message = str(error["msg"]).replace("Input should be", "should be").replace("Value error, ", "")
    return message, path


def _not_one_of(error: Any) -> str:
    """A value outside a fixed set of choices, with the likeliest intended one."""
    expected = error["ctx"]["expected"].replace("'", "")
    hint = did_you_mean(
        str(error["input"]), [e.strip() for e in expected.split(" or ") for e in e.split(",")]
    )
    return f"'{error['input']}' is not one of {expected}{hint}"


def _pattern_or_limit(error: Any, kind: str, path: Path) -> tuple[str, Path] | None:
    """Bad ids and weight names, and the size limits, said in the format's own terms;
    None for errors that the generic wording covers."""
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
        return f"the horizon is 1 to {MAX_YEARS} years, not {error['input']}", path
    return None


def _unknown_field(path: Path) -> str:
    """An unknown field named with the likeliest intended one, or the fields allowed there."""
    name = str(path[-1])
    allowed = field_names(model_at(path[:-1]) or Scenario)
    if path[:-1] == ():
        allowed.append("extends")
    hint = did_you_mean(name, allowed)
    if not hint:
        hint = f" (fields here: {', '.join(allowed)})"
    return f"unknown field '{name}'{hint}"
