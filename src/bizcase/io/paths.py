"""Readable paths to one value in a scenario's plain data, as `bizcase sweep --set` takes them.

    discount_rate
    savings[0].annual
    savings["Shared management"].annual          (or 'Shared management')
    partners[ssdc].budget_gap["2019/20"]         (partners by id, other lists by name)
    one_off_costs["Redundancy"].phasing["2016/17"]
    savings[0].ramp[1]

A path is parsed once (`parse_path`, in `bizcase.io.path_syntax`), resolved against the data
once (`resolve`, which gives the concrete keys and indexes and says clearly what is wrong when
it cannot), then applied to a fresh deep copy of the data for each combination
(`with_values`); the caller's data is never changed. Every mistake is an `InputError` whose
problems are placed at `--set`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from bizcase.io.path_syntax import FieldPath, Index, Name, Segment, problem
from bizcase.io.suggest import did_you_mean
from bizcase.model.locations import model_at
from bizcase.model.scenario import (
    field_names,
)
from bizcase.model.units import parse_year
from bizcase.problems import FieldError, InputError

Target = tuple[Any, ...]
"""Concrete keys from the root: list indexes as ints, mapping keys as the data holds them."""

# ------------------------------------------------------------------------------- resolving


def _fields_at(target: Target) -> list[str] | None:
    """The fields a mapping at `target` may hold, or None for a free mapping (a year map,
    weights, a share, a delay), whose keys are whatever the file gives."""
    model = model_at(target)
    return None if model is None else field_names(model)


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
        f"{path.upto(n)}: {here} has no key '{wanted}'{did_you_mean(str(wanted), keys)} "
        f"(keys: {', '.join(keys) or 'none'})"
    )


def _unknown_field(name: str, fields: list[str], here: str, path: FieldPath) -> InputError:
    hint = did_you_mean(name, fields) or f" (fields here: {', '.join(fields)})"
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
        f"{did_you_mean(segment.name, names)} ({'ids' if key == 'id' else 'names'}: "
        f"{shown or 'none'})"
    )


def _year(value: Any) -> int | None:
    try:
        return parse_year(value)
    except FieldError:
        return None


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


def overlaps(a: Target, b: Target) -> bool:
    """Whether one target lies inside the other (or they are the same)."""
    n = min(len(a), len(b))
    return [str(k) for k in a[:n]] == [str(k) for k in b[:n]]
