"""An option as the Python API hands it out: the appraisal's `Option` (scenario, file,
compiled plan, result, warnings), with methods for what can be asked of one option."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from bizcase.api.results import Result
from bizcase.appraisal import option as appraisal
from bizcase.problems import Problem
from bizcase.records import frozen

if TYPE_CHECKING:
    from bizcase.results.sensitivity import Sensitivity
    from bizcase.results.simulation import Simulation
    from bizcase.results.switching import Switching

DEFAULT_DRAWS, DEFAULT_SEED = 10_000, 0
"""As the CLI's `simulate` and `check`: the same call gives the same figures."""


@frozen
class Option(appraisal.Option):
    """One scenario, validated and calculated once; `warnings` holds the problems that
    did not stop it (the CLI prints them), each a `bizcase.Problem`.

    >>> import bizcase
    >>> option = bizcase.load("scenarios/ssdc-solo.yaml")
    >>> option.name, option.warnings
    ('Solo transformation (SSDC)', ())
    """

    @classmethod
    def of(cls, option: appraisal.Option, warnings: tuple[Problem, ...]) -> Option:
        found = {f.name: getattr(option, f.name) for f in fields(appraisal.Option)}
        return cls(**{**found, "warnings": warnings})

    def run(self) -> Result:
        """The figures of every partner and the total: what `run --format json` gives.

        >>> import bizcase
        >>> result = bizcase.load("scenarios/ssdc-solo.yaml").run()
        >>> round(result.view("ssdc").npv, 2)
        9950366.13
        """
        return Result.of(self.result)

    def sensitivity(
        self,
        partner: str | None = None,
        metric: str = "npv",
        spread: float = 0.2,
        optimism_bias: float | None = None,
    ) -> Sensitivity:
        """`bizcase.sensitivity(self, ...)`."""
        from bizcase.api.functions import sensitivity

        return sensitivity(self, partner, metric, spread, optimism_bias)

    def switching(self, partner: str | None = None) -> Switching:
        """`bizcase.switching(self, ...)`."""
        from bizcase.api.functions import switching

        return switching(self, partner)

    def simulate(
        self,
        draws: int = DEFAULT_DRAWS,
        seed: int = DEFAULT_SEED,
        partner: str | None = None,
        jobs: int | None = None,
    ) -> Simulation:
        """`bizcase.simulate([self], ...)[0]`."""
        from bizcase.api.simulation import simulate

        return simulate([self], draws, seed, partner, jobs)[0]

    def __repr__(self) -> str:
        return f"<bizcase.Option {self.name!r} from {self.file}>"
