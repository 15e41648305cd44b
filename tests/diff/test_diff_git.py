"""`diff REV:PATH` in a temporary repository: the old version read with `git show` (the
working tree left alone), `extends` bases from the same revision, and every way git can
fail said plainly with exit status 2."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.diff.conftest import commit, edit, git

SOLO = "scenarios/ssdc-solo.yaml"

BASE = """\
name: Base
start: 2016/17
years: 3
partners:
  - id: a
    name: Council A
savings:
  - name: Saving
    annual: £100k
"""


def test_the_target_branch_against_the_working_tree(invoke: Invoke, repo: Path) -> None:
    edit(repo / SOLO, "annual: £2.5m", "annual: £2.6m")
    status = git(repo, "status", "--porcelain")
    result = invoke("diff", f"origin/main:{SOLO}", SOLO, "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["old"]["source"] == f"origin/main:{SOLO}"
    assert found["inputs"] == [
        {"path": "savings[0].annual", "change": "changed", "old": "£2.5m", "new": "£2.6m"}
    ]
    npv = found["views"]["ssdc"]["figures"]["npv"]["change"]
    assert npv == pytest.approx(320_328.53, abs=0.01)  # as in test_diff_cli
    assert git(repo, "status", "--porcelain") == status  # nothing checked out or written


def test_two_revisions(invoke: Invoke, repo: Path) -> None:
    edit(repo / SOLO, "annual: £0.9m", "annual: £1.0m")
    commit(repo, "more from digital")
    result = invoke("diff", f"HEAD~1:{SOLO}", f"HEAD:{SOLO}", "--format", "json")
    assert result.exit_code == 0, result.output
    paths = [c["path"] for c in json.loads(result.stdout)["inputs"]]
    assert paths == ["savings[1].annual"]


def test_a_path_from_the_current_folder(
    invoke: Invoke, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "scenarios")
    edit(repo / SOLO, "annual: £2.5m", "annual: £2.6m")
    result = invoke("diff", "HEAD:./ssdc-solo.yaml", "ssdc-solo.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["inputs"]) == 1


def test_extends_resolves_at_the_same_revision(invoke: Invoke, repo: Path) -> None:
    (repo / "scenarios" / "base.yaml").write_text(BASE, encoding="utf-8")
    (repo / "scenarios" / "top.yaml").write_text(
        "extends: base.yaml\nname: Top\n", encoding="utf-8"
    )
    commit(repo, "a base and an option on it")
    edit(repo / "scenarios" / "base.yaml", "£100k", "£150k")  # the working tree's base only
    result = invoke("diff", "HEAD:scenarios/top.yaml", "scenarios/top.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["inputs"] == [
        {"path": "savings[0].annual", "change": "changed", "old": "£100k", "new": "£150k"}
    ]
    assert found["views"]["a"]["figures"]["total_net"]["change"] == pytest.approx(150_000)


def test_a_base_missing_at_the_revision_is_not_read_from_disk(invoke: Invoke, repo: Path) -> None:
    (repo / "scenarios" / "top.yaml").write_text("extends: base.yaml\n", encoding="utf-8")
    commit(repo, "an option whose base was never committed")
    (repo / "scenarios" / "base.yaml").write_text(BASE, encoding="utf-8")
    result = invoke("diff", "HEAD:scenarios/top.yaml", "scenarios/top.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "HEAD:scenarios/top.yaml:1:10: extends: the base file: scenarios/base.yaml does not "
        "exist at HEAD"
    )


@pytest.mark.parametrize(
    ("old", "said"),
    [
        (f"nobranch:{SOLO}", f"nobranch:{SOLO}: no revision 'nobranch' in this repository"),
        ("HEAD:scenarios/missing.yaml", "scenarios/missing.yaml does not exist at HEAD"),
        ("HEAD:scenarios", "scenarios is a folder at HEAD, not a scenario file"),
        ("HEAD:../outside.yaml", "../outside.yaml is not a file inside the repository"),
        ("-n:x.yaml", "'-n' is not a revision"),
    ],
)
def test_git_failures_are_bad_input(invoke: Invoke, repo: Path, old: str, said: str) -> None:
    result = invoke("diff", "--", old, SOLO)
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_outside_a_repository(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.yaml").write_text(textwrap.dedent(BASE), encoding="utf-8")
    monkeypatch.chdir(plain)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = invoke("diff", "HEAD:a.yaml", "a.yaml")
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr


def test_without_git(invoke: Invoke, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-such-folder"))
    result = invoke("diff", f"HEAD:{SOLO}", SOLO)
    assert result.exit_code == 2
    assert "git is not installed" in result.stderr
