"""The YAML reader's safety decisions: YAML 1.2 core typing, strict tags, no duplicate keys,
bounded alias expansion, and a position for every problem."""

from __future__ import annotations

import math
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bizcase.io.extends import read_document
from bizcase.io.loader import load_scenario
from bizcase.io.yamlbuild import TAG
from bizcase.io.yamlfile import MAX_VALUES, implicit_tag, parse_yaml
from bizcase.model.units import KEY
from bizcase.problems import InputError

F = "scenario.yaml"


def parse(text: str) -> Any:
    return parse_yaml(textwrap.dedent(text), F).data


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_yaml(textwrap.dedent(text), F)
    return [str(p) for p in caught.value.problems]


# --- scalar typing (YAML 1.2 core, not YAML 1.1) ---------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("Yes", "Yes"),
        ("NO", "NO"),
        ("y", "y"),
        ("010", "010"),
        ("0010.5", "0010.5"),
        ("1_000", "1_000"),
        ("1:30", "1:30"),
        ("2016-04-01", "2016-04-01"),
        ("2016-17", "2016-17"),
        ("2016/17", "2016/17"),
        ("3.5%", "3.5%"),
        ("£4.1m", "£4.1m"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("'010'", "010"),
        ("'true'", "true"),
        ("0", 0),
        ("-5", -5),
        ("2016", 2016),
        ("0x10", 16),
        ("0o17", 15),
    ],
)
def test_scalars_resolve_as_yaml_1_2_core(written: str, value: Any) -> None:
    data = parse(f"x: {written}\n")
    assert data == {"x": value}
    assert type(data["x"]) is type(value)


def test_exponent_is_a_float() -> None:
    data = parse("a: 1e3\nb: 2.5E-1\nc: 13400.50\n")
    assert data == {"a": 1000.0, "b": 0.25, "c": 13400.5}
    assert all(isinstance(v, float) for v in data.values())


def test_nan_and_inf_are_floats() -> None:
    data = parse("a: .nan\nb: .inf\nc: -.inf\nd: .NaN\n")
    assert math.isnan(data["a"]) and math.isnan(data["d"])
    assert data["b"] == math.inf
    assert data["c"] == -math.inf


MINIMAL = """\
name: Test
start: 2016/17
years: 3
partners:
  - id: a
    name: A
savings:
  - name: Shared team
    annual: {annual}
"""


