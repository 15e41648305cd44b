"""An option's figures in whole pennies, the same in every exported format (CSV, xlsx).

Rounding each figure on its own would let shown figures disagree by a penny: three partners'
£33.33 each do not make the total's £100.00, and a rounded net need not be the rounded
savings less the rounded costs. So exported figures are built the way a ledger is:

- the *inputs* of each year (savings, income, recurring costs, one-off costs, budget gap)
  are rounded for the partners with `split_pennies` against the total's figure rounded to
  the penny (largest remainder), so the partners add up exactly to the total;
- every other series is calculated from those pennies by the contract's own formulas
  (`net_recurring = savings + income - costs`, `net = net_recurring - one_off_costs`,
  `cumulative_net` a running sum of `net`, `remaining_gap = gap - net_recurring`), exactly as
  the workbook's formulas calculate them;
- totals over the horizon are the sums of the year figures shown;
- `reserves` (where followed) runs from the opening balance in pennies:
  `reserves[t] = reserves[t-1] - funded_from_reserves[t] - remaining_gap[t]`;
- `npv` is the sum of the shown `net` times the discount factors (over the deflator, where
  one is given).

Where the inputs are whole pennies (as they are when amounts and shares are round) these are
the engine's figures exactly; otherwise each differs from `--format json` by a few pennies
at most, and never breaks an addition a reader can check.
"""

from __future__ import annotations

import math

from bizcase.records import frozen
from bizcase.render.money import pennies, split_pennies
from bizcase.results.option import FUNDED, RESERVES, TOTALS, OptionResult, View

INPUTS = (
    "savings",
    "income",
    "costs",
    "one_off_costs",
    "gap",
    "optimism_bias",
    "risk_costs",
    "non_cashable_savings",
    "council_tax_harmonisation",
    *FUNDED,
)
"""Series given by the scenario; the others are calculated from them."""


@frozen
class PennyView:
    """One partner's (or the total's) series in whole pennies, as exported."""

    view: View
    series: dict[str, list[int]]
    totals: dict[str, int]
    npv: float
    """In pounds, unrounded: sum of `net` (in pounds) times the discount factors."""

    @property
    def id(self) -> str:
        return self.view.id

    def pounds(self, key: str) -> list[float]:
        return [p / 100 for p in self.series[key]]


def penny_views(option: OptionResult) -> list[PennyView]:
    """The partners' views then the total's, their inputs split to the penny."""
    views = [*option.partners, option.total]
    inputs: list[dict[str, list[int]]] = [{} for _ in views]
    for key in INPUTS:
        years = len(option.years)
        columns = [_split(option, key, t) for t in range(years)]
        for i in range(len(option.partners)):
            inputs[i][key] = [columns[t][i] for t in range(years)]
        inputs[-1][key] = [_total(option, column, t) for t, column in enumerate(columns)]
    openings = [_opening(view) for view in option.partners]
    openings.append(
        sum(o for o in openings if o is not None) if all(o is not None for o in openings) else None
    )
    return [
        _derive(view, given, option.present_factors, opening)
        for view, given, opening in zip(views, inputs, openings, strict=True)
    ]


def _split(option: OptionResult, key: str, t: int) -> list[int]:
    """The partners' pennies of one input in year t, adding up to the total's; where
    councils change shape, among those that exist that year (an ended council's view, its
    area's share of its successor's, is rounded on its own)."""
    parts = [p.series[key][t] for p in option.partners]
    total = option.total.series[key][t]
    if option.exists is None:
        return split_pennies(parts, total)
    live = [p for p in range(len(parts)) if option.exists[p][t]]
    split = dict(zip(live, split_pennies([parts[p] for p in live], total), strict=True))
    return [split[p] if p in split else pennies(parts[p]) for p in range(len(parts))]


def _total(option: OptionResult, column: list[int], t: int) -> int:
    if option.exists is None:
        return sum(column)
    return sum(column[p] for p in range(len(column)) if option.exists[p][t])


def _opening(view: View) -> int | None:
    return None if view.reserves_opening is None else pennies(view.reserves_opening)


def _derive(
    view: View, given: dict[str, list[int]], factors: list[float], opening: int | None
) -> PennyView:
    series = dict(given)
    series["net_recurring"] = [
        s + i - c for s, i, c in zip(given["savings"], given["income"], given["costs"], strict=True)
    ]
    series["net"] = [
        n - o - r
        for n, o, r in zip(
            series["net_recurring"], given["one_off_costs"], given["risk_costs"], strict=True
        )
    ]
    running = 0
    series["cumulative_net"] = []
    for net in series["net"]:
        running += net
        series["cumulative_net"].append(running)
    series["remaining_gap"] = [
        g - n for g, n in zip(given["gap"], series["net_recurring"], strict=True)
    ]
    if opening is not None and view.reserves is not None:
        balance = opening
        series[RESERVES] = []
        for spent, short in zip(
            given["funded_from_reserves"], series["remaining_gap"], strict=True
        ):
            balance -= spent + short
            series[RESERVES].append(balance)
    totals = {key: sum(series[source]) for key, source in TOTALS.items()}
    npv = math.fsum(n / 100 * f for n, f in zip(series["net"], factors, strict=True))
    return PennyView(view=view, series=series, totals=totals, npv=npv)


def npv_pennies(views: list[PennyView], overlapping: bool = False) -> list[int]:
    """The views' NPVs in pennies, the partners' adding up exactly to the total's (last);
    each rounded on its own where the views overlap (councils that change shape)."""
    if overlapping:
        return [pennies(v.npv) for v in views]
    partners = split_pennies([v.npv for v in views[:-1]], views[-1].npv)
    return [*partners, pennies(views[-1].npv)]


def penny_text(amount: int) -> str:
    """Pennies as pounds with two decimals: `1234.50`, `-0.01`, `0.00`."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount) // 100}.{abs(amount) % 100:02d}"
