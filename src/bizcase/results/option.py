"""One option's figures: each partner's view and the total's, year by year."""

from __future__ import annotations

import math

from bizcase.model.discount import DiscountRate
from bizcase.model.scenario import Kind
from bizcase.records import field, frozen
from bizcase.results.contract import ContractKeys

TOTAL = "total"
"""The id of the view that adds up every partner."""

SERIES = (
    "savings",
    "income",
    "costs",
    "one_off_costs",
    "net_recurring",
    "net",
    "cumulative_net",
    "gap",
    "remaining_gap",
    "optimism_bias",
    "risk_costs",
    "non_cashable_savings",
    "council_tax_harmonisation",
    "funded_from_reserves",
    "funded_from_capital_receipts",
    "funded_by_grant",
)
"""Year-by-year figures of a view, in the order of the result contract. `optimism_bias` is
the part of `costs` and `one_off_costs` that is the Green Book's uplift (already in them);
the `funded_*` series split `one_off_costs` by where the money comes from."""
FUNDED = ("funded_from_reserves", "funded_from_capital_receipts", "funded_by_grant")
RESERVES = "reserves"
"""A series only a view whose balance is followed has (a partner giving `reserves`, or the
total when every partner does): the balance at the end of each year."""
PROJECTED = tuple(
    key
    for key in SERIES
    if key not in ("optimism_bias", "non_cashable_savings", "council_tax_harmonisation", *FUNDED)
)
"""The series the projection computes for every draw as attributes of the same name;
`optimism_bias` and non-cashable savings come from the plan, funding from `funded`."""


TOTALS = {
    "total_savings": "savings",
    "total_income": "income",
    "total_costs": "costs",
    "total_one_off_costs": "one_off_costs",
    "total_net": "net",
    "total_optimism_bias": "optimism_bias",
    "total_risk_costs": "risk_costs",
    "total_non_cashable_savings": "non_cashable_savings",
    "total_council_tax_harmonisation": "council_tax_harmonisation",
    "total_funded_from_reserves": "funded_from_reserves",
    "total_funded_from_capital_receipts": "funded_from_capital_receipts",
    "total_funded_by_grant": "funded_by_grant",
}


@frozen
class View(ContractKeys):
    """One partner's figures, or the total's (`id` "total", `name` None). Each series and
    total is also an attribute named as its key in the result contract (`view.savings`,
    `view.total_net`); years are ints, the year each financial year starts (2019: 2019/20)."""

    id: str
    name: str | None
    series: dict[str, list[float]]
    npv: float
    payback_status: str
    """`paid_back`, `not_within_horizon` or `nothing_to_pay_back`."""
    payback_year: int | None
    payback_period: float | None
    """Years from the start of the horizon to payback (one-off costs at the start of
    their year, savings through it), where paid back."""
    gap_status: str
    """`closed`, `not_closed`, `no_gap`, and for the total also `partial`."""
    gap_closed_year: int | None
    coverage: float | None
    totals: dict[str, float]
    bcr: float | None = None
    """Benefit-cost ratio: PV(savings + income) / PV(recurring costs + one-off costs + risk
    costs), None where nothing is spent."""
    economic_npv: float | None = None
    """NPV of net plus the savings that are not cashable, where a stream says `cashable`
    below 100%; None otherwise."""
    npv_lower_rate: float | None = None
    """NPV at the Green Book's lower rate (`green_book_lower`), for horizons over 50 years
    only, where the Green Book asks for it as a test."""
    from_: int | None = None
    """A partner's first year (the contract's `from`), where it does not always exist."""
    until: int | None = None
    succeeds: dict[str, float] | None = None
    """The councils it succeeds, with each one's area's share of its figures."""
    funding_stated: bool = False
    """Whether the file says how one-off costs are funded (then tables show it)."""
    reserves_status: str = "no_reserves_given"
    """`above_minimum`, `below_minimum`, `no_reserves_given`, and for the total `partial`
    (only some partners give reserves)."""
    reserves_opening: float | None = None
    reserves_minimum: float | None = None
    reserves_lowest: float | None = None
    """The lowest year-end balance, where the balance is followed."""
    reserves_breach_year: int | None = None
    """The first year whose year-end balance is below the minimum."""

    def last(self, series: str) -> float:
        return self.series[series][-1]

    @property
    def reserves(self) -> list[float] | None:
        """The year-end balances, where followed."""
        return self.series.get(RESERVES)


