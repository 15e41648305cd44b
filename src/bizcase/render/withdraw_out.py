"""`withdraw` as a table, markdown, CSV and JSON: for each partner that might leave, what
every other partner's figures become."""

from __future__ import annotations

import io
import json
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from bizcase.render.json_out import SCHEMA_VERSION, money
from bizcase.render.labels import TOTAL_NAME
from bizcase.render.markdown_out import markdown_table
from bizcase.render.money import format_money, format_year
from bizcase.render.text import CsvWriter, md_escape
from bizcase.results.metrics import Value
from bizcase.results.withdrawal import FIGURES, Change, Withdrawal, Withdrawals


def _value(key: str, figures: dict[str, Value]) -> str:
    value = figures[key]
    if key == "payback_year":
        if value is not None:
            return format_year(int(value))
        nothing = figures.get("payback_status") == "nothing_to_pay_back"
        return "nothing to pay back" if nothing else "not within the horizon"
    return "-" if not isinstance(value, float) else format_money(value)


def cell(change: Change, key: str) -> str:
    """`£13,400 → £13,933 (+4.0%)`, or the one value where nothing moves."""
    before, after = _value(key, change.before), _value(key, change.after)
    if before == after:
        return before
    fraction = change.change_fraction(key)
    moved = "" if fraction is None else f" ({fraction * 100:+.1f}%)"
    return f"{before} → {after}{moved}"


def heading(withdrawal: Withdrawal) -> str:
    text = f"If {withdrawal.partner_name} ({withdrawal.partner}) withdrew"
    if withdrawal.dropped:
        text += f"; dropped as wholly its own: {', '.join(withdrawal.dropped)}"
    if withdrawal.notes:
        text += f"; {'; '.join(withdrawal.notes)}"
    return text


def _name(change: Change) -> str:
    return TOTAL_NAME if change.name is None else f"{change.name} ({change.view})"


def withdraw_tables(result: Withdrawals) -> Group:
    span = f"{format_year(result.years[0])} to {format_year(result.years[1])}"
    parts: list[RenderableType] = [
        Text.assemble((result.name, "bold"), (f"  if a partner withdrew, {span}", "dim"))
    ]
    for withdrawal in result.withdrawals:
        table = Table(
            title=heading(withdrawal),
            title_justify="left",
            title_style="bold",
            header_style="bold",
        )
        table.add_column("As written → without it")
        for _, label in FIGURES:
            table.add_column(label, justify="right")
        for change in withdrawal.changes:
            table.add_row(_name(change), *(cell(change, key) for key, _ in FIGURES))
        parts += [Text(""), table]
    parts.append(
        Text(
            "Shares are re-apportioned on the same basis: equal and by-weight shares among "
            "those left, fixed percentages scaled up pro rata. Costs are recurring, one-off "
            "and risk costs over the horizon.",
            style="dim",
        )
    )
    return Group(*parts)


def withdraw_markdown(result: Withdrawals) -> str:
    out = [f"## {md_escape(result.name)}: if a partner withdrew\n"]
    header = ["", *(label for _, label in FIGURES)]
    for withdrawal in result.withdrawals:
        rows = [
            [md_escape(_name(change)), *(cell(change, key) for key, _ in FIGURES)]
            for change in withdrawal.changes
        ]
        out.append(f"### {md_escape(heading(withdrawal))}\n")
        out.append(markdown_table(header, rows, "l" + "r" * len(FIGURES)))
    return "\n".join(out)


def _json_value(key: str, value: Value) -> Any:
    if key == "payback_year":
        return None if value is None else format_year(int(value))
    return money(value) if isinstance(value, float) else value


def withdraw_json(result: Withdrawals) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "name": result.name,
        "file": result.file,
        "withdrawals": [
            {
                "partner": w.partner,
                "name": w.partner_name,
                "dropped": list(w.dropped),
                "notes": list(w.notes),
                "views": {
                    change.view: {
                        key: {
                            "before": _json_value(key, change.before[key]),
                            "after": _json_value(key, change.after[key]),
                            "change": None
                            if (moved := change.change(key)) is None
                            else money(moved),
                            "change_fraction": change.change_fraction(key),
                        }
                        for key, _ in FIGURES
                    }
                    for change in w.changes
                },
            }
            for w in result.withdrawals
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def withdraw_csv(result: Withdrawals) -> str:
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(
        ["option", "file", "withdrawing", "partner", "figure", "before", "after", "change"]
    )
    for w in result.withdrawals:
        for change in w.changes:
            for key, _ in FIGURES:
                moved = change.change(key)
                writer.writerow(
                    [
                        result.name,
                        result.file,
                        w.partner,
                        change.view,
                        key,
                        _csv(key, change.before[key]),
                        _csv(key, change.after[key]),
                        "" if moved is None else f"{moved:.2f}",
                    ]
                )
    return out.getvalue()


def _csv(key: str, value: Value) -> str:
    if value is None:
        return ""
    if key == "payback_year":
        return format_year(int(value))
    return f"{value:.2f}" if isinstance(value, float) else str(value)
