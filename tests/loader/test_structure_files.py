"""Councils that change shape, badly written: every problem at once, each with its place."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bizcase.io.loader import load_scenario
from bizcase.problems import InputError

HEAD = "name: Merger\nstart: 2017/18\nyears: 4\n"


def problems(tmp_path: Path, body: str) -> list[str]:
    file = tmp_path / "merger.yaml"
    file.write_text(HEAD + textwrap.dedent(body))
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    return [str(p).replace(str(file), "{f}") for p in caught.value.problems]


def test_succession_out_of_order(tmp_path: Path) -> None:
    body = """\
    partners:
      - {id: tdbc, name: Taunton Deane, until: 2017/18, reserves: {opening: £1m}}
      - {id: wsc, name: West Somerset, until: 2018/19}
      - {id: swt, name: Somerset West and Taunton, from: 2019/20, succeeds: {tdbc: 75%, wsc: 25%}}
      - {id: xx, name: X, from: 2020/21, until: 2019/20}
    """
    assert problems(tmp_path, body) == [
        "{f}:7:73: partners[2].succeeds: tdbc must end the year before swt begins: give tdbc "
        "`until: 2018/19`",
        "{f}:8:45: partners[3].until: `until` 2019/20 is before `from` 2020/21",
    ]


def test_an_item_shared_to_a_council_that_does_not_exist_then(tmp_path: Path) -> None:
    body = """\
    partners:
      - {id: tdbc, name: Taunton Deane, until: 2018/19}
      - {id: wsc, name: West Somerset, until: 2017/18}
      - {id: swt, name: Somerset West and Taunton, from: 2019/20, succeeds: tdbc}
    savings:
      - {name: Early, annual: £1m, share: swt}
      - {name: WS only, annual: £1m, share: wsc}
      - {name: Later, annual: £1m, share: swt, from: 2019/20}
    """
    assert problems(tmp_path, body) == [
        "{f}:9:39: savings[0].share: in 2017/18 Early is shared to swt, which does not exist "
        "until 2019/20: share it to the councils of that year, or change its years",
        "{f}:10:41: savings[1].share: in 2018/19 WS only is shared to wsc, which ended in "
        "2017/18 with no successor: share it to the councils of that year, or change its "
        "years",
    ]


def test_a_successor_needs_its_vesting_year_and_a_year_with_nobody_is_refused(
    tmp_path: Path,
) -> None:
    body = """\
    partners:
      - {id: a, name: A, until: 2017/18}
      - {id: b, name: B, succeeds: a}
      - {id: c, name: C, from: 2019/20}
    """
    found = problems(tmp_path, body)
    assert found == [
        "{f}:6:5: partners[1]: b succeeds other councils, so it needs `from`: the year it "
        "begins (its predecessors' `until` is the year before)",
    ]


def test_a_year_with_no_council_is_refused(tmp_path: Path) -> None:
    body = """\
    partners:
      - {id: a, name: A, until: 2017/18}
      - {id: c, name: C, from: 2019/20}
    """
    assert problems(tmp_path, body) == [
        "{f}:5:3: partners: no partner exists in 2018/19: every year of the horizon needs at "
        "least one council (check `from` and `until`)",
    ]


def test_harmonisation_needs_a_successor_and_its_predecessors_council_tax(
    tmp_path: Path,
) -> None:
    body = """\
    partners:
      - {id: a, name: A, until: 2018/19, council_tax: {band_d: £150, tax_base: 100, increase: 2%}}
      - {id: b, name: B, until: 2018/19}
      - id: c
        name: C
        from: 2019/20
        succeeds: {a: 50%, b: 50%}
        harmonisation: {to: lowest, years: 2, increase: 2%}
      - {id: d, name: D, harmonisation: {to: £100, increase: 0%}}
    """
    assert problems(tmp_path, body) == [
        "{f}:11:20: partners[2].harmonisation: harmonisation needs each predecessor's council "
        "tax: give b `council_tax: {band_d: ..., tax_base: ..., increase: ...}`",
        "{f}:12:37: partners[3].harmonisation: harmonisation is for a successor council: give "
        "it `from` and `succeeds`",
    ]


def test_receipts_outside_a_councils_life_and_reserves_with_nothing_to_carry(
    tmp_path: Path,
) -> None:
    body = """\
    partners:
      - {id: a, name: A, until: 2018/19, capital_receipts: {2019/20: £1m}}
      - {id: b, name: B, until: 2018/19, reserves: {minimum: £1m}}
      - {id: c, name: C, from: 2019/20, succeeds: {a: 50%, b: 50%}, reserves: {minimum: £2m},
         capital_receipts: {2018/19: £5k}}
    one_off_costs:
      - {name: Programme, amount: £1m, year: 2019/20, share: c, funded_by: capital_receipts}
    """
    assert problems(tmp_path, body) == [
        "{f}:5:66: partners[0].capital_receipts.2019/20: a ends in 2018/19, so it has no "
        "receipts in 2019/20: give them to c",
        "{f}:6:48: partners[1].reserves: `reserves` needs `opening`: the general fund "
        "balance at the start of the first year, such as `reserves: {opening: £3.2m, "
        "minimum: £1.5m}` (only a council that `succeeds` others may leave it out, to "
        "carry theirs)",
        "{f}:7:10: warning: partners[2].id: c carries its predecessors' reserves, but a gives "
        "none, so c's balance is not followed: give a `reserves`, or c `reserves.opening`",
        "{f}:8:34: partners[2].capital_receipts.2018/19: c begins in 2019/20, so it has no "
        "receipts in 2018/19: give them to the council of that year (its unused receipts "
        "carry into its successor)",
    ]


def test_a_successor_whose_predecessors_give_no_reserves_needs_an_opening(
    tmp_path: Path,
) -> None:
    body = """\
    partners:
      - {id: a, name: A, until: 2018/19}
      - {id: b, name: B, until: 2018/19}
      - {id: c, name: C, from: 2019/20, succeeds: equal, reserves: {minimum: £2m}}
    """
    assert problems(tmp_path, body) == [
        "{f}:7:64: partners[2].reserves: `reserves` needs `opening`: c's predecessors give "
        "no reserves for it to carry",
    ]
