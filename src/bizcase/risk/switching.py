"""Green Book switching values: how far an amount must change before the decision flips.

Each result is linear in an item's amount (npv, the final year's remaining gap and the
final year's cumulative net all are), so the switching value is solved exactly from two
engine runs, then checked by a third run at that value and a fourth just beyond it.

Every decision about zero uses the engine's one tolerance (`ZERO_TOLERANCE`, a hundredth
of a penny), so a figure `run` counts as zero is zero here too.

- NPV turns negative where npv = 0.
- The gap is closed in the final year while its remaining gap is <= 0 (that is exactly
  when `gap_closed_year` is not null), so it flips where that remaining gap = 0.
- Payback is within the horizon while the final cumulative net is >= 0 (exactly when
  `payback_year` is not null), so it leaves where that cumulative net = 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from bizcase.engine.plan import Plan
from bizcase.engine.projection import NO_GAP, PARTIAL, ZERO_TOLERANCE, Projection
from bizcase.model.scenario import SECTIONS, Scenario
from bizcase.records import frozen
from bizcase.results.sensitivity import SECTION_LABELS
from bizcase.results.switching import TEST_KEYS, Switching, SwitchingRow, SwitchingValue
from bizcase.risk.cases import (
    Case,
    Change,
    case_values,
    final_cumulative_net,
    npv,
    remaining_gap,
    view_index,
)

VERIFY_STEP = 0.001
"""How far beyond a switching value (in fraction of the amount) the flip is confirmed."""
PENNY = 0.01


@frozen
class Test:
    """A decision that can flip: the metric, and whether the current state is 'good'."""

    key: str
    metric: Callable[[Projection, int], NDArray[np.float64]]
    holds: Callable[[float], bool]
    describe_holds: str
    describe_fails: str


TESTS = (
    Test("npv", npv, lambda v: v >= -ZERO_TOLERANCE, "NPV positive", "NPV negative"),
    Test(
        "gap_closed",
        remaining_gap,
        lambda v: v <= ZERO_TOLERANCE,
        "final-year gap closed",
        "final-year gap not closed",
    ),
    Test(
        "payback",
        final_cumulative_net,
        lambda v: v >= -ZERO_TOLERANCE,
        "pays back within the horizon",
        "does not pay back within the horizon",
    ),
)

assert tuple(test.key for test in TESTS) == TEST_KEYS, "results and risk name the tests alike"


@frozen
class Subject:
    """What is changed: one item, or a whole group such as all savings."""

    label: str
    changes: tuple[tuple[str, int], ...]


def subjects(scenario: Scenario) -> list[Subject]:
    """All savings together, then each recurring stream, then all one-off costs."""
    found: list[Subject] = []
    if scenario.savings:
        found.append(
            Subject("All savings", tuple(("savings", i) for i in range(len(scenario.savings))))
        )
    for block in SECTIONS:
        for index, stream in enumerate(scenario.section(block)):
            found.append(Subject(f"{SECTION_LABELS[block]}: {stream.name}", ((block, index),)))
    if scenario.one_off_costs:
        found.append(
            Subject(
                "All one-off costs",
                tuple(("one_off_costs", i) for i in range(len(scenario.one_off_costs))),
            )
        )
    return found


def _case(subject: Subject, scale: float) -> Case:
    return tuple(Change(block, index, scale) for block, index in subject.changes)


def switching_values(scenario: Scenario, plan: Plan, view: str | None = None) -> Switching:
    """Two sets of engine runs (a batch of cases at a time): one for the slope of every test
    against every subject, one to verify each switching value found (at it, and a step
    beyond it)."""
    column = view_index(plan, view)
    found = subjects(scenario)

    def figures(run: Projection) -> NDArray[np.float64]:
        """Each test's figure, then the gap status, a column each."""
        picked = [test.metric(run, column) for test in TESTS]
        return np.column_stack([*picked, run.gap_status[:, column].astype(np.float64)])

    slope_run = case_values(plan, [(), *(_case(s, 2.0) for s in found)], figures)
    no_gap = int(slope_run[0, -1]) in (NO_GAP, PARTIAL)
    solved = [
        _thresholds(test, slope_run[:, k], len(found), no_gap) for k, test in enumerate(TESTS)
    ]
    check_cases: list[Case] = []
    for per_subject in solved:
        for subject, (change, _reason, step) in zip(found, per_subject, strict=True):
            if change is not None:
                beyond = change + step
                check_cases += [_case(subject, 1.0 + change), _case(subject, 1.0 + beyond)]
    check_run = case_values(plan, check_cases, figures) if check_cases else None
    per_subject_values: list[list[SwitchingValue]] = [[] for _ in found]
    position = 0
    for k, (test, per_subject) in enumerate(zip(TESTS, solved, strict=True)):
        holds_now = test.holds(float(slope_run[0, k]))
        now = test.describe_holds if holds_now else test.describe_fails
        becomes = test.describe_fails if holds_now else test.describe_holds
        if test.key == "gap_closed" and no_gap:
            now = becomes = "no gap given"
        for s_index, (change, reason, _step) in enumerate(per_subject):
            verified = False
            if change is not None and check_run is not None:
                values = check_run[:, k]
                at, beyond = float(values[position]), float(values[position + 1])
                position += 2
                verified = abs(at) < PENNY and test.holds(beyond) != holds_now
            per_subject_values[s_index].append(
                SwitchingValue(test.key, now, change, becomes, reason, verified)
            )
    rows = [
        SwitchingRow(subject.label, tuple(values))
        for subject, values in zip(found, per_subject_values, strict=True)
    ]
    return Switching(view or "total", rows)


def _thresholds(
    test: Test, values: NDArray[np.float64], subjects: int, no_gap: bool
) -> list[tuple[float | None, str | None, float]]:
    """For each subject: its switching value (or the reason there is none) and the step
    beyond it at which the flip is confirmed; `values`: the test's figure as written, then
    with each subject doubled."""
    base = float(values[0])
    found: list[tuple[float | None, str | None, float]] = []
    for s_index in range(subjects):
        slope = float(values[1 + s_index]) - base
        if test.key == "gap_closed" and no_gap:
            # no gap given (or only some partners'): there is nothing to close
            found.append((None, "no gap given", VERIFY_STEP))
            continue
        change, reason = _solve(base, slope)
        # Beyond the threshold is the side where the test flips: decided by the slope,
        # not by the sign of the change, which is 0 when the figure is exactly on it.
        good_when_positive = test.key != "gap_closed"
        towards_good = 1.0 if (slope > 0) == good_when_positive else -1.0
        step = VERIFY_STEP * (-towards_good if test.holds(base) else towards_good)
        found.append((change, reason, step))
    return found


def _solve(base: float, slope: float) -> tuple[float | None, str | None]:
    """The change c with base + c x slope = 0, if the amount stays 0 or more there."""
    if abs(slope) < 1e-9:
        return None, "no effect"
    change = -base / slope + 0.0  # never -0.0
    if change < -1.0:
        return None, "not reachable: the amount would be below zero"
    return change, None


def summary(rows: Sequence[SwitchingRow]) -> dict[str, int]:
    """How many switching values were found and verified, for reports."""
    found = sum(1 for row in rows for v in row.values if v.change is not None)
    verified = sum(1 for row in rows for v in row.values if v.verified)
    return {"found": found, "verified": verified}
