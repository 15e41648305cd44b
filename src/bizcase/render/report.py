"""The financial section of a committee report, as a self-contained HTML page or Markdown.

The report is built once as a small document (sections of headings, paragraphs, tables and
figures) from the options' results and, unless asked not to, their sensitivity, switching
values and simulation; the HTML and Markdown renderers only lay that document out. So both
formats say the same thing, and every figure in the words comes from the same numbers as
the tables (`bizcase run` and `compare`).

Text from scenario files (names, descriptions, notes) is escaped for the format: a name
such as `North & West <draft>` prints as written.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Literal

from bizcase import __version__
from bizcase.engine.result import OptionResult, View
from bizcase.model.scenario import SECTIONS, OneOffCost, Scenario, Stream
from bizcase.render.markdown_out import markdown_table
from bizcase.render.money import format_money, format_year, format_year_or
from bizcase.render.tables import views_to_compare

if TYPE_CHECKING:
    from bizcase.io.options import Evaluated
    from bizcase.render.charts import Fan
    from bizcase.risk.sensitivity import Sensitivity
    from bizcase.risk.switching import Switching

FAN_DRAWS = 2000
"""Simulated cases behind a report's fan chart: enough for smooth 5% and 95% bands."""
SENSITIVITY_ROWS = 6
"""Rows of each tornado shown as a table (the chart shows up to ten)."""
KIND_LABELS = {
    "solo": "Solo",
    "joint": "Joint",
    "alliance": "Alliance",
    "shared_service": "Shared service",
    "other": "Other",
}
SECTION_ITEM_LABELS = {
    "savings": "Saving",
    "income": "Income",
    "costs": "Recurring cost",
    "one_off_costs": "One-off cost",
}
BY_YEAR_ROWS = (
    ("savings", "Savings"),
    ("net_recurring", "Net recurring saving"),
    ("gap", "Budget gap"),
    ("remaining_gap", "Remaining gap"),
    ("one_off_costs", "One-off costs"),
    ("net", "Net (cash)"),
    ("cumulative_net", "Cumulative net"),
)
NO_CHARTS = (
    "Charts are not included: matplotlib is not installed (install bizcase[report] to add them)."
)

# --- the document ---------------------------------------------------------------------------

Align = Literal["left", "right"]


def _right(count: int) -> list[Align]:
    return ["right"] * count


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str | None = None
    """Bold words that start the paragraph."""
    style: Literal["normal", "note", "small"] = "normal"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[Align, ...]
    bold_rows: frozenset[int] = frozenset()
    group_rows: frozenset[int] = frozenset()
    """Rows that start a new group (a rule above them)."""


@dataclass(frozen=True)
class Figure:
    key: str
    """The chart's name in `Report.images` (and in the PNG file names of a Markdown report)."""
    caption: str
    alt: str


@dataclass(frozen=True)
class Heading:
    text: str


Block = Paragraph | Bullets | Table | Figure | Heading


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: list[Block]


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]
    images: dict[str, bytes] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RiskFindings:
    """Sensitivity (NPV), switching values and, where a scenario has uncertainties, the
    simulated fan of cumulative net: per (option number, view id)."""

    sensitivity: dict[tuple[int, str], Sensitivity]
    switching: dict[tuple[int, str], Switching]
    fans: dict[tuple[int, str], Fan]
    draws: int
    seed: int


# --- views ----------------------------------------------------------------------------------


def view_label(view: View) -> str:
    return "all partners together" if view.name is None else view.name


def view_heading(view: View) -> str:
    return "Total, all partners" if view.name is None else f"{view.name} ({view.id})"


# --- gathering ------------------------------------------------------------------------------


def run_risk(
    evaluated: Sequence[Evaluated], views: Sequence[str], draws: int = FAN_DRAWS, seed: int = 0
) -> RiskFindings:
    """Sensitivity of NPV and switching values for each option and view; a fan of
    cumulative net where the scenario has uncertainties to simulate."""
    from bizcase.engine.plan import compile_plan
    from bizcase.render.charts import cumulative_fan
    from bizcase.risk.sampler import risk_model
    from bizcase.risk.sensitivity import sensitivity
    from bizcase.risk.switching import switching_values

    found_sensitivity: dict[tuple[int, str], Sensitivity] = {}
    found_switching: dict[tuple[int, str], Switching] = {}
    fans: dict[tuple[int, str], Fan] = {}
    for number, item in enumerate(evaluated):
        scenario = item.loaded.scenario
        plan = compile_plan(scenario)
        model = risk_model(scenario)
        for view in views:
            view_arg = None if view == "total" else view
            found_sensitivity[number, view] = sensitivity(scenario, plan, "npv", view_arg)
            found_switching[number, view] = switching_values(scenario, plan, view_arg)
            if not model.is_certain:
                fans[number, view] = cumulative_fan(plan, model, draws, seed, view)
    return RiskFindings(found_sensitivity, found_switching, fans, draws, seed)


