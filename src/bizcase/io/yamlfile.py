"""The one place bizcase reads YAML: safe, strict and with every value's position kept.

Scalars are resolved as YAML 1.2's core schema does, so YAML 1.1's surprises never reach a
figure: `no`/`yes`/`on`/`off` stay text, `1e3` is the number 1000, `1_000` and `1:30` stay
text, and a number with a leading zero (`010`, octal 8 in YAML 1.1) stays text so that the
field reading it can refuse it as ambiguous. Only the standard tags are accepted (nothing
that builds objects), duplicate keys are errors, and aliases may not expand a file beyond
`MAX_VALUES` values, so a small hostile file cannot exhaust memory or time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bizcase.model.units import KEY, Path
from bizcase.problems import InputError, Problem

MAX_VALUES = 100_000
"""Most values a file may hold once aliases are expanded (the bundled files hold ~300)."""

Mark = tuple[str, int, int]
"""(file, line, column), both 1-based."""

_TAG = "tag:yaml.org,2002:"


class _Resolver12(yaml.resolver.BaseResolver):
    """Implicit typing per YAML 1.2's core schema, stricter on leading zeros."""

    yaml_implicit_resolvers = {}  # noqa: RUF012


_Resolver12.add_implicit_resolver(
    _TAG + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver12.add_implicit_resolver(
    _TAG + "int",
    re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver12.add_implicit_resolver(
    _TAG + "float",
    re.compile(
        r"""^(?:[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
        re.VERBOSE,
    ),
    list("-+0123456789."),
)
_Resolver12.add_implicit_resolver(
    _TAG + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def _python_loader_class() -> type:
    """The pure-Python reader: slower, but its syntax-error messages are the clearest.
    Imported only when a file has a syntax error, to keep start-up fast."""
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _PyLoader(Reader, Scanner, Parser, Composer, _Resolver12):
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Resolver12.__init__(self)

    return _PyLoader


def _fast_loader_class() -> type:
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return _python_loader_class()

    class _CLoader(CParser, _Resolver12):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver12.__init__(self)

    return _CLoader


_FAST_LOADER = _fast_loader_class()


def _compose(text: str, loader_class: type) -> Node | None:
    loader = loader_class(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


@dataclass
class Document:
    """A YAML mapping as plain data, with the position of every value and key."""

    file: str
    data: Any
    marks: dict[Path, Mark] = field(default_factory=dict)


def parse_yaml(text: str, file: str) -> Document:
    """Compose, check and build `text`; raise `InputError` with every problem found."""
    try:
        try:
            node = _compose(text, _FAST_LOADER)
        except yaml.YAMLError:
            # libyaml found a problem: read again with the Python reader for its clearer words.
            node = _compose(text, _python_loader_class())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        plain = _in_plain_words(exc, text)
        if plain is not None:
            mark, message = plain
        elif "undefined alias" in message and mark is not None:
            alias = re.match(r"\*([^\s,\[\]{}]+)", text.splitlines()[mark.line][mark.column :])
            if alias:
                message += f" '{alias[1]}': define it first with &{alias[1]}"
        raise InputError([_problem(file, mark, f"YAML syntax: {message}")]) from None
    except yaml.reader.ReaderError as exc:
        raise InputError([_character_problem(file, text, exc)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(file, f"YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(file, _TOO_DEEP)]) from None
    if node is None:
        raise InputError(
            [
                Problem(
                    file,
                    "the file is empty: a scenario needs name, start, years and partners",
                    line=1,
                    column=1,
                )
            ]
        )
    builder = _Builder(file)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise InputError([Problem(file, _TOO_DEEP)]) from None
    if builder.problems:
        raise InputError(builder.problems)
    return Document(file, data, builder.marks)


def _in_plain_words(exc: yaml.MarkedYAMLError, text: str) -> tuple[Any, str] | None:
    """The commonest syntax errors said plainly, at the line that is wrong (PyYAML often
    reports the line after it)."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    where = exc.context_mark or exc.problem_mark
    if "'\\t'" in problem or "\\t" in problem:
        return exc.problem_mark, "tabs cannot indent YAML: use spaces"
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        return exc.context_mark, "this line has no `:` after its key: write `key: value`"
    if "quoted scalar" in context and "end of stream" in problem:
        return where, "a quote opened here is never closed: add the closing quote"
    if "flow sequence" in context and exc.context_mark is not None:
        return exc.context_mark, "a list opened with [ here is not closed with ]"
    if "flow mapping" in context and exc.context_mark is not None:
        return exc.context_mark, "a mapping opened with { here is not closed with }"
    if "mapping values are not allowed here" in problem:
        return exc.problem_mark, (
            "a `:` that YAML cannot read here: check this line's indentation against the "
            "line above, or put a value containing `: ` in quotes"
        )
    return None


def _character_problem(file: str, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow (NUL, most control characters), at its line."""
    position = min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    name = "a NUL character" if code == 0 else f"the control character U+{code:04X}"
    return Problem(
        file,
        f"the file contains {name}, which YAML does not allow: delete it "
        "(it may have come from copying from another program)",
        line=line,
        column=column,
    )


_TOO_DEEP = "lists or mappings are nested too deeply to read: a scenario needs only a few levels"


def _problem(file: str, mark: Any, message: str) -> Problem:
    if mark is None:
        return Problem(file, message)
    return Problem(file, message, line=mark.line + 1, column=mark.column + 1)


class _TooBig(Exception):
    pass


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording marks as it goes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[Path, Mark] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.distinct: set[int] = set()
        self.active: set[int] = set()

    def build(self, node: Node, path: Path) -> Any:
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
            self.problems.append(_problem(self.file, node.start_mark, message))
            return None

    def _mark(self, node: Node) -> Mark:
        return (self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def _error(self, node: Node, message: str, path: Path = ()) -> None:
        problem = _problem(self.file, node.start_mark, message)
        self.problems.append(Problem(**{**problem.__dict__, "path": path}))

    def _node(self, node: Node, path: Path) -> Any:
        self.count += 1
        self.distinct.add(id(node))
        if self.count > MAX_VALUES:
            raise _TooBig
        self.marks.setdefault(path, self._mark(node))
        if id(node) in self.active:
            self._error(node, "an alias refers to the value that contains it", path)
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
        if node.tag == _TAG + expected:
            return True
        self._error(node, f"the tag {node.tag} is not allowed: bizcase reads plain YAML", path)
        return False

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        value: str = node.value
        kind = node.tag[len(_TAG) :] if node.tag.startswith(_TAG) else None
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
        self._error(node, f"the tag {node.tag} is not allowed: bizcase reads plain YAML", path)
        return None

    def _mapping(self, node: MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        explicit: dict[Any, Node] = {}
        merge_sources: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge" or (
                isinstance(key_node, ScalarNode) and key_node.value == "<<" and not key_node.style
            ):
                merge_sources.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self._error(key_node, "a key must be a plain value, not a list or mapping", path)
                continue
            key = self._scalar(key_node, path)
            if isinstance(key, float | bool) or key is None:
                key = key_node.value
            key_path: Path = (*path, str(key))
            if key in explicit:
                first = explicit[key].start_mark
                self._error(
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
                self._error(source, "a merge key (<<) takes a mapping or a list of mappings", path)
                continue
            value = self._node(source, path)
            if isinstance(value, dict):
                pairs.extend(value.items())
        return pairs


def _to_int(value: str, node: Node, builder: _Builder, path: Path) -> Any:
    try:
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    except ValueError:
        builder._error(node, f"'{value}' is not a whole number", path)
        return None


def _to_float(value: str, node: Node, builder: _Builder, path: Path) -> Any:
    lowered = value.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if value.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    try:
        return float(value)
    except ValueError:
        builder._error(node, f"'{value}' is not a number", path)
        return None
