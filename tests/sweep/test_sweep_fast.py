"""The batched sweep (combinations applied to the validated scenario, projected as draws of
one plan) against the document path (each combination written into the data, validated
whole, compiled and run alone): the same JSON, CSV, table, warnings and errors, byte for
byte, on seeded random grids over the bundled scenarios and a file with every kind of item
(risks, income, costs with optimism bias, price indices, funding, a part-cashable saving).
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from bizcase.appraisal import sweep_batch
from bizcase.appraisal.sweep import run_sweep
from bizcase.io import sweep_edits
from bizcase.io.loader import read_scenario_document
from bizcase.io.sweep import parse_settings
from bizcase.io.sweep_edits import Editor
from bizcase.problems import InputError
from bizcase.render.sweep_out import render_sweep_csv, render_sweep_json, sweep_table
from bizcase.results.sweep import Sweep

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

EVERY_KIND = """\
    name: Every kind of item
    kind: joint
    start: 2020/21
    years: 6
    discount_rate: 3.5%
    prices:
      indices: {pay: 2%, contracts: {2021/22: 1%, 2023/24: 3%}}
      deflator: 2%
    partners:
      - {id: a, name: A, budget_gap: {2020/21: £1m, 2022/23: £3m},
         reserves: {opening: £5m, minimum: £1m}, capital_receipts: {2020/21: £400k}}
      - {id: b, name: B, budget_gap: £0.5m, reserves: {opening: £2m, minimum: £0.5m}}
      - {id: c, name: C}
    savings:
      - {name: Staff, annual: £900k, from: 2021/22, ramp: [30%, 70%], index: pay,
         share: {a: 50%, b: 30%, c: 20%}}
      - {name: Time released, annual: £250k, cashable: 40%, confidence: 80%, until: 2024/25}
    income:
      - {name: Trading, annual: £120k, from: 2022/23, share: a}
    costs:
      - {name: Contract, annual: £200k, index: contracts, optimism_bias: 10%}
    one_off_costs:
      - {name: Redundancy, amount: £1.2m, phasing: {2020/21: 60%, 2021/22: 40%},
         funded_by: capital_receipts, share: {a: 70%, b: 30%}}
      - {name: ICT, amount: £300k, year: 2021/22, funded_by: grant}
    risks:
      - {name: Delay, probability: 30%, impact: £400k, year: 2021/22}
      - {name: Running, probability: 20%, annual: £50k, from: 2022/23, until: 2024/25,
         index: pay}
    """


def many_streams() -> str:
    """40 savings of awkward amounts and shares: long sums, where the order in which a
    product adds them up shows in the last bits."""
    head = "name: Many\nkind: joint\nstart: 2020/21\nyears: 7\ndiscount_rate: 3.7%\n"
    partners = "partners:\n  - {id: a, name: A, budget_gap: £3.3m}\n  - {id: b, name: B}\n"
    items = "".join(
        f"  - {{name: S{i}, annual: {1000 + 7919 * i}.{i % 97:02d}, ramp: [{13 + i}%], "
        f"share: {{a: {17 + i}%, b: {83 - i}%}}, from: {2020 + i % 3}}}\n"
        for i in range(40)
    )
    cost = "one_off_costs:\n  - {name: C, amount: £2.9m, year: 2021/22}\n"
    return head + partners + "savings:\n" + items + cost


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("fast")
    (folder / "every.yaml").write_text(textwrap.dedent(EVERY_KIND), encoding="utf-8")
    (folder / "many.yaml").write_text(many_streams(), encoding="utf-8")
    bundled = sorted(str(p) for p in SCENARIOS.glob("*.yaml"))
    return [*bundled, str(folder / "every.yaml"), str(folder / "many.yaml")]


MONEY = ["£{k}k", "{n}", "{n}.37", "£{m}m", "£{k}k..£{k2}k:3", "-£5k", "nothing", "0"]
PERCENT = ["{p}%", "0.{p}", "{p}%..{p2}%:3", "150%", "-5%", "100%", "0%", "half"]


def values(rng: random.Random, field: str, years: list[int]) -> str:
    """A few values for a field: mostly valid, now and then not (to compare errors)."""
    if field in ("from", "until", "year"):
        picks = [f"{y}/{(y + 1) % 100:02d}" for y in [years[0] - 1, *years, years[-1] + 1]]
        chosen = rng.sample(picks, k=min(len(picks), rng.randint(1, 3)))
        return ",".join(chosen if rng.random() > 0.05 else [*chosen, "soon"])
    kinds = MONEY if field in ("annual", "amount", "impact") else PERCENT
    out = []
    for _ in range(rng.randint(1, 3)):
        kind = kinds[0] if rng.random() < 0.5 else rng.choice(kinds)
        n = rng.randint(1, 900)
        p, k2 = n % 99, n + rng.randint(1, 500)
        out.append(kind.format(k=n, k2=k2, m=n / 100, n=n * 1013, p=p, p2=p + rng.randint(1, 30)))
    ranges = [v for v in out if ".." in v]
    return ranges[0] if ranges else ",".join(dict.fromkeys(out))


def fields_of(section: str, item: dict[str, Any]) -> Iterator[str]:
    """The amount and timing paths inside one item (relative to it)."""
    for key in ("annual", "amount", "impact", "probability", "confidence", "from", "until"):
        if key in item or (key == "confidence" and section in ("savings", "income", "costs")):
            yield f".{key}"
    if "year" in item:
        yield ".year"
    for i, _ in enumerate(item.get("ramp", [])):
        yield f".ramp[{i}]"
    for year in item.get("phasing", {}):
        yield f'.phasing["{year}"]'


def random_grid(rng: random.Random, data: dict[str, Any]) -> list[str]:
    start = int(str(data["start"])[:4])
    years = list(range(start, start + int(data["years"])))
    paths = [
        f"{section}[{i}]{field}"
        for section in sweep_edits.ITEM_MODELS
        for i, item in enumerate(data.get(section) or [])
        for field in fields_of(section, item)
    ]
    chosen = rng.sample(paths, k=min(len(paths), rng.choice([1, 1, 2, 2, 3])))
    return [f"{p}={values(rng, p.rsplit('.', 1)[-1].split('[')[0], years)}" for p in chosen]


def outcome(file: str, sets: list[str], partner: str | None, fast: bool) -> tuple[str, ...]:
    """Everything a user can see of a sweep: the three formats and the warnings, or the
    error's problems."""
    try:
        sweep = run_sweep(file, sets, partner, fast=fast)
    except InputError as exc:
        return ("error", *(str(p) for p in exc.problems))
    return (render_sweep_json(sweep), render_sweep_csv(sweep), table(sweep), *warnings(sweep))


