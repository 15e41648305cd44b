"""One bad file per rule: the exact `FILE:LINE:COL: field.path: message` lines a user sees.

Each case is a small scenario file (dedented) and the complete list of problems expected,
with `{f}` standing for the file's path. Every problem in a file is reported at once, in
line order.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from bizcase.io.loader import load_scenario
from bizcase.problems import InputError


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    expected: list[str]


CASES = [
    Case(
        "names and text that are not text, or empty",
        """\
        name: ""
        description: [a, b]
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: 42
            driver: {a: 1}
            note: true
        """,
        [
            "{f}:1:7: name: must not be empty, got ''",
            "{f}:2:14: description: expected text, got a list",
            "{f}:7:11: partners[0].name: expected text, got 42",
            "{f}:8:13: partners[0].driver: expected text, got a mapping",
            "{f}:9:11: partners[0].note: expected text, got true",
        ],
    ),
    Case(
        "missing required field",
        """\
        name: Shared service
        start: 2016/17
        partners:
          - id: ssdc
            name: South Somerset
        """,
        ["{f}:1:1: missing required field `years`"],
    ),
    Case(
        "missing required field inside a list item",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
        """,
        ["{f}:5:5: partners[0]: missing required field `name`"],
    ),
    Case(
        "unknown field with did you mean",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        savings:
          - name: Management
            annual: £1m
            confidance: 90%
        """,
        ["{f}:10:5: savings[0].confidance: unknown field 'confidance'; did you mean 'confidence'?"],
    ),
    Case(
        "misspelt required field is both missing and unknown",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        one_off_costs:
          - name: Redundancy
            ammount: £1m
            year: 2016/17
        """,
        [
            "{f}:8:5: one_off_costs[0]: missing required field `amount`",
            "{f}:9:5: one_off_costs[0].ammount: unknown field 'ammount'; did you mean 'amount'?",
        ],
    ),
    Case(
        "unknown top-level field with did you mean",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        discount: 3.5%
        partners:
          - id: ssdc
            name: South Somerset
        """,
        ["{f}:4:1: discount: unknown field 'discount'; did you mean 'discount_rate'?"],
    ),
    Case(
        "unknown top-level field with nothing close lists the fields",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        author: Finance team
        partners:
          - id: ssdc
            name: South Somerset
        """,
        [
            "{f}:4:1: author: unknown field 'author' (fields here: name, kind, description, "
            "notes, currency, start, years, discount_rate, prices, partners, savings, income, "
            "costs, one_off_costs, risks, correlations, extends)"
        ],
    ),
    Case(
        "unknown kind with did you mean",
        """\
        name: Shared service
        kind: jiont
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
          - id: sdc
            name: Sedgemoor
        """,
        [
            "{f}:2:7: kind: 'jiont' is not one of solo, joint, alliance, shared_service or "
            "other; did you mean 'joint'?"
        ],
    ),
    Case(
        "wrong type of value: a number where a list is expected",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        savings: 350000
        """,
        ["{f}:7:10: savings: expected a list (items starting with -), got 350000"],
    ),
    Case(
        "wrong type of value: a list where a mapping is expected",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - ssdc
        """,
        ["{f}:5:5: partners[0]: expected a mapping of fields (key: value lines), got 'ssdc'"],
    ),
    Case(
        "solo with two partners",
        """\
        name: Go it alone
        kind: solo
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
          - id: sdc
            name: Sedgemoor
        """,
        [
            "{f}:6:3: partners: a solo option has exactly one partner, this one has 2: "
            "use kind joint, alliance or shared_service for several"
        ],
    ),
    Case(
        "joint with one partner",
        """\
        name: Joint service
        kind: joint
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        """,
        ["{f}:6:3: partners: a joint option needs at least 2 partners, this one has 1"],
    ),
    Case(
        "no partners",
        """\
        name: Nobody
        start: 2016/17
        years: 5
        partners: []
        """,
        ["{f}:4:11: partners: at least one partner is needed"],
    ),
    Case(
        "duplicate partner id",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
          - id: ssdc
            name: Sedgemoor
        """,
        ["{f}:7:9: partners[1].id: partner id 'ssdc' is used twice: each partner needs its own id"],
    ),
    Case(
        "invalid partner id in upper case",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: SSDC
            name: South Somerset
        """,
        [
            "{f}:5:9: partners[0].id: 'SSDC' is not a valid id: use lower-case letters, "
            "digits, _ and - (such as ssdc)"
        ],
    ),
    Case(
        "reserved partner id",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: total
            name: South Somerset
        """,
        ["{f}:5:9: partners[0].id: 'total' is reserved in bizcase: choose another partner id"],
    ),
    Case(
        "invalid weight name",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
            weights: {Population: 161000}
        """,
        [
            "{f}:7:15: partners[0].weights.Population: 'Population' is not a valid weight "
            "name: use lower-case letters, digits and _"
        ],
    ),
    Case(
        "share naming an unknown partner",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
          - id: sdc
            name: Sedgemoor
        savings:
          - name: Management
            annual: £1m
            share: mdc
        """,
        [
            "{f}:12:12: savings[0].share: 'mdc' is not a partner of this option "
            "(partners: ssdc, sdc)"
        ],
    ),
    Case(
        "share mapping not summing to 100%",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
          - id: sdc
            name: Sedgemoor
        savings:
          - name: Management
            annual: £1m
            share: {ssdc: 48%, sdc: 42%}
        """,
        [
            "{f}:12:12: savings[0].share: shares sum to 90%, not 100%: make them add up to "
            "100% (partners left out get nothing)"
        ],
    ),
    Case(
        "share mapping with an unknown partner key is placed at the key",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
          - id: sdc
            name: Sedgemoor
        costs:
          - name: ICT
            annual: 50k
            share:
              ssdc: 48%
              mdc: 52%
        """,
        [
            "{f}:14:7: costs[0].share.mdc: 'mdc' is not a partner of this option "
            "(partners: ssdc, sdc)"
        ],
    ),
    Case(
        "share mapping with a bad percentage is placed at that value",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
          - id: sdc
            name: Sedgemoor
        costs:
          - name: ICT
            annual: 50k
            share:
              ssdc: 48
              sdc: 52%
        """,
        [
            "{f}:13:13: costs[0].share.ssdc: 48 is not a percentage: write 48% (with the % sign) "
            "or the fraction 0.48"
        ],
    ),
    Case(
        "share by a weight some partner lacks",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
            weights: {population: 161000}
          - id: sdc
            name: Sedgemoor
        one_off_costs:
          - name: Redundancy
            amount: £1.5m
            year: 2016/17
            share: by population
        """,
        [
            "{f}:14:12: one_off_costs[0].share: share by population: sdc has no `population` "
            "under `weights` (every partner needs one)"
        ],
    ),
    Case(
        "share by a weight that adds up to nothing",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
            weights: {population: 0}
          - id: sdc
            name: Sedgemoor
            weights: {population: 0}
        savings:
          - name: Management
            annual: £1m
            share: by population
        """,
        ["{f}:14:12: savings[0].share: share by population: the partners' weights add up to 0"],
    ),
    Case(
        "share by a weight several partners lack",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - {id: ssdc, name: South Somerset}
          - {id: sdc, name: Sedgemoor}
        savings:
          - name: Management
            annual: £1m
            share: by net_budget
        """,
        [
            "{f}:10:12: savings[0].share: share by net_budget: ssdc, sdc have no `net_budget` "
            "under `weights` (every partner needs one)"
        ],
    ),
    Case(
        "phasing not summing to 100%",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        one_off_costs:
          - name: Redundancy
            amount: £1.5m
            phasing: {2016/17: 60%, 2017/18: 30%}
        """,
        [
            "{f}:10:14: one_off_costs[0].phasing: phasing sums to 90%, not 100%: "
            "make it add up to 100%"
        ],
    ),
    Case(
        "phasing giving the same year twice",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        one_off_costs:
          - name: Redundancy
            amount: £1.5m
            phasing:
              2016/17: 60%
              2016: 40%
        """,
        [
            "{f}:12:7: one_off_costs[0].phasing.2016: '2016' and '2016/17' are the same "
            "financial year (2016/17): give it once"
        ],
    ),
    Case(
        "one-off cost with both year and phasing",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        one_off_costs:
          - name: Redundancy
            amount: £1.5m
            year: 2016/17
            phasing: {2016/17: 60%, 2017/18: 40%}
        """,
        [
            "{f}:8:5: one_off_costs[0]: give exactly one of `year` (all in one year) or "
            "`phasing` (percentages by year)"
        ],
    ),
    Case(
        "one-off cost with neither year nor phasing",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        one_off_costs:
          - name: Redundancy
            amount: £1.5m
        """,
        [
            "{f}:8:5: one_off_costs[0]: give exactly one of `year` (all in one year) or "
            "`phasing` (percentages by year)"
        ],
    ),
    Case(
        "until before from",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        income:
          - name: Trading
            annual: 20k
            from: 2018/19
            until: 2017/18
        """,
        ["{f}:11:12: income[0].until: until 2017/18 is before from 2018/19"],
    ),
    Case(
        "until before the default from (the start)",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        income:
          - name: Trading
            annual: 20k
            until: 2015/16
        """,
        ["{f}:10:12: income[0].until: until 2015/16 is before from 2016/17"],
    ),
    Case(
        "percentage written as 3.5",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        discount_rate: 3.5
        partners:
          - id: ssdc
            name: South Somerset
        """,
        [
            "{f}:4:16: discount_rate: 3.5 is not a percentage: write 3.5% (with the % sign) "
            "or the fraction 0.035"
        ],
    ),
    Case(
        "confidence above 100%",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        savings:
          - name: Management
            annual: £1m
            confidence: 120%
        """,
        ["{f}:10:17: savings[0].confidence: '120%' is above 100%: it must be between 0% and 100%"],
    ),
    Case(
        "ramp entry is placed at its index",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        savings:
          - name: Management
            annual: £1m
            ramp: [50%, 75, 100%]
        """,
        [
            "{f}:10:17: savings[0].ramp[1]: 75 is not a percentage: write 75% (with the % sign) "
            "or the fraction 0.75"
        ],
    ),
    Case(
        "negative money",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        costs:
          - name: ICT
            annual: -50000
        """,
        [
            "{f}:9:13: costs[0].annual: money is never negative (got -50000): "
            "the section it is in gives its sign"
        ],
    ),
    Case(
        "money that is not money",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        costs:
          - name: ICT
            annual: abc
        """,
        [
            "{f}:9:13: costs[0].annual: 'abc' is not an amount of money: write pounds as "
            "350000, £13,400, 350k, £4.1m or £2.5bn"
        ],
    ),
    Case(
        "money with misplaced thousands commas",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        costs:
          - name: ICT
            annual: "1,00"
        """,
        [
            "{f}:9:13: costs[0].annual: '1,00' is not an amount of money: write pounds as "
            "350000, £13,400, 350k, £4.1m or £2.5bn"
        ],
    ),
    Case(
        "zero years",
        """\
        name: Shared service
        start: 2016/17
        years: 0
        partners:
          - id: ssdc
            name: South Somerset
        """,
        ["{f}:3:8: years: the horizon is 1 to 125 years, not 0"],
    ),
    Case(
        "optimism bias where it does not belong",
        """\
        name: Uplifts
        start: 2016/17
        years: 3
        partners: [{id: a, name: A}]
        savings:
          - {name: Saving, annual: £1m, optimism_bias: 10%}
        costs:
          - {name: Licences, annual: £80k, optimism_bias: {category: standard_buildings}}
        one_off_costs:
          - {name: Office, amount: £1m, year: 2016/17, optimism_bias: {category: outsourcing}}
          - {name: ICT, amount: £1m, year: 2016/17, optimism_bias: {categry: outsourcing}}
        """,
        [
            "{f}:6:48: savings[0].optimism_bias: optimism bias raises costs (the Green Book's "
            "uplift): for a saving or income that may fall short, give `uncertainty` or "
            "`confidence` instead",
            "{f}:8:51: costs[0].optimism_bias: standard_buildings is a capital category, for "
            "one-off costs: for a recurring cost use outsourcing or a stated uplift such as 10%",
            "{f}:10:63: one_off_costs[0].optimism_bias: outsourcing is for recurring costs "
            "(operating expenditure): for a one-off cost use a capital category, such as "
            "standard_buildings or equipment_development, or a stated uplift such as 10%",
            "{f}:11:61: one_off_costs[1].optimism_bias.categry: unknown field 'categry' (give "
            "category and mitigation); did you mean 'category'?",
        ],
    ),
    Case(
        "fifty-one years",
        """\
        name: Shared service
        start: 2016/17
        years: 126
        partners:
          - id: ssdc
            name: South Somerset
        """,
        ["{f}:3:8: years: the horizon is 1 to 125 years, not 126"],
    ),
    Case(
        "years as a fraction",
        """\
        name: Shared service
        start: 2016/17
        years: 5.5
        partners:
          - id: ssdc
            name: South Somerset
        """,
        ["{f}:3:8: years: expected a whole number, got 5.5"],
    ),
    Case(
        "bad financial year",
        """\
        name: Shared service
        start: 2016/18
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        """,
        ["{f}:2:8: start: '2016/18' is not a financial year: the year after 2016 is 2016/17"],
    ),
    Case(
        "duplicate stream names",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
        savings:
          - name: Management
            annual: £1m
          - name: Management
            annual: £2m
        """,
        [
            "{f}:10:11: savings[1].name: 'Management' is already the name of savings[0]: "
            "names must be unique within a section"
        ],
    ),
    Case(
        "a budget_gap year key that is invalid",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
            budget_gap:
              2016/17: £1.0m
              2019/21: £4.1m
        """,
        [
            "{f}:9:7: partners[0].budget_gap.2019/21: '2019/21' is not a financial year: "
            "the year after 2019 is 2019/20"
        ],
    ),
    Case(
        "a budget_gap amount that is invalid",
        """\
        name: Shared service
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
            budget_gap: {2016/17: £1.0m, 2019/20: 4.1 million}
        """,
        [
            "{f}:7:43: partners[0].budget_gap.2019/20: '4.1 million' is not an amount of money: "
            "write pounds as 350000, £13,400, 350k, £4.1m or £2.5bn"
        ],
    ),
    Case(
        "several problems in one file, all reported in line order",
        """\
        name: Shared service
        kind: solo
        start: 2016/17
        years: 126
        partners:
          - id: SSDC
            name: South Somerset
        savings:
          - name: Management
            annual: -5
            confidence: 3.5
        one_off_costs:
          - name: Redundancy
            amount: abc
            year: 2016/18
        """,
        [
            "{f}:4:8: years: the horizon is 1 to 125 years, not 126",
            "{f}:6:9: partners[0].id: 'SSDC' is not a valid id: use lower-case letters, "
            "digits, _ and - (such as ssdc)",
            "{f}:10:13: savings[0].annual: money is never negative (got -5): "
            "the section it is in gives its sign",
            "{f}:11:17: savings[0].confidence: 3.5 is not a percentage: write 3.5% (with the "
            "% sign) or the fraction 0.035",
            "{f}:14:13: one_off_costs[0].amount: 'abc' is not an amount of money: write pounds "
            "as 350000, £13,400, 350k, £4.1m or £2.5bn",
            "{f}:15:11: one_off_costs[0].year: '2016/18' is not a financial year: the year "
            "after 2016 is 2016/17",
        ],
    ),
    Case(
        "several cross-field problems in one file, in line order whatever the section",
        """\
        name: Shared service
        kind: solo
        start: 2016/17
        years: 5
        partners:
          - id: ssdc
            name: South Somerset
          - id: sdc
            name: Sedgemoor
        one_off_costs:
          - name: Redundancy
            amount: £1m
            year: 2030/31
        savings:
          - name: Management
            annual: £1m
            share: mdc
        """,
        [
            "{f}:6:3: partners: a solo option has exactly one partner, this one has 2: "
            "use kind joint, alliance or shared_service for several",
            "{f}:13:11: one_off_costs[0].year: 2030/31 is after the horizon "
            "(2016/17 to 2020/21): `years: 15` would include it",
            "{f}:17:12: savings[0].share: 'mdc' is not a partner of this option "
            "(partners: ssdc, sdc)",
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_file(tmp_path: Path, case: Case) -> None:
    file = tmp_path / "badcase.yaml"
    file.write_text(textwrap.dedent(case.text), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(file)
    assert [str(p) for p in caught.value.problems] == [
        line.format(f=file) for line in case.expected
    ]
    # a bad file has errors; any warning beside them says so
    assert any(p.severity == "error" for p in caught.value.problems)
    assert all(
        (p.severity == "warning") == (": warning: " in str(p)) for p in caught.value.problems
    )


def test_case_ids_are_unique() -> None:
    assert len({case.id for case in CASES}) == len(CASES)


# --- extends ---------------------------------------------------------------------------------

BASE = """\
name: Base option
kind: joint
start: 2016/17
years: 5
discount_rate: 3.5%
partners:
  - id: ssdc
    name: South Somerset
  - id: sdc
    name: Sedgemoor
savings:
  - name: Management
    annual: £1m
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    return [str(p) for p in caught.value.problems]


def test_extends_merges_mappings_and_replaces_lists_and_scalars(tmp_path: Path) -> None:
    write(tmp_path, "extbase.yaml", BASE)
    child = write(
        tmp_path,
        "extchild.yaml",
        """\
        extends: extbase.yaml
        name: Child option
        description: Same partners, bigger saving
        savings:
          - name: Management and ICT
            annual: £1.5m
        """,
    )
    loaded = load_scenario(child)
    scenario = loaded.scenario
    assert loaded.file == str(child)
    assert loaded.warnings == []
    assert scenario.name == "Child option"  # scalar overridden
    assert scenario.description == "Same partners, bigger saving"  # added to the mapping
    assert scenario.kind == "joint"  # kept from the base
    assert scenario.discount_rate.contract == 0.035
    assert [p.id for p in scenario.partners] == ["ssdc", "sdc"]
    assert [(s.name, s.annual) for s in scenario.savings] == [("Management and ICT", 1_500_000.0)]


def test_extends_list_in_child_replaces_rather_than_appends(tmp_path: Path) -> None:
    write(tmp_path, "extbase2.yaml", BASE)
    child = write(
        tmp_path,
        "extchild2.yaml",
        """\
        extends: extbase2.yaml
        kind: solo
        partners:
          - id: ssdc
            name: South Somerset
        """,
    )
    scenario = load_scenario(child).scenario
    assert [p.id for p in scenario.partners] == ["ssdc"]
    assert scenario.kind == "solo"


def test_extends_chain_of_three(tmp_path: Path) -> None:
    write(tmp_path, "chain1.yaml", BASE)
    write(tmp_path, "chain2.yaml", "extends: chain1.yaml\nyears: 10\n")
    top = write(tmp_path, "chain3.yaml", "extends: chain2.yaml\nname: Third\n")
    scenario = load_scenario(top).scenario
    assert (scenario.name, scenario.years, scenario.start) == ("Third", 10, 2016)


def test_extends_path_is_relative_to_the_extending_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # ../shared is inside the working folder, so allowed
    (tmp_path / "shared").mkdir()
    (tmp_path / "options").mkdir()
    write(tmp_path / "shared", "relbase.yaml", BASE)
    child = write(tmp_path / "options", "relchild.yaml", "extends: ../shared/relbase.yaml\n")
    assert load_scenario(child).scenario.name == "Base option"


def test_problem_in_the_base_is_reported_at_the_base(tmp_path: Path) -> None:
    base = write(tmp_path, "badbase.yaml", BASE.replace("annual: £1m", "annual: lots"))
    child = write(tmp_path, "goodchild.yaml", "extends: badbase.yaml\nname: Child\n")
    assert load_problems(child) == [
        f"{base}:13:13: savings[0].annual: 'lots' is not an amount of money: write pounds as "
        "350000, £13,400, 350k, £4.1m or £2.5bn"
    ]


def test_problems_in_base_and_child_each_at_their_own_file(tmp_path: Path) -> None:
    base = write(tmp_path, "mixbase.yaml", BASE.replace("years: 5", "years: 0"))
    child = write(
        tmp_path,
        "mixchild.yaml",
        """\
        extends: mixbase.yaml
        discount_rate: 3.5
        """,
    )
    # each problem names its own file; compare as a set, the order across files is by line
    assert sorted(load_problems(child)) == sorted(
        [
            f"{child}:2:16: discount_rate: 3.5 is not a percentage: write 3.5% (with the % sign) "
            "or the fraction 0.035",
            f"{base}:4:8: years: the horizon is 1 to 125 years, not 0",
        ]
    )


def test_child_override_takes_the_childs_position(tmp_path: Path) -> None:
    write(tmp_path, "posbase.yaml", BASE)
    child = write(
        tmp_path,
        "poschild.yaml",
        """\
        extends: posbase.yaml
        savings:
          - name: Management
            annual: £1m
            share: mdc
        """,
    )
    assert load_problems(child) == [
        f"{child}:5:12: savings[0].share: 'mdc' is not a partner of this option "
        "(partners: ssdc, sdc)"
    ]


def test_extends_cycle_refused(tmp_path: Path) -> None:
    a = write(tmp_path, "cyclea.yaml", "extends: cycleb.yaml\nname: A\n")
    b = write(tmp_path, "cycleb.yaml", "name: B\nextends: cyclea.yaml\n")
    assert load_problems(a) == [
        f"{b}:2:10: extends: extends makes a cycle: cyclea.yaml -> cycleb.yaml -> cyclea.yaml"
    ]


def test_extends_itself_refused(tmp_path: Path) -> None:
    a = write(tmp_path, "selfext.yaml", "extends: selfext.yaml\n")
    assert load_problems(a) == [
        f"{a}:1:10: extends: extends makes a cycle: selfext.yaml -> selfext.yaml"
    ]


def test_missing_base_refused(tmp_path: Path) -> None:
    child = write(tmp_path, "orphan.yaml", "name: Orphan\nextends: nothere.yaml\n")
    assert load_problems(child) == [
        f"{child}:2:10: extends: the base file nothere.yaml does not exist "
        f"(looked for {(tmp_path / 'nothere.yaml').resolve()})"
    ]


def test_extends_must_name_a_file(tmp_path: Path) -> None:
    child = write(tmp_path, "extendsnum.yaml", "name: X\nextends: [a.yaml, b.yaml]\n")
    assert load_problems(child) == [
        f"{child}:2:10: extends: extends names a base file, such as `extends: base.yaml`"
    ]


def test_base_that_is_not_a_mapping_refused(tmp_path: Path) -> None:
    base = write(tmp_path, "listbase.yaml", "- a\n- b\n")
    child = write(tmp_path, "listchild.yaml", "extends: listbase.yaml\n")
    assert load_problems(child) == [f"{base}:1:1: a base scenario file is a mapping of fields"]


def test_yaml_error_in_base_names_the_base(tmp_path: Path) -> None:
    base = write(tmp_path, "dupbase.yaml", BASE + "years: 6\n")
    child = write(tmp_path, "dupchild.yaml", "extends: dupbase.yaml\n")
    assert load_problems(child) == [
        f"{base}:14:1: duplicate key 'years' (first given on line 4): give each key once"
    ]
