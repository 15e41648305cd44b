"""Charts for committee papers: savings against the budget gap, cumulative net and payback,
the sensitivity tornado and the Monte Carlo fan of cumulative net.

This module is the charts' public face: it lays panels out into whole images. The panels
are drawn in `chart_panels` and `chart_risk_panels`, the canvas (style, axes, saving) in
`chart_canvas`; their public names are re-exported here so callers need only this module.

matplotlib is an optional extra (`bizcase[charts]`): it is imported inside the functions
that draw, never when this module is imported, so `bizcase --help` and every other command
work without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bizcase.render.chart_canvas import (
    DPI,
    GAP_COLOUR,
    HATCHES,
    LINESTYLES,
    MARKERS,
    PALETTE,
    PANEL_SIZE,
    STYLE,
    ImageFormat,
    Panel,
    axis_money,
    render_grid,
)
from bizcase.render.chart_panels import draw_cumulative, draw_gap
from bizcase.render.chart_risk_panels import METRIC_LABELS, TORNADO_ROWS, draw_fan, draw_tornado
from bizcase.results.option import OptionResult
from bizcase.results.simulation import Fan

if TYPE_CHECKING:
    from bizcase.results.sensitivity import Sensitivity

__all__ = [
    "DPI",
    "GAP_COLOUR",
    "HATCHES",
    "INSTALL_HINT",
    "LINESTYLES",
    "MARKERS",
    "METRIC_LABELS",
    "PALETTE",
    "PANEL_SIZE",
    "STYLE",
    "TORNADO_ROWS",
    "ImageFormat",
    "Panel",
    "axis_money",
    "charts_available",
    "cumulative_chart",
    "draw_cumulative",
    "draw_fan",
    "draw_gap",
    "draw_tornado",
    "fan_chart",
    "gap_chart",
    "overview_chart",
    "render_grid",
    "tornado_chart",
]

INSTALL_HINT = (
    "from the bizcase folder, `.venv/bin/pip install '.[charts]'` (or `pip install matplotlib`) "
    "to draw charts"
)


def charts_available() -> bool:
    """Whether matplotlib can be imported, so a command can say how to install it instead."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


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
    """One tornado per (title, sensitivity), stacked; each panel as tall as its bars need."""
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
