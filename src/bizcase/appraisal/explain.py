"""The trail behind one figure of an option, from the plan it was calculated with."""

from __future__ import annotations

from bizcase.appraisal.option import Option
from bizcase.engine.explain import explain
from bizcase.results.explanation import Explanation


def explanation_of(
    option: Option, metric: str, partner: str | None, year: int | None
) -> Explanation:
    """Raises ExplainError for a metric, partner or year the option does not have."""
    return explain(option.scenario, metric, partner, year, option.plan)
