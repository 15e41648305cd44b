"""Money, percentages and years as finance officers write them in committee reports."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from bizcase.model.units import format_year

__all__ = [
    "format_coverage",
    "format_money",
    "format_money_row",
    "format_year",
    "format_year_or",
    "pennies",
    "split_pennies",
]


def format_money(amount: float) -> str:
    """`£4.10m`, `£13,400`, `£2.50bn`, `-` for nothing, negatives in brackets `(£1.20m)`."""
    amount = float(amount)  # numpy scalars' repr is not a number Decimal can read
    pounds = abs(amount)
    if pounds < 0.5:
        return "-"
    whole = int(Decimal(repr(pounds)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if whole >= 999_995_000:
        text = f"£{_hundredths(pounds, 9):,}bn"
    elif whole >= 1_000_000:
        text = f"£{_hundredths(pounds, 6):,}m"
    else:
        text = f"£{whole:,}"
    return f"({text})" if amount < 0 else text


def format_money_row(amounts: Sequence[float]) -> list[str]:
    """A row of figures in one unit, chosen by its largest (`£0.19m £0.54m £1.04m`, not
    `£192,000 £540,000 £1.04m`), so a reader can add a row up as displayed."""
    largest = max((abs(float(a)) for a in amounts), default=0.0)
    if largest < 999_995:
        return [format_money(a) for a in amounts]
    power, suffix = (9, "bn") if largest >= 999_995_000 else (6, "m")
    out = []
    for amount in amounts:
        pounds = abs(float(amount))
        if pounds < 0.5:
            out.append("-")
            continue
        text = f"£{_hundredths(pounds, power):,}{suffix}"
        out.append(f"({text})" if amount < 0 else text)
    return out


def _hundredths(pounds: float, power: int) -> Decimal:
    """`pounds` in units of 10**power, to two decimals, half up like the whole pounds."""
    return (Decimal(repr(pounds)).scaleb(-power)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_coverage(fraction: float | None) -> str:
    """Coverage as a whole percentage; `n/a` where there is no gap to cover."""
    if fraction is None or math.isnan(fraction):
        return "n/a"
    return f"{fraction:.0%}"


def format_year_or(year: int | None, never: str = "not within the horizon") -> str:
    return never if year is None else format_year(year)


def pennies(amount: float) -> int:
    """Whole pennies, half a penny rounded away from zero, as councils' ledgers do."""
    return int(Decimal(repr(float(amount))).scaleb(2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split_pennies(parts: Sequence[float], total: float) -> list[int]:
    """Round `parts` to pennies so that they add up exactly to `total` rounded to pennies.

    Largest remainder: each part is rounded down, and the pennies left over go to the parts
    that lost most in rounding (ties to the earlier part), so no penny is created or lost.
    """
    target = pennies(total)
    exact = [Decimal(repr(float(p))).scaleb(2) for p in parts]
    floors = [int(e.to_integral_value(rounding="ROUND_FLOOR")) for e in exact]
    left = target - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    if left < 0:
        order = sorted(range(len(parts)), key=lambda i: (exact[i] - floors[i], i))
    step = 1 if left > 0 else -1
    for i in order[: abs(left)]:
        floors[i] += step
    return floors
