"""Headline figures of two versions of an option set side by side: the change and the
percentage change of each, for the views both versions have."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.appraisal.views import select_views
from bizcase.results.diff import FigureChange, ViewDiff
from bizcase.results.metrics import Metric, Unit, Value, compared
from bizcase.results.option import TOTAL, OptionResult, View

MONEY_DECIMALS, OTHER_DECIMALS = 4, 10
"""As `check` compares: money to a hundredth of a penny, other numbers to 10 decimals, so
float noise never shows as a change."""


def shown_views(old: OptionResult, new: OptionResult, partner: str | None) -> list[str]:
    """`--partner` (in both versions), else each partner both have and the total; the
    total alone stands for one partner where both versions have only that one."""
    if partner is not None:
        return select_views([old, new], partner)
    common = [pid for pid in old.partner_ids if pid in new.partner_ids]
    if len(common) == 1 and len(old.partner_ids) == len(new.partner_ids) == 1:
        return common
    return [*common, TOTAL]


def view_diffs(old: OptionResult, new: OptionResult, view_ids: Sequence[str]) -> list[ViewDiff]:
    pairs = [(old.view(v), new.view(v)) for v in view_ids]
    metrics = compared([view for pair in pairs for view in pair])
    return [
        ViewDiff(after.id, after.name, tuple(figure_change(m, before, after) for m in metrics))
        for before, after in pairs
    ]


def figure_change(metric: Metric, old: View, new: View) -> FigureChange:
    before, after = _read(metric, old), _read(metric, new)
    if before is None or after is None or isinstance(before, str) or isinstance(after, str):
        return FigureChange(metric, before, after, None, None)
    if metric.unit is Unit.year:
        return FigureChange(metric, before, after, int(after) - int(before), None)
    decimals = MONEY_DECIMALS if metric.unit is Unit.money else OTHER_DECIMALS
    change = round(after - before, decimals) + 0.0
    percent = None
    if metric.unit is not Unit.fraction and before != 0:
        percent = round((after - before) / abs(before), OTHER_DECIMALS) + 0.0
    return FigureChange(metric, before, after, change, percent)


def _read(metric: Metric, view: View) -> Value:
    assert metric.read is not None
    value = metric.read(view)
    if value is None or isinstance(value, str) or metric.unit is Unit.year:
        return value
    decimals = MONEY_DECIMALS if metric.unit is Unit.money else OTHER_DECIMALS
    return round(float(value), decimals) + 0.0
