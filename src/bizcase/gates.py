"""Gates for CI: conditions such as `npv > 0` or `ssdc.gap_closed_year <= 2019/20`, parsed
and then evaluated against a calculated option (and, for the `p_*` and spread metrics, a
simulation of it).

A condition is `[PARTNER.]METRIC OP VALUE`. VALUE is read in the metric's unit, the way
scenario files are written (`£1.2m`, `80%`, `2019/20`), so a gate reads like the figure it
guards. Pure: no files, no terminal; problems are returned or raised as data.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bizcase.gate_values import GateError, parse_threshold
from bizcase.problems import InputError, Problem
from bizcase.records import frozen
from bizcase.results.metrics import CALCULATED, Metric, Unit, Value

if TYPE_CHECKING:
    from bizcase.results.option import OptionResult, View
    from bizcase.results.simulation import Simulation, Spread, ViewErrors, ViewSummary

TOTAL = "total"
SHAPE = "write it as [PARTNER.]METRIC OP VALUE, such as npv > 0 or ssdc.gap_closed_year <= 2019/20"
FRACTION_DECIMALS = 10
"""Fractions are compared (and reported) to 10 decimals, so float noise such as
0.7000000000000001 never fails `>= 70%`. Money is compared to a hundredth of a penny."""
MONEY_DECIMALS = 4


SPREAD_STATS = ("p5", "p10", "p50", "p90", "p95")


def _metrics() -> dict[str, Metric]:
    """The calculated headline figures, then those of a simulation."""
    found = list(CALCULATED)
    found.append(
        Metric("p_gap_closed", Unit.fraction, "chance the gap is closed by the final year")
    )
    found.append(Metric("p_payback", Unit.fraction, "chance of payback within the horizon"))
    found.append(
        Metric(
            "p_reserves_above_minimum",
            Unit.fraction,
            "chance reserves never end a year below their minimum",
        )
    )
    for base in ("npv", "total_net", "remaining_gap", "reserves_lowest"):
        for stat in (*SPREAD_STATS, "mean"):
            label = "mean" if stat == "mean" else f"{stat[1:]}th percentile"
            found.append(Metric(f"{base}_{stat}", Unit.money, f"{base}, {label} of the draws"))
    found += [
        Metric("p_best", Unit.fraction, "chance the option has the highest NPV of the files"),
        Metric("p_beats", Unit.fraction, "chance its NPV is above OTHER's: p_beats:OTHER"),
        Metric("expected_regret", Unit.money, "mean of the best NPV minus the option's"),
        Metric(
            "withdrawal_cost_increase",
            Unit.fraction,
            "the largest rise in the partner's costs over the horizon if another withdrew",
        ),
    ]
    return {metric.name: metric for metric in found}


METRICS = _metrics()

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_MEANT = {"=": "==", "===": "==", "=>": ">=", "=<": "<=", "<>": "!=", "!": "!=", "!==": "!="}
_MEANT |= {"≥": ">=", "≤": "<=", "≠": "!="}
_OPERATOR = re.compile(r"[<>=!≥≤≠]+")
_LEFT = re.compile(
    r"^(?:(?P<partner>[a-z0-9_-]+)\.)?(?P<metric>[a-z0-9_]+)(?::(?P<other>[a-z0-9_.-]+))?$"
)
CHOICE = ("p_best", "p_beats", "expected_regret")
"""Metrics of several files simulated together (`bizcase.gate_choice`)."""
WITHDRAWAL = ("withdrawal_cost_increase",)
"""Metrics of the option run again without each other partner (`bizcase withdraw`)."""


@frozen
class Condition:
    """One parsed condition. `threshold` is pounds, a fraction or a calendar start year."""

    text: str
    partner: str
    metric: Metric
    operator: str
    threshold: float | int | str
    other: str | None = None
    """`p_beats:OTHER`'s OTHER: the file (its name without .yaml) to beat."""

    @property
    def compares(self) -> bool:
        """Whether it needs the files simulated together (p_best, p_beats, ...)."""
        return self.metric.name in CHOICE

    @property
    def withdraws(self) -> bool:
        """Whether it needs the option without each other partner (no simulation)."""
        return self.metric.name in WITHDRAWAL

    @property
    def simulated(self) -> bool:
        """Whether it needs a simulation (of this file, or of the files together)."""
        return self.metric.simulated and not self.withdraws

    def holds(self, value: Value) -> bool:
        """None (no such year, no gap) fails every comparison but `!=`."""
        if value is None:
            return self.operator == "!="
        if isinstance(value, str) or isinstance(self.threshold, str):
            return (value == self.threshold) == (self.operator == "==")
        return OPERATORS[self.operator](value, self.threshold)


