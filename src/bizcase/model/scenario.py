"""The scenario format, version 1, as pydantic models: one option of a business case.

Field-level rules live here (units, ranges, shares summing to 100%); rules that need the
whole scenario (known partner ids, years inside the horizon) are in `bizcase.model.rules`.
Models are frozen: once a file is validated nothing downstream changes it.
"""

# No `from __future__ import annotations` here: pydantic reads these models' annotations as
# objects instead of evaluating each from text, a seventh of building them at start-up.

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    Field,
    model_validator,
)

from bizcase.model.correlations import Correlations
from bizcase.model.council_tax import CouncilTax, Harmonisation
from bizcase.model.discount import GREEN_BOOK
from bizcase.model.fields import (
    BudgetGap,
    DiscountRateField,
    FinancialYear,
    Model,
    Money,
    Name,
    OptimismBiasField,
    Phasing,
    ShareSpec,
    Text,
    UnitPercent,
    Weight,
)
from bizcase.model.finance import CapitalReceipts, FundedBy, Prices, Reserves
from bizcase.model.prices import IndexName
from bizcase.model.shares import EQUAL
from bizcase.model.uncertainty import Delay, DriverName, Uncertainty
from bizcase.problems import FieldError


class Partner(Model):
    """A council taking part in the option."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_-]+$", min_length=1, max_length=40)]
    name: Name
    weights: dict[Annotated[str, Field(pattern=r"^[a-z0-9_]+$")], Weight] = {}  # noqa: RUF012 (a pydantic default, copied per instance)
    budget_gap: BudgetGap | None = None
    uncertainty: Uncertainty | None = None
    """On the budget gap: the partner's only amount."""
    driver: DriverName | None = None
    reserves: Reserves | None = None
    """The general fund balance at the start and its prudent minimum: then the figures
    follow the balance year by year."""
    capital_receipts: CapitalReceipts | None = None
    """Receipts available to fund one-off costs that say `funded_by: capital_receipts`."""
    from_: Annotated[FinancialYear | None, Field(alias="from")] = None
    """The first year the council exists (a successor's vesting year); default: always."""
    until: FinancialYear | None = None
    """The last year the council exists; after it, its figures go to its successor."""
    succeeds: ShareSpec | None = None
    """The councils it replaces, and how much of its figures belong to each one's area:
    {tdbc: 78.8%, wsc: 21.2%}, `by population`, or `equal`."""
    council_tax: CouncilTax | None = None
    """Band D, tax base and yearly increase: for council tax harmonisation in a merger."""
    harmonisation: Harmonisation | None = None
    """On a successor: one Band D for its predecessors' areas."""
    note: Text | None = None


class Stream(Model):
    """A recurring saving, income or cost."""

    name: Name
    annual: Money
    from_: Annotated[FinancialYear | None, Field(alias="from")] = None
    until: FinancialYear | None = None
    ramp: tuple[UnitPercent, ...] = ()
    confidence: UnitPercent = 1.0
    share: ShareSpec = EQUAL
    uncertainty: Uncertainty | None = None
    delay: Delay | None = None
    driver: DriverName | None = None
    optimism_bias: OptimismBiasField | None = None
    """Recurring costs only: an uplift that is part of the figures (the Green Book)."""
    cashable: UnitPercent = 1.0
    """Savings only: the share that comes off a budget; the rest (staff time released, cost
    avoided) is reported, and counted in the economic NPV only."""
    index: IndexName | None = None
    """A price index of `prices.indices` the amount grows with; flat cash without one."""
    note: Text | None = None


class OneOffCost(Model):
    """A cost met once, in one year or phased over several."""

    name: Name
    amount: Money
    year: FinancialYear | None = None
    phasing: Phasing | None = None
    sunk: bool = False
    """Spent before the horizon: left out of the appraisal (the Green Book ignores sunk
    costs) but reported, so no money leaves the figures unseen."""
    share: ShareSpec = EQUAL
    uncertainty: Uncertainty | None = None
    delay: Delay | None = None
    driver: DriverName | None = None
    optimism_bias: OptimismBiasField | None = None
    index: IndexName | None = None
    funded_by: FundedBy = "reserves"
    """Where the money comes from: a partner's reserves, its capital receipts, or a grant
    (a grant-funded cost is still a cost, but draws no reserves)."""
    note: Text | None = None

    @model_validator(mode="after")
    def _one_timing(self) -> "OneOffCost":
        if (self.year is None) == (self.phasing is None):
            raise FieldError(
                "give exactly one of `year` (all in one year) or `phasing` (percentages by year)"
            )
        return self

    def phased(self) -> tuple[tuple[int, float], ...]:
        """(year, fraction) pairs, whichever of `year` or `phasing` was given."""
        if self.phasing is not None:
            return self.phasing
        assert self.year is not None
        return ((self.year, 1.0),)


