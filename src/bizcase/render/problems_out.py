"""`validate`'s problems for machines: GitHub Actions' workflow commands, which put each
problem on the pull request's line, and JSON for any other CI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bizcase.model.units import printable
from bizcase.problems import Problem, format_path
from bizcase.render.json_out import SCHEMA_VERSION


def github_annotations(problems: Sequence[Problem]) -> str:
    """`::error file=F,line=L,col=C::path: message` (`::warning` likewise), one a line;
    the position is left out where a problem has none."""
    lines = []
    for problem in problems:
        where = [f"file={_property(problem.file)}"]
        if problem.line is not None:
            where += [f"line={problem.line}", f"col={problem.column or 1}"]
        text = problem.message
        if problem.path:
            text = f"{format_path(problem.path)}: {text}"
        lines.append(f"::{problem.severity} {','.join(where)}::{_data(text)}")
    return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    """A command's message, escaped as the runner unescapes it (a line break is %0A)."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column if problem.line is None else problem.column or 1,
        "path": format_path(problem.path) or None,
        "message": problem.message,
        "severity": problem.severity,
    }


def validation_json(files: Sequence[tuple[str, bool]], problems: Sequence[Problem]) -> str:
    """`{"schema_version", "valid", "files": [{"file", "valid"}], "problems": [...]}`."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "valid": all(valid for _, valid in files),
        "files": [{"file": file, "valid": valid} for file, valid in files],
        "problems": [problem_dict(problem) for problem in problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
