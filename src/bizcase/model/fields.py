"""The value types of the scenario format: how each kind of field is read, checked and
described in the JSON Schema, shared by every model of the format."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
)

from bizcase.model.discount import SCHEDULES, DiscountRate
from bizcase.model.green_book import bias_categories
from bizcase.model.optimism_bias import OptimismBias, parse_optimism_bias
from bizcase.model.parsed import Parsed
from bizcase.model.shares import Share, parse_share, parse_year_map
from bizcase.model.text import check_name, check_text, text_value
from bizcase.model.units import (
    described,
    format_percent,
    parse_money,
    parse_percent,
    parse_unit_percent,
    parse_weight,
    parse_year,
)
from bizcase.problems import FieldError

_MONEY_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {
            "type": "string",
            "pattern": r"^\s*£?\s*[0-9][0-9,]*(\.[0-9]+)?\s*(k|m|bn|K|M|BN|Bn)?\s*$",
        },
    ],
    "description": "Pounds: 350000, £13,400, 350k, £4.1m or £2.5bn",
}


_PERCENT_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": -1, "maximum": 1},
        {"type": "string", "pattern": r"^\s*-?[0-9.]+\s*%\s*$"},
    ],
    "description": "A percentage with % (3.5%) or a fraction (0.035)",
}


_YEAR_PATTERN = r"^\s*[0-9]{4}(\s*[/-]\s*([0-9]{2}|[0-9]{4}))?\s*$"


_YEAR_SCHEMA = {
    "anyOf": [{"type": "integer"}, {"type": "string", "pattern": _YEAR_PATTERN}],
    "description": "A financial year (April to March): 2016/17, 2016-17, 2016/2017 or 2016",
}


_SHARE_SCHEMA = {
    "anyOf": [
        {"type": "string", "description": "equal, a partner id, or by <weight>"},
        {"type": "object", "additionalProperties": _PERCENT_SCHEMA},
    ],
    "description": "How the figure is split between partners",
}


def _year_map_schema(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "propertyNames": {"pattern": _YEAR_PATTERN},
        "additionalProperties": values,
    }


def _parse_name(value: Any) -> str:
    text = text_value(value)
    if not text:
        raise FieldError(f"must not be empty, got {described(text)}")
    return check_name(text)


def _parse_text(value: Any) -> str:
    return check_text(text_value(value))


Name = Annotated[str, Parsed(_parse_name, {"type": "string", "minLength": 1})]


Text = Annotated[str, Parsed(_parse_text, {"type": "string"})]


Money = Annotated[float, Parsed(parse_money, _MONEY_SCHEMA)]


Weight = Annotated[float, Parsed(parse_weight, _MONEY_SCHEMA)]


UnitPercent = Annotated[float, Parsed(parse_unit_percent, _PERCENT_SCHEMA)]


FinancialYear = Annotated[int, Parsed(parse_year, _YEAR_SCHEMA)]


# A field whose parse function is its whole validation, and returns a dataclass, is typed
# Any for pydantic (the dataclass for mypy): pydantic would otherwise build a validator for
# the dataclass, never used, on every model that has the field (a sixth of building the
# models, at every start-up).
if TYPE_CHECKING:
    _Share = Share
    _DiscountRate = DiscountRate
    _OptimismBias = OptimismBias
else:
    _Share = _DiscountRate = _OptimismBias = Any


ShareSpec = Annotated[_Share, Parsed(parse_share, _SHARE_SCHEMA)]


def _parse_rate(value: Any) -> DiscountRate:
    if isinstance(value, DiscountRate):
        return value
    if isinstance(value, str) and value in SCHEDULES:
        return DiscountRate.schedule(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[A-Za-z_][A-Za-z_ ]*\s*", value):
        close = difflib.get_close_matches(value.strip(), SCHEDULES, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise FieldError(
            f"'{value}' is not a discount rate: give a percentage such as 3.5%, or a schedule "
            f"({', '.join(SCHEDULES)}){hint}"
        )
    rate = parse_percent(value)
    if rate >= 1:
        raise FieldError("a discount rate must be below 100%")
    return DiscountRate.flat(rate)


def _parse_phasing(value: Any) -> tuple[tuple[int, float], ...]:
    phasing = parse_year_map(value, parse_unit_percent, "percentages of the amount")
    total = sum(fraction for _, fraction in phasing)
    if abs(total - 1) > 0.0001 + 1e-12:
        raise FieldError(
            f"phasing sums to {format_percent(total)}, not 100%: make it add up to 100%"
        )
    return phasing


def _parse_gap(value: Any) -> tuple[tuple[int, float], ...] | float:
    if isinstance(value, dict):
        return parse_year_map(value, parse_money, "amounts of money")
    return parse_money(value)


DiscountRateField = Annotated[
    _DiscountRate,
    Parsed(
        _parse_rate,
        {
            "anyOf": [{"enum": list(SCHEDULES)}, _PERCENT_SCHEMA],
            "description": "A flat rate (3.5%), or a Treasury schedule of declining rates: "
            "green_book (the standard), green_book_health or green_book_lower",
        },
        contract=True,
    ),
]


Phasing = Annotated[
    tuple[tuple[int, float], ...], Parsed(_parse_phasing, _year_map_schema(_PERCENT_SCHEMA))
]


BudgetGap = Annotated[
    tuple[tuple[int, float], ...] | float,
    Parsed(_parse_gap, {"anyOf": [_MONEY_SCHEMA, _year_map_schema(_MONEY_SCHEMA)]}),
]

MoneyByYear = BudgetGap
"""An amount by financial year (`{2016/17: £400k}`), or one amount."""


OptimismBiasField = Annotated[
    _OptimismBias,
    Parsed(
        parse_optimism_bias,
        {
            "anyOf": [
                _PERCENT_SCHEMA,
                {
                    "type": "object",
                    "properties": {
                        "category": {"enum": list(bias_categories())},
                        "mitigation": _PERCENT_SCHEMA,
                    },
                    "required": ["category"],
                    "additionalProperties": False,
                },
            ],
            "description": "Optimism bias (HM Treasury Green Book): a stated uplift (10%), or "
            "{category, mitigation}: max(lower, upper x (1 - mitigation)) from Table 2",
        },
        contract=True,
    ),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)
