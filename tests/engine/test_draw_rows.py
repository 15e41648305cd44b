"""`Draws.rows`: items whose amounts differ by draw (a sweep's combinations), checked
against figures worked by hand and against each draw's scenario compiled on its own."""

from __future__ import annotations

import numpy as np
import pytest

from bizcase.engine.plan import compile_plan, item_row
from bizcase.engine.projection import Draws, project
from bizcase.model.scenario import Scenario, Stream

# Partners a and b, 3 years from 2016/17, no discounting question here.
#   Saving 0: £100k a year, all to a.
#   Saving 1: £40k a year with ramp [50%], split a 25% / b 75% -> 20k, 40k, 40k.
# Total savings by year: 120k, 140k, 140k; a: 105k, 110k, 110k; b: 15k, 30k, 30k.
# Draw with saving 1 at £80k: 40k, 80k, 80k -> total 140k, 180k, 180k;
#   a 100k + 10k/20k/20k = 110k, 120k, 120k; b 30k, 60k, 60k.
DATA = {
    "name": "Rows",
    "start": "2016/17",
    "years": 3,
    "partners": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    "savings": [
        {"name": "S0", "annual": 100_000, "share": "a"},
        {"name": "S1", "annual": 40_000, "ramp": ["50%"], "share": {"a": "25%", "b": "75%"}},
    ],
}


def test_each_draw_takes_its_own_rows_for_the_items_given() -> None:
    scenario = Scenario.model_validate(DATA)
    plan = compile_plan(scenario)
    bigger = Stream.model_validate({**DATA["savings"][1], "annual": 80_000})  # type: ignore[dict-item]
    rows = np.stack([item_row(plan, "savings", 1, s) for s in (scenario.savings[1], bigger)])
    projection = project(plan, Draws(count=2, rows={"savings": ((1,), rows[:, np.newaxis])}))
    savings = projection.savings
    assert savings[0].tolist() == [
        [105_000, 110_000, 110_000],
        [15_000, 30_000, 30_000],
        [120_000, 140_000, 140_000],
    ]
    assert savings[1].tolist() == [
        [110_000, 120_000, 120_000],
        [30_000, 60_000, 60_000],
        [140_000, 180_000, 180_000],
    ]


def test_a_draw_equals_its_scenario_compiled_alone_to_the_bit() -> None:
    rng = np.random.default_rng(7)
    data = {
        **DATA,
        "savings": [
            {"name": f"S{i}", "annual": float(rng.uniform(1e3, 1e7)), "ramp": ["37%"]}
            for i in range(30)
        ],
    }
    plan = compile_plan(Scenario.model_validate(data))
    variants = []
    for amount in rng.uniform(1e3, 1e7, size=20):
        savings = list(data["savings"])
        savings[4] = {"name": "S4", "annual": float(amount), "ramp": ["37%"]}
        variants.append(Scenario.model_validate({**data, "savings": savings}))
    rows = np.stack([item_row(plan, "savings", 4, v.savings[4]) for v in variants])
    batch = project(plan, Draws(count=len(variants), rows={"savings": ((4,), rows[:, None])}))
    for d, variant in enumerate(variants):
        alone = project(compile_plan(variant))
        assert np.array_equal(batch.net[d], alone.net[0])
        assert np.array_equal(batch.npv[d], alone.npv[0])


def test_rows_and_delays_together_are_refused() -> None:
    plan = compile_plan(Scenario.model_validate(DATA))
    rows = np.zeros((1, 1, 9))
    delay = np.zeros((1, 2), dtype=np.int64)
    with pytest.raises(ValueError, match="both slip items and change their rows"):
        project(plan, Draws(count=1, rows={"savings": ((1,), rows)}, delay={"savings": delay}))
