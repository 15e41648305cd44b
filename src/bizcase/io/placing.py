"""Where a problem is in its file: the nearest position the file has for a field's path.

Apart from `validation_errors` because every warning needs it, valid files included, and
the translation of pydantic's errors is needed only when a file is wrong.
"""

from __future__ import annotations

from bizcase.io.yamlfile import Document, Mark
from bizcase.model.units import KEY, Path
from bizcase.problems import Problem


def problem_at(document: Document, path: Path, message: str, severity: str = "error") -> Problem:
    """A problem at `path`, placed at the nearest position the file has for it."""
    file, line, column = _locate(document, path)
    return Problem(
        file,
        message,
        line=line,
        column=column,
        path=tuple(p for p in path if p != KEY),
        severity="warning" if severity == "warning" else "error",
    )


def _locate(document: Document, path: Path) -> Mark:
    """The position of `path`, or of the nearest thing containing it that the file has."""
    marks = document.marks
    candidate = _normalise(path, marks)
    for end in range(len(candidate), -1, -1):
        mark = marks.get(candidate[:end])
        if mark is not None:
            return mark
    return (document.file, 1, 1)


def _normalise(path: Path, marks: dict[Path, Mark]) -> Path:
    """Pydantic and the rules may name a mapping key as an int; the marks hold text keys."""
    out: list[str | int] = []
    for part in path:
        if isinstance(part, int) and (*out, part) not in marks:
            out.append(str(part))
        else:
            out.append(part)
    return tuple(out)
