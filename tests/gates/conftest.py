"""`check` through typer's runner, and a risky option, for the modules that test `check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gates.test_check_cli import RISKY, Invoke, check_invoker, write


@pytest.fixture
def check_cli() -> Invoke:
    """`bizcase check ARGS` (the root conftest's `invoke` takes the command too)."""
    return check_invoker()


@pytest.fixture
def risky(tmp_path: Path) -> str:
    return write(tmp_path / "risky.yaml", RISKY)
