"""The Green Book's constants, read once from the data file shipped with bizcase
(`bizcase/data/green_book.toml`), where each table states its source and edition."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

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


@cache
def _data() -> dict[str, Any]:
    text = (files("bizcase.data") / "green_book.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def source(table: str) -> tuple[str, str]:
    """(where the table comes from, how it was checked) for `discount` or `optimism_bias`."""
    section = _data()[table]
    return section["source"], section["checked"]


@cache
def schedules() -> dict[str, Schedule]:
    discount = _data()["discount"]
    ends: list[int | None] = [*discount["band_ends"], None]
    found = {}
    for name, entry in discount["schedules"].items():
        rates = entry["rates"]
        if len(rates) != len(ends):
            raise ValueError(f"green_book.toml: {name} needs {len(ends)} rates")
        bands = tuple((end, round(rate / 100, 6)) for end, rate in zip(ends, rates, strict=True))
        found[name] = Schedule(name, bands, entry["meaning"])
    return found


@cache
def bias_categories() -> dict[str, BiasCategory]:
    found = {}
    for name, entry in _data()["optimism_bias"]["categories"].items():
        upper, lower = (value / 100 for value in entry["capex"])
        duration = entry.get("duration")
        found[name] = BiasCategory(
            name,
            upper,
            lower,
            None if duration is None else (duration[0] / 100, duration[1] / 100),
            entry["applies_to"],
        )
    return found
