"""How councils budget: price indices, reserves and capital receipts, as format fields."""

# No `from __future__ import annotations` here: pydantic reads these models' annotations as
# objects instead of evaluating each from text, a seventh of building them at start-up.

from typing import Literal

from bizcase.model.fields import FinancialYear, Model, Money, MoneyByYear
from bizcase.model.prices import IndexName, IndexRateField

FundedBy = Literal["reserves", "capital_receipts", "grant"]
FUNDING_SOURCES: tuple[FundedBy, ...] = ("reserves", "capital_receipts", "grant")


class Prices(Model):
    """`base`: the year whose prices amounts are written in (default: the start)."""

    base: FinancialYear | None = None
    indices: dict[IndexName, IndexRateField] = {}  # noqa: RUF012 (a pydantic default, copied per instance)
    deflator: IndexRateField | None = None
    """The GDP deflator: NPV discounts cash divided by it (real terms, base-year prices)."""


class Reserves(Model):
    opening: Money | None = None
    """The general fund balance at the start of the council's first year. Required, except
    on a successor council, which carries its predecessors' balances unless it gives one."""
    minimum: Money = 0.0
    """The prudent minimum balance the section 151 officer holds to."""


CapitalReceipts = MoneyByYear
"""Receipts available for transformation: by the year they come in, or one amount
available from the start."""
