"""The report's assumptions section: each option's scenario file as written."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.model.scenario import SECTIONS, OneOffCost, Scenario, Stream
from bizcase.render.money import format_money, format_year
from bizcase.render.report.document import Align, Block, Bullets, Heading, Paragraph, Section, Table
from bizcase.render.report.labels import _span
from bizcase.render.statements import sunk_costs_sentence
from bizcase.results.option import OptionResult

SECTION_ITEM_LABELS = {
    "savings": "Saving",
    "income": "Income",
    "costs": "Recurring cost",
    "one_off_costs": "One-off cost",
}


def _amount_text(scenario: Scenario, section: str, index: int) -> tuple[str, str, str]:
    """(amount, timing, share) of an item, as written."""
    if section in SECTIONS:
        stream = scenario.section(section)[index]
        amount = f"{format_money(stream.annual)} a year"
        if stream.uncertainty is not None:
            amount += f" ({_range(stream.uncertainty.bounds)})"
        if stream.confidence < 1:
            amount += f" at {stream.confidence:.0%} confidence"
        start = stream.from_ if stream.from_ is not None else scenario.start
        timing = f"from {format_year(start)}"
        if stream.until is not None:
            timing += f" to {format_year(stream.until)}"
        if stream.ramp:
            timing += "; build-up " + ", ".join(f"{r:.0%}" for r in stream.ramp)
        return amount, timing, stream.share.describe()
    cost = scenario.one_off_costs[index]
    phased = cost.phased()
    if len(phased) == 1:
        timing = f"in {format_year(phased[0][0])}"
    else:
        timing = ", ".join(f"{format_year(y)} {f:.0%}" for y, f in phased)
    amount = format_money(cost.amount)
    if cost.uncertainty is not None:
        amount += f" ({_range(cost.uncertainty.bounds)})"
    return amount, timing, cost.share.describe()


def _range(bounds: tuple[float, float]) -> str:
    from bizcase.render.risk_out import signed_percent

    low, high = (signed_percent(end).replace(".0%", "%") for end in bounds)
    return f"range {low} to {high}"


def _assumptions_section(options: Sequence[OptionResult], scenarios: Sequence[Scenario]) -> Section:
    blocks: list[Block] = [
        Paragraph(
            "The assumptions behind each option, as written in its scenario file: its "
            "description and notes, each partner's budget gap and each item with its timing, "
            "how it is shared between the partners and any note on where it comes from."
        )
    ]
    for option, scenario in zip(options, scenarios, strict=True):
        blocks.append(Heading(option.name))
        if scenario.description:
            blocks.append(Paragraph(" ".join(scenario.description.split())))
        blocks.append(Bullets(tuple(_facts(option, scenario))))
        blocks += _items_table(option, scenario)
    return Section("assumptions", "Assumptions", blocks)


def _facts(option: OptionResult, scenario: Scenario) -> list[str]:
    """The file, years and rate, each partner's gap, the notes and any sunk costs."""
    facts = [
        f"Scenario file: {option.file}",
        f"Years: {_span(option)} ({len(option.years)} years)",
        f"Discount rate: {option.discount_rate.label(len(option.years))}",
    ]
    if option.prices_text:
        facts.append(f"Prices: {option.prices_text}")
    facts += [
        f"{note} Each predecessor's figures from then on are its area's share of the new council's."
        for note in option.shape_notes
    ]
    for partner in scenario.partners:
        gap = option.view(partner.id).series["gap"]
        gap_text = (
            "no budget gap given"
            if all(abs(g) < 0.5 for g in gap)
            else "budget gap "
            + ", ".join(
                f"{format_year(y)} {format_money(g)}" for y, g in _changes(option.years, gap)
            )
        )
        text = f"{partner.name} ({partner.id}): {gap_text}"
        reserves = partner.reserves
        if reserves is not None:
            opening = (
                "reserves carried from its predecessors"
                if reserves.opening is None
                else f"opening reserves {format_money(reserves.opening)}"
            )
            text += f"; {opening} (minimum {format_money(reserves.minimum)})"
        if partner.note:
            text += f". {' '.join(partner.note.split())}"
        facts.append(text)
    facts += [" ".join(note.split()) for note in scenario.notes]
    sunk = sunk_costs_sentence(option)
    if sunk:
        facts.append(sunk)
    return facts


def _items_table(option: OptionResult, scenario: Scenario) -> list[Block]:
    """Every item with its amount, timing and share; a Note column only where one is."""
    rows = []
    for section in (*SECTIONS, "one_off_costs"):
        items: Sequence[Stream | OneOffCost] = (
            scenario.one_off_costs if section == "one_off_costs" else scenario.section(section)
        )
        for index, item in enumerate(items):
            amount, timing, share = _amount_text(scenario, section, index)
            label = f"{SECTION_ITEM_LABELS[section]}: {item.name}"
            rows.append((label, amount, timing, share, " ".join((item.note or "").split())))
    if not rows:
        return []
    width = 5 if any(row[-1] for row in rows) else 4
    align: tuple[Align, ...] = ("left", "right", "left", "left", "left")
    return [
        Table(
            f"Items: {option.name}",
            ("Item", "Amount", "Timing", "Share", "Note")[:width],
            tuple(row[:width] for row in rows),
            align[:width],
        )
    ]


def _changes(years: Sequence[int], values: Sequence[float]) -> list[tuple[int, float]]:
    """The years in which a level series changes, with its new level (the first year too)."""
    out: list[tuple[int, float]] = []
    for year, value in zip(years, values, strict=True):
        if not out or abs(out[-1][1] - value) >= 0.5:
            out.append((year, value))
    return out
