"""What `--precision` asked of a simulation, and how far it got."""

from __future__ import annotations

from bizcase.records import frozen

Z95 = 1.959963984540054
"""The standard normal's 97.5th percentile: 1.96 standard errors make a 95% interval."""


@frozen
class Precision:
    """How close each simulated figure must be: a fraction of the figure itself (`1%`), or
    an amount of money (`£10k`). Chances are held to the fraction as percentage points
    (a chance of 2% cannot usefully be known to 1% of itself); a money amount says nothing
    about chances, so they are not held to one."""

    text: str
    """As given, for the table's line and the JSON."""
    fraction: float | None = None
    money: float | None = None
    only: frozenset[str] | None = None
    """The figures held to it, named as `Convergence.outside` names them (`total npv p10`);
    None: every figure (`check` holds only those its conditions read)."""

    def holds(self, figure: str) -> bool:
        return self.only is None or figure in self.only


@frozen
class Convergence:
    precision: Precision
    draws_asked: int
    """`--draws`: the most the run could use."""
    outside: tuple[str, ...] = ()
    """The figures whose 95% interval is still wider than the precision (empty: all met
    it), worst first, as `VIEW FIGURE STATISTIC`, e.g. `ssdc npv p10`."""

    @property
    def met(self) -> bool:
        return not self.outside

    @property
    def asked(self) -> str:
        """The JSON's names: `asked` (as given), `fraction`, `money`."""
        return self.precision.text

    @property
    def fraction(self) -> float | None:
        return self.precision.fraction

    @property
    def money(self) -> float | None:
        return self.precision.money


class Converged:
    """What a simulation's results (one option's, or several together) say of their draws:
    how many they could use, and what `--precision` asked."""

    draws: int
    convergence: Convergence | None

    @property
    def draws_asked(self) -> int:
        """The most draws the run could use: `draws` unless `--precision` stopped it early."""
        return self.draws if self.convergence is None else self.convergence.draws_asked

    @property
    def precision(self) -> Convergence | None:
        """The contract's name for `convergence`."""
        return self.convergence
