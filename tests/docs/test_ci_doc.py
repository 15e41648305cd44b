"""docs/ci.md cannot rot: every `bizcase` command in it (the workflow's `run:` steps and
the shell examples) is run here, through bash as GitHub's runner runs a step, in a
temporary repository with an `origin/main` and a pull request's change in the working
tree; and the files the workflow posts and keeps must exist afterwards."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

import bizcase
from tests.diff.conftest import REPO, commit, edit, git

DOC = REPO / "docs" / "ci.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(kind: str) -> list[str]:
    return [body for lang, body in FENCE.findall(DOC.read_text(encoding="utf-8")) if lang == kind]


def workflow_steps() -> list[dict[str, str]]:
    [workflow] = [yaml.safe_load(b) for b in blocks("yaml")]
    [job] = workflow["jobs"].values()
    return [step for step in job["steps"] if step.get("run", "").startswith("bizcase ")]


def shell_commands() -> list[str]:
    return [line for block in blocks("sh") for line in block.splitlines() if line.strip()]


def test_every_bizcase_command_in_the_page_is_one_this_file_runs() -> None:
    written = len(re.findall(r"^\s*(?:run: (?:>-\s*)?)?bizcase ", _code(), re.MULTILINE))
    ran = len(workflow_steps()) + len(shell_commands())
    assert ran == written
    subcommands = [run.split()[1] for run in (s["run"] for s in workflow_steps())]
    assert subcommands == ["validate", "check", "diff", "report"]


def _code() -> str:
    """The code blocks' text, with a folded `run: >-` joined onto its command's line."""
    text = "\n".join(body for _, body in FENCE.findall(DOC.read_text(encoding="utf-8")))
    return re.sub(r"run: >-\n\s*", "run: ", text)


@pytest.fixture
def checkout(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The scenarios committed on main (and fetched, as origin/main), and an environment
    whose `bizcase` is this source tree's."""
    folder = tmp_path / "scenarios-repo"
    shutil.copytree(REPO / "scenarios", folder / "scenarios")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.email", "test@example.org")
    git(folder, "config", "user.name", "Test")
    git(folder, "config", "commit.gpgsign", "false")
    commit(folder, "the scenarios")
    git(folder, "update-ref", "refs/remotes/origin/main", "HEAD")
    tools = tmp_path / "bin"
    tools.mkdir()
    shim = tools / "bizcase"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m bizcase "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    source = str(Path(bizcase.__file__).resolve().parents[1])
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    env["PYTHONPATH"] = source
    for variable in ("BIZCASE_DEBUG", "COLUMNS", "FORCE_COLOR"):
        env.pop(variable, None)
    return folder, env


def bash(script: str, folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """As GitHub's runner runs a `run:` step: bash -e -o pipefail."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=folder, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def test_the_workflow_on_a_pull_request(checkout: tuple[Path, dict[str, str]]) -> None:
    folder, env = checkout
    edit(folder / "scenarios" / "ssdc-solo.yaml", "annual: £0.9m", "annual: £1.0m")
    for step in workflow_steps():
        done = bash(step["run"], folder, env)
        assert done.returncode == 0, (step["name"], done.stderr)
    assert (folder / "report.html").stat().st_size > 0
    suites = ET.parse(folder / "gates.xml").getroot().findall("testsuite")
    assert [len(s.findall("testcase")) for s in suites] == [2]
    comment = (folder / "diff.md").read_text(encoding="utf-8")
    assert "| `savings[1].annual` | changed | £0.9m | £1.0m |" in comment
    assert "No --fail-on condition held (2 tested)." in comment


def test_a_change_the_gates_stop(checkout: tuple[Path, dict[str, str]]) -> None:
    folder, env = checkout
    edit(folder / "scenarios" / "ssdc-solo.yaml", "annual: £2.5m", "annual: £1.5m")
    steps = {step["name"]: step["run"] for step in workflow_steps()}
    done = bash(steps["Compare with the target branch"], folder, env)
    assert done.returncode == 1, done.stderr
    comment = (folder / "diff.md").read_text(encoding="utf-8")  # written all the same
    assert "2 of 2 --fail-on conditions held" in comment


def test_the_shell_examples(checkout: tuple[Path, dict[str, str]]) -> None:
    folder, env = checkout
    for command in shell_commands():
        done = bash(command, folder, env)
        assert done.returncode == 0, (command, done.stderr)
