"""The result contract (schema_version 1) as JSON, keys in the contract's order.

Money is given in pounds rounded to a hundredth of a penny (4 decimals): exact to well
under a penny, free of floating-point noise such as 0.30000000000000004, and partner
figures add up to the total's. Round to pennies only where figures are shown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bizcase.model.units import format_year
from bizcase.results.baseline import difference
from bizcase.results.metrics import CALCULATED, Metric, Unit
from bizcase.results.option import SERIES, TOTALS, OptionResult, View

SCHEMA_VERSION = 1
MONEY_DECIMALS = 4


def money(amount: float) -> float:
    return round(amount, MONEY_DECIMALS) + 0.0


def view_dict(view: View, with_name: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"name": view.name} if with_name else {}
    for key in SERIES:
        out[key] = [money(x) for x in view.series[key]]
    out["reserves"] = None if view.reserves is None else [money(x) for x in view.reserves]
    out["npv"] = money(view.npv)
    out["payback_status"] = view.payback_status
    out["payback_year"] = _year(view.payback_year)
    out["payback_period"] = view.payback_period
    out["gap_status"] = view.gap_status
    out["gap_closed_year"] = _year(view.gap_closed_year)
    out["coverage"] = view.coverage
    out["bcr"] = view.bcr
    out["npv_lower_rate"] = None if view.npv_lower_rate is None else money(view.npv_lower_rate)
    out["economic_npv"] = None if view.economic_npv is None else money(view.economic_npv)
    out["reserves_status"] = view.reserves_status
    out["reserves_opening"] = _money(view.reserves_opening)
    out["reserves_minimum"] = _money(view.reserves_minimum)
    out["reserves_lowest"] = _money(view.reserves_lowest)
    out["reserves_breach_year"] = _year(view.reserves_breach_year)
    for key in TOTALS:
        out[key] = money(view.totals[key])
    return out


def option_dict(option: OptionResult) -> dict[str, Any]:
    return {
        "name": option.name,
        "kind": option.kind,
        "file": option.file,
        "currency": option.currency,
        "years": [format_year(y) for y in option.years],
        "discount_rate": option.discount_rate.contract,
        "discount_factors": option.discount_factors,
        "price_base": _year(option.price_base),
        "price_indices": option.index_factors,
        "deflators": option.deflators,
        "referendum_flags": [
            {"area": area, "year": format_year(year), "increase": money(up), "limit": money(cap)}
            for area, year, up, cap in option.referendum_flags
        ],
        "sunk_costs": money(option.sunk_total),
        "sunk_cost_items": [
            {
                "name": cost.name,
                "amount": money(cost.amount),
                "years": [format_year(y) for y in cost.years],
            }
            for cost in option.sunk_costs
        ],
        "partners": {view.id: {**view_dict(view), **_shape(view)} for view in option.partners},
        "total": view_dict(option.total, with_name=False),
    }


def results_document(
    options: Sequence[OptionResult], baseline: int | None = None
) -> dict[str, Any]:
    if baseline is None:
        return {"schema_version": SCHEMA_VERSION, "options": [option_dict(o) for o in options]}
    base = options[baseline]
    return {
        "schema_version": SCHEMA_VERSION,
        "baseline": base.file,
        "options": [option_dict(o) | {"vs_baseline": vs_baseline(o, base)} for o in options],
    }


def vs_baseline(option: OptionResult, base: OptionResult) -> dict[str, dict[str, Any]]:
    """Each headline figure minus the baseline's, for every view both options have: pounds,
    fractions, years (a number of them), null where either has none."""
    views = [p for p in option.partner_ids if p in base.partner_ids] + ["total"]
    return {
        view: {
            metric.name: _change(metric, difference(metric, option.view(view), base.view(view)))
            for metric in CALCULATED
            if metric.unit is not Unit.status
        }
        for view in views
    }


def _change(metric: Metric, change: float | None) -> float | None:
    if change is None:
        return None
    return money(change) if metric.unit is Unit.money else change


def render_json(options: Sequence[OptionResult], baseline: int | None = None) -> str:
    document = results_document(options, baseline)
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _shape(view: View) -> dict[str, Any]:
    """`from`, `until` and `succeeds`: null unless councils change shape."""
    return {"from": _year(view.from_), "until": _year(view.until), "succeeds": view.succeeds}


def _money(amount: float | None) -> float | None:
    return None if amount is None else money(amount)


def _year(year: int | None) -> str | None:
    return None if year is None else format_year(year)