@frozen
class SunkCost:
    """A one-off cost spent before the horizon: reported, never counted."""

    name: str
    amount: float
    years: tuple[int, ...]


@frozen
class BiasItem:
    """A cost with optimism bias, so that a workbook can compute its uplift by formula:
    the cost before the uplift by year, the uplift, and each partner's share."""

    label: str
    """`Cost: Outsourced` or `One-off cost: ICT`."""
    uplift: float
    derivation: str
    """How the uplift was reached: `4.08% (non_standard_buildings: max(4%, 51% x ...))`."""
    before: tuple[float, ...]
    shares: tuple[float, ...]
    """Each partner's share, in partner order."""


@frozen
class IndexedItem:
    """An item that grows with a price index, so that a workbook can compute its cash
    amounts by formula: its amounts in base-year prices, its index, each partner's share."""

    block: str
    """The series it adds to: `savings`, `income`, `costs`, `one_off_costs`, `risk_costs`."""
    label: str
    index: str
    base: tuple[float, ...]
    shares: tuple[float, ...]


@frozen
class OptionResult:
    """A whole option: its partners' views and the total."""

    name: str
    kind: Kind
    file: str
    currency: str
    description: str | None
    years: list[int]
    discount_rate: DiscountRate
    discount_factors: list[float]
    partners: list[View]
    total: View
    sunk_costs: tuple[SunkCost, ...] = ()
    bias_items: tuple[BiasItem, ...] = ()
    price_base: int | None = None
    """The year whose prices amounts are written in, where the file gives `prices`."""
    index_factors: dict[str, list[float]] = field(default_factory=dict)
    """Each price index's factor by year, relative to `price_base`."""
    deflators: list[float] | None = None
    """The GDP deflator's factor by year, where given: NPV discounts net / deflator."""
    prices_text: str | None = None
    """The price basis in words, for assumptions lists: base year, indices, deflator."""
    indexed_items: tuple[IndexedItem, ...] = ()
    referendum_flags: tuple[tuple[str, int, float, float], ...] = ()
    """(area, year, Band D increase, limit) for each harmonised year's increase above the
    area's referendum limit."""
    exists: tuple[tuple[bool, ...], ...] | None = None
    """Where councils change shape: which partners exist each year (partners, years).
    The partners that exist in a year add up to the total; an ended council's view is its
    area's share of its successor's, on top."""
    shape_notes: tuple[str, ...] = ()
    """`From 2019/20 Taunton Deane and West Somerset are one council: ...`."""

    @property
    def price_indices(self) -> dict[str, list[float]]:
        """The contract's name for `index_factors`."""
        return self.index_factors

    @property
    def sunk_cost_items(self) -> tuple[SunkCost, ...]:
        """The contract's name for the items; its `sunk_costs` is their sum, `sunk_total`."""
        return self.sunk_costs

    @property
    def present_factors(self) -> list[float]:
        """What £1 of cash in each year is worth in the NPV: discount factor / deflator."""
        if self.deflators is None:
            return self.discount_factors
        return [f / d for f, d in zip(self.discount_factors, self.deflators, strict=True)]

    @property
    def sunk_total(self) -> float:
        return math.fsum(cost.amount for cost in self.sunk_costs)

    def view(self, partner_id: str | None) -> View:
        """A partner's view, or the total's when `partner_id` is None or "total"."""
        if partner_id in (None, "total"):
            return self.total
        for view in self.partners:
            if view.id == partner_id:
                return view
        raise KeyError(partner_id)

    @property
    def views(self) -> list[View]:
        """The partners' views and the total's; the total alone stands for a one-partner
        option only in the contract, where it is identical to its partner's."""
        return [*self.partners, self.total]

    @property
    def partner_ids(self) -> list[str]:
        return [view.id for view in self.partners]
