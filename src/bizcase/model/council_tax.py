"""Council tax for a merger: each area's Band D, tax base and yearly increase, the
successor's harmonisation of them, and the referendum limit on a year's increase."""

# No `from __future__ import annotations` here: pydantic reads these models' annotations as
# objects instead of evaluating each from text, a seventh of building them at start-up.

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from bizcase.model.fields import Model, Money, Weight
from bizcase.model.parsed import Parsed
from bizcase.model.prices import IndexRateField
from bizcase.model.units import parse_money, parse_percent
from bizcase.problems import FieldError


def _parse_target(value: Any) -> str | float:
    if isinstance(value, str) and value.strip() in ("lowest", "weighted_average"):
        return value.strip()
    try:
        return parse_money(value)
    except FieldError:
        raise FieldError(
            f"'{value}' is not a harmonisation target: write lowest, weighted_average or a "
            "Band D amount such as £160.50"
        ) from None


Target = Annotated[
    str | float,
    Parsed(
        _parse_target,
        {
            "anyOf": [{"enum": ["lowest", "weighted_average"]}, {"type": ["number", "string"]}],
            "description": "lowest, weighted_average (by tax base), or a Band D amount",
        },
    ),
]


class Limit(Model):
    """The referendum limit on a year's Band D increase: a percentage, or for a shire
    district the greater of a percentage and an amount."""

    percent: Annotated[float, BeforeValidator(parse_percent)] = 0.0
    amount: Money = 0.0


def _parse_limit(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip().endswith("%"):
        return {"percent": value}
    return {"amount": value}


class CouncilTax(Model):
    band_d: Money
    """Band D in the first year of the horizon."""
    tax_base: Weight
    """Band D equivalent properties."""
    increase: IndexRateField
    """The yearly increase without a merger (flat, or by year)."""
    limit: Annotated[Limit | None, BeforeValidator(_parse_limit)] = None


class Harmonisation(Model):
    """On a successor: one Band D for every area, reached in equal steps from vesting."""

    to: Target
    years: Annotated[int, Field(ge=1, le=20, strict=True)] = 1
    increase: IndexRateField
    """The new council's yearly Band D increase after vesting (flat, or by year): one
    Band D grows at one rate in every area."""
