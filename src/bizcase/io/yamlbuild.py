"""Composed YAML nodes to plain data, with a position for every value and key.

Kept apart from the reader (`bizcase.io.yamlfile`) so the resolving of YAML syntax and the
checks made while building (tags, duplicate keys, alias expansion) can each be read alone.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bizcase.model.units import KEY, Path
from bizcase.problems import Problem

MAX_VALUES = 100_000
"""Most values a file may hold once aliases are expanded (the bundled files hold ~300)."""

Mark = tuple[str, int, int]
"""(file, line, column), both 1-based."""

TAG = "tag:yaml.org,2002:"
"""The prefix of YAML's standard tags, the only ones bizcase accepts."""


def node_problem(file: str, mark: Any, message: str) -> Problem:
    """A problem at a PyYAML mark (0-based), or for the whole file when there is none."""
    if mark is None:
        return Problem(file, message)
    return Problem(file, message, line=mark.line + 1, column=mark.column + 1)


class _TooBig(Exception):
    """Raised past `MAX_VALUES` to unwind the whole build at once."""


class Builder:
    """Turns composed nodes into dicts, lists and scalars, recording marks as it goes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[Path, Mark] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.distinct: set[int] = set()
        self.active: set[int] = set()

    def build(self, node: Node, path: Path) -> Any:
        """The plain data under `node`; problems are collected in `problems`, not raised."""
        try:
            return self._node(node, path)
        except _TooBig:
            if len(self.distinct) >= self.count:
                message = (
                    f"the file holds more than {MAX_VALUES:,} values: a scenario needs a few "
                    "hundred; bizcase stops reading it to protect memory"
                )
            else:
                message = (
                    f"the file expands to more than {MAX_VALUES:,} values through aliases "
                    "(*name): bizcase stops reading it to protect memory"
                )
            self.problems.append(node_problem(self.file, node.start_mark, message))
            return None

    def _mark(self, node: Node) -> Mark:
        return (self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: Node, message: str, path: Path = ()) -> None:
        """Record a problem at `node` and carry on, so every problem is reported at once."""
        problem = node_problem(self.file, node.start_mark, message)
        self.problems.append(Problem(**{**problem.__dict__, "path": path}))

    def _node(self, node: Node, path: Path) -> Any:
        self.count += 1
        self.distinct.add(id(node))
        if self.count > MAX_VALUES:
            raise _TooBig
        self.marks.setdefault(path, self._mark(node))
        if id(node) in self.active:
            self.error(node, "an alias refers to the value that contains it", path)
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                self._check_tag(node, "seq", path)
                return [self._node(item, (*path, i)) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)
            self._check_tag(node, "map", path)
            return self._mapping(node, path)
        finally:
            self.active.discard(id(node))

    def _check_tag(self, node: Node, expected: str, path: Path) -> bool:
        if node.tag == TAG + expected:
            return True
        self.error(node, f"the tag {node.tag} is not allowed: bizcase reads plain YAML", path)
        return False

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        value: str = node.value
        kind = node.tag[len(TAG) :] if node.tag.startswith(TAG) else None
        if kind == "str":
            return value
        if kind == "null":
            return None
        if kind == "bool":
            return value.lower() == "true"
        if kind == "int":
            return _to_int(value, node, self, path)
        if kind == "float":
            return _to_float(value, node, self, path)
        self.error(node, f"the tag {node.tag} is not allowed: bizcase reads plain YAML", path)
        return None

    def _mapping(self, node: MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        explicit: dict[Any, Node] = {}
        merge_sources: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == TAG + "merge" or (
                isinstance(key_node, ScalarNode) and key_node.value == "<<" and not key_node.style
            ):
                merge_sources.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, "a key must be a plain value, not a list or mapping", path)
                continue
            key = self._scalar(key_node, path)
            if isinstance(key, float | bool) or key is None:
                key = key_node.value
            key_path: Path = (*path, str(key))
            if key in explicit:
                first = explicit[key].start_mark
                self.error(
                    key_node,
                    f"duplicate key '{key_node.value}' (first given on line {first.line + 1}): "
                    "give each key once",
                    path,
                )
                continue
            explicit[key] = key_node
            self.marks.setdefault((*key_path, KEY), self._mark(key_node))
            result[key] = self._node(value_node, key_path)
        for source in merge_sources:
            for key, value in self._merge(source, path):
                result.setdefault(key, value)
        return result

    def _merge(self, node: Node, path: Path) -> list[tuple[Any, Any]]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        pairs: list[tuple[Any, Any]] = []
        for source in sources:
            if not isinstance(source, MappingNode):
                self.error(source, "a merge key (<<) takes a mapping or a list of mappings", path)
                continue
            value = self._node(source, path)
            if isinstance(value, dict):
                pairs.extend(value.items())
        return pairs


def _to_int(value: str, node: Node, builder: Builder, path: Path) -> Any:
    try:
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    except ValueError:
        builder.error(node, f"'{value}' is not a whole number", path)
        return None


def _to_float(value: str, node: Node, builder: Builder, path: Path) -> Any:
    lowered = value.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if value.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    try:
        return float(value)
    except ValueError:
        builder.error(node, f"'{value}' is not a number", path)
        return None
