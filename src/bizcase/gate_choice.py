"""`check`'s metrics of several files simulated together: `p_best`, `p_beats:OTHER` and
`expected_regret`, each read for one file of those given. Pure, like `bizcase.gates`."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from pathlib import PurePath

from bizcase.gates import Condition
from bizcase.problems import InputError, Problem
from bizcase.results.choice import Choice
from bizcase.results.metrics import Value


def stem(file: str) -> str:
    """How `p_beats:OTHER` names a file: its name without the extension, in lower case."""
    return PurePath(file).stem.lower()


def places_of_others(conditions: Sequence[Condition], files: Sequence[str]) -> dict[str, int]:
    """Each `p_beats:OTHER`'s file, by its place among `files`; an InputError naming every
    OTHER that is no file's, or more than one's."""
    stems = [stem(file) for file in files]
    places: dict[str, int] = {}
    problems = []
    for condition in conditions:
        other = condition.other
        if other is None or other in places:
            continue
        matches = [place for place, name in enumerate(stems) if name == other]
        if len(matches) == 1:
            places[other] = matches[0]
            continue
        if matches:
            message = f"'{other}' is the name of {len(matches)} files: rename one of them"
        else:
            close = difflib.get_close_matches(other, stems, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            message = f"'{other}' is none of the files; {hint}(files: {', '.join(stems)})"
        problems.append(Problem("--require", f"'{condition.text}': {message}"))
    if problems:
        raise InputError(problems)
    return places


def needs_several(conditions: Sequence[Condition], files: Sequence[str]) -> list[Problem]:
    """A problem for each comparing condition when only one file is given."""
    if len(files) > 1:
        return []
    return [
        Problem(
            "--require",
            f"'{c.text}': {c.metric.name} compares options: give two or more files",
        )
        for c in conditions
        if c.compares
    ]


def applies(condition: Condition, place: int, others: dict[str, int]) -> bool:
    """`p_beats:OTHER` is checked for every file but OTHER itself."""
    return condition.other is None or others[condition.other] != place


def reader(choice: Choice, place: int, others: dict[str, int]) -> Callable[[Condition], Value]:
    """The comparing metrics of the option at `place`, as `gates.evaluate` reads them."""

    def read(condition: Condition) -> Value:
        view = choice.views[condition.partner]
        name = condition.metric.name
        if name == "p_best":
            raw = view.p_best[place]
        elif name == "expected_regret":
            return round(view.expected_regret[place], 4) + 0.0
        else:
            assert condition.other is not None
            raw = view.p_higher(place, others[condition.other])
        return round(raw, 10) + 0.0

    return read


def error_reader(
    choice: Choice, place: int, others: dict[str, int]
) -> Callable[[Condition], float | None]:
    """The standard errors of `reader`'s metrics."""

    def read(condition: Condition) -> float | None:
        view = choice.views[condition.partner]
        name = condition.metric.name
        if name == "p_best":
            return view.p_best_se[place] if view.p_best_se else None
        if name == "expected_regret":
            return view.expected_regret_se[place] if view.expected_regret_se else None
        assert condition.other is not None
        return view.p_higher_se(place, others[condition.other])

    return read
