"""The Green Book constants as tables a reviewer can hold against the Treasury's."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from bizcase.model.discount import rate_text
from bizcase.model.green_book import BiasCategory, Schedule
from bizcase.model.units import format_percent


def green_book_tables(
    schedules: Mapping[str, Schedule],
    categories: Mapping[str, BiasCategory],
    source: Callable[[str], tuple[str, str]],
) -> list[RenderableType]:
    rates = Table(title="Discount schedules (discount_rate:)", title_justify="left")
    rates.add_column("Schedule")
    first = next(iter(schedules.values()))
    starts = [0, *[end + 1 for end, _ in first.bands[:-1] if end is not None]]
    ends = [end for end, _ in first.bands]
    for start, end in zip(starts, ends, strict=True):
        rates.add_column(
            f"years {start}-{end}" if end is not None else f"years {start}+", justify="right"
        )
    rates.add_column("Meaning")
    for schedule in schedules.values():
        rates.add_row(
            schedule.name, *[rate_text(rate) for _, rate in schedule.bands], schedule.meaning
        )
    bias = Table(title="Optimism bias (optimism_bias: {category: ...})", title_justify="left")
    for heading in ("Category", "Upper", "Lower", "Works duration", "Applies to"):
        bias.add_column(
            heading, justify="left" if heading in ("Category", "Applies to") else "right"
        )
    for category in categories.values():
        duration = (
            "n/a"
            if category.duration is None
            else f"{format_percent(category.duration[0])} / {format_percent(category.duration[1])}"
        )
        where = "one-off costs" if category.applies_to == "one_off_costs" else "recurring costs"
        bias.add_row(
            category.name,
            format_percent(category.upper),
            format_percent(category.lower),
            duration,
            where,
        )
    out: list[RenderableType] = []
    for table, key in ((rates, "discount"), (bias, "optimism_bias")):
        where, checked = source(key)
        out += [
            table,
            Text(f"Source: {where}.", style="dim"),
            Text(f"Checked: {checked}", style="dim"),
            Text(""),
        ]
    return out
