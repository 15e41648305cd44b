"""Gathering the report: the options' results and risk findings, the charts, and the
options, comparison and year-by-year sections; the other sections come from their modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bizcase.model.scenario import Scenario
from bizcase.render.money import format_money_row, format_year
from bizcase.render.report.assumptions import _assumptions_section
from bizcase.render.report.document import (
    Block,
    Figure,
    Heading,
    Paragraph,
    Report,
    RiskFindings,
    Section,
    Table,
    _right,
)
from bizcase.render.report.labels import _span, view_heading, view_label
from bizcase.render.report.prose import _implications_section
from bizcase.render.report.risk_section import _risk_section
from bizcase.render.statements import judges_gap
from bizcase.render.tables import views_to_compare
from bizcase.results.option import OptionResult

if TYPE_CHECKING:
    from bizcase.io.options import Evaluated
    from bizcase.results.sensitivity import Sensitivity
    from bizcase.results.simulation import Fan
    from bizcase.results.switching import Switching

FAN_DRAWS = 2000
"""Simulated cases behind a report's fan chart: enough for smooth 5% and 95% bands."""
KIND_LABELS = {
    "solo": "Solo",
    "joint": "Joint",
    "alliance": "Alliance",
    "shared_service": "Shared service",
    "other": "Other",
}
BY_YEAR_ROWS = (
    ("savings", "Savings"),
    ("income", "Income"),
    ("costs", "Recurring costs"),
    ("net_recurring", "Net recurring saving"),
    ("gap", "Budget gap"),
    ("remaining_gap", "Remaining gap"),
    ("one_off_costs", "One-off costs"),
    ("net", "Net (cash)"),
    ("cumulative_net", "Cumulative net"),
)
NO_CHARTS = (
    "Charts are not included: matplotlib is not installed (from the bizcase folder, "
    "`.venv/bin/pip install '.[report]'` adds them)."
)


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
    title: str | None = None,
    author: str | None = None,
    date: str | None = None,
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
    byline = " · ".join(part for part in (f"Prepared by {author}" if author else "", date) if part)
    report = Report(
        byline=byline,
        title=title or "Financial appraisal of the options",
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
        shown = [
            (key, label)
            for key, label in BY_YEAR_ROWS
            if judges_gap(view) or key not in ("gap", "remaining_gap")
        ]
        for number, (key, label) in enumerate(shown):
            by_year = dict(zip(option.years, format_money_row(view.series[key]), strict=True))
            if key in ("net_recurring", "cumulative_net"):
                bold.add(len(rows))
            rows.append(
                (
                    option.name if number == 0 else "",
                    label,
                    *[by_year.get(y, "") for y in years],
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
