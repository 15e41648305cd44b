"""A sweep's rows as a terminal table, CSV or JSON.

JSON (`schema_version` 1) and CSV give each parameter's value as written on the command line
(text such as "£1.5m", or a number where the text was one) or as a range generated it
(pounds, fractions, plain numbers). JSON money is rounded to a hundredth of a penny as in
`bizcase run --format json`; CSV money to the penny; years as 2016/17; nothing is empty in
CSV and null in JSON.
"""

from __future__ import annotations

import io
import json
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from bizcase.render.json_out import SCHEMA_VERSION, money
from bizcase.render.labels import TOTAL_NAME, title_of
from bizcase.render.money import format_coverage, format_year, format_year_or, pennies
from bizcase.render.tables import money_cell
from bizcase.render.text import CsvWriter
from bizcase.results.sweep import MONEY_KEYS, RESULT_KEYS, YEAR_KEYS, Row, Sweep

STATUS_KEYS = ("payback_status", "gap_status")
"""After the figures of each row: why a year is missing (the engine's words)."""

LABELS = {
    "npv": "NPV",
    "total_net": "Net over the horizon",
    "total_savings": "Savings, total",
    "total_one_off_costs": "One-off costs, total",
    "final_net_recurring": "Net recurring, final year",
    "final_remaining_gap": "Remaining gap, final year",
    "payback_year": "Payback year",
    "gap_closed_year": "Gap closed in",
    "coverage": "Coverage of final-year gap",
    "bcr": "Benefit-cost ratio",
}


# ------------------------------------------------------------------------------------ JSON


def sweep_document(sweep: Sweep) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "file": sweep.file,
        "partner": sweep.partner,
        "parameters": list(sweep.parameters),
        "rows": [
            {
                "values": {
                    name: value.data
                    for name, value in zip(sweep.parameters, row.values, strict=True)
                },
                "results": {
                    **{key: _json_result(key, row.results[key]) for key in RESULT_KEYS},
                    "payback_status": row.payback_status,
                    "gap_status": row.gap_status,
                },
            }
            for row in sweep.rows
        ],
    }


def render_sweep_json(sweep: Sweep) -> str:
    return json.dumps(sweep_document(sweep), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _json_result(key: str, value: float | int | None) -> Any:
    if value is None:
        return None
    if key in YEAR_KEYS:
        return format_year(int(value))
    if key in MONEY_KEYS:
        return money(value)
    return value


# ------------------------------------------------------------------------------------- CSV


def render_sweep_csv(sweep: Sweep) -> str:
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow([*sweep.parameters, *RESULT_KEYS, *STATUS_KEYS])
    for row in sweep.rows:
        writer.writerow(
            [
                *(_csv_value(value.data) for value in row.values),
                *(_csv_result(key, row.results[key]) for key in RESULT_KEYS),
                row.payback_status,
                row.gap_status,
            ]
        )
    return out.getvalue()


def _csv_value(data: Any) -> str:
    if isinstance(data, float):
        return repr(data)
    return str(data)


def _csv_result(key: str, value: float | int | None) -> str:
    if value is None:
        return ""
    if key in YEAR_KEYS:
        return format_year(int(value))
    if key in MONEY_KEYS:
        return _penny_text(value)
    return repr(float(value))


def _penny_text(amount: float) -> str:
    """Pounds to the penny, half a penny away from zero: `1234.50`, `-0.01`."""
    total = pennies(amount)
    sign = "-" if total < 0 else ""
    return f"{sign}{abs(total) // 100}.{abs(total) % 100:02d}"


# ----------------------------------------------------------------------------------- table


def sweep_table(sweep: Sweep) -> Group:
    """Parameters then figures as columns, one row per combination."""
    view = title_of(sweep.partner, {sweep.partner: sweep.partner_name or TOTAL_NAME})
    table = Table(
        title=f"{sweep.option_name}: {view}",
        title_justify="left",
        title_style="bold",
        header_style="bold",
    )
    for name in sweep.parameters:
        table.add_column(name, justify="right", no_wrap=True)
    for key in RESULT_KEYS:
        table.add_column(LABELS[key], justify="right")
    for row in sweep.rows:
        table.add_row(*(Text(value.text) for value in row.values), *_cells(row))
    note = Text(
        f"{len(sweep.rows)} combination{'s' if len(sweep.rows) != 1 else ''} of {sweep.file}. "
        "NPV discounts from the second year on. For figures to the penny use --format csv "
        "or json.",
        style="dim",
    )
    return Group(table, note)


def _cells(row: Row) -> list[Text]:
    cells: list[Text] = []
    for key in RESULT_KEYS:
        value = row.results[key]
        if key in MONEY_KEYS:
            assert value is not None
            cells.append(money_cell(float(value), bold=key == "npv"))
        elif key == "payback_year":
            nothing = row.payback_status == "nothing_to_pay_back"
            cells.append(Text("nothing to pay back" if nothing else format_year_or(_year(value))))
        elif key == "gap_closed_year":
            words = {"no_gap": "no gap given", "partial": "gaps given for some partners"}
            cells.append(Text(words.get(row.gap_status, format_year_or(_year(value)))))
        elif key == "bcr":
            cells.append(Text("nothing spent" if value is None else f"{value:.2f}"))
        else:
            cells.append(Text(format_coverage(None if value is None else float(value))))
    return cells


def _year(value: float | int | None) -> int | None:
    return None if value is None else int(value)
