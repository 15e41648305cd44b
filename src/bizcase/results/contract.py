"""A view's series and totals under their keys in the result contract, so that Python code
reads `view.savings` and `view.total_net` where JSON has `"savings"` and `"total_net"`.

The values stay in `View.series` and `View.totals` (where the engine and the renderers
read them); these descriptors are only names for them, typed, one line per key.
"""

from __future__ import annotations

from typing import Generic, TypeVar, overload

T = TypeVar("T")


class _Key(Generic[T]):
    """Reads one key of a view's mapping named by `store` (`series` or `totals`)."""

    store = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name
        self.__doc__ = f"`{name}` of the result contract ({self.store}[{name!r}])."

    @overload
    def __get__(self, view: None, owner: type) -> _Key[T]: ...

    @overload
    def __get__(self, view: ContractKeys, owner: type) -> T: ...

    def __get__(self, view: ContractKeys | None, owner: type) -> _Key[T] | T:
        if view is None:
            return self
        found: T = getattr(view, self.store)[self.key]
        return found


class _Series(_Key[list[float]]):
    store = "series"


class _Total(_Key[float]):
    store = "totals"


class ContractKeys:
    """Year-by-year series (one value per year of the horizon) and totals over the horizon,
    in pounds, under the contract's keys. `tests/api` checks every key of `SERIES` and
    `TOTALS` is here."""

    series: dict[str, list[float]]
    totals: dict[str, float]

    savings = _Series()
    income = _Series()
    costs = _Series()
    one_off_costs = _Series()
    net_recurring = _Series()
    net = _Series()
    cumulative_net = _Series()
    gap = _Series()
    remaining_gap = _Series()
    optimism_bias = _Series()
    risk_costs = _Series()
    non_cashable_savings = _Series()
    council_tax_harmonisation = _Series()
    funded_from_reserves = _Series()
    funded_from_capital_receipts = _Series()
    funded_by_grant = _Series()

    total_savings = _Total()
    total_income = _Total()
    total_costs = _Total()
    total_one_off_costs = _Total()
    total_net = _Total()
    total_optimism_bias = _Total()
    total_risk_costs = _Total()
    total_non_cashable_savings = _Total()
    total_council_tax_harmonisation = _Total()
    total_funded_from_reserves = _Total()
    total_funded_from_capital_receipts = _Total()
    total_funded_by_grant = _Total()
