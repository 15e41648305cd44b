"""The `bizcase` command through typer's CliRunner: help, exit statuses, stdout/stderr,
the JSON result contract (schema_version 1) and what the tables show.

Scenario files are written into tmp_path from the YAML below. Figures are checked against
values worked by hand in the comments, not against the engine's own output.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from bizcase import __version__

Invoke = Callable[..., Result]  # the `invoke` fixture of conftest.py
Write = Callable[[str, str], str]  # the `write` fixture of conftest.py

# --------------------------------------------------------------------------- scenarios

# Joint option, 3 years 2016/17 to 2018/19, flat 3.5%.
#   savings: £1m x ramp (50%, then 100%) x 90% confidence, split ssdc 48% / sdc 52%
#     ssdc: 1,000,000 * 0.5 * 0.9 * 0.48 = 216,000 in 2016/17; * 1.0 -> 432,000 after
#     sdc:  1,000,000 * 0.5 * 0.9 * 0.52 = 234,000 in 2016/17; 468,000 after
#   one-off £200k in 2016/17, equal: 100,000 each
#     ssdc net: 116,000, 432,000, 432,000; cumulative 116,000, 548,000, 980,000
#     ssdc gap £500k a year: remaining 284,000, 68,000, 68,000 (never closed)
#     ssdc coverage, last year: 432,000 / 500,000 = 0.864
#     ssdc npv = 116,000 + 432,000/1.035 + 432,000/1.035**2
#              = 116,000 + 417,391.30 + 403,276.62 = 936,667.93
#   total: savings 450,000, 900,000, 900,000 (2.25m over the horizon);
#     gap 500,000 (ssdc's only): remaining 50,000, -400,000, -400,000 -> closed 2017/18
#     coverage 900,000 / 500,000 = 1.8
#   sdc has no gap: coverage null, remaining gap below 0 from the start -> closed 2016/17
JOINT = """\
    name: Joint management team
    kind: joint
    start: 2016/17
    years: 3
    discount_rate: 3.5%
    partners:
      - id: ssdc
        name: South Somerset District Council
        budget_gap: £500k
      - id: sdc
        name: Sedgemoor District Council
    savings:
      - name: Shared senior management team
        annual: £1m
        ramp: [50%, 100%]
        confidence: 90%
        share: {ssdc: 48%, sdc: 52%}
    one_off_costs:
      - name: Redundancy
        amount: £200k
        year: 2016/17
        share: equal
    """

# South Somerset alone, 5 years (a different horizon from JOINT).
#   net: -200,000 (300k - 500k one-off), then 300,000 a year
#   cumulative: -200,000, 100,000, 400,000, 700,000, 1,000,000 -> payback 2017/18
#   remaining gap 200,000 every year -> never closed; coverage 300/500 = 0.6
SOLO = """\
    name: South Somerset alone
    kind: solo
    start: 2016
    years: 5
    discount_rate: 3.5%
    partners:
      - id: ssdc
        name: South Somerset District Council
        budget_gap: £500k
    savings:
      - name: Restructure
        annual: 300k
    one_off_costs:
      - name: Restructure costs
        amount: £500k
        year: 2016/17
    """

# A council in neither option above; same horizon as JOINT; Green Book by default.
OTHER = """\
    name: Taunton Deane alone
    kind: solo
    start: 2016/17
    years: 3
    partners:
      - id: tdbc
        name: Taunton Deane Borough Council
    savings:
      - name: Back office
        annual: £100k
    """

# The same two partners as JOINT, same horizon.
JOINT_B = """\
    name: Joint back office
    kind: joint
    start: 2016-17
    years: 3
    partners:
      - id: ssdc
        name: South Somerset District Council
      - id: sdc
        name: Sedgemoor District Council
    savings:
      - name: Back office
        annual: £400k
    """

# Two mistakes at known places: a negative amount and a percentage written without `%`.
BAD = """\
    name: Bad option
    start: 2016/17
    years: 3
    partners:
      - id: ssdc
        name: South Somerset District Council
    savings:
      - name: Restructure
        annual: -5
        confidence: 3.5
    """

# Never pays back and never closes its gap:
#   cumulative -1,000,000 + 100,000 * 3 = -700,000 at the end
NEVER = """\
    name: Expensive
    kind: solo
    start: 2020/21
    years: 3
    partners:
      - id: ssdc
        name: South Somerset District Council
        budget_gap: £1m
    savings:
      - name: Small saving
        annual: £100k
    one_off_costs:
      - name: Big project
        amount: £1m
        year: 2020/21
    """


@pytest.fixture
def joint(write: Write) -> str:
    return write("joint.yaml", JOINT)


@pytest.fixture
def solo(write: Write) -> str:
    return write("solo.yaml", SOLO)


@pytest.fixture
def other(write: Write) -> str:
    return write("other.yaml", OTHER)


@pytest.fixture
def joint_b(write: Write) -> str:
    return write("joint_b.yaml", JOINT_B)


@pytest.fixture
def bad(write: Write) -> str:
    return write("bad.yaml", BAD)


SERIES_KEYS = [
    "savings",
    "income",
    "costs",
    "one_off_costs",
    "net_recurring",
    "net",
    "cumulative_net",
    "gap",
    "remaining_gap",
    "optimism_bias",
    "risk_costs",
    "non_cashable_savings",
    "council_tax_harmonisation",
    "funded_from_reserves",
    "funded_from_capital_receipts",
    "funded_by_grant",
    "reserves",
]
VIEW_KEYS = [
    *SERIES_KEYS,
    "npv",
    "payback_status",
    "payback_year",
    "payback_period",
    "gap_status",
    "gap_closed_year",
    "coverage",
    "bcr",
    "npv_lower_rate",
    "economic_npv",
    "reserves_status",
    "reserves_opening",
    "reserves_minimum",
    "reserves_lowest",
    "reserves_breach_year",
    "total_savings",
    "total_income",
    "total_costs",
    "total_one_off_costs",
    "total_net",
    "total_optimism_bias",
    "total_risk_costs",
    "total_non_cashable_savings",
    "total_council_tax_harmonisation",
    "total_funded_from_reserves",
    "total_funded_from_capital_receipts",
    "total_funded_by_grant",
]
OPTION_KEYS = [
    "name",
    "kind",
    "file",
    "currency",
    "years",
    "discount_rate",
    "discount_factors",
    "price_base",
    "price_indices",
    "deflators",
    "referendum_flags",
    "sunk_costs",
    "sunk_cost_items",
    "partners",
    "total",
]
YEAR = re.compile(r"^\d{4}/\d{2}$")
ANSI = re.compile(r"\x1b\[")
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of `needle` in the dedented scenario text."""
    lines = textwrap.dedent(text).splitlines()
    for number, line in enumerate(lines, start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in the scenario")


def assert_clean_failure(result: Result, status: int = 2) -> None:
    """Bad input: the status, nothing on stdout, a message on stderr, never a traceback."""
    assert result.exit_code == status, result.output
    assert result.stdout == ""
    assert result.stderr.strip()
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


# --------------------------------------------------------------------------- help, version


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"bizcase {__version__}\n"


@pytest.mark.parametrize("command", [[], ["run"], ["compare"], ["validate"]])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_exits_0_and_shows_examples(invoke: Invoke, command: list[str], flag: str) -> None:
    result = invoke(*command, flag)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: bizcase")
    assert "Example" in result.stdout
    # an example is an indented command line, starting with the command it documents
    wanted = command[0] if command else r"(run|compare|validate)"
    assert re.search(rf"^\s+bizcase {wanted} \S", result.stdout, re.MULTILINE), result.stdout
    assert result.stderr == ""


def test_help_states_exit_statuses(invoke: Invoke) -> None:
    assert "Exit status" in invoke("--help").stdout


# --------------------------------------------------------------------------- run --format json


def test_run_json_follows_the_contract(invoke: Invoke, joint: str) -> None:
    result = invoke("run", joint, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    document = json.loads(result.stdout)

    assert list(document) == ["schema_version", "options"]
    assert document["schema_version"] == 1
    assert len(document["options"]) == 1
    option = document["options"][0]
    assert list(option) == OPTION_KEYS
    assert option["name"] == "Joint management team"
    assert option["kind"] == "joint"
    assert option["file"] == joint
    assert option["currency"] == "GBP"
    assert option["years"] == ["2016/17", "2017/18", "2018/19"]
    assert option["discount_rate"] == pytest.approx(0.035)
    assert option["discount_factors"] == pytest.approx([1.0, 1 / 1.035, 1 / 1.035**2])

    assert list(option["partners"]) == ["ssdc", "sdc"]  # the file's order
    for view in option["partners"].values():
        assert list(view) == ["name", *VIEW_KEYS, "from", "until", "succeeds"]
        assert (view["from"], view["until"], view["succeeds"]) == (None, None, None)
    assert list(option["total"]) == VIEW_KEYS
    assert "name" not in option["total"]
    for view in [*option["partners"].values(), option["total"]]:
        for key in SERIES_KEYS:
            if key == "reserves":  # no partner gives reserves: no balance is followed
                assert view[key] is None
                continue
            assert len(view[key]) == 3, key
            assert all(isinstance(x, int | float) for x in view[key])
        for key in ("payback_year", "gap_closed_year"):
            assert view[key] is None or YEAR.match(view[key]), view[key]
    assert option["partners"]["ssdc"]["name"] == "South Somerset District Council"


def test_run_json_figures_match_hand_worked_values(invoke: Invoke, joint: str) -> None:
    option = json.loads(invoke("run", joint, "-f", "json").stdout)["options"][0]
    ssdc, sdc, total = option["partners"]["ssdc"], option["partners"]["sdc"], option["total"]

    # 1,000,000 * 0.5 * 0.9 * 0.48 = 216,000; then * 1.0 = 432,000
    assert ssdc["savings"] == pytest.approx([216_000, 432_000, 432_000])
    # 1,000,000 * 0.5 * 0.9 * 0.52 = 234,000; then 468,000
    assert sdc["savings"] == pytest.approx([234_000, 468_000, 468_000])
    assert ssdc["one_off_costs"] == pytest.approx([100_000, 0, 0])
    assert ssdc["net"] == pytest.approx([116_000, 432_000, 432_000])
    assert ssdc["cumulative_net"] == pytest.approx([116_000, 548_000, 980_000])
    assert ssdc["remaining_gap"] == pytest.approx([284_000, 68_000, 68_000])
    # 116,000 + 432,000/1.035 + 432,000/1.035**2
    assert ssdc["npv"] == pytest.approx(936_667.93, abs=0.01)
    assert ssdc["coverage"] == pytest.approx(0.864)
    assert ssdc["payback_year"] == "2016/17"
    assert ssdc["gap_closed_year"] is None  # 68,000 still short in the last year
    assert ssdc["total_savings"] == pytest.approx(1_080_000)
    assert ssdc["total_net"] == pytest.approx(980_000)

    assert sdc["coverage"] is None  # no gap given
    assert (sdc["gap_status"], sdc["gap_closed_year"]) == ("no_gap", None)
    # one-off 100,000 at the start of 2016/17, 216,000 of savings through it: 0.463 years
    assert ssdc["payback_status"] == "paid_back"
    assert ssdc["payback_period"] == pytest.approx(100_000 / 216_000)

    assert total["savings"] == pytest.approx([450_000, 900_000, 900_000])
    assert total["remaining_gap"] == pytest.approx([50_000, -400_000, -400_000])
    # only ssdc gives a gap: the total's savings are not set against one council's gap
    assert (total["gap_status"], total["gap_closed_year"]) == ("partial", None)
    assert total["coverage"] is None
    assert total["total_savings"] == pytest.approx(2_250_000)
    assert total["total_one_off_costs"] == pytest.approx(200_000)
    assert total["npv"] == pytest.approx(ssdc["npv"] + sdc["npv"], abs=0.01)


def test_run_json_payback_and_gap_closed_null_when_never_reached(
    invoke: Invoke, write: Write
) -> None:
    path = write("never.yaml", NEVER)
    option = json.loads(invoke("run", path, "--format", "json").stdout)["options"][0]
    view = option["partners"]["ssdc"]
    assert option["years"] == ["2020/21", "2021/22", "2022/23"]
    assert option["discount_rate"] == "green_book"  # the default, as a string
    assert view["cumulative_net"] == pytest.approx([-900_000, -800_000, -700_000])
    assert view["payback_year"] is None
    assert view["gap_closed_year"] is None
    assert view["coverage"] == pytest.approx(0.1)  # 100,000 / 1,000,000


def test_run_json_payback_after_the_first_year(invoke: Invoke, solo: str) -> None:
    view = json.loads(invoke("run", solo, "--format", "json").stdout)["options"][0]["total"]
    # cumulative -200,000, 100,000, ... : payback from the second year
    assert view["cumulative_net"][:2] == pytest.approx([-200_000, 100_000])
    assert view["payback_year"] == "2017/18"
    assert view["gap_closed_year"] is None
    assert view["coverage"] == pytest.approx(0.6)


# --------------------------------------------------------------------------- run, table


def test_run_table_shows_years_and_money_in_finance_style(invoke: Invoke, joint: str) -> None:
    result = invoke("run", joint)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Joint management team" in out
    for year in ("2016/17", "2017/18", "2018/19"):
        assert year in out
    assert "South Somerset District Council (ssdc)" in out
    assert "Sedgemoor District Council (sdc)" in out
    assert "Total, all partners" in out
    assert "£216,000" in out  # ssdc savings 2016/17, thousands commas
    assert "£1.08m" in out  # ssdc savings over the horizon, millions to 2 places
    assert "Gap closed no gap given" in out  # sdc gives no gap: no "surplus" shown
    assert "£936,668" in out  # ssdc NPV to the pound
    assert not ANSI.search(result.output)


def test_run_partner_shows_that_view_alone(invoke: Invoke, joint: str) -> None:
    result = invoke("run", joint, "--partner", "ssdc")
    assert result.exit_code == 0, result.output
    assert "South Somerset District Council (ssdc)" in result.stdout
    assert "£936,668" in result.stdout  # ssdc NPV, as in the full run
    assert "Sedgemoor District Council (sdc)" not in result.stdout
    assert "Total, all partners" not in result.stdout
    md = invoke("run", joint, "-p", "total", "--format", "md")
    assert md.exit_code == 0, md.output
    assert "### Total, all partners" in md.stdout and "(ssdc)" not in md.stdout
    # the data formats hold every view whatever --partner says
    assert invoke("run", joint, "-p", "ssdc", "-f", "json").stdout == invoke(
        "run", joint, "-f", "json"
    ).stdout
    bad = invoke("run", joint, "-p", "zz")
    assert bad.exit_code == 2 and bad.stdout == ""
    assert "--partner zz: not a partner of this option (partners: ssdc, sdc)" in bad.stderr


def test_run_table_has_no_escape_codes_with_no_color(invoke: Invoke, joint: str) -> None:
    result = invoke("run", joint, env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "£216,000" in result.stdout
    assert not ANSI.search(result.output)


def test_no_color_removes_colour_even_when_colour_is_forced(invoke: Invoke, joint: str) -> None:
    forced = invoke("run", joint, env={"FORCE_COLOR": "1"})
    assert ANSI.search(forced.stdout), "FORCE_COLOR should colour: the check below needs it"

    result = invoke("run", joint, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert result.exit_code == 0
    colours = {"38", "48", *map(str, range(30, 38)), *map(str, range(40, 48))}
    colours |= {*map(str, range(90, 98)), *map(str, range(100, 108))}
    for match in SGR.finditer(result.stdout):
        assert not set(match.group(1).split(";")) & colours, repr(match.group(0))


def test_names_are_printed_as_written_not_as_markup(invoke: Invoke, write: Write) -> None:
    # Rich would read "[north]" as a style tag (and drop it) and ":smile:" as an emoji.
    text = JOINT.replace("name: Joint management team", 'name: "Option [north] :smile:"')
    text = text.replace("name: Sedgemoor District Council", "name: Sedgemoor [bold]DC[/bold]")
    path = write("markup.yaml", text)
    run = invoke("run", path)
    assert run.exit_code == 0, run.output
    assert "Option [north] :smile:" in run.stdout
    assert "Sedgemoor [bold]DC[/bold] (sdc)" in run.stdout
    compare = invoke("compare", path, path, "--by-year")
    assert compare.exit_code == 0, compare.output
    assert "Option [north] :smile:" in compare.stdout


# --------------------------------------------------------------------------- compare


def test_compare_shows_the_partner_common_to_all_options(
    invoke: Invoke, joint: str, solo: str
) -> None:
    result = invoke("compare", joint, solo)
    assert result.exit_code == 0, result.output
    assert "South Somerset District Council (ssdc)" in result.stdout
    assert "Sedgemoor District Council (sdc)" not in result.stdout
    assert "Total, all partners" not in result.stdout
    assert "Joint management team" in result.stdout
    assert "South Somerset alone" in result.stdout
    assert "£936,668" in result.stdout  # ssdc's NPV under the joint option


def test_compare_shows_the_total_when_no_partner_is_common(
    invoke: Invoke, joint: str, other: str
) -> None:
    result = invoke("compare", joint, other)
    assert result.exit_code == 0, result.output
    assert "Total, all partners" in result.stdout
    assert "(ssdc)" not in result.stdout
    assert "(tdbc)" not in result.stdout


def test_compare_shows_each_common_partner(invoke: Invoke, joint: str, joint_b: str) -> None:
    out = invoke("compare", joint, joint_b).stdout
    assert "South Somerset District Council (ssdc)" in out
    assert "Sedgemoor District Council (sdc)" in out
    assert out.index("(ssdc)") < out.index("(sdc)")


@pytest.mark.parametrize(
    ("partner", "shown", "hidden"),
    [
        ("sdc", "Sedgemoor District Council (sdc)", "(ssdc)"),
        ("ssdc", "South Somerset District Council (ssdc)", "(sdc)"),
        ("total", "Total, all partners", "(ssdc)"),
    ],
)
def test_compare_partner_picks_one_view(
    invoke: Invoke, joint: str, joint_b: str, partner: str, shown: str, hidden: str
) -> None:
    for flag in ("--partner", "-p"):
        result = invoke("compare", joint, joint_b, flag, partner)
        assert result.exit_code == 0, result.output
        assert shown in result.stdout
        assert hidden not in result.stdout


def test_compare_unknown_partner_is_bad_input(invoke: Invoke, joint: str, solo: str) -> None:
    result = invoke("compare", joint, solo, "--partner", "nope")
    assert_clean_failure(result)
    assert "--partner nope" in result.stderr
    assert joint in result.stderr and solo in result.stderr


def test_compare_partner_missing_from_one_option(invoke: Invoke, joint: str, solo: str) -> None:
    result = invoke("compare", joint, solo, "--partner", "sdc")
    assert_clean_failure(result)
    assert solo in result.stderr
    assert "partners: ssdc" in result.stderr  # says which partners there are
    assert joint not in result.stderr


def test_compare_notes_different_horizons(invoke: Invoke, joint: str, solo: str) -> None:
    result = invoke("compare", joint, solo)
    assert "Not like for like" in result.stdout
    # 2016/17 to 2018/19 against 2016/17 to 2020/21
    assert "2018/19" in result.stdout and "2020/21" in result.stdout


def test_compare_no_note_for_the_same_horizon(invoke: Invoke, joint: str, other: str) -> None:
    assert "Not like for like" not in invoke("compare", joint, other).output


def test_compare_by_year_adds_a_year_by_year_table(invoke: Invoke, joint: str, solo: str) -> None:
    plain = invoke("compare", joint, solo)
    by_year = invoke("compare", joint, solo, "--by-year")
    assert by_year.exit_code == 0, by_year.output
    assert "year by year" not in plain.stdout
    assert "South Somerset District Council (ssdc), year by year" in by_year.stdout
    # every year of the longer horizon is a column; 300k a year in the solo option
    table = by_year.stdout[by_year.stdout.index("year by year") :]
    for year in ("2016/17", "2017/18", "2018/19", "2019/20", "2020/21"):
        assert year in table
    assert "£300,000" in table
    assert "£216,000" in table  # ssdc's joint saving in 2016/17


def test_compare_json_gives_one_option_per_file_in_order(
    invoke: Invoke, joint: str, solo: str, other: str
) -> None:
    result = invoke("compare", solo, joint, other, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    options = document["options"]
    assert [o["file"] for o in options] == [solo, joint, other]
    assert [o["name"] for o in options] == [
        "South Somerset alone",
        "Joint management team",
        "Taunton Deane alone",
    ]
    assert all(list(o) == OPTION_KEYS for o in options)
    assert options[2]["discount_rate"] == "green_book"
    # the horizons differ: a warning, but on stderr so stdout stays pure JSON
    assert "Not like for like" in result.stderr


def test_compare_json_same_file_twice(invoke: Invoke, joint: str) -> None:
    result = invoke("compare", joint, joint, "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["options"]) == 2


# --------------------------------------------------------------------------- validate


def test_validate_good_files(invoke: Invoke, joint: str, solo: str) -> None:
    result = invoke("validate", joint, solo)
    assert result.exit_code == 0, result.output
    assert f"{joint}: ok (joint, 2 partners, 3 years)" in result.stdout
    assert f"{solo}: ok (solo, 1 partner, 5 years)" in result.stdout
    assert result.stderr == ""


def test_validate_bad_file_lists_file_line_col(invoke: Invoke, bad: str) -> None:
    result = invoke("validate", bad)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    line, col = position(BAD, "-5")
    assert f"{bad}:{line}:{col}: savings[0].annual: " in result.stderr
    line, col = position(BAD, "3.5")
    assert f"{bad}:{line}:{col}: savings[0].confidence: " in result.stderr
    assert "3.5%" in result.stderr  # says how to write it


def test_validate_reports_good_and_bad_files_together(invoke: Invoke, joint: str, bad: str) -> None:
    result = invoke("validate", bad, joint)
    assert result.exit_code == 2
    assert f"{joint}: ok" in result.stdout
    assert re.search(rf"^{re.escape(bad)}:\d+:\d+: ", result.stderr, re.MULTILINE)


def test_validate_yaml_syntax_error_has_a_position(invoke: Invoke, write: Write) -> None:
    path = write("broken.yaml", "name: [unclosed\nyears: 3\n")
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert re.search(rf"^{re.escape(path)}:\d+:\d+: ", result.stderr, re.MULTILINE)
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("output_format", ["table", "json"])
def test_run_bad_file_exits_2_with_nothing_on_stdout(
    invoke: Invoke, bad: str, output_format: str
) -> None:
    result = invoke("run", bad, "--format", output_format)
    assert_clean_failure(result)
    assert f"{bad}:{position(BAD, '-5')[0]}:" in result.stderr
    assert "nothing was calculated" in result.stderr


@pytest.mark.parametrize("output_format", ["table", "json"])
def test_compare_with_one_bad_file_exits_2_with_nothing_on_stdout(
    invoke: Invoke, joint: str, bad: str, output_format: str
) -> None:
    result = invoke("compare", joint, bad, "--format", output_format)
    assert_clean_failure(result)
    assert bad in result.stderr
    assert joint not in result.stderr


@pytest.mark.parametrize(
    "args",
    [["run", "{missing}"], ["compare", "{good}", "{missing}"], ["validate", "{missing}"]],
)
def test_missing_file_exits_2(invoke: Invoke, joint: str, tmp_path: Path, args: list[str]) -> None:
    missing = str(tmp_path / "no-such-scenario.yaml")
    argv = [a.format(missing=missing, good=joint) for a in args]
    result = invoke(*argv)
    assert_clean_failure(result)
    assert f"{missing}: no such file" in result.stderr


def test_folder_instead_of_file_exits_2(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("run", str(tmp_path))
    assert_clean_failure(result)


def test_unknown_format_is_a_usage_error(invoke: Invoke, joint: str) -> None:
    result = invoke("run", joint, "--format", "pdf")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_compare_needs_at_least_one_file(invoke: Invoke) -> None:
    result = invoke("compare")
    assert result.exit_code == 2
    assert result.stdout == ""


SUNK = """\
    name: With a feasibility study
    start: 2016/17
    years: 2
    partners:
      - {id: a, name: Council A}
    savings:
      - {name: Shared team, annual: 100k}
    one_off_costs:
      - {name: Feasibility study, amount: 250k, year: 2015/16, sunk: true}
      - {name: Set-up, amount: 50k, year: 2016/17}
    """
SUNK_SENTENCE = (
    "£250,000 of sunk costs (Feasibility study, 2015/16) are excluded, as the Green Book requires."
)


def test_sunk_costs_are_reported_in_every_format(invoke: Invoke, write: Write) -> None:
    path = write("sunk.yaml", SUNK)
    document = json.loads(invoke("run", path, "--format", "json").stdout)
    [option] = document["options"]
    assert option["sunk_costs"] == 250_000.0
    assert option["sunk_cost_items"] == [
        {"name": "Feasibility study", "amount": 250_000.0, "years": ["2015/16"]}
    ]
    assert option["total"]["total_one_off_costs"] == 50_000.0  # only the set-up counts
    assert SUNK_SENTENCE in invoke("run", path).stdout
    assert SUNK_SENTENCE in invoke("run", path, "--format", "md").stdout
    assert f"With a feasibility study: {SUNK_SENTENCE}" in invoke("compare", path).stdout
    csv_text = invoke("run", path, "--format", "csv").stdout
    assert f"With a feasibility study,{path},,,sunk_costs,,,250000.00" in csv_text
