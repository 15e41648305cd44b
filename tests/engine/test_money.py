"""Money as shown in committee reports, and splitting rounded totals without losing a penny."""

from __future__ import annotations

import numpy as np
import pytest

from bizcase.render.money import format_coverage, format_money, pennies, split_pennies


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (4_100_000, "£4.10m"),
        (13_400, "£13,400"),
        (2_500_000_000, "£2.50bn"),
        (0, "-"),
        (0.0, "-"),
        (-0.0, "-"),
        (0.49, "-"),  # rounds to £0
        (-0.49, "-"),
        (-1_200_000, "(£1.20m)"),
        (-13_400, "(£13,400)"),
        (999_999.6, "£1.00m"),  # rounds to £1,000,000: shown in millions
        (999_994.4, "£999,994"),
        (12.5, "£13"),  # half a pound rounds up
        (13_400.49, "£13,400"),
        (1_234_567.89, "£1.23m"),
        (2_125_000, "£2.13m"),  # 2.125m: half up, as whole pounds are, not half-even 2.12
        (-2_125_000, "(£2.13m)"),
        (999_994_999, "£999.99m"),
        (999_995_000, "£1.00bn"),  # would show as £1,000.00m
        (12_345_678_901, "£12.35bn"),
        (1_234_500_000_000, "£1,234.50bn"),
    ],
)
def test_format_money(amount: float, shown: str) -> None:
    assert format_money(amount) == shown


def test_format_money_takes_numpy_scalars() -> None:
    # the engine's arrays hold numpy float64; renderers may pass them straight through
    assert format_money(np.float64(4_100_000)) == "£4.10m"
    assert format_money(np.float64(-13_400)) == "(£13,400)"


def test_format_coverage() -> None:
    assert format_coverage(None) == "n/a"
    assert format_coverage(float("nan")) == "n/a"
    assert format_coverage(0.29) == "29%"
    assert format_coverage(1.025) == "102%"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, 0),
        (1.0, 100),
        (13_400.5, 1_340_050),
        (1.005, 101),  # the written figure 1.005 is half a penny: away from zero
        (-1.005, -101),
        (0.125, 13),
        (-0.004, 0),
        (4_100_000.0, 410_000_000),
    ],
)
def test_pennies(amount: float, expected: int) -> None:
    assert pennies(amount) == expected


def test_pennies_takes_numpy_scalars() -> None:
    assert pennies(np.float64(1.005)) == 101


def test_split_a_hundred_pounds_three_ways() -> None:
    # 10,000 pennies / 3 = 3,333.33 each: floors 3,333 x 3 = 9,999, one penny left over,
    # all remainders equal, so it goes to the first part.
    third = 100 / 3
    parts = split_pennies([third, third, third], 100)
    assert parts == [3334, 3333, 3333]
    assert sum(parts) == 10_000


def test_split_gives_leftover_pennies_to_the_largest_remainders() -> None:
    # 1,000.3 / 2,000.6 / 3,000.1 pennies: floors 6,000; target 6,001; the largest remainder
    # (0.6) is the second part's.
    assert split_pennies([10.003, 20.006, 30.001], 60.01) == [1000, 2001, 3000]
    # 1,000.4 / 2,000.4 / 3,000.2: a tie at 0.4 goes to the earlier part
    assert split_pennies([10.004, 20.004, 30.002], 60.01) == [1001, 2000, 3000]
    # 2/3 of a penny twice, total 1.33p -> 1p: floors 0 + 0, one penny to the first
    assert split_pennies([2 / 300, 2 / 300], 4 / 300) == [1, 0]


def test_split_negative_totals() -> None:
    # -3,333.33 pennies each: floors -3,334 x 3 = -10,002; target -10,000; two pennies go
    # back to the parts that lost most in rounding down (0.67 each; ties to the earlier).
    third = -100 / 3
    parts = split_pennies([third, third, third], -100)
    assert parts == [-3333, -3333, -3334]
    assert sum(parts) == -10_000
    # mixed signs: 50.005 -> 5,000.5p, -20.004 -> -2,000.4p; total 30.001 -> 3,000p
    mixed = split_pennies([50.005, -20.004], 30.001)
    assert sum(mixed) == 3000
    assert mixed == [5000, -2000]


def test_split_exact_parts_are_left_alone() -> None:
    assert split_pennies([1.25, 2.5, -0.75], 3.0) == [125, 250, -75]
    assert split_pennies([], 0) == []


def test_a_row_of_money_is_shown_in_one_unit() -> None:
    from bizcase.render.money import format_money_row

    # the largest is over a million, so every figure is in £m to two decimals
    assert format_money_row([192_000, -540_000, 0.0, 1_044_000]) == [
        "£0.19m",
        "(£0.54m)",
        "-",
        "£1.04m",
    ]
    # all under a million: whole pounds, as format_money
    assert format_money_row([13_400.4, 350_000]) == ["£13,400", "£350,000"]
    assert format_money_row([2.5e9, 4e8]) == ["£2.50bn", "£0.40bn"]
