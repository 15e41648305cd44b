"""What a name or a piece of free text in a scenario file may hold: text, one line for a
name, and no control characters that would rewrite a terminal, split a CSV row or reorder
what a reader sees."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from bizcase.model.units import described, quoted
from bizcase.problems import FieldError

# Control characters, then bidi overrides: two classes of at most two ranges each, which
# `re` compiles as ranges; one class of four ranges costs a bitmap of every BMP character.
# Compiled only for text that is not `isprintable()` (which rules out both kinds): each
# pattern costs ~3M instructions to compile, and nearly every file needs neither.
_BIDI = r"[\u202a-\u202e\u2066-\u2069]"


@cache
def _control() -> re.Pattern[str]:
    return re.compile(rf"[\x00-\x1f\x7f-\x9f]|{_BIDI}")


@cache
def _control_in_text() -> re.Pattern[str]:
    return re.compile(rf"[\x00-\x08\x0b-\x1f]|[\x7f-\x9f]|{_BIDI}")


MAX_NAME = 200
MAX_TEXT = 20_000


def text_value(value: Any) -> str:
    """Text, as pydantic's `str` would take it from a file, and said as bizcase says its
    refusal ("expected text, got 5")."""
    if not isinstance(value, str):
        raise FieldError(f"expected text, got {described(value)}")
    return value


def check_name(value: str) -> str:
    """A name shown in tables, sheets and reports: one line of printable text. Control
    characters (a terminal escape, a carriage return, bidi overrides) are refused, since
    they would rewrite a terminal, split a CSV row or reorder what a reader sees."""
    if not value.isprintable():
        _refuse_control(value, _control(), "a name")
    if len(value) > MAX_NAME:
        raise FieldError(
            f"the name is {len(value):,} characters long: keep names to {MAX_NAME} "
            "(put the detail in `note` or `description`)"
        )
    return value


def check_text(value: str) -> str:
    """Free text (descriptions, notes): lines and tabs allowed, other control characters not."""
    if not value.replace("\n", " ").replace("\t", " ").isprintable():
        _refuse_control(value, _control_in_text(), "text")
    if len(value) > MAX_TEXT:
        raise FieldError(f"the text is {len(value):,} characters long: keep it to {MAX_TEXT:,}")
    return value


def _refuse_control(value: str, pattern: re.Pattern[str], what: str) -> None:
    found = pattern.search(value)
    if found is not None:
        code = ord(found[0])
        kind = "an escape code" if code == 0x1B else "a line break" if code in (10, 13) else None
        detail = f" ({kind})" if kind else ""
        raise FieldError(
            f"{quoted(value)} contains the control character U+{code:04X}{detail}, which "
            f"{what} may not hold: remove it"
        )
