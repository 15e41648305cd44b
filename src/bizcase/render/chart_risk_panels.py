"""The risk panels: the sensitivity tornado and the Monte Carlo fan of cumulative net, each
drawn on axes it is given. Like every panel, each reads in black and white: every bar kind
has its own hatching as well as its colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bizcase.render.chart_canvas import legend_below, money_axis, wrap_label, year_axis
from bizcase.render.money import format_money
from bizcase.results.simulation import Fan

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from bizcase.results.sensitivity import Sensitivity, TornadoRow

TORNADO_ROWS = 10
METRIC_LABELS = {
    "npv": "NPV",
    "total_net": "Net over the horizon",
    "remaining_gap": "Remaining gap, final year",
}
TORNADO_STYLES = {
    "low": ("#D55E00", "///", "Amount lowered"),
    "high": ("#0072B2", "", "Amount raised"),
    "delay": ("#CC79A7", "...", "A year late"),
    "optimism bias": ("#E69F00", "xx", "Optimism bias"),
}
"""Colour, hatching and legend text for each kind of change, so a bar reads without colour."""


# --- sensitivity tornado ------------------------------------------------------------------


def draw_tornado(ax: Axes, result: Sensitivity, title: str, top: int = TORNADO_ROWS) -> None:
    """The largest swings, largest at the top: bars from the figure as written to each end."""
    from bizcase.results.sensitivity import SECTION_LABELS

    rows = result.rows[:top]
    base = result.base
    used: set[str] = set()
    labels: list[str] = []
    for position, row in enumerate(rows):
        suffix = "" if row.change == "range" else f" ({row.change})"
        labels.append(wrap_label(f"{SECTION_LABELS[row.section]}: {row.item}{suffix}", 34))
        _tornado_bars(ax, len(rows) - 1 - position, row, base, used)
    ax.axvline(base, color="black", linewidth=1.4, zorder=3)
    ax.set_yticks(range(len(rows)), list(reversed(labels)))
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    metric = METRIC_LABELS.get(result.metric, result.metric)
    ax.set_title(
        f"{title}\n{metric} as written {format_money(base)}: effect of each item", loc="left"
    )
    ax.set_xlabel(metric)
    money_axis(ax, "x")
    low, high = ax.get_xlim()
    span = high - low
    ax.set_xlim(low - 0.22 * span, high + 0.22 * span)
    if not rows:
        ax.text(0.5, 0.5, "No item changes this figure", transform=ax.transAxes, ha="center")
    else:
        legend_below(ax, 3)


def _tornado_bars(ax: Axes, y: int, row: TornadoRow, base: float, used: set[str]) -> None:
    """A row's bar to each end, each labelled with its figure; each kind in the legend once."""
    for end, (name, value) in enumerate(row.ends):
        kind = row.change if len(row.ends) == 1 else ("low", "high")[end]
        colour, hatch, legend = TORNADO_STYLES.get(kind, TORNADO_STYLES["delay"])
        ax.barh(
            y,
            value - base,
            left=base,
            height=0.62,
            color=colour,
            edgecolor="black",
            linewidth=0.6,
            hatch=hatch,
            label=legend if kind not in used else None,
            zorder=2,
        )
        used.add(kind)
        ax.annotate(
            f"{name}: {format_money(value)}",
            (value, y),
            xytext=(4 if value >= base else -4, 0),
            textcoords="offset points",
            ha="left" if value >= base else "right",
            va="center",
            fontsize=7.5,
        )


# --- Monte Carlo fan ----------------------------------------------------------------------


def draw_fan(ax: Axes, fan: Fan, title: str) -> None:
    """Bands of 5-95% and 25-75% of draws, the median and the figures as written."""
    p = fan.percentiles
    ax.axhline(0, color="black", linewidth=1.4, zorder=1)
    ax.fill_between(
        fan.years, p[5], p[95], color="#56B4E9", alpha=0.35, linewidth=0, label="5% to 95% of draws"
    )
    ax.fill_between(
        fan.years,
        p[25],
        p[75],
        color="#0072B2",
        alpha=0.45,
        linewidth=0,
        hatch="..",
        label="25% to 75% of draws",
    )
    ax.plot(fan.years, p[50], color="black", linewidth=2, marker="o", label="Median")
    ax.plot(
        fan.years,
        fan.as_written,
        color="#D55E00",
        linewidth=1.8,
        linestyle="--",
        marker="s",
        markersize=5,
        label="As written",
    )
    ax.set_title(
        f"{title}\nCumulative net: {fan.draws:,} simulated cases (seed {fan.seed})\n"
        f"Pays back within the horizon in {fan.p_payback:.0%} of cases",
        loc="left",
    )
    ax.set_ylabel("£, cumulative")
    money_axis(ax)
    year_axis(ax, fan.years)
    legend_below(ax, 2)
