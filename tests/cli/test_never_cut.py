"""At any width from 60 columns up, no label and no figure is ever cut or ellipsised: a
table that does not fit is split into consecutive tables that repeat the row labels."""

from __future__ import annotations

import pytest
from tests.conftest import Invoke

JOINT, SOLO, ALLIANCE = (
    "scenarios/ssdc-sdc-joint.yaml",
    "scenarios/ssdc-solo.yaml",
    "scenarios/ssdc-sdc-alliance.yaml",
)
COMMANDS = [
    ("compare", JOINT, SOLO, ALLIANCE),
    ("compare", JOINT, SOLO, "--by-year"),
    ("run", JOINT),
    ("sensitivity", JOINT),
    ("switching", JOINT),
    ("simulate", JOINT, "--draws", "200"),
    ("sweep", SOLO, "--set", "discount_rate=1%,3.5%,6%", "--set", "years=3,5"),
]
# figures from the compare table of the bundled options, each whole somewhere in the output
FIGURES = [
    "£11.10m",
    "(£100,000)",
    "£655,772",
    "not within the horizon",
    "2.7 years",
]  # joint payback period: see test_report


@pytest.mark.parametrize("width", [60, 80, 100, 200])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c[:1] + c[-1:]))
def test_nothing_is_cut_at_any_width(invoke: Invoke, command: tuple[str, ...], width: int) -> None:
    result = invoke(*command, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    widest = max(len(line) for line in result.stdout.splitlines())
    assert widest <= width, (widest, width)


@pytest.mark.parametrize("width", [60, 80, 100, 200])
def test_compare_shows_every_figure_whole(invoke: Invoke, width: int) -> None:
    out = invoke("compare", JOINT, SOLO, ALLIANCE, env={"COLUMNS": str(width)}).stdout
    for figure in FIGURES:
        assert figure in out, (figure, width)
    for label in ("Payback period", "Remaining gap, final year", "Gap closed in", "NPV"):
        assert label in out, (label, width)
    assert out.count("Joint Authority (SSDC and") == 1  # each option once, whole or wrapped


def test_a_one_partner_option_shows_its_table_once(invoke: Invoke) -> None:
    out = invoke("run", SOLO, env={"COLUMNS": "200"}).stdout
    assert "South Somerset District Council (ssdc)" in out
    assert "Total, all partners" not in out
