"""Cash prices: indices that grow amounts written in a base year's prices (pay awards,
contract inflation), and the GDP deflator that turns cash back into real terms for NPV.

A rate is given flat (`2%`, every year) or by year (`{2017/18: 1%, 2018/19: 2%}`: a year
not listed takes the nearest listed year before it, years before the first listed one 0%).
The factor of year t relative to the base year b: I[b] = 1, I[t] = I[t-1] x (1 + rate(t))
after b, I[t] = I[t+1] / (1 + rate(t+1)) before b.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field

from bizcase.model.parsed import Parsed
from bizcase.model.shares import parse_year_map
from bizcase.model.units import format_percent, format_year, parse_percent, quoted
from bizcase.problems import FieldError
from bizcase.records import frozen

INDEX_NAME = r"^[a-z][a-z0-9_]*$"


@frozen
class IndexRate:
    """A rate of change by financial year: `flat`, or (year, rate) pairs in year order."""

    flat: float | None = None
    by_year: tuple[tuple[int, float], ...] = ()
    shift: float = 0.0
    """Added to the rate of every year (sensitivity's one point lower and higher)."""

    def rate(self, year: int) -> float:
        """The rate written for `year` ("the 2017/18 pay award is 1%")."""
        if self.flat is not None:
            return self.flat + self.shift
        found = 0.0
        for listed, rate in self.by_year:
            if listed > year:
                break
            found = rate
        return found + self.shift

    def shifted(self, points: float) -> IndexRate:
        """The same rates `points` higher in every year (0.01: one percentage point)."""
        return IndexRate(self.flat, self.by_year, self.shift + points)

    def factors(self, base: int, first: int, last: int) -> list[float]:
        """The factor of each year from `first` to `last` relative to `base` (which may lie
        outside them): built outward from the base year, one year at a time."""
        low, high = min(first, base), max(last, base)
        factor = {base: 1.0}
        for year in range(base + 1, high + 1):
            factor[year] = factor[year - 1] * (1.0 + self.rate(year))
        for year in range(base - 1, low - 1, -1):
            factor[year] = factor[year + 1] / (1.0 + self.rate(year + 1))
        return [factor[year] for year in range(first, last + 1)]

    @property
    def contract(self) -> float | dict[str, float]:
        if self.flat is not None:
            return self.flat
        return {format_year(year): rate for year, rate in self.by_year}

    def describe(self) -> str:
        """`2%` or `1% from 2017/18, 2% from 2018/19`."""
        if self.flat is not None:
            return format_percent(self.flat)
        return ", ".join(f"{format_percent(r)} from {format_year(y)}" for y, r in self.by_year)


def _parse_rate_value(value: Any) -> float:
    rate = parse_percent(value, signed=True)
    if rate <= -1:
        raise FieldError(
            f"{quoted(value)} would take prices to nothing or below: a rate of change must be "
            "above -100%"
        )
    return rate


def parse_index_rate(value: Any) -> IndexRate:
    if isinstance(value, IndexRate):
        return value
    if isinstance(value, dict):
        return IndexRate(by_year=parse_year_map(value, _parse_rate_value, "percentages"))
    return IndexRate(flat=_parse_rate_value(value))


_RATE_SCHEMA = {
    "anyOf": [
        {"type": "number", "exclusiveMinimum": -1, "maximum": 1},
        {"type": "string", "pattern": r"^\s*-?[0-9.]+\s*%\s*$"},
    ]
}

if TYPE_CHECKING:
    _IndexRate = IndexRate
else:
    _IndexRate = Any  # as `bizcase.model.fields` types its dataclass fields, for start-up

IndexRateField = Annotated[
    _IndexRate,
    Parsed(
        parse_index_rate,
        {
            "anyOf": [
                *_RATE_SCHEMA["anyOf"],
                {
                    "type": "object",
                    "propertyNames": {"pattern": r"^\s*[0-9]{4}"},
                    "additionalProperties": _RATE_SCHEMA,
                },
            ],
            "description": "A rate of change: flat (2%) or by financial year "
            "({2017/18: 1%, 2018/19: 2%}; a year not listed takes the nearest listed year "
            "before it, 0% before the first)",
        },
        contract=True,
    ),
]

IndexName = Annotated[str, Field(pattern=INDEX_NAME, max_length=40)]
