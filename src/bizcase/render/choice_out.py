"""`simulate` of several options: the table and the JSON of choosing between them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bizcase.render.choice_errors import (
    option_errors,
    option_interval_rows,
    pair_errors,
    pair_interval_rows,
)
from bizcase.render.errors_out import (
    FOOTNOTE,
    INTERVAL_HEADING,
    convergence_line,
    interval_table,
    run_keys,
)
from bizcase.render.json_out import SCHEMA_VERSION, money
from bizcase.render.labels import title_of as view_label
from bizcase.render.money import format_money
from bizcase.render.risk_out import dumps, percent, simulation_view_dict, spread_dict
from bizcase.results.choice import Choice, Pair, ViewChoice

SHOWN = (10, 50, 90)
"""The percentiles the tables show (the JSON has them all)."""


def option_labels(names: Sequence[str], files: Sequence[str]) -> list[str]:
    """Each option's name, with its file where two options share a name (and its place
    where they share that too)."""
    labels = [
        f"{name} ({PurePath(file).name})" if names.count(name) > 1 else name
        for name, file in zip(names, files, strict=True)
    ]
    return [
        f"{label} #{place + 1}" if labels.count(label) > 1 else label
        for place, label in enumerate(labels)
    ]


def lead(choice: Choice) -> str:
    return (
        f"{len(choice.options)} options simulated together, {choice.draws:,} draws, "
        f"seed {choice.seed}, common random numbers for shared drivers"
    )


def pair_label(pair: Pair, labels: Sequence[str]) -> str:
    return f"{labels[pair.first]} vs {labels[pair.second]}"


def option_rows(choice: Choice, view: str, labels: Sequence[str]) -> list[list[str]]:
    """Per option: NPV P10, P50, P90, mean, P(gap closed), P(best), expected regret."""
    compared = choice.views[view]
    rows = []
    for place, simulation in enumerate(choice.options):
        summary = simulation.views[view]
        rows.append(
            [
                labels[place],
                *(format_money(summary.npv.percentiles[p]) for p in SHOWN),
                format_money(summary.npv.mean),
                percent(summary.p_gap_closed),
                percent(compared.p_best[place]),
                format_money(compared.expected_regret[place]),
            ]
        )
    return rows


OPTION_HEADER = (
    "Option",
    *(f"NPV P{p}" for p in SHOWN),
    "NPV mean",
    "P(gap closed)",
    "P(highest NPV)",
    "Expected regret",
)
PAIR_HEADER = (
    "Options",
    "P(first higher)",
    "P(second higher)",
    *(f"Difference P{p}" for p in SHOWN),
)


def pair_rows(compared: ViewChoice, labels: Sequence[str]) -> list[list[str]]:
    return [
        [
            pair_label(pair, labels),
            percent(pair.p_first_higher),
            percent(pair.p_second_higher),
            *(format_money(pair.difference.percentiles[p]) for p in SHOWN),
        ]
        for pair in compared.pairs
    ]


def choice_tables(
    choice: Choice, names: Sequence[str], files: Sequence[str], partners: dict[str, str]
) -> Group:
    labels = option_labels(names, files)
    parts: list[RenderableType] = [
        Text.assemble(("Choosing between options", "bold"), (f"  {lead(choice)}", "dim"))
    ]
    if line := convergence_line(choice.draws, choice.convergence):
        parts.append(Text(line))
    for view, compared in choice.views.items():
        options = _table(view_label(view, partners), OPTION_HEADER)
        for row in option_rows(choice, view, labels):
            options.add_row(*row)
        pairs = _table("", PAIR_HEADER)
        for row in pair_rows(compared, labels):
            pairs.add_row(*row)
        parts += [
            Text(""),
            options,
            interval_table(
                (INTERVAL_HEADING, *OPTION_HEADER[1:]), option_interval_rows(choice, view, labels)
            ),
            pairs,
            interval_table(
                (INTERVAL_HEADING, *PAIR_HEADER[1:]), pair_interval_rows(compared, labels)
            ),
        ]
    parts.append(
        Text(
            "Difference: the first option's NPV minus the second's, draw by draw. Expected "
            "regret: the mean shortfall of the option's NPV against the best option's in "
            "the same draw.",
            style="dim",
        )
    )
    return Group(*parts, Text(FOOTNOTE, style="dim"))


def _table(title: str, header: Sequence[str]) -> Table:
    table = Table(title=title or None, title_justify="left", title_style="bold")
    table.header_style = "bold"
    for number, heading in enumerate(header):
        table.add_column(heading, justify="left" if number == 0 else "right", no_wrap=number > 0)
    return table


def choice_json(choice: Choice, names: Sequence[str], files: Sequence[str]) -> str:
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "draws": choice.draws,
            "seed": choice.seed,
            **run_keys(choice.draws, choice.convergence),
            "options": [
                {"file": file, "name": name} for name, file in zip(names, files, strict=True)
            ],
            "views": {
                view: _view_dict(choice, view, compared, files)
                for view, compared in choice.views.items()
            },
        }
    )


def _view_dict(
    choice: Choice, view: str, compared: ViewChoice, files: Sequence[str]
) -> dict[str, Any]:
    return {
        "options": [
            {
                "file": files[place],
                "p_best": compared.p_best[place],
                "expected_regret": money(compared.expected_regret[place]),
                **simulation_view_dict(simulation.views[view]),
                "standard_errors": option_errors(choice, view, place),
            }
            for place, simulation in enumerate(choice.options)
        ],
        "pairs": [
            {
                "first": files[pair.first],
                "second": files[pair.second],
                "p_first_higher": pair.p_first_higher,
                "p_second_higher": pair.p_second_higher,
                "difference": spread_dict(pair.difference),
                "standard_errors": pair_errors(pair),
            }
            for pair in compared.pairs
        ],
    }
