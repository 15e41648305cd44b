"""Every key of the CLI's JSON is an attribute of the value the API returns, so a script
can move from parsing JSON to the API by keeping its names."""

from __future__ import annotations

import json
from typing import Any

import bizcase
from bizcase.render.risk_out import sensitivity_json, simulation_json, switching_json

FILE = "scenarios/ssdc-sdc-joint.yaml"
ENVELOPE = {"schema_version", "file", "name"}
"""Keys the JSON adds around a value: which file and option it is about."""


KEYWORDS = {"from": "from_"}
"""Contract keys that are Python keywords, and the attribute that holds them."""


def assert_named_alike(value: object, document: dict[str, Any], skip: set[str] = ENVELOPE) -> None:
    missing = [
        key for key in document if key not in skip and not hasattr(value, KEYWORDS.get(key, key))
    ]
    assert missing == [], type(value).__name__


def test_a_results_keys() -> None:
    result = bizcase.run(FILE)
    option = result.to_dict()
    assert_named_alike(result, option, {"partners", "total"} | ENVELOPE - {"name", "file"})
    for view in result.views:
        document = option["total"] if view.id == "total" else option["partners"][view.id]
        assert_named_alike(view, document, set())


def test_sensitivity_keys() -> None:
    option = bizcase.load(FILE)
    found = option.sensitivity("ssdc")
    document = json.loads(sensitivity_json(found, option.name, FILE))
    assert_named_alike(found, document)
    assert found.partner == "ssdc"
    for row, written in zip(found.rows, document["rows"], strict=True):
        assert_named_alike(row, written)
        assert row.case == written["case"]


def test_switching_keys() -> None:
    option = bizcase.load(FILE)
    found = option.switching("ssdc")
    document = json.loads(switching_json(found, option.name, FILE))
    assert_named_alike(found, document, ENVELOPE | {"tests"})
    for row, written in zip(found.rows, document["rows"], strict=True):
        assert_named_alike(row, written)
        assert row.npv.change == written["npv"]["change"]


def test_simulation_keys() -> None:
    option = bizcase.load(FILE)
    found = option.simulate(draws=500, seed=2)
    document = json.loads(simulation_json(found, option.name, FILE))
    assert_named_alike(found, document)
    for view, summary in found.views.items():
        written = document["views"][view]
        assert_named_alike(summary, written)
        assert_named_alike(summary.npv, written["npv"])
        assert_named_alike(summary.standard_errors, written["standard_errors"])
        assert_named_alike(summary.npv.se, written["standard_errors"]["npv"])
        assert summary.npv.p5 == summary.npv.percentiles[5]
        assert summary.payback_year is summary.payback_years
