"""`simulate` of several options as markdown: the same figures and labels as the table."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.render.choice_errors import option_interval_rows, pair_interval_rows
from bizcase.render.choice_out import (
    OPTION_HEADER,
    PAIR_HEADER,
    lead,
    option_labels,
    option_rows,
    pair_rows,
)
from bizcase.render.errors_out import FOOTNOTE, INTERVAL_HEADING, convergence_line
from bizcase.render.labels import title_of as view_label
from bizcase.render.markdown_out import markdown_table
from bizcase.results.choice import Choice


def choice_markdown(
    choice: Choice, names: Sequence[str], files: Sequence[str], partners: dict[str, str]
) -> str:
    labels = option_labels(names, files)
    parts = ["## Choosing between options\n", f"{lead(choice)[0].upper()}{lead(choice)[1:]}.\n"]
    if line := convergence_line(choice.draws, choice.convergence):
        parts.append(line + "\n")
    for view, compared in choice.views.items():
        parts += [
            f"### {view_label(view, partners)}\n",
            markdown_table(
                list(OPTION_HEADER),
                option_rows(choice, view, labels),
                "l" + "r" * (len(OPTION_HEADER) - 1),
            ),
            markdown_table(
                [INTERVAL_HEADING, *OPTION_HEADER[1:]],
                option_interval_rows(choice, view, labels),
                "l" + "r" * (len(OPTION_HEADER) - 1),
            ),
            markdown_table(
                list(PAIR_HEADER),
                pair_rows(compared, labels),
                "l" + "r" * (len(PAIR_HEADER) - 1),
            ),
            markdown_table(
                [INTERVAL_HEADING, *PAIR_HEADER[1:]],
                pair_interval_rows(compared, labels),
                "l" + "r" * (len(PAIR_HEADER) - 1),
            ),
        ]
    parts.append(
        "_Difference: the first option's NPV minus the second's, draw by draw. Expected "
        "regret: the mean shortfall of the option's NPV against the best option's in the "
        "same draw._\n"
    )
    return "\n".join([*parts, f"_{FOOTNOTE}_\n"])
