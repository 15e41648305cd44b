"""`diff --fail-on`: `check`'s grammar, `[PARTNER.]METRIC OP VALUE`, tested on the change
between two versions of a scenario; the run fails when a condition holds.

VALUE is the change in the metric's unit, read as `check` reads it (`-£100k`, `0.1` for a
ratio, `-10%` for coverage: ten percentage points), except that:
- for a metric that is not itself a percentage, a VALUE ending in `%` is the percentage
  change, (new - old) / |old|: `npv < -5%` holds when NPV falls by more than 5% of its
  old value (and never where the old value is 0);
- for `payback_year` and `gap_closed_year` VALUE is a number of years (`> 0`: later). A
  year that stops coming within the horizon is a change of +infinity, one that starts
  coming -infinity, so `payback_year > 0` holds when payback is lost.
Where there is no change to compare (a figure one version lacks) only `!=` holds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from bizcase.gate_values import GateError, parse_threshold
from bizcase.gates import OPERATORS, split_condition
from bizcase.model.units import parse_percent
from bizcase.problems import FieldError, Problem
from bizcase.results.diff import ChangeCheck, FigureChange
from bizcase.results.metrics import Unit

FLAG = "--fail-on"


def parse_fail_on(text: str, partner: str | None) -> ChangeCheck:
    """A condition on the change, not yet tested (`change` None, `held` False)."""
    value, condition = split_condition(text, partner)
    metric = condition.metric
    if metric.simulated:
        raise GateError(f"{metric.name} needs a simulation: diff compares calculated figures")
    if metric.unit is Unit.status:
        raise GateError(f"{metric.name} is a word, with no change to compare: use `check`")
    relative = value.endswith("%") and metric.unit is not Unit.fraction
    try:
        if relative and metric.unit is Unit.year:
            raise GateError(f"{metric.name} changes by a number of years, such as 1, not a %")
        if relative:
            threshold = parse_percent(value, signed=True)
        elif metric.unit in (Unit.year, Unit.years):
            threshold = _years(metric.name, value)
        else:
            threshold = float(parse_threshold(metric, value))
    except FieldError as exc:
        raise GateError(f"{metric.name}: {exc.message}") from None
    return ChangeCheck(
        condition.text,
        condition.partner,
        metric,
        condition.operator,
        threshold,
        relative,
        None,
        False,
    )


def parse_all(texts: Sequence[str], partner: str | None) -> tuple[list[ChangeCheck], list[Problem]]:
    """Every condition that parses, and a problem for each one that does not."""
    found: list[ChangeCheck] = []
    problems: list[Problem] = []
    for text in texts:
        try:
            found.append(parse_fail_on(text, partner))
        except GateError as exc:
            problems.append(Problem(FLAG, f"'{text}': {exc}"))
    return found, problems


_YEARS = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$")


def _years(name: str, value: str) -> float:
    text = re.sub(r"\s*years?$", "", value.strip())
    if not _YEARS.match(text) or abs(float(text)) > 200:
        raise GateError(f"{name}: '{value}' is not a change in years, such as 1 or -0.5")
    return float(text)


def tested(check: ChangeCheck, figure: FigureChange) -> ChangeCheck:
    """`check` with the change it compares and whether it held."""
    change = compared_change(check, figure)
    held = (
        check.operator == "!="
        if change is None
        else OPERATORS[check.operator](change, check.threshold)
    )
    return ChangeCheck(
        check.text, check.partner, check.metric, check.operator, check.threshold,
        check.relative, change, held,
    )  # fmt: skip


def compared_change(check: ChangeCheck, figure: FigureChange) -> float | None:
    if check.relative:
        return figure.percent_change
    if figure.metric.unit is Unit.year and figure.change is None:
        if figure.old is None and figure.new is None:
            return 0.0
        return math.inf if figure.new is None else -math.inf
    return None if figure.change is None else float(figure.change)
