"""`run` and `compare` as one rectangular CSV table, money to the penny.

Columns: `option, file, partner, partner_name, series`, then one column per financial year
(`2016/17`, ...; with `compare`, every year any option covers, blank where an option does
not), then `total`.

Rows, for each option in the order given:

- one `discount_factor` row (`partner` and `partner_name` blank): the factors, unrounded,
  so that `npv` can be checked as the sum of `net` times them;
- where the file gives `prices`, one `index:NAME` row per price index and a `deflator`
  row: their factors by year, unrounded (NPV discounts `net / deflator`);
- one `sunk_costs` row (`partner` blank): one-off costs spent before the horizon, left out
  of every figure, in the `total` column;
- for each partner, then the total (`partner` `total`, `partner_name`
  `Total, all partners`), one row per series in the result contract's order: `savings`,
  `income`, `costs`, `one_off_costs`, `net_recurring`, `net`, `cumulative_net`, `gap`,
  `remaining_gap`, `optimism_bias`, `risk_costs`, `non_cashable_savings`,
  `funded_from_reserves`, `funded_from_capital_receipts`, `funded_by_grant`, and `reserves`
  (the year-end balance) where the view's balance is followed. `total` is the sum over
  the years, blank for `cumulative_net`, `gap`, `remaining_gap` and `reserves` (a balance
  or a level: a sum would mean nothing);
- then summary rows with their figure in the `total` column and the year columns blank:
  `npv` (pounds), `payback_status` (`paid_back`, `not_within_horizon`,
  `nothing_to_pay_back`), `payback_year` (`2018/19`, blank where not paid back),
  `payback_period` (years, to 6 decimals), `gap_status` (`closed`, `not_closed`, `no_gap`,
  `partial`), `gap_closed_year` (blank where not closed) and `coverage` (a fraction to 6
  decimals, blank where there is no gap to judge); and where the balance is followed
  `reserves_status`, `reserves_lowest` and `reserves_breach_year`.

Money is in pounds to the penny (`1234.50`, negatives with a minus sign), built as in
`bizcase.render.ledger`: for each series and year the partners' pennies add up exactly to
the total row's, each row's `total` is the sum of its years, and the calculated series
follow from the shown inputs (`net = net_recurring - one_off_costs` holds to the penny).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from bizcase.model.units import format_year
from bizcase.render.labels import TOTAL_NAME
from bizcase.render.ledger import npv_pennies, penny_text, penny_views
from bizcase.render.money import pennies
from bizcase.render.text import CsvWriter
from bizcase.results.option import RESERVES, SERIES, OptionResult, View

HEADER = ("option", "file", "partner", "partner_name", "series")
NO_TOTAL = frozenset({"cumulative_net", "gap", "remaining_gap", RESERVES})


def render_csv(options: Sequence[OptionResult]) -> str:
    years = sorted({year for option in options for year in option.years})
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow([*HEADER, *(format_year(y) for y in years), "total"])
    blank_years = [""] * len(years)
    for option in options:

        def by_year(values: Sequence[str], option: OptionResult = option) -> list[str]:
            given = dict(zip(option.years, values, strict=True))
            return [given.get(year, "") for year in years]

        writer.writerow(
            [
                option.name,
                option.file,
                "",
                "",
                "discount_factor",
                *by_year([repr(f) for f in option.discount_factors]),
                "",
            ]
        )
        prices = [(f"index:{name}", f) for name, f in option.index_factors.items()]
        if option.deflators is not None:
            prices.append(("deflator", option.deflators))
        for label, factors in prices:
            writer.writerow(
                [option.name, option.file, "", "", label, *by_year([repr(f) for f in factors]), ""]
            )
        writer.writerow(
            [
                option.name,
                option.file,
                "",
                "",
                "sunk_costs",
                *blank_years,
                penny_text(pennies(option.sunk_total)),
            ]
        )
        views = penny_views(option)
        npvs = npv_pennies(views, overlapping=option.exists is not None)
        for view, npv in zip(views, npvs, strict=True):
            name = view.view.name if view.view.name is not None else TOTAL_NAME
            lead = [option.name, option.file, view.id, name]
            for key in (*SERIES, RESERVES):
                if key not in view.series:
                    continue
                cells = by_year([penny_text(p) for p in view.series[key]])
                total = "" if key in NO_TOTAL else penny_text(sum(view.series[key]))
                writer.writerow([*lead, key, *cells, total])
            coverage = view.view.coverage
            period = view.view.payback_period
            summary = {
                "npv": penny_text(npv),
                "payback_status": view.view.payback_status,
                "payback_year": _year(view.view.payback_year),
                "payback_period": "" if period is None else repr(round(period, 6)),
                "gap_status": view.view.gap_status,
                "gap_closed_year": _year(view.view.gap_closed_year),
                "coverage": "" if coverage is None else repr(round(coverage, 6)),
                "bcr": "" if view.view.bcr is None else repr(round(view.view.bcr, 6)),
                "economic_npv": ""
                if view.view.economic_npv is None
                else penny_text(pennies(view.view.economic_npv)),
                "npv_lower_rate": ""
                if view.view.npv_lower_rate is None
                else penny_text(pennies(view.view.npv_lower_rate)),
                **_reserves_rows(view.view),
            }
            for key, value in summary.items():
                writer.writerow([*lead, key, *blank_years, value])
    return out.getvalue()


def _reserves_rows(view: View) -> dict[str, str]:
    """The reserves summary, where the view's balance is followed."""
    if view.reserves is None:
        return {}
    assert view.reserves_lowest is not None
    return {
        "reserves_status": view.reserves_status,
        "reserves_lowest": penny_text(pennies(view.reserves_lowest)),
        "reserves_breach_year": _year(view.reserves_breach_year),
    }


def _year(year: int | None) -> str:
    return "" if year is None else format_year(year)
