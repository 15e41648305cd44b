"""Standard errors in `simulate` of several options: a `± 95%` table under the options'
table and under the pairs' (same rows and columns), `standard_errors` beside the figures in
JSON (`bizcase.render.errors_out` says why the tables give 1.96 errors)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bizcase.render.errors_out import (
    money_interval,
    points_interval,
    spread_errors,
    view_errors,
)
from bizcase.render.json_out import money
from bizcase.results.choice import Choice, Pair, ViewChoice

SHOWN = (10, 50, 90)


def option_interval_rows(choice: Choice, view: str, labels: Sequence[str]) -> list[list[str]]:
    """Per option, the 95% intervals of the cells of its row (`choice_out.option_rows`)."""
    compared = choice.views[view]
    rows = []
    for place, simulation in enumerate(choice.options):
        summary = simulation.views[view]
        se, chance = summary.npv.se, summary.standard_errors
        assert se is not None and chance is not None
        rows.append(
            [
                labels[place],
                *(money_interval(se.percentiles[p]) for p in SHOWN),
                money_interval(se.mean),
                points_interval(chance.p_gap_closed),
                points_interval(compared.p_best_se[place]),
                money_interval(compared.expected_regret_se[place]),
            ]
        )
    return rows


def pair_interval_rows(compared: ViewChoice, labels: Sequence[str]) -> list[list[str]]:
    rows = []
    for pair in compared.pairs:
        se = pair.difference.se
        assert se is not None
        rows.append(
            [
                f"{labels[pair.first]} vs {labels[pair.second]}",
                points_interval(pair.p_first_higher_se),
                points_interval(pair.p_second_higher_se),
                *(money_interval(se.percentiles[p]) for p in SHOWN),
            ]
        )
    return rows


def option_errors(choice: Choice, view: str, place: int) -> dict[str, Any]:
    """An option entry's `standard_errors`: its own keys, in the entry's order."""
    compared = choice.views[view]
    return {
        "p_best": compared.p_best_se[place],
        "expected_regret": money(compared.expected_regret_se[place]),
        **view_errors(choice.options[place].views[view]),
    }


def pair_errors(pair: Pair) -> dict[str, Any]:
    return {
        "p_first_higher": pair.p_first_higher_se,
        "p_second_higher": pair.p_second_higher_se,
        "difference": spread_errors(pair.difference),
    }