def build_report(
    evaluated: Sequence[Evaluated],
    partner: str | None = None,
    *,
    risk: bool = True,
    charts: bool = True,
    draws: int = FAN_DRAWS,
    seed: int = 0,
) -> Report:
    """Everything the report says, with its charts as PNG bytes (none when matplotlib is
    missing or `charts` is false; the report then says so)."""
    from bizcase.render.charts import charts_available

    options = [item.result for item in evaluated]
    scenarios = [item.loaded.scenario for item in evaluated]
    views = views_to_compare(options, partner)
    findings = run_risk(evaluated, views, draws, seed) if risk else None
    notices: list[str] = []
    images: dict[str, bytes] = {}
    if charts and charts_available():
        images = _charts(options, views, findings)
    elif charts:
        notices.append(NO_CHARTS)
    names = ", ".join(option.name for option in options)
    report = Report(
        title="Financial appraisal of the options",
        subtitle=f"{len(options)} option{'s' if len(options) != 1 else ''} considered: {names}",
        sections=[],
        images=images,
        notices=notices,
        files=[option.file for option in options],
    )
    report.sections += [
        _options_section(options, scenarios),
        _implications_section(options, views),
        _comparison_section(options, views, images),
    ]
    if findings is not None:
        report.sections.append(_risk_section(options, views, findings, images))
    report.sections.append(_assumptions_section(options, scenarios))
    return report


def _charts(
    options: Sequence[OptionResult], views: Sequence[str], findings: RiskFindings | None
) -> dict[str, bytes]:
    from bizcase.render.charts import fan_chart, overview_chart, tornado_chart

    images = {f"overview-{view}": overview_chart(options, [view]) for view in views}
    if findings is None:
        return images
    for (number, view), result in findings.sensitivity.items():
        title = f"{options[number].name}: {view_label(options[number].view(view))}"
        images[f"tornado-{number + 1}-{view}"] = tornado_chart([(title, result)])
    for (number, view), fan in findings.fans.items():
        title = f"{options[number].name}: {view_label(options[number].view(view))}"
        images[f"fan-{number + 1}-{view}"] = fan_chart([(title, fan)])
    return images


# --- sections -------------------------------------------------------------------------------


def _span(option: OptionResult) -> str:
    return f"{format_year(option.years[0])} to {format_year(option.years[-1])}"


def _options_section(options: Sequence[OptionResult], scenarios: Sequence[Scenario]) -> Section:
    from bizcase.render.tables import like_for_like_note

    rows = []
    for option, scenario in zip(options, scenarios, strict=True):
        partners = "; ".join(p.name for p in scenario.partners)
        rows.append(
            (
                option.name,
                KIND_LABELS.get(option.kind, option.kind),
                f"{_span(option)} ({len(option.years)} years)",
                partners,
                " ".join((option.description or "").split()),
            )
        )
    blocks: list[Block] = [
        Paragraph(
            "Each option below was calculated from its own scenario file, with the same "
            "method: recurring savings and income less recurring costs, one-off costs in the "
            "years they fall, each partner's share of every figure, and the budget gap left."
        ),
        Table(
            "Options considered",
            ("Option", "Type", "Years", "Partners", "Description"),
            tuple(rows),
            ("left", "left", "left", "left", "left"),
        ),
    ]
    note = like_for_like_note(options)
    if note:
        blocks.append(Paragraph(note, lead="Note:", style="note"))
    return Section("options", "Options considered", blocks)


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}"


