"""The report's answer to "how sure are we that this option is the better one?": the
options simulated together, on common random numbers, view by view."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.render.money import format_money
from bizcase.render.report.document import Block, Heading, Paragraph, Table, _right
from bizcase.render.report.labels import view_label
from bizcase.results.choice import Choice
from bizcase.results.option import OptionResult

EXPLAIN = (
    "The options were simulated together: in each simulated case every option takes the "
    "same value for each risk they share (the same driver), so the comparison is between "
    "the options, not between their luck. Expected regret is the average amount by which "
    "an option's NPV falls short of the best option's in the same case."
)


def choice_blocks(
    options: Sequence[OptionResult], views: Sequence[str], choice: Choice
) -> list[Block]:
    blocks: list[Block] = [Heading("Choosing between the options"), Paragraph(EXPLAIN)]
    for view_id in views:
        compared = choice.views[view_id]
        where = view_label(options[0].view(view_id))
        best = max(range(len(options)), key=lambda place: compared.p_best[place])
        which = "higher" if len(options) == 2 else "highest"
        blocks.append(
            Paragraph(
                f"In {compared.p_best[best]:.0%} of {choice.draws:,} simulated cases "
                f"{options[best].name} has the {which} NPV for {where}."
            )
        )
        rows = tuple(
            (
                option.name,
                f"{compared.p_best[place]:.0%}",
                format_money(compared.expected_regret[place]),
                *(
                    format_money(choice.options[place].views[view_id].npv.percentiles[p])
                    for p in (10, 50, 90)
                ),
            )
            for place, option in enumerate(options)
        )
        blocks.append(
            Table(
                f"Options simulated together: {where}",
                ("Option", "Highest NPV", "Expected regret", "NPV P10", "NPV P50", "NPV P90"),
                rows,
                ("left", *_right(5)),
            )
        )
    return blocks
