"""Rules on prices and funding that need the whole scenario: index names, the deflator NPV
needs, reserves without an opening balance, and capital receipts that fund nothing."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from bizcase.model.findings import Finding
from bizcase.model.scenario import SECTIONS, Item, Scenario
from bizcase.model.units import Path, format_year

_EXAMPLE = "prices: {indices: {pay: 2%}, deflator: 2%}"


def check_finance(scenario: Scenario) -> Iterator[Finding]:
    indexed = [(path, item) for path, item in _items(scenario) if item.index is not None]
    names = [] if scenario.prices is None else list(scenario.prices.indices)
    for path, item in indexed:
        assert item.index is not None
        if item.index not in names:
            yield Finding((*path, "index"), _unknown_index(item.index, names))
    if indexed and (scenario.prices is None or scenario.prices.deflator is None):
        where: Path = ("prices",) if scenario.prices is not None else (*indexed[0][0], "index")
        yield Finding(
            where,
            "NPV needs real prices: give prices.deflator (the GDP deflator forecast, flat or "
            "by year, such as `deflator: 2%`), as amounts that grow with an index are cash",
        )
    yield from _check_openings(scenario)
    yield from _check_receipts(scenario)


def _check_openings(scenario: Scenario) -> Iterator[Finding]:
    """Only a successor may leave `opening` out: it carries its predecessors' balances."""
    for index, partner in enumerate(scenario.partners):
        if partner.reserves is None or partner.reserves.opening is not None:
            continue
        if partner.succeeds is None:
            yield Finding(
                ("partners", index, "reserves"),
                "`reserves` needs `opening`: the general fund balance at the start of the "
                "first year, such as `reserves: {opening: £3.2m, minimum: £1.5m}` (only a "
                "council that `succeeds` others may leave it out, to carry theirs)",
            )


def _items(scenario: Scenario) -> Iterator[tuple[Path, Item]]:
    for section in SECTIONS:
        for index, stream in enumerate(scenario.section(section)):
            yield (section, index), stream
    for index, cost in enumerate(scenario.one_off_costs):
        yield ("one_off_costs", index), cost
    for index, risk in enumerate(scenario.risks):
        yield ("risks", index), risk


def _unknown_index(name: str, names: list[str]) -> str:
    if not names:
        return (
            f"there is no price index '{name}': define it under prices.indices (for example "
            f"`{_EXAMPLE.replace('pay', name)}`), or remove `index` to keep the amount flat cash"
        )
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"'{name}' is not a price index of prices.indices ({', '.join(names)}){hint}"


def _check_receipts(scenario: Scenario) -> Iterator[Finding]:
    """Receipts no cost can use, or that come after the horizon, would leave money unseen."""
    funded = any(cost.funded_by == "capital_receipts" for cost in scenario.one_off_costs)
    for index, partner in enumerate(scenario.partners):
        receipts = partner.capital_receipts
        if receipts is None:
            continue
        path: Path = ("partners", index, "capital_receipts")
        if not funded:
            yield Finding(
                path,
                "no one-off cost says `funded_by: capital_receipts`, so these receipts fund "
                "nothing: add it to the costs they pay for, or remove the receipts",
                "warning",
            )
        if isinstance(receipts, float):
            continue
        for year, _ in receipts:
            if year > scenario.end:
                yield Finding(
                    (*path, format_year(year)),
                    f"{format_year(year)} is after the horizon (ends {format_year(scenario.end)})"
                    ": these receipts can fund nothing in it",
                    "warning",
                )
