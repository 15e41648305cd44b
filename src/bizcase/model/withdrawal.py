"""An option without one of its partners: what each remaining partner would bear if one
withdrew. Shares are re-apportioned on the same basis: `equal` and `by <weight>` among
those left, fixed percentages scaled up pro rata; an item wholly the withdrawing partner's
is dropped (and named). In a merger, an old council that withdraws leaves its successor
succeeding the others (`succeeds` re-apportioned the same way); the successor itself cannot
withdraw, since it is the merger."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from bizcase.model.scenario import OneOffCost, Partner, Risk, Scenario, Stream
from bizcase.model.shares import Share
from bizcase.model.structure import succession
from bizcase.records import frozen

Item = TypeVar("Item", Stream, OneOffCost, Risk)

_MINIMUM = {"joint": 2, "alliance": 2}
"""Kinds that need more than one partner: left with one, the option is `other`."""


@frozen
class Withdrawn:
    """The option as it would be without `partner`, and the items that left with it."""

    partner: str
    scenario: Scenario
    dropped: tuple[str, ...]
    """`Saving: Shared team`: items that were wholly the withdrawing partner's."""
    notes: tuple[str, ...] = ()
    """What else changes shape: a successor's `succeeds` without the partner."""


def why_not(scenario: Scenario, partner: str) -> str | None:
    """Why `partner` cannot withdraw from `scenario`, or None where it can."""
    ids = [p.id for p in scenario.partners]
    found = scenario.partners[ids.index(partner)]
    if found.succeeds is not None:
        return (
            f"{partner} is the council the merger creates: without it there is no merger "
            "(compare the option with the old councils' own options instead)"
        )
    for other in scenario.partners:
        if other.succeeds is None:
            continue
        named = [pid for pid, _ in succession(other, scenario.partners)]
        if named == [partner]:
            return f"{other.id} succeeds {partner} alone: without {partner} it succeeds no one"
    return None


def without(scenario: Scenario, partner: str) -> Withdrawn:
    """`scenario` without `partner` (which must be one of at least two partners)."""
    remaining = tuple(p for p in scenario.partners if p.id != partner)
    if len(remaining) == len(scenario.partners):
        raise KeyError(partner)
    if not remaining:
        raise ValueError("an option with one partner has no one else to bear its figures")
    dropped: list[str] = []
    leaving = next(p for p in scenario.partners if p.id == partner)
    remaining, notes = _successors_without(remaining, leaving)
    update: dict[str, object] = {"partners": remaining}
    for section, label in (
        ("savings", "Saving"),
        ("income", "Income"),
        ("costs", "Cost"),
        ("one_off_costs", "One-off cost"),
        ("risks", "Risk"),
    ):
        items: Sequence[Stream | OneOffCost | Risk] = getattr(scenario, section)
        kept = []
        for item in items:
            share = reshared(item.share, partner)
            if share is None:
                dropped.append(f"{label}: {item.name}")
            else:
                kept.append(
                    item if share == item.share else item.model_copy(update={"share": share})
                )
        update[section] = tuple(kept)
    if len(remaining) < _MINIMUM.get(scenario.kind, 1):
        update["kind"] = "other"
    return Withdrawn(partner, scenario.model_copy(update=update), tuple(dropped), notes)


def _successors_without(
    partners: tuple[Partner, ...], leaving: Partner
) -> tuple[tuple[Partner, ...], tuple[str, ...]]:
    """Each successor's `succeeds` without the council leaving (a fixed share scaled up;
    `equal` and `by <weight>` are recomputed among those left)."""
    kept, notes = [], []
    for p in partners:
        share = p.succeeds
        left = None if share is None else reshared(share, leaving.id)
        if share is None or left is None:  # `why_not` refuses a successor of it alone
            kept.append(p)
            continue
        if share.kind in ("equal", "weight"):
            predecessor = p.from_ is not None and leaving.until == p.from_ - 1
            changed = predecessor
        else:
            changed = left != share
        if not changed:
            kept.append(p)
            continue
        kept.append(p if left == share else p.model_copy(update={"succeeds": left}))
        notes.append(f"{p.id} succeeds the councils left, {left.describe()}")
        if p.budget_gap is not None:
            notes.append(f"{p.id}'s own budget_gap is kept as written")
    return tuple(kept), tuple(notes)


def reshared(share: Share, partner: str) -> Share | None:
    """The share among the others; None where nothing of the item is theirs."""
    if share.kind in ("equal", "weight"):
        return share
    if share.kind == "partner":
        return None if share.partner == partner else share
    others = [(pid, fraction) for pid, fraction in share.fixed if pid != partner]
    total = sum(fraction for _, fraction in others)
    if total <= 0:
        return None
    if len(others) == len(share.fixed):
        return share
    return Share("fixed", fixed=tuple((pid, fraction / total) for pid, fraction in others))
