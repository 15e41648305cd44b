"""How the report names a view (a partner, or all partners together) and an option's years."""

from __future__ import annotations

from bizcase.render.money import format_year
from bizcase.results.option import OptionResult, View


def view_label(view: View) -> str:
    return "all partners together" if view.name is None else view.name


def view_heading(view: View) -> str:
    """Councils by name in a committee report's headings: ids are for scenario files."""
    return "All partners together" if view.name is None else view.name


def _span(option: OptionResult) -> str:
    return f"{format_year(option.years[0])} to {format_year(option.years[-1])}"