def one_off_phrase(option: OptionResult, view: View) -> str:
    """`its one-off costs of £1.20m (48% of £2.50m, shared 48/52 with Sedgemoor District
    Council)`, or what stands in for it."""
    own = view.totals["total_one_off_costs"]
    whole = option.total.totals["total_one_off_costs"]
    if whole < 0.5:
        return "it has no one-off costs"
    if view.id == "total" or len(option.partners) == 1:
        return f"its one-off costs of {format_money(whole)}"
    if own < 0.5:
        return f"it bears none of the option's one-off costs of {format_money(whole)}"
    others = [p for p in option.partners if p.id != view.id]
    if len(option.partners) <= 3:
        split = "/".join(_percent(p.totals["total_one_off_costs"] / whole) for p in [view, *others])
        names = " and ".join(p.name or p.id for p in others)
        shared = f"shared {split} with {names}"
    else:
        shared = f"shared with {len(others)} other partners"
    return (
        f"its one-off costs of {format_money(own)} "
        f"({_percent(own / whole)}% of {format_money(whole)}, {shared})"
    )


def implication_sentences(option: OptionResult, view: View) -> list[str]:
    """The financial implications of one option for one partner (or all), in words."""
    who = view_label(view)
    last = format_year(option.years[-1])
    net = view.last("net_recurring")
    if net >= 0.5:
        gives = f"gives {who} {format_money(net)} a year by {last}"
    elif net <= -0.5:
        gives = f"costs {who} {format_money(-net)} a year by {last}"
    else:
        gives = f"gives {who} no recurring saving by {last}"
    gap = view.last("gap")
    remaining = view.last("remaining_gap")
    if gap >= 0.5:
        against = "a combined budget gap" if view.id == "total" else "a budget gap"
        if remaining >= 0.5:
            gap_text = (
                f" against {against} of {format_money(gap)}, leaving {format_money(remaining)}"
            )
        else:
            spare = (
                f", with {format_money(-remaining)} a year to spare" if remaining <= -0.5 else ""
            )
            gap_text = (
                f" against {against} of {format_money(gap)}, closing it from "
                f"{format_year_or(view.gap_closed_year)}{spare}"
            )
    else:
        gap_text = " (no budget gap is given)"
    one_off = one_off_phrase(option, view)
    cumulative = view.last("cumulative_net")
    if option.total.totals["total_one_off_costs"] < 0.5 or one_off.startswith("it bears none"):
        if view.payback_year is None:
            payback = f"{one_off}, and its cumulative net is {format_money(cumulative)} by {last}"
        else:
            payback = one_off
    elif view.payback_year is None:
        payback = (
            f"{one_off} are not paid back within the horizon: the cumulative net is "
            f"{format_money(cumulative)} in {last}"
        )
    elif min(view.series["cumulative_net"]) >= -0.5:
        payback = f"{one_off} are met as they fall: its cumulative net is never below zero"
    else:
        payback = f"{one_off} are paid back by {format_year(view.payback_year)}"
    first = f"The {option.name} option {gives}{gap_text}; {payback}."
    second = (
        f"Over the {len(option.years)} years to {last} its net (cash) is "
        f"{format_money(view.totals['total_net'])} and its net present value "
        f"{format_money(view.npv)} ({_discount_text(option.discount_rate)})."
    )
    return [first, second]


def _discount_text(rate: float | str) -> str:
    if rate == "green_book":
        return "discounted at the Green Book's 3.5%"
    assert isinstance(rate, float)
    return f"discounted at {rate:.2%}".replace(".00%", "%")


def _implications_section(options: Sequence[OptionResult], views: Sequence[str]) -> Section:
    blocks: list[Block] = []
    for view_id in views:
        if len(views) > 1 or view_id != "total":
            blocks.append(Heading(f"For {view_heading(options[0].view(view_id))}"))
        for option in options:
            view = option.view(view_id)
            blocks.append(Paragraph(" ".join(implication_sentences(option, view))))
        best = _best(options, view_id)
        if best:
            blocks.append(Paragraph(best, style="note"))
    blocks.append(
        Paragraph(
            "Money is in pounds at the prices written in the scenarios; negative figures are in "
            "brackets. Net present value does not discount the first year, as in the Green "
            "Book; Excel's NPV() discounts it too, so its figure is this one divided by "
            "(1 + rate).",
            style="small",
        )
    )
    return Section("implications", "Financial implications", blocks)


def _best(options: Sequence[OptionResult], view_id: str) -> str | None:
    """Which option closes the final year's gap, where options differ on that."""
    if len(options) < 2:
        return None
    views = [option.view(view_id) for option in options]
    if all(v.last("gap") < 0.5 for v in views):
        return None
    closing = [o.name for o, v in zip(options, views, strict=True) if v.last("remaining_gap") < 0.5]
    who = view_label(views[0])
    if not closing:
        return f"None of the options closes the budget gap of {who} by its final year."
    if len(closing) == len(options):
        return f"Every option closes the budget gap of {who} by its final year."
    listed = " and ".join(closing)
    verb = "closes" if len(closing) == 1 else "close"
    return f"Only {listed} {verb} the budget gap of {who} by the final year."


