"""Rules on councils that change shape: `from`/`until` in order, `succeeds` naming councils
that end the year before the successor begins, no council succeeded twice, and no item
shared, in a year it has money, to a council that does not exist then and has no
successor; capital receipts only in years their council exists."""

from __future__ import annotations

from collections.abc import Iterator

from bizcase.model.findings import Finding
from bizcase.model.scenario import OneOffCost, Risk, Scenario, Stream
from bizcase.model.structure import Structure, structure_of, succession
from bizcase.model.units import Path, format_year

_SECTIONS = ("savings", "income", "costs", "one_off_costs", "risks")


def check_structure(scenario: Scenario) -> Iterator[Finding]:
    partners = scenario.partners
    if not any(p.from_ is not None or p.until is not None or p.succeeds for p in partners):
        return
    ids = [p.id for p in partners]
    broken = False
    for index, partner in enumerate(partners):
        path: Path = ("partners", index)
        first, last = partner.from_, partner.until
        if first is not None and last is not None and last < first:
            broken = True
            yield Finding(
                (*path, "until"),
                f"`until` {format_year(last)} is before `from` {format_year(first)}",
            )
        if partner.succeeds is None:
            continue
        found = list(_successions(scenario, index))
        broken = broken or bool(found)
        yield from found
    if broken:
        return
    structure = structure_of(scenario)
    yield from _no_gaps(scenario, structure, ids)
    yield from _items_held(scenario, structure)
    yield from _receipts_held(scenario, structure)
    yield from _reserves_carried(scenario, structure)


def _successions(scenario: Scenario, index: int) -> Iterator[Finding]:
    partners = scenario.partners
    partner = partners[index]
    ids = [p.id for p in partners]
    path: Path = ("partners", index, "succeeds")
    if partner.from_ is None:
        yield Finding(
            ("partners", index),
            f"{partner.id} succeeds other councils, so it needs `from`: the year it begins "
            "(its predecessors' `until` is the year before)",
        )
        return
    weight = partner.succeeds.weight if partner.succeeds is not None else None
    if weight is not None:
        missing = [
            p.id for p in partners if p.until == partner.from_ - 1 and weight not in p.weights
        ]
        if missing:
            yield Finding(
                path,
                f"succeeds by {weight}: {', '.join(missing)} has no `{weight}` under `weights`",
            )
            return
    named = succession(partner, partners)
    if not named:
        yield Finding(
            path,
            f"no council ends in {format_year(partner.from_ - 1)}, the year before {partner.id} "
            "begins: give each predecessor `until: "
            f"{format_year(partner.from_ - 1)}`, or name them with percentages",
        )
        return
    for pid, _ in named:
        if pid not in ids or pid == partner.id:
            yield Finding(path, f"'{pid}' is not another partner of this option")
            continue
        predecessor = partners[ids.index(pid)]
        if predecessor.until != partner.from_ - 1:
            yield Finding(
                path,
                f"{pid} must end the year before {partner.id} begins: give {pid} `until: "
                f"{format_year(partner.from_ - 1)}`",
            )
        heirs = [p.id for p in partners if p.succeeds and pid in dict(succession(p, partners))]
        if len(heirs) > 1:
            yield Finding(path, f"{pid} is succeeded by {' and '.join(heirs)}: give it one")


def _no_gaps(scenario: Scenario, structure: Structure, ids: list[str]) -> Iterator[Finding]:
    for t in range(scenario.years):
        year = scenario.start + t
        if not any(structure.exists(p, year) for p in range(len(ids))):
            yield Finding(
                ("partners",),
                f"no partner exists in {format_year(year)}: every year of the horizon needs "
                "at least one council (check `from` and `until`)",
            )


def _items_held(scenario: Scenario, structure: Structure) -> Iterator[Finding]:
    """An item with money in a year must be shared to councils that exist then, or whose
    successors do."""
    for section in _SECTIONS:
        for index, item in enumerate(getattr(scenario, section)):
            for year in _years_with_money(scenario, item):
                p = structure.unheld(item.share, scenario.partners, year)
                if p is None:
                    continue
                partner = scenario.partners[p]
                when = (
                    f"does not exist until {format_year(structure.first[p])}"
                    if year < structure.first[p]
                    else f"ended in {format_year(structure.last[p])} with no successor"
                )
                yield Finding(
                    (section, index, "share"),
                    f"in {format_year(year)} {item.name} is shared to {partner.id}, which "
                    f"{when}: share it to the councils of that year, or change its years",
                )
                break


def _years_with_money(scenario: Scenario, item: Stream | OneOffCost | Risk) -> list[int]:
    horizon = range(scenario.start, scenario.end + 1)
    if isinstance(item, OneOffCost) or (isinstance(item, Risk) and item.impact is not None):
        return [year for year, fraction in item.phased() if fraction > 0 and year in horizon]
    first = item.from_ if item.from_ is not None else scenario.start
    last = item.until if item.until is not None else scenario.end
    return [year for year in horizon if first <= year <= last]


def _receipts_held(scenario: Scenario, structure: Structure) -> Iterator[Finding]:
    """Receipts come in to a council that exists: before a successor's vesting they are its
    predecessors', after a council's `until` its successor's (receipts dated before the
    horizon are available in a first council's first year, as always)."""
    for index, partner in enumerate(scenario.partners):
        receipts = partner.capital_receipts
        if receipts is None or isinstance(receipts, float):
            continue
        first, last = structure.first[index], structure.last[index]
        starts_late = first > scenario.start
        for year, _ in receipts:
            if year > last and year <= scenario.end:
                heir = structure.successor[index]
                to = "" if heir is None else f": give them to {scenario.partners[heir].id}"
                yield Finding(
                    ("partners", index, "capital_receipts", format_year(year)),
                    f"{partner.id} ends in {format_year(last)}, so it has no receipts in "
                    f"{format_year(year)}{to}",
                )
            elif starts_late and year < first:
                yield Finding(
                    ("partners", index, "capital_receipts", format_year(year)),
                    f"{partner.id} begins in {format_year(first)}, so it has no receipts in "
                    f"{format_year(year)}: give them to the council of that year (its unused "
                    "receipts carry into its successor)",
                )


def _reserves_carried(scenario: Scenario, structure: Structure) -> Iterator[Finding]:
    """A successor that carries its predecessors' balances needs every one of them."""
    partners = scenario.partners
    for s, partner in enumerate(partners):
        if partner.succeeds is None:
            continue
        if partner.reserves is not None and partner.reserves.opening is not None:
            continue
        sources = [q for q in range(len(partners)) if structure.successor[q] == s]
        missing = [partners[q].id for q in sources if partners[q].reserves is None]
        if partner.reserves is not None and missing and len(missing) == len(sources):
            yield Finding(
                ("partners", s, "reserves"),
                f"`reserves` needs `opening`: {partner.id}'s predecessors give no reserves "
                "for it to carry",
            )
        elif missing and len(missing) < len(sources):
            yield Finding(
                ("partners", s, "id"),
                f"{partner.id} carries its predecessors' reserves, but {', '.join(missing)} "
                f"gives none, so {partner.id}'s balance is not followed: give "
                f"{', '.join(missing)} `reserves`, or {partner.id} `reserves.opening`",
                "warning",
            )
