"""The canvas every chart is drawn on: house style, money and year axes, the legend's place,
and the grid of panels saved as PNG or SVG.

matplotlib is imported inside the functions that use it, never at import time, so that
commands which draw nothing work without the `charts` extra. Figures use the Agg canvas
directly (no pyplot, no global state), so charts can be made from threads and notebooks.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from bizcase.render.money import format_year

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

ImageFormat = Literal["png", "svg"]
Panel = Callable[["Axes"], None]

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


def wrap_label(text: str, width: int) -> str:
    """Long names over several lines, so a legend or tick label stays inside the page."""
    return "\n".join(textwrap.wrap(text, width)) or text


def money_axis(ax: Axes, axis: Literal["x", "y"] = "y") -> None:
    """Round-number ticks labelled as short money, so a committee reads £m at a glance."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
    target.set_major_formatter(FuncFormatter(axis_money))


def year_axis(ax: Axes, years: Sequence[int]) -> None:
    """Financial years as ticks, thinned to about a dozen and slanted when crowded."""
    step = max(1, -(-len(years) // 12))
    shown = list(years)[::step]
    ax.set_xticks(shown, [format_year(y) for y in shown])
    ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
    if len(shown) > 6:
        for label in ax.get_xticklabels():
            label.set_rotation(45)
            label.set_horizontalalignment("right")


def legend_below(ax: Axes, columns: int = 1) -> None:
    """The legend under the panel, so long option names never cover the data."""
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.13),
        ncols=columns,
        frameon=False,
        handlelength=3.2,
    )


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
    """A figure on its own Agg canvas: no pyplot, so no shared state between charts."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _save(figure: Figure, fmt: ImageFormat) -> bytes:
    """The image's bytes, without a date in SVG so the same case gives the same file."""
    out = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else None
    figure.savefig(out, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    return out.getvalue()
