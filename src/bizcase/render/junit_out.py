"""`check --junit`: the conditions as a JUnit XML report, the format CI systems (GitHub
Actions' test reporters, GitLab, Jenkins, Azure) show as tests: one test suite per file, one
test case per condition, a failure carrying the value and the threshold."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from bizcase.gates import Check
from bizcase.model.units import printable
from bizcase.render.gates_out import format_value, json_value, shown_value


def junit_xml(checks: Sequence[Check], simulation: dict[str, Any] | None = None) -> bytes:
    failures = sum(1 for check in checks if not check.passed)
    root = ET.Element(
        "testsuites", name="bizcase check", tests=str(len(checks)), failures=str(failures)
    )
    suites: dict[str, ET.Element] = {}
    for check in checks:
        suite = suites.get(check.file)
        if suite is None:
            suite = suites[check.file] = _suite(root, check.file, checks, simulation)
        case = ET.SubElement(
            suite, "testcase", name=_text(check.condition.text), classname=_text(check.file)
        )
        said = _said(check)
        if check.passed:
            ET.SubElement(case, "system-out").text = said
        else:
            failure = ET.SubElement(case, "failure", message=said, type="bizcase.check")
            failure.text = f"{_text(check.file)} ({_text(check.option)}): {said}\n{_exact(check)}"
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _suite(
    root: ET.Element, file: str, checks: Sequence[Check], simulation: dict[str, Any] | None
) -> ET.Element:
    mine = [check for check in checks if check.file == file]
    suite = ET.SubElement(
        root,
        "testsuite",
        name=_text(file),
        tests=str(len(mine)),
        failures=str(sum(1 for check in mine if not check.passed)),
        errors="0",
        skipped="0",
    )
    if simulation is not None:
        properties = ET.SubElement(suite, "properties")
        for key, value in _properties(simulation):
            ET.SubElement(properties, "property", name=key, value=value)
    return suite


def _properties(simulation: dict[str, Any]) -> list[tuple[str, str]]:
    """The simulation's keys as flat properties: `--precision`'s as `precision` (as given)
    and `precision_met` (true or false)."""
    found = []
    for key, value in simulation.items():
        if isinstance(value, dict):
            found += [(key, str(value["asked"])), (f"{key}_met", str(value["met"]).lower())]
        else:
            found.append((key, str(value)))
    return found


def _said(check: Check) -> str:
    """`total.npv is (£50,000); the condition needs > £0`."""
    condition = check.condition
    metric = condition.metric
    threshold = format_value(metric, condition.threshold)
    value = shown_value(check)
    return _text(
        f"{condition.partner}.{metric.name} is {_zero(value)}; the condition needs "
        f"{condition.operator} {_zero(threshold)}"
    )


def _exact(check: Check) -> str:
    """The figures as `check --format json` gives them, for a reader who needs pennies."""
    metric = check.condition.metric
    value = json_value(metric, check.value)
    threshold = json_value(metric, check.condition.threshold)
    return _text(f"value: {json.dumps(value)}, threshold: {json.dumps(threshold)}")


def _zero(shown: str) -> str:
    """Money shows nothing as `-` in tables; a threshold of nothing reads `£0` here."""
    return "£0" if shown == "-" else shown


def _text(text: str) -> str:
    """Text XML can hold: control characters escaped (XML 1.0 forbids most of them)."""
    return printable(text)