@frozen
class Check:
    """A condition evaluated for one option (file)."""

    file: str
    option: str
    condition: Condition
    value: Value
    passed: bool
    se: float | None = None
    """The standard error of a simulated value (how far more draws could move it); None for
    a figure that is calculated, not simulated."""


def parse_condition(text: str, partner: str | None = None) -> Condition:
    """`[PARTNER.]METRIC OP VALUE`; PARTNER defaults to `partner`, else the total."""
    value, condition = split_condition(text, partner)
    return replace(condition, threshold=parse_threshold(condition.metric, value))


def split_condition(text: str, partner: str | None = None) -> tuple[str, Condition]:
    """The grammar without VALUE's reading, shared with `diff --fail-on` (which reads VALUE
    as a change): VALUE's text, and the condition with no threshold yet."""
    found = _OPERATOR.search(text)
    if found is None:
        raise GateError(f"no comparison operator (<, <=, >, >=, == or !=): {SHAPE}")
    op = found.group()
    if op not in OPERATORS:
        hint = f"; did you mean '{_MEANT[op]}'?" if op in _MEANT else ""
        raise GateError(f"unknown operator '{op}': use <, <=, >, >=, == or !={hint}")
    left = re.sub(r"\s*\.\s*", ".", text[: found.start()].strip()).lower()
    value = text[found.end() :].strip()
    if not left:
        raise GateError(f"no metric before '{op}': {SHAPE}")
    shape = _LEFT.match(left)
    if shape is None:
        raise GateError(f"'{left}' is not [PARTNER.]METRIC: {SHAPE}")
    metric = _metric(shape["metric"])
    other = shape["other"]
    if metric.name == "p_beats" and other is None:
        raise GateError(
            "p_beats needs the option to beat: p_beats:OTHER, OTHER a file's name without "
            ".yaml, such as p_beats:ssdc-solo"
        )
    if other is not None and metric.name != "p_beats":
        raise GateError(f"':{other}' goes with p_beats only, not {metric.name}")
    if not value:
        raise GateError(f"no value after '{op}': {SHAPE}")
    if metric.unit is Unit.status and op not in ("==", "!="):
        raise GateError(f"{metric.name} is a word: compare it with == or !=, not '{op}'")
    left_partner = shape["partner"] or (partner or TOTAL).lower()
    return value, Condition(" ".join(text.split()), left_partner, metric, op, "", other)


def _metric(name: str) -> Metric:
    if name in METRICS:
        return METRICS[name]
    import difflib

    # The closest, and a runner-up only if it is close too (payback: p_payback, payback_year).
    close = difflib.get_close_matches(name, METRICS, n=1)
    close += difflib.get_close_matches(name, METRICS, n=2, cutoff=0.7)
    shown = " or ".join(f"'{match}'" for match in dict.fromkeys(close))
    hint = f"did you mean {shown}?" if close else "see `bizcase check --help` for the metrics"
    raise GateError(f"unknown metric '{name}'; {hint}")


