"""Readable paths to one value in a scenario's plain data, as `bizcase sweep --set` takes them.

    discount_rate
    savings[0].annual
    savings["Shared management"].annual          (or 'Shared management')
    partners[ssdc].budget_gap["2019/20"]         (partners by id, other lists by name)
    one_off_costs["Redundancy"].phasing["2016/17"]
    savings[0].ramp[1]

A path is parsed once (`parse_path`), resolved against the data once (`resolve`, which gives
the concrete keys and indexes and says clearly what is wrong when it cannot), then applied to
a fresh deep copy of the data for each combination (`with_values`); the caller's data is
never changed. Every mistake is an `InputError` whose problems are placed at `--set`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bizcase.model.scenario import (
    SECTIONS,
    OneOffCost,
    Partner,
    Scenario,
    Stream,
    field_names,
)
from bizcase.model.uncertainty import Uncertainty
from bizcase.model.units import parse_year
from bizcase.problems import FieldError, InputError, Problem

Target = tuple[Any, ...]
"""Concrete keys from the root: list indexes as ints, mapping keys as the data holds them."""

SOURCE = "--set"
"""Where problems with a path or its values are placed: the command-line option."""


@dataclass(frozen=True)
class Name:
    """A field or mapping key (`.annual`, `["2019/20"]`), or an item's name or id (`[ssdc]`)."""

    name: str
    end: int
    """Where the segment ends in the path's text, so messages can quote the path so far."""
    bracketed: bool = False
    """Written in brackets (`[ssdc]`), so it may pick a list item; `.name` never does."""


@dataclass(frozen=True)
class Index:
    """A list item by position, `[0]`; on a mapping, the key with that number."""

    index: int
    end: int


Segment = Name | Index


@dataclass(frozen=True)
class FieldPath:
    """A parsed path: its text as written, and its segments."""

    text: str
    segments: tuple[Segment, ...]

    def upto(self, count: int) -> str:
        """The path's text up to and including its `count`-th segment."""
        return self.text[: self.segments[count - 1].end] if count else ""


def problem(message: str) -> InputError:
    return InputError([Problem(SOURCE, message)])


# ---------------------------------------------------------------------------------- parsing

_NAME = re.compile(r"[^.\[\]\s'\"=]+")
_INDEX = re.compile(r"\s*(-?\d+)\s*\]")
_BARE = re.compile(r"\s*([^\]'\"]*?)\s*\]")

_EXAMPLE = 'write it like discount_rate, savings[0].annual or savings["Shared management"].annual'


def parse_path(text: str) -> FieldPath:
    """Segments of a readable path; a malformed path is an `InputError` saying where."""
    source = text.strip()
    if not source:
        raise problem(f"an empty field path: {_EXAMPLE}")
    segments: list[Segment] = []
    pos = 0
    while pos < len(source):
        char = source[pos]
        if not segments or char == ".":
            start = pos + (1 if char == "." and segments else 0)
            match = _NAME.match(source, start)
            if match is None:
                raise _syntax(source, start, "expected a field name")
            segments.append(Name(match[0], match.end()))
            pos = match.end()
        elif char == "[":
            segment, pos = _bracket(source, pos)
            segments.append(segment)
        else:
            raise _syntax(source, pos, "expected . or [ after a field")
    return FieldPath(source, tuple(segments))


def _bracket(source: str, pos: int) -> tuple[Segment, int]:
    """`[0]`, `[ssdc]`, `["Shared management"]` or `['2019/20']` starting at `pos`."""
    inner = pos + 1
    while inner < len(source) and source[inner] == " ":
        inner += 1
    if inner < len(source) and source[inner] in "\"'":
        quote = source[inner]
        chars: list[str] = []
        i = inner + 1
        while i < len(source) and source[i] != quote:
            if source[i] == "\\" and i + 1 < len(source):
                i += 1
            chars.append(source[i])
            i += 1
        if i >= len(source):
            raise _syntax(source, inner, f"the quoted name is not closed with {quote}")
        close = re.compile(r"\s*\]").match(source, i + 1)
        if close is None:
            raise _syntax(source, i + 1, "expected ] after the quoted name")
        return Name("".join(chars), close.end(), bracketed=True), close.end()
    number = _INDEX.match(source, pos + 1)
    if number is not None:
        return Index(int(number[1]), number.end()), number.end()
    bare = _BARE.match(source, pos + 1)
    if bare is None:
        raise _syntax(source, pos, "the [ is not closed with ]")
    if not bare[1]:
        raise _syntax(source, pos, "empty brackets: give a position, a name or an id")
    return Name(bare[1], bare.end(), bracketed=True), bare.end()


def _syntax(source: str, pos: int, what: str) -> InputError:
    return problem(f"'{source}' is not a field path: {what} at character {pos + 1}; {_EXAMPLE}")


# ------------------------------------------------------------------------------- resolving


def _fields_at(target: Target) -> list[str] | None:
    """The fields a mapping at `target` may hold, or None for a free mapping (a year map,
    weights, a share, a delay), whose keys are whatever the file gives."""
    if target == ():
        return field_names(Scenario)
    if len(target) == 2 and isinstance(target[1], int):
        if target[0] == "partners":
            return field_names(Partner)
        if target[0] in SECTIONS:
            return field_names(Stream)
        if target[0] == "one_off_costs":
            return field_names(OneOffCost)
    if len(target) == 3 and target[-1] == "uncertainty":
        return field_names(Uncertainty)
    return None


