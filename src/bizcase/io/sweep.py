"""`bizcase sweep`: one scenario evaluated over a grid of values of some of its fields.

Each `--set PATH=VALUES` names a field (see `bizcase.io.paths`) and its values: a comma list
(`1%,3.5%,6%`, `£1m,£2.5m`, `2016/17,2017/18`) or a range `LOW..HIGH:N` of N evenly spaced
points, both ends included (`£1m..£3m:5`, `1%..6%:6`, `years=5..10:6`). Values from a list
are written into the scenario's data as the user wrote them (text, or a number where the
text is one, as YAML would read it), so the scenario's own validation parses them and says
what is wrong; a range's points are written as pounds (rounded to the penny), fractions or
plain numbers. Several `--set` make the cartesian product, the first varying slowest.

Nothing here prints: the CLI shows the warnings returned and renders the rows.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

from bizcase.io.loader import LoadedScenario, validate_document
from bizcase.io.path_syntax import SOURCE, FieldPath, parse_path, problem
from bizcase.io.paths import Target, overlaps, resolve, with_values
from bizcase.io.sweep_values import MAX_COMBINATIONS, parse_values, split_setting
from bizcase.io.yamlfile import Document
from bizcase.model.units import shown
from bizcase.problems import InputError, Problem
from bizcase.records import frozen
from bizcase.results.sweep import Value


@frozen
class Setting:
    """One `--set PATH=VALUES`, its path resolved against the scenario."""

    path: FieldPath
    target: Target
    values: tuple[Value, ...]

    def label(self, value: Value) -> str:
        return f"{self.path.text}={value.text}"


def parse_settings(texts: Sequence[str], data: Any) -> tuple[Setting, ...]:
    """Every `--set` parsed and resolved against the scenario's data; a field set twice (or
    a field inside another one set) is refused."""
    settings: list[Setting] = []
    for text in texts:
        path_text, values_text = split_setting(text)
        path = parse_path(path_text)
        target = resolve(data, path)
        if not values_text:
            raise problem(f"{text}: no values after =")
        field = str(target[-1])
        values = parse_values(values_text, field, text.strip())
        for other in settings:
            if overlaps(other.target, target):
                raise problem(
                    f"{path.text} and {other.path.text} set the same field, or one inside "
                    "the other: give each field one --set"
                )
        settings.append(Setting(path, target, values))
    if not settings:
        raise problem("give at least one --set PATH=VALUES, such as --set discount_rate=1%,6%")
    size = math.prod(len(s.values) for s in settings)
    if size > MAX_COMBINATIONS:
        counts = " x ".join(str(len(s.values)) for s in settings)
        raise problem(
            f"{counts} = {size:,} combinations, more than a sweep takes "
            f"({MAX_COMBINATIONS:,}): use fewer values or fewer --set"
        )
    return tuple(settings)


def combinations(settings: Sequence[Setting]) -> list[tuple[Value, ...]]:
    """The cartesian product of the settings' values, the first `--set` varying slowest."""
    return list(itertools.product(*(s.values for s in settings)))


def validate_with(
    document: Document,
    file: str,
    settings: Sequence[Setting],
    pairs: Sequence[tuple[Setting, Value]],
) -> LoadedScenario:
    data = with_values(document.data, [(s.target, v.data) for s, v in pairs])
    try:
        return validate_document(Document(document.file, data, document.marks), file)
    except InputError as exc:
        errors = [p for p in exc.problems if p.severity == "error"]
        blamed = [
            (s, v) for s, v in pairs if any(p.path and overlaps(s.target, p.path) for p in errors)
        ] or list(pairs)
        labels = ", ".join(shown(s.label(v)) for s, v in blamed)
        verb = "makes" if len(blamed) == 1 else "make"
        raise InputError(
            [Problem(SOURCE, f"{labels} {verb} the scenario invalid: {p}") for p in errors]
        ) from None
