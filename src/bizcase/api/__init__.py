"""bizcase's Python API: load scenarios, calculate them, and ask what the CLI asks, with
results as frozen values. `import bizcase` gives these names without importing this
package (nor numpy or pydantic) until one is used."""

from __future__ import annotations

from bizcase.api.checks import Checks
from bizcase.api.functions import (
    OptionLike,
    check,
    compare,
    run,
    sensitivity,
    simulate,
    sweep,
    switching,
)
from bizcase.api.loading import load, loads
from bizcase.api.option import Option
from bizcase.api.results import Comparison, Result
from bizcase.api.tidy import Record

__all__ = [
    "Checks",
    "Comparison",
    "Option",
    "OptionLike",
    "Record",
    "Result",
    "check",
    "compare",
    "load",
    "loads",
    "run",
    "sensitivity",
    "simulate",
    "sweep",
    "switching",
]
