"""Reading a gate's VALUE in its metric's unit, the way scenario files are written (`£1.2m`,
`80%`, `2019/20`), shared by `check --require` and `diff --fail-on`."""

from __future__ import annotations

import math
import re

from bizcase.model.units import parse_money, parse_percent, parse_year
from bizcase.problems import FieldError, MessageError
from bizcase.results.metrics import STATUSES, Metric, Unit


class GateError(MessageError):
    """A condition that cannot be read; the message says how to write it."""


def parse_threshold(metric: Metric, value: str) -> float | int | str:
    """VALUE in the metric's unit: money may be negative here (`-£50k`, `(£50k)`)."""
    if metric.unit is Unit.status:
        word = value.strip().strip("'\"").lower()
        if word not in STATUSES[metric.name]:
            choices = ", ".join(STATUSES[metric.name])
            raise GateError(f"{metric.name}: '{value}' is not one of {choices}")
        return word
    if metric.unit is Unit.years:
        return _parse_years(metric, value)
    if metric.unit is Unit.ratio:
        return _parse_ratio(metric, value)
    try:
        if metric.unit is Unit.year:
            return parse_year(value)
        if metric.unit is Unit.fraction:
            return _parse_fraction(metric, value)
    except FieldError as exc:
        raise GateError(f"{metric.name}: {exc.message}") from None
    return _parse_signed_money(metric, value)


def _parse_ratio(metric: Metric, value: str) -> float:
    try:
        ratio = float(value.strip())
    except ValueError:
        ratio = math.nan
    if not math.isfinite(ratio):
        raise GateError(f"{metric.name}: '{value}' is not a number, such as 1.5")
    return ratio


def _parse_years(metric: Metric, value: str) -> float:
    text = re.sub(r"\s*years?$", "", value.strip())
    try:
        years = float(text)
    except ValueError:
        years = math.nan
    if not math.isfinite(years) or not 0 <= years <= 200:
        raise GateError(f"{metric.name}: '{value}' is not a number of years, such as 3.5")
    return years


def _parse_fraction(metric: Metric, value: str) -> float:
    fraction = parse_percent(value, signed=True)
    if metric.name.startswith("p_") and not 0 <= fraction <= 1:
        raise FieldError(f"'{value}' is not a probability: it must be between 0% and 100%")
    return fraction


_SIGNED = re.compile(r"^(?P<s1>[-+]?)\s*(?P<pound>£?)\s*(?P<s2>[-+]?)\s*(?P<rest>.*)$")


def _parse_signed_money(metric: Metric, value: str) -> float:
    text, negative = value, False
    if text.startswith("(") and text.endswith(")"):
        text, negative = text[1:-1].strip(), True
    shape = _SIGNED.match(text)
    assert shape is not None  # every string matches
    signs = shape["s1"] + shape["s2"]
    try:
        if len(signs) > 1 or (negative and signs):
            raise FieldError("more than one sign")
        amount = parse_money(shape["pound"] + shape["rest"])
    except FieldError:
        raise GateError(
            f"{metric.name}: '{value}' is not an amount of money: write pounds such as "
            "0, 350000, £13,400, 350k, £1.2m or -£50k"
        ) from None
    return (-amount if negative or signs == "-" else amount) + 0.0  # + 0.0: -0 is 0