def _comparison_section(
    options: Sequence[OptionResult], views: Sequence[str], images: dict[str, bytes]
) -> Section:
    from bizcase.render.tables import COMPARE_ROWS, compare_cells

    blocks: list[Block] = []
    for view_id in views:
        heading = view_heading(options[0].view(view_id))
        blocks.append(Heading(heading))
        columns = [
            [cell.plain for cell in compare_cells(option, option.view(view_id))]
            for option in options
        ]
        rows = tuple(
            (label, *[cells[row] for cells in columns]) for row, label in enumerate(COMPARE_ROWS)
        )
        header = ("", *[f"{o.name} ({KIND_LABELS.get(o.kind, o.kind).lower()})" for o in options])
        blocks.append(
            Table(
                f"Comparison of options: {heading}",
                header,
                rows,
                ("left", *_right(len(options))),
                bold_rows=frozenset({4, 7}),
            )
        )
        key = f"overview-{view_id}"
        if key in images:
            blocks.append(
                Figure(
                    key,
                    f"Net recurring saving against the budget gap, and cumulative net with the "
                    f"year each option pays back: {heading}.",
                    f"Charts for {heading}: net recurring saving of each option by year against "
                    "the budget gap, and cumulative net by year",
                )
            )
        blocks.append(_by_year_table(options, view_id, heading))
    return Section("comparison", "Comparison of options", blocks)


def _by_year_table(options: Sequence[OptionResult], view_id: str, heading: str) -> Table:
    years = sorted({year for option in options for year in option.years})
    rows: list[tuple[str, ...]] = []
    groups: set[int] = set()
    bold: set[int] = set()
    for option in options:
        view = option.view(view_id)
        groups.add(len(rows))
        for number, (key, label) in enumerate(BY_YEAR_ROWS):
            by_year = dict(zip(option.years, view.series[key], strict=True))
            if key in ("net_recurring", "cumulative_net"):
                bold.add(len(rows))
            rows.append(
                (
                    option.name if number == 0 else "",
                    label,
                    *[format_money(by_year[y]) if y in by_year else "" for y in years],
                )
            )
    return Table(
        f"Year by year: {heading}",
        ("Option", "£", *[format_year(y) for y in years]),
        tuple(rows),
        ("left", "left", *_right(len(years))),
        bold_rows=frozenset(bold),
        group_rows=frozenset(groups - {0}),
    )


