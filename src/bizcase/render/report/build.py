"""Gathering the report: the options' results and risk findings, the charts, and the
options, comparison and year-by-year sections; the other sections come from their modules."""

from __future__ import annotations

from collections.abc import Sequence

from bizcase.model.scenario import Scenario
from bizcase.render.money import format_money_row, format_year
from bizcase.render.report.assumptions import _assumptions_section
from bizcase.render.report.document import (
    Block,
    Figure,
    Heading,
    Paragraph,
    Report,
    Section,
    Table,
    _right,
)
from bizcase.render.report.labels import _span, view_heading, view_label
from bizcase.render.report.prose import _implications_section
from bizcase.render.report.risk_section import _risk_section
from bizcase.render.statements import headline_text, judges_gap
from bizcase.results.findings import RiskFindings
from bizcase.results.metrics import compared
from bizcase.results.option import OptionResult

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


def build_report(
    options: Sequence[OptionResult],
    scenarios: Sequence[Scenario],
    views: Sequence[str],
    findings: RiskFindings | None,
    *,
    charts: bool = True,
    title: str | None = None,
    author: str | None = None,
    date: str | None = None,
) -> Report:
    """Everything the report says about the options' results and risk findings, with its
    charts as PNG bytes (none when matplotlib is missing or `charts` is false; the report
    then says so)."""
    from bizcase.render.charts import charts_available

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
    from bizcase.render.labels import like_for_like_note

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
    blocks: list[Block] = []
    for view_id in views:
        heading = view_heading(options[0].view(view_id))
        blocks.append(Heading(heading))
        metrics = compared([option.view(view_id) for option in options])
        rows = tuple(
            (metric.label, *[headline_text(metric, o.view(view_id), o) for o in options])
            for metric in metrics
        )
        header = ("", *[f"{o.name} ({KIND_LABELS.get(o.kind, o.kind).lower()})" for o in options])
        blocks.append(
            Table(
                f"Comparison of options: {heading}",
                header,
                rows,
                ("left", *_right(len(options))),
                bold_rows=frozenset(n for n, m in enumerate(metrics) if m.emphasis),
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
