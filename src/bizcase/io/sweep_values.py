"""The values of one `--set PATH=VALUES`: a comma list as YAML would read it, or a range
`LOW..HIGH:N` of evenly spaced points written as pounds, fractions or plain numbers."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from bizcase.io.path_syntax import problem
from bizcase.model.units import parse_money, parse_percent
from bizcase.problems import FieldError
from bizcase.results.sweep import Value

WHOLE_NUMBER_FIELDS = frozenset({"years", "start", "from", "until", "year"})
"""Fields a range must fill with whole numbers: the horizon and financial years."""


def split_setting(text: str) -> tuple[str, str]:
    """`PATH=VALUES` split at the first `=` outside brackets and quotes."""
    depth, quote = 0, ""
    for i, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "=" and depth == 0:
            return text[:i].strip(), text[i + 1 :].strip()
    if "=" in text:  # unbalanced brackets or quotes: parse_path will say where
        path, _, values = text.partition("=")
        return path.strip(), values.strip()
    raise problem(
        f"'{text}' has no values: write PATH=VALUES, such as discount_rate=1%,3.5%,6% "
        "or savings[0].annual=£1m..£3m:5"
    )


_RANGE = re.compile(r"^(?P<low>.+?)\.\.(?P<high>.+?):\s*(?P<n>[-+]?\d+)\s*$")


_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")


_FLOAT = re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


_PLAIN = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")


_MONEY_HINT = re.compile(r"£|\d\s*(?:k|m|bn)$|,", re.IGNORECASE)


_THOUSANDS = re.compile(r"^\d{3}(?:\.\d+)?\s*(?:k|m|bn)?$", re.IGNORECASE)


def parse_values(text: str, field: str, where: str) -> tuple[Value, ...]:
    """The values of one `--set` for the field named `field` (its last key); `where` is the
    `--set` as given, for messages."""
    if ".." in text:
        return _range(text, field, where)
    items = _split_list(text)
    if any(not item for item in items):
        raise problem(
            f"{where}: an empty value in the list: separate values with single commas, "
            "such as 1%,3.5%,6%"
        )
    return tuple(Value(_as_yaml_would(item), item) for item in items)


def _split_list(text: str) -> list[str]:
    """Commas separate values, except a thousands comma inside an amount that starts with
    £: `£13,400,£20,000` is two amounts; `100,200` is two numbers."""
    items: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        previous = items[-1] if items else ""
        if (
            previous.startswith("£")
            and _THOUSANDS.match(part)
            and previous[-1].isdigit()
            and "." not in previous
        ):
            items[-1] = f"{previous},{part}"
        else:
            items.append(part)
    return items


def _as_yaml_would(item: str) -> Any:
    """A number where YAML would read one (`5`, `0.035`, `1e6`), else the text."""
    if _INT.match(item):
        return int(item)
    if _FLOAT.match(item):
        return float(item)
    return item


def _range(text: str, field: str, where: str) -> tuple[Value, ...]:
    match = _RANGE.match(text)
    if match is None:
        raise problem(
            f"{where}: a range is LOW..HIGH:N, N evenly spaced points with both ends "
            "included, such as £1m..£3m:5 or 1%..6%:6"
        )
    count = int(match["n"])
    if count < 2:
        raise problem(f"{where}: a range needs at least 2 points (the two ends), not {count}")
    if count > MAX_COMBINATIONS:
        raise problem(
            f"{where}: {count:,} points is more than a sweep takes ({MAX_COMBINATIONS:,})"
        )
    low_text, high_text = match["low"].strip(), match["high"].strip()
    kinds = {_kind(low_text), _kind(high_text)}
    if "percent" in kinds and kinds != {"percent"}:
        raise problem(f"{where}: write both ends of the range as percentages, such as 1%..6%:6")
    kind = "percent" if "percent" in kinds else "money" if "money" in kinds else "number"
    try:
        low, high = (_end(t, kind) for t in (low_text, high_text))
    except FieldError as exc:
        raise problem(f"{where}: {exc.message}") from None
    if low == high:
        raise problem(f"{where}: the range starts and ends at the same value: give it once")
    points = [low + (high - low) * i / (count - 1) for i in range(count)]
    if field in WHOLE_NUMBER_FIELDS and (
        kind != "number" or any(p != p.to_integral_value() for p in points)
    ):
        shown = ", ".join(_plain_text(p) for p in points[:4])
        raise problem(
            f"{where}: {field} takes whole numbers, and this range gives {shown}"
            f"{', ...' if count > 4 else ''}: choose N so that the step is whole, "
            "such as years=5..10:6 for 5, 6, ..., 10"
        )
    if kind == "money":
        points = [p.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for p in points]
        return tuple(Value(_number(p), _pounds_text(p)) for p in points)
    if kind == "percent":
        beyond = [p for p in points if abs(p) > 1]
        if beyond:
            raise problem(
                f"{where}: {_percent_text(beyond[0])} is beyond 100%: a percentage is "
                "between -100% and 100%"
            )
        return tuple(Value(float(p), _percent_text(p)) for p in points)
    return tuple(Value(_number(p), _plain_text(p)) for p in points)


def _kind(text: str) -> str:
    if text.endswith("%"):
        return "percent"
    if _MONEY_HINT.search(text):
        return "money"
    return "number"


def _end(text: str, kind: str) -> Decimal:
    if kind == "percent":
        return Decimal(repr(parse_percent(text, signed=True)))
    if kind == "money":
        return Decimal(repr(parse_money(text)))
    if not _PLAIN.match(text):
        raise FieldError(
            f"'{text}' is not a number, an amount of money (£1m) or a percentage (3.5%)"
        )
    return Decimal(text)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _plain_text(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return f"{float(value):.10g}"


def _pounds_text(value: Decimal) -> str:
    sign = "-" if value < 0 else ""
    if value == value.to_integral_value():
        return f"{sign}£{abs(int(value)):,}"
    return f"{sign}£{abs(value):,.2f}"


def _percent_text(fraction: Decimal) -> str:
    text = f"{float(fraction * 100):.6f}".rstrip("0").rstrip(".")
    return f"{'0' if text in ('-0', '') else text}%"


MAX_COMBINATIONS = 10_000
