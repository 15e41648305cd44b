"""An option without one of its partners: what each remaining partner would bear if one
withdrew. Shares are re-apportioned on the same basis: `equal` and `by <weight>` among
those left, fixed percentages scaled up pro rata; an item wholly the withdrawing partner's
is dropped (and named)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from bizcase.model.scenario import OneOffCost, Risk, Scenario, Stream
from bizcase.model.shares import Share

Item = TypeVar("Item", Stream, OneOffCost, Risk)

_MINIMUM = {"joint": 2, "alliance": 2}
"""Kinds that need more than one partner: left with one, the option is `other`."""


@dataclass(frozen=True)
class Withdrawn:
    """The option as it would be without `partner`, and the items that left with it."""

    partner: str
    scenario: Scenario
    dropped: tuple[str, ...]
    """`Saving: Shared team`: items that were wholly the withdrawing partner's."""


def without(scenario: Scenario, partner: str) -> Withdrawn:
    """`scenario` without `partner` (which must be one of at least two partners)."""
    remaining = tuple(p for p in scenario.partners if p.id != partner)
    if len(remaining) == len(scenario.partners):
        raise KeyError(partner)
    if not remaining:
        raise ValueError("an option with one partner has no one else to bear its figures")
    dropped: list[str] = []
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
    return Withdrawn(partner, scenario.model_copy(update=update), tuple(dropped))


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
