"""`check --precision`: each simulation runs until the figures its conditions read (and only
those) are within the precision, up to --draws; what it did is in the JSON, the JUnit
properties and under the table, so the result can be reproduced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bizcase
from bizcase import gates
from bizcase.api.checks import compared_figures, own_figures
from bizcase.risk.converge import choice_figures, simulation_figures
from bizcase.risk.simulate import CHUNK
from tests.gates.test_check_cli import RISKY, Invoke, write

SOLO = "scenarios/uncertain/solo.yaml"
JOINT = "scenarios/uncertain/joint.yaml"


@pytest.fixture
def invoke(check_cli: Invoke) -> Invoke:
    return check_cli


def _json(invoke: Invoke, *args: str) -> dict[str, object]:
    result = invoke(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_it_stops_once_the_figures_read_are_precise_and_says_so(invoke: Invoke, risky: str) -> None:
    document = _json(invoke, risky, "-r", "p_gap_closed >= 30%", "--precision", "1%",
                     "--draws", "1000000")  # fmt: skip
    simulation = document["simulation"]
    assert isinstance(simulation, dict)
    used = simulation["draws"]
    # p_gap_closed is 0.367 (worked in test_check_cli): its standard error is
    # sqrt(0.367 x 0.633 / n), within 1 point at 95% from n = 1.96^2 x 0.2324 / 0.01^2
    # = 8,927 draws; checked first at 2 chunks (16,384 draws), where it is met.
    assert used == 2 * CHUNK
    assert simulation["draws_asked"] == 1_000_000 and simulation["seed"] == 0
    assert simulation["precision"] == {
        "asked": "1%",
        "fraction": 0.01,
        "money": None,
        "met": True,
        "outside": [],
    }
    # the same figures as a run of exactly those draws (the first chunks of the stream)
    plain = _json(invoke, risky, "-r", "p_gap_closed >= 30%", "--draws", str(used))
    assert document["checks"] == plain["checks"]
    assert plain["simulation"] == {"draws": used, "seed": 0}


def test_a_tighter_precision_runs_as_many_chunks_as_the_error_needs(
    invoke: Invoke, risky: str
) -> None:
    document = _json(invoke, risky, "-r", "p_gap_closed >= 30%", "--precision", "0.5%",
                     "--draws", "1000000")  # fmt: skip
    # within 0.5 points: n >= 1.96^2 x 0.367 x 0.633 / 0.005^2 = 35,700 draws. Checked at
    # 2 chunks (16,384: the interval 1.48 times too wide, so twice as many next), then at
    # 4 (32,768: 1.04 times, so ceil(4 x 1.04^2) = 5), then at 5 chunks, 40,960: met.
    simulation = document["simulation"]
    assert isinstance(simulation, dict)
    assert simulation["draws"] == 5 * CHUNK and simulation["precision"]["met"] is True


def test_only_the_figures_the_conditions_read_are_held_to_it(invoke: Invoke) -> None:
    # simulate holds every figure to 1%: the remaining gap's tails, near zero, are far from
    # it at 100,000 draws; the check reads two figures that are met long before.
    simulated = bizcase.simulate([SOLO], draws=100_000, precision="1%")[0]
    assert simulated.convergence is not None and not simulated.convergence.met
    document = _json(invoke, SOLO, "-r", "p_payback >= 50%", "-r", "npv_p10 > 0",
                     "--precision", "1%", "--draws", "100000")  # fmt: skip
    simulation = document["simulation"]
    assert isinstance(simulation, dict)
    assert simulation["precision"]["met"] is True
    assert simulation["draws"] < 100_000 and simulation["draws"] % CHUNK == 0


def test_figures_not_met_are_named_after_their_file_and_warned_of(invoke: Invoke) -> None:
    result = invoke(JOINT, SOLO, "-p", "ssdc", "-r", "npv_p50 > 0", "--precision", "£1",
                    "--draws", "20000", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    precision = json.loads(result.stdout)["simulation"]["precision"]
    assert precision["met"] is False
    assert set(precision["outside"]) == {f"{JOINT}: ssdc npv p50", f"{SOLO}: ssdc npv p50"}
    assert result.stderr.startswith("warning: Ran to --draws, 20,000, and 2 figures are still")


def test_the_table_says_how_far_it_went(invoke: Invoke, risky: str) -> None:
    result = invoke(risky, "-r", "p_gap_closed >= 30%", "--precision", "1%", "--draws", "50000")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip().endswith(
        "Stopped at 16,384 draws: every figure the conditions read within ±1% (95% interval)."
    )


def test_junit_properties_give_the_precision_flat(
    invoke: Invoke, risky: str, tmp_path: Path
) -> None:
    junit = tmp_path / "gates.xml"
    result = invoke(risky, "-r", "p_gap_closed >= 30%", "--precision", "1%", "--junit", str(junit))
    assert result.exit_code == 0, result.stderr
    xml = junit.read_text(encoding="utf-8")
    assert '<property name="precision" value="1%" />' in xml
    assert '<property name="precision_met" value="true" />' in xml
    assert '<property name="draws_asked" value="10000" />' in xml


def test_a_bad_precision_is_said_with_the_other_problems_and_nothing_is_written(
    invoke: Invoke, risky: str, tmp_path: Path
) -> None:
    junit = tmp_path / "gates.xml"
    result = invoke(risky, "-r", "bogus > 1", "--precision", "0%", "--junit", str(junit))
    assert result.exit_code == 2
    assert (
        "--precision: 0% is not a precision" in result.stderr
        and "unknown metric 'bogus'" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not junit.exists()


def test_the_api_takes_the_precision_as_the_cli_does(tmp_path: Path) -> None:
    path = write(tmp_path / "risky.yaml", RISKY)
    found = bizcase.check([path], ["p_gap_closed >= 30%"], precision="1%", draws=100_000)
    assert found.simulation is not None and found.simulation["draws"] == 2 * CHUNK
    assert found.to_dict()["simulation"]["precision"]["met"] is True


@pytest.mark.parametrize(
    "metric",
    [name for name, m in gates.METRICS.items() if m.simulated and name not in gates.CHOICE],
)
def test_every_simulated_metric_names_a_figure_the_simulation_has(metric: str) -> None:
    """A name that matched nothing would hold nothing: the run would stop at once."""
    if metric in gates.WITHDRAWAL:
        return
    condition = gates.parse_condition(f"a.{metric} > 0", None)
    (simulation,) = bizcase.simulate([_with_reserves()], draws=1_000)
    names = {figure[0] for figure in simulation_figures(simulation)}
    held = own_figures([condition])
    assert len(held) == 1 and held <= names


def test_every_comparing_metric_names_a_figure_of_the_files_together() -> None:
    conditions = [
        gates.parse_condition(text, "ssdc")
        for text in ("p_best >= 50%", "expected_regret < £1m", "p_beats:solo > 50%")
    ]
    others = {"solo": 1}
    held = compared_figures(conditions, others, 2)
    assert len(held) == 5  # p_best and expected_regret of each file; p_beats of one
    choice = bizcase.choose([JOINT, SOLO], draws=1_000, partner="ssdc")
    names = {figure[0] for figure in choice_figures(choice)}
    assert held <= names
    # p_beats:solo is read for the joint file only (not solo against itself)
    assert "ssdc option 1 vs 2 p_first_higher" in held
    assert "ssdc option 1 vs 2 p_second_higher" not in held


def _with_reserves() -> bizcase.Option:
    """RISKY with reserves, so that `reserves_lowest_*` has figures."""
    reserves = "    budget_gap: £100k\n    reserves: {opening: £1m, minimum: £100k}\n"
    return bizcase.loads(RISKY.replace("    budget_gap: £100k\n", reserves))
