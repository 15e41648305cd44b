"""`diff --format json`: the change as data, keys always in the same order (docs/format.md)."""

from __future__ import annotations

import json
import math
from typing import Any

from bizcase.render.gates_out import json_value
from bizcase.render.json_out import SCHEMA_VERSION, money
from bizcase.results.diff import ChangeCheck, Diff, FigureChange
from bizcase.results.metrics import Metric, Unit


def diff_document(diff: Diff) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "old": {"source": diff.old.source, "name": diff.old.name},
        "new": {"source": diff.new.source, "name": diff.new.name},
        "inputs": [
            {"path": c.path, "change": c.kind, "old": c.old, "new": c.new} for c in diff.inputs
        ],
        "views": {
            view.id: {
                "name": view.name,
                "figures": {f.metric.name: _figure(f) for f in view.figures},
            }
            for view in diff.views
        },
        "fail_on": {
            "failed": diff.failed,
            "conditions": [_check(check) for check in diff.checks],
        },
    }


def render_diff_json(diff: Diff) -> str:
    return json.dumps(diff_document(diff), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _figure(figure: FigureChange) -> dict[str, Any]:
    metric = figure.metric
    return {
        "old": json_value(metric, figure.old),
        "new": json_value(metric, figure.new),
        "change": _change(metric, figure.change),
        "percent_change": figure.percent_change,
    }


def _change(metric: Metric, change: float | int | None) -> float | int | None:
    """Money in pounds, a year's move in whole years, others as numbers; null for none
    (and for a year that starts or stops coming within the horizon)."""
    if change is None or not math.isfinite(change):
        return None
    if metric.unit is Unit.year:
        return int(change)
    return money(change) if metric.unit is Unit.money else float(change)


def _check(check: ChangeCheck) -> dict[str, Any]:
    unit_of = check.metric if not check.relative else None
    return {
        "condition": check.text,
        "partner": check.partner,
        "metric": check.metric.name,
        "operator": check.operator,
        "threshold": check.threshold if unit_of is None else _change(unit_of, check.threshold),
        "relative": check.relative,
        "change": check.change if unit_of is None else _change(unit_of, check.change),
        "held": check.held,
    }
