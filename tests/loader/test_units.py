"""The unit parsers: money, percentages and financial years as finance officers write them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bizcase.model.text import check_name, check_text
from bizcase.model.units import (
    format_year,
    parse_money,
    parse_percent,
    parse_unit_percent,
    parse_year,
    printable,
)
from bizcase.problems import FieldError

# --- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "pounds"),
    [
        (350000, 350000.0),
        (13400.50, 13400.5),
        (0, 0.0),
        ("£4.1m", 4_100_000.0),
        ("£13,400", 13_400.0),
        ("350k", 350_000.0),
        ("£2.5bn", 2_500_000_000.0),
        ("350K", 350_000.0),
        ("£ 1,234,567.89", 1_234_567.89),
        ("0.5", 0.5),
        ("£0.25m", 250_000.0),
        ("  £18.2m  ", 18_200_000.0),
    ],
)
def test_money_accepts_the_documented_forms(written: Any, pounds: float) -> None:
    assert parse_money(written) == pounds


def test_money_suffix_is_exact_not_a_float_product() -> None:
    # 4.1 * 1_000_000 in binary floating point is 4099999.9999999995
    assert parse_money("£4.1m") == 4100000.0
    assert parse_money("£0.3m") == 300000.0
    assert parse_money("£1.15bn") == 1150000000.0


def test_money_returns_float() -> None:
    assert isinstance(parse_money(350000), float)
    assert isinstance(parse_money("350k"), float)


@pytest.mark.parametrize(
    "written",
    ["1,00", "1,0000", "12,34,567", "abc", "£", "", "4.1 million", "£4.1mm", "1.2.3", "£1e3"],
)
def test_money_refuses_malformed_text(written: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_money(written)
    assert caught.value.message == (
        f"'{written}' is not an amount of money: write pounds as 350000, £13,400, 350k, "
        "£4.1m or £2.5bn"
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (-5, "money is never negative (got -5): the section it is in gives its sign"),
        (-0.5, "money is never negative (got -0.5): the section it is in gives its sign"),
        ("-£4.1m", "money is never negative (got '-£4.1m'): the section it is in gives its sign"),
        ("£-350k", "money is never negative (got '£-350k'): the section it is in gives its sign"),
    ],
)
def test_money_refuses_negatives(written: Any, message: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_money(written)
    assert caught.value.message == message


@pytest.mark.parametrize("written", ["010", "£010k", "007.5"])
def test_money_refuses_leading_zero(written: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_money(written)
    assert caught.value.message == (
        f"'{written}' has a leading zero, which is ambiguous: write it without"
    )


@pytest.mark.parametrize(
    ("value", "shown"), [(float("nan"), "nan"), (float("inf"), "inf"), (float("-inf"), "-inf")]
)
def test_money_refuses_non_finite(value: float, shown: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_money(value)
    assert caught.value.message == (
        f"expected an amount of money, got {shown}: amounts must be finite"
    )


@pytest.mark.parametrize(("value", "shown"), [(True, "true"), (False, "false")])
def test_money_refuses_booleans(value: bool, shown: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_money(value)
    assert caught.value.message == f"expected an amount of money, got {shown}"


@pytest.mark.parametrize(
    ("value", "shown"), [(None, "nothing"), ([1, 2], "a list"), ({"a": 1}, "a mapping")]
)
def test_money_refuses_other_kinds(value: Any, shown: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_money(value)
    assert caught.value.message == (
        f"expected an amount of money such as £4.1m or 350000, got {shown}"
    )


# --- percentages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "fraction"),
    [
        ("3.5%", 0.035),
        ("100%", 1.0),
        ("0%", 0.0),
        (" 48 % ", 0.48),
        ("33.33%", 0.3333),
        (0.035, 0.035),
        (1, 1.0),
        (0, 0.0),
        ("0.035", 0.035),
    ],
)
def test_percent_accepts_percent_sign_or_fraction(written: Any, fraction: float) -> None:
    result = parse_percent(written)
    assert result == fraction
    assert isinstance(result, float)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (3.5, "3.5 is not a percentage: write 3.5% (with the % sign) or the fraction 0.035"),
        ("3.5", "3.5 is not a percentage: write 3.5% (with the % sign) or the fraction 0.035"),
        (48, "48 is not a percentage: write 48% (with the % sign) or the fraction 0.48"),
    ],
)
def test_percent_refuses_bare_number_above_one_and_says_how(written: Any, message: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_percent(written)
    assert caught.value.message == message


def test_negative_percent_refused_unless_signed() -> None:
    with pytest.raises(FieldError) as caught:
        parse_percent("-20%")
    assert caught.value.message == "'-20%' is negative: a percentage here must be 0% or more"
    with pytest.raises(FieldError) as caught:
        parse_percent(-0.2)
    assert caught.value.message == "-0.2 is negative: a percentage here must be 0% or more"
    assert parse_percent("-20%", signed=True) == -0.2
    assert parse_percent(-0.2, signed=True) == -0.2


@pytest.mark.parametrize("written", ["abc%", "%", "3,5%", "three percent", "1e2%"])
def test_percent_refuses_malformed_text(written: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_percent(written)
    assert caught.value.message == f"'{written}' is not a percentage: write it as 3.5% or 0.035"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "expected a percentage, got true"),
        (float("nan"), "expected a percentage, got nan: amounts must be finite"),
        (None, "expected a percentage such as 3.5% or 0.035, got nothing"),
    ],
)
def test_percent_refuses_other_values(value: Any, message: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_percent(value)
    assert caught.value.message == message


def test_unit_percent_is_capped_at_100() -> None:
    assert parse_unit_percent("100%") == 1.0
    with pytest.raises(FieldError) as caught:
        parse_unit_percent("150%")
    assert caught.value.message == "'150%' is above 100%: it must be between 0% and 100%"


# --- financial years -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["2016/17", "2016-17", "2016/2017", "2016-2017", 2016, "2016", " 2016 / 17 "]
)
def test_year_forms(written: Any) -> None:
    assert parse_year(written) == 2016


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2016/18", "'2016/18' is not a financial year: the year after 2016 is 2016/17"),
        ("2016/2018", "'2016/2018' is not a financial year: the year after 2016 is 2016/17"),
        ("2016/16", "'2016/16' is not a financial year: the year after 2016 is 2016/17"),
        ("2099/01", "'2099/01' is not a financial year: the year after 2099 is 2099/00"),
        ("16/17", "'16/17' is not a financial year: write it as 2016/17"),
        ("2016-04-01", "'2016-04-01' is not a financial year: write it as 2016/17"),
        ("next year", "'next year' is not a financial year: write it as 2016/17"),
        (1800, "1800 is outside the financial years bizcase handles (1900 to 2200)"),
        (True, "expected a financial year such as 2016/17, got true"),
        (2016.0, "expected a financial year such as 2016/17, got 2016.0"),
    ],
)
def test_year_refused(written: Any, message: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_year(written)
    assert caught.value.message == message


def test_century_rollover() -> None:
    assert parse_year("2099/00") == 2099
    assert parse_year("2099/2100") == 2099
    assert format_year(2099) == "2099/00"
    assert format_year(2098) == "2098/99"
    assert format_year(2016) == "2016/17"
    assert format_year(2009) == "2009/10"


@pytest.mark.parametrize("year", [1900, 1999, 2016, 2099, 2150])
def test_format_then_parse_round_trips(year: int) -> None:
    assert parse_year(format_year(year)) == year


# --- control characters ----------------------------------------------------------------------
# `check_name`, `check_text` and `printable` skip their patterns for text that
# `isprintable()`; these check that shortcut against the patterns alone, on text full of the
# characters that matter (controls, bidi overrides, line breaks, tabs, non-breaking spaces).

_AWKWARD = "\x00\x01\t\n\r\x1b\x7f\x85\x9f\xa0\u200b\u2028\u202a\u202e\u2066\u2069 a£é"
_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]|[\u202a-\u202e\u2066-\u2069]")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]|[\x7f-\x9f]|[\u202a-\u202e\u2066-\u2069]")


def _refused(check: Any, text: str) -> str | None:
    try:
        check(text)
    except FieldError as exc:
        return str(exc)
    return None


@given(st.text(alphabet=st.sampled_from(_AWKWARD) | st.characters(), max_size=12))
def test_control_characters_are_found_as_the_patterns_find_them(text: str) -> None:
    name = _refused(check_name, text)
    assert (name is not None) == (_NAME_CONTROL.search(text) is not None)
    if name is not None:
        assert f"U+{ord(_NAME_CONTROL.search(text)[0]):04X}" in name  # type: ignore[index]
    assert (_refused(check_text, text) is not None) == (_TEXT_CONTROL.search(text) is not None)
    escaped = re.sub(
        r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lambda m: m[0].encode("unicode_escape").decode(), text
    )
    assert printable(text) == escaped


def test_a_bidi_override_in_a_name_is_refused_and_a_tab_in_text_is_kept() -> None:
    with pytest.raises(FieldError, match=r"U\+202E"):
        check_name("Joint \u202eoption")
    assert check_text("line one\n\tline two") == "line one\n\tline two"
    with pytest.raises(FieldError, match=r"U\+000D"):
        check_text("line one\r\nline two")
    assert printable("a\x1bb\tc") == "a\\x1bb\tc"
