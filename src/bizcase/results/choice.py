"""What a joint simulation of several options says about choosing between them.

The options are simulated on common random numbers (draw k of every option takes the same
quantile for every shared driver), so the figures below compare the options case by case,
not one option's luck against another's.
"""

from __future__ import annotations

from bizcase.records import frozen
from bizcase.results.convergence import Converged, Convergence
from bizcase.results.simulation import Simulation, Spread

TIE = 0.005
"""NPVs within half a penny are tied: neither is higher, and a tie for the highest is
shared equally between the options tied (so the chances of being best still sum to 1)."""


@frozen
class Pair:
    """Option `first` against option `second` (places in the order given), case by case."""

    first: int
    second: int
    p_first_higher: float
    p_second_higher: float
    """The two need not sum to 1: a tie counts for neither."""
    difference: Spread
    """first's NPV minus second's, across the draws."""
    p_first_higher_se: float = 0.0
    p_second_higher_se: float = 0.0


@frozen
class ViewChoice:
    """The options compared for one view (a partner, or the total)."""

    view: str
    p_best: tuple[float, ...]
    """The chance each option has the highest NPV."""
    expected_regret: tuple[float, ...]
    """The mean of (the best option's NPV - this option's) across the draws: what choosing
    this option costs on average against hindsight; 0 for one that is always best."""
    pairs: tuple[Pair, ...]
    p_best_se: tuple[float, ...] = ()
    """The standard error of each chance of being best (of the draws' shares of it)."""
    expected_regret_se: tuple[float, ...] = ()

    def p_higher(self, first: int, second: int) -> float:
        """The chance option `first` has a higher NPV than option `second`."""
        pair, ordered = self._pair(first, second)
        return pair.p_first_higher if ordered else pair.p_second_higher

    def p_higher_se(self, first: int, second: int) -> float:
        """The standard error of `p_higher(first, second)`."""
        pair, ordered = self._pair(first, second)
        return pair.p_first_higher_se if ordered else pair.p_second_higher_se

    def _pair(self, first: int, second: int) -> tuple[Pair, bool]:
        """The pair of the two options, and whether `first` is its first."""
        for pair in self.pairs:
            if (pair.first, pair.second) in ((first, second), (second, first)):
                return pair, pair.first == first
        raise KeyError((first, second))


@frozen
class Choice(Converged):
    draws: int
    seed: int
    options: tuple[Simulation, ...]
    """Each option's own summaries, from the common draws, in the order given."""
    views: dict[str, ViewChoice]
    convergence: Convergence | None = None
    """Where `--precision` was given: what it asked and whether every figure met it."""