def parse_conditions(
    texts: Sequence[str], partner: str | None = None
) -> tuple[list[Condition], list[Problem]]:
    """Every condition that parses, and a problem for each one that does not."""
    conditions: list[Condition] = []
    problems: list[Problem] = []
    for text in texts:
        try:
            conditions.append(parse_condition(text, partner))
        except GateError as exc:
            problems.append(Problem("--require", f"'{text}': {exc}"))
    return conditions, problems


def unknown_partners(option: OptionResult, conditions: Sequence[Condition]) -> list[Problem]:
    """A problem for each condition naming a partner the option does not have."""
    known = option.partner_ids
    listed = f"{', '.join(known)}; or {TOTAL} for all of them"
    return [
        Problem(
            option.file,
            f"--require '{c.text}': '{c.partner}' is not a partner of this option "
            f"(partners: {listed})",
        )
        for c in conditions
        if c.partner != TOTAL and c.partner not in known
    ]


def simulated_views(conditions: Sequence[Condition]) -> list[str]:
    """The views a simulation must cover, in first-asked order; empty: no simulation."""
    return list(dict.fromkeys(c.partner for c in conditions if c.simulated and not c.compares))


def evaluate(
    option: OptionResult,
    conditions: Sequence[Condition],
    simulation: Simulation | None = None,
    compared: Callable[[Condition], Value] | None = None,
    compared_se: Callable[[Condition], float | None] | None = None,
) -> list[Check]:
    """Each condition's value for `option` and whether it holds.

    Raises InputError for a partner the option does not have, and ValueError when a
    simulated metric is asked for without a simulation covering its view. `compared` reads
    the metrics of several files simulated together (`bizcase.gate_choice`), and
    `compared_se` their standard errors.
    """
    problems = unknown_partners(option, conditions)
    if problems:
        raise InputError(problems)
    checks = []
    for condition in conditions:
        se = None
        if condition.compares or condition.withdraws:
            if compared is None:
                raise ValueError(f"{condition.metric.name} needs more than the option's figures")
            value = compared(condition)
            if condition.compares and compared_se is not None:
                se = _rounded(condition.metric, compared_se(condition))
        else:
            value = metric_value(condition, option.view(condition.partner), simulation)
            if condition.simulated and simulation is not None:
                errors = simulation.views[condition.partner].standard_errors
                found = None if errors is None else _simulated(condition.metric.name, errors)
                se = _rounded(condition.metric, found)
        checks.append(Check(option.file, option.name, condition, value, condition.holds(value), se))
    return checks


def metric_value(condition: Condition, view: View, simulation: Simulation | None) -> Value:
    """The value compared: money to a hundredth of a penny, fractions to 10 decimals."""
    metric = condition.metric
    if metric.simulated:
        if simulation is None or condition.partner not in simulation.views:
            raise ValueError(f"{metric.name} needs a simulation of {condition.partner}")
        raw: Value = _simulated(metric.name, simulation.views[condition.partner])
    else:
        assert metric.read is not None
        raw = metric.read(view)
    if raw is None or metric.unit in (Unit.year, Unit.status):
        return raw
    return _rounded(metric, float(raw))


def _rounded(metric: Metric, value: float | None) -> float | None:
    """Money to a hundredth of a penny, fractions to 10 decimals."""
    if value is None:
        return None
    decimals = MONEY_DECIMALS if metric.unit is Unit.money else FRACTION_DECIMALS
    return round(value, decimals) + 0.0  # + 0.0: no -0.0


def _simulated(name: str, summary: ViewSummary | ViewErrors) -> float | None:
    """A simulated metric of a view's summary, or its standard error from the summary's
    errors (named alike)."""
    if name == "p_gap_closed":
        return summary.p_gap_closed
    if name == "p_payback":
        return summary.p_payback
    if name == "p_reserves_above_minimum":
        return summary.p_reserves_above_minimum
    base, _, stat = name.rpartition("_")
    spread: Spread | None = getattr(summary, base)
    if spread is None:
        return None
    return spread.mean if stat == "mean" else spread.percentiles[int(stat[1:])]