def resolve(data: Any, path: FieldPath) -> Target:
    """The concrete keys `path` names in `data`. The last field may be missing from the data
    when it is a field the format knows (`discount_rate` left at its default); everything
    before it must be there."""
    target: Target = ()
    node = data
    count = len(path.segments)
    for number, segment in enumerate(path.segments, start=1):
        here = path.upto(number - 1) or "the scenario"
        last = number == count
        if isinstance(node, dict):
            key, present = _in_mapping(node, segment, target, here, path, number)
            target = (*target, key)
            if not present:
                if last:
                    return target
                raise problem(
                    f"{path.upto(number)} is not given in the file: add it there first, "
                    f"then sweep {path.text}"
                )
            node = node[key]
        elif isinstance(node, list):
            position = _in_list(node, segment, target, here, path.upto(number))
            target = (*target, position)
            node = node[position]
        else:
            raise problem(
                f"{path.text}: {here} is a single value ({_show(node)}), not a mapping or a "
                "list: there is nothing inside it to address"
            )
    return target


def _in_mapping(
    node: dict[Any, Any], segment: Segment, target: Target, here: str, path: FieldPath, n: int
) -> tuple[Any, bool]:
    fields = _fields_at(target)
    wanted = segment.name if isinstance(segment, Name) else segment.index
    if fields is not None:
        if isinstance(segment, Index):
            raise problem(
                f"{path.upto(n)}: {here} is a mapping of fields, not a list: "
                f"name a field as {here}.field"
            )
        if wanted in node:
            return wanted, True
        if wanted in fields:
            return wanted, False
        raise _unknown_field(str(wanted), fields, here, path)
    for key in node:
        if key == wanted or str(key) == str(wanted):
            return key, True
    year = _year(wanted)
    if year is not None:
        for key in node:
            if _year(key) == year:
                return key, True
    keys = [str(key) for key in node]
    raise problem(
        f"{path.upto(n)}: {here} has no key '{wanted}'{_did_you_mean(str(wanted), keys)} "
        f"(keys: {', '.join(keys) or 'none'})"
    )


def _unknown_field(name: str, fields: list[str], here: str, path: FieldPath) -> InputError:
    hint = _did_you_mean(name, fields) or f" (fields here: {', '.join(fields)})"
    where = "" if here == "the scenario" else f" in {here}"
    return problem(f"{path.text}: unknown field '{name}'{where}{hint}")


def _in_list(node: list[Any], segment: Segment, target: Target, here: str, upto: str) -> int:
    if isinstance(segment, Index):
        size = len(node)
        position = segment.index + size if segment.index < 0 else segment.index
        if not 0 <= position < size:
            if size == 0:
                raise problem(f"{upto}: {here} has no items")
            raise problem(
                f"{upto}: index out of range: {here} has {size} "
                f"item{'s' if size != 1 else ''} ({here}[0] to {here}[{size - 1}])"
            )
        return position
    key = "id" if target and target[-1] == "partners" else "name"
    if not segment.bracketed:
        raise problem(
            f"{upto}: {here} is a list: pick an item by its position or "
            f'{"id" if key == "id" else "name"}, such as {here}[0] or {here}["..."]'
        )
    if not all(isinstance(item, dict) for item in node):
        raise problem(
            f"{upto}: {here} is a list of values: pick one by its position, such as {here}[0]"
        )
    for position, item in enumerate(node):
        if str(item.get(key)) == segment.name:
            return position
    names = [str(item.get(key)) for item in node]
    what = "partner with id" if key == "id" else "item named"
    shown = ", ".join(names if key == "id" else [repr(n) for n in names])
    raise problem(
        f"{upto}: no {what} '{segment.name}' in {here}"
        f"{_did_you_mean(segment.name, names)} ({'ids' if key == 'id' else 'names'}: "
        f"{shown or 'none'})"
    )


def _year(value: Any) -> int | None:
    try:
        return parse_year(value)
    except FieldError:
        return None


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "nothing"
    return repr(value)


# ----------------------------------------------------------------------------- get and set


def get_value(data: Any, target: Target) -> Any:
    """The value at a resolved target (None where its last field is not given)."""
    node = data
    for key in target[:-1]:
        node = node[key]
    if isinstance(node, dict):
        return node.get(target[-1])
    return node[target[-1]]


def with_values(data: Any, changes: Sequence[tuple[Target, Any]]) -> Any:
    """A deep copy of `data` with each (target, value) written in; `data` is left alone."""
    result = copy.deepcopy(data)
    for target, value in changes:
        node = result
        for key in target[:-1]:
            node = node[key]
        node[target[-1]] = copy.deepcopy(value)
    return result


def get_path(data: Any, text: str) -> Any:
    """The value a readable path names."""
    return get_value(data, resolve(data, parse_path(text)))


def set_path(data: Any, text: str, value: Any) -> Any:
    """A copy of `data` with the value a readable path names replaced by `value`."""
    return with_values(data, [(resolve(data, parse_path(text)), value)])


def overlaps(a: Target, b: Target) -> bool:
    """Whether one target lies inside the other (or they are the same)."""
    n = min(len(a), len(b))
    return [str(k) for k in a[:n]] == [str(k) for k in b[:n]]
