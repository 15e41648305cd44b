"""The report's sensitivity, switching values and simulation section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bizcase.render.money import format_money, format_year
from bizcase.render.report.choice_section import choice_blocks
from bizcase.render.report.document import (
    Block,
    Figure,
    Heading,
    Paragraph,
    Section,
    Table,
    _right,
)
from bizcase.render.report.labels import view_label
from bizcase.results.findings import RiskFindings
from bizcase.results.option import OptionResult
from bizcase.results.sensitivity import SECTION_LABELS, Sensitivity, TornadoRow
from bizcase.results.simulation import Fan

if TYPE_CHECKING:
    from bizcase.results.switching import Switching

SENSITIVITY_ROWS = 6
"""Rows of each tornado shown as a table (the chart shows up to ten)."""


INTRODUCTION = (
    "Sensitivity: each item is moved on its own to the low and high ends of its range "
    "(its stated uncertainty, else 20% either way) and each recurring stream is put "
    "back a year, to show which assumptions the net present value depends on most. "
    "Switching values (HM Treasury Green Book): how far an amount would have to change, "
    "as a percentage of it, before a conclusion changes; each was checked by "
    "recalculating at that value."
)
NO_SIMULATION = (
    "No simulation: the scenario gives no `uncertainty` or `delay` for any "
    "item, so every simulated case would equal the figures above. The "
    "sensitivity and switching values show how far they could move."
)


def _risk_section(
    options: Sequence[OptionResult],
    views: Sequence[str],
    findings: RiskFindings,
    images: dict[str, bytes],
) -> Section:
    blocks: list[Block] = [Paragraph(INTRODUCTION)]
    for number, option in enumerate(options):
        for view_id in views:
            where = f"{option.name}: {view_label(option.view(view_id))}"
            blocks.append(Heading(where))
            blocks += _sensitivity_blocks(findings.sensitivity[number, view_id], where)
            blocks += _figure(images, f"tornado-{number + 1}-{view_id}", "tornado", where)
            blocks += _switching_table(findings.switching[number, view_id], where)
            fan = findings.fans.get((number, view_id))
            if fan is None:
                blocks.append(Paragraph(NO_SIMULATION, style="note"))
                continue
            blocks.append(_fan_paragraph(fan))
            blocks += _figure(images, f"fan-{number + 1}-{view_id}", "fan", where)
    if findings.choice is not None:
        blocks += choice_blocks(options, views, findings.choice)
    return Section("risk", "Sensitivity and switching values", blocks)


def _figure(images: dict[str, bytes], key: str, kind: str, where: str) -> list[Block]:
    """The chart where it was drawn (none without matplotlib)."""
    if key not in images:
        return []
    if kind == "tornado":
        return [
            Figure(
                key,
                f"Sensitivity of NPV (tornado): {where}.",
                f"Tornado chart of the NPV of {where}",
            )
        ]
    return [
        Figure(
            key,
            f"Range of cumulative net across simulated cases: {where}.",
            f"Fan chart of cumulative net for {where}",
        )
    ]


def _item(row: TornadoRow) -> str:
    suffix = "" if row.change == "range" else f" ({row.change})"
    return f"{SECTION_LABELS[row.section]}: {row.item}{suffix}"


def _sensitivity_blocks(result: Sensitivity, where: str) -> list[Block]:
    """The largest swings as a table, led by a sentence on the largest."""
    if not result.rows:
        return [Paragraph("No item changes the net present value.")]
    rows = []
    for row in result.rows[:SENSITIVITY_ROWS]:
        ends = [f"{name}: {format_money(value)}" for name, value in row.ends]
        if len(ends) == 1:
            ends.append("")
        rows.append((_item(row), *ends, format_money(row.swing)))
    top = result.rows[0]
    lead = (
        f"Net present value as written is {format_money(result.base)}. It is "
        f"most sensitive to {SECTION_LABELS[top.section].lower()} "
        f"\u2018{top.item}\u2019"
        + ("" if top.change == "range" else f" ({top.change})")
        + f", which moves it by {format_money(top.swing)}."
    )
    more = len(result.rows) - len(rows)
    title = f"Sensitivity of NPV: {where}" + (
        f" (largest {len(rows)} of {len(result.rows)})" if more else ""
    )
    return [
        Paragraph(lead),
        Table(
            title,
            ("Item", "Low case", "High case", "Swing"),
            tuple(rows),
            ("left", "right", "right", "right"),
        ),
    ]


def _fan_paragraph(fan: Fan) -> Paragraph:
    return Paragraph(
        f"Simulation ({fan.draws:,} cases, seed {fan.seed}): the option pays "
        f"back within the horizon in {fan.p_payback:.0%} of cases; the "
        f"cumulative net in {format_year(fan.years[-1])} is between "
        f"{format_money(fan.percentiles[5][-1])} and "
        f"{format_money(fan.percentiles[95][-1])} in 90% of them "
        f"(median {format_money(fan.percentiles[50][-1])})."
    )


def _switching_table(result: Switching, where: str) -> list[Block]:
    from bizcase.render.risk_out import signed_percent

    if not result.rows:
        return [Paragraph("No switching values: the option has no savings or one-off costs.")]
    first = result.rows[0].values
    header = ("Change in", *[f"{v.becomes[:1].upper()}{v.becomes[1:]} at" for v in first])
    rows = []
    unreachable = False
    for row in result.rows:
        cells = []
        for value in row.values:
            if value.change is None:
                reason = str(value.reason)
                unreachable = unreachable or reason.startswith("not reachable")
                cells.append(reason.split(":")[0])
            else:
                mark = "" if value.verified else " (unverified)"
                cells.append(f"{signed_percent(value.change)}{mark}")
        rows.append((row.subject, *cells))
    now = "; ".join(v.now for v in first)
    explain = f"As written: {now}."
    if unreachable:
        explain += " \u2018Not reachable\u2019: the amount would have to fall below zero."
    return [
        Paragraph(explain, style="small"),
        Table(
            f"Switching values: {where}",
            header,
            tuple(rows),
            ("left", *_right(len(first))),
        ),
    ]
