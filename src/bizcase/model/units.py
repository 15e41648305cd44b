"""Parsing of the units people write in scenario files: money, percentages, financial years.

Each parser takes what YAML produced (int, float or str) and returns a float or an int, or
raises `FieldError` with a message that says how to write the value correctly. Parsing goes
through `Decimal` so that `£4.1m` is exactly 4,100,000 rather than 4,099,999.999...
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from bizcase.problems import FieldError

Path = tuple[str | int, ...]
"""A field path inside a scenario, e.g. ("savings", 0, "annual")."""

KEY = "<key>"
"""Path marker: the problem is with a mapping key itself, not its value."""


MAX_MONEY = 10**13
"""The largest amount bizcase accepts, £10 trillion: far above any council's budget (the
whole of UK public spending is about £1.3 trillion a year), far below where float64
arithmetic could lose pennies or overflow."""

_MAX_DIGITS = 30
"""Longer numbers are refused before they are parsed (a million zeros must not be slow)."""


def shown(value: Any) -> str:
    """A value from a file as it can safely be shown in a message: control characters
    escaped, and cut short when long (a number of a million digits is not printed)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 100:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    text = value if isinstance(value, str) else str(value)
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    if len(text) > 60:
        text = f"{text[:40]}...({len(text):,} characters)"
    return text


@cache
def _unprintable() -> re.Pattern[str]:
    return re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Control characters shown as escapes (`\\x1b`), so nothing printed can move a
    terminal's cursor or change its colours; line breaks and tabs kept."""
    if text.isprintable() or not _unprintable().search(text):
        return text
    return _unprintable().sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def described(value: Any) -> str:
    """A given value as an author would recognise it, not as Python prints it."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    return quoted(value) if isinstance(value, str) else shown(value)


def quoted(value: Any) -> str:
    """`shown`, in quotes."""
    return f"'{shown(value)}'"


_SUFFIXES = {"": 1, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
_MONEY = re.compile(
    r"""^\s*(?P<sign>[-+])?\s*£?\s*(?P<sign2>[-+])?
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
        \s*(?P<suffix>k|m|bn)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_PLAIN_NUMBER = re.compile(r"^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*$")


def _check_number(value: Any, what: str) -> float:
    """Reject booleans and non-finite floats, which YAML can produce but no figure can be."""
    if isinstance(value, bool):
        raise FieldError(f"expected {what}, got {str(value).lower()}")
    if isinstance(value, float) and not math.isfinite(value):
        raise FieldError(f"expected {what}, got {value}: amounts must be finite")
    try:
        return float(value)
    except OverflowError:
        raise FieldError(f"{quoted(value)} is far too large for {what}") from None


def _leading_zero(text: str) -> bool:
    digits = text.lstrip("£+- ")
    return len(digits) > 1 and digits[0] == "0" and digits[1].isdigit()


def parse_money(value: Any) -> float:
    """Pounds from `350000`, `13400.50`, `£4.1m`, `£13,400`, `350k` or `£2.5bn`."""
    if isinstance(value, int | float):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_MONEY:
            raise _too_large(value)
        amount = _check_number(value, "an amount of money")
        if amount < 0:
            raise FieldError(
                f"money is never negative (got {value:g}): the section it is in gives its sign"
            )
        if amount > MAX_MONEY:
            raise _too_large(value)
        return amount
    if not isinstance(value, str):
        raise FieldError(f"expected an amount of money such as £4.1m or 350000, got {_show(value)}")
    match = _MONEY.match(value)
    if match is None:
        raise FieldError(
            f"{quoted(value)} is not an amount of money: write pounds as 350000, £13,400, 350k, "
            "£4.1m or £2.5bn"
        )
    if match["sign"] == "-" or match["sign2"] == "-":
        raise FieldError(
            f"money is never negative (got {quoted(value)}): the section it is in gives its sign"
        )
    number = match["num"]
    if _leading_zero(number):
        raise FieldError(
            f"{quoted(value)} has a leading zero, which is ambiguous: write it without"
        )
    scale = _SUFFIXES[(match["suffix"] or "").lower()]
    if len(number) > _MAX_DIGITS:
        raise _too_large(value)
    exact = Decimal(number.replace(",", "")) * scale
    if exact > MAX_MONEY:
        raise _too_large(value)
    return float(exact)


