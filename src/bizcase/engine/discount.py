"""Discount factors: a flat rate or HM Treasury Green Book's declining schedule.

The first year (index 0) is not discounted, as in the Green Book. Excel's NPV() discounts
its first value, so a spreadsheet's NPV of the same cash flows is ours divided by (1 + r).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

GREEN_BOOK = "green_book"
GREEN_BOOK_SCHEDULE = ((30, 0.035), (75, 0.030), (125, 0.025))
"""(last year index, rate): 3.5% to year 30, 3.0% to year 75, 2.5% to 125 (Green Book A6)."""


def rate_for_year(rate: float | str, t: int) -> float:
    """The rate that discounts year index t back to year t - 1."""
    if rate != GREEN_BOOK:
        assert isinstance(rate, float)
        return rate
    for last, schedule_rate in GREEN_BOOK_SCHEDULE:
        if t <= last:
            return schedule_rate
    return GREEN_BOOK_SCHEDULE[-1][1]


def discount_factors(rate: float | str, years: int) -> NDArray[np.float64]:
    """factor[0] = 1, factor[t] = factor[t-1] / (1 + rate(t))."""
    factors = np.ones(years)
    for t in range(1, years):
        factors[t] = factors[t - 1] / (1.0 + rate_for_year(rate, t))
    return factors
