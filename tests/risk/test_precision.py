"""Standard errors of simulated figures, and `--precision`.

The scenario is one year at 0%, two councils sharing a saving of £100k x (1 + u), u uniform
on [-50%, 50%]: council a's NPV is uniform on [£25k, £75k], so its mean's standard error is
(£50k / sqrt(12)) / sqrt(n), its p-th percentile's £50k x sqrt(p (1 - p) / n) (the density
is 1 / £50k), and with a budget gap of £50k the gap is closed in exactly half the cases.
Seeds are fixed, so every check is deterministic; tolerances are stated where used.
"""

from __future__ import annotations

import json
import math
import textwrap
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner, Result

from bizcase.cli import app
from bizcase.engine.plan import compile_plan
from bizcase.io.loader import load_scenario
from bizcase.results.convergence import Precision
from bizcase.risk.chunks import CHUNK
from bizcase.risk.converge import MIN_CHUNKS
from bizcase.risk.sampler import risk_model
from bizcase.risk.simulate import simulate, simulate_precise
from tests.conftest import CLEAN_ENV

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 50_000.0
"""Council a's NPV is uniform on [£25k, £75k]."""


def text(name: str = "Uniform", annual: str = "£100k", gap: str = "£50k") -> str:
    return textwrap.dedent(
        f"""\
        name: {name}
        kind: joint
        start: 2020/21
        years: 1
        discount_rate: 0%
        partners:
          - {{id: a, name: Council A, budget_gap: {gap}}}
          - {{id: b, name: Council B}}
        savings:
          - name: Saving
            annual: {annual}
            uncertainty: {{low: -50%, high: 50%, distribution: uniform}}
            driver: d
        """
    )