class Risk(Model):
    """A risk in the register: counted at its expected value (probability x impact) as
    written, and occurring or not in each simulated case."""

    name: Name
    probability: UnitPercent
    impact: Money | None = None
    """Once, in `year` or by `phasing`, if the risk occurs."""
    annual: Money | None = None
    """Each year from `from` to `until`, if the risk occurs."""
    year: FinancialYear | None = None
    phasing: Phasing | None = None
    from_: Annotated[FinancialYear | None, Field(alias="from")] = None
    until: FinancialYear | None = None
    share: ShareSpec = EQUAL
    uncertainty: Uncertainty | None = None
    """Of the impact, should the risk occur."""
    driver: DriverName | None = None
    index: IndexName | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> "Risk":
        if (self.impact is None) == (self.annual is None):
            raise FieldError(
                "give exactly one of `impact` (once, with `year` or `phasing`) or `annual` "
                "(each year, with `from` and `until`)"
            )
        if self.impact is not None:
            if (self.year is None) == (self.phasing is None):
                raise FieldError(
                    "a one-off impact needs exactly one of `year` or `phasing` (percentages "
                    "by year)"
                )
            if self.from_ is not None or self.until is not None:
                raise FieldError("`from` and `until` go with `annual`; an `impact` takes `year`")
        elif self.year is not None or self.phasing is not None:
            raise FieldError("`year` and `phasing` go with `impact`; `annual` takes `from`/`until`")
        return self

    def phased(self) -> tuple[tuple[int, float], ...]:
        if self.phasing is not None:
            return self.phasing
        return () if self.year is None else ((self.year, 1.0),)

    @property
    def delay(self) -> None:
        """Risks do not slip: they occur or not (the engine's blocks may slip)."""
        return None

    @property
    def optimism_bias(self) -> None:
        return None


Item = Stream | OneOffCost | Risk
"""Anything with an amount by year: the blocks of a plan."""

MAX_YEARS = 125
"""The longest horizon: a building or an estate is appraised over up to 125 years (the
Green Book's third band of discount rates ends there)."""
LONG_HORIZON = 50
"""Horizons longer than this get NPV at the lower rate as a test (Green Book)."""

MAX_PARTNERS = 100
"""Most partners an option may have (the largest shared-services programmes have a few
dozen): tables, workbooks and the memory of a simulation grow with them."""
MAX_ITEMS = 1_000
"""Most items in one section (a business case has tens)."""

Kind = Literal["solo", "joint", "alliance", "shared_service", "other"]
SECTIONS = ("savings", "income", "costs")


class Scenario(Model):
    """One option of a business case, as validated from a file."""

    name: Name
    kind: Kind = "other"
    description: Text | None = None
    notes: tuple[Text, ...] = ()
    """Assumptions and sources, listed in committee reports."""
    currency: Literal["GBP"] = "GBP"
    start: FinancialYear
    years: Annotated[int, Field(ge=1, le=MAX_YEARS, strict=True)]
    discount_rate: DiscountRateField = Field(
        GREEN_BOOK, json_schema_extra={"default": "green_book"}
    )
    prices: Prices | None = None
    """Price indices and the GDP deflator: amounts grow with an index into cash, NPV
    discounts them in real terms."""
    partners: Annotated[tuple[Partner, ...], Field(min_length=1, max_length=MAX_PARTNERS)]
    savings: Annotated[tuple[Stream, ...], Field(max_length=MAX_ITEMS)] = ()
    income: Annotated[tuple[Stream, ...], Field(max_length=MAX_ITEMS)] = ()
    costs: Annotated[tuple[Stream, ...], Field(max_length=MAX_ITEMS)] = ()
    one_off_costs: Annotated[tuple[OneOffCost, ...], Field(max_length=MAX_ITEMS)] = ()
    risks: Annotated[tuple[Risk, ...], Field(max_length=MAX_ITEMS)] = ()
    """The risk register, at expected value (HM Treasury Green Book)."""
    correlations: Correlations = Field(
        default_factory=dict,
        description="Spearman rank correlations between drivers: {staffing: {demand: 0.6}}",
    )
    """Between drivers, for the risk commands (`bizcase.model.correlations`)."""

    @property
    def drivers(self) -> set[str]:
        """Every driver named by an item, a risk or a partner."""
        items: list[Stream | OneOffCost | Risk | Partner] = [
            *self.savings, *self.income, *self.costs, *self.one_off_costs, *self.risks,
            *self.partners,
        ]  # fmt: skip
        return {item.driver for item in items if item.driver is not None}

    @property
    def end(self) -> int:
        """The last financial year of the horizon."""
        return self.start + self.years - 1

    @property
    def price_base(self) -> int:
        """The year whose prices amounts are written in."""
        base = None if self.prices is None else self.prices.base
        return self.start if base is None else base

    def section(self, name: str) -> tuple[Stream, ...]:
        streams: tuple[Stream, ...] = getattr(self, name)
        return streams


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a file may use for a model (aliases where they differ from the attribute)."""
    return [info.alias or name for name, info in model.model_fields.items()]
