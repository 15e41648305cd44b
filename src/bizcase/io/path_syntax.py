"""The syntax of readable field paths (`savings["Shared management"].annual`): text to segments.

Parsing is kept apart from resolving (`bizcase.io.paths`) because it needs no scenario data:
a malformed path is refused before any file is read.
"""

from __future__ import annotations

import re

from bizcase.problems import InputError, Problem
from bizcase.records import frozen

SOURCE = "--set"
"""Where problems with a path or its values are placed: the command-line option."""


@frozen
class Name:
    """A field or mapping key (`.annual`, `["2019/20"]`), or an item's name or id (`[ssdc]`)."""

    name: str
    end: int
    """Where the segment ends in the path's text, so messages can quote the path so far."""
    bracketed: bool = False
    """Written in brackets (`[ssdc]`), so it may pick a list item; `.name` never does."""


@frozen
class Index:
    """A list item by position, `[0]`; on a mapping, the key with that number."""

    index: int
    end: int


Segment = Name | Index


@frozen
class FieldPath:
    """A parsed path: its text as written, and its segments."""

    text: str
    segments: tuple[Segment, ...]

    def upto(self, count: int) -> str:
        """The path's text up to and including its `count`-th segment."""
        return self.text[: self.segments[count - 1].end] if count else ""


def problem(message: str) -> InputError:
    """An input error placed at `--set`, where the user wrote the path."""
    return InputError([Problem(SOURCE, message)])


# ---------------------------------------------------------------------------------- parsing

_NAME = re.compile(r"[^.\[\]\s'\"=]+")
_INDEX = re.compile(r"\s*(-?\d+)\s*\]")
_BARE = re.compile(r"\s*([^\]'\"]*?)\s*\]")
_CLOSE = re.compile(r"\s*\]")

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
        return _quoted(source, inner)
    number = _INDEX.match(source, pos + 1)
    if number is not None:
        return Index(int(number[1]), number.end()), number.end()
    bare = _BARE.match(source, pos + 1)
    if bare is None:
        raise _syntax(source, pos, "the [ is not closed with ]")
    if not bare[1]:
        raise _syntax(source, pos, "empty brackets: give a position, a name or an id")
    return Name(bare[1], bare.end(), bracketed=True), bare.end()


def _quoted(source: str, start: int) -> tuple[Segment, int]:
    """A quoted name in brackets from its opening quote at `start`; a backslash escapes."""
    quote = source[start]
    chars: list[str] = []
    i = start + 1
    while i < len(source) and source[i] != quote:
        if source[i] == "\\" and i + 1 < len(source):
            i += 1
        chars.append(source[i])
        i += 1
    if i >= len(source):
        raise _syntax(source, start, f"the quoted name is not closed with {quote}")
    close = _CLOSE.match(source, i + 1)
    if close is None:
        raise _syntax(source, i + 1, "expected ] after the quoted name")
    return Name("".join(chars), close.end(), bracketed=True), close.end()


def _syntax(source: str, pos: int, what: str) -> InputError:
    return problem(f"'{source}' is not a field path: {what} at character {pos + 1}; {_EXAMPLE}")
