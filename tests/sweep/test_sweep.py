"""`bizcase.io.sweep`: values, ranges, the grid and its figures, checked against values
worked by hand in the comments (never against the engine's own output)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from bizcase.appraisal.sweep import run_sweep
from bizcase.io.output import write_atomically
from bizcase.io.sweep_values import MAX_COMBINATIONS, parse_values, split_setting
from bizcase.problems import InputError, OutputError
from bizcase.results.sweep import Sweep

# Two partners, 3 years 2016/17 to 2018/19, flat 10% (discount factors 1, 1/1.1, 1/1.21).
#   Shared management: annual A (£200k as written), no ramp, split 50/50
#   Back office: £100k, ramp [50%], all to ssdc -> 50,000, 100,000, 100,000
#   Redundancy: £300k phased 60/40, equal -> 180,000, 120,000, 0 (ssdc and sdc half each)
# Total, as a function of A:
#   savings  A + 50,000, A + 100,000, A + 100,000
#   net      A - 130,000, A - 20,000, A + 100,000
#   npv      A x (1 + 1/1.1 + 1/1.21) + (-130,000 - 20,000/1.1 + 100,000/1.21)
#          = A x 2.735537190082645 - 65,537.19008264463
#   so at A = 200,000: 547,107.44 - 65,537.19 = 481,570.25
#   total_net = 3A + 50,000 - 100,000... = 3A - 50,000 (200k: 550,000)
# ssdc (budget gap 100,000 in 2016/17 and 2017/18, 400,000 from 2018/19):
#   net_recurring  A/2 + 50,000, A/2 + 100,000, A/2 + 100,000
#   final remaining gap = 400,000 - (A/2 + 100,000) = 300,000 - A/2
#   A = 200,000: remaining 200,000 (gap never closed), coverage 200,000 / 400,000 = 0.5
#   A = 600,000: remaining 0 -> the gap is closed from 2016/17 (-250k, -300k, 0), coverage 1.0
SCENARIO = """\
    name: Sweep test option
    kind: joint
    start: 2016/17
    years: 3
    discount_rate: 10%
    partners:
      - id: ssdc
        name: South Somerset District Council
        budget_gap: {2016/17: £100k, 2018/19: £400k}
      - id: sdc
        name: Sedgemoor District Council
    savings:
      - name: Shared management
        annual: £200k
        share: {ssdc: 50%, sdc: 50%}
      - name: Back office
        annual: £100k
        ramp: [50%]
        share: ssdc
    one_off_costs:
      - name: Redundancy
        amount: £300k
        phasing: {2016/17: 60%, 2017/18: 40%}
        share: equal
    """

FACTOR_SUM = 1 + 1 / 1.1 + 1 / 1.21  # 2.735537190082645
NPV_AT_ZERO = -130_000 - 20_000 / 1.1 + 100_000 / 1.21  # -65,537.19008264463


@pytest.fixture
def scenario(tmp_path: Path) -> str:
    path = tmp_path / "option.yaml"
    path.write_text(textwrap.dedent(SCENARIO), encoding="utf-8")
    return str(path)


def npvs(sweep: Sweep) -> list[float]:
    return [float(row.results["npv"] or 0) for row in sweep.rows]


def error(file: str, sets: list[str], partner: str | None = None) -> list[str]:
    with pytest.raises(InputError) as caught:
        run_sweep(file, sets, partner)
    return [str(p) for p in caught.value.problems]


# ------------------------------------------------------------------------------ values


def test_split_setting_at_the_first_equals_outside_brackets() -> None:
    assert split_setting('savings["a=b"].annual=£1m') == ('savings["a=b"].annual', "£1m")
    assert split_setting(" years = 5,6 ") == ("years", "5,6")


def test_list_values_are_written_as_the_user_wrote_them_or_as_yaml_numbers() -> None:
    values = parse_values("1%, 3.5% ,0.06,green_book,5,1e3,010", "discount_rate", "x")
    assert [v.data for v in values] == ["1%", "3.5%", 0.06, "green_book", 5, 1000.0, "010"]
    assert [v.text for v in values] == ["1%", "3.5%", "0.06", "green_book", "5", "1e3", "010"]


def test_a_thousands_comma_belongs_to_an_amount_in_pounds() -> None:
    values = parse_values("£13,400,£20,000.50,350k", "annual", "x")
    assert [v.data for v in values] == ["£13,400", "£20,000.50", "350k"]
    # Without £, commas separate values: 100,200 is two numbers.
    assert [v.data for v in parse_values("100,200", "annual", "x")] == [100, 200]


def test_money_range_points_are_pounds() -> None:
    values = parse_values("£1m..£3m:5", "annual", "x")
    assert [v.data for v in values] == [1_000_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000]
    assert [v.text for v in values][:2] == ["£1,000,000", "£1,500,000"]


def test_money_range_points_are_rounded_to_the_penny() -> None:
    # 1,000,000 + 1,000,000 / 3 = 1,333,333.333... -> 1,333,333.33
    values = parse_values("£1m..2000000:4", "annual", "x")
    assert [v.data for v in values] == [1_000_000, 1_333_333.33, 1_666_666.67, 2_000_000]
    assert values[1].text == "£1,333,333.33"


def test_percentage_range_points_are_fractions() -> None:
    values = parse_values("1%..6%:6", "discount_rate", "x")
    assert [v.data for v in values] == [0.01, 0.02, 0.03, 0.04, 0.05, 0.06]
    assert [v.text for v in values] == ["1%", "2%", "3%", "4%", "5%", "6%"]
    assert [v.text for v in parse_values("-20%..10%:4", "low", "x")] == [
        "-20%",
        "-10%",
        "0%",
        "10%",
    ]


def test_years_ranges_are_whole_numbers() -> None:
    assert [v.data for v in parse_values("5..10:6", "years", "x")] == [5, 6, 7, 8, 9, 10]
    assert [v.data for v in parse_values("2016..2020:3", "start", "x")] == [2016, 2018, 2020]
    with pytest.raises(InputError) as caught:
        parse_values("5..10:4", "years", "years=5..10:4")
    assert caught.value.problems[0].message == (
        "years=5..10:4: years takes whole numbers, and this range gives 5, 6.666666667, "
        "8.333333333, 10: choose N so that the step is whole, such as years=5..10:6 for "
        "5, 6, ..., 10"
    )


def test_plain_number_ranges_may_have_fractions_elsewhere() -> None:
    assert [v.data for v in parse_values("0.01..0.02:3", "discount_rate", "x")] == [
        0.01,
        0.015,
        0.02,
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£1m..£3m", "a range is LOW..HIGH:N"),
        ("£1m..£3m:1", "a range needs at least 2 points (the two ends), not 1"),
        ("£1m..£3m:20000", "20,000 points is more than a sweep takes (10,000)"),
        ("1%..£3m:3", "write both ends of the range as percentages"),
        ("£1m..£1m:3", "the range starts and ends at the same value"),
        ("abc..def:3", "'abc' is not a number, an amount of money (£1m) or a percentage"),
        ("-£1m..£1m:3", "money is never negative"),
        ("50%..150%:3", "150% is beyond 100%: a percentage is between -100% and 100%"),
        ("1%,,2%", "an empty value in the list"),
        ("1..2:3", None),
    ],
)
def test_bad_values(text: str, expected: str | None) -> None:
    if expected is None:
        assert len(parse_values(text, "annual", "x")) == 3
        return
    with pytest.raises(InputError) as caught:
        parse_values(text, "annual", f"s={text}")
    (problem,) = caught.value.problems
    assert problem.file == "--set"
    assert problem.message.startswith(f"s={text}: ")
    assert expected in problem.message


# -------------------------------------------------------------------------------- grid


def test_npv_is_linear_in_a_swept_saving(scenario: str) -> None:
    # A = 0, 100k, 200k, 300k, 400k: npv = A x 2.7355... - 65,537.19
    sweep = run_sweep(scenario, ['savings["Shared management"].annual=£0..£400k:5'])
    expected = [a * FACTOR_SUM + NPV_AT_ZERO for a in (0, 100_000, 200_000, 300_000, 400_000)]
    assert npvs(sweep) == pytest.approx(expected, abs=1e-6)
    assert npvs(sweep)[2] == pytest.approx(481_570.2479338843, abs=1e-6)
    steps = [b - a for a, b in zip(npvs(sweep), npvs(sweep)[1:], strict=False)]
    assert steps == pytest.approx([100_000 * FACTOR_SUM] * 4, abs=1e-6)  # 273,553.72 each
    # total_net = 3A - 50,000; total savings 3A + 250,000; one-off costs 300,000 throughout
    assert [r.results["total_net"] for r in sweep.rows] == pytest.approx(
        [-50_000, 250_000, 550_000, 850_000, 1_150_000]
    )
    assert [r.results["total_savings"] for r in sweep.rows][2] == pytest.approx(850_000)
    assert {r.results["total_one_off_costs"] for r in sweep.rows} == {300_000}
    assert sweep.parameters == ('savings["Shared management"].annual',)
    assert sweep.partner == "total" and sweep.partner_name is None
    assert sweep.option_name == "Sweep test option"


def test_a_partners_view_payback_gap_closed_and_coverage(scenario: str) -> None:
    sweep = run_sweep(scenario, ["savings[0].annual=£200k,£600k"], partner="ssdc")
    low, high = (row.results for row in sweep.rows)
    # A = 200k: remaining 300,000 - 100,000 = 200,000; never closed; coverage 0.5
    assert low["final_net_recurring"] == pytest.approx(200_000)
    assert low["final_remaining_gap"] == pytest.approx(200_000)
    assert low["gap_closed_year"] is None
    assert low["coverage"] == pytest.approx(0.5)
    # ssdc net at 200k: 150k - 90k, 200k - 60k, 200k = 60k, 140k, 200k: pays back at once
    assert low["payback_year"] == 2016
    assert low["npv"] == pytest.approx(60_000 + 140_000 / 1.1 + 200_000 / 1.21)
    # A = 600k: remaining 0 in the last year and below 0 before: closed from 2016/17
    assert high["final_remaining_gap"] == pytest.approx(0, abs=1e-6)
    assert high["gap_closed_year"] == 2016
    assert high["coverage"] == pytest.approx(1.0)
    assert sweep.partner_name == "South Somerset District Council"
    assert all(row.gap_given for row in sweep.rows)
    assert [row.values[0].data for row in sweep.rows] == ["£200k", "£600k"]


def test_a_partner_without_a_gap(scenario: str) -> None:
    sweep = run_sweep(scenario, ["years=2,3"], partner="sdc")
    assert [row.results["coverage"] for row in sweep.rows] == [None, None]
    assert not any(row.gap_given for row in sweep.rows)


def test_discount_rate_sweep(scenario: str) -> None:
    # 0%: npv is the undiscounted net, 70,000 + 180,000 + 300,000 = 550,000
    # green_book: 70,000 + 180,000 / 1.035 + 300,000 / 1.035**2
    sweep = run_sweep(scenario, ["discount_rate=0%,10%,green_book"])
    assert npvs(sweep) == pytest.approx(
        [550_000, 481_570.2479338843, 70_000 + 180_000 / 1.035 + 300_000 / 1.035**2]
    )


def test_years_sweep_shortens_the_horizon(scenario: str) -> None:
    # 2 years: net 70,000, 180,000 -> npv 70,000 + 163,636.36; total net 250,000
    sweep = run_sweep(scenario, ["years=2..3:2"])
    assert npvs(sweep) == pytest.approx([70_000 + 180_000 / 1.1, 481_570.2479338843])
    assert [r.results["total_net"] for r in sweep.rows] == pytest.approx([250_000, 550_000])
    assert [v.data for row in sweep.rows for v in row.values] == [2, 3]


def test_a_year_map_entry(scenario: str) -> None:
    # ssdc's 2018/19 gap at £300k: remaining 300,000 - 200,000 = 100,000, coverage 2/3
    sweep = run_sweep(
        scenario, ['partners[ssdc].budget_gap["2018/19"]=£300k,£200k'], partner="ssdc"
    )
    assert [r.results["final_remaining_gap"] for r in sweep.rows] == pytest.approx([100_000, 0])
    assert [r.results["coverage"] for r in sweep.rows] == pytest.approx([2 / 3, 1.0])


def test_several_sets_make_the_product_first_varying_slowest(scenario: str) -> None:
    # (0%, A=0): net -130k, -20k, 100k -> -50,000; (0%, 200k): 550,000
    # (10%, 0): -65,537.19; (10%, 200k): 481,570.25
    sweep = run_sweep(scenario, ["discount_rate=0%,10%", "savings[0].annual=0,£200k"])
    assert [tuple(v.text for v in row.values) for row in sweep.rows] == [
        ("0%", "0"),
        ("0%", "£200k"),
        ("10%", "0"),
        ("10%", "£200k"),
    ]
    assert npvs(sweep) == pytest.approx([-50_000, 550_000, NPV_AT_ZERO, 481_570.2479338843])


def test_the_callers_file_is_read_once_and_not_changed(scenario: str) -> None:
    before = Path(scenario).read_text(encoding="utf-8")
    run_sweep(scenario, ["savings[0].annual=£1m,£2m"])
    assert Path(scenario).read_text(encoding="utf-8") == before


def test_a_value_that_makes_the_scenario_invalid_names_the_set_and_the_value(
    scenario: str,
) -> None:
    # The message keeps the file's position of the field and the validation's own words.
    assert error(scenario, ["years=5", "savings[0].annual=£1m,-5"]) == [
        f"--set: savings[0].annual=-5 makes the scenario invalid: {scenario}:14:13: "
        "savings[0].annual: money is never negative (got -5): the section it is in gives "
        "its sign"
    ]


def test_every_bad_value_is_said_at_once(scenario: str) -> None:
    messages = error(scenario, ["savings[0].annual=-5,£1m,abc,-7"])
    assert [m.split(" makes")[0] for m in messages] == [
        "--set: savings[0].annual=-5",
        "--set: savings[0].annual=abc",
        "--set: savings[0].annual=-7",
    ]
    # with several --set, each value on its own is checked first: all of them said too
    messages = error(scenario, ["years=0,3,-1", "discount_rate=3,4%"])
    assert [m.split(" makes")[0] for m in messages] == [
        "--set: years=0",
        "--set: years=-1",
        "--set: discount_rate=3",
    ]


def test_a_grid_that_fails_everywhere_says_ten_and_counts_the_rest(scenario: str) -> None:
    messages = error(scenario, ["savings[0].annual=-1..-25:25"])
    assert len(messages) == 11
    assert messages[-1] == "--set: and 15 more combinations the scenario refuses"


def test_an_invalid_combination_is_blamed_on_the_value_at_fault(scenario: str) -> None:
    # Making the Back office saving end (2016/17) before it starts (2017/18) breaks a rule
    # at savings[1].until: the setting of that field is named.
    (message,) = error(scenario, ["savings[1].until=2016/17", "savings[1].from=2017/18"])
    assert message.startswith("--set: savings[1].until=2016/17 makes the scenario invalid: ")
    assert "until 2016/17 is before from 2017/18" in message


def test_a_warning_from_some_combinations_names_them(scenario: str) -> None:
    # Back office starting in 2019/20 is after a 3-year horizon (it adds nothing: a
    # warning) but inside a 4-year one; the warning says which combination caused it.
    result = run_sweep(scenario, ["savings[1].from=2019/20", "years=3,4"])
    assert len(result.rows) == 2
    (warning,) = [str(w) for w in result.warnings]
    assert "savings[1].from" in warning
    assert "(with savings[1].from=2019/20, years=3)" in warning


def test_a_combination_that_would_drop_money_is_refused(scenario: str) -> None:
    # One year leaves 40% of the Redundancy (phased into 2017/18) after the horizon: money
    # would leave the figures, so the sweep says which value does it instead of dropping it.
    [message] = error(scenario, ["years=1,3"])
    assert message.startswith("--set: years=1 makes the scenario invalid: ")
    assert "one_off_costs[0].phasing.2017/18: 2017/18 is after the horizon" in message


def test_unknown_partner(scenario: str) -> None:
    assert error(scenario, ["years=3"], partner="tdbc") == [
        f"{scenario}: --partner tdbc: not a partner of this option (partners: ssdc, sdc)"
    ]


def test_total_is_accepted_as_a_partner(scenario: str) -> None:
    assert run_sweep(scenario, ["years=3"], partner="total").partner == "total"


def test_the_grid_is_capped(scenario: str) -> None:
    assert error(scenario, ["years=1..101:101", "discount_rate=0..0.99:100"]) == [
        "--set: 101 x 100 = 10,100 combinations, more than a sweep takes (10,000): "
        "use fewer values or fewer --set"
    ]
    assert MAX_COMBINATIONS == 10_000


def test_a_field_set_twice_is_refused(scenario: str) -> None:
    assert error(scenario, ['savings["Shared management"].annual=1', "savings[0].annual=2"]) == [
        '--set: savings[0].annual and savings["Shared management"].annual set the same field, '
        "or one inside the other: give each field one --set"
    ]
    assert (
        len(error(scenario, ["partners[ssdc].budget_gap=1", "partners[0].budget_gap[2016]=2"])) == 1
    )


def test_no_set_and_no_values(scenario: str) -> None:
    assert error(scenario, []) == [
        "--set: give at least one --set PATH=VALUES, such as --set discount_rate=1%,6%"
    ]
    assert error(scenario, ["years="]) == ["--set: years=: no values after ="]
    assert error(scenario, ["years"])[0].startswith("--set: 'years' has no values")


def test_the_file_must_be_valid_as_it_stands(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(SCENARIO).replace("years: 3", "years: 0"), encoding="utf-8")
    assert error(str(path), ["years=3"]) == [
        f"{path}:4:8: years: the horizon is 1 to 125 years, not 0"
    ]


def test_warnings_of_a_combination_say_which(scenario: str) -> None:
    # A saving from 2020/21 starts after the horizon ends: allowed, with a warning
    sweep = run_sweep(scenario, ["savings[1].from=2016/17,2020/21"])
    (warning,) = sweep.warnings
    assert warning.severity == "warning"
    assert warning.message.endswith("(with savings[1].from=2020/21)")


def test_inputs_include_the_base_of_an_extends_chain(tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(textwrap.dedent(SCENARIO), encoding="utf-8")
    top = tmp_path / "top.yaml"
    top.write_text("extends: base.yaml\nyears: 2\n", encoding="utf-8")
    sweep = run_sweep(str(top), ["discount_rate=0%"])
    assert sweep.inputs[0] == str(top)
    assert {Path(p).resolve() for p in sweep.inputs} == {top.resolve(), base.resolve()}
    # 2 years at 0%: 70,000 + 180,000
    assert npvs(sweep) == pytest.approx([250_000])


# ------------------------------------------------------------------------------ writing


def test_write_atomically_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    write_atomically(str(target), "a,b\n1,2\n", [str(tmp_path / "option.yaml")])
    assert target.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert os.listdir(tmp_path) == ["out.csv"]  # no temporary file left


def test_write_atomically_never_overwrites_an_input(scenario: str, tmp_path: Path) -> None:
    before = Path(scenario).read_text(encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_atomically(str(tmp_path / "." / "option.yaml"), "x", [scenario])
    assert "is an input file" in caught.value.problems[0].message
    assert Path(scenario).read_text(encoding="utf-8") == before


def test_write_atomically_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_atomically(str(tmp_path / "no" / "out.csv"), "x", [])
    assert caught.value.problems[0].message == f"the folder {tmp_path / 'no'} does not exist"
