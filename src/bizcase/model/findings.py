"""A rule broken, as data: where, what, and how bad."""

from __future__ import annotations

from typing import Literal

from bizcase.model.units import Path
from bizcase.records import frozen

Severity = Literal["error", "warning"]


@frozen
class Finding:
    """One rule broken (error) or one figure worth a second look (warning)."""

    path: Path
    text: str
    severity: Severity = "error"
    related: Path = ()
    """Another place the message refers to, kept as structure (never parsed back out of
    text: an item may be named `savings[7]`) so the loader can renumber it."""
    tail: str = ""

    @property
    def message(self) -> str:
        if not self.related:
            return self.text
        section, index = self.related[0], self.related[1]
        return f"{self.text}{section}[{index}]{self.tail}"