def _too_large(value: Any) -> FieldError:
    return FieldError(
        f"{quoted(value)} is more than £10 trillion, the most bizcase accepts: "
        "check the amount (and its k, m or bn)"
    )


def parse_weight(value: Any) -> float:
    """A partner weight: a plain count (population) or an amount of money (net budget)."""
    return parse_money(value)


def parse_percent(value: Any, *, signed: bool = False) -> float:
    """A fraction from `3.5%` or `0.035`; a bare number above 1 is refused, never guessed."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            number = text[:-1].strip()
            if len(number) > _MAX_DIGITS or not _PLAIN_NUMBER.match(number):
                raise FieldError(f"{quoted(value)} is not a percentage: write it as 3.5% or 0.035")
            try:
                fraction = float(Decimal(number) / 100)
            except InvalidOperation as exc:  # pragma: no cover - regex guards this
                raise FieldError(f"{quoted(value)} is not a percentage") from exc
            if fraction < 0 and not signed:
                raise FieldError(
                    f"{quoted(value)} is negative: a percentage here must be 0% or more"
                )
            return fraction
        if len(text) > _MAX_DIGITS or not _PLAIN_NUMBER.match(text):
            raise FieldError(f"{quoted(value)} is not a percentage: write it as 3.5% or 0.035")
        value = float(Decimal(text))
    if not isinstance(value, int | float):
        raise FieldError(f"expected a percentage such as 3.5% or 0.035, got {_show(value)}")
    fraction = _check_number(value, "a percentage")
    if abs(fraction) > 1:
        raise FieldError(
            f"{value:g} is not a percentage: write {value:g}% (with the % sign) "
            f"or the fraction {fraction / 100:g}"
        )
    if fraction < 0 and not signed:
        raise FieldError(f"{value:g} is negative: a percentage here must be 0% or more")
    return fraction


def parse_unit_percent(value: Any) -> float:
    """A percentage between 0% and 100% (ramp entries, confidence, shares, phasing)."""
    fraction = parse_percent(value)
    if fraction > 1:
        raise FieldError(f"{quoted(value)} is above 100%: it must be between 0% and 100%")
    return fraction


FIRST_YEAR, LAST_YEAR = 1900, 2200
_YEAR = re.compile(r"^\s*(?P<y>\d{4})(?:\s*[/-]\s*(?P<next>\d{2}|\d{4}))?\s*$")


def parse_year(value: Any) -> int:
    """The starting calendar year of a financial year from `2016/17`, `2016-17`, `2016/2017`
    or `2016`; the second half must be the year after, so `2016/18` is refused."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FieldError(f"expected a financial year such as 2016/17, got {_show(value)}")
    if isinstance(value, int):
        year = value
    else:
        match = _YEAR.match(value)
        if match is None:
            raise FieldError(f"{quoted(value)} is not a financial year: write it as 2016/17")
        year = int(match["y"])
        following = match["next"]
        if following is not None:
            expected = f"{(year + 1) % 100:02d}" if len(following) == 2 else str(year + 1)
            if following != expected:
                raise FieldError(
                    f"{quoted(value)} is not a financial year: the year after {year} is "
                    f"{format_year(year)}"
                )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FieldError(
            f"{shown(value)} is outside the financial years bizcase handles "
            f"({FIRST_YEAR} to {LAST_YEAR})"
        )
    return year


def format_year(year: int) -> str:
    """`2016/17`; the century rolls over as `2099/00`."""
    return f"{year}/{(year + 1) % 100:02d}"


def format_percent(fraction: float) -> str:
    """`48%`, `33.33%`, `3.8286%`: as many decimals as it needs, up to four."""
    text = f"{fraction * 100:.4f}".rstrip("0").rstrip(".")
    return f"{'0' if text in ('-0', '') else text}%"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return quoted(value)
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value)
