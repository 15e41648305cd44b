"""The scenario format, version 1, as pydantic models: one option of a business case.

Field-level rules live here (units, ranges, shares summing to 100%); rules that need the
whole scenario (known partner ids, years inside the horizon) are in `bizcase.model.rules`.
Models are frozen: once a file is validated nothing downstream changes it.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from bizcase.model.discount import GREEN_BOOK, SCHEDULES, DiscountRate
from bizcase.model.green_book import bias_categories
from bizcase.model.optimism_bias import OptimismBias, parse_optimism_bias
from bizcase.model.shares import EQUAL, Share, parse_share, parse_year_map
from bizcase.model.uncertainty import Delay, DriverName, Uncertainty
from bizcase.model.units import (
    check_name,
    check_text,
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


Name = Annotated[str, Field(min_length=1), AfterValidator(check_name)]
Text = Annotated[str, AfterValidator(check_text)]
Money = Annotated[float, BeforeValidator(parse_money), WithJsonSchema(_MONEY_SCHEMA)]
Weight = Annotated[float, BeforeValidator(parse_weight), WithJsonSchema(_MONEY_SCHEMA)]
UnitPercent = Annotated[float, BeforeValidator(parse_unit_percent), WithJsonSchema(_PERCENT_SCHEMA)]
FinancialYear = Annotated[int, BeforeValidator(parse_year), WithJsonSchema(_YEAR_SCHEMA)]
ShareSpec = Annotated[Share, BeforeValidator(parse_share), WithJsonSchema(_SHARE_SCHEMA)]


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
    DiscountRate,
    PlainValidator(_parse_rate),
    PlainSerializer(lambda rate: rate.contract),
    WithJsonSchema(
        {
            "anyOf": [{"enum": list(SCHEDULES)}, _PERCENT_SCHEMA],
            "description": "A flat rate (3.5%), or a Treasury schedule of declining rates: "
            "green_book (the standard), green_book_health or green_book_lower",
        }
    ),
]
Phasing = Annotated[
    tuple[tuple[int, float], ...],
    BeforeValidator(_parse_phasing),
    WithJsonSchema(_year_map_schema(_PERCENT_SCHEMA)),
]
BudgetGap = Annotated[
    tuple[tuple[int, float], ...] | float,
    BeforeValidator(_parse_gap),
    WithJsonSchema({"anyOf": [_MONEY_SCHEMA, _year_map_schema(_MONEY_SCHEMA)]}),
]


OptimismBiasField = Annotated[
    OptimismBias,
    PlainValidator(parse_optimism_bias),
    PlainSerializer(lambda bias: bias.contract),
    WithJsonSchema(
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
        }
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class Partner(_Model):
    """A council taking part in the option."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_-]+$", min_length=1, max_length=40)]
    name: Name
    weights: dict[Annotated[str, Field(pattern=r"^[a-z0-9_]+$")], Weight] = {}
    budget_gap: BudgetGap | None = None
    uncertainty: Uncertainty | None = None
    """On the budget gap: the partner's only amount."""
    driver: DriverName | None = None
    note: Text | None = None


class Stream(_Model):
    """A recurring saving, income or cost."""

    name: Name
    annual: Money
    from_: Annotated[FinancialYear | None, Field(alias="from")] = None
    until: FinancialYear | None = None
    ramp: tuple[UnitPercent, ...] = ()
    confidence: UnitPercent = 1.0
    share: ShareSpec = EQUAL
    uncertainty: Uncertainty | None = None
    delay: Delay | None = None
    driver: DriverName | None = None
    optimism_bias: OptimismBiasField | None = None
    """Recurring costs only: an uplift that is part of the figures (the Green Book)."""
    note: Text | None = None


class OneOffCost(_Model):
    """A cost met once, in one year or phased over several."""

    name: Name
    amount: Money
    year: FinancialYear | None = None
    phasing: Phasing | None = None
    sunk: bool = False
    """Spent before the horizon: left out of the appraisal (the Green Book ignores sunk
    costs) but reported, so no money leaves the figures unseen."""
    share: ShareSpec = EQUAL
    uncertainty: Uncertainty | None = None
    delay: Delay | None = None
    driver: DriverName | None = None
    optimism_bias: OptimismBiasField | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_timing(self) -> OneOffCost:
        if (self.year is None) == (self.phasing is None):
            raise FieldError(
                "give exactly one of `year` (all in one year) or `phasing` (percentages by year)"
            )
        return self

    def phased(self) -> tuple[tuple[int, float], ...]:
        """(year, fraction) pairs, whichever of `year` or `phasing` was given."""
        if self.phasing is not None:
            return self.phasing
        assert self.year is not None
        return ((self.year, 1.0),)


MAX_YEARS = 125
"""The longest horizon: a building or an estate is appraised over up to 125 years (the
Green Book's third band of discount rates ends there)."""
LONG_HORIZON = 50
"""Horizons longer than this get NPV at the lower rate as a test (Green Book)."""

MAX_PARTNERS = 100
"""Most partners an option may have (the largest shared-services programmes have a few
dozen): tables, workbooks and the memory of a simulation grow with them."""
MAX_ITEMS = 1_000
"""Most items in one section (a business case has tens)."""

Kind = Literal["solo", "joint", "alliance", "shared_service", "other"]
SECTIONS = ("savings", "income", "costs")


class Scenario(_Model):
    """One option of a business case, as validated from a file."""

    name: Name
    kind: Kind = "other"
    description: Text | None = None
    notes: tuple[Text, ...] = ()
    """Assumptions and sources, listed in committee reports."""
    currency: Literal["GBP"] = "GBP"
    start: FinancialYear
    years: Annotated[int, Field(ge=1, le=MAX_YEARS, strict=True)]
    discount_rate: DiscountRateField = Field(
        GREEN_BOOK, json_schema_extra={"default": "green_book"}
    )
    partners: Annotated[tuple[Partner, ...], Field(min_length=1, max_length=MAX_PARTNERS)]
    savings: Annotated[tuple[Stream, ...], Field(max_length=MAX_ITEMS)] = ()
    income: Annotated[tuple[Stream, ...], Field(max_length=MAX_ITEMS)] = ()
    costs: Annotated[tuple[Stream, ...], Field(max_length=MAX_ITEMS)] = ()
    one_off_costs: Annotated[tuple[OneOffCost, ...], Field(max_length=MAX_ITEMS)] = ()

    @property
    def end(self) -> int:
        """The last financial year of the horizon."""
        return self.start + self.years - 1

    def section(self, name: str) -> tuple[Stream, ...]:
        streams: tuple[Stream, ...] = getattr(self, name)
        return streams


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a file may use for a model (aliases where they differ from the attribute)."""
    return [info.alias or name for name, info in model.model_fields.items()]
