"""The console script registers only the command being run (start-up time), yet every
command, help and completion still work through it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bizcase.cli import COMMANDS, MODULES, modules_for

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["compare", "a.yaml", "b.yaml"], ("core",)),
        (["simulate", "a.yaml", "--draws", "10"], ("risk",)),
        (["init", "--kind", "solo"], ("authoring",)),
        ([], MODULES),
        (["--help"], MODULES),
        (["--version"], MODULES),
        (["compere", "a.yaml"], MODULES),  # a typo: typer needs every name to say so
    ],
)
def test_modules_for(args: list[str], expected: tuple[str, ...]) -> None:
    assert modules_for(args) == expected


def test_every_command_belongs_to_a_module() -> None:
    assert set(COMMANDS.values()) <= set(MODULES)
    from bizcase.cli import app

    registered = {
        command.name or command.callback.__name__
        for command in app.registered_commands
        if command.callback is not None
    }
    assert registered == set(COMMANDS)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bizcase", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


def test_a_single_command_runs_alone_through_the_entry_point() -> None:
    done = run(
        "explain",
        *("scenarios/pioneer-somerset.yaml", "-p", "tdbc", "-y", "2009/10", "-m", "one_off_costs"),
    )
    assert done.returncode == 0, done.stderr
    assert "£13,400.00" in done.stdout


def test_help_through_the_entry_point_lists_every_command() -> None:
    done = run("--help")
    assert done.returncode == 0
    for command in COMMANDS:
        assert f"  {command} " in done.stdout


@pytest.mark.parametrize(
    "command",
    [
        "run", "compare", "validate", "explain", "sensitivity", "switching", "simulate",
        "sweep", "check", "diff", "schema", "init", "chart", "report",
    ],
)  # fmt: skip
def test_help_speaks_the_users_words(command: str) -> None:
    # Placeholders such as FILE..., PARTNER, N, YEAR: never the Python type typer shows by
    # default (<str>, <list[str]>, <int range>) nor click's TEXT and INTEGER.
    from typer.testing import CliRunner

    from bizcase.cli import app

    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    for machine in ("<str>", "<list[str]>", "<int", "<float", "<path", " TEXT", " INTEGER"):
        assert machine not in result.stdout, (command, machine)


def test_the_entry_point_freezes_what_it_imported_and_runs_with_the_collector_on() -> None:
    # Start-up: the collector is paused while the libraries load and what they built is
    # frozen, so no collection walks it again; the command itself must collect as usual.
    script = (
        "import gc, sys\n"
        "from bizcase.cli import main\n"
        "sys.argv = ['bizcase', 'run', 'scenarios/ssdc-solo.yaml', '--format', 'csv']\n"
        "import bizcase.cli.core as core\n"
        "seen = []\n"
        "real = core.open_files\n"
        "core.open_files = lambda *a, **k: (seen.append((gc.isenabled(), gc.get_freeze_count())), real(*a, **k))[1]\n"  # noqa: E501
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(seen)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stderr
    ((enabled, frozen),) = eval(done.stdout.strip().splitlines()[-1])
    assert enabled
    assert frozen > 10_000  # the modules, classes and validators of every library loaded