@pytest.fixture(scope="module")
def uniform(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("precision") / "uniform.yaml"
    path.write_text(text(), encoding="utf-8")
    return path


def compiled(path: Path):  # type: ignore[no-untyped-def]
    scenario = load_scenario(path).scenario
    return compile_plan(scenario), risk_model(scenario)


def test_standard_errors_match_the_closed_form(uniform: Path) -> None:
    plan, model = compiled(uniform)
    n = 200_000
    a = simulate(plan, model, n, 7, ["a"]).views["a"]
    assert a.npv.se is not None and a.standard_errors is not None
    # The sample sd of a uniform is within 0.5% of sqrt(1/12) at 200,000 draws (4 SEs).
    assert a.npv.se.mean == pytest.approx(WIDTH / math.sqrt(12) / math.sqrt(n), rel=0.005)
    for p in (5, 10, 50, 90, 95):
        q = p / 100
        # The order-statistic interval spans 2 x 1.96 sqrt(n q (1 - q)) ranks, 250 and more
        # here: its width is known to within about 1/sqrt(ranks), so 15% is over 2 SEs.
        expected = WIDTH * math.sqrt(q * (1 - q) / n)
        assert a.npv.se.percentiles[p] == pytest.approx(expected, rel=0.15), p
    # Chances: binomial, exactly sqrt(p (1 - p) / n) of the chance found.
    p = a.p_gap_closed
    assert p == pytest.approx(0.5, abs=4 * 0.5 / math.sqrt(n))
    assert a.standard_errors.p_gap_closed == math.sqrt(p * (1 - p) / n)
    assert a.standard_errors.p_payback == 0.0  # always pays back: no draw disagrees


def test_the_95_percent_interval_covers_the_truth_about_95_percent_of_the_time(
    uniform: Path,
) -> None:
    """300 seeds of 3,000 draws (one chunk each): the share of intervals of 1.96 errors
    that hold the true figure is 95%, with a standard deviation of 1.3 points over 300
    seeds, so 90% to 99% is about 4 of those either side."""
    plan, model = compiled(uniform)
    truth = {"mean": 50_000.0, 10: 30_000.0, 50: 50_000.0, 90: 70_000.0, "p": 0.5}
    hits = dict.fromkeys(truth, 0)
    seeds = 300
    for seed in range(seeds):
        a = simulate(plan, model, 3_000, seed, ["a"]).views["a"]
        se, errors = a.npv.se, a.standard_errors
        assert se is not None and errors is not None
        found = {
            "mean": (a.npv.mean, se.mean),
            10: (a.npv.p10, se.percentiles[10]),
            50: (a.npv.p50, se.percentiles[50]),
            90: (a.npv.p90, se.percentiles[90]),
            "p": (a.p_gap_closed, errors.p_gap_closed),
        }
        for key, (value, error) in found.items():
            hits[key] += abs(value - truth[key]) <= 1.96 * error
    coverage = {key: count / seeds for key, count in hits.items()}
    assert all(0.90 <= c <= 0.99 for c in coverage.values()), coverage


def test_a_loose_precision_stops_at_the_first_check(tmp_path: Path) -> None:
    """With a gap of £10k, a's remaining gap is £10k - NPV, never near 0 (a figure near 0
    cannot be known to a percentage of itself: `test_near_zero`)."""
    path = tmp_path / "far.yaml"
    path.write_text(text(gap="£10k"), encoding="utf-8")
    plan, model = compiled(path)
    found = simulate_precise(plan, model, 1_000_000, 3, ["a"], Precision("5%", fraction=0.05))
    assert found.draws == MIN_CHUNKS * CHUNK
    assert found.convergence is not None and found.convergence.met
    assert found.draws_asked == 1_000_000


def test_near_zero_a_percentage_of_the_figure_is_not_met(uniform: Path) -> None:
    """With a gap of £50k, a's median remaining gap is about 0: no number of draws knows it
    to 5% of itself, and the run says so, naming it."""
    plan, model = compiled(uniform)
    found = simulate_precise(plan, model, 4 * CHUNK, 3, ["a"], Precision("5%", fraction=0.05))
    assert found.convergence is not None
    assert found.draws == 4 * CHUNK and "a remaining_gap p50" in found.convergence.outside


def test_an_impossible_precision_runs_to_draws_and_says_what_is_outside(uniform: Path) -> None:
    plan, model = compiled(uniform)
    tiny = Precision("£1", money=1.0)
    found = simulate_precise(plan, model, 5 * CHUNK + 123, 3, ["a", "total"], tiny)
    assert found.draws == 5 * CHUNK + 123  # the last chunk part-filled, as --draws says
    assert found.convergence is not None and not found.convergence.met
    assert "a npv p50" in found.convergence.outside
    # Chances are not held to an amount of money.
    assert not any("p_" in label for label in found.convergence.outside)
    fixed = simulate(plan, model, 5 * CHUNK + 123, 3, ["a", "total"])
    assert found.views == fixed.views


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_stopped_early_is_the_fixed_run_of_as_many_draws(uniform: Path, jobs: int) -> None:
    """£250 needs about (1.96 x £25k / £250)^2 = 38,000 draws for the median: more than the
    first check, less than asked; the figures are those of the first chunks of any run."""
    plan, model = compiled(uniform)
    views = ["a", "b", "total"]
    found = simulate_precise(plan, model, 500_000, 11, views, Precision("£250", money=250.0), jobs)
    assert MIN_CHUNKS * CHUNK < found.draws < 500_000
    assert found.draws % CHUNK == 0
    assert found.convergence is not None and found.convergence.met
    fixed = simulate(plan, model, found.draws, 11, views, jobs=3 - jobs)
    assert found.views == fixed.views
    # And the figures are within the precision asked: 1.96 errors of the median <= £250.
    se = found.views["a"].npv.se
    assert se is not None and 1.96 * se.percentiles[50] <= 250


def invoke(*args: str) -> Result:
    return CliRunner(env=CLEAN_ENV).invoke(app, list(args))


def test_cli_precision_json_and_table(uniform: Path) -> None:
    args = ("simulate", str(uniform), "--draws", "400000", "--seed", "11")
    precise = invoke(*args, "--precision", "£250", "--format", "json")
    assert precise.exit_code == 0, precise.output
    document = json.loads(precise.stdout)
    assert document["draws_asked"] == 400_000
    assert document["precision"] == {
        "asked": "£250",
        "fraction": None,
        "money": 250.0,
        "met": True,
        "outside": [],
    }
    used = document["draws"]
    fixed = json.loads(
        invoke(
            "simulate", str(uniform), "--draws", str(used), "--seed", "11", "--format", "json"
        ).stdout
    )
    assert fixed["precision"] is None and fixed["draws_asked"] == used
    assert fixed["views"] == document["views"]
    table = invoke(*args, "--precision", "£250")
    assert f"Stopped at {used:,} draws: every money figure within ±£250" in table.stdout


@pytest.mark.parametrize("value", ["0%", "-1%", "150%", "£0", "abc", "1e"])
def test_a_bad_precision_exits_2_with_a_message(uniform: Path, value: str) -> None:
    result = invoke("simulate", str(uniform), f"--precision={value}")
    assert result.exit_code == 2
    assert "--precision" in result.stderr
    assert result.stdout == ""


def test_precision_needs_the_draws_in_memory() -> None:
    file = str(ROOT / "scenarios" / "uncertain" / "joint.yaml")
    result = invoke("simulate", file, "--draws", "50000000", "--precision", "1%")
    assert result.exit_code == 2
    assert "--precision keeps every draw" in result.stderr


def test_several_files_stop_together_as_a_fixed_run(tmp_path: Path) -> None:
    files = []
    for name, annual in (("big", "£100k"), ("small", "£80k")):
        path = tmp_path / f"{name}.yaml"
        path.write_text(text(name, annual), encoding="utf-8")
        files.append(str(path))
    args = ("simulate", *files, "--draws", "300000", "--seed", "2", "--format", "json")
    precise = json.loads(invoke(*args, "--precision", "£400").stdout)
    assert precise["precision"]["met"] is True
    used = precise["draws"]
    assert MIN_CHUNKS * CHUNK <= used < 300_000 and used % CHUNK == 0
    fixed = json.loads(
        invoke("simulate", *files, "--draws", str(used), "--seed", "2", "--format", "json").stdout
    )
    assert fixed["views"] == precise["views"]
    option = precise["views"]["a"]["options"][0]
    assert set(option["standard_errors"]) >= {"p_best", "expected_regret", "npv"}
    pair = precise["views"]["a"]["pairs"][0]
    # The same driver: big - small = £10k x u' ... both move together, the difference has
    # an error too, and both chances' errors are binomial.
    p = pair["p_first_higher"]
    assert pair["standard_errors"]["p_first_higher"] == pytest.approx(math.sqrt(p * (1 - p) / used))
    assert np.isfinite(pair["standard_errors"]["difference"]["p50"])


def test_the_checks_fall_where_the_rule_says() -> None:
    """A figure whose error falls as 1 / sqrt(chunks), met from 10 chunks: checked at 2
    (the first check), 4 and 8 (at most doubling), then 10 (where its error says), and
    stopped there."""
    from bizcase.results.convergence import Z95
    from bizcase.risk.converge import converge

    ran: list[tuple[int, int]] = []

    def run_to(first: int, up_to: int) -> None:
        ran.append((first, up_to))

    def result() -> int:
        return ran[-1][1]

    def figures(chunks: int):  # type: ignore[no-untyped-def]
        yield "x", 0.0, 1 / math.sqrt(chunks), True

    precision = Precision("£", money=Z95 / math.sqrt(10) * (1 + 1e-12))
    chunks, convergence = converge(100 * CHUNK, precision, run_to, result, figures)
    assert ran == [(0, 2), (2, 4), (4, 8), (8, 10)]
    assert chunks == 10 and convergence.met


def test_more_draws_than_precision_can_hold_says_how_many_it_can(uniform: Path) -> None:
    # EXACT_IN_MEMORY 12,000,000 values / (1 view x 3 figures: npv, net, remaining gap)
    args = ("--precision", "1%", "--draws", "5000000", "--partner", "a")
    result = invoke("simulate", str(uniform), *args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "at most 4,000,000 draws for 1 view; give --draws 4,000,000 or fewer" in result.stderr


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("0.01", "0.01 could be a percentage or money: write 1% or £0.01"),
        ("2", "2 could be a percentage or money: write 2% or £2"),
    ],
)
def test_a_bare_number_is_neither_guessed_a_percentage_nor_money(
    uniform: Path, given: str, said: str
) -> None:
    result = invoke("simulate", str(uniform), "--precision", given, "--draws", "1000")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"--precision: {said}" in result.stderr
    assert result.stdout == ""  # nothing calculated
    # written either way, it runs
    for written in ("1%", "£2", "2k"):
        ran = invoke("simulate", str(uniform), "--precision", written, "--draws", "1000")
        assert ran.exit_code == 0, ran.stderr
