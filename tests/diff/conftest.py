"""A temporary git repository for `diff REV:PATH`: scenarios committed on `main`, with a
remote-tracking `origin/main` as a CI checkout has, and the working tree free to change."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding the bundled scenarios, committed; the current folder."""
    folder = tmp_path / "repo"
    (folder / "scenarios").mkdir(parents=True)
    for name in ("ssdc-solo.yaml", "ssdc-sdc-joint.yaml"):
        shutil.copy(REPO / "scenarios" / name, folder / "scenarios" / name)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.email", "test@example.org")
    git(folder, "config", "user.name", "Test")
    git(folder, "config", "commit.gpgsign", "false")
    commit(folder, "the scenarios")
    git(folder, "update-ref", "refs/remotes/origin/main", "HEAD")
    monkeypatch.chdir(folder)
    return folder


def commit(folder: Path, message: str) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must be in {path} once"
    path.write_text(text.replace(old, new), encoding="utf-8")
