"""An option: one scenario file, loaded, compiled and projected once."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from bizcase.engine.plan import Plan, compile_plan
from bizcase.engine.projection import project
from bizcase.engine.result import option_result
from bizcase.engine.shortfalls import receipts_findings
from bizcase.io.loader import LoadedScenario
from bizcase.io.options import load_all
from bizcase.model.scenario import Scenario
from bizcase.problems import Problem
from bizcase.records import frozen
from bizcase.results.option import OptionResult

if TYPE_CHECKING:
    from bizcase.risk.sampler import RiskModel


@frozen
class Option:
    """Everything known about one option as written; its risk model is built when first
    asked for (most commands never need it)."""

    scenario: Scenario
    file: str
    plan: Plan
    result: OptionResult
    warnings: tuple[Problem, ...]

    @property
    def name(self) -> str:
        return self.scenario.name

    @cached_property
    def risk_model(self) -> RiskModel:
        from bizcase.risk.sampler import risk_model  # the risk commands' only: not at start-up

        return risk_model(self.scenario)

    @property
    def partner_names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.scenario.partners}


def build_option(loaded: LoadedScenario) -> Option:
    plan = compile_plan(loaded.scenario)
    result = option_result(loaded.scenario, loaded.file, plan, project(plan))
    return Option(loaded.scenario, loaded.file, plan, result, tuple(loaded.warnings))


def open_options(files: Sequence[str]) -> tuple[list[Option], list[Problem]]:
    """Each file as an option, with the warnings to show; raises InputError with the
    problems of every bad file together."""
    loaded, warnings = load_all(files)
    options = [build_option(item) for item in loaded]
    for item, option in zip(loaded, options, strict=True):
        warnings += figure_warnings(item, option.plan)
    return options, warnings


def figure_warnings(loaded: LoadedScenario, plan: Plan | None = None) -> list[Problem]:
    """Warnings only the figures can raise (capital receipts short of the costs they
    fund), placed in the file like any other; `plan` where the option is compiled."""
    found = []
    for finding in receipts_findings(loaded.scenario, plan):
        if loaded.document is None:
            found.append(Problem(loaded.file, finding.message, severity=finding.severity))
        else:
            from bizcase.io.placing import problem_at  # placing, once there is one

            found.append(
                problem_at(loaded.document, finding.path, finding.message, finding.severity)
            )
    return found
