"""What `run` and `compare` return: the results' own frozen values (`OptionResult`,
`View`), with what a script or a notebook needs on top: the contract as a dict, the long
form as records or a DataFrame, and an HTML table for Jupyter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from bizcase.records import frozen
from bizcase.results.option import OptionResult, View

if TYPE_CHECKING:
    from pandas import DataFrame

    from bizcase.api.tidy import Record


@frozen
class Result(OptionResult):
    """One option's figures: an `OptionResult`, so every field and `view(id)` are as the
    renderers see them, with `npv`, `payback_year` and the contract's other keys on each
    view. Years are ints (2019 for 2019/20) and money is unrounded pounds here; `to_dict`,
    `to_records` and `to_frame` round money to a hundredth of a penny, as the JSON does.

    >>> import bizcase
    >>> ssdc = bizcase.load("scenarios/ssdc-solo.yaml").run().view("ssdc")
    >>> ssdc.savings[-1], ssdc.payback_year, ssdc.gap_closed_year
    (4200000.0, 2017, 2017)
    """

    @classmethod
    def of(cls, option: OptionResult) -> Result:
        """The same figures (nothing is copied or recalculated) as a `Result`."""
        if isinstance(option, Result):
            return option
        return cls(**{f.name: getattr(option, f.name) for f in fields(OptionResult)})

    def to_dict(self) -> dict[str, Any]:
        """This option as `run --format json` writes it (an entry of its `options`)."""
        from bizcase.render.json_out import option_dict

        return option_dict(self)

    def to_records(self, views: Sequence[str] | None = None) -> list[Record]:
        """The long form: a dict per option, view, series and year (`tidy.COLUMNS`).

        >>> import bizcase
        >>> rows = bizcase.load("scenarios/ssdc-solo.yaml").run().to_records()
        >>> rows[0]
        {'option': 'Solo transformation (SSDC)', 'view': 'ssdc', 'series': 'savings', 'year': 2016, 'value': 1000000.0}
        """  # noqa: E501
        from bizcase.api.tidy import records_of

        return records_of(self, views)

    def to_frame(self, views: Sequence[str] | None = None) -> DataFrame:
        """`to_records` as a pandas DataFrame (columns option, view, series, year, value);
        needs `pip install 'bizcase[pandas]'`, else raises `bizcase.MissingExtra`."""
        from bizcase.api.tidy import frame

        return frame(self.to_records(views))

    def _repr_html_(self) -> str:
        from bizcase.api import html

        return html.figures_table(html.view_columns(self), f"{self.name} ({self.file})")

    def __repr__(self) -> str:
        views = ", ".join(view.id for view in self.views)
        return f"<bizcase.Result {self.name!r} from {self.file}: views {views}>"


@frozen
class Comparison:
    """Options side by side: each one's result (in the order given), the views they have
    in common (or the one asked for), and a note where they cover different years."""

    results: tuple[Result, ...]
    views: tuple[str, ...]
    """The partners every option has (or `partner`), else `("total",)`."""
    note: str | None = None
    baseline: int | None = None
    """The place in `results` of the option the others are measured against, if any."""

    def result(self, name: str) -> Result:
        """An option's result by its name or its file."""
        for result in self.results:
            if name in (result.name, result.file):
                return result
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """As `compare --format json` writes it: `schema_version` and `options` (and with
        a baseline, `baseline` and each option's `vs_baseline`)."""
        from bizcase.render.json_out import results_document

        return results_document(self.results, self.baseline)

    def to_records(self) -> list[Record]:
        """The long form of every option, for the views compared."""
        return [row for result in self.results for row in result.to_records(self.views)]

    def to_frame(self) -> DataFrame:
        """`to_records` as a pandas DataFrame; needs `bizcase[pandas]`."""
        from bizcase.api.tidy import frame

        return frame(self.to_records())

    def _repr_html_(self) -> str:
        from bizcase.api import html

        columns: list[tuple[str, View]] = []
        for result in self.results:
            for heading, view in html.view_columns(result, self.views):
                columns.append((f"{result.name}: {heading}", view))
        caption = "Options compared" + (f" ({self.note})" if self.note else "")
        return html.figures_table(columns, caption)
