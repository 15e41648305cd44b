"""Charts for committee papers: savings against the budget gap, cumulative net and payback,
the sensitivity tornado and the Monte Carlo fan of cumulative net.

matplotlib is an optional extra (`bizcase[charts]`): it is imported inside the functions
that draw, never when this module is imported, so `bizcase --help` and every other command
work without it. Figures are drawn on the Agg canvas directly (no pyplot, no global state),
so charts can be made from threads and from notebooks without changing their backend.

Charts must read on paper in black and white: each option has its own colour from the
Okabe-Ito colour-blind-safe palette *and* its own line style, marker or hatching, and every
fact a colour carries (which option, payback) is also in the legend's text.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from bizcase.render.labels import view_name
from bizcase.render.money import format_money, format_year
from bizcase.results.option import OptionResult
from bizcase.results.simulation import Fan

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from bizcase.results.sensitivity import Sensitivity

ImageFormat = Literal["png", "svg"]
Panel = Callable[["Axes"], None]

INSTALL_HINT = (
    "from the bizcase folder, `.venv/bin/pip install '.[charts]'` (or `pip install matplotlib`) "
    "to draw charts"
)

# Okabe & Ito (2008), the colour-blind-safe palette; yellow left out (unreadable on white).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)))
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
HATCHES = ("", "///", "...", "xx", "\\\\\\", "++", "oo")
GAP_COLOUR = "#000000"
DPI = 150
PANEL_SIZE = (6.6, 4.6)
"""Inches per panel: two side by side fill an A4 page's width at a readable size."""

STYLE: dict[Any, Any] = {
    "text.parse_math": False,  # names are text: "$5m plan$" is not mathematics
    "font.size": 9.5,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.labelsize": 9.5,
    "legend.fontsize": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "hatch.linewidth": 0.8,
    "svg.hashsalt": "bizcase",
}


def charts_available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


# --- formatting ---------------------------------------------------------------------------


def axis_money(value: float, _position: object = None) -> str:
    """Money on an axis, short: `£1.2m`, `£350k`, `£0`, `-£1.25m`."""
    pounds = abs(float(value))
    if pounds < 0.5:
        return "£0"
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if pounds >= size:
            number = f"{pounds / size:.2f}".rstrip("0").rstrip(".")
            text = f"£{number}{suffix}"
            break
    else:
        text = f"£{pounds:.0f}"
    return f"-{text}" if value < 0 else text


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _money_axis(ax: Axes, axis: Literal["x", "y"] = "y") -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
    target.set_major_formatter(FuncFormatter(axis_money))


def _year_axis(ax: Axes, years: Sequence[int]) -> None:
    step = max(1, -(-len(years) // 12))
    shown = list(years)[::step]
    ax.set_xticks(shown, [format_year(y) for y in shown])
    ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
    if len(shown) > 6:
        for label in ax.get_xticklabels():
            label.set_rotation(45)
            label.set_horizontalalignment("right")


def _legend_below(ax: Axes, columns: int = 1) -> None:
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.13),
        ncols=columns,
        frameon=False,
        handlelength=3.2,
    )


# --- panels -------------------------------------------------------------------------------


def _years_of(options: Sequence[OptionResult]) -> list[int]:
    return sorted({year for option in options for year in option.years})


def draw_gap(ax: Axes, options: Sequence[OptionResult], view_id: str) -> None:
    """Each option's net recurring saving (bars) against the budget gap (a black step)."""
    years = _years_of(options)
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
            label=_wrap(f"{option.name}: net recurring saving", 60),
            zorder=2,
        )
    gaps: list[tuple[OptionResult, list[float]]] = []
    for option in options:
        series = option.view(view_id).series["gap"]
        if any(abs(g) >= 0.5 for g in series) and all(
            series != other or option.years != known.years for known, other in gaps
        ):
            gaps.append((option, series))
    for number, (option, series) in enumerate(gaps):
        label = "Budget gap" if len(gaps) == 1 else _wrap(f"Budget gap ({option.name})", 60)
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
    ax.axhline(0, color="black", linewidth=0.8, zorder=1)
    first = options[0].view(view_id)
    subtitle = "" if gaps else " (no budget gap given)"
    ax.set_title(
        f"Net recurring saving against the budget gap{subtitle}\n{view_name(first)}", loc="left"
    )
    ax.set_ylabel("£ a year")
    _money_axis(ax)
    _year_axis(ax, years)
    _legend_below(ax)


def draw_cumulative(ax: Axes, options: Sequence[OptionResult], view_id: str) -> None:
    """Cumulative net by year for each option, the break-even line, payback ringed."""
    years = _years_of(options)
    ax.axhline(0, color="black", linewidth=1.4, zorder=1)
    paybacks: dict[int, float] = {}
    for number, option in enumerate(options):
        view = option.view(view_id)
        colour = PALETTE[number % len(PALETTE)]
        cumulative = view.series["cumulative_net"]
        if view.payback_status == "nothing_to_pay_back":
            outcome = "nothing to pay back"
        elif view.payback_year is None:
            outcome = "not paid back within the horizon"
        elif min(cumulative) < -0.5:
            outcome = f"pays back in {format_year(view.payback_year)}"
        else:
            outcome = "never below zero"
        ax.plot(
            option.years,
            cumulative,
            linewidth=2,
            markersize=6,
            label=_wrap(f"{option.name}: {outcome}", 60),
            zorder=3,
            color=colour,
            linestyle=LINESTYLES[number % len(LINESTYLES)],
            marker=MARKERS[number % len(MARKERS)],
        )
        if view.payback_year is not None and min(cumulative) < -0.5:
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
            paybacks.setdefault(view.payback_year, cumulative[at])
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
    _money_axis(ax)
    _year_axis(ax, years)
    _legend_below(ax)


