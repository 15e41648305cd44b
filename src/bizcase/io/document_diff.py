"""Two scenario documents compared field by field, as written (after `extends`), so a
reviewer reads `savings[0].annual: £100k -> £120k` in the file's own words.

Lists of items that each have a distinct `id` (partners) or `name` (savings, costs, risks)
are matched by it, not by position: inserting a saving at the top is one addition, not a
change to every saving below it. Such an item's path carries its index in the new file
(in the old file where it was removed). Other lists (ramps, notes) are compared by position.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bizcase.results.diff import InputChange

_KEYS = ("id", "name")


def diff_documents(old: Any, new: Any) -> tuple[InputChange, ...]:
    return tuple(_diff(old, new, ""))


def _diff(old: Any, new: Any, path: str) -> Iterator[InputChange]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            child = f"{path}.{key}" if path else str(key)
            if key not in old:
                yield InputChange(child, "added", new=new[key])
            elif key not in new:
                yield InputChange(child, "removed", old=old[key])
            else:
                yield from _diff(old[key], new[key], child)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _diff_lists(old, new, path)
    elif not _same(old, new):
        yield InputChange(path, "changed", old, new)


def _diff_lists(old: list[Any], new: list[Any], path: str) -> Iterator[InputChange]:
    key = _identity(old, new)
    if key is None:
        for index in range(max(len(old), len(new))):
            child = f"{path}[{index}]"
            if index >= len(old):
                yield InputChange(child, "added", new=new[index])
            elif index >= len(new):
                yield InputChange(child, "removed", old=old[index])
            else:
                yield from _diff(old[index], new[index], child)
        return
    before = {item[key]: (index, item) for index, item in enumerate(old)}
    for index, item in enumerate(new):
        match = before.pop(item[key], None)
        if match is None:
            yield InputChange(f"{path}[{index}]", "added", new=item)
        else:
            yield from _diff(match[1], item, f"{path}[{index}]")
    for index, item in before.values():
        yield InputChange(f"{path}[{index}]", "removed", old=item)


def _identity(old: list[Any], new: list[Any]) -> str | None:
    """The key that tells the items of both lists apart, if every item has a distinct one."""
    items = [*old, *new]
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in _KEYS:
        if all(_distinct(side, key) for side in (old, new)):
            return key
    return None


def _distinct(items: list[Any], key: str) -> bool:
    values = [item.get(key) for item in items]
    return all(isinstance(v, str | int) and not isinstance(v, bool) for v in values) and len(
        set(values)
    ) == len(values)


def _same(old: Any, new: Any) -> bool:
    """Equal and of the same kind: `true` is not `1`, though Python says so."""
    return (type(old) is type(new) and old == new) or (
        isinstance(old, int | float)
        and isinstance(new, int | float)
        and not isinstance(old, bool)
        and not isinstance(new, bool)
        and old == new
    )
