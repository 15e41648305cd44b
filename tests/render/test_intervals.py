"""The ± of a simulated figure as tables show it: 1.96 standard errors, money in the
table's style, chances in percentage points, a small chance's interval never shown as 0."""

from __future__ import annotations

import pytest

from bizcase.render.errors_out import money_interval, points_interval

Z95 = 1.959963984540054


@pytest.mark.parametrize(
    ("half_points", "shown"),
    [
        (0.0, "±0.0 pts"),  # known exactly (a chance of 0 or 1)
        (0.7, "±0.7 pts"),
        (0.94, "±0.9 pts"),
        (0.06, "±0.1 pts"),  # from a twentieth of a point: one decimal
        (0.03, "±0.03 pts"),  # below: one significant figure, not "±0.0"
        (0.0004, "±0.0004 pts"),
    ],
)
def test_points(half_points: float, shown: str) -> None:
    se = half_points / 100 / Z95  # the standard error whose 95% half-width is given
    assert points_interval(se) == shown


def test_money() -> None:
    assert money_interval(31_200 / Z95) == "±£31,200"
    assert money_interval(0.2) == "±£0"  # half-width 39p: below half a pound