TORNADO_ROWS = 10
METRIC_LABELS = {
    "npv": "NPV",
    "total_net": "Net over the horizon",
    "remaining_gap": "Remaining gap, final year",
}


def draw_tornado(ax: Axes, result: Sensitivity, title: str, top: int = TORNADO_ROWS) -> None:
    """The largest swings, largest at the top: bars from the figure as written to each end."""
    from bizcase.results.sensitivity import SECTION_LABELS

    rows = result.rows[:top]
    base = result.base
    styles = {
        "low": ("#D55E00", "///", "Amount lowered"),
        "high": ("#0072B2", "", "Amount raised"),
        "delay": ("#CC79A7", "...", "A year late"),
        "optimism bias": ("#E69F00", "xx", "Optimism bias"),
    }
    used: set[str] = set()
    labels: list[str] = []
    for position, row in enumerate(rows):
        y = len(rows) - 1 - position
        suffix = "" if row.change == "range" else f" ({row.change})"
        labels.append(_wrap(f"{SECTION_LABELS[row.section]}: {row.item}{suffix}", 34))
        for end, (name, value) in enumerate(row.ends):
            kind = row.change if len(row.ends) == 1 else ("low", "high")[end]
            colour, hatch, legend = styles.get(kind, styles["delay"])
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
    ax.axvline(base, color="black", linewidth=1.4, zorder=3)
    ax.set_yticks(range(len(rows)), list(reversed(labels)))
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    metric = METRIC_LABELS.get(result.metric, result.metric)
    ax.set_title(
        f"{title}\n{metric} as written {format_money(base)}: effect of each item", loc="left"
    )
    ax.set_xlabel(metric)
    _money_axis(ax, "x")
    low, high = ax.get_xlim()
    span = high - low
    ax.set_xlim(low - 0.22 * span, high + 0.22 * span)
    if not rows:
        ax.text(0.5, 0.5, "No item changes this figure", transform=ax.transAxes, ha="center")
    else:
        _legend_below(ax, 3)


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
    _money_axis(ax)
    _year_axis(ax, fan.years)
    _legend_below(ax, 2)


# --- figures ------------------------------------------------------------------------------


def render_grid(
    rows: Sequence[Sequence[Panel]],
    fmt: ImageFormat = "png",
    panel_size: tuple[float, float] = PANEL_SIZE,
) -> bytes:
    """Draw panels in a grid (one list per row) and return the image file's bytes."""
    import matplotlib as mpl

    height = max(1, len(rows))
    width = max((len(row) for row in rows), default=1)
    with mpl.rc_context(STYLE):
        figure = _figure(panel_size[0] * width, panel_size[1] * height)
        grid = figure.subplots(height, width, squeeze=False)
        for r, row in enumerate(rows):
            for c in range(width):
                if c < len(row):
                    row[c](grid[r][c])
                else:
                    grid[r][c].set_visible(False)
        return _save(figure, fmt)


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _save(figure: Figure, fmt: ImageFormat) -> bytes:
    out = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else None
    figure.savefig(out, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    return out.getvalue()


def _view_list(view_ids: str | Sequence[str]) -> list[str]:
    return [view_ids] if isinstance(view_ids, str) else list(view_ids)


def gap_chart(
    options: Sequence[OptionResult], view_id: str | Sequence[str], fmt: ImageFormat = "png"
) -> bytes:
    """Savings against the budget gap: one panel per view (a partner id, or "total")."""
    return render_grid([[_gap_panel(options, view)] for view in _view_list(view_id)], fmt)


def cumulative_chart(
    options: Sequence[OptionResult], view_id: str | Sequence[str], fmt: ImageFormat = "png"
) -> bytes:
    """Cumulative net and payback: one panel per view."""
    return render_grid([[_cumulative_panel(options, view)] for view in _view_list(view_id)], fmt)


def _gap_panel(options: Sequence[OptionResult], view_id: str) -> Panel:
    return lambda ax: draw_gap(ax, options, view_id)


def _cumulative_panel(options: Sequence[OptionResult], view_id: str) -> Panel:
    return lambda ax: draw_cumulative(ax, options, view_id)


def overview_chart(
    options: Sequence[OptionResult], view_ids: Sequence[str], fmt: ImageFormat = "png"
) -> bytes:
    """Savings against the gap and cumulative net side by side, one row per view."""
    return render_grid([_overview_row(options, view_id) for view_id in view_ids], fmt)


def _overview_row(options: Sequence[OptionResult], view_id: str) -> list[Panel]:
    return [_gap_panel(options, view_id), _cumulative_panel(options, view_id)]


def tornado_chart(
    results: Sequence[tuple[str, Sensitivity]], fmt: ImageFormat = "png", top: int = TORNADO_ROWS
) -> bytes:
    """One tornado per (title, sensitivity), stacked."""
    bars = max((min(top, len(result.rows)) for _, result in results), default=1)
    size = (10.0, 1.9 + 0.42 * max(bars, 2))
    return render_grid(
        [[_tornado_panel(title, result, top)] for title, result in results], fmt, size
    )


def _tornado_panel(title: str, result: Sensitivity, top: int) -> Panel:
    return lambda ax: draw_tornado(ax, result, title, top)


def fan_chart(fans: Sequence[tuple[str, Fan]], fmt: ImageFormat = "png") -> bytes:
    """One fan per (title, fan), stacked."""
    return render_grid([[_fan_panel(title, fan)] for title, fan in fans], fmt, (8.0, 4.8))


def _fan_panel(title: str, fan: Fan) -> Panel:
    return lambda ax: draw_fan(ax, fan, title)
