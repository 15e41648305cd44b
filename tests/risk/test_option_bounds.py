"""Options that would turn figures into inf, NaN or negative costs are refused with a
clear message (exit 2), never clipped and never a traceback."""

from __future__ import annotations

import pytest

from tests.conftest import Invoke

SOLO = "scenarios/ssdc-solo.yaml"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--range", "150%", "--range: 150% is not a range (plus and minus this): give 0% to 100%"),
        ("--range", "-20%", "--range: -20% is not a range (plus and minus this): give 0% to 100%"),
        (
            "--optimism-bias",
            "600%",
            "--optimism-bias: 600% is not an uplift bizcase accepts: give 0% to 500%",
        ),
        (
            "--optimism-bias",
            "-10%",
            "--optimism-bias: -10% is not an uplift bizcase accepts: give 0% to 500%",
        ),
    ],
)
def test_sensitivity_bounds(invoke: Invoke, option: str, value: str, message: str) -> None:
    result = invoke("sensitivity", SOLO, option, value, "--format", "json")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("value", ["1e1000000", "nan", "inf", "9" * 5000 + "%"])
def test_sensitivity_range_that_is_not_finite(invoke: Invoke, value: str) -> None:
    result = invoke("sensitivity", SOLO, "--range", value)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.stderr) < 500  # a huge value is not echoed whole


def test_sensitivity_limits_themselves_are_accepted(invoke: Invoke) -> None:
    result = invoke(
        "sensitivity", SOLO, "--range", "100%", "--optimism-bias", "500%", "--format", "json"
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "setting",
    [
        "discount_rate=1e1000000",
        "savings[0].annual=1e1000000",
        "savings[0].annual=£1m..£3m:100000000000000000000",
        "years=1..99999999999999999999:3",
        "savings[0].annual=1e300",
    ],
)
def test_sweep_values_that_overflow(invoke: Invoke, setting: str) -> None:
    result = invoke("sweep", SOLO, "--set", setting, "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.output and "internal error" not in result.output


@pytest.mark.parametrize("condition", ["npv > 1e1000000", "npv > " + "9" * 5000, "npv > nan"])
def test_check_values_that_overflow(invoke: Invoke, condition: str) -> None:
    result = invoke("check", SOLO, "-r", condition)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_huge_sweep_value_is_not_echoed_whole(invoke: Invoke) -> None:
    result = invoke("sweep", SOLO, "--set", "discount_rate=" + "9" * 5000 + "%")
    assert result.exit_code == 2
    assert len(result.stderr) < 600
