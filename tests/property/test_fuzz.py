"""Fuzzing: the bundled scenarios mutated at random must never crash bizcase.

Seeded and bounded (a few hundred cases, well under a minute): each mutation replaces,
deletes or duplicates a value somewhere in a scenario with something hostile (extreme
numbers, odd strings, wrong types, control characters, formulas, `$...$`), and `run
--format json` must end with exit 0 or 2, never a traceback, nothing on stdout with exit
2, and figures that hold together: no NaN or infinity, and partners adding up to the total.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bizcase.cli import app
from tests.conftest import CLEAN_ENV

REPO = Path(__file__).resolve().parents[2]
BUNDLED = sorted((REPO / "scenarios").glob("*.yaml"))
ORIGINALS = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in BUNDLED]

EXTREME = st.sampled_from(
    [0, 1, -1, 10**13, 10**13 + 1, 10**400, 1e308, -1e308, 1e-320, 5e-324, 1e28, 0.1]
)
HOSTILE = st.one_of(
    EXTREME,
    EXTREME,
    EXTREME,
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            "",
            "£4.1m",
            "£1,000,000,000,000,000",
            "3.5%",
            "150%",
            "-20%",
            "2016/17",
            "1900/01",
            "2200/01",
            "equal",
            "by population",
            "by nothing",
            '=HYPERLINK("http://x")',
            "+cmd",
            "@SUM(A1)",
            "$x^2$",
            "\x1b[31mred",
            "two\rlines",
            "tab\there",
            "<script>alert(1)</script>",
            "savings[7]",
            "n" * 300,
            "ssdc",
            "TOTAL",
            "{a: 1}",
        ]
    ),
    st.text(max_size=30),
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(
        st.sampled_from(["ssdc", "sdc", "tdbc", "x"]), st.sampled_from(["50%", 0.5, 2])
    ),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the document a value sits."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _is_leaf(document: Any, path: tuple[Any, ...]) -> bool:
    value = document
    for key in path:
        value = value[key]
    return not isinstance(value, dict | list)


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    document = copy.deepcopy(draw(st.sampled_from(ORIGINALS)))
    for _ in range(draw(st.integers(1, 3))):
        everywhere = [p for p in _paths(document) if p]
        leaves = [p for p in everywhere if _is_leaf(document, p)]
        paths = draw(st.sampled_from([leaves, leaves, everywhere])) or everywhere
        path = draw(st.sampled_from(paths))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "replace", "delete", "duplicate"]))
        if action == "replace":
            parent[path[-1]] = draw(HOSTILE)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        else:
            parent[f"{path[-1]}_copy"] = copy.deepcopy(parent[path[-1]])
    return document


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON")

    return json.loads(text, parse_constant=refuse)


@seed(20261124)
@settings(
    max_examples=800,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(document=mutated())
def test_mutated_scenarios_never_crash(document: Any, tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "fuzzed.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = CliRunner(env=CLEAN_ENV).invoke(app, ["run", str(path), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    if result.exit_code == 2:
        assert result.stdout == ""
        return
    [option] = _strict_json(result.stdout)["options"]
    for key in ("savings", "income", "costs", "one_off_costs", "net", "gap"):
        for t, whole in enumerate(option["total"][key]):
            # the councils of that year (an ended council's view is its area's share of
            # its successor's, on top of the total)
            year = option["years"][t]
            parts = math.fsum(
                view[key][t]
                for view in option["partners"].values()
                if (view["from"] or year) <= year <= (view["until"] or year)
            )
            assert parts == math.fsum([whole]) or math.isclose(
                parts, whole, rel_tol=1e-9, abs_tol=1e-3
            ), (key, t, parts, whole)
