"""The appraisal's panels: savings against the budget gap, and cumulative net and payback,
each drawn on axes it is given (the risk panels are in `chart_risk_panels`).

Panels must read on paper in black and white: each option has its own colour *and* its
own line style, marker or hatching, and every fact a colour carries (which option, payback)
is also in the legend's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bizcase.render.chart_canvas import (
    GAP_COLOUR,
    HATCHES,
    LINESTYLES,
    MARKERS,
    PALETTE,
    legend_below,
    money_axis,
    wrap_label,
    year_axis,
)
from bizcase.render.labels import view_name
from bizcase.render.money import format_year
from bizcase.results.option import OptionResult, View

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def _years_of(options: Sequence[OptionResult]) -> list[int]:
    return sorted({year for option in options for year in option.years})


# --- savings against the gap --------------------------------------------------------------


def draw_gap(ax: Axes, options: Sequence[OptionResult], view_id: str) -> None:
    """Each option's net recurring saving (bars) against the budget gap (a black step)."""
    _gap_bars(ax, options, view_id)
    gaps = _distinct_gaps(options, view_id)
    _gap_steps(ax, gaps)
    ax.axhline(0, color="black", linewidth=0.8, zorder=1)
    first = options[0].view(view_id)
    subtitle = "" if gaps else " (no budget gap given)"
    ax.set_title(
        f"Net recurring saving against the budget gap{subtitle}\n{view_name(first)}", loc="left"
    )
    ax.set_ylabel("£ a year")
    money_axis(ax)
    year_axis(ax, _years_of(options))
    legend_below(ax)


def _gap_bars(ax: Axes, options: Sequence[OptionResult], view_id: str) -> None:
    """The options' bars side by side within each year, each with its own hatching."""
    count = len(options)
    width = 0.8 / count
    for number, option in enumerate(options):
        view = option.view(view_id)
        offset = (number - (count - 1) / 2) * width
        ax.bar(
            [year + offset for year in option.years],
            view.series["net_recurring"],
            width=width * 0.92,
            color=PALETTE[number % len(PALETTE)],
            edgecolor="black",
            linewidth=0.6,
            hatch=HATCHES[number % len(HATCHES)],
            label=wrap_label(f"{option.name}: net recurring saving", 60),
            zorder=2,
        )


def _distinct_gaps(
    options: Sequence[OptionResult], view_id: str
) -> list[tuple[OptionResult, list[float]]]:
    """The budget gaps worth drawing: options sharing a gap share one step, not several."""
    gaps: list[tuple[OptionResult, list[float]]] = []
    for option in options:
        series = option.view(view_id).series["gap"]
        if any(abs(g) >= 0.5 for g in series) and all(
            series != other or option.years != known.years for known, other in gaps
        ):
            gaps.append((option, series))
    return gaps


def _gap_steps(ax: Axes, gaps: Sequence[tuple[OptionResult, list[float]]]) -> None:
    """Each gap as a step over its years, named after its option only when there are several."""
    for number, (option, series) in enumerate(gaps):
        label = "Budget gap" if len(gaps) == 1 else wrap_label(f"Budget gap ({option.name})", 60)
        edges = [option.years[0] - 0.5 + k for k in range(len(option.years) + 1)]
        ax.stairs(
            series,
            edges,
            baseline=None,
            color=GAP_COLOUR,
            linewidth=2.2,
            linestyle=LINESTYLES[number % len(LINESTYLES)],
            label=label,
            zorder=3,
        )


# --- cumulative net and payback -----------------------------------------------------------


def draw_cumulative(ax: Axes, options: Sequence[OptionResult], view_id: str) -> None:
    """Cumulative net by year for each option, the break-even line, payback ringed."""
    ax.axhline(0, color="black", linewidth=1.4, zorder=1)
    paybacks: dict[int, float] = {}
    for number, option in enumerate(options):
        payback = _cumulative_line(ax, number, option, option.view(view_id))
        if payback is not None:
            paybacks.setdefault(*payback)
    _payback_notes(ax, paybacks)
    ax.text(
        0.01,
        0.0,
        "break-even",
        transform=ax.get_yaxis_transform(),
        fontsize=8,
        va="bottom",
        color="#333333",
    )
    first = options[0].view(view_id)
    ax.set_title(f"Cumulative net (cash) and payback\n{view_name(first)}", loc="left")
    ax.set_ylabel("£, cumulative")
    money_axis(ax)
    year_axis(ax, _years_of(options))
    legend_below(ax)


def _payback_outcome(view: View, cumulative: Sequence[float]) -> str:
    """What the legend says of the option's payback, so it is not told by the ring alone."""
    if view.payback_status == "nothing_to_pay_back":
        return "nothing to pay back"
    if view.payback_year is None:
        return "not paid back within the horizon"
    if min(cumulative) < -0.5:
        return f"pays back in {format_year(view.payback_year)}"
    return "never below zero"


def _cumulative_line(
    ax: Axes, number: int, option: OptionResult, view: View
) -> tuple[int, float] | None:
    """The option's line, with its payback ringed; the payback (year, level) if ringed."""
    colour = PALETTE[number % len(PALETTE)]
    cumulative = view.series["cumulative_net"]
    ax.plot(
        option.years,
        cumulative,
        linewidth=2,
        markersize=6,
        label=wrap_label(f"{option.name}: {_payback_outcome(view, cumulative)}", 60),
        zorder=3,
        color=colour,
        linestyle=LINESTYLES[number % len(LINESTYLES)],
        marker=MARKERS[number % len(MARKERS)],
    )
    if view.payback_year is None or min(cumulative) >= -0.5:
        return None
    at = option.years.index(view.payback_year)
    ax.plot(
        [view.payback_year],
        [cumulative[at]],
        marker="o",
        markersize=16,
        markerfacecolor="none",
        markeredgecolor=colour,
        markeredgewidth=1.8,
        linestyle="none",
        zorder=4,
    )
    return view.payback_year, cumulative[at]


def _payback_notes(ax: Axes, paybacks: dict[int, float]) -> None:
    """One note per payback year, staggered so neighbouring notes do not overlap."""
    for number, (year, level) in enumerate(sorted(paybacks.items())):
        ax.annotate(
            f"payback\n{format_year(year)}",
            (year, level),
            xytext=(-14, 22 + 14 * (number % 2)),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=8,
            color="black",
            arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.7},
        )
