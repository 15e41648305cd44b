"""The discount rate: a flat rate, or one of HM Treasury's named schedules of declining rates.

One value carries both how to discount (`factors`) and how to say so (`label`), so no other
module needs to know which schedules exist. Year index 0 is not discounted, as in the
Green Book; Excel's NPV() discounts its first value, so a spreadsheet's NPV of the same cash
flows is ours divided by (1 + r).
"""

from __future__ import annotations

from bizcase.model.green_book import schedules
from bizcase.records import frozen

Bands = tuple[tuple[int | None, float], ...]
"""(last year index of the band, or None for every later year; its rate), in order."""

SCHEDULES = tuple(schedules())
"""The named schedules a scenario may give (`green_book` and the others of Table 8)."""


@frozen
class DiscountRate:
    """`name` is the schedule's name, or None for a flat rate (a single open band)."""

    bands: Bands
    name: str | None = None

    @classmethod
    def flat(cls, rate: float) -> DiscountRate:
        return cls(((None, rate),))

    @classmethod
    def schedule(cls, name: str) -> DiscountRate:
        return cls(schedules()[name].bands, name)

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
        shown = [rate_text(self.bands[0][1])]
        for (last, _), (_, rate) in zip(self.bands, self.bands[1:], strict=False):
            assert last is not None
            if years is not None and len(shown) > 1 and last + 1 >= years:
                break
            shown.append(f"{rate_text(rate)} from year {last + 1}")
        return f"{self.title} schedule ({', '.join(shown)})"

    def phrase(self, years: int) -> str:
        """How a sentence says it: `the Green Book's 3.5%` where a horizon of `years` never
        leaves the first band, else the label."""
        if self.name is None:
            return self.label()
        last = self.bands[0][0]
        if last is None or years <= last + 1:
            first = rate_text(self.bands[0][1])
            if self.name == "green_book":
                return f"the Green Book's {first}"
            return f"the {self.title} rate of {first}"
        return f"the {self.label(years)}"

    @property
    def title(self) -> str:
        assert self.name is not None
        return self.name.replace("_", " ").replace("green book", "Green Book")


GREEN_BOOK = DiscountRate.schedule("green_book")
LOWER_RATE = DiscountRate.schedule("green_book_lower")
"""The Green Book's test of a long appraisal: NPV again at the reduced rate."""


def rate_text(rate: float) -> str:
    """`3.5%`, `3.0%`, `1.29%`: as the Treasury's table prints them."""
    text = f"{rate * 100:.2f}"
    if text.endswith("0"):
        text = text[:-1]
    return f"{text}%"
