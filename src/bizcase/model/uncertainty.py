"""Uncertainty on an amount (relative to it), and the chance that a stream slips by years.

Written in files as `uncertainty: {low: -30%, likely: 0%, high: 10%, distribution: pert}`
and `delay: {0: 60%, 1: 30%, 2: 10%}`. Items that share a `driver` draw the same quantile,
so risks that move together are not averaged away.
"""

# No `from __future__ import annotations` here: pydantic reads these models' annotations as
# objects instead of evaluating each from text, a seventh of building them at start-up.

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from bizcase.model.parsed import Parsed
from bizcase.model.text import text_value
from bizcase.model.units import (
    KEY,
    format_percent,
    parse_percent,
    parse_unit_percent,
)
from bizcase.problems import FieldError

Distribution = Literal["triangular", "pert", "uniform", "normal"]
MAX_DELAY = 10
Z_95 = 1.6448536269514722
"""The standard normal's 95th percentile: a normal with no low/high is tested in
sensitivity at its P5 and P95."""

_SIGNED_PERCENT_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": -1, "maximum": 1},
        {"type": "string", "pattern": r"^\s*[-+]?[0-9.]+\s*%\s*$"},
    ],
    "description": "A change relative to the amount: -30%, 0%, 10% (or -0.3, 0, 0.1)",
}


def _signed(value: Any) -> float:
    return parse_percent(value, signed=True)


SignedPercent = Annotated[float, Parsed(_signed, _SIGNED_PERCENT_SCHEMA)]
NonNegativePercent = Annotated[float, Parsed(parse_percent, _SIGNED_PERCENT_SCHEMA)]


class Uncertainty(BaseModel):
    """How far an amount may be from what is written, as changes relative to it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    low: SignedPercent | None = None
    likely: SignedPercent = 0.0
    high: SignedPercent | None = None
    distribution: Distribution = "pert"
    sd: NonNegativePercent | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Uncertainty":
        if self.distribution == "normal":
            if self.sd is None:
                raise FieldError("a normal distribution needs `sd`, such as sd: 10%")
        else:
            if self.low is None or self.high is None:
                raise FieldError(f"a {self.distribution} distribution needs `low` and `high`")
            if self.sd is not None:
                raise FieldError("`sd` is for the normal distribution only", at=("sd", KEY))
        low, high = self.low, self.high
        if low is not None and low < -1:
            raise FieldError(
                f"low {format_percent(low)} would make the amount negative: "
                "it must be -100% or more",
                at=("low",),
            )
        if low is not None and high is not None:
            if low > high:
                raise FieldError(
                    f"low {format_percent(low)} is above high {format_percent(high)}",
                    at=("low",),
                )
            if self.distribution != "uniform" and not low <= self.likely <= high:
                raise FieldError(
                    f"likely {format_percent(self.likely)} must lie between low and high",
                    at=("likely",),
                )
        return self

    @property
    def bounds(self) -> tuple[float, float]:
        """The low and high changes used by one-at-a-time sensitivity: `low` and `high`
        where given, else a normal's P5 and P95, never below -100%."""
        spread = Z_95 * (self.sd or 0.0)
        low = self.low if self.low is not None else self.likely - spread
        high = self.high if self.high is not None else self.likely + spread
        return max(low, -1.0), high


def _parse_delay(value: Any) -> tuple[tuple[int, float], ...]:
    if not isinstance(value, dict) or not value:
        raise FieldError(
            "a delay is a mapping of whole years of slippage to probabilities, "
            "such as {0: 60%, 1: 30%, 2: 10%}"
        )
    items: list[tuple[int, float]] = []
    for key, raw in value.items():
        if isinstance(key, bool) or not isinstance(key, int) or not 0 <= key <= MAX_DELAY:
            raise FieldError(
                f"'{key}' is not a number of years: use whole years from 0 to {MAX_DELAY}",
                at=(str(key), KEY),
            )
        try:
            items.append((key, parse_unit_percent(raw)))
        except FieldError as exc:
            raise FieldError(exc.message, at=(str(key),)) from None
    total = sum(p for _, p in items)
    if abs(total - 1) > 0.0001 + 1e-12:
        raise FieldError(
            f"delay probabilities sum to {format_percent(total)}, not 100%: "
            "make them add up to 100%"
        )
    return tuple(sorted(items))


Delay = Annotated[
    tuple[tuple[int, float], ...],
    Parsed(
        _parse_delay,
        {
            "type": "object",
            "propertyNames": {"pattern": "^[0-9]+$"},
            "additionalProperties": {"type": ["number", "string"]},
            "description": "Probabilities of slipping by whole years: {0: 60%, 1: 30%}",
        },
    ),
]
DriverName = Annotated[str, Parsed(text_value, {"type": "string", "pattern": "^[A-Za-z0-9_ -]+$"})]
