"""Every API test runs from the repository's top, as the examples do (`scenarios/...`)."""

from __future__ import annotations

import pytest

from tests.api.samples import REPO


@pytest.fixture(autouse=True)
def at_repo_top(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
