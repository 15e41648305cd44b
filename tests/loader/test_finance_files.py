"""Bad prices, reserves and funding fields: the exact lines a user sees, every problem at
once; and the warnings that a file's funding calls for."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bizcase.appraisal.option import open_options
from bizcase.io.loader import load_scenario
from bizcase.problems import InputError

HEAD = """\
name: Funded
start: 2016/17
years: 3
"""


def problems(tmp_path: Path, body: str) -> list[str]:
    file = tmp_path / "case.yaml"
    file.write_text(HEAD + textwrap.dedent(body))
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    return [str(p).replace(str(file), "{f}") for p in caught.value.problems]


def test_bad_rates_typos_and_sources_all_at_once(tmp_path: Path) -> None:
    body = """\
    prices:
      indices:
        pay: {2017/18: 1%, 2018/19: -150%}
        contracts: 3.5
      deflatr: 2%
    partners:
      - id: a
        name: A
        reserves: {opening: £500k, minmum: £300k}
    one_off_costs:
      - {name: ICT, amount: £1m, year: 2016/17, funded_by: capital_reciepts}
    """
    assert problems(tmp_path, body) == [
        "{f}:6:33: prices.indices.pay.2018/19: '-150%' would take prices to nothing or "
        "below: a rate of change must be above -100%",
        "{f}:7:16: prices.indices.contracts: 3.5 is not a percentage: write 3.5% (with the % "
        "sign) or the fraction 0.035",
        "{f}:8:3: prices.deflatr: unknown field 'deflatr'; did you mean 'deflator'?",
        "{f}:12:32: partners[0].reserves.minmum: unknown field 'minmum'; did you mean 'minimum'?",
        "{f}:14:56: one_off_costs[0].funded_by: 'capital_reciepts' is not one of reserves, "
        "capital_receipts or grant; did you mean 'capital_receipts'?",
    ]


def test_an_unknown_index_is_named_with_the_likeliest(tmp_path: Path) -> None:
    body = """\
    prices: {indices: {pay: 2%}, deflator: 2%}
    partners: [{id: a, name: A}]
    savings:
      - {name: Team, annual: £1m, index: payy}
    """
    assert problems(tmp_path, body) == [
        "{f}:7:38: savings[0].index: 'payy' is not a price index of prices.indices (pay); "
        "did you mean 'pay'?"
    ]


def test_an_index_needs_a_deflator_for_npv(tmp_path: Path) -> None:
    body = """\
    prices: {indices: {pay: 2%}}
    partners: [{id: a, name: A}]
    costs:
      - {name: Team, annual: £1m, index: pay}
    """
    [message] = problems(tmp_path, body)
    assert message.startswith("{f}:4:9: prices: NPV needs real prices: give prices.deflator")


def test_an_index_without_any_prices(tmp_path: Path) -> None:
    body = """\
    partners: [{id: a, name: A}]
    one_off_costs:
      - {name: ICT, amount: £1m, year: 2016/17, index: contracts}
    """
    found = problems(tmp_path, body)
    assert found[0].startswith(
        "{f}:6:52: one_off_costs[0].index: there is no price index 'contracts': define it "
        "under prices.indices"
    )
    assert "NPV needs real prices" in found[1]


def test_receipts_short_of_their_costs_warn_with_the_amount_and_year(tmp_path: Path) -> None:
    file = tmp_path / "short.yaml"
    file.write_text(
        HEAD
        + textwrap.dedent(
            """\
            partners:
              - {id: a, name: A, capital_receipts: {2016/17: £40k}}
              - {id: b, name: B}
            one_off_costs:
              - {name: Redundancy, amount: £200k, year: 2016/17, funded_by: capital_receipts}
            """
        )
    )
    _, warnings = open_options([str(file)])
    assert [str(w).replace(str(file), "{f}") for w in warnings] == [
        # A's half is £100,000; £40,000 of receipts leave £60,000 to reserves.
        "{f}:5:40: warning: partners[0].capital_receipts: A's capital receipts cannot cover "
        "£60,000.00 in 2016/17 of its one-off costs funded by capital receipts: that part is "
        "met from reserves",
        "{f}:6:10: warning: partners[1].id: B gives no capital_receipts, so its share of the "
        "one-off costs funded by capital receipts (£100,000.00 in 2016/17) is met from "
        "reserves",
    ]


def test_receipts_that_fund_nothing_warn(tmp_path: Path) -> None:
    file = tmp_path / "idle.yaml"
    file.write_text(
        HEAD + "partners:\n  - {id: a, name: A, capital_receipts: {2016/17: £40k, 2030/31: £1}}\n"
    )
    warnings = [str(w) for w in load_scenario(file).warnings]
    assert len(warnings) == 2
    assert "these receipts fund nothing" in warnings[0]
    assert "2030/31 is after the horizon (ends 2018/19)" in warnings[1]
