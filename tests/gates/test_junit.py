"""`check --junit`: the report parsed back as CI reads it (a suite per file, a case per
condition, a failure with the value and the threshold), written even when a gate fails,
and never over an input."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import Invoke
from tests.gates.test_check_cli import HAND

# HAND: npv £139,969.43, payback 2017/18, gap closed 2016/17, coverage 125%.


def test_each_condition_is_a_test_case(invoke: Invoke, write, tmp_path: Path) -> None:
    hand, other = write("hand.yaml", HAND), write("other.yaml", HAND)
    report = tmp_path / "gates.xml"
    result = invoke(
        "check", hand, other,
        "-r", "npv > 0", "-r", "a.payback_year <= 2016/17", "-r", "coverage >= 80%",
        "--junit", str(report),
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert f"wrote the JUnit report to {report}" in result.stderr
    root = ET.parse(report).getroot()
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("6", "2")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [hand, other]
    cases = suites[0].findall("testcase")
    assert [c.get("name") for c in cases] == [
        "npv > 0", "a.payback_year <= 2016/17", "coverage >= 80%"
    ]  # fmt: skip
    assert {c.get("classname") for c in cases} == {hand}
    assert (suites[0].get("tests"), suites[0].get("failures")) == ("3", "1")
    passed = [c for c in cases if c.find("failure") is None]
    assert [c.get("name") for c in passed] == ["npv > 0", "coverage >= 80%"]
    assert passed[0].findtext("system-out") == "total.npv is £139,969; the condition needs > £0"
    failure = cases[1].find("failure")
    assert failure is not None
    assert failure.get("message") == "a.payback_year is 2017/18; the condition needs <= 2016/17"
    assert failure.text is not None
    assert 'value: "2017/18", threshold: "2016/17"' in failure.text


def test_a_simulation_is_recorded_to_reproduce_it(invoke: Invoke, write, tmp_path: Path) -> None:
    report = tmp_path / "gates.xml"
    hand = write("hand.yaml", HAND)
    args = ["-r", "p_payback >= 50%", "--draws", "100", "--seed", "7", "--junit", str(report)]
    result = invoke("check", hand, *args)
    assert result.exit_code == 0, result.output
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties == {"draws": "100", "seed": "7"}


def test_never_over_an_input_and_nothing_calculated(invoke: Invoke, write) -> None:
    hand = write("hand.yaml", HAND)
    before = Path(hand).read_bytes()
    result = invoke("check", hand, "-r", "npv > 0", "--junit", hand)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"--junit: {hand} is an input file")
    assert result.stdout == ""  # refused before any check was made
    assert Path(hand).read_bytes() == before


def test_a_missing_folder_is_refused_first(invoke: Invoke, write, tmp_path: Path) -> None:
    hand = write("hand.yaml", HAND)
    result = invoke("check", hand, "-r", "npv > 0", "--junit", str(tmp_path / "no" / "g.xml"))
    assert result.exit_code == 2
    assert "--junit: the folder" in result.stderr
    assert result.stdout == ""