def table(sweep: Sweep) -> str:
    console = Console(width=400, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(sweep_table(sweep))
    return console.export_text()


def warnings(sweep: Sweep) -> list[str]:
    return [str(w) for w in sweep.warnings]


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many combinations the batched path projected, and how many it sent the
    document way: so a test can tell which path it compared."""
    counts = {"batched": 0, "document": 0}
    batched, document = sweep_batch.project, sweep_edits.validate_with

    def project(plan: Any, draws: Any = None) -> Any:
        counts["batched"] += draws.count
        return batched(plan, draws)

    def validate_with(*args: Any) -> Any:
        counts["document"] += 1
        return document(*args)

    monkeypatch.setattr(sweep_batch, "project", project)
    monkeypatch.setattr(sweep_edits, "validate_with", validate_with)
    return counts


@pytest.mark.parametrize("seed", range(12))
def test_batched_sweeps_equal_the_document_path_on_random_grids(
    files: list[str], seed: int, spied: dict[str, int]
) -> None:
    rng = random.Random(seed)
    compared = valid = 0
    for _ in range(8):
        file = rng.choice(files)
        data = read_scenario_document(file).data
        sets = random_grid(rng, data)
        partner = rng.choice([None, "total", *(p["id"] for p in data["partners"])])
        fast = outcome(file, sets, partner, fast=True)
        assert fast == outcome(file, sets, partner, fast=False), (file, sets, partner)
        compared += 1
        valid += fast[0] != "error"
    assert compared == 8 and valid >= 2  # each seed compares some figures, not only errors
    assert spied["batched"] > 0


def test_the_bundled_joint_option_on_a_large_grid(spied: dict[str, int]) -> None:
    file = str(SCENARIOS / "ssdc-sdc-joint-cash.yaml")
    sets = ["savings[1].annual=£0.5m..£2m:16", "one_off_costs[2].amount=£0..£1m:11"]
    for partner in (None, "ssdc"):
        assert outcome(file, sets, partner, True) == outcome(file, sets, partner, False)
    assert spied == {"batched": 2 * 176, "document": 0}


def test_the_batch_is_split_without_changing_a_figure(
    monkeypatch: pytest.MonkeyPatch, spied: dict[str, int]
) -> None:
    file = str(SCENARIOS / "ssdc-sdc-joint.yaml")
    sets = ["savings[0].annual=£0.5m..£1m:7", "savings[2].ramp[0]=10%..90%:5"]
    whole = outcome(file, sets, None, True)
    monkeypatch.setattr(sweep_batch, "MAX_BATCH", 4)  # 35 combinations in 9 batches
    assert outcome(file, sets, None, True) == whole == outcome(file, sets, None, False)
    assert spied["batched"] == 2 * 35


def test_an_invalid_value_is_reported_as_the_document_path_reports_it(
    spied: dict[str, int],
) -> None:
    file = str(SCENARIOS / "ssdc-sdc-joint.yaml")
    for sets in (
        ["savings[0].annual=£1m,-£1m"],  # the item's own rule
        ["one_off_costs[2].year=2016/17,2030/31"],  # a whole-scenario rule: the horizon
        ["savings[0].annual=£1m,£2m", "savings[0].ramp[0]=50%,150%"],  # the second --set
    ):
        fast = outcome(file, sets, None, True)
        assert fast[0] == "error"
        assert fast == outcome(file, sets, None, False)
    assert spied["document"] >= 3


@pytest.mark.parametrize(
    ("sets", "batched"),
    [
        (["savings[0].annual=£1m", "one_off_costs[0].phasing['2016/17']=50%"], True),
        (["risks[0].probability=10%"], True),
        (["years=3,4"], False),
        (["discount_rate=1%"], False),
        (["savings[0].share.ssdc=40%"], False),
        (["savings[0].index=contracts"], False),
        (["one_off_costs[0].funded_by=grant"], False),
        (["prices.indices.pay=3%"], False),
        (["savings[0].annual=£1m", "partners[ssdc].budget_gap['2019/20']=£4m"], False),
    ],
)
def test_which_settings_are_batched(sets: list[str], batched: bool) -> None:
    data = {
        **read_scenario_document(SCENARIOS / "ssdc-sdc-joint-cash.yaml").data,
        "risks": [{"name": "R", "probability": "5%", "impact": "£1m", "year": 2017}],
    }
    assert Editor.applies(parse_settings(sets, data)) is batched
