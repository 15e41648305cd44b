"""Hostile and odd inputs: special files, `extends` that points anywhere, names that look
like field paths. Each is refused before it can hang, leak or crash, with a position."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.conftest import Invoke

from bizcase.io import reads
from bizcase.io.extends import MAX_EXTENDS_DEPTH
from bizcase.io.loader import load_scenario
from bizcase.problems import InputError

BASE = """\
name: Base option
start: 2016/17
years: 2
partners:
  - {id: a, name: Council A}
savings:
  - {name: Shared team, annual: 1000}
"""


def problems(path: Path | str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    return [str(p) for p in caught.value.problems]


@pytest.fixture(autouse=True)
def _fresh_reads() -> None:
    reads.reset()


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_as_input_is_refused_before_reading(special: str) -> None:
    assert problems(special) == [
        f"{special}: this is not a regular file (a device, pipe or socket): give a scenario file"
    ]


def test_a_fifo_as_input_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # opening it for reading would block until a writer came
    assert problems(fifo) == [
        f"{fifo}: this is not a regular file (a device, pipe or socket): give a scenario file"
    ]


def test_a_fifo_as_base_is_refused_at_the_extends_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "base.yaml")
    child = tmp_path / "child.yaml"
    child.write_text("name: Child\nextends: base.yaml\n", encoding="utf-8")
    assert problems(child) == [
        f"{child}:2:10: extends: the base file base.yaml: this is not a regular file "
        "(a device, pipe or socket): give a scenario file"
    ]


def _child(tmp_path: Path, extends: str) -> Path:
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {extends}\n", encoding="utf-8")
    return child


def test_a_nul_byte_in_extends(tmp_path: Path) -> None:
    child = _child(tmp_path, '"base\\0.yaml"')
    assert problems(child) == [
        f"{child}:1:10: extends: the base file name base\\x00.yaml contains a NUL character"
    ]


def test_an_overlong_extends_name(tmp_path: Path) -> None:
    name = "b" * 5000 + ".yaml"
    message = problems(_child(tmp_path, name))[0]
    assert message.endswith("...(5,005 characters) is too long")
    assert len(message) < 400  # the name is not echoed whole


def test_a_symlink_loop_as_base(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop2.yaml")
    (tmp_path / "loop2.yaml").symlink_to(tmp_path / "loop.yaml")
    child = _child(tmp_path, "loop.yaml")
    [message] = problems(child)
    assert message.startswith(f"{child}:1:10: extends: the base file loop.yaml")
    assert "loops back on itself" in message


def test_a_folder_as_base(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    child = _child(tmp_path, "dir.yaml")
    assert problems(child) == [
        f"{child}:1:10: extends: the base file dir.yaml: this is a folder, not a scenario file"
    ]


def test_a_chain_deeper_than_the_limit(tmp_path: Path) -> None:
    (tmp_path / "f0.yaml").write_text(BASE, encoding="utf-8")
    for i in range(1, MAX_EXTENDS_DEPTH + 2):
        (tmp_path / f"f{i}.yaml").write_text(f"extends: f{i - 1}.yaml\n", encoding="utf-8")
    [message] = problems(tmp_path / f"f{MAX_EXTENDS_DEPTH + 1}.yaml")
    assert f"extends is nested more than {MAX_EXTENDS_DEPTH} files deep" in message
    # a chain just inside the limit loads
    assert load_scenario(tmp_path / f"f{MAX_EXTENDS_DEPTH - 2}.yaml").scenario.name == (
        "Base option"
    )


def test_extends_outside_the_tree_is_refused_and_never_quoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    secret = tmp_path.parent / f"{tmp_path.name}-secret.yaml"
    secret.write_text("root: $6$hash-that-must-not-leak\n", encoding="utf-8")
    child = _child(tmp_path, f"../{secret.name}")
    [message] = problems(child)
    assert "is outside the scenario's folder" in message
    assert "--allow-extends-outside" in message
    assert "hash-that-must-not-leak" not in message


def test_extends_to_a_non_yaml_file_is_refused_without_reading(tmp_path: Path) -> None:
    child = _child(tmp_path, "/etc/shadow")
    [message] = problems(child)
    assert message == (
        f"{child}:1:10: extends: the base file /etc/shadow is not a YAML file: "
        "a base is a scenario file (.yaml)"
    )


def test_extends_outside_allowed_on_request(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "options").mkdir()
    child = tmp_path / "options" / "child.yaml"
    child.write_text("extends: ../shared/base.yaml\n", encoding="utf-8")
    refused = invoke("validate", str(child))
    assert refused.exit_code == 2 and "outside the scenario's folder" in refused.stderr
    allowed = invoke("--allow-extends-outside", "validate", str(child))
    assert allowed.exit_code == 0, allowed.output


NAMES_LIKE_PATHS = """\
name: Names that look like paths
start: 2016/17
years: 3
partners:
  - {id: a, name: A}
