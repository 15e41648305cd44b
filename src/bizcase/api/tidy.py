"""Results in the long (tidy) form analysts load into pandas, R or a spreadsheet: one row
per option, view, series and year. Plain dicts need nothing; a DataFrame needs pandas,
imported only when asked for."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from bizcase.problems import MissingExtra
from bizcase.render.json_out import money
from bizcase.results.option import RESERVES, SERIES, OptionResult

if TYPE_CHECKING:
    from pandas import DataFrame

COLUMNS = ("option", "view", "series", "year", "value")
INSTALL = "pip install 'bizcase[pandas]'"


class Record(TypedDict):
    """One value of one year-by-year series. `year` is the year the financial year starts
    in (2019 for 2019/20); `value` is pounds rounded to a hundredth of a penny, as in the
    JSON results."""

    option: str
    view: str
    series: str
    year: int
    value: float


def records_of(option: OptionResult, views: Iterable[str] | None = None) -> list[Record]:
    """Every series of `views` (default: each partner, then the total), in the contract's
    order, `reserves` last where the view's balance is followed."""
    shown = [option.view(v) for v in views] if views is not None else option.views
    found: list[Record] = []
    for view in shown:
        keys = [*SERIES, RESERVES] if view.reserves is not None else list(SERIES)
        for key in keys:
            for year, value in zip(option.years, view.series[key], strict=True):
                found.append(Record(option=option.name, view=view.id, series=key, year=year,
                                    value=money(value)))  # fmt: skip
    return found


def frame(records: Sequence[Record]) -> DataFrame:
    """The records as a DataFrame with the columns of COLUMNS, in that order."""
    pandas = _pandas()
    return pandas.DataFrame.from_records(list(records), columns=list(COLUMNS))


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingExtra(
            "to_frame()", f"pandas is not installed, and a DataFrame needs it: {INSTALL}"
        ) from None
    return pandas