def _risk_section(
    options: Sequence[OptionResult],
    views: Sequence[str],
    findings: RiskFindings,
    images: dict[str, bytes],
) -> Section:
    from bizcase.risk.sensitivity import SECTION_LABELS

    blocks: list[Block] = [
        Paragraph(
            "Sensitivity: each item is moved on its own to the low and high ends of its range "
            "(its stated uncertainty, else 20% either way) and each recurring stream is put "
            "back a year, to show which assumptions the net present value depends on most. "
            "Switching values (HM Treasury Green Book): how far an amount would have to change, "
            "as a percentage of it, before a conclusion changes; each was checked by "
            "recalculating at that value."
        )
    ]
    for number, option in enumerate(options):
        for view_id in views:
            view = option.view(view_id)
            where = f"{option.name}: {view_label(view)}"
            blocks.append(Heading(where))
            result = findings.sensitivity[number, view_id]
            rows = []
            for row in result.rows[:SENSITIVITY_ROWS]:
                ends = [f"{name}: {format_money(value)}" for name, value in row.ends]
                if len(ends) == 1:
                    ends.append("")
                suffix = "" if row.change == "range" else f" ({row.change})"
                rows.append(
                    (
                        f"{SECTION_LABELS[row.section]}: {row.item}{suffix}",
                        *ends,
                        format_money(row.swing),
                    )
                )
            if rows:
                top = result.rows[0]
                blocks.append(
                    Paragraph(
                        f"Net present value as written is {format_money(result.base)}. It is "
                        f"most sensitive to {SECTION_LABELS[top.section].lower()} "
                        f"\u2018{top.item}\u2019"
                        + ("" if top.change == "range" else f" ({top.change})")
                        + f", which moves it by {format_money(top.swing)}."
                    )
                )
                more = len(result.rows) - len(rows)
                blocks.append(
                    Table(
                        f"Sensitivity of NPV: {where}"
                        + (f" (largest {len(rows)} of {len(result.rows)})" if more else ""),
                        ("Item", "Low case", "High case", "Swing"),
                        tuple(rows),
                        ("left", "right", "right", "right"),
                    )
                )
            else:
                blocks.append(Paragraph("No item changes the net present value."))
            key = f"tornado-{number + 1}-{view_id}"
            if key in images:
                blocks.append(
                    Figure(
                        key,
                        f"Sensitivity of NPV (tornado): {where}.",
                        f"Tornado chart of the NPV of {where}",
                    )
                )
            blocks += _switching_table(findings.switching[number, view_id], where)
            fan = findings.fans.get((number, view_id))
            key = f"fan-{number + 1}-{view_id}"
            if fan is not None:
                blocks.append(
                    Paragraph(
                        f"Simulation ({fan.draws:,} cases, seed {fan.seed}): the option pays "
                        f"back within the horizon in {fan.p_payback:.0%} of cases; the "
                        f"cumulative net in {format_year(fan.years[-1])} is between "
                        f"{format_money(fan.percentiles[5][-1])} and "
                        f"{format_money(fan.percentiles[95][-1])} in 90% of them "
                        f"(median {format_money(fan.percentiles[50][-1])})."
                    )
                )
                if key in images:
                    blocks.append(
                        Figure(
                            key,
                            f"Range of cumulative net across simulated cases: {where}.",
                            f"Fan chart of cumulative net for {where}",
                        )
                    )
    return Section("risk", "Sensitivity and switching values", blocks)


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
    from bizcase.render.tables import discount_label

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
        facts = [
            f"Scenario file: {option.file}",
            f"Years: {_span(option)} ({len(option.years)} years)",
            f"Discount rate: {discount_label(option.discount_rate)}",
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
            if partner.note:
                text += f". {' '.join(partner.note.split())}"
            facts.append(text)
        facts += [" ".join(note.split()) for note in scenario.notes]
        blocks.append(Bullets(tuple(facts)))
        rows = []
        for section in (*SECTIONS, "one_off_costs"):
            items: Sequence[Stream | OneOffCost] = (
                scenario.one_off_costs if section == "one_off_costs" else scenario.section(section)
            )
            for index, item in enumerate(items):
                amount, timing, share = _amount_text(scenario, section, index)
                rows.append(
                    (
                        f"{SECTION_ITEM_LABELS[section]}: {item.name}",
                        amount,
                        timing,
                        share,
                        " ".join((item.note or "").split()),
                    )
                )
        if rows:
            noted = any(row[-1] for row in rows)
            align: tuple[Align, ...] = ("left", "right", "left", "left", "left")
            blocks.append(
                Table(
                    f"Items: {option.name}",
                    ("Item", "Amount", "Timing", "Share", "Note")[: 5 if noted else 4],
                    tuple(row[: 5 if noted else 4] for row in rows),
                    align[: 5 if noted else 4],
                )
            )
    return Section("assumptions", "Assumptions", blocks)


def _changes(years: Sequence[int], values: Sequence[float]) -> list[tuple[int, float]]:
    """The years in which a level series changes, with its new level (the first year too)."""
    out: list[tuple[int, float]] = []
    for year, value in zip(years, values, strict=True):
        if not out or abs(out[-1][1] - value) >= 0.5:
            out.append((year, value))
    return out


# --- HTML -----------------------------------------------------------------------------------


def _css() -> str:
    return resources.files("bizcase.render").joinpath("templates/report.css").read_text("utf-8")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def report_html(report: Report) -> str:
    """A single self-contained page: charts embedded as PNG data, styles inline, no scripts
    and nothing fetched from elsewhere."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="bizcase {__version__}">',
        f"<title>{_e(report.title)}</title>",
        f"<style>\n{_css()}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="subtitle">{_e(report.subtitle)}</p>',
    ]
    for notice in report.notices:
        out.append(f'<p class="notice">{_e(notice)}</p>')
    out.append('<nav aria-label="Contents"><ol>')
    for section in report.sections:
        out.append(f'<li><a href="#{section.id}">{_e(section.title)}</a></li>')
    out += ["</ol></nav>", "</header>", "<main>"]
    for number, section in enumerate(report.sections, start=1):
        out.append(f'<section id="{section.id}">')
        out.append(f"<h2>{number}. {_e(section.title)}</h2>")
        for block in section.blocks:
            out.append(_html_block(block, report.images))
        out.append("</section>")
    out += [
        "</main>",
        "<footer>",
        f"<p>Calculated with bizcase {__version__} from "
        + ", ".join(f"<code>{_e(f)}</code>" for f in report.files)
        + ".</p>",
        "</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


def _html_block(block: Block, images: dict[str, bytes]) -> str:
    if isinstance(block, Heading):
        return f"<h3>{_e(block.text)}</h3>"
    if isinstance(block, Paragraph):
        lead = f"<strong>{_e(block.lead)}</strong> " if block.lead else ""
        css = "" if block.style == "normal" else f' class="{block.style}"'
        return f"<p{css}>{lead}{_e(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Figure):
        data = base64.b64encode(images[block.key]).decode("ascii")
        return (
            f'<figure class="chart"><img src="data:image/png;base64,{data}" '
            f'alt="{_e(block.alt)}"><figcaption>{_e(block.caption)}</figcaption></figure>'
        )
    return _html_table(block)


def _html_table(table: Table) -> str:
    wide = len(table.header) > 8
    out = [f'<div class="table{" wide" if wide else ""}"><table>']
    out.append(f"<caption>{_e(table.caption)}</caption>")
    out.append("<thead><tr>")
    for text, align in zip(table.header, table.align, strict=True):
        out.append(f'<th scope="col" class="{align}">{_e(text)}</th>')
    out.append("</tr></thead><tbody>")
    for number, row in enumerate(table.rows):
        classes = []
        if number in table.bold_rows:
            classes.append("strong")
        if number in table.group_rows:
            classes.append("group")
        css = f' class="{" ".join(classes)}"' if classes else ""
        out.append(f"<tr{css}>")
        for column, (text, align) in enumerate(zip(row, table.align, strict=True)):
            tag = "th" if column == 0 else "td"
            scope = ' scope="row"' if column == 0 else ""
            out.append(f'<{tag}{scope} class="{align}">{_e(text)}</{tag}>')
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#!])")


def md_escape(text: str, pipe: bool = True) -> str:
    """Text as written, never as Markdown or HTML: `North & West <draft>` stays so.
    Table cells leave `|` to `markdown_table`, which escapes it."""
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    return text.replace("|", "\\|") if pipe else text


def report_markdown(report: Report, image_prefix: str = "report") -> tuple[str, dict[str, bytes]]:
    """The report as Markdown, and its charts as PNG files to write next to it: names
    `<image_prefix>-<chart>.png`, linked relatively."""
    files: dict[str, bytes] = {}
    out = [f"# {md_escape(report.title)}", "", md_escape(report.subtitle), ""]
    for notice in report.notices:
        out += [f"> {md_escape(notice)}", ""]
    for number, section in enumerate(report.sections, start=1):
        out += [f"## {number}. {md_escape(section.title)}", ""]
        for block in section.blocks:
            out += [_md_block(block, report.images, image_prefix, files), ""]
    out.append(
        f"Calculated with bizcase {__version__} from "
        + ", ".join(f"`{f}`" for f in report.files)
        + "."
    )
    return "\n".join(out) + "\n", files


def _md_block(block: Block, images: dict[str, bytes], prefix: str, files: dict[str, bytes]) -> str:
    if isinstance(block, Heading):
        return f"### {md_escape(block.text)}"
    if isinstance(block, Paragraph):
        lead = f"**{md_escape(block.lead)}** " if block.lead else ""
        text = f"{lead}{md_escape(block.text)}"
        return f"*{text}*" if block.style == "small" else text
    if isinstance(block, Bullets):
        return "\n".join(f"- {md_escape(item)}" for item in block.items)
    if isinstance(block, Figure):
        name = f"{prefix}-{block.key}.png"
        files[name] = images[block.key]
        return f"![{md_escape(block.alt)}]({name})\n\n*{md_escape(block.caption)}*"
    header = [md_escape(h, pipe=False) for h in block.header]
    rows = []
    for number, row in enumerate(block.rows):
        cells = [md_escape(c, pipe=False) for c in row]
        if number in block.bold_rows:
            cells = [f"**{c}**" if c else c for c in cells]
        rows.append(cells)
    table = markdown_table(header, rows, block.align).rstrip("\n")
    return f"**{md_escape(block.caption)}**\n\n{table}"
