"""Rank correlations between drivers: the Gaussian copula achieves them, the file's rules
refuse what cannot be, and a joint simulation applies one file's to every file. Expected
figures are worked out by hand; statistical tolerances are 4 standard errors."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner, Result

from bizcase.cli import app
from bizcase.model.correlations import matrix_problem, nearest_correlation, pearson
from bizcase.model.scenario import Scenario
from bizcase.risk.chunks import chunk_rng
from bizcase.risk.sampler import draw, risk_model
from tests.conftest import CLEAN_ENV

DRAWS = 40_000


def drivers_file(correlations: dict[str, Any] | None, names: tuple[str, ...]) -> dict[str, Any]:
    """One £100k saving per driver, each change uniform -50%..+50% (so its scale is
    0.5 + its quantile), one year at 0%."""
    data: dict[str, Any] = {
        "name": "Correlated",
        "kind": "solo",
        "start": "2020/21",
        "years": 1,
        "discount_rate": "0%",
        "partners": [{"id": "a", "name": "Council A"}],
        "savings": [
            {
                "name": f"Saving {name}",
                "annual": "£100k",
                "uncertainty": {"low": "-50%", "high": "50%", "distribution": "uniform"},
                "driver": name,
            }
            for name in names
        ],
    }
    if correlations is not None:
        data["correlations"] = correlations
    return data


def ranks(values: Any) -> Any:
    return np.argsort(np.argsort(values))


def spearman(x: Any, y: Any) -> float:
    return float(np.corrcoef(ranks(x), ranks(y))[0, 1])


def test_the_copula_achieves_the_rank_correlations_within_sampling_error() -> None:
    """Spearman's rho has a standard error of at most 1/sqrt(n - 1): 4 SE = 0.02 here."""
    names = ("demand", "procurement", "staffing")
    written = {"staffing": {"procurement": 0.6, "demand": -0.3}}
    scenario = Scenario.model_validate(drivers_file(written, names))
    scale = draw(risk_model(scenario), chunk_rng(5, 0), DRAWS).scale["savings"]
    quantile = scale - 0.5  # each column: that driver's quantile
    tolerance = 4 / math.sqrt(DRAWS - 1)
    assert spearman(quantile[:, 2], quantile[:, 1]) == pytest.approx(0.6, abs=tolerance)
    assert spearman(quantile[:, 2], quantile[:, 0]) == pytest.approx(-0.3, abs=tolerance)
    assert spearman(quantile[:, 1], quantile[:, 0]) == pytest.approx(0.0, abs=tolerance)
    # each driver's quantiles stay uniform: P10 0.1, P90 0.9 (SE 0.0015), mean 0.5
    for column in range(3):
        p10, p90 = np.percentile(quantile[:, column], [10, 90])
        assert (p10, p90) == pytest.approx((0.1, 0.9), abs=0.006)
        assert quantile[:, column].mean() == pytest.approx(0.5, abs=4 / math.sqrt(12 * DRAWS))


def test_without_correlations_the_draws_are_as_before() -> None:
    names = ("demand", "staffing")
    plain = risk_model(Scenario.model_validate(drivers_file(None, names)))
    zero = risk_model(Scenario.model_validate(drivers_file({"demand": {"staffing": 0}}, names)))
    assert plain.copula is None and zero.copula is None
    first = draw(plain, chunk_rng(1, 0), 100).scale["savings"]
    assert np.array_equal(first, draw(zero, chunk_rng(1, 0), 100).scale["savings"])


def test_spearman_to_pearson() -> None:
    """2 sin(pi rho / 6): 0 -> 0, 1 -> 2 sin(pi/6) = 1, 0.5 -> 2 sin(pi/12) = 0.517638."""
    assert (pearson(0.0), pearson(1.0), pearson(-1.0)) == pytest.approx((0.0, 1.0, -1.0))
    assert pearson(0.5) == pytest.approx(0.5176380902, abs=1e-9)


def test_nearest_correlation_matrix_of_highams_example() -> None:
    """Higham (2002), section 4: the nearest correlation matrix to [[1,1,0],[1,1,1],[0,1,1]]
    has 0.7607 and 0.1573 off the diagonal."""
    nearest = nearest_correlation(np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 1.0], [0.0, 1.0, 1.0]]))
    expected = [[1, 0.7607, 0.1573], [0.7607, 1, 0.7607], [0.1573, 0.7607, 1]]
    assert nearest == pytest.approx(np.array(expected), abs=1e-4)


