"""The discount rate: a flat rate, or one of HM Treasury's named schedules of declining rates.

One value carries both how to discount (`factors`) and how to say so (`label`), so no other
module needs to know which schedules exist. Year index 0 is not discounted, as in the
Green Book; Excel's NPV() discounts its first value, so a spreadsheet's NPV of the same cash
flows is ours divided by (1 + r).
"""

from __future__ import annotations

from dataclasses import dataclass

Bands = tuple[tuple[int | None, float], ...]
"""(last year index of the band, or None for every later year; its rate), in order."""

SCHEDULES: dict[str, Bands] = {
    "green_book": (
        (30, 0.035), (75, 0.030), (125, 0.025), (200, 0.020), (300, 0.015), (None, 0.010)
    ),
}  # fmt: skip
"""HM Treasury, The Green Book (2022), Annex A6, Table 8: the standard social time
preference rate, 3.5% for years 0-30, then 3.0%, 2.5%, 2.0%, 1.5% and 1.0% from year 301."""


@dataclass(frozen=True)
class DiscountRate:
    """`name` is the schedule's name, or None for a flat rate (a single open band)."""

    bands: Bands
    name: str | None = None

    @classmethod
    def flat(cls, rate: float) -> DiscountRate:
        return cls(((None, rate),))

    @classmethod
    def schedule(cls, name: str) -> DiscountRate:
        return cls(SCHEDULES[name], name)

    def rate(self, t: int) -> float:
        """The rate that discounts year index t back to year t - 1."""
        for last, rate in self.bands:
            if last is None or t <= last:
                return rate
        return self.bands[-1][1]

    def factors(self, years: int) -> list[float]:
        """factor[0] = 1, factor[t] = factor[t-1] / (1 + rate(t))."""
        found = [1.0]
        for t in range(1, years):
            found.append(found[-1] / (1.0 + self.rate(t)))
        return found[:years]

    @property
    def flat_rate(self) -> float | None:
        return self.bands[0][1] if self.name is None else None

    @property
    def contract(self) -> float | str:
        """As the result contract writes it: the rate as a fraction, or the schedule's name."""
        return self.name if self.name is not None else self.bands[0][1]

    def label(self, years: int | None = None) -> str:
        """`3.50%`, or `Green Book schedule (3.5%, 3.0% from year 31)`: the bands a horizon
        of `years` reaches, and at least the first change of rate (every band where `years`
        is None)."""
        if self.name is None:
            return f"{self.bands[0][1]:.2%}".replace(".00%", "%")
        shown = [f"{self.bands[0][1]:.1%}"]
        for (last, _), (_, rate) in zip(self.bands, self.bands[1:], strict=False):
            assert last is not None
            if years is not None and len(shown) > 1 and last + 1 >= years:
                break
            shown.append(f"{rate:.1%} from year {last + 1}")
        return f"{self.title} schedule ({', '.join(shown)})"

    def phrase(self, years: int) -> str:
        """How a sentence says it: `the Green Book's 3.5%` where a horizon of `years` never
        leaves the first band, else the label."""
        if self.name is None:
            return self.label()
        last = self.bands[0][0]
        if last is None or years <= last + 1:
            return f"the {self.title}'s {self.bands[0][1]:.1%}"
        return f"the {self.label(years)}"

    @property
    def title(self) -> str:
        assert self.name is not None
        return self.name.replace("_", " ").replace("green book", "Green Book")


GREEN_BOOK = DiscountRate.schedule("green_book")
