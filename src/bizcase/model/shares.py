"""How a figure is split between partners, and year-keyed mappings (phasing, budget gaps)."""

from __future__ import annotations

import re
from typing import Any, Literal

from bizcase.model.units import (
    KEY,
    format_percent,
    format_year,
    parse_unit_percent,
    parse_year,
    quoted,
)
from bizcase.problems import FieldError
from bizcase.records import frozen

PARTNER_ID = re.compile(r"^[a-z0-9_-]+$")
WEIGHT_NAME = re.compile(r"^[a-z0-9_]+$")
SHARE_TOLERANCE = 0.0001
"""Mapped shares may sum to 100% within 0.01 percentage points (33.33% three times)."""

ShareKind = Literal["equal", "partner", "weight", "fixed"]


@frozen
class Share:
    """A parsed `share:`; resolving it to fractions needs the partners (see the engine)."""

    kind: ShareKind
    partner: str | None = None
    weight: str | None = None
    fixed: tuple[tuple[str, float], ...] = ()

    def describe(self) -> str:
        """The share as a person would write it, for explanations."""
        if self.kind == "equal":
            return "equal"
        if self.kind == "partner":
            return f"all to {self.partner}"
        if self.kind == "weight":
            return f"by {self.weight}"
        return ", ".join(f"{pid} {format_percent(fraction)}" for pid, fraction in self.fixed)

    @property
    def fixed_total(self) -> float:
        return sum(fraction for _, fraction in self.fixed)


EQUAL = Share("equal")


def parse_share(value: Any) -> Share:
    """`equal`, a partner id, `by <weight>` or a mapping of partner ids to percentages."""
    if value is None:
        return EQUAL
    if isinstance(value, Share):
        return value
    if isinstance(value, str):
        return _parse_share_text(value)
    if isinstance(value, dict):
        return _parse_share_mapping(value)
    raise FieldError(
        "a share is `equal`, a partner id, `by <weight>` (such as `by population`) "
        "or a mapping such as {ssdc: 48%, sdc: 52%}"
    )


def _parse_share_text(value: str) -> Share:
    text = value.strip()
    if text == "equal":
        return EQUAL
    if text.startswith("by ") or text == "by":
        weight = text[3:].strip()
        if not WEIGHT_NAME.match(weight):
            raise FieldError(
                f"{quoted(value)} names no weight: write `by population` or `by <weight>` with a "
                "weight given to every partner under `weights`"
            )
        return Share("weight", weight=weight)
    if PARTNER_ID.match(text) or PARTNER_ID.match(text.lower()):
        # An id in the wrong case is kept as written: the whole-scenario rules then say it
        # is not a partner and suggest the id it matches (`TDBC` -> `tdbc`).
        return Share("partner", partner=text)
    raise FieldError(
        f"{quoted(value)} is not a share: write `equal`, a partner id, `by <weight>` "
        "or a mapping such as {ssdc: 48%, sdc: 52%}"
    )


def _parse_share_mapping(value: dict[Any, Any]) -> Share:
    if not value:
        raise FieldError("an empty share mapping gives the figure to nobody: name the partners")
    fixed: list[tuple[str, float]] = []
    for key, raw in value.items():
        if not isinstance(key, str) or not PARTNER_ID.match(key):
            raise FieldError(f"'{key}' is not a partner id", at=(str(key), KEY))
        try:
            fixed.append((key, parse_unit_percent(raw)))
        except FieldError as exc:
            raise FieldError(exc.message, at=(key,)) from None
    share = Share("fixed", fixed=tuple(fixed))
    total = share.fixed_total
    if abs(total - 1) > SHARE_TOLERANCE + 1e-12:
        raise FieldError(
            f"shares sum to {format_percent(total)}, not 100%: make them add up to 100% "
            "(partners left out get nothing)"
        )
    return share


def parse_year_map(value: Any, parse_value: Any, what: str) -> tuple[tuple[int, float], ...]:
    """A mapping of financial years to values, sorted by year; each year once."""
    if not isinstance(value, dict):
        raise FieldError(
            f"expected a mapping of financial years to {what}, such as "
            "{2016/17: ..., 2017/18: ...}"
        )
    if not value:
        raise FieldError(f"expected at least one financial year with {what}")
    seen: dict[int, Any] = {}
    items: list[tuple[int, float]] = []
    for key, raw in value.items():
        try:
            year = parse_year(key)
        except FieldError as exc:
            raise FieldError(exc.message, at=(str(key), KEY)) from None
        if year in seen:
            raise FieldError(
                f"'{key}' and '{seen[year]}' are the same financial year "
                f"({format_year(year)}): give it once",
                at=(str(key), KEY),
            )
        seen[year] = key
        try:
            items.append((year, parse_value(raw)))
        except FieldError as exc:
            raise FieldError(exc.message, at=(str(key), *exc.at)) from None
    return tuple(sorted(items))
