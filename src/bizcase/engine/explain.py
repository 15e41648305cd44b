"""The audit trail of one figure: every stream and cost that feeds it, down to the number.

When a councillor asks "where does that number come from?", each line shows an item's
amount, its ramp, confidence and share, and what it adds; the lines add up to the figure
the engine reports (to float precision: the engine sums the same products in another
order).
"""

from __future__ import annotations

import math

from bizcase.engine.explain_funding import FUNDING_METRICS, funding_trail, funding_value
from bizcase.engine.plan import Plan, compile_plan
from bizcase.engine.projection import project
from bizcase.engine.trail import ItemTrail
from bizcase.model.scenario import Scenario
from bizcase.model.units import format_year
from bizcase.problems import MessageError
from bizcase.results.explanation import Explanation
from bizcase.results.option import PROJECTED, TOTALS

YEARLY = (*PROJECTED, *FUNDING_METRICS)
WHOLE_HORIZON = ("npv", *(key for key in TOTALS if TOTALS[key] in PROJECTED))
METRICS = (*YEARLY, *WHOLE_HORIZON)


class ExplainError(MessageError):
    """The figure asked for does not exist (unknown metric, partner or year)."""


def explain(
    scenario: Scenario, metric: str, view: str | None, year: int | None, plan: Plan | None = None
) -> Explanation:
    """The trail of `metric` for `view` in `year` (None: the whole horizon); `plan` is the
    scenario's compiled plan where the caller has it already."""
    plan = plan or compile_plan(scenario)
    view_id = view or "total"
    ids = [*plan.partner_ids, "total"]
    if metric not in METRICS:
        import difflib

        close = difflib.get_close_matches(metric, METRICS, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise ExplainError(f"unknown metric '{metric}': {hint}one of {', '.join(METRICS)}")
    if view_id not in ids:
        raise ExplainError(
            f"'{view_id}' is not a partner of this option (partners: "
            f"{', '.join(plan.partner_ids)}, or total)"
        )
    if metric in YEARLY:
        if year is None:
            raise ExplainError(f"{metric} is a figure for one year: give --year")
        if year not in plan.calendar_years:
            raise ExplainError(
                f"{format_year(year)} is outside the horizon "
                f"({format_year(plan.start)} to "
                f"{format_year(plan.calendar_years[-1])})"
            )
    elif year is not None:
        raise ExplainError(f"{metric} covers the whole horizon: leave out --year")
    column = ids.index(view_id)
    trail = ItemTrail(scenario, plan, view_id)
    projection = project(plan)
    if metric in FUNDING_METRICS:
        assert year is not None
        try:
            lines, formula, silent = funding_trail(trail, projection, metric, column, year)
        except MessageError as exc:
            raise ExplainError(exc.message) from None
        value = funding_value(projection, metric, column, year - plan.start)
        name = "all partners" if view_id == "total" else plan.partner_names[column]
        return Explanation(metric, view_id, name, year, value, formula, lines, silent)
    lines, formula, silent = trail.metric(metric, year)
    if metric in YEARLY:
        assert year is not None
        value = float(getattr(projection, metric)[0, column, year - plan.start])
    elif metric == "npv":
        value = float(projection.npv[0, column])
    else:
        value = math.fsum(getattr(projection, TOTALS[metric])[0, column])
    name = "all partners" if view_id == "total" else plan.partner_names[column]
    return Explanation(metric, view_id, name, year, value, formula, lines, silent)
