"""Shared fixtures: a CLI runner with a predictable environment, and a helper that writes
scenario files into tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bizcase.cli import app

CLEAN_ENV: dict[str, str | None] = {
    # Cleared for every invocation: a developer's shell may force colour, set a width or
    # set NO_COLOR, and any of them would change what the tables look like.
    "FORCE_COLOR": None,
    "NO_COLOR": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
    "COLUMNS": None,
    "LINES": None,
    "BIZCASE_DEBUG": None,
}

Invoke = Callable[..., Result]
Write = Callable[[str, str], str]


@pytest.fixture
def runner() -> CliRunner:
    # The installed typer (0.29, with its own copy of click) keeps stderr apart from stdout:
    # result.stdout and result.stderr, and result.output for both interleaved.
    return CliRunner(env=CLEAN_ENV)


@pytest.fixture
def invoke(runner: CliRunner) -> Invoke:
    """`invoke("run", path, env={...})`: run the app in-process, never raising."""

    def _invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env)

    return _invoke


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """`write("a.yaml", yaml_text)`: the dedented text written into tmp_path; its path."""

    def _write(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return str(path)

    return _write