savings:
  - {name: "savings[7]", annual: 100, anual: 3}
  - {name: "income[0] plan", annual: 100}
  - {name: "income[0] plan", annual: 100, share: zz}
  - {name: "x", annual: bad}
"""


def test_names_that_look_like_paths_do_not_break_the_report(tmp_path: Path) -> None:
    path = tmp_path / "names.yaml"
    path.write_text(NAMES_LIKE_PATHS, encoding="utf-8")
    assert problems(path) == [
        f"{path}:7:39: savings[0].anual: unknown field 'anual'; did you mean 'annual'?",
        # savings[0] failed, so the rules ran on items 1 to 3 and renumbered them back
        f"{path}:9:12: savings[2].name: 'income[0] plan' is already the name of savings[1]: "
        "names must be unique within a section",
        f"{path}:9:50: savings[2].share: 'zz' is not a partner of this option (partners: a)",
        f"{path}:10:25: savings[3].annual: 'bad' is not an amount of money: write pounds as "
        "350000, £13,400, 350k, £4.1m or £2.5bn",
    ]


def _money_file(tmp_path: Path, amount: str) -> Path:
    path = tmp_path / "money.yaml"
    path.write_text(BASE.replace("annual: 1000", f"annual: {amount}"), encoding="utf-8")
    return path


TOO_LARGE = (
    "is more than £10 trillion, the most bizcase accepts: check the amount (and its k, m or bn)"
)


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("1" + "0" * 400, "'a number of about 401 digits'"),
        ("1e308", "'1e+308'"),
        ("1e28", "'1e+28'"),
        ('"£10,000,000,000,001"', "'£10,000,000,000,001'"),
        ('"£10001bn"', "'£10001bn'"),
    ],
)
def test_money_above_ten_trillion_is_refused(tmp_path: Path, amount: str, shown: str) -> None:
    path = _money_file(tmp_path, amount)
    assert problems(path) == [f"{path}:7:33: savings[0].annual: {shown} {TOO_LARGE}"]


def test_ten_trillion_itself_is_accepted(tmp_path: Path) -> None:
    path = _money_file(tmp_path, '"£10,000bn"')
    assert load_scenario(path).scenario.savings[0].annual == 10_000_000_000_000


def test_a_million_digit_amount_is_refused_quickly_and_not_echoed(tmp_path: Path) -> None:
    path = _money_file(tmp_path, '"£1' + "0" * 1_000_000 + '"')
    [message] = problems(path)
    assert message.endswith(f"...(1,000,002 characters)' {TOO_LARGE}")
    assert len(message) < 400


def test_a_nul_character_is_placed_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"name: Base\nstart: 2016/17\nyears: 2\x00\n")
    assert problems(path) == [
        f"{path}:3:9: the file contains a NUL character, which YAML does not allow: delete it "
        "(it may have come from copying from another program)"
    ]


def test_a_file_with_too_many_values_says_so_without_blaming_aliases(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(BASE + "notes: [" + ", ".join(["x"] * 100_001) + "]\n", encoding="utf-8")
    [message] = problems(path)
    assert "the file holds more than 100,000 values" in message
    assert "aliases" not in message


@pytest.mark.parametrize("command", [("schema",), ("init", "--kind", "solo")])
def test_schema_and_init_refuse_an_existing_file_without_force(
    invoke: Invoke, tmp_path: Path, command: tuple[str, ...]
) -> None:
    target = tmp_path / "existing.txt"
    target.write_text("my notes", encoding="utf-8")
    refused = invoke(*command, "-o", str(target))
    assert refused.exit_code == 2
    assert "the file exists: choose another name, or --force to overwrite it" in refused.stderr
    assert target.read_text(encoding="utf-8") == "my notes"
    forced = invoke(*command, "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8") != "my notes"


def test_an_unknown_partner_id_suggests_the_id_whatever_its_case(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(BASE.replace("annual: 1000}", "annual: 1000, share: A}"), encoding="utf-8")
    assert problems(path) == [
        f"{path}:7:46: savings[0].share: 'A' is not a partner of this option (partners: a); "
        "did you mean 'a'?"
    ]