def test_impossible_correlations_name_the_drivers_and_offer_a_valid_matrix() -> None:
    """a and b, a and c move together strongly, b and c strongly apart: no three draws can
    (normal correlations 0.91, 0.91, -0.91: an eigenvalue of 1 - 2 x 0.91 < 0)."""
    pairs = {("a", "b"): 0.9, ("a", "c"): 0.9, ("b", "c"): -0.9, ("c", "d"): 0.2}
    problem = matrix_problem(pairs)
    assert problem is not None
    assert "between a, b and c cannot all hold" in problem
    assert "Higham" in problem
    offered = problem.split("correlations: ", 1)[1]
    values = {
        tuple(sorted((first.strip(" {"), second.split(":")[0].strip(" {}")))): float(
            second.split(":")[1].strip(" }")
        )
        for row in offered[1:-1].split("}, ")
        for first, rest in [row.split(": ", 1)]
        for second in rest.split(", ")
    }
    assert set(values) == {("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")}
    names = ["a", "b", "c", "d"]
    matrix = np.eye(4)
    for (x, y), rho in values.items():
        matrix[names.index(x), names.index(y)] = matrix[names.index(y), names.index(x)] = (
            2 * math.sin(math.pi * rho / 6)
        )
    assert np.linalg.eigvalsh(matrix).min() >= -1e-10  # what is offered can be


def invoke(*args: str) -> Result:
    return CliRunner(env=CLEAN_ENV).invoke(app, list(args))


def test_bad_correlations_in_a_file_exit_2_with_each_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            name: Bad
            kind: solo
            start: 2020/21
            years: 1
            partners: [{id: a, name: Council A}]
            savings:
              - {name: One, annual: £1m, uncertainty: {low: -10%, high: 10%}, driver: staffing}
              - {name: Two, annual: £1m, uncertainty: {low: -10%, high: 10%}, driver: demand}
            correlations:
              staffing: {demand: 0.5, staffing: 0.2, stafing: 0.1}
              demand: {staffing: 0.4}
              pay: {demand: 0.1}
            """
        ),
        encoding="utf-8",
    )
    result = invoke("validate", str(path))
    assert result.exit_code == 2
    for text in (
        "'staffing' is correlated with itself",
        "'stafing' is not a driver of this scenario; did you mean 'staffing'?",
        "demand and staffing are given twice, as 0.5 and 0.4",
        "'pay' is not a driver",
    ):
        assert text in result.stderr, text
    assert "Traceback" not in result.output
    path.write_text(path.read_text("utf-8").replace("0.1}", "1.5}"), "utf-8")
    result = invoke("validate", str(path))
    assert result.exit_code == 2
    assert "correlations.pay.demand: should be less than or equal to 1" in result.stderr


def test_one_files_correlations_apply_to_every_file_in_a_joint_run(tmp_path: Path) -> None:
    """b has savings on drivers s and p, each £100k x (0.5 + quantile). Alone (no
    correlation) its NPV is £100k + £100k x (sum of two uniforms): P10 at s = sqrt(0.2),
    £144.7k. With a's rank correlation of 1 between s and p, the quantiles are equal:
    £100k + £200k x u, P10 £120k."""
    import yaml

    paths = []
    for stem, correlations in (("a", {"s": {"p": 1.0}}), ("b", None)):
        path = tmp_path / f"{stem}.yaml"
        path.write_text(yaml.safe_dump(drivers_file(correlations, ("p", "s"))), "utf-8")
        paths.append(str(path))
    import json

    alone = json.loads(invoke("simulate", paths[1], "-n", "20000", "-f", "json").stdout)
    assert alone["views"]["a"]["npv"]["p10"] == pytest.approx(100_000 + 100_000 * 0.2**0.5,
                                                              abs=1_000)  # fmt: skip
    both = json.loads(invoke("simulate", *paths, "-n", "20000", "-f", "json").stdout)
    b = both["views"]["a"]["options"][1]
    assert b["npv"]["p10"] == pytest.approx(120_000, abs=1_000)
    # the two files are now the same option, draw for draw
    assert both["views"]["a"]["pairs"][0]["difference"]["p90"] == 0.0


def test_two_files_giving_a_pair_differently_is_an_error(tmp_path: Path) -> None:
    import yaml

    paths = []
    for stem, value in (("a", 0.5), ("b", 0.2)):
        path = tmp_path / f"{stem}.yaml"
        path.write_text(yaml.safe_dump(drivers_file({"s": {"p": value}}, ("p", "s"))), "utf-8")
        paths.append(str(path))
    result = invoke("simulate", *paths)
    assert result.exit_code == 2
    assert "s and p are correlated 0.2 here but 0.5 in" in result.stderr
