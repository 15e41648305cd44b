"""bizcase: business cases for UK local-government finance, from YAML to figures.

The Python API (README, "Python API"):

    import bizcase
    option = bizcase.load("scenarios/ssdc-solo.yaml")   # or loads(yaml_text), load(mapping)
    result = option.run()                              # run --format json's figures
    result.view("ssdc").npv, result.view("ssdc").payback_year

Its names are imported when first used, so `import bizcase` (and the `bizcase` command's
start-up) pays for none of numpy, pydantic or the calculation until then.
"""

import sys

TYPE_CHECKING = False
"""typing's own flag, without importing typing (a fifth of a bare start-up's time)."""

__version__ = "0.6.0"

_FUNCTIONS = "bizcase.api.functions"
_PROBLEMS = "bizcase.problems"
_LAZY = {
    "load": "bizcase.api.loading",
    "loads": "bizcase.api.loading",
    "run": _FUNCTIONS,
    "compare": _FUNCTIONS,
    "sensitivity": _FUNCTIONS,
    "switching": _FUNCTIONS,
    "simulate": "bizcase.api.simulation",
    "choose": "bizcase.api.simulation",
    "sweep": _FUNCTIONS,
    "check": _FUNCTIONS,
    "withdraw": _FUNCTIONS,
    "Option": "bizcase.api.option",
    "OptionLike": _FUNCTIONS,
    "Result": "bizcase.api.results",
    "Comparison": "bizcase.api.results",
    "Checks": "bizcase.api.checks",
    "Record": "bizcase.api.tidy",
    "View": "bizcase.results.option",
    "Problem": _PROBLEMS,
    "BizcaseError": _PROBLEMS,
    "InputError": _PROBLEMS,
    "ScenarioError": _PROBLEMS,
    "MissingExtra": _PROBLEMS,
    "format_year": "bizcase.model.units",
}
"""Each public name and the module it comes from, imported on first use."""

__all__ = [
    "BizcaseError",
    "Checks",
    "Comparison",
    "InputError",
    "MissingExtra",
    "Option",
    "OptionLike",
    "Problem",
    "Record",
    "Result",
    "ScenarioError",
    "View",
    "__version__",
    "check",
    "choose",
    "compare",
    "format_year",
    "load",
    "loads",
    "run",
    "sensitivity",
    "simulate",
    "sweep",
    "switching",
    "withdraw",
]
"""The public API; `tests/api` checks it is `_LAZY`'s names and `__version__`."""

if TYPE_CHECKING:
    from typing import Any

    from bizcase.api.checks import Checks
    from bizcase.api.functions import (
        OptionLike,
        check,
        compare,
        run,
        sensitivity,
        sweep,
        switching,
        withdraw,
    )
    from bizcase.api.loading import load, loads
    from bizcase.api.option import Option
    from bizcase.api.results import Comparison, Result
    from bizcase.api.simulation import choose, simulate
    from bizcase.api.tidy import Record
    from bizcase.model.units import format_year
    from bizcase.problems import BizcaseError, InputError, MissingExtra, Problem, ScenarioError
    from bizcase.results.option import View


def __getattr__(name: str) -> "Any":
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'bizcase' has no attribute {name!r}")
    __import__(module)  # importlib.import_module, without importing importlib
    value = getattr(sys.modules[module], name)
    globals()[name] = value  # found once; later uses are plain lookups
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
