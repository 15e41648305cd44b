"""Field errors and whole-scenario rules are reported together, in file order."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bizcase.io.loader import load_scenario
from bizcase.problems import InputError


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "multi.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    return [str(p).replace(str(path), "F") for p in caught.value.problems]


def test_typo_and_rule_breaches_come_together(tmp_path: Path) -> None:
    assert problems(
        tmp_path,
        """\
        name: Multi
        kind: joint
        start: 2016/17
        years: 5
        partners:
          - {id: a, name: A}
          - {id: b, name: B}
        savings:
          - name: One
            anual: 100k
          - name: Two
            annual: 100k
            share: c
          - name: Two
            annual: 5k
        one_off_costs:
          - {name: X, amount: 1m, year: 2030/31}
        """,
    ) == [
        "F:9:5: savings[0]: missing required field `annual`",
        "F:10:5: savings[0].anual: unknown field 'anual'; did you mean 'annual'?",
        "F:13:12: savings[1].share: 'c' is not a partner of this option (partners: a, b)",
        "F:14:11: savings[2].name: 'Two' is already the name of savings[1]: "
        "names must be unique within a section",
        "F:17:33: one_off_costs[0].year: 2030/31 is after the horizon (2016/17 to 2020/21): "
        "`years: 15` would include it",
    ]


def test_rules_wait_when_a_partner_is_broken(tmp_path: Path) -> None:
    # With partner b invalid, "share: b" cannot be judged: only the field error is given.
    assert problems(
        tmp_path,
        """\
        name: T
        start: 2016
        years: 2
        partners:
          - {id: a, name: A}
          - {id: B, name: B}
        savings:
          - {name: S, annual: 1k, share: b}
        """,
    ) == [
        "F:6:10: partners[1].id: 'B' is not a valid id: use lower-case letters, digits, "
        "_ and - (such as ssdc)",
    ]
