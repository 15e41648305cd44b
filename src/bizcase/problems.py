"""Problems as data: where in which file, what is wrong, how bad. One root exception."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from bizcase.records import frozen

if TYPE_CHECKING:
    from bizcase.model.units import Path

EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 1, 2


@frozen
class Problem:
    """One problem found in an input, with its position (1-based) when known."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: Path = ()
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        from bizcase.model.units import printable

        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        parts = [where]
        if self.severity == "warning":
            parts.append("warning")
        if self.path:
            parts.append(format_path(self.path))
        return printable(": ".join([*parts, self.message]))


def format_path(path: Path) -> str:
    """`savings[0].annual`, `partners[1].budget_gap.2016/17`."""
    from bizcase.model.units import KEY

    text = ""
    for part in path:
        if part == KEY:
            continue
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class BizcaseError(Exception):
    """Root of every error bizcase reports to a user; the CLI maps it to an exit status."""

    exit_code = EXIT_BAD_INPUT
    outcome = "nothing was calculated"

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(file="bizcase", message=problems)]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(BizcaseError):
    """A file or an argument is wrong: exit status 2, nothing written."""


class ScenarioError(InputError):
    """A scenario (a file, a mapping or YAML text) is not valid: `problems` holds every
    problem found, each with its file, line, column and field path, as the CLI prints them.
    Raised by the Python API; the CLI reports it like any other input error (exit 2)."""


class OutputError(BizcaseError):
    """The results could not be written (a read-only file, a full disk, an input as the
    output): exit status 2, like bad usage, and any file already there is left as it was."""

    outcome = "nothing was written"


class MissingExtra(InputError):
    """An optional library a format needs is not installed: exit status 2, with how to
    install it."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__([Problem(where, message)])


class MessageError(BizcaseError):
    """An error known only by its message until the caller says where it happened (which
    file, field or option): callers turn it into a Problem there."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FieldError(MessageError, ValueError):
    """A problem with one value; `at` extends the field path to the exact spot inside it.
    A ValueError too, so that pydantic reports it from inside a validator."""

    def __init__(self, message: str, at: Path = ()) -> None:
        super().__init__(message)
        self.at = at
