"""The one place bizcase reads YAML: safe, strict and with every value's position kept.

Scalars are resolved as YAML 1.2's core schema does, so YAML 1.1's surprises never reach a
figure: `no`/`yes`/`on`/`off` stay text, `1e3` is the number 1000, `1_000` and `1:30` stay
text, and a number with a leading zero (`010`, octal 8 in YAML 1.1) stays text so that the
field reading it can refuse it as ambiguous. Only the standard tags are accepted (nothing
that builds objects), duplicate keys are errors, and aliases may not expand a file beyond
`MAX_VALUES` values, so a small hostile file cannot exhaust memory or time.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode

from bizcase.io.yamlbuild import MAX_VALUES, TAG, Builder, Mark, node_problem
from bizcase.model.units import Path
from bizcase.problems import InputError, Problem
from bizcase.records import field, mutable

__all__ = ["MAX_VALUES", "Document", "Mark", "parse_yaml"]


_BOOLS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_NULLS = frozenset(("~", "null", "Null", "NULL", ""))
_INFINITIES = frozenset((".inf", ".Inf", ".INF"))
_NANS = frozenset((".nan", ".NaN", ".NAN"))
_DIGITS = frozenset("0123456789")
_OCTAL = frozenset("01234567")
_HEX = frozenset("0123456789abcdefABCDEF")
_NUMBER_STARTS = frozenset("-+0123456789.")


def _decimal_digits(text: str) -> bool:
    return bool(text) and _DIGITS.issuperset(text)


def _is_int(text: str) -> bool:
    """`[-+]?(0|[1-9][0-9]*)`, `0o[0-7]+` or `0x[0-9a-fA-F]+`."""
    if text[:2] == "0o":
        return len(text) > 2 and _OCTAL.issuperset(text[2:])
    if text[:2] == "0x":
        return len(text) > 2 and _HEX.issuperset(text[2:])
    digits = text[1:] if text[:1] in ("-", "+") else text
    return _decimal_digits(digits) and (digits == "0" or digits[0] != "0")


def _is_float(text: str) -> bool:
    """`[-+]?(0|[1-9][0-9]*)(.[0-9]*)?([eE][-+]?[0-9]+)?`, the same from `.[0-9]+`, or
    `[-+]?.inf` and `.nan` in three spellings each."""
    if text in _NANS:
        return True
    unsigned = text[1:] if text[:1] in ("-", "+") else text
    if unsigned in _INFINITIES:
        return True
    mantissa, e, exponent = unsigned.replace("E", "e").partition("e")
    if e and not _decimal_digits(exponent[1:] if exponent[:1] in ("-", "+") else exponent):
        return False
    whole, _, fraction = mantissa.partition(".")
    if fraction and not _decimal_digits(fraction):
        return False
    if not whole:
        return bool(fraction)
    return _decimal_digits(whole) and (whole == "0" or whole[0] != "0")


def implicit_tag(value: str) -> str | None:
    """The tag YAML 1.2's core schema gives a plain scalar (`str` when None), tried in its
    order: bool, int, float, null. Written out rather than as the schema's regular
    expressions, which cost ~4M instructions to compile at every start-up."""
    if value in _BOOLS:
        return TAG + "bool"
    if value in _NULLS:
        return TAG + "null"
    if value[:1] in _NUMBER_STARTS:
        if _is_int(value):
            return TAG + "int"
        if _is_float(value):
            return TAG + "float"
    return None


class _Resolver12(yaml.resolver.BaseResolver):
    """Implicit typing per YAML 1.2's core schema, stricter on leading zeros."""

    yaml_implicit_resolvers = {}  # noqa: RUF012

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            tag = implicit_tag(value)
            if tag is not None:
                return tag
        if kind is ScalarNode:
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


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


@mutable
class Document:
    """A YAML mapping as plain data, with the position of every value and key."""

    file: str
    data: Any
    marks: dict[Path, Mark] = field(default_factory=dict)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading and validating a file allocates many small objects and makes no cycles; the
    garbage collector's passes over them made loading superlinear in file size."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_yaml(text: str, file: str) -> Document:
    """Compose, check and build `text`; raise `InputError` with every problem found."""
    with collector_paused():
        return _parse(text, file)


def _parse(text: str, file: str) -> Document:
    node = _compose_checked(text, file)
    if node is None:
        raise InputError([Problem(file, _EMPTY, line=1, column=1)])
    builder = Builder(file)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise InputError([Problem(file, _TOO_DEEP)]) from None
    if builder.problems:
        raise InputError(builder.problems)
    return Document(file, data, builder.marks)


_EMPTY = "the file is empty: a scenario needs name, start, years and partners"


def _compose_checked(text: str, file: str) -> Node | None:
    """The node tree of `text`, or an `InputError` saying in plain words what is wrong."""
    try:
        try:
            return _compose(text, _FAST_LOADER)
        except yaml.YAMLError:
            # libyaml found a problem: read again with the Python reader for its clearer words.
            return _compose(text, _python_loader_class())
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(file, text, exc)]) from None
    except yaml.reader.ReaderError as exc:
        raise InputError([_character_problem(file, text, exc)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(file, f"YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(file, _TOO_DEEP)]) from None


def _syntax_problem(file: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error at its line, said plainly where it is a common one."""
    mark = exc.problem_mark or exc.context_mark
    message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    plain = _in_plain_words(exc, text)
    if plain is not None:
        mark, message = plain
    elif "undefined alias" in message and mark is not None:
        alias = re.match(r"\*([^\s,\[\]{}]+)", text.splitlines()[mark.line][mark.column :])
        if alias:
            message += f" '{alias[1]}': define it first with &{alias[1]}"
    return node_problem(file, mark, f"YAML syntax: {message}")


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