@pytest.mark.parametrize(("written", "shown"), [(".nan", "nan"), (".inf", "inf")])
def test_nan_and_inf_refused_as_money(tmp_path: Path, written: str, shown: str) -> None:
    file = tmp_path / "nonfinite.yaml"
    file.write_text(MINIMAL.format(annual=written), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    assert [str(p) for p in caught.value.problems] == [
        f"{file}:9:13: savings[0].annual: expected an amount of money, got {shown}: "
        "amounts must be finite"
    ]


def test_leading_zero_reaches_money_as_text_and_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "leadingzero.yaml"
    file.write_text(MINIMAL.format(annual="010"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    assert [str(p) for p in caught.value.problems] == [
        f"{file}:9:13: savings[0].annual: '010' has a leading zero, which is ambiguous: "
        "write it without"
    ]


def test_yes_as_number_of_years_is_refused_not_read_as_true(tmp_path: Path) -> None:
    file = tmp_path / "yesyears.yaml"
    file.write_text(MINIMAL.format(annual="5").replace("years: 3", "years: yes"), "utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    assert [str(p) for p in caught.value.problems] == [
        f"{file}:3:8: years: expected a whole number, got 'yes'"
    ]


# --- tags ------------------------------------------------------------------------------------


def test_python_object_tags_are_refused_with_positions() -> None:
    assert problems(
        """\
        name: ok
        a: !!python/object/apply:os.system ["echo hacked"]
        b: !!python/object:collections.OrderedDict {x: 1}
        c: !!python/name:os.system ''
        """
    ) == [
        f"{F}:2:4: a: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed: "
        "bizcase reads plain YAML",
        f"{F}:3:4: b: the tag tag:yaml.org,2002:python/object:collections.OrderedDict is not "
        "allowed: bizcase reads plain YAML",
        f"{F}:4:4: c: the tag tag:yaml.org,2002:python/name:os.system is not allowed: "
        "bizcase reads plain YAML",
    ]


def test_other_non_standard_tags_are_refused() -> None:
    assert problems(
        """\
        a: !custom 5
        b: !!binary aGVsbG8=
        c: !!set {x, y}
        d: !!timestamp 2016-04-01
        e:
          - !!omap [{x: 1}]
        """
    ) == [
        f"{F}:1:4: a: the tag !custom is not allowed: bizcase reads plain YAML",
        f"{F}:2:4: b: the tag tag:yaml.org,2002:binary is not allowed: bizcase reads plain YAML",
        f"{F}:3:4: c: the tag tag:yaml.org,2002:set is not allowed: bizcase reads plain YAML",
        f"{F}:4:4: d: the tag tag:yaml.org,2002:timestamp is not allowed: bizcase reads plain YAML",
        f"{F}:6:5: e[0]: the tag tag:yaml.org,2002:omap is not allowed: bizcase reads plain YAML",
    ]


def test_standard_tags_are_allowed() -> None:
    assert parse("a: !!str 010\nb: !!int '5'\nc: !!float '2'\nd: !!map {x: 1}\ne: !!seq [1]\n") == {
        "a": "010",
        "b": 5,
        "c": 2.0,
        "d": {"x": 1},
        "e": [1],
    }


# --- duplicate keys --------------------------------------------------------------------------


def test_duplicate_keys_all_reported_naming_the_first_line() -> None:
    assert problems(
        """\
        name: First
        years: 5
        partners:
          - id: a
            name: A
            id: b
        name: Second
        years: 6
        """
    ) == [
        f"{F}:6:5: partners[0]: duplicate key 'id' (first given on line 4): give each key once",
        f"{F}:7:1: duplicate key 'name' (first given on line 1): give each key once",
        f"{F}:8:1: duplicate key 'years' (first given on line 2): give each key once",
    ]


def test_duplicate_key_in_flow_mapping() -> None:
    assert problems("share: {a: 50%, a: 50%}\n") == [
        f"{F}:1:17: share: duplicate key 'a' (first given on line 1): give each key once"
    ]


# --- aliases ---------------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_refused() -> None:
    # 9**9 (387 million) values once expanded: the reader must stop at MAX_VALUES rather
    # than build them. If the bound were missing this test would exhaust memory, not pass.
    assert problems(BILLION_LAUGHS) == [
        f"{F}:1:1: the file expands to more than {MAX_VALUES:,} values through aliases "
        "(*name): bizcase stops reading it to protect memory"
    ]


def test_billion_laughs_through_load_scenario(tmp_path: Path) -> None:
    file = tmp_path / "laughs.yaml"
    file.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    assert len(caught.value.problems) == 1
    assert "values through aliases" in caught.value.problems[0].message


def test_modest_alias_use_is_fine() -> None:
    data = parse("a: &a [1, 2, 3]\nb: *a\nc: *a\n")
    assert data == {"a": [1, 2, 3], "b": [1, 2, 3], "c": [1, 2, 3]}


def test_recursive_alias_in_a_list_is_refused() -> None:
    assert problems("a: &x [1, *x]\n") == [
        f"{F}:1:4: a[1]: an alias refers to the value that contains it"
    ]


def test_recursive_alias_in_a_mapping_is_refused() -> None:
    assert problems("a: &x\n  b: 1\n  c: *x\n") == [
        # the position is where the anchored value starts: aliases have no node of their own
        f"{F}:1:4: a.c: an alias refers to the value that contains it"
    ]


def test_undefined_alias_is_a_syntax_error() -> None:
    [message] = problems("a: *nowhere\n")
    assert message.startswith(f"{F}:1:4: YAML syntax: ")
    assert "nowhere" in message


# --- merge keys ------------------------------------------------------------------------------


def test_merge_key_with_explicit_keys_winning() -> None:
    data = parse(
        """\
        base: &base {annual: 100, confidence: 90%, share: equal}
        stream:
          <<: *base
          annual: 200
          name: Stream
        """
    )
    assert data["stream"] == {
        "annual": 200,
        "name": "Stream",
        "confidence": "90%",
        "share": "equal",
    }


def test_merge_key_explicit_key_wins_even_when_written_after() -> None:
    data = parse("base: &b {x: 1, y: 2}\nchild:\n  y: 3\n  <<: *b\n")
    assert data["child"] == {"x": 1, "y": 3}


def test_merge_key_list_of_mappings_first_wins() -> None:
    data = parse("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n")
    assert data["c"] == {"x": 1, "y": 2}


def test_merge_keeps_positions_for_explicit_and_merged_keys() -> None:
    document = parse_yaml("base: &b {x: 1, y: 2}\nchild:\n  <<: *b\n  y: 3\n", F)
    assert document.marks[("child", "y")] == (F, 4, 6)
    assert document.marks[("child", "y", KEY)] == (F, 4, 3)
    assert document.marks[("child", "x")] == (F, 1, 14)


def test_quoted_merge_key_is_an_ordinary_key() -> None:
    assert parse("a:\n  '<<': 3\n") == {"a": {"<<": 3}}


def test_merge_key_needs_a_mapping() -> None:
    assert problems("a:\n  <<: 5\n") == [
        f"{F}:2:7: a: a merge key (<<) takes a mapping or a list of mappings"
    ]


# --- structure and syntax --------------------------------------------------------------------


def test_complex_key_refused() -> None:
    assert problems("? [a, b]\n: 1\n") == [
        f"{F}:1:3: a key must be a plain value, not a list or mapping"
    ]


def test_an_unclosed_list_is_placed_where_it_opens() -> None:
    # PyYAML notices on line 4; the mistake is the [ on line 3
    assert problems("name: x\nyears: 5\nstart: [2016\nend: 3\n") == [
        f"{F}:3:8: YAML syntax: a list opened with [ here is not closed with ]"
    ]


def test_mapping_value_where_none_is_allowed() -> None:
    assert problems("name: a: b\n") == [
        f"{F}:1:8: YAML syntax: a `:` that YAML cannot read here: check this line's "
        "indentation against the line above, or put a value containing `: ` in quotes"
    ]


def test_a_missing_colon_is_placed_at_the_line_without_it() -> None:
    # PyYAML reports line 3; the key without its colon is on line 2
    assert problems("name: T\nstart 2016/17\nyears: 3\n") == [
        f"{F}:2:1: YAML syntax: this line has no `:` after its key: write `key: value`"
    ]


def test_an_unclosed_quote_is_placed_where_it_opens() -> None:
    assert problems('name: "T\nstart: 2016/17\n') == [
        f"{F}:1:7: YAML syntax: a quote opened here is never closed: add the closing quote"
    ]


def test_tab_indentation_is_a_syntax_error_with_position() -> None:
    [message] = problems("partners:\n\t- id: a\n")
    assert message == f"{F}:2:1: YAML syntax: tabs cannot indent YAML: use spaces"


def test_several_documents_refused() -> None:
    [message] = problems("a: 1\n---\nb: 2\n")
    assert message.startswith(f"{F}:2:1: YAML syntax: ")
    assert "single document" in message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert problems(text) == [
        f"{F}:1:1: the file is empty: a scenario needs name, start, years and partners"
    ]


def test_document_that_is_not_a_mapping(tmp_path: Path) -> None:
    file = tmp_path / "alist.yaml"
    file.write_text("- name: x\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    assert [str(p) for p in caught.value.problems] == [
        f"{file}:1:1: a scenario file is a mapping of fields "
        "(name:, start:, years:, partners:, ...)"
    ]


def test_deep_nesting_is_an_input_error_not_a_crash() -> None:
    depth = 5_000
    assert problems("a: " + "[" * depth + "]" * depth + "\n") == [
        f"{F}: lists or mappings are nested too deeply to read: a scenario needs only a few levels"
    ]


def test_every_value_and_key_has_a_position() -> None:
    document = parse_yaml("name: x\npartners:\n  - id: a\n    weights: {population: 5}\n", F)
    assert document.marks[()] == (F, 1, 1)
    assert document.marks[("name",)] == (F, 1, 7)
    assert document.marks[("name", KEY)] == (F, 1, 1)
    assert document.marks[("partners",)] == (F, 3, 3)
    assert document.marks[("partners", 0)] == (F, 3, 5)
    assert document.marks[("partners", 0, "id")] == (F, 3, 9)
    assert document.marks[("partners", 0, "weights", "population")] == (F, 4, 27)
    assert document.marks[("partners", 0, "weights", "population", KEY)] == (F, 4, 15)


# --- encodings -------------------------------------------------------------------------------


def test_byte_order_mark_accepted(tmp_path: Path) -> None:
    file = tmp_path / "bom.yaml"
    file.write_bytes(b"\xef\xbb\xbfname: Test\nyears: 3\n")
    document = read_document(file)
    assert document.data == {"name": "Test", "years": 3}
    assert document.marks[("years",)] == (str(file), 2, 8)


def test_pound_sign_in_utf8_is_read(tmp_path: Path) -> None:
    file = tmp_path / "pound.yaml"
    file.write_text("annual: £4.1m\n", encoding="utf-8")
    assert read_document(file).data == {"annual": "£4.1m"}


def test_non_utf8_refused_with_line(tmp_path: Path) -> None:
    file = tmp_path / "latin1.yaml"
    file.write_bytes("name: Test\nyears: 3\nannual: £4.1m\n".encode("cp1252"))
    with pytest.raises(InputError) as caught:
        read_document(file)
    assert [str(p) for p in caught.value.problems] == [
        f"{file}:3:1: the file is not UTF-8 text: save it as UTF-8"
    ]


def test_missing_file(tmp_path: Path) -> None:
    file = tmp_path / "nothere.yaml"
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    assert [str(p) for p in caught.value.problems] == [f"{file}: no such file"]


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_scenario(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}: this is a folder, not a scenario file"
    ]


# --- the core schema's implicit tags, written out --------------------------------------------
# `implicit_tag` replaces the regular expressions of YAML 1.2's core schema (with bizcase's
# stricter leading zeros); these are those expressions, tried in the schema's order.
_CORE_SCHEMA = [
    ("bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")),
    ("int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$")),
    (
        "float",
        re.compile(
            r"^(?:[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
    ),
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$")),
]


def _core_schema_tag(value: str) -> str | None:
    return next((TAG + tag for tag, pattern in _CORE_SCHEMA if pattern.match(value)), None)


_SCALAR_PARTS = ["0", "1", "9", "07", "-", "+", ".", "e", "E", "x", "o", "a", "F", "f", "_",
                 "inf", "Inf", "nan", "NaN", "NAN", "true", "False", "null", "NULL", "~", "٣",
                 " "]  # fmt: skip


@given(st.lists(st.sampled_from(_SCALAR_PARTS), max_size=6).map("".join))
def test_implicit_tags_are_the_core_schemas(value: str) -> None:
    # A plain scalar never ends in a line break, where `$` would also have matched.
    assert implicit_tag(value) == _core_schema_tag(value)


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("1", "int"), ("-0", "int"), ("0o17", "int"), ("0x1F", "int"), ("010", None),
        ("1.", "float"), (".5", "float"), ("-1.5e-3", "float"), ("1E5", "float"),
        ("+.Inf", "float"), (".NaN", "float"), ("-.nan", None), ("1e", None), (".", None),
        ("1_000", None), ("1:30", None), ("yes", None), ("True", "bool"), ("~", "null"),
        ("", "null"), ("٣", None),
    ],
)  # fmt: skip
def test_implicit_tags_by_hand(value: str, tag: str | None) -> None:
    assert implicit_tag(value) == (None if tag is None else TAG + tag)
