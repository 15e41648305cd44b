"""The Green Book's constants as bizcase uses them, built once from the tables in
`green_book_tables`, where each table states its source and edition."""

from __future__ import annotations

from functools import cache

from bizcase.model import green_book_tables as tables
from bizcase.records import frozen


@frozen
class Schedule:
    name: str
    bands: tuple[tuple[int | None, float], ...]
    """(last year index of the band, or None for every later year; rate as a fraction)."""
    meaning: str


@frozen
class BiasCategory:
    name: str
    upper: float
    lower: float
    """Bounds of the uplift, as fractions of the cost."""
    duration: tuple[float, float] | None
    """Works-duration bounds (upper, lower) as fractions, where the table gives them."""
    applies_to: str
    """`one_off_costs` (capital categories) or `costs` (outsourcing)."""


def source(table: str) -> tuple[str, str]:
    """(where the table comes from, how it was checked) for `discount` or `optimism_bias`."""
    if table == "discount":
        return tables.DISCOUNT_SOURCE, tables.DISCOUNT_CHECKED
    if table == "optimism_bias":
        return tables.OPTIMISM_BIAS_SOURCE, tables.OPTIMISM_BIAS_CHECKED
    raise KeyError(table)


@cache
def schedules() -> dict[str, Schedule]:
    ends: list[int | None] = [*tables.BAND_ENDS, None]
    found = {}
    for name, (rates, meaning) in tables.DISCOUNT_SCHEDULES.items():
        if len(rates) != len(ends):
            raise ValueError(f"green_book_tables: {name} needs {len(ends)} rates")
        bands = tuple((end, round(rate / 100, 6)) for end, rate in zip(ends, rates, strict=True))
        found[name] = Schedule(name, bands, meaning)
    return found


@cache
def bias_categories() -> dict[str, BiasCategory]:
    found = {}
    for name, ((upper, lower), duration, applies_to) in tables.OPTIMISM_BIAS.items():
        found[name] = BiasCategory(
            name,
            upper / 100,
            lower / 100,
            None if duration is None else (duration[0] / 100, duration[1] / 100),
            applies_to,
        )
    return found
