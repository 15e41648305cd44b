"""Readable field paths (`bizcase.io.paths`): parsing, resolving against plain scenario data,
getting and setting without touching the caller's data, and the messages for each mistake."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bizcase.io.path_syntax import Index, Name, parse_path
from bizcase.io.paths import get_value, overlaps, resolve, with_values
from bizcase.problems import InputError


def data() -> dict[str, Any]:
    """Plain data as the YAML reader gives it (a year written `2018` is an int key)."""
    return {
        "name": "Option",
        "start": "2016/17",
        "years": 3,
        "partners": [
            {
                "id": "ssdc",
                "name": "South Somerset",
                "budget_gap": {"2016/17": 100000, 2018: "£400k"},
            },
            {"id": "sdc", "name": "Sedgemoor", "weights": {"population": 120000}},
        ],
        "savings": [
            {"name": "Shared management", "annual": "£200k", "ramp": ["50%", "100%"]},
            {"name": 'The "quoted" one', "annual": 1000},
        ],
        "one_off_costs": [
            {
                "name": "Redundancy",
                "amount": "£300k",
                "phasing": {"2016/17": "60%", "2017/18": "40%"},
                "delay": {0: "70%", 1: "30%"},
            }
        ],
    }


def message(text: str, source: dict[str, Any] | None = None) -> str:
    with pytest.raises(InputError) as caught:
        resolve(data() if source is None else source, parse_path(text))
    (problem,) = caught.value.problems
    assert problem.file == "--set"
    return problem.message


# ----------------------------------------------------------------------------- parsing


def test_dotted_names_and_brackets_parse_into_segments() -> None:
    path = parse_path('partners[ssdc].budget_gap["2019/20"]')
    assert [type(s) for s in path.segments] == [Name, Name, Name, Name]
    assert [s.name for s in path.segments if isinstance(s, Name)] == [
        "partners",
        "ssdc",
        "budget_gap",
        "2019/20",
    ]
    assert path.upto(2) == "partners[ssdc]"


def test_a_number_in_brackets_is_an_index_and_a_quoted_one_is_a_name() -> None:
    (_, index) = parse_path("savings[0]").segments
    (_, named) = parse_path('savings["0"]').segments
    assert isinstance(index, Index) and index.index == 0
    assert isinstance(named, Name) and named.name == "0" and named.bracketed


def test_single_quotes_spaces_and_escaped_quotes() -> None:
    for text in ("savings['Shared management']", 'savings[ "Shared management" ]'):
        (_, name) = parse_path(text).segments
        assert isinstance(name, Name) and name.name == "Shared management"
    (_, name) = parse_path(r'savings["The \"quoted\" one"]').segments
    assert isinstance(name, Name) and name.name == 'The "quoted" one'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "an empty field path"),
        ("savings[0", "the [ is not closed with ] at character 8"),
        ('savings["open].annual', 'the quoted name is not closed with " at character 9'),
        ("savings[]", "empty brackets"),
        ("savings..annual", "expected a field name at character 9"),
        ('savings["a"]x', "expected . or [ after a field at character 13"),
    ],
)
def test_malformed_paths_say_where(text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_path(text)
    assert expected in caught.value.problems[0].message


# --------------------------------------------------------------------------- resolving


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("years", ("years",)),
        ("savings[0].annual", ("savings", 0, "annual")),
        ("savings[-1].annual", ("savings", 1, "annual")),
        ('savings["Shared management"].annual', ("savings", 0, "annual")),
        ("savings['Shared management'].ramp[1]", ("savings", 0, "ramp", 1)),
        ("partners[ssdc].budget_gap", ("partners", 0, "budget_gap")),
        ('partners["sdc"].weights.population', ("partners", 1, "weights", "population")),
        ("partners[1].weights[population]", ("partners", 1, "weights", "population")),
        ('partners[ssdc].budget_gap["2016/17"]', ("partners", 0, "budget_gap", "2016/17")),
        (
            'one_off_costs["Redundancy"].phasing["2017/18"]',
            ("one_off_costs", 0, "phasing", "2017/18"),
        ),
        ("one_off_costs[0].delay[1]", ("one_off_costs", 0, "delay", 1)),
    ],
)
def test_paths_resolve_to_concrete_keys(text: str, target: tuple[Any, ...]) -> None:
    assert resolve(data(), parse_path(text)) == target


def test_a_year_key_matches_however_the_year_is_written() -> None:
    # The file wrote `2018:` (an int key) and "2016/17"; any spelling of the year finds it.
    for text in ('budget_gap["2018/19"]', "budget_gap[2018]", "budget_gap['2018-19']"):
        assert resolve(data(), parse_path(f"partners[ssdc].{text}"))[-1] == 2018
    assert resolve(data(), parse_path("partners[ssdc].budget_gap[2016]"))[-1] == "2016/17"


def test_a_known_field_missing_from_the_file_can_be_set_as_the_last_segment() -> None:
    assert resolve(data(), parse_path("discount_rate")) == ("discount_rate",)
    assert resolve(data(), parse_path("savings[0].confidence")) == ("savings", 0, "confidence")
    assert resolve(data(), parse_path("savings[0].from")) == ("savings", 0, "from")


def test_unknown_field_with_did_you_mean() -> None:
    assert message("discount_rte") == (
        "discount_rte: unknown field 'discount_rte'; did you mean 'discount_rate'?"
    )
    assert message("savings[0].anual") == (
        "savings[0].anual: unknown field 'anual' in savings[0]; did you mean 'annual'?"
    )


def test_unknown_field_without_a_close_match_lists_the_fields() -> None:
    text = message("savings[0].zzz")
    assert text.startswith(
        "savings[0].zzz: unknown field 'zzz' in savings[0] (fields here: name, annual, from,"
    )


def test_no_item_with_that_name_lists_the_names() -> None:
    assert message('savings["Shared mgmt"].annual') == (
        "savings[\"Shared mgmt\"]: no item named 'Shared mgmt' in savings; did you mean "
        "'Shared management'? (names: 'Shared management', 'The \"quoted\" one')"
    )


def test_partners_are_found_by_id_not_name() -> None:
    assert message("partners[ssd].budget_gap") == (
        "partners[ssd]: no partner with id 'ssd' in partners; did you mean 'ssdc'? (ids: ssdc, sdc)"
    )
    assert "no partner with id 'South Somerset'" in message('partners["South Somerset"].name')


def test_index_out_of_range() -> None:
    assert message("savings[2].annual") == (
        "savings[2]: index out of range: savings has 2 items (savings[0] to savings[1])"
    )
    assert message("savings[-3].annual").startswith("savings[-3]: index out of range")
    assert message("savings[0].ramp[5]") == (
        "savings[0].ramp[5]: index out of range: savings[0].ramp has 2 items "
        "(savings[0].ramp[0] to savings[0].ramp[1])"
    )


def test_a_path_into_a_scalar() -> None:
    assert message("savings[0].annual.low") == (
        "savings[0].annual.low: savings[0].annual is a single value ('£200k'), not a mapping "
        "or a list: there is nothing inside it to address"
    )
    assert "years is a single value (3)" in message("years[0]")


def test_lists_need_brackets_and_lists_of_values_need_positions() -> None:
    assert message("savings.annual") == (
        "savings.annual: savings is a list: pick an item by its position or name, such as "
        'savings[0] or savings["..."]'
    )
    assert message('savings[0].ramp["first"]') == (
        'savings[0].ramp["first"]: savings[0].ramp is a list of values: pick one by its '
        "position, such as savings[0].ramp[0]"
    )


def test_a_mapping_of_fields_is_not_indexed() -> None:
    assert message("savings[0][1]") == (
        "savings[0][1]: savings[0] is a mapping of fields, not a list: "
        "name a field as savings[0].field"
    )


def test_a_missing_key_of_a_free_mapping_lists_the_keys() -> None:
    assert message('partners[ssdc].budget_gap["2017/18"]') == (
        'partners[ssdc].budget_gap["2017/18"]: partners[ssdc].budget_gap has no key '
        "'2017/18'; did you mean '2018'? (keys: 2016/17, 2018)"
    )


def test_a_missing_field_in_the_middle_must_be_added_to_the_file_first() -> None:
    assert message("savings[0].uncertainty.low") == (
        "savings[0].uncertainty is not given in the file: add it there first, then sweep "
        "savings[0].uncertainty.low"
    )
    assert message("income[0].annual").startswith("income is not given in the file")


# ---------------------------------------------------------------------------- get and set


def resolved(source: dict[str, Any], text: str) -> tuple[Any, ...]:
    return resolve(source, parse_path(text))


def test_get_and_set_leave_the_callers_data_alone() -> None:
    original = data()
    before = copy.deepcopy(original)
    ramp = resolved(original, 'savings["Shared management"].ramp[0]')
    changed = with_values(original, [(ramp, "25%")])
    assert changed["savings"][0]["ramp"] == ["25%", "100%"]
    assert original == before
    assert get_value(changed, resolved(changed, "savings[0].ramp[0]")) == "25%"
    assert get_value(original, resolved(original, "savings[0].ramp[0]")) == "50%"


def test_set_creates_a_known_field_the_file_left_out() -> None:
    changed = with_values(data(), [(resolved(data(), "discount_rate"), "6%")])
    assert changed["discount_rate"] == "6%"
    assert get_value(data(), ("discount_rate",)) is None


def test_with_values_applies_several_changes_to_one_copy() -> None:
    original = data()
    value = {"2016/17": 1}
    changed = with_values(original, [(("years",), 5), (("partners", 0, "budget_gap"), value)])
    assert (changed["years"], changed["partners"][0]["budget_gap"]) == (5, {"2016/17": 1})
    value["2016/17"] = 2  # the copy does not share the value given
    assert changed["partners"][0]["budget_gap"] == {"2016/17": 1}
    assert original == data()


def test_overlaps() -> None:
    assert overlaps(("partners", 0, "budget_gap"), ("partners", 0, "budget_gap", "2016/17"))
    assert overlaps(("years",), ("years",))
    assert overlaps(("partners", 0, "budget_gap", 2018), ("partners", 0, "budget_gap", "2018"))
    assert not overlaps(("savings", 0, "annual"), ("savings", 1, "annual"))
